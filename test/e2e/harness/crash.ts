/**
 * The durability check: save from the quick-add page, SIGKILL the whole browser the moment the
 * save reports success (the window asks to hide, which it does only after the write committed),
 * relaunch with the same profile, and look for every task saved so far.
 */
import { rmSync } from 'node:fs';
import { MainRig, OwnedChromium } from './harness';
import { freshProfileDir } from './chromium';

export interface CrashResult {
  rounds: number;
  lost: number;
  /** Titles saved but not found after the crash. */
  missing: string[];
}

/** Every task title in the app's database, read with the raw IndexedDB API. */
const READ_TITLES = `new Promise((resolve, reject) => {
  const open = indexedDB.open('kinetic');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains('tasks')) { db.close(); resolve([]); return; }
    const request = db.transaction('tasks', 'readonly').objectStore('tasks').getAll();
    request.onsuccess = () => { db.close(); resolve(request.result.map((t) => t.title)); };
    request.onerror = () => reject(request.error);
  };
})`;

export async function runCrashRounds(
  rounds: number,
  progress: (round: number, lost: number) => void = () => undefined,
): Promise<CrashResult> {
  const rig = await MainRig.start();
  const profile = freshProfileDir('kinetic-crash-');
  const saved: string[] = [];
  const missing = new Set<string>();
  try {
    for (let round = 1; round <= rounds + 1; round++) {
      const browser = await OwnedChromium.launch(profile);
      try {
        const context = browser.context();
        await rig.wire(context);
        const page = await rig.openIn(context, 'quickAdd');

        // What survived the previous crash?
        const titles = new Set(await page.evaluate<string[]>(READ_TITLES));
        for (const title of saved) if (!titles.has(title)) missing.add(title);
        progress(round - 1, missing.size);
        if (round > rounds) break;

        const title = `crash round ${round} ${Math.random().toString(36).slice(2, 8)}`;
        const input = page.getByRole('textbox', { name: 'New task' });
        await input.fill(title);
        const reportedSaved = new Promise<void>((resolve) => {
          rig.onInvoke = (record) => {
            if (record.channel === 'window:hide') resolve();
          };
        });
        await input.press('Enter');
        await reportedSaved;
        // The save was reported: pull the plug at once.
        await browser.kill();
        saved.push(title);
      } finally {
        rig.onInvoke = () => undefined;
        await browser.kill();
      }
    }
  } finally {
    await rig.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return { rounds, lost: missing.size, missing: [...missing] };
}
