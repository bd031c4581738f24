import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import type { StoreApi } from 'zustand/vanilla';
import { createRepositories, type Repositories } from '../../renderer/db';
import { KineticDb } from '../../renderer/db/schema';
import { createQuickAddStore, type QuickAddState } from '../../renderer/store/quick-add';
import type { KineticApi } from '../../shared/api';
import { parseQuickAdd } from '../../shared/quickAdd';

const NOW = new Date(2026, 10, 25, 10, 0).getTime();
let db: KineticDb;
let repos: Repositories;
let store: StoreApi<QuickAddState>;
/** What main holds for the window (CLI, links), oldest first: one per takeDraft, as main does. */
let handedOver: string[];
let hides: number;

const state = (): QuickAddState => store.getState();

beforeEach(() => {
  db = new KineticDb(`quick-add-${Math.random()}`, { indexedDB, IDBKeyRange });
  repos = createRepositories(db);
  handedOver = [];
  hides = 0;
  const api = {
    quickAdd: { takeDraft: () => Promise.resolve({ text: handedOver.shift() ?? null }) },
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

    handedOver = ['Read the article ~20m'];
    await state().shown();
    expect(state().draft).toBe('Read the article ~20m');
    expect(state().waitingDrafts).toEqual(['Book the dentist #health']);

    expect(await state().save(false)).toBe(true);
    expect(await titles()).toEqual(['Read the article']);
    expect(state().draft).toBe('Book the dentist #health');
    expect(state().waitingDrafts).toEqual([]);
    expect(hides).toBe(2);

    // Shown again: the earlier draft is there to finish.
    await state().shown();
    expect(state().draft).toBe('Book the dentist #health');
    expect(await state().save(false)).toBe(true);
    expect(await titles()).toEqual(['Book the dentist', 'Read the article']);
    expect(state().draft).toBe('');
  });

  it('keeps the typed draft and the edited first link when a second link arrives, and brings them back in turn', async () => {
    state().setDraft('Book the dentist');
    handedOver = ['Read the article'];
    await state().shown();
    state().setDraft('Read the article ~20m #reading');
    handedOver = ['Watch the talk'];
    await state().shown();
    expect(state()).toMatchObject({
      draft: 'Watch the talk',
      waitingDrafts: ['Book the dentist', 'Read the article ~20m #reading'],
    });

    expect(await state().save(true)).toBe(true);
    expect(state().draft).toBe('Read the article ~20m #reading');
    expect(await state().save(true)).toBe(true);
    expect(state().draft).toBe('Book the dentist');
    expect(await state().save(true)).toBe(true);
    expect(state()).toMatchObject({ draft: '', waitingDrafts: [] });
    expect(await titles()).toEqual(['Book the dentist', 'Read the article', 'Watch the talk']);
  });

  it('takes every text main holds when shown, the last one in the field and the others kept', async () => {
    handedOver = ['Call Sam', 'Pay the rent'];
    await state().shown();
    expect(state()).toMatchObject({ draft: 'Pay the rent', waitingDrafts: ['Call Sam'] });
    expect(handedOver).toEqual([]);
  });

  it('sets nothing aside when there was no draft, or the same text', async () => {
    handedOver = ['Call Sam'];
    await state().shown();
    expect(state()).toMatchObject({ draft: 'Call Sam', waitingDrafts: [] });
    handedOver = ['Call Sam '];
    await state().shown();
    expect(state()).toMatchObject({ draft: 'Call Sam ', waitingDrafts: [] });
  });
});

describe('the quick-add store and the estimate calibration', () => {
  it('reads the ratio each time it is shown, and keeps the last one when a read fails', async () => {
    const answers: (() => Promise<number | null>)[] = [
      () => Promise.resolve(1.8),
      () => Promise.reject(new Error('database closed')),
      () => Promise.resolve(null),
    ];
    const api = {
      quickAdd: { takeDraft: () => Promise.resolve({ text: null }) },
      window: { hide: () => Promise.resolve(null) },
    } as unknown as KineticApi;
    const s = createQuickAddStore({
      repos,
      api,
      now: () => NOW,
      parse: parseQuickAdd,
      estimateRatio: () => answers.shift()!(),
    });
    expect(s.getState().estimateRatio).toBeNull();
    await s.getState().shown();
    await expect.poll(() => s.getState().estimateRatioRead).toBe(true);
    expect(s.getState().estimateRatio).toBe(1.8);
    await s.getState().shown();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(s.getState()).toMatchObject({ estimateRatio: 1.8, estimateRatioRead: false });
    await s.getState().shown();
    await expect.poll(() => s.getState().estimateRatioRead).toBe(true);
    expect(s.getState().estimateRatio).toBeNull();
  });
});
