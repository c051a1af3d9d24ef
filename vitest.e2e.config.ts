// End-to-end tests in real VS Code (code-server + Chromium): `npm run test:e2e`.
// The default `vitest run` (npm test) never sees these files: its include matches *.test.ts /
// *.spec.ts, and these are *.e2e.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    // One workbench at a time: each file starts its own code-server and Chromium, and two at
    // once on a 2-core machine only make both slow.
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    // A failed end-to-end test is never retried: a flaky one must be fixed, not hidden.
    retry: 0,
    reporters: ['default'],
  },
});
