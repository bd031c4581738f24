/**
 * The op log seen by a user: the browser storage is reset between two runs, and the main window
 * comes back with every task, saying once what happened.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MainRig, OwnedChromium } from './harness/harness';
import { freshProfileDir } from './harness/chromium';

describe('a reset of the browser storage', () => {
  it('is rebuilt from the log: the main window shows the next action and says once what happened', async () => {
    const rig = await MainRig.start();
    const profile = freshProfileDir('kinetic-oplog-');
    try {
      let browser = await OwnedChromium.launch(profile);
      await rig.wire(browser.context());
      const qa = await rig.openIn(browser.context(), 'quickAdd');
      const input = qa.getByRole('textbox', { name: 'New task' });
      for (const title of ['water the plants', 'call Sam !1', 'book the train']) {
        const saved = rig.invokes.length;
        await input.fill(title);
        await input.press('Enter');
        await expect.poll(() => rig.invokes.slice(saved).some((r) => r.channel === 'window:hide')).toBe(true);
      }
      await browser.close();
      // As Chromium does when it finds the database corrupt: the whole folder is gone.
      rmSync(join(profile, 'Default/IndexedDB'), { recursive: true, force: true });

      browser = await OwnedChromium.launch(profile);
      await rig.wire(browser.context());
      const main = await rig.openIn(browser.context(), 'main');
      await expect.poll(() => main.getByText('call Sam').first().isVisible(), { timeout: 15_000 }).toBe(true);
      const notice = main.getByRole('status').filter({ hasText: "restored from Kinetic's own log" });
      await expect.poll(() => notice.count()).toBe(1);
      expect(await notice.textContent()).toBe(
        "Your tasks were restored from Kinetic's own log after the browser storage was reset.",
      );
      await browser.close();
    } finally {
      await rig.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 120_000);
});
