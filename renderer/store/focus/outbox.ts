import type { KineticApi } from '../../../shared/api';
import type { Repositories } from '../../db';

/**
 * Writes the records main keeps for the database (finished focus sessions) and acknowledges
 * them. Writes are idempotent, so a crash between writing and acknowledging only means the
 * record is offered again and skipped.
 */
export async function drainOutbox(api: KineticApi, repos: Pick<Repositories, 'sessions'>): Promise<number> {
  const items = await api.outbox.list();
  const written: string[] = [];
  for (const item of items) {
    if (item.kind === 'session') {
      await repos.sessions.record(item.session);
      written.push(item.id);
    }
  }
  if (written.length) await api.outbox.ack({ ids: written });
  return written.length;
}

/** Drains now and whenever main says there is more. Returns the unsubscribe. */
export function startOutbox(
  api: KineticApi,
  repos: Pick<Repositories, 'sessions'>,
  onError: (e: unknown) => void,
): () => void {
  let running = Promise.resolve();
  const drain = (): void => {
    running = running.then(() => drainOutbox(api, repos).then(() => undefined)).catch(onError);
  };
  const off = api.outbox.onChanged(drain);
  drain();
  return off;
}
