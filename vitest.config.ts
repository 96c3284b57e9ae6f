import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// key files of the embedded database are created outside DATA_DIR, in the user's configuration
// folder (decision 018): tests and the servers they start keep theirs in a temporary one
// and every JSON answer is checked against its contract schema (src/http/openapi.ts)
const env = { XDG_CONFIG_HOME: join(tmpdir(), 'simpul-test-config'), SIMPUL_CHECK_RESPONSES: '1' };

export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          env,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          env,
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
