/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type-checking is done once by `tsc --noEmit` in `npm test`; tests only transpile.
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  // The default report, then one plain line `jest: N passed, N failed[, N skipped]` that CI reads.
  reporters: ['default', '<rootDir>/test/support/plain-summary-reporter.js'],
};
