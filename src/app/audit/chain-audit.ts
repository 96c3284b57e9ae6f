/**
 * The chainer (decision 017): gives committed audit rows their place in the keyed chain
 * (`audit_chain`), in batches, so no request waits for the chain. One process at a time: each batch is one transaction that first
 * tries a transaction-scoped advisory lock and gives up at once when another process holds it.
 *
 * It never extends a chain that lost what this process last saw of it (or what the newest
 * checkpoint outside the database says): someone holding the database could otherwise delete or
 * change rows, mark the newer ones unchained, and have the chainer sign the result. It refuses,
 * logs an error each round, and leaves every new row unchained (nothing is lost) until someone
 * looks (`simpul audit verify`).
 *
 * After chaining it writes a checkpoint of the head outside the database when the last one is
 * older than ANCHOR_INTERVAL_MS (or at once with `checkpoint: 'now'`, at shutdown).
 */
import {
  appendAudit,
  chainHead,
  macAt,
  pendingRows,
  placeInChain,
  tryChainLock,
} from '../../db/audit.repository.ts';
import type { Tx } from '../../db/connect.ts';
import {
  ANCHOR_INTERVAL_MS,
  CHAIN_BATCH,
  CHAIN_GENESIS,
  type ChainHead,
  chainBody,
} from '../../domain/audit-chain.ts';
import type { Services } from '../context.ts';
import { appendCheckpoint, latestCheckpoint, readCheckpoints } from './anchor-file.ts';

type ChainState = {
  /** the newest head this process chained, read or anchored: the chain must still hold it */
  known?: ChainHead & { eventId?: string };
  /** the last checkpoint written or read: its place and when */
  anchored?: { seq: number; at: number };
  loaded: boolean;
  alarm?: string;
};

const states = new WeakMap<object, ChainState>();

function stateOf(svc: Services): ChainState {
  let s = states.get(svc.conn);
  if (!s) {
    s = { loaded: false };
    states.set(svc.conn, s);
  }
  if (!s.loaded) {
    s.loaded = true;
    if (svc.auditAnchorDir) {
      const last = latestCheckpoint(readCheckpoints(svc.auditAnchorDir, svc.keys).checkpoints);
      if (last) {
        s.known = { seq: last.seq, mac: last.mac, eventId: last.eventId };
        s.anchored = { seq: last.seq, at: Date.parse(last.at) };
      }
    }
  }
  return s;
}

/** Why the chain in the database cannot be extended, or null when it still holds `known`. */
async function headProblem(
  db: Tx,
  head: ChainHead | undefined,
  known: ChainHead | undefined,
): Promise<string | null> {
  if (!known) return null;
  if (!head || head.seq < known.seq)
    return `the chain ends at place ${head?.seq ?? 0}, but place ${known.seq} was already chained`;
  const mac = head.seq === known.seq ? head.mac : await macAt(db, known.seq);
  if (mac !== known.mac) return `the row at place ${known.seq} is not the one chained there`;
  return null;
}

export type ChainResult = {
  /** rows placed in the chain by this call */
  chained: number;
  /** the chain head after this call (null: empty chain) */
  head: ChainHead | null;
  /** another process held the chainer's lock */
  busy: boolean;
  /** why the chainer refused to extend the chain (null: it did not) */
  refused: string | null;
};

type Batch =
  | { kind: 'busy' }
  | { kind: 'refused'; why: string }
  | { kind: 'done'; placed: number; head: (ChainHead & { eventId?: string }) | null; more: boolean };

