import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import type { StoreApi } from 'zustand/vanilla';
import { createRepositories, type Repositories } from '../../renderer/db';
import { KineticDb } from '../../renderer/db/schema';
import { createQuickAddStore, type QuickAddState } from '../../renderer/store/quickAdd';
import type { KineticApi } from '../../shared/api';
import { parseQuickAdd } from '../../shared/quickAdd';

const NOW = new Date(2026, 10, 25, 10, 0).getTime();
let db: KineticDb;
let repos: Repositories;
let store: StoreApi<QuickAddState>;
/** What main hands over the next time the window is shown (CLI, link), or null. */
let handedOver: string | null;
let hides: number;

const state = (): QuickAddState => store.getState();

beforeEach(() => {
  db = new KineticDb(`quick-add-${Math.random()}`, { indexedDB, IDBKeyRange });
  repos = createRepositories(db);
  handedOver = null;
  hides = 0;
  const api = {
    quickAdd: { takeDraft: () => Promise.resolve({ text: handedOver }) },
    window: {
      hide: () => {
        hides++;
        return Promise.resolve(null);
      },
    },
  } as unknown as KineticApi;
  store = createQuickAddStore({ repos, api, now: () => NOW, parse: parseQuickAdd });
});

afterEach(async () => {
  await db.delete();
});

const titles = async (): Promise<string[]> => (await db.tasks.toArray()).map((t) => t.title).sort();

describe('the quick-add store', () => {
  it('keeps a typed draft that text from a link replaces, and brings it back once that is saved', async () => {
    await state().shown();
    state().setDraft('Book the dentist #health');
    await state().hide(); // Esc: the draft stays

    handedOver = 'Read the article ~20m';
    await state().shown();
    expect(state().draft).toBe('Read the article ~20m');
    expect(state().earlierDraft).toBe('Book the dentist #health');

    expect(await state().save(false)).toBe(true);
    expect(await titles()).toEqual(['Read the article']);
    expect(state().draft).toBe('Book the dentist #health');
    expect(state().earlierDraft).toBeNull();
    expect(hides).toBe(2);

    // Shown again: the earlier draft is there to finish.
    handedOver = null;
    await state().shown();
    expect(state().draft).toBe('Book the dentist #health');
    expect(await state().save(false)).toBe(true);
    expect(await titles()).toEqual(['Book the dentist', 'Read the article']);
    expect(state().draft).toBe('');
  });

  it('keeps the typed draft when a second link arrives before the first is saved', async () => {
    state().setDraft('Book the dentist');
    handedOver = 'Read the article';
    await state().shown();
    handedOver = 'Watch the talk';
    await state().shown();
    expect(state()).toMatchObject({ draft: 'Watch the talk', earlierDraft: 'Book the dentist' });
  });

  it('sets nothing aside when there was no draft, or the same text', async () => {
    handedOver = 'Call Sam';
    await state().shown();
    expect(state()).toMatchObject({ draft: 'Call Sam', earlierDraft: null });
    await state().shown();
    expect(state()).toMatchObject({ draft: 'Call Sam', earlierDraft: null });
  });
});
