// Mutation testing of the code that decides money and rights (`npm run mutate`; not part of
// `npm test`: it runs the unit tests once per mutant). Incremental: a second run re-tests only
// the mutants in code or tests changed since the last one (reports/stryker-incremental.json).
// The tests it runs import src/ directly: tests through dist/Code.js cannot see a mutant.

// MUTATE_TESTS=a.test.ts,b.test.ts (paths from the project root) runs only those tests: a quicker run
// whose score is what those tests alone catch.
const onlyTests = (process.env.MUTATE_TESTS ?? '').split(',').filter((t) => t.trim() !== '');

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
      testMatch: onlyTests.length > 0 ? onlyTests.map((t) => `<rootDir>/${t.trim()}`) : ['**/*.test.ts'],
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
  // the targets: at least 90 % on src/domain and src/adapter (high), 80 % on the rest (low); the report
  // colours each file by them. No break: the run reports, it does not fail a build (it is not in CI).
  thresholds: { high: 90, low: 80, break: null },
  concurrency: 1,
  timeoutMS: 30000,
  ignoreStatic: true,
  tempDirName: '.stryker-tmp',
};
