/**
 * One clock (issue 10 §2): local days and years come from `src/domain/time.ts` (the region's
 * zone: WIB/WITA/WIT), never from a fixed offset or the UTC calendar elsewhere in the server.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { localYear } from '../../src/domain/time.ts';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const WEB = fileURLToPath(new URL('../../web/src/', import.meta.url));

describe('localYear', () => {
  it('is the year of the region’s own zone', () => {
    const at = new Date('2026-12-31T16:30:00Z'); // 23:30 WIB, 00:30 WITA, 01:30 WIT on 1 January
    expect(localYear(at, '36.02')).toBe(2026); // Lebak (WIB)
    expect(localYear(at, '73.71')).toBe(2027); // Makassar (WITA)
    expect(localYear(at, '94.71')).toBe(2027); // Jayapura (WIT)
    expect(localYear(new Date('2026-12-31T17:00:00Z'), '36.02')).toBe(2027); // 00:00 WIB
  });
});

describe('the server keeps one clock', () => {
  // the fixed WIB offset, a WIB literal, the UTC calendar year: each once made a local day or year
  // wrong outside Java and Sumatra, or at the turn of the year
  const BANNED: Array<[RegExp, string]> = [
    [/\+07:00/, 'a fixed +07:00 offset'],
    [/\b7 \* 3600_?000\b/, 'a fixed 7-hour offset'],
    [/getUTCFullYear\(/, 'the UTC calendar year'],
  ];
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? files(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : [],
    );

  it('computes local days and years only through src/domain/time.ts', () => {
    const found: string[] = [];
    for (const f of files(SRC)) {
      const rel = relative(SRC, f);
      if (rel === join('domain', 'time.ts')) continue;
      const text = readFileSync(f, 'utf8');
      for (const [re, what] of BANNED) if (re.test(text)) found.push(`${rel}: ${what}`);
    }
    expect(found).toEqual([]);
  });

  it('reads "now" in the domain only through schemaNow (the request’s injected clock)', () => {
    const found: string[] = [];
    for (const f of files(join(SRC, 'domain'))) {
      const rel = relative(SRC, f);
      if (rel === join('domain', 'now.ts')) continue;
      if (/Date\.now\(\)|new Date\(\)/.test(readFileSync(f, 'utf8'))) found.push(rel);
    }
    expect(found).toEqual([]);
  });

  it('the staff app shows and reads times in the region’s zone (web/src/lib/format.ts), never WIB by default', () => {
    const WEB_BANNED: Array<[RegExp, string]> = [
      ...BANNED,
      [/'Asia\/Jakarta'/, 'the WIB zone by name'],
      [/['"`]WIB['"`]/, 'the WIB label as a default'],
      [/\bWIB`/, 'the WIB label written after a time'],
    ];
    const found: string[] = [];
    for (const f of files(WEB)) {
      const rel = relative(WEB, f);
      if (rel.startsWith('i18n')) continue; // the zones' names in words
      const text = readFileSync(f, 'utf8');
      for (const [re, what] of WEB_BANNED) if (re.test(text)) found.push(`${rel}: ${what}`);
    }
    expect(found).toEqual([]);
  });
});
