/**
 * `npm run screenshots`: renders every window with realistic demo data in real Chromium, through
 * the same harness as the e2e tests (real renderer, real main-process handlers), and writes PNGs
 * to docs/screenshots/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Harness, ROOT, bundleForPage } from '../test/e2e/harness/harness';
import { demoData } from './demo/demoData';

const OUT = join(ROOT, 'docs/screenshots');
// Friday 27 November 2026, 10:40 — a working morning.
const NOW = new Date(2026, 10, 27, 10, 40).getTime();

async function seed(page: Page, now: number): Promise<void> {
  await page.evaluate(await bundleForPage('scripts/demo/seedPage.ts'));
  const count = await page.evaluate(
    (data) => (window as unknown as { __seedDemo: (d: typeof data) => Promise<number> }).__seedDemo(data),
    demoData(now),
  );
  if (count < 10) throw new Error('Demo data was not written');
}

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  console.log(`wrote docs/screenshots/${name}.png`);
}

/** A shot of a page taller than its window (`ready` runs once it is that tall); then the size is back. */
async function tallShot(
  page: Page,
  name: string,
  height: number,
  ready?: () => Promise<void>,
): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: size?.width ?? 760, height });
  await ready?.();
  await shot(page, name);
  if (size) await page.setViewportSize(size);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const h = await Harness.start({ startAt: NOW });
  try {
    const main = await h.open('main');
    // A new user's first look: the empty state, naming the capture shortcut.
    await main.getByText('Nothing waiting. A clean start.').waitFor();
    await main.getByText('from anywhere').waitFor();
    await shot(main, 'empty');
    await seed(main, NOW);
    await main.reload();
    await main.getByTestId('next-action-title').waitFor();
    await shot(main, 'main');
    await main.emulateMedia({ colorScheme: 'dark' });
    await shot(main, 'main-dark');
    await main.emulateMedia({ colorScheme: 'light' });
    // E: the next action's title, selected, ready to be typed over.
    await main.keyboard.press('e');
    await main.getByRole('textbox', { name: 'Edit the title' }).waitFor();
    await shot(main, 'edit');
    await main.keyboard.press('Escape');

    const quickAdd = await h.open('quickAdd');
    await quickAdd.setViewportSize({ width: 620, height: 172 });
    await quickAdd.getByRole('textbox', { name: 'New task' }).fill('call Sam tomorrow 5pm ~15m #work !1');
    await shot(quickAdd, 'quick-add');

    const focus = await h.open('focus');
    await focus.setViewportSize({ width: 360, height: 172 });
    await main.bringToFront();
    await main.keyboard.press('Enter');
    await focus.getByTestId('countdown').waitFor();
    await h.advance(6 * 60_000 + 18_000);
    await shot(focus, 'focus');
    await h.advance(10 * 60_000);
    await focus.getByText('Keep going', { exact: false }).waitFor();
    await shot(focus, 'focus-finished');
    await focus.keyboard.press('d');
    await focus.getByText('No focus session').waitFor();

    const reflection = await h.open('reflection');
    await reflection.setViewportSize({ width: 580, height: 700 });
    await h.advance(6 * 3_600_000);
    await reflection.reload();
    await reflection.getByTestId('done-count').waitFor();
    await reflection.keyboard.press('Enter');
    await reflection.keyboard.type('The opening paragraph and the numbers for the Q4 report.');
    await reflection.keyboard.press('Enter');
    await reflection.keyboard.type('Two meetings ran long.');
    await reflection.keyboard.press('Enter');
    await reflection.keyboard.type('Open the chart template');
    await shot(reflection, 'reflection');

    await main.bringToFront();
    await main.keyboard.press('h');
    await main.getByRole('heading', { name: 'History' }).waitFor();
    await main.keyboard.press('3');
    // Tall enough for the momentum section below the two charts.
    await tallShot(main, 'history', 1180, async () => {
      await main.getByTestId('momentum').waitFor();
      await main.waitForTimeout(300);
    });

    await main.keyboard.press('Escape');
    await main.keyboard.press(',');
    await main.getByRole('group', { name: 'Settings' }).waitFor();
    h.rig.dialog.answer = '/home/me/Documents/kinetic-backup-2026-11-27.json';
    await main.keyboard.press('b');
    await main.getByText('Backed up').waitFor();
    await shot(main, 'settings');
    // The whole of settings, with sync through a folder turned on.
    const folder = mkdtempSync(join(tmpdir(), 'Kinetic-sync-'));
    h.rig.dialog.folderAnswer = folder;
    await main.keyboard.press('y');
    await main.getByText(`Syncing through ${folder}`).waitFor();
    await tallShot(main, 'settings-sync', 1400);
    rmSync(folder, { recursive: true, force: true });
  } finally {
    await h.close();
  }
  await largeText();
}

/** The main window and the small windows with a larger default font size (the OS's text size, where passed). */
async function largeText(): Promise<void> {
  const h = await Harness.start({ startAt: NOW, defaultFontSize: 20 });
  try {
    const main = await h.open('main');
    await seed(main, NOW);
    await main.reload();
    await main.getByTestId('next-action-title').waitFor();
    await shot(main, 'main-large-text');
    const quickAdd = await h.open('quickAdd');
    await quickAdd.setViewportSize({ width: 620, height: 172 });
    await quickAdd.getByRole('textbox', { name: 'New task' }).fill('call Sam tomorrow 5pm ~15m #work !1');
    await shot(quickAdd, 'quick-add-large-text');
    const focus = await h.open('focus');
    await focus.setViewportSize({ width: 360, height: 172 });
    await main.bringToFront();
    await main.keyboard.press('Enter');
    await focus.getByTestId('countdown').waitFor();
    await h.advance(6 * 60_000 + 18_000);
    await shot(focus, 'focus-large-text');
    await main.bringToFront();
    await main.keyboard.press(',');
    await main.getByRole('group', { name: 'Settings' }).waitFor();
    await shot(main, 'settings-large-text');
  } finally {
    await h.close();
  }
}

// Exit once done, as bench/run.ts and soak.ts do, rather than rely on nothing being left running.
// (What used to keep it running was the harness's fake clock: the rig now stops it on close.)
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
