import { defineConfig } from 'vitest/config';

// Unit layers: shared (pure), main services (fake ports), db (fake-indexeddb), renderer stores.
// The e2e suite in real Chromium has its own config: vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ['test/{shared,main,db,renderer}/**/*.test.ts'],
    environment: 'node',
    env: { TZ: 'Europe/Berlin' },
    setupFiles: ['test/setup.ts'],
    reporters: ['default'],
  },
});
