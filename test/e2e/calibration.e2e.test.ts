import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness, bundleForPage } from './harness/harness';
import type { DemoData } from '../../scripts/demo/demoData';
import { openTask, type FocusSession, type Task } from '../../shared/types';

const MIN = 60_000;
// Friday 27 November 2026, 10:00.
const NOW = new Date(2026, 10, 27, 10, 0).getTime();
let h: Harness;
let qa: Page;

beforeEach(async () => {
  h = await Harness.start({ startAt: NOW });
  qa = await h.open('quickAdd');
  await qa.setViewportSize({ width: 620, height: 172 });
});

afterEach(async () => {
  await h.close();
});

/** `count` done tasks estimated at 10 minutes, each focused on for `focusedMin` minutes. */
function history(count: number, focusedMin: number): DemoData {
  const tasks: Task[] = [];
  const sessions: FocusSession[] = [];
  for (let i = 0; i < count; i++) {
    const startedAt = NOW - (i + 1) * 24 * 60 * MIN;
    const doneAt = startedAt + focusedMin * MIN;
    tasks.push(
      openTask(`t${i}`, `Task ${i}`, startedAt - 60 * MIN, { status: 'done', estimateMin: 10, doneAt }),
    );
    sessions.push({
      id: `s${i}`,
      taskId: `t${i}`,
      title: `Task ${i}`,
      startedAt,
      endedAt: doneAt,
      plannedMs: 10 * MIN,
      focusedMs: focusedMin * MIN,
      outcome: 'completed',
      pauses: [],
      note: null,
    });
  }
  return { tasks, sessions, reflections: [] };
}

async function seed(data: DemoData): Promise<void> {
  await qa.evaluate(await bundleForPage('scripts/demo/seedPage.ts'));
  await qa.evaluate(
    (d) => (window as unknown as { __seedDemo: (d: DemoData) => Promise<number> }).__seedDemo(d),
    data,
  );
  await qa.reload();
}

const chips = (): ReturnType<Page['getByTestId']> => qa.getByTestId('chips');
const typeEstimate = async (): Promise<void> => {
  const input = qa.getByRole('textbox', { name: 'New task' });
  await input.fill('write the summary ~20m');
  await expect.poll(() => chips().locator('[data-chip="est"]').textContent()).toBe('About20 min');
};

describe('quick-add and the estimate calibration', () => {
  it('notes beside the estimate chip that estimates run long, once five done tasks show it', async () => {
    await seed(history(5, 18));
    await typeEstimate();
    await expect
      .poll(() => chips().locator('[data-chip="calibration"]').textContent())
      .toBe('your estimates run about 1.8× long');
    // Without an estimate there is nothing to note.
    await qa.getByRole('textbox', { name: 'New task' }).fill('write the summary');
    await expect.poll(() => chips().locator('[data-chip="calibration"]').count()).toBe(0);
  });

  it('notes estimates that run short (≤ 0.67)', async () => {
    await seed(history(6, 5));
    await typeEstimate();
    await expect
      .poll(() => chips().locator('[data-chip="calibration"]').textContent())
      .toBe('your tasks take about 0.5× your estimates');
  });

  it.each([
    ['four samples are too few', history(4, 18)],
    ['a ratio of 1.2 is close enough', history(5, 12)],
    ['no history at all', { tasks: [], sessions: [], reflections: [] }],
  ])('says nothing when %s', async (_name, data) => {
    await seed(data);
    await typeEstimate();
    // The calibration has been read, so nothing appearing is the answer.
    await expect.poll(() => qa.getByRole('main').getAttribute('data-calibration')).toBe('read');
    expect(await chips().locator('[data-chip="calibration"]').count()).toBe(0);
  });
});

describe('the next action and the estimate calibration', () => {
  const open = (id: string, title: string, estimateMin: number, hoursAgo: number): Task =>
    openTask(id, title, NOW - hoursAgo * 60 * MIN, { estimateMin });

  it.each([
    ['estimates about right: the older small task', 12, 'Reply to Ana', 'Small: 15 min'],
    [
      'estimates 2× long: 15 min is not small any more',
      20,
      'Water the plants',
      'Small: 5 min, about 10 at your pace',
    ],
  ])('%s', async (_name, focusedMin, expectedTitle, reason) => {
    const past = history(5, focusedMin);
    const main = await h.open('main');
    await main.evaluate(await bundleForPage('scripts/demo/seedPage.ts'));
    await main.evaluate(
      (d) => (window as unknown as { __seedDemo: (d: DemoData) => Promise<number> }).__seedDemo(d),
      {
        ...past,
        tasks: [
          ...past.tasks,
          open('ana', 'Reply to Ana', 15, 5),
          open('plants', 'Water the plants', 5, 3),
          open('report', 'Write the report', 60, 8),
        ],
      },
    );
    await main.reload();
    await expect.poll(() => main.getByTestId('next-action-title').textContent()).toBe(expectedTitle);
    await expect.poll(() => main.getByTestId('reason').textContent()).toBe(reason);
  });
});
