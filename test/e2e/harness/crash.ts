/**
 * The durability check: save from the quick-add page, SIGKILL the whole browser the moment the
 * save reports success (the window asks to hide, which it does only after the write committed),
 * relaunch with the same profile, and look for every task saved so far.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { MainRig, OwnedChromium } from './harness';
import { freshProfileDir } from './chromium';

export interface CrashResult {
  rounds: number;
  lost: number;
  /** Titles saved but not found after the crash. */
  missing: string[];
  /**
   * When something was missing: at which relaunches, how many tasks each found, and the profile's
   * storage as the first of them found it (describeStorage). Empty when nothing was lost.
   */
  diagnosis: string;
}

/**
 * The profile's storage: every file under its IndexedDB and WebStorage folders with its size, and
 * the text of LevelDB's own logs there, which say whether it recovered, repaired or started anew.
 */
export function describeStorage(profile: string): string {
  const lines: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      let size: number;
      try {
        const stat = statSync(path);
        if (stat.isDirectory()) {
          walk(path);
          continue;
        }
        size = stat.size;
      } catch {
        continue; // gone meanwhile
      }
      lines.push(`${relative(profile, path)} (${size} bytes)`);
      if (/^LOG(\.old)?$/.test(name)) {
        for (const line of readFileSync(path, 'utf8').trim().split('\n')) lines.push(`    ${line}`);
      }
    }
  };
  for (const dir of ['Default/IndexedDB', 'Default/WebStorage']) {
    if (existsSync(join(profile, dir))) walk(join(profile, dir));
    else lines.push(`${dir}: none`);
  }
  return lines.join('\n');
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

export interface CrashOptions {
  /**
   * After each kill, delete the profile's IndexedDB folder, as Chromium does when it finds its
   * database corrupt: every task must come back from Kinetic's op log.
   */
  deleteDatabase?: boolean;
  progress?: (round: number, lost: number) => void;
}

/** How long a relaunched window may take to take back from the log what IndexedDB lost. */
const RECOVERY_MS = 20_000;

/** The titles in the database once all of `expected` are there, or as they are after RECOVERY_MS. */
async function titlesAfterRecovery(page: Page, expected: readonly string[]): Promise<Set<string>> {
  const until = Date.now() + RECOVERY_MS;
  for (;;) {
    const titles = new Set(await page.evaluate<string[]>(READ_TITLES));
    if (expected.every((title) => titles.has(title)) || Date.now() > until) return titles;
    await page.waitForTimeout(100);
  }
}

export async function runCrashRounds(rounds: number, options: CrashOptions = {}): Promise<CrashResult> {
  const progress = options.progress ?? (() => undefined);
  const rig = await MainRig.start();
  const profile = freshProfileDir('kinetic-crash-');
  const saved: string[] = [];
  const missing = new Set<string>();
  const diagnosis: string[] = [];
  try {
    for (let round = 1; round <= rounds + 1; round++) {
      const browser = await OwnedChromium.launch(profile);
      try {
        const context = browser.context();
        await rig.wire(context);
        const page = await rig.openIn(context, 'quickAdd');

        // What survived the previous crash?
        const titles = await titlesAfterRecovery(page, saved);
        const gone = saved.filter((title) => !titles.has(title));
        for (const title of gone) missing.add(title);
        if (gone.length > 0) {
          const first = diagnosis.length === 0;
          diagnosis.push(
            `after crash ${round - 1}: ${titles.size} tasks found, missing ${gone.map((t) => `"${t}"`).join(', ')}`,
          );
          if (first) diagnosis.push(describeStorage(profile));
        }
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
        if (options.deleteDatabase)
          rmSync(join(profile, 'Default/IndexedDB'), { recursive: true, force: true });
      } finally {
        rig.onInvoke = () => undefined;
        await browser.kill();
      }
    }
  } finally {
    await rig.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return { rounds, lost: missing.size, missing: [...missing], diagnosis: diagnosis.join('\n') };
}
