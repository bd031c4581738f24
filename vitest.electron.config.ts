import { defineConfig } from 'vitest/config';

// Real Electron (`npm run test:electron`, CI only): the built app launched with Playwright.
export default defineConfig({
  test: {
    include: ['test/electron/**/*.electron.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    expect: { poll: { timeout: 15_000, interval: 100 } },
    reporters: ['default'],
  },
});
