/**
 * Rejected requests without an account — a webhook with a bad signature or verify token, a
 * status check over its limit — used to append one audit row each, so anyone could fill the log
 * (issue 9 §9). They are counted in this process's memory instead, per source (a keyed hash of the
 * address, as for every public request), action, reason and minute, and written as one row per
 * group with its count when the minute is over (`flushRejections`, run by the chainer's loop and
 * at shutdown). Past REJECTIONS_PER_SOURCE_PER_WINDOW in a minute a source is answered 429 before
 * anything is checked. Past REJECTION_SOURCES_PER_WINDOW sources in a minute the others are
 * counted together (and not limited). So 1,000 bad calls write a handful of rows, and no database work is done per
 * rejected call. A process killed outright loses at most the current minute's counts.
 */
import { appendAudit } from '../../db/audit.repository.ts';
import {
  REJECTION_SOURCES_PER_WINDOW,
  REJECTION_WINDOW_MS,
  REJECTIONS_PER_SOURCE_PER_WINDOW,
  rejectionWindow,
} from '../../domain/rejections.ts';
import type { Ctx, Services } from '../context.ts';

type Group = {
  action: string;
  entity: string;
  reason: string;
  /** keyed hash of the address; OTHERS for the group of further sources; null without an address */
  source: string | null;
  window: number;
  /** 'denied' (refused before any check) or 'failed' (checked and wrong); one per reason */
  outcome?: 'denied' | 'failed';
  count: number;
  firstAt: number;
  lastAt: number;
};

type Store = {
  groups: Map<string, Group>;
  /** per action and window: the sources tracked one by one, and their rejections of any reason */
  perSource: Map<string, Map<string | null, number>>;
};

const stores = new WeakMap<object, Store>();
const OTHERS = '*';

function storeOf(svc: Pick<Services, 'conn'>): Store {
  let s = stores.get(svc.conn);
  if (!s) {
    s = { groups: new Map(), perSource: new Map() };
    stores.set(svc.conn, s);
  }
  return s;
}

function sourceOf(ctx: Ctx): string | null {
  return ctx.meta.ip ? `src:${ctx.keys.blindIndex('audit-source', ctx.meta.ip).slice(0, 16)}` : null;
}

/** The source as counted: itself, or the shared "other sources" group once the window is full. */
function trackedSource(store: Store, action: string, window: number, source: string | null) {
  const key = `${action}\u0000${window}`;
  let sources = store.perSource.get(key);
  if (!sources) {
    sources = new Map();
    store.perSource.set(key, sources);
  }
  if (!sources.has(source) && sources.size >= REJECTION_SOURCES_PER_WINDOW) source = OTHERS;
  return { sources, source };
}

function countIn(store: Store, g: Omit<Group, 'count' | 'firstAt' | 'lastAt'>, at: number): void {
  const key = `${g.action}\u0000${g.reason}\u0000${g.source ?? ''}\u0000${g.window}`;
  const x = store.groups.get(key);
  if (x) {
    x.count++;
    x.lastAt = Math.max(x.lastAt, at);
    return;
  }
  store.groups.set(key, { ...g, count: 1, firstAt: at, lastAt: at });
}

/**
 * A call without an account that may be rejected (a webhook before its signature is checked).
 * Taking the slot counts the call against its source at once — synchronously, so calls arriving
 * together cannot all pass the limit before any of them is counted. `reject(reason)` records it;
 * `release()` takes the count back when the call turned out genuine.
 */
export type RejectionSlot = { limited: boolean; reject(reason: string): void; release(): void };

export function rejectionSlot(ctx: Ctx, r: { action: string; entity: string }): RejectionSlot {
  const store = storeOf(ctx);
  const at = ctx.clock().getTime();
  const window = rejectionWindow(new Date(at));
  const t = trackedSource(store, r.action, window, sourceOf(ctx));
  const n = t.sources.get(t.source) ?? 0;
  t.sources.set(t.source, n + 1);
  const group = { action: r.action, entity: r.entity, source: t.source, window };
  // the shared group of further sources is counted, never limited: genuine calls from a new
  // address must not be refused because of a flood from many others
  if (t.source !== OTHERS && n >= REJECTIONS_PER_SOURCE_PER_WINDOW) {
    countIn(store, { ...group, reason: 'rate_limited' }, at);
    return { limited: true, reject() {}, release() {} };
  }
  let open = true;
  return {
    limited: false,
    reject(reason) {
      if (!open) return;
      open = false;
      countIn(store, { ...group, reason }, ctx.clock().getTime());
    },
    release() {
      if (!open) return;
      open = false;
      const left = (t.sources.get(t.source) ?? 1) - 1;
      if (left > 0) t.sources.set(t.source, left);
      else t.sources.delete(t.source);
    },
  };
}

/** Counts one rejected request; nothing is written until its minute is over. */
export function recordRejection(
  ctx: Ctx,
  r: { action: string; entity: string; reason: string; outcome?: 'denied' | 'failed' },
): void {
  const store = storeOf(ctx);
  const at = ctx.clock().getTime();
  const window = rejectionWindow(new Date(at));
  const t = trackedSource(store, r.action, window, sourceOf(ctx));
  t.sources.set(t.source, (t.sources.get(t.source) ?? 0) + 1);
  countIn(store, { ...r, source: t.source, window }, at);
}

/**
 * Writes the groups of every minute that is over (all of them with `all`, at shutdown) as audit
 * rows: outcome `denied`, the source in `ip`, `detail` {reason, count, from, to, otherSources}.
 * Returns how many rows were written.
 */
export async function flushRejections(svc: Services, opts: { all?: boolean } = {}): Promise<number> {
  const store = storeOf(svc);
  const current = rejectionWindow(svc.clock());
  const due = [...store.groups.entries()].filter(([, g]) => opts.all || g.window < current);
  if (due.length === 0) return 0;
  for (const [k] of due) store.groups.delete(k);
  for (const k of [...store.perSource.keys()])
    if (opts.all || Number(k.split('\u0000')[1]) < current) store.perSource.delete(k);
  const groups = due.map(([, g]) => g).sort((a, b) => a.firstAt - b.firstAt);
  try {
    await appendAudit(
      svc.conn.db,
      groups.map((g) => ({
        at: new Date(g.lastAt),
        actorId: null,
        actorRole: null,
        action: g.action,
        entity: g.entity,
        entityId: null,
        ip: g.source === OTHERS ? null : g.source,
        userAgent: null,
        requestId: null,
        outcome: g.outcome ?? ('denied' as const),
        detail: {
          reason: g.reason,
          count: g.count,
          from: new Date(g.window).toISOString(),
          to: new Date(g.window + REJECTION_WINDOW_MS).toISOString(),
          ...(g.source === OTHERS ? { otherSources: true } : {}),
        },
      })),
    );
  } catch (e) {
    // keep the counts for the next round rather than lose them
    for (const g of groups) {
      const key = `${g.action}\u0000${g.reason}\u0000${g.source ?? ''}\u0000${g.window}`;
      const now = store.groups.get(key);
      if (now) {
        now.count += g.count;
        now.firstAt = Math.min(now.firstAt, g.firstAt);
      } else store.groups.set(key, g);
    }
    throw e;
  }
  return groups.length;
}
