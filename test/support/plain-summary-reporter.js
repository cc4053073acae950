// Jest reporter that ends the run with one plain line, alone, for CI to read:
//   jest: 212 passed, 0 failed
//   jest: 210 passed, 1 failed, 1 skipped
// Counts are tests (not files); a test file that fails to run at all counts as one failed test, so a
// broken suite can never read as "0 failed". Used beside Jest's default reporter (jest.config.js).
"use strict";

class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const passed = results.numPassedTests;
    const skipped = results.numPendingTests + results.numTodoTests;
    const brokenFiles = results.testResults.filter((file) => file.testExecError || (file.failureMessage && file.numFailingTests === 0)).length;
    const failed = results.numFailedTests + brokenFiles;
    const line = `jest: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`;
    // Jest's summary reporter runs after custom reporters; print when the process ends so this line is last.
    process.once("exit", () => process.stdout.write(`\n${line}\n`));
  }
}

module.exports = PlainSummaryReporter;
