// `npm test` (vitest run): every *.test.ts, after a check that the real tools they run exist.
// The end-to-end suite has its own config (vitest.e2e.config.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    // Set-up hooks start real tools (php, the server, vsce); on a loaded CI machine 10 s is not enough.
    hookTimeout: 60_000,
  },
});
