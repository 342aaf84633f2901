module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'propagation',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
