/**
 * The audit chain's rules (decision 017), pure: what a row's MAC covers, how a checkpoint is
 * written and read, and how a chain head is written for people (the daily e-mail to auditors).
 * The MAC itself is computed by the Keyring (`auditMac`) with a subkey of the master key.
 */

/** What the first row's MAC is computed over in place of a previous MAC. */
export const CHAIN_GENESIS = 'simpul-audit-genesis';

/** Rows placed in the chain per chainer transaction. */
export const CHAIN_BATCH = 1000;

/** How often the server's chainer looks for rows to chain. */
export const CHAIN_INTERVAL_MS = 1000;

/** A checkpoint of the chain head is written outside the database at most this often (when it moved). */
export const ANCHOR_INTERVAL_MS = 5 * 60_000;

/** Unchained rows older than this mean the chainer is not running: verify says so. */
export const UNCHAINED_STALE_MS = 10 * 60_000;

/** The content of an audit row as the chain sees it. */
export type ChainRow = {
  id: string;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  outcome: string;
  detail: unknown;
};

/** Canonical JSON: object keys sorted, undefined members left out, so equal content is equal text. */
export function canonical(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The text a row's MAC covers besides the previous MAC: its place, its id and every field. */
export function chainBody(seq: number, r: ChainRow): string {
  return canonical([
    seq,
    r.id,
    r.at.toISOString(),
    r.actorId,
    r.actorRole,
    r.action,
    r.entity,
    r.entityId,
    r.ip,
    r.userAgent,
    r.requestId,
    r.outcome,
    r.detail ?? null,
  ]);
}

/** A chain head: the place of the newest chained row and its MAC. */
export type ChainHead = { seq: number; mac: string };

/** "1234:9f3a…" — how a head is written in the daily e-mail and typed into `audit verify --head`. */
export function formatHead(h: ChainHead): string {
  return `${h.seq}:${h.mac}`;
}

export function parseHead(text: string): ChainHead | null {
  const m = /^\s*#?(\d{1,15})[:\s-]+([0-9a-f]{64})\s*$/i.exec(text);
  if (!m) return null;
  const seq = Number(m[1]);
  return seq > 0 ? { seq, mac: m[2]!.toLowerCase() } : null;
}

/** One checkpoint line of the anchor file: the head at a time, and its MAC under the anchor subkey. */
export type Checkpoint = ChainHead & { eventId: string; at: string };

/** The text a checkpoint's signature covers. */
export function checkpointBody(c: Checkpoint): string {
  return canonical({ v: 1, seq: c.seq, mac: c.mac, eventId: c.eventId, at: c.at });
}

export function checkpointLine(c: Checkpoint, sig: string): string {
  return `${JSON.stringify({ v: 1, seq: c.seq, mac: c.mac, eventId: c.eventId, at: c.at, sig })}\n`;
}

/** A checkpoint line read back; null when it is not one (its signature is checked by the caller). */
export function parseCheckpointLine(line: string): (Checkpoint & { sig: string }) | null {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return null;
  }
  if (!o || typeof o !== 'object') return null;
  const x = o as Record<string, unknown>;
  if (
    x.v !== 1 ||
    typeof x.seq !== 'number' ||
    !Number.isSafeInteger(x.seq) ||
    x.seq < 1 ||
    typeof x.mac !== 'string' ||
    !/^[0-9a-f]{64}$/.test(x.mac) ||
    typeof x.eventId !== 'string' ||
    typeof x.at !== 'string' ||
    typeof x.sig !== 'string'
  )
    return null;
  return { seq: x.seq, mac: x.mac, eventId: x.eventId, at: x.at, sig: x.sig };
}
