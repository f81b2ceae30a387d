// End-to-end suite: real Chromium (playwright-core, the system /usr/bin/chromium) against `wrangler dev`
// on a fresh local D1 with the demo seed, started by the suite itself (test/e2e/dev-server.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
