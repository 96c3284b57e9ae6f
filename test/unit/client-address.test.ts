/**
 * The client address behind reverse proxies: what a client writes into X-Forwarded-For itself
 * (a made-up address, a formula, garbage) never becomes its address.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { clientAddress, normaliseAddress, parseTrustProxy } from '../../src/http/client-address.ts';

const trust = (v: string) => {
  const t = parseTrustProxy(v);
  if (!t) throw new Error(`bad setting ${v}`);
  return t;
};

describe('SIMPUL_TRUST_PROXY', () => {
  it('reads 0, 1, a number of proxies and a list of proxy addresses', () => {
    expect(trust('0')).toEqual({ kind: 'none' });
    expect(trust('false')).toEqual({ kind: 'none' });
    expect(trust('1')).toEqual({ kind: 'hops', hops: 1 });
    expect(trust('true')).toEqual({ kind: 'hops', hops: 1 });
    expect(trust('3')).toEqual({ kind: 'hops', hops: 3 });
    const list = trust('10.0.0.5, 10.1.0.0/16,fd00::/8');
    expect(list.kind).toBe('addresses');
  });

  it('refuses anything else with one sentence naming the variable', () => {
    for (const bad of ['yes', '11', '10.0.0.5,proxy.local', '10.0.0.0/33', '10.0.0.1/8/2', '::1/129'])
      expect(parseTrustProxy(bad), bad).toBeNull();
    expect(() => loadConfig({ SIMPUL_TRUST_PROXY: 'yes' })).toThrow(
      /^Configuration error: SIMPUL_TRUST_PROXY must be 0 \(no proxy\), 1 \(one reverse proxy\)/,
    );
    expect(loadConfig({}).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ SIMPUL_TRUST_PROXY: '1' }).trustProxy).toEqual({ kind: 'hops', hops: 1 });
  });
});

describe('normaliseAddress', () => {
  it('keeps IP addresses, drops ports and brackets, maps IPv4-in-IPv6 back', () => {
    expect(normaliseAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(normaliseAddress(' 203.0.113.7:5678 ')).toBe('203.0.113.7');
    expect(normaliseAddress('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(normaliseAddress('2001:db8::1')).toBe('2001:db8::1');
    expect(normaliseAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
  });
  it('is null for anything that is not an address', () => {
    for (const bad of ['unknown', "=cmd|' /C calc'!A0", '1.2.3', 'localhost', '999.1.1.1', '', '<script>'])
      expect(normaliseAddress(bad), bad).toBeNull();
  });
});

describe('clientAddress', () => {
  const proxy = '10.0.0.2';

  it('without a trusted proxy ignores the header entirely', () => {
    expect(clientAddress('198.51.100.4', '1.1.1.1', trust('0'))).toBe('198.51.100.4');
    expect(clientAddress('::ffff:198.51.100.4', undefined, trust('0'))).toBe('198.51.100.4');
  });

  it('behind one proxy takes the entry that proxy appended, whatever the client put before it', () => {
    const t = trust('1');
    expect(clientAddress(proxy, '203.0.113.7', t)).toBe('203.0.113.7');
    // the client sends its own X-Forwarded-For; the proxy appends the real peer
    expect(clientAddress(proxy, '1.2.3.4, 203.0.113.7', t)).toBe('203.0.113.7');
    expect(clientAddress(proxy, '=HYPERLINK("http://x"), 203.0.113.7', t)).toBe('203.0.113.7');
    // two X-Forwarded-For headers arrive joined with a comma: still the last entry
    expect(clientAddress(proxy, '9.9.9.9,   203.0.113.7', t)).toBe('203.0.113.7');
    // no header (a request from the proxy itself, a health check): the peer
    expect(clientAddress(proxy, undefined, t)).toBe(proxy);
    expect(clientAddress(proxy, ' , ', t)).toBe(proxy);
  });

  it('never uses text that is not an address: the proxy address stands in', () => {
    const t = trust('1');
    expect(clientAddress(proxy, "=cmd|' /C calc'!A0", t)).toBe(proxy);
    expect(clientAddress(proxy, '203.0.113.7, unknown', t)).toBe(proxy);
  });

  it('behind two proxies takes the second entry from the right', () => {
    const t = trust('2');
    expect(clientAddress(proxy, '6.6.6.6, 203.0.113.7, 10.0.0.9', t)).toBe('203.0.113.7');
    // fewer entries than proxies: every entry was appended by a proxy; the leftmost is the client
    expect(clientAddress(proxy, '203.0.113.7', t)).toBe('203.0.113.7');
  });

  it('with a list of proxy addresses walks from the right past the proxies', () => {
    const t = trust('10.0.0.0/24, 192.0.2.10');
    expect(clientAddress(proxy, '6.6.6.6, 203.0.113.7, 192.0.2.10', t)).toBe('203.0.113.7');
    expect(clientAddress(proxy, '203.0.113.7', t)).toBe('203.0.113.7');
    // a client pretending to be one of our proxies at the left end gains nothing
    expect(clientAddress(proxy, '10.0.0.7, 203.0.113.7', t)).toBe('203.0.113.7');
    // a peer that is not a proxy of ours: its header is not believed
    expect(clientAddress('198.51.100.4', '203.0.113.7', t)).toBe('198.51.100.4');
    // garbage behind our proxies: the nearest proxy stands in
    expect(clientAddress(proxy, 'garbage, 192.0.2.10', t)).toBe('192.0.2.10');
    // only proxies: the request started at the leftmost of them
    expect(clientAddress(proxy, '10.0.0.3, 192.0.2.10', t)).toBe('10.0.0.3');
    expect(clientAddress('[2001:db8::5]:1234', '203.0.113.7', trust('2001:db8::/32'))).toBe('203.0.113.7');
  });
});
