/**
 * Public statistics' suppression (issue 11 §3, decision 026), attacked. The attackers here are
 * written apart from the auditor in src/domain/public-stats.ts: exact rational elimination over
 * every relation a reader knows (row totals, the shared total of sex and age, province − sum of
 * kab/kota, year − sum of quarters, earlier snapshots' cells), and for small tables an
 * exhaustive search of every integer table consistent with what is published. A "<t" whose value
 * either of them pins down fails the test. Synthetic counts only.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import {
  allCells,
  boundsOf,
  closedPeriods,
  type PublishedCell,
  protect,
  shown,
  TOTAL_ROW,
  tabulate,
  withinRelations,
} from '../../src/domain/public-stats.ts';

/* ---------------------------------------------------------------- synthetic data */

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x1_0000_0000;
  };
}

const CELLS = allCells();
const SEX = CELLS.filter((c) => c.startsWith('korban_jenis_kelamin|'));
const AGE = CELLS.filter((c) => c.startsWith('korban_umur|'));
const TYPE = CELLS.filter((c) => c.startsWith('jenis_kasus|'));
const MULTI = CELLS.filter((c) => c.startsWith('bentuk_kekerasan|') || c.startsWith('tempat_kejadian|'));

type Data = Map<string, Map<string, number>>; // `${unit}|${quarter 1-4}` → cell → n

/** Victims and cases of one unit and quarter, made of synthetic people. */
function quarterOf(r: () => number, victims: number, opts: { multi: boolean }): Map<string, number> {
  const m = new Map<string, number>(CELLS.map((c) => [c, 0]));
  const inc = (k: string) => m.set(k, m.get(k)! + 1);
  for (let i = 0; i < victims; i++) {
    m.set(`korban|${TOTAL_ROW}`, m.get(`korban|${TOTAL_ROW}`)! + 1);
    inc(SEX[Math.floor(r() * r() * SEX.length)]!);
    inc(AGE[Math.floor(r() * AGE.length)]!);
  }
  const cases = Math.round(victims * 0.8);
  for (let i = 0; i < cases; i++) {
    m.set(`kasus|${TOTAL_ROW}`, m.get(`kasus|${TOTAL_ROW}`)! + 1);
    inc(TYPE[Math.floor(r() * TYPE.length)]!);
    if (opts.multi) for (const c of MULTI) if (r() < 0.25) inc(c);
  }
  return m;
}

function dataset(
  seed: number,
  regencies: string[],
  opts: { max: number; own?: boolean; multi?: boolean },
): Data {
  const r = rng(seed);
  const d: Data = new Map();
  for (const u of [...regencies, '36'])
    for (const q of [1, 2, 3, 4]) {
      const own = u === '36';
      const v = own ? (opts.own ? Math.floor(r() * 3) : 0) : Math.floor(r() * r() * opts.max);
      d.set(`${u}|${q}`, quarterOf(r, v, { multi: opts.multi ?? true }));
    }
  return d;
}

const countsOf = (d: Data) => (unit: string, q: number) => {
  if (q > 0) return d.get(`${unit}|${q}`) ?? new Map<string, number>();
  const m = new Map<string, number>();
  for (const qq of [1, 2, 3, 4])
    for (const [k, v] of d.get(`${unit}|${qq}`) ?? []) m.set(k, (m.get(k) ?? 0) + v);
  return m;
};

/** The true count of a published cell. */
function truth(d: Data, regencies: string[], c: { region: string; quarter: number; cell: string }): number {
  const units = c.region === '36' ? [...regencies, '36'] : [c.region];
  return units.reduce((a, u) => a + (countsOf(d)(u, c.quarter).get(c.cell) ?? 0), 0);
}

/* ---------------------------------------------------------------- attacker 1: exact linear algebra */

type Frac = { n: bigint; d: bigint };
const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};
const fr = (n: bigint, d = 1n): Frac => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
const sub = (a: Frac, b: Frac) => fr(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Frac, b: Frac) => fr(a.n * b.n, a.d * b.d);
const div = (a: Frac, b: Frac) => fr(a.n * b.d, a.d * b.n);

/**
 * Every relation a reader of the published cells knows, and what the attacker can solve exactly:
 * the cells of `published` whose mark is not a number, determined by some linear combination.
 * Returns the recovered values by cell key.
 */
