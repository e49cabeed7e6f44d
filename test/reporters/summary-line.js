/**
 * Prints one plain closing line, «Tests: N passed, N failed, N skipped», as the
 * very last line of a jest run (after jest's own summary), so any reader of the
 * log, CI included, sees the outcome.
 */
class SummaryLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `Tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    // jest prints its summary after every custom reporter has finished; exit comes later still.
    process.once('exit', () => process.stderr.write(line));
  }
}

module.exports = SummaryLineReporter;
