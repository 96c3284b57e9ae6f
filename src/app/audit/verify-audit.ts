/**
 * `simpul audit verify` (decision 017): walks the keyed chain place by place and recomputes every
 * MAC with the key, compares the chain with every checkpoint written outside the database and
 * with heads typed in from the auditors' daily e-mail, and reports the rows not chained yet.
 * It finds: a changed row (its MAC), a chained row deleted (its place points at nothing), a row
 * deleted with its place (a gap in the places), a chain recomputed without the key (the first MAC), and the newest rows deleted (a checkpoint or an
 * e-mailed head beyond the end of the chain, or a checkpoint file that was tampered with).
 */
import { chainedRows, unchainedSummary } from '../../db/audit.repository.ts';
import {
  CHAIN_GENESIS,
  type ChainHead,
  type Checkpoint,
  chainBody,
  UNCHAINED_STALE_MS,
} from '../../domain/audit-chain.ts';
import type { Services } from '../context.ts';
import { readCheckpoints } from './anchor-file.ts';

export type VerifyProblem =
  /** the row's MAC does not match its content and place (changed, or recomputed without the key) */
  | 'changed'
  /** places are missing before this row: rows and their places were deleted */
  | 'gap'
  /** the row chained at this place is gone */
  | 'deleted'
  /** the row at a checkpoint's place is not the one anchored there */
  | 'anchor_mismatch'
  /** a checkpoint or e-mailed head lies beyond the end of the chain: the newest rows were deleted */
  | 'truncated'
  /** a line of the checkpoint file is not signed with this key */
  | 'anchor_tampered';

export type VerifyReport = {
  ok: boolean;
  /** chained rows whose MAC was checked */
  checked: number;
  head: ChainHead | null;
  unchained: { count: number; oldestAt: string | null; stale: boolean };
  anchors: { file: string | null; checkpoints: number; latestAt: string | null; heads: number };
  problem: null | {
    kind: VerifyProblem;
    /** the audit row where it shows (null when the rows are gone) */
    eventId: string | null;
    /** the place in the chain where it shows */
    seq: number | null;
    /** for anchor problems: when the checkpoint was written, or 'e-mail' for a typed head */
    anchorAt?: string;
    /** for a bad checkpoint line: its line number */
    line?: number;
  };
};

type Anchor = ChainHead & { at: string };

export async function verifyAudit(svc: Services, opts: { heads?: ChainHead[] } = {}): Promise<VerifyReport> {
  const db = svc.conn.db;
  const anchorsRead = svc.auditAnchorDir ? readCheckpoints(svc.auditAnchorDir, svc.keys) : null;
  const anchors: Anchor[] = [
    ...(anchorsRead?.checkpoints ?? []).map((c: Checkpoint) => ({ seq: c.seq, mac: c.mac, at: c.at })),
    ...(opts.heads ?? []).map((h) => ({ ...h, at: 'e-mail' })),
  ].sort((a, b) => a.seq - b.seq);
  const bySeq = new Map<number, Anchor[]>();
  for (const a of anchors) bySeq.set(a.seq, [...(bySeq.get(a.seq) ?? []), a]);

  const u = await unchainedSummary(db);
  const report: VerifyReport = {
    ok: true,
    checked: 0,
    head: null,
    unchained: {
      count: u.count,
      oldestAt: u.oldestAt?.toISOString() ?? null,
      stale: u.oldestAt !== null && svc.clock().getTime() - u.oldestAt.getTime() > UNCHAINED_STALE_MS,
    },
    anchors: {
      file: anchorsRead?.file ?? null,
      checkpoints: anchorsRead?.checkpoints.length ?? 0,
      latestAt: anchorsRead?.checkpoints.at(-1)?.at ?? null,
      heads: opts.heads?.length ?? 0,
    },
    problem: null,
  };
  const fail = (p: NonNullable<VerifyReport['problem']>): VerifyReport => ({
    ...report,
    ok: false,
    problem: p,
  });

  if (anchorsRead && anchorsRead.badLines.length > 0)
    return fail({ kind: 'anchor_tampered', eventId: null, seq: null, line: anchorsRead.badLines[0]! });

  let prevSeq = 0;
  let prevMac = CHAIN_GENESIS;
  for (;;) {
    const rows = await chainedRows(db, prevSeq, 5000);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.seq !== prevSeq + 1) return fail({ kind: 'gap', eventId: r.eventId, seq: r.seq });
      if (!r.row) return fail({ kind: 'deleted', eventId: r.eventId, seq: r.seq });
      const mac = svc.keys.auditMac(prevMac, chainBody(r.seq, r.row));
      if (mac !== r.mac) return fail({ kind: 'changed', eventId: r.eventId, seq: r.seq });
      for (const a of bySeq.get(r.seq) ?? [])
        if (a.mac !== r.mac)
          return fail({ kind: 'anchor_mismatch', eventId: r.eventId, seq: r.seq, anchorAt: a.at });
      prevSeq = r.seq;
      prevMac = r.mac;
      report.checked++;
      report.head = { seq: r.seq, mac: r.mac };
    }
  }
  const beyond = anchors.filter((a) => a.seq > prevSeq).at(-1);
  if (beyond) return fail({ kind: 'truncated', eventId: null, seq: beyond.seq, anchorAt: beyond.at });
  return report;
}
