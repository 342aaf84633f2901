import nx from '@nx/eslint-plugin';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: ['**/dist', '**/node_modules', '**/.data', '**/.bin', '**/.nx', '**/coverage'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          // Only tests import @rod/testing (rule below), and testing stands on platform:
          // messaging's integration tests close a cycle that exists in tests alone.
          ignoredCircularDependencies: [['messaging', 'testing']],
          depConstraints: [
            // Apps talk only through the broker: they use the libraries, never each other.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            // The contract is the bottom layer: it depends on nothing of ours.
            { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'scope:messaging',
              onlyDependOnLibsWithTags: ['scope:contracts'],
            },
            // Test support stands on top of everything; only tests import it (rule below).
            { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['type:lib'] },
            // Service plumbing (config, logs, health, metrics) on top of messaging.
            {
              sourceTag: 'scope:platform',
              onlyDependOnLibsWithTags: ['scope:contracts', 'scope:messaging'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        // Nest resolves constructor parameters from emitted metadata, so injected
        // classes must stay value imports.
        {
          prefer: 'type-imports',
          fixStyle: 'separate-type-imports',
          disallowTypeAnnotations: false,
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@rod/testing',
              message: 'test support is for *.int-spec.ts and *.e2e-spec.ts files only',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.ts'],
    rules: {
      // Tests sit outside the production graph: they may use @rod/testing, which uses
      // every library, without that counting as a dependency of the code under test.
      '@nx/enforce-module-boundaries': 'off',
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortSignal: 'readonly',
        AbortController: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  prettier,
);
