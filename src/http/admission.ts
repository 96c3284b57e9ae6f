/**
 * The door in front of the embedded database (decision 018): every request that may use the
 * database (API, webhooks, public pages) enters the connection gate (src/db/fair-gate.ts), which
 * serves requests in arrival order and refuses — 503 with Retry-After, a JSON error for the API,
 * a page for the public — when it is full or a request's first turn does not come in time.
 * Static files and /healthz do not queue. On PostgreSQL (no gate) this passes everything through.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Services } from '../app/context.ts';
import { isPublicPage, underPrefix } from '../domain/public-paths.ts';
import { busyPage, retryAfterSeconds } from '../portal/index.ts';
import type { AppEnv } from './context.ts';
import { errorResponse } from './errors.ts';

export function admission(svc: Services, opts: { quickExitUrl: string }): MiddlewareHandler<AppEnv> {
  const busy = (c: Context<AppEnv>) => {
    const gate = svc.conn.gate;
    if (isPublicPage(c.req.path)) return busyPage(c, opts.quickExitUrl, gate);
    const r = errorResponse(c, 'SERVER_BUSY');
    r.headers.set('retry-after', String(retryAfterSeconds(gate)));
    return r;
  };
  return async (c, next) => {
    const gate = svc.conn.gate;
    const path = c.req.path;
    if (!gate || !(underPrefix(path, '/api') || underPrefix(path, '/webhooks') || isPublicPage(path)))
      return next();
    // a reporter's words (the report, an answer on the status page) and the receipt of a report
    // just sent go before staff work
    const urgent =
      (c.req.method === 'POST' && underPrefix(path, '/lapor')) ||
      (c.req.method === 'GET' && underPrefix(path, '/lapor/terkirim'));
    const turn = await gate.admit(urgent, async (t) => {
      await next();
      return t;
    });
    if (turn === null || turn.refused) {
      svc.log.warn(
        { path, inside: gate.inside, waiting: gate.waiting, requestId: c.get('requestId') },
        'database busy: request refused (503)',
      );
      c.res = undefined; // drop whatever the refused request produced
      c.res = await busy(c);
    }
  };
}
