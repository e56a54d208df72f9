import { existsSync, readFileSync } from "node:fs";

function readJson(file) {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/**
 * Counts from Vitest's JSON report. A file that failed without a failing test (import error, hook
 * error) counts as one failure; so does a non-zero exit with nothing failed (unhandled errors), and
 * a missing report (the run crashed).
 */
export function vitestCounts(file, exitCode) {
  const report = readJson(file);
  if (!report) return { passed: 0, failed: 1, skipped: 0, note: "no JSON report: the run crashed" };
  let failed = report.numFailedTests ?? 0;
  for (const suite of report.testResults ?? []) {
    const failedTests = (suite.assertionResults ?? []).filter((a) => a.status === "failed").length;
    if (suite.status === "failed" && failedTests === 0) failed += 1;
  }
  const note = exitCode !== 0 && failed === 0 ? `exit code ${exitCode} with no failed test (unhandled error?)` : undefined;
  if (note) failed = 1;
  return { passed: report.numPassedTests ?? 0, failed, skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0), note };
}

/** Counts from Playwright's JSON report; errors outside tests (global setup) count as failures. */
export function playwrightCounts(file, exitCode) {
  const report = readJson(file);
  if (!report?.stats) return { passed: 0, failed: 1, skipped: 0, note: "no JSON report: the run crashed" };
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  let failed = unexpected;
  const errors = report.errors ?? [];
  if (failed === 0 && errors.length > 0) failed = errors.length;
  const note = exitCode !== 0 && failed === 0 ? `exit code ${exitCode} with no failed test` : undefined;
  if (note) failed = 1;
  return { passed: expected + flaky, failed, skipped, note };
}
