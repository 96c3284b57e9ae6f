/**
 * The client's address behind reverse proxies (SIMPUL_TRUST_PROXY). `X-Forwarded-For` is a list
 * each proxy appends to: "<what the client sent>, …, <what our proxy saw>". Everything left of
 * the entries our own proxies appended is written by the client and proves nothing, so the
 * address is read from the right: one trusted proxy = the rightmost entry, N proxies = the N-th
 * from the right, or — with a list of the proxies' addresses — the first entry from the right
 * that is not one of them. Only a valid IP address (node:net isIP) is ever used; anything else
 * falls back to the nearest proxy's address, so a forged header can tighten a limit but never
 * escape it, and no text of the client's choosing reaches the audit log.
 */
import { BlockList, isIP } from 'node:net';

export type TrustProxy =
  | { kind: 'none' }
  /** this many proxies in a row in front of Simpul, each appending one entry */
  | { kind: 'hops'; hops: number }
  /** the proxies' own addresses and ranges (CIDR) */
  | { kind: 'addresses'; list: BlockList; entries: string[] };

export const NO_PROXY: TrustProxy = { kind: 'none' };
const MAX_HOPS = 10;

/**
 * Parses SIMPUL_TRUST_PROXY: `0`/`false` (none), `1`/`true` (one proxy), a number of proxies
 * (`2`), or a comma-separated list of proxy addresses and ranges (`10.0.0.5,10.1.0.0/16,::1`).
 * Returns null when the value is none of these.
 */
export function parseTrustProxy(value: string): TrustProxy | null {
  const v = value.trim().toLowerCase();
  if (v === '' || v === '0' || v === 'false') return NO_PROXY;
  if (v === 'true') return { kind: 'hops', hops: 1 };
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops === 0) return NO_PROXY;
    return hops <= MAX_HOPS ? { kind: 'hops', hops } : null;
  }
  const list = new BlockList();
  const entries: string[] = [];
  for (const raw of v.split(',')) {
    const e = raw.trim();
    const [addr = '', prefix, ...rest] = e.split('/');
    const family = isIP(addr);
    if (family === 0 || rest.length > 0) return null;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(addr, type);
    else {
      if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128)) return null;
      list.addSubnet(addr, Number(prefix), type);
    }
    entries.push(e);
  }
  return { kind: 'addresses', list, entries };
}

/**
 * One address as a proxy or the socket writes it, made comparable: the brackets and port of
 * `[2001:db8::1]:443` and `203.0.113.7:5678` go, an IPv4-mapped IPv6 address becomes IPv4. Null
 * when it is not an IP address at all ("unknown", a forged formula, an obfuscated name).
 */
export function normaliseAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else {
    const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(a);
    if (v4port) a = v4port[1]!;
  }
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  if (mapped) a = mapped[1]!;
  if (isIP(a) === 0) return null;
  return a.toLowerCase();
}

function trusted(list: BlockList, addr: string): boolean {
  return list.check(addr, isIP(addr) === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The client address of a request: `socket` is the peer of the TCP connection, `forwardedFor`
 * the X-Forwarded-For header (all of them, joined with commas, as Node and fetch give it).
 */
export function clientAddress(
  socket: string | null,
  forwardedFor: string | null | undefined,
  trust: TrustProxy,
): string | null {
  const peer = normaliseAddress(socket);
  if (trust.kind === 'none' || !forwardedFor) return peer;
  const entries = forwardedFor
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (entries.length === 0) return peer;
  if (trust.kind === 'hops') {
    // each trusted proxy appended exactly one entry; with fewer entries than proxies every entry
    // was appended by one of them and the leftmost is the client
    const i = Math.max(entries.length - trust.hops, 0);
    return normaliseAddress(entries[i]) ?? peer;
  }
  // a list of proxy addresses: believe the header only when the peer is one of them, then walk
  // from the right past every proxy; the first other address is the client
  if (peer === null || !trusted(trust.list, peer)) return peer;
  let nearest = peer;
  for (let i = entries.length - 1; i >= 0; i--) {
    const a = normaliseAddress(entries[i]);
    if (a === null) return nearest;
    if (!trusted(trust.list, a)) return a;
    nearest = a;
  }
  // every entry is a proxy of ours: the request started at one of them
  return nearest;
}

/** How the setting reads in the log and the docs ("2 proxies", "10.0.0.5, 10.1.0.0/16"). */
export function describeTrustProxy(t: TrustProxy): string {
  if (t.kind === 'none') return 'none';
  if (t.kind === 'hops') return `${t.hops} ${t.hops === 1 ? 'proxy' : 'proxies'}`;
  return t.entries.join(', ');
}
