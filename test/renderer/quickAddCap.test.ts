/**
 * Quick add keeps at most QUICK_ADD_MAX_TEXT characters (issue 24): a pasted or handed-over text
 * of 750 KB is cut before it is parsed, and the window says so.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { createRepositories } from '../../renderer/db';
import { KineticDb } from '../../renderer/db/schema';
import { createQuickAddStore } from '../../renderer/store/quick-add';
import type { KineticApi } from '../../shared/api';
import { parseQuickAdd } from '../../shared/quickAdd';
import { QUICK_ADD_MAX_TEXT, capQuickAddText } from '../../shared/text';

const NOW = new Date(2026, 10, 25, 10, 0).getTime();
let db: KineticDb;
beforeEach(() => {
  db = new KineticDb(`quick-add-cap-${Math.random()}`, { indexedDB, IDBKeyRange });
});
afterEach(async () => {
  await db.delete();
});

describe('the quick-add cap', () => {
  it('is 2,000 characters, counted in UTF-16 units, never splitting a pair', () => {
    expect(QUICK_ADD_MAX_TEXT).toBe(2000);
    expect(capQuickAddText('short')).toEqual({ text: 'short', cut: false });
    expect(capQuickAddText('x'.repeat(2000))).toEqual({ text: 'x'.repeat(2000), cut: false });
    expect(capQuickAddText('x'.repeat(2001))).toEqual({ text: 'x'.repeat(2000), cut: true });
    const emoji = `${'x'.repeat(1999)}\u{1F600}`;
    expect(capQuickAddText(emoji)).toEqual({ text: 'x'.repeat(1999), cut: true });
  });

  it('the store cuts a typed and a handed-over text, says so, and never parses more', async () => {
    const parse = vi.fn(parseQuickAdd);
    let handed: string | null = `call Sam ${'y'.repeat(750_000)}`;
    const api = {
      quickAdd: {
        takeDraft: () => {
          const text = handed;
          handed = null;
          return Promise.resolve({ text });
        },
      },
      window: { hide: () => Promise.resolve(null) },
    } as unknown as KineticApi;
    const store = createQuickAddStore({ repos: createRepositories(db), api, now: () => NOW, parse });

    store.getState().setDraft('z'.repeat(750_000));
    expect(store.getState().draft).toHaveLength(2000);
    expect(store.getState().cut).toBe(true);
    store.getState().setDraft('call Ana');
    expect(store.getState().cut).toBe(false);

    await store.getState().shown();
    expect(store.getState().draft).toHaveLength(2000);
    expect(store.getState().cut).toBe(true);
    await store.getState().save(false);
    for (const [text] of parse.mock.calls) expect(text.length).toBeLessThanOrEqual(2000);
  });
});
