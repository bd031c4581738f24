import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness } from './harness/harness';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';

let h: Harness;
let main: Page;

const title = (page: Page) => page.getByTestId('next-action-title');

async function addFromEmptyState(page: Page, text: string): Promise<void> {
  const input = page.getByRole('textbox', { name: 'What’s one small thing you could start?' });
  await input.fill(text);
  await input.press('Enter');
}

async function addWithA(page: Page, text: string): Promise<void> {
  await page.keyboard.press('a');
  const input = page.getByRole('textbox', { name: 'New task' });
  await input.fill(text);
  await input.press('Enter');
  await expect.poll(() => input.count()).toBe(0);
}

beforeEach(async () => {
  h = await Harness.start({ startAt: new Date(2026, 10, 27, 10, 0).getTime() });
  main = await h.open('main');
});

afterEach(async () => {
  await h.close();
});

describe('the first loop in the main window', () => {
  it('goes from the empty state to adding, doing, and the next action', async () => {
    await expect.poll(() => main.getByText('Nothing waiting. A clean start.').isVisible()).toBe(true);
    await addFromEmptyState(main, 'Write the intro ~20m #writing');
    await expect.poll(() => title(main).textContent()).toBe('Write the intro');
    await expect.poll(() => main.getByText('20 min').isVisible()).toBe(true);
    await expect.poll(() => main.getByText('#writing').isVisible()).toBe(true);

    await addWithA(main, 'Reply to Sam');
    // The older task is still the next action; the newer waits its turn.
    await expect.poll(() => title(main).textContent()).toBe('Write the intro');

    await main.keyboard.press('d');
    await expect.poll(() => title(main).textContent()).toBe('Reply to Sam');
    await expect.poll(() => main.getByRole('status').textContent()).toContain('Done: Write the intro');

    // Main hears about each new next action (for the tray menu).
    await expect.poll(() => h.tray.labels()[0]).toBe('Next: Reply to Sam');

    await main.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => main.getByText('Nothing waiting. A clean start.').isVisible()).toBe(true);
    await expect.poll(() => h.tray.labels()[0]).toBe('Nothing next — add something');
  });

  it('breaks the next action into steps and shows the first step at once', async () => {
    await addFromEmptyState(main, 'Prepare the quarterly report');
    await expect.poll(() => title(main).textContent()).toBe('Prepare the quarterly report');
    await main.keyboard.press('b');
    const steps = main.getByRole('textbox', { name: 'Break “Prepare the quarterly report” into steps' });
    await steps.fill('Find last year’s numbers ~5m\nDraft the summary\nSend it to Ana');
    await steps.press('Control+Enter');
    await expect.poll(() => title(main).textContent()).toBe('Find last year’s numbers');
    await expect
      .poll(() => main.getByTestId('reason').textContent())
      .toContain('Prepare the quarterly report');

    await main.keyboard.press('d');
    await expect.poll(() => title(main).textContent()).toBe('Draft the summary');
  });

  it('keeps the data across a page reload', async () => {
    await addFromEmptyState(main, 'Call the dentist tomorrow 9am');
    await expect.poll(() => title(main).textContent()).toBe('Call the dentist');
    await main.reload();
    await expect.poll(() => title(main).textContent()).toBe('Call the dentist');
    await expect.poll(() => main.getByText('Due tomorrow at 9 am', { exact: true }).isVisible()).toBe(true);
  });

  it('refuses an empty title with an inline message and keeps what was typed', async () => {
    await addFromEmptyState(main, '#work !1');
    await expect.poll(() => main.getByRole('alert').textContent()).toBe('Give it a few words first.');
    await expect
      .poll(() => main.getByRole('textbox', { name: 'What’s one small thing you could start?' }).inputValue())
      .toBe('#work !1');
  });

  it('rejects an invalid IPC payload with a typed error, and main keeps working', async () => {
    const error = await main.evaluate(async () => {
      // @ts-expect-error deliberately wrong payload
      const result = await window.kinetic.focus.start({ task: { id: 42 }, mode: 'forever' });
      return result.ok ? 'no error' : result.error;
    });
    expect(error).toMatchObject({ code: 'invalid-payload', channel: 'focus:start' });
    expect(error).toHaveProperty('message', expect.stringContaining('task.id'));
    expect(error).not.toHaveProperty('message', expect.stringContaining('[invalid-payload]'));
    // (The app may make other calls meanwhile, such as reading the settings as it loads.)
    expect(h.invokes.filter((i) => i.channel === 'focus:start').at(-1)).toMatchObject({ ok: false });

    // A window may not call a channel meant for another one.
    const forbidden = await main.evaluate(async () => {
      const result = await window.kinetic.quickAdd.takeDraft();
      return result.ok ? 'no error' : result.error.code;
    });
    expect(forbidden).toBe('forbidden-sender');

    // The main process is unharmed.
    const snapshot = await main.evaluate(() => window.kinetic.focus.get());
    expect(snapshot.ok && snapshot.value.timer.phase).toBe('idle');
  });

  it('runs under the strict Content-Security-Policy: no inline script, nothing from elsewhere', async () => {
    const meta = await main.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toBe(
      CONTENT_SECURITY_POLICY.split('; ')
        .filter((d) => !d.startsWith('frame-ancestors'))
        .join('; '),
    );
    const blocked = await main.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const inline = document.createElement('script');
      inline.textContent = 'window.__inlineRan = true';
      document.head.append(inline);
      const remote = document.createElement('img');
      remote.src = 'https://example.com/pixel.png';
      document.body.append(remote);
      await new Promise((r) => setTimeout(r, 100));
      return { ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, violations };
    });
    expect(blocked.ran).toBe(false);
    expect(blocked.violations).toEqual(expect.arrayContaining(['script-src-elem', 'img-src']));
  });
});
