import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness, bundleForPage } from './harness/harness';
import { demoData, type DemoData } from '../../scripts/demo/demoData';
import { estimateCalibration, momentumByDay } from '../../shared/momentum';
import { calibrationNote, captureToStartOver, formatWait } from '../../shared/momentumView';
import { twoMinuteStarts, twoMinuteWords } from '../../shared/stepSize';

// Friday 27 November 2026, 10:40.
const NOW = new Date(2026, 10, 27, 10, 40).getTime();
let h: Harness;
let main: Page;

beforeEach(async () => {
  h = await Harness.start({ startAt: NOW });
  main = await h.open('main');
});

afterEach(async () => {
  await h.close();
});

async function seed(page: Page, data: DemoData): Promise<void> {
  await page.evaluate(await bundleForPage('scripts/demo/seedPage.ts'));
  await page.evaluate(
    (d) => (window as unknown as { __seedDemo: (d: DemoData) => Promise<number> }).__seedDemo(d),
    data,
  );
  await page.reload();
  // The title may be painted before the app (and its keys) is there; its buttons come with it.
  await page.getByRole('button', { name: 'Start focus' }).waitFor();
}

describe('momentum in the history', () => {
  it('shows a week of starts, the first start of each day, capture → first start and the calibration', async () => {
    const data = demoData(NOW, 7);
    await seed(main, data);
    const week = momentumByDay(data.tasks, data.sessions, '2026-11-21', '2026-11-27');
    const starts = week.reduce((sum, d) => sum + d.starts, 0);
    expect(starts).toBeGreaterThan(5);
    const capture = captureToStartOver(data.tasks, data.sessions, '2026-11-21', '2026-11-27');
    expect(capture).not.toBeNull();
    const calibration = estimateCalibration(data.tasks, data.sessions);
    expect(calibration.ratio).not.toBeNull();

    await main.keyboard.press('h');
    // The history (uPlot included) loads on first use: on a busy machine that can take a while.
    await expect
      .poll(() => main.getByRole('heading', { name: 'History', level: 1 }).isVisible(), { timeout: 30_000 })
      .toBe(true);
    const section = main.getByTestId('momentum');
    await expect.poll(() => section.getByRole('heading', { name: 'Momentum' }).isVisible()).toBe(true);
    await expect
      .poll(() => main.getByTestId('momentum-starts').textContent(), { timeout: 15_000 })
      .toBe(`${starts} in 7 days`);
    await expect
      .poll(() => main.getByTestId('momentum-capture').textContent())
      .toBe(`${formatWait(capture!)} (median)`);
    const note = calibrationNote(calibration.ratio);
    await expect
      .poll(() => main.getByTestId('momentum-calibration').textContent())
      .toContain(note ? note.slice(1) : 'About right');
    await expect
      .poll(() => main.getByRole('img', { name: /^Starts per day:/ }).getAttribute('aria-label'))
      .toBe(`Starts per day: ${starts} starts in 7 days`);
    await expect
      .poll(() => main.getByRole('img', { name: /^First start:/ }).getAttribute('aria-label'))
      .toMatch(/^First start: usually \d{1,2}(:\d\d)? am \(\d days?\) in 7 days$/);
    const month = twoMinuteStarts(data.sessions, new Date(2026, 10, 1).getTime(), NOW + 1);
    expect(month.starts).toBeGreaterThan(0);
    await expect
      .poll(() => main.getByTestId('momentum-two-minute').textContent())
      .toBe(twoMinuteWords(month));
    // uPlot drew both charts.
    await expect.poll(() => section.locator('canvas').count()).toBe(2);
  });
});