function linearAttack(published: PublishedCell[], regenciesOf: Map<string, string[]>): Map<string, number> {
  const key = (c: { region: string; year: number; quarter: number; cell: string }) =>
    `${c.region}|${c.year}|${c.quarter}|${c.cell}`;
  const by = new Map(published.map((c) => [key(c), c]));
  const rels: Array<[string[], string[]]> = []; // [+keys, −keys]
  const years = new Set(published.map((c) => c.year));
  const periodsOf = (y: number) => new Set(published.filter((c) => c.year === y).map((c) => c.quarter));
  for (const y of years)
    for (const q of periodsOf(y))
      for (const [prov, regs] of regenciesOf) {
        for (const region of [prov, ...regs])
          for (const w of withinRelations())
            rels.push([
              w.parts.map((c) => key({ region, year: y, quarter: q, cell: c })),
              [key({ region, year: y, quarter: q, cell: w.total })],
            ]);
        // the province is its kab/kota and nothing else, as far as a reader knows
        for (const cell of CELLS)
          rels.push([
            regs.map((r) => key({ region: r, year: y, quarter: q, cell })),
            [key({ region: prov, year: y, quarter: q, cell })],
          ]);
      }
  for (const y of years)
    if ([0, 1, 2, 3, 4].every((q) => periodsOf(y).has(q)))
      for (const [prov, regs] of regenciesOf)
        for (const region of [prov, ...regs])
          for (const cell of CELLS)
            rels.push([
              [1, 2, 3, 4].map((q) => key({ region, year: y, quarter: q, cell })),
              [key({ region, year: y, quarter: 0, cell })],
            ]);
  // unknowns: cells not shown as a number (and cells a reader has not seen at all)
  const unk = new Map<string, number>();
  const rows: Array<{ a: Map<number, Frac>; rhs: Frac }> = [];
  for (const [plus, minus] of rels) {
    const a = new Map<number, Frac>();
    let rhs = fr(0n);
    const put = (k: string, s: bigint) => {
      const c = by.get(k);
      if (c && c.status === 'angka') rhs = sub(rhs, fr(s * BigInt(c.value!)));
      else {
        if (!unk.has(k)) unk.set(k, unk.size);
        const i = unk.get(k)!;
        a.set(i, fr((a.get(i)?.n ?? 0n) + s));
      }
    };
    for (const k of plus) put(k, 1n);
    for (const k of minus) put(k, -1n);
    for (const [i, v] of a) if (v.n === 0n) a.delete(i);
    if (a.size > 0) rows.push({ a, rhs });
  }
  // Gauss–Jordan over the rationals
  const pivots: Array<{ p: number; a: Map<number, Frac>; rhs: Frac }> = [];
  for (const r of rows) {
    let a = new Map(r.a);
    let rhs = r.rhs;
    for (const b of pivots) {
      const c = a.get(b.p);
      if (!c) continue;
      for (const [i, v] of b.a) {
        const x = sub(a.get(i) ?? fr(0n), mul(c, v));
        if (x.n === 0n) a.delete(i);
        else a.set(i, x);
      }
      rhs = sub(rhs, mul(c, b.rhs));
    }
    if (a.size === 0) continue;
    const p = [...a.keys()][0]!;
    const pc = a.get(p)!;
    a = new Map([...a].map(([i, v]) => [i, div(v, pc)]));
    rhs = div(rhs, pc);
    for (const b of pivots) {
      const c = b.a.get(p);
      if (!c) continue;
      for (const [i, v] of a) {
        const x = sub(b.a.get(i) ?? fr(0n), mul(c, v));
        if (x.n === 0n) b.a.delete(i);
        else b.a.set(i, x);
      }
      b.rhs = sub(b.rhs, mul(c, rhs));
    }
    pivots.push({ p, a, rhs });
  }
  const names = [...unk.keys()];
  const out = new Map<string, number>();
  for (const b of pivots) if (b.a.size === 1 && b.rhs.d === 1n) out.set(names[b.p]!, Number(b.rhs.n));
  return out;
}

/* ---------------------------------------------------------------- attacker 2: every consistent integer table */

/**
 * For small tables: is there more than one integer value of each "<t" cell consistent with
 * everything published (the relations and what each mark says)? Depth-first search with the
 * relations checked as soon as their cells are chosen.
 */
