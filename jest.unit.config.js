// Every project's fast unit tests (*.spec.ts) in one run; `nx test <project>` runs one project's.
module.exports = {
  projects: [
    '<rootDir>/libs/contracts',
    '<rootDir>/libs/messaging',
    '<rootDir>/libs/platform',
    '<rootDir>/apps/register',
    '<rootDir>/apps/propagation',
    '<rootDir>/apps/reporting',
    '<rootDir>/tools',
  ],
};
