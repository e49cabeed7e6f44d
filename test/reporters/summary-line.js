/**
 * Prints one plain closing line, «Tests: N passed, N failed, N skipped», after
 * jest's own summary, so any reader of the log (CI included) sees the outcome.
 */
class SummaryLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stderr.write(`\nTests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

module.exports = SummaryLineReporter;