function exhaustiveAttack(published: PublishedCell[], regencies: string[], cap: number): string[] {
  const key = (c: { region: string; quarter: number; cell: string }) => `${c.region}|${c.quarter}|${c.cell}`;
  const by = new Map(published.map((c) => [key(c), c]));
  const quarters = [...new Set(published.map((c) => c.quarter))];
  const rels: Array<Array<[string, number]>> = [];
  for (const q of quarters) {
    for (const region of ['36', ...regencies])
      for (const w of withinRelations())
        rels.push([
          [key({ region, quarter: q, cell: w.total }), -1],
          ...w.parts.map((c): [string, number] => [key({ region, quarter: q, cell: c }), 1]),
        ]);
    for (const cell of CELLS)
      rels.push([
        [key({ region: '36', quarter: q, cell }), -1],
        ...regencies.map((r): [string, number] => [key({ region: r, quarter: q, cell }), 1]),
      ]);
  }
  if ([0, 1, 2, 3, 4].every((q) => quarters.includes(q)))
    for (const region of ['36', ...regencies])
      for (const cell of CELLS)
        rels.push([
          [key({ region, quarter: 0, cell }), -1],
          ...[1, 2, 3, 4].map((q): [string, number] => [key({ region, quarter: q, cell }), 1]),
        ]);
  const unknown = published.filter((c) => c.status !== 'angka').map(key);
  const dom = new Map(
    unknown.map((k) => {
      const [l, h] = boundsOf(by.get(k)!);
      return [k, [l, Math.min(h, cap)] as [number, number]];
    }),
  );
  const val = new Map<string, number>();
  for (const c of published) if (c.status === 'angka') val.set(key(c), c.value!);
  const relsOf = new Map<string, number[]>();
  rels.forEach((r, i) => {
    for (const [k] of r) relsOf.set(k, [...(relsOf.get(k) ?? []), i]);
  });
  const feasible = (i: number) => {
    let min = 0;
    let max = 0;
    for (const [k, c] of rels[i]!) {
      const v = val.get(k);
      const [l, h] = v === undefined ? (dom.get(k) ?? [0, cap]) : [v, v];
      min += c > 0 ? c * l : c * h;
      max += c > 0 ? c * h : c * l;
    }
    return min <= 0 && max >= 0;
  };
  const search = (order: string[], at: number): boolean => {
    if (at === order.length) return true;
    const k = order[at]!;
    const [l, h] = dom.get(k)!;
    for (let v = l; v <= h; v++) {
      val.set(k, v);
      if ((relsOf.get(k) ?? []).every(feasible) && search(order, at + 1)) {
        val.delete(k);
        return true;
      }
    }
    val.delete(k);
    return false;
  };
  const pinned: string[] = [];
  for (const k of unknown) {
    const [l, h] = dom.get(k)!;
    const values: number[] = [];
    for (let v = l; v <= h && values.length < 2; v++) {
      val.set(k, v);
      const rest = unknown.filter((x) => x !== k);
      if ((relsOf.get(k) ?? []).every(feasible) && search(rest, 0)) values.push(v);
      val.delete(k);
    }
    if (values.length < 2) pinned.push(`${k} = ${values.join('')}`);
  }
  return pinned;
}

/* ---------------------------------------------------------------- tests */

const REGS = ['36.01', '36.02', '36.03'];
const provinceYear = (d: Data, regs: string[], periods: number[], t = 5, fixed: PublishedCell[] = []) =>
  protect({ province: '36', regencies: regs, year: 2025, periods, fixed, counts: countsOf(d), threshold: t });

describe('the threshold', () => {
  it('defaults to 5, takes 3 and more, and refuses less as a configuration error', () => {
    expect(loadConfig({}).publicStatsMinCell).toBe(5);
    expect(loadConfig({ SIMPUL_PUBLIC_STATS_MIN_CELL: '3' }).publicStatsMinCell).toBe(3);
    expect(loadConfig({ SIMPUL_PUBLIC_STATS_MIN_CELL: '10' }).publicStatsMinCell).toBe(10);
    for (const bad of ['2', '0', '-5', '4.5', 'lima', '1000'])
      expect(() => loadConfig({ SIMPUL_PUBLIC_STATS_MIN_CELL: bad }), bad).toThrow(
        /SIMPUL_PUBLIC_STATS_MIN_CELL/,
      );
    expect(() =>
      protect({
        province: '36',
        regencies: [],
        year: 2025,
        periods: [1],
        fixed: [],
        counts: () => new Map(),
        threshold: 2,
      }),
    ).toThrow();
  });
});