/** Chains every committed row not chained yet; writes a checkpoint when one is due. */
export async function chainAudit(
  svc: Services,
  opts: { checkpoint?: 'due' | 'now' | 'never' } = {},
): Promise<ChainResult> {
  const st = stateOf(svc);
  let chained = 0;
  let busy = false;
  let refused: string | null = null;
  for (;;) {
    const b: Batch = await svc.conn.db.transaction().execute(async (trx) => {
      if (!(await tryChainLock(trx))) return { kind: 'busy' };
      const head = await chainHead(trx);
      const why = await headProblem(trx, head, st.known);
      if (why) return { kind: 'refused', why };
      const { rows, missing } = await pendingRows(trx, CHAIN_BATCH);
      let seq = head?.seq ?? 0;
      let mac = head?.mac ?? CHAIN_GENESIS;
      const links = rows.map((r) => {
        seq++;
        mac = svc.keys.auditMac(mac, chainBody(seq, r));
        return { id: r.id, seq, mac };
      });
      const last = links.at(-1);
      // a row deleted before it got its place: its marker is the only trace, so the chain gets a
      // row saying so (placed in the next batch) before the marker goes
      if (missing.length > 0) {
        svc.log.error({ eventIds: missing }, 'audit rows deleted before they were chained');
        await appendAudit(trx, [
          {
            at: svc.clock(),
            actorId: null,
            actorRole: null,
            action: 'audit.row_missing',
            entity: 'audit',
            entityId: null,
            ip: null,
            userAgent: null,
            requestId: null,
            outcome: 'error',
            detail: { eventIds: missing },
          },
        ]);
      }
      await placeInChain(trx, links, missing);
      const placed = links.length;
      return {
        kind: 'done',
        placed,
        head: last ? { seq, mac, eventId: String(last.id) } : (head ?? null),
        // a full batch, or the trace of missing rows just written: go on
        more: rows.length + missing.length === CHAIN_BATCH || missing.length > 0,
      };
    });
    if (b.kind === 'busy') {
      busy = true;
      break;
    }
    if (b.kind === 'refused') {
      refused = b.why;
      break;
    }
    chained += b.placed;
    if (b.head) st.known = b.head;
    if (!b.more) break;
  }

  // what the database holds now (another process may be chaining), still extending what we know
  const current = await chainHead(svc.conn.db);
  if (!refused) refused = await headProblem(svc.conn.db, current, st.known);
  if (refused) {
    if (st.alarm !== refused)
      svc.log.error(
        { problem: refused },
        'RANTAI AUDIT: tidak diperpanjang, jalankan `simpul audit verify` / audit chain not extended: run `simpul audit verify`',
      );
    st.alarm = refused;
    // what this process knew is written outside the database at once, so the cut stays visible
    // to `audit verify` and to the next start even if this process ends before a checkpoint
    // (issue 9 review: a cut of the newest rows since the last checkpoint, then a restart, was
    // otherwise forgotten)
    const known = st.known;
    if (svc.auditAnchorDir && known && known.seq > (st.anchored?.seq ?? 0)) {
      const now = svc.clock().getTime();
      appendCheckpoint(svc.auditAnchorDir, svc.keys, {
        seq: known.seq,
        mac: known.mac,
        eventId: known.eventId ?? '',
        at: new Date(now).toISOString(),
      });
      st.anchored = { seq: known.seq, at: now };
    }
    return { chained, head: current ? { seq: current.seq, mac: current.mac } : null, busy, refused };
  }
  st.alarm = undefined;
  if (current) st.known = { seq: current.seq, mac: current.mac, eventId: current.eventId };

  const mode = opts.checkpoint ?? 'due';
  if (svc.auditAnchorDir && current && mode !== 'never' && current.seq !== st.anchored?.seq) {
    const now = svc.clock().getTime();
    if (mode === 'now' || !st.anchored || now - st.anchored.at >= ANCHOR_INTERVAL_MS) {
      appendCheckpoint(svc.auditAnchorDir, svc.keys, {
        seq: current.seq,
        mac: current.mac,
        eventId: current.eventId,
        at: new Date(now).toISOString(),
      });
      st.anchored = { seq: current.seq, at: now };
    }
  }
  return { chained, head: current ? { seq: current.seq, mac: current.mac } : null, busy, refused: null };
}

/** Forgets what this process knew of the chain (tests that open a database anew). */
export function forgetChainState(svc: Pick<Services, 'conn'>): void {
  states.delete(svc.conn);
}
