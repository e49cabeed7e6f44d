/** Unit, runtime and bundle tests run in Node; browser tests are a separate project (they start Chromium). */
// Tests run in the script's time zone (appsscript.json), as Apps Script runs the code.
process.env.TZ = 'Europe/Moscow';

const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
};

module.exports = {
  reporters: ['default', '<rootDir>/test/reporters/summary-line.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/test', '<rootDir>/src', '<rootDir>/local'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/test/browser/'],
      transform,
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/browser'],
      testMatch: ['**/*.test.ts'],
      transform,
    },
  ],
};