describe('primary suppression', () => {
  it('shows 1 to 4 as "<5", 0 as 0 and 5 or more as the count', () => {
    const d: Data = new Map();
    const m = new Map(CELLS.map((c) => [c, 0]));
    // a kab/kota with 3 victims, all girls of 13–17; 9 girls in the other
    m.set('korban|jumlah', 3).set('korban_jenis_kelamin|perempuan', 3).set('korban_umur|13-17', 3);
    const big = new Map(CELLS.map((c) => [c, 0]));
    big.set('korban|jumlah', 9).set('korban_jenis_kelamin|perempuan', 9).set('korban_umur|13-17', 9);
    d.set('36.01|1', m).set('36.02|1', big);
    const { cells, unprotected } = provinceYear(d, ['36.01', '36.02'], [1]);
    expect(unprotected).toEqual([]);
    const of = (region: string, cell: string) => cells.find((c) => c.region === region && c.cell === cell)!;
    expect(shown(of('36.01', 'korban|jumlah'))).toBe('<5');
    expect(shown(of('36.01', 'korban_jenis_kelamin|perempuan'))).toBe('<5');
    expect(shown(of('36.01', 'korban_umur|60+'))).not.toBe('3');
    expect(cells.some((c) => c.status === 'angka' && c.value! > 0 && c.value! < 5)).toBe(false);
    // and the province's 12 cannot be published beside the other's 9: 12 − 9 = 3
    const prov = of('36', 'korban|jumlah');
    const other = of('36.02', 'korban|jumlah');
    expect(prov.status === 'angka' && other.status === 'angka').toBe(false);
    expect(linearAttack(cells, new Map([['36', ['36.01', '36.02']]])).size).toBe(0);
    expect(exhaustiveAttack(cells, ['36.01', '36.02'], 30)).toEqual([]);
  });

  it('uses the configured threshold', () => {
    const d = dataset(11, REGS, { max: 30 });
    const { cells } = provinceYear(d, REGS, [1], 10);
    for (const c of cells) {
      const v = truth(d, REGS, c);
      if (v > 0 && v < 10) expect(c.status, `${c.region} ${c.cell}`).toBe('kecil');
      if (c.status === 'angka') expect(c.value).toBe(v);
      if (c.status === 'kecil') expect(v).toBeLessThan(10);
      if (c.status === 'tersembunyi') expect(v).toBeGreaterThanOrEqual(10);
    }
  });

  it('counts the rollup into the tables, unknown values into "tidak diketahui"', () => {
    const m = tabulate([
      { unit: '36.01', month: '2025-01-01', caseType: 'ktp', measure: 'cases', value: '', n: 2 },
      { unit: '36.01', month: '2025-01-01', caseType: '', measure: 'cases', value: '', n: 1 },
      { unit: '36.01', month: '2025-01-01', caseType: 'ktp', measure: 'victims', value: '', n: 4 },
      {
        unit: '36.01',
        month: '2025-01-01',
        caseType: 'ktp',
        measure: 'victim_sex',
        value: 'perempuan',
        n: 3,
      },
      {
        unit: '36.01',
        month: '2025-01-01',
        caseType: 'ktp',
        measure: 'victim_sex',
        value: 'kode_lama',
        n: 1,
      },
      { unit: '36.01', month: '2025-01-01', caseType: 'ktp', measure: 'form', value: 'fisik', n: 2 },
      { unit: '36.01', month: '2025-01-01', caseType: 'ktp', measure: 'form', value: 'kode_lama', n: 2 },
    ]);
    expect(m.get('kasus|jumlah')).toBe(3);
    expect(m.get('jenis_kasus|ktp')).toBe(2);
    expect(m.get('jenis_kasus|tidak_diketahui')).toBe(1);
    expect(m.get('korban|jumlah')).toBe(4);
    expect(m.get('korban_jenis_kelamin|tidak_diketahui')).toBe(1);
    expect(m.get('bentuk_kekerasan|fisik')).toBe(2);
    expect([...m.keys()].some((k) => k.includes('kode_lama'))).toBe(false);
  });
});

