// Shared jest settings: SWC compiles TypeScript (with decorator metadata for Nest),
// and the @rod/* path aliases of tsconfig.base.json resolve to the libraries' sources.
const path = require('node:path');

const root = __dirname;

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: {
            legacyDecorator: true,
            decoratorMetadata: true,
            useDefineForClassFields: false,
          },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['reflect-metadata'],
  moduleNameMapper: {
    '^@rod/contracts$': path.join(root, 'libs/contracts/src/index.ts'),
    '^@rod/messaging$': path.join(root, 'libs/messaging/src/index.ts'),
    '^@rod/platform$': path.join(root, 'libs/platform/src/index.ts'),
    '^@rod/testing$': path.join(root, 'libs/testing/src/index.ts'),
  },
};
