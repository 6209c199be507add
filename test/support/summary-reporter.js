/**
 * Prints one plain closing line, `jest: N passed, N failed, N skipped`, after Jest's own summary, so
 * CI logs state the counts in a form any reader (human or tool) can pick out.
 */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`\njest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