describe('secondary suppression against an attacker', () => {
  it('a lone "<5" in a row is never left beside its published total (row difference)', () => {
    const d: Data = new Map();
    const m = new Map(CELLS.map((c) => [c, 0]));
    m.set('korban|jumlah', 15)
      .set('korban_jenis_kelamin|perempuan', 12)
      .set('korban_jenis_kelamin|laki_laki', 3);
    m.set('korban_umur|13-17', 15);
    d.set('36.01|1', m);
    const { cells } = provinceYear(d, ['36.01'], [1]);
    const at = (region: string, cell: string) => cells.find((c) => c.region === region && c.cell === cell)!;
    expect(at('36.01', 'korban_jenis_kelamin|laki_laki').status).toBe('kecil');
    // 15 − 12 − 0 would be 3: something else in the row is hidden too
    const row = ['korban|jumlah', 'korban_jenis_kelamin|perempuan', 'korban_jenis_kelamin|tidak_diketahui'];
    expect(row.some((c) => at('36.01', c).status !== 'angka')).toBe(true);
    expect(linearAttack(cells, new Map([['36', ['36.01']]])).size).toBe(0);
    expect(exhaustiveAttack(cells, ['36.01'], 40)).toEqual([]);
  });

  it('a province is never the published sum of its kab/kota but one (province − Σ kab/kota)', () => {
    const d = dataset(3, REGS, { max: 25 });
    const { cells } = provinceYear(d, REGS, [1]);
    for (const cell of CELLS) {
      const col = ['36', ...REGS].map((r) => cells.find((c) => c.region === r && c.cell === cell)!);
      const hidden = col.filter((c) => c.status !== 'angka');
      expect(hidden.length === 0 || hidden.length >= 2, cell).toBe(true);
    }
  });

  it('a year is never the published sum of its quarters but one (year − Σ quarters)', () => {
    const d = dataset(5, REGS, { max: 25 });
    const { cells } = provinceYear(d, REGS, [0, 1, 2, 3, 4]);
    for (const region of ['36', ...REGS])
      for (const cell of CELLS) {
        const col = [0, 1, 2, 3, 4].map(
          (q) => cells.find((c) => c.region === region && c.quarter === q && c.cell === cell)!,
        );
        const hidden = col.filter((c) => c.status !== 'angka');
        expect(hidden.length === 0 || hidden.length >= 2, `${region} ${cell}`).toBe(true);
      }
    expect(linearAttack(cells, new Map([['36', REGS]])).size).toBe(0);
  });

  it('the sex table and the age table share their total and give nothing away between them', () => {
    const d: Data = new Map();
    const m = new Map(CELLS.map((c) => [c, 0]));
    // sex all published but for one "<5"; the age table would give the total
    m.set('korban|jumlah', 20)
      .set('korban_jenis_kelamin|perempuan', 18)
      .set('korban_jenis_kelamin|laki_laki', 2);
    m.set('korban_umur|13-17', 10).set('korban_umur|25-44', 10);
    d.set('36.01|1', m);
    const { cells } = provinceYear(d, ['36.01'], [1]);
    expect(linearAttack(cells, new Map([['36', ['36.01']]])).size).toBe(0);
    expect(exhaustiveAttack(cells, ['36.01'], 40)).toEqual([]);
  });

  it('four "<5" that can only be 1 each are not left to be worked out from bounds', () => {
    // 4 victims in four age groups: "<5" means 0–4, so the four cells summing to a "<5" pin nothing
    const d: Data = new Map();
    const m = new Map(CELLS.map((c) => [c, 0]));
    m.set('korban|jumlah', 4).set('korban_jenis_kelamin|perempuan', 4);
    for (const a of ['0-5', '6-12', '13-17', '18-24']) m.set(`korban_umur|${a}`, 1);
    d.set('36.01|1', m);
    const big = new Map(CELLS.map((c) => [c, 0]));
    big.set('korban|jumlah', 30).set('korban_jenis_kelamin|perempuan', 30).set('korban_umur|25-44', 30);
    d.set('36.02|1', big);
    const { cells } = provinceYear(d, ['36.01', '36.02'], [1]);
    expect(exhaustiveAttack(cells, ['36.01', '36.02'], 40)).toEqual([]);
  });

  it('cases a province handles itself are never shown and cannot be worked out', () => {
    const d = dataset(21, ['36.01', '36.02'], { max: 20, own: true });
    const own = [1, 2, 3, 4].map((q) => d.get(`36|${q}`)!.get('korban|jumlah')!);
    expect(own.some((n) => n > 0)).toBe(true);
    const { cells, unprotected } = provinceYear(d, ['36.01', '36.02'], [0, 1, 2, 3, 4]);
    expect(unprotected).toEqual([]);
    expect(cells.some((c) => c.region.endsWith('*'))).toBe(false);
    // province − Σ kab/kota would be the province's own count: never exactly
    const found = linearAttack(cells, new Map([['36', ['36.01', '36.02', '36*']]]));
    for (const [k, v] of found) {
      const [region, , q, ...cell] = k.split('|');
      if (region === '36*')
        expect(
          v === truth(d, [], { region: '36', quarter: Number(q), cell: cell.join('|') }) && v > 0 && v < 5,
          k,
        ).toBe(false);
    }
  });

  it('randomised tables: nothing suppressed is recovered (linear attacker, every threshold)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const r = rng(seed * 7919);
      const k = 1 + Math.floor(r() * 4);
      const regs = REGS.concat(['36.04']).slice(0, k);
      const t = 3 + Math.floor(r() * 5);
      const d = dataset(seed, regs, { max: 5 + Math.floor(r() * 60), own: r() < 0.3 });
      const year = r() < 0.5;
      const { cells, unprotected } = provinceYear(
        d,
        regs,
        year ? [0, 1, 2, 3, 4] : [1 + Math.floor(r() * 4)],
        t,
      );
      expect(unprotected, `seed ${seed}`).toEqual([]);
      for (const c of cells) {
        const v = truth(d, regs, c);
        if (c.status === 'angka') expect(v, `seed ${seed}`).toBe(c.value);
        else if (c.status === 'kecil') expect(v, `seed ${seed}`).toBeLessThan(t);
        else expect(v, `seed ${seed}`).toBeGreaterThanOrEqual(t);
        if (v > 0 && v < t) expect(c.status, `seed ${seed}`).toBe('kecil');
      }
      // the attacker knows a province may hold cases of its own, beside its kab/kota
      const found = linearAttack(cells, new Map([['36', [...regs, '36*']]]));
      for (const [key, v] of found) {
        const c = cells.find((x) => `${x.region}|${x.year}|${x.quarter}|${x.cell}` === key);
        if (c && c.status !== 'angka' && v === truth(d, regs, c))
          expect(`${key} = ${v}`, `seed ${seed}`).toBe('not recovered');
      }
    }
  }, 120_000);

  it('randomised small tables: no "<5" has a single value in every table consistent with what is published', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const r = rng(seed * 104729);
      const regs = REGS.slice(0, 1 + Math.floor(r() * 2));
      const d = dataset(seed + 1000, regs, { max: 14, multi: false });
      const { cells } = provinceYear(d, regs, [1]);
      expect(exhaustiveAttack(cells, regs, 40), `seed ${seed}`).toEqual([]);
    }
  }, 120_000);
});

