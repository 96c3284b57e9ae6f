/**
 * Work that continues after a response was sent (e.g. fetching WhatsApp media after the webhook
 * was acknowledged). Tasks are tracked per database connection so the server can let them finish
 * before it closes the database, and tests can wait for them.
 */
import type { Services } from './context.ts';

const running = new WeakMap<object, Set<Promise<void>>>();

export function runInBackground(svc: Services, name: string, task: () => Promise<unknown>): void {
  let set = running.get(svc.conn);
  if (!set) {
    set = new Set();
    running.set(svc.conn, set);
  }
  const p: Promise<void> = task()
    .then(() => undefined)
    .catch((e: Error) => svc.log.error({ task: name, err: e.message }, 'background task failed'))
    .finally(() => set.delete(p));
  set.add(p);
}

/** Resolves when every background task started so far (and any they started) has finished. */
export async function backgroundSettled(svc: Pick<Services, 'conn'>): Promise<void> {
  const set = running.get(svc.conn);
  while (set && set.size > 0) await Promise.allSettled([...set]);
}
