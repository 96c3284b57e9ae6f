/**
 * Each request runs with its server's injected clock (`Services.clock`) in an AsyncLocalStorage,
 * which the schemas' "not in the future" rules read through `schemaNow()` (src/domain/now.ts).
 * So a test's or a replayed clock is the one every rule uses, not the machine's.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';
import { provideSchemaNow } from '../domain/now.ts';

const requestClock = new AsyncLocalStorage<() => Date>();
provideSchemaNow(() => (requestClock.getStore() ?? (() => new Date()))());

export function withRequestClock(clock: () => Date): MiddlewareHandler {
  return (_c, next) => requestClock.run(clock, next);
}