describe('across snapshots', () => {
  it('cells once published never change, and a year published later gives away no quarter', () => {
    const d = dataset(42, REGS, { max: 30 });
    // the snapshots of April, July, October publish Q1, Q2, Q3; January the year and Q4
    const published: PublishedCell[] = [];
    for (const q of [1, 2, 3]) published.push(...provinceYear(d, REGS, [q]).cells);
    // then one more case arrives in Q2 (a late entry) and one in Q4: Q2 is not published again
    const later: Data = new Map([...d].map(([k, m]) => [k, new Map(m)]));
    for (const k of ['36.02|2', '36.02|4']) {
      const m = later.get(k)!;
      for (const c of ['korban|jumlah', 'korban_jenis_kelamin|laki_laki', 'korban_umur|13-17'])
        m.set(c, m.get(c)! + 1);
    }
    const jan = provinceYear(later, REGS, [0, 4], 5, published);
    expect(jan.unprotected).toEqual([]);
    expect(jan.cells.every((c) => c.quarter === 0 || c.quarter === 4)).toBe(true);
    const all = [...published, ...jan.cells];
    const found = linearAttack(all, new Map([['36', REGS]]));
    for (const [key, v] of found) {
      const c = all.find((x) => `${x.region}|${x.year}|${x.quarter}|${x.cell}` === key)!;
      if (!c || c.status === 'angka') continue;
      const data = c.quarter === 0 || c.quarter === 4 ? later : d;
      expect(v === truth(data, REGS, c), `${key} = ${v}`).toBe(false);
    }
  }, 60_000);

  it('two snapshots made from data one case apart show the same cells for the periods both publish', () => {
    const d = dataset(77, REGS, { max: 30 });
    const a = provinceYear(d, REGS, [1, 2]);
    // the next month's snapshot publishes nothing new for these quarters: it carries a's cells
    expect(closedPeriods('2025-07-01', '2025-01-01')).toEqual([
      { year: 2025, quarter: 1 },
      { year: 2025, quarter: 2 },
    ]);
    expect(closedPeriods('2025-12-01', '2025-01-01').map((p) => p.quarter)).toEqual([1, 2, 3, 4, 0]);
    expect(a.unprotected).toEqual([]);
  });
});
