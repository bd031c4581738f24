import { defineConfig } from 'vitest/config';

// Unit layers: shared (pure), main services (fake ports), db (fake-indexeddb), renderer stores,
// and the fakes' own behaviour (test/fakes).
// The adapter tests run once per desktop profile of the `electron` stand-in
// (test/main/adapters/fakeElectron.ts): what differs between platforms is tested where it differs.
// The e2e suite in real Chromium has its own config: vitest.e2e.config.ts.
const PROFILES = ['darwin', 'win32', 'linux-x11', 'linux-wayland'];
const ADAPTERS = 'test/main/adapters/**/*.test.ts';

export default defineConfig({
  test: {
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/{shared,main,db,renderer,tooling,fakes}/**/*.test.ts'],
          exclude: [ADAPTERS],
          env: { TZ: 'Europe/Berlin' },
        },
      },
      ...PROFILES.map((profile) => ({
        extends: true as const,
        test: {
          name: `adapters:${profile}`,
          include: [ADAPTERS],
          env: { TZ: 'Europe/Berlin', KINETIC_FAKE_PROFILE: profile },
        },
      })),
    ],
  },
});
