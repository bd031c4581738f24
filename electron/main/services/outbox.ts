import { z } from 'zod';
import { outboxItemSchema, type OutboxItem } from '../../../shared/schemas';
import type { StorePort, WindowsPort } from '../ports';
import type { Logger } from '../ports';
import { PersistedDoc } from './persisted';

const outboxSchema = z.array(outboxItemSchema);

/**
 * Records main produces for the database (finished focus sessions). Main never touches IndexedDB:
 * it keeps each record here, on disk, until a renderer says it has written it. Nothing is lost
 * when no window is open, or when the app quits before a window could take it.
 */
export class OutboxService {
  private readonly doc: PersistedDoc<OutboxItem[]>;

  constructor(
    store: StorePort,
    private readonly windows: WindowsPort,
    log: Logger,
  ) {
    this.doc = new PersistedDoc(store, 'outbox.json', outboxSchema, [], log);
  }

  load(): Promise<OutboxItem[]> {
    return this.doc.load();
  }

  list(): OutboxItem[] {
    return this.doc.get();
  }

  async add(item: OutboxItem): Promise<void> {
    await this.doc.set([...this.doc.get().filter((i) => i.id !== item.id), item]);
    this.windows.send('main', 'outbox:changed', { pending: this.doc.get().length });
  }

  async ack(ids: readonly string[]): Promise<void> {
    const done = new Set(ids);
    const rest = this.doc.get().filter((i) => !done.has(i.id));
    if (rest.length !== this.doc.get().length) await this.doc.set(rest);
  }
}
