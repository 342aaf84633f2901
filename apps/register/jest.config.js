module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'register',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
