// Unit tests of the command-line tools (*.spec.js and *.spec.ts beside them).
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'tools',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.{js,ts}'],
};
