// Mutation testing of the code that decides money and rights (`npm run mutate`; not part of
// `npm test`: it runs the unit tests once per mutant). Incremental: a second run re-tests only
// the mutants in code or tests changed since the last one (reports/stryker-incremental.json).
// The tests it runs import src/ directly: tests through dist/Code.js cannot see a mutant.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [
    'src/domain/**/*.ts',
    'src/adapter/**/*.ts',
    'src/functions/**/*.ts',
    'src/server/crm/edit-enforcement.ts',
    'src/server/payroll/payroll-sheet-plan.ts',
    'src/server/payroll/compute-month.ts',
    'src/server/payroll/close-month.ts',
  ],
  jest: {
    projectType: 'custom',
    config: {
      testEnvironment: 'node',
      rootDir: '.',
      roots: ['<rootDir>/test/unit'],
      testMatch: ['**/*.test.ts'],
      setupFiles: ['<rootDir>/test/unit/stryker-setup.ts'],
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json', diagnostics: false }] },
    },
    enableFindRelatedTests: true,
  },
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'html', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  thresholds: { high: 90, low: 80, break: null },
  concurrency: 1,
  timeoutMS: 30000,
  ignoreStatic: true,
  tempDirName: '.stryker-tmp',
};
