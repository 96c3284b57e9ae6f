/** Prints the closing line CI reads: `N passed, N failed` (with `, N skipped` when any). */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of testModules) {
      let any = false;
      for (const t of m.children.allTests()) {
        any = true;
        const s = t.result().state;
        if (s === 'passed') passed++;
        else if (s === 'failed') failed++;
        else skipped++;
      }
      // a file that failed to load has no tests, and a failing beforeAll/afterAll skips its
      // tests: either must count as a failure
      if (
        m.state() === 'failed' &&
        (!any || ![...m.children.allTests()].some((t) => t.result().state === 'failed'))
      )
        failed++;
    }
    failed += unhandledErrors.length;
    setImmediate(() => {
      process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
    });
  }
}
