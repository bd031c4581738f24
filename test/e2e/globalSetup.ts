import { findChromium } from './harness/chromium';
import { assertBuilt, bridgeScript } from './harness/harness';

/** Finds (or gets) a Chromium before any test, and fails early when the renderer is not built. */
export default async function setup(): Promise<void> {
  const path = findChromium();
  process.stderr.write(`[kinetic e2e] Chromium: ${path}\n`);
  assertBuilt();
  await bridgeScript();
}
