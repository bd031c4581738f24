import { defineConfig } from 'vitest/config';

// The real renderer in real Chromium, wired to the real main-process handlers (test/e2e/harness).
// `npm run test:e2e` builds the renderer first.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // A real browser renders asynchronously: polled expectations get a few seconds.
    expect: { poll: { timeout: 5_000, interval: 50 } },
    reporters: ['default'],
  },
});
