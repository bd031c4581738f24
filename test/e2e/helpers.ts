import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export const title = (page: Page) => page.getByTestId('next-action-title');

/** Adds a task from the main window with A (works whether or not something is shown). */
export async function addTask(page: Page, text: string): Promise<void> {
  // Wait until the window shows something: the next action or the empty state.
  await page.locator('.card').first().waitFor();
  const empty = page.getByRole('textbox', { name: 'What’s one small thing you could start?' });
  if (await empty.isVisible()) {
    await empty.fill(text);
    await empty.press('Enter');
    // The empty state gives way to the task, with its actions ready for keys.
    await empty.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Start focus' }).waitFor();
    return;
  }
  await page.keyboard.press('a');
  const input = page.getByRole('textbox', { name: 'New task' });
  await input.fill(text);
  await input.press('Enter');
  await expect.poll(() => input.count()).toBe(0);
}

/** Reads a whole table of the app's database with the raw IndexedDB API. */
export function readTable<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('kinetic');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    table,
  );
}
