/**
 * Public statistics (issue 11 §3, decision 026): the tables anyone may see at /statistik, and
 * the small-cell suppression that keeps a person from being worked out of them. Pure: no I/O.
 *
 * What is published: per province and kab/kota the installation serves, per closed quarter and
 * closed year, five tables: victims by sex, victims by age group (the two share their total),
 * forms of violence, places of incident (cases; one case can count in several rows) and cases by
 * case type (with their total).
 *
 * Suppression, in the words of the page:
 * - a count from 1 to t−1 is shown as "<t" (t = SIMPUL_PUBLIC_STATS_MIN_CELL, default 5, never
 *   below 3). "<t" means "fewer than t": the secondary suppression may also show a 0 as "<t",
 *   so a reader can never assume that a "<t" is at least 1.
 * - a count of t or more that has to be hidden so that no "<t" can be worked out is shown "–".
 * - 0 is shown as 0 otherwise: a zero identifies nobody, and since "<t" may be a zero, it does not
 *   narrow any hidden count from below.
 *
 * Secondary suppression protects every "<t" against an attacker who knows every published
 * figure of the snapshot (and of the earlier ones: published cells never change, see below),
 * every relation between them — rows add up to the total, the sex and age tables share their
 * total, a province is the sum of its kab/kota (plus cases the province handles itself, never
 * shown), a year is the sum of its quarters — and the bounds each mark implies ("<t" is 0…t−1,
 * "–" is t or more). The auditor (`audit`) combines the relations linearly (exact elimination)
 * and narrows bounds through them, integer-rounded; a "<t" whose range shrinks to one value is
 * exposed and one more cell next to it is hidden, until none is.
 */
import { FIGURES, UNKNOWN } from './stats.ts';
import { CASE_TYPES, type CodeList, FORMS_OF_VIOLENCE, type Label, PLACES, SEXES } from './taxonomies.ts';

/* ---------------------------------------------------------------- the threshold */

export const MIN_CELL_DEFAULT = 5;
/** Below 3, "<t" would say "1 or 2" and a difference of one would pin a person. */
export const MIN_CELL_FLOOR = 3;
export const MIN_CELL_CEILING = 100;

/* ---------------------------------------------------------------- tables */

export const PUBLIC_TABLE_CODES = [
  'korban_jenis_kelamin',
  'korban_umur',
  'bentuk_kekerasan',
  'tempat_kejadian',
  'jenis_kasus',
] as const;
export type PublicTableCode = (typeof PUBLIC_TABLE_CODES)[number];

/** The row of a table's total. */
export const TOTAL_ROW = 'jumlah';

export type PublicTable = {
  code: PublicTableCode;
  title: Label;
  /** what a row counts */
  unit: Label;
  note?: Label;
  /** the rollup's measure (src/domain/stats.ts) the rows come from */
  measure: 'victim_sex' | 'victim_age' | 'form' | 'place' | 'cases';
  /** the total shared by tables of one population; null = rows do not add up (one case, several rows) */
  total: 'korban' | 'kasus' | null;
  rows: CodeList<string>;
};

const UNKNOWN_ROW = {
  code: UNKNOWN,
  label: { id: 'Tidak diketahui/belum dicatat', en: 'Unknown/not recorded' },
};
const KORBAN: Label = { id: 'korban', en: 'victims' };
const KASUS: Label = { id: 'kasus', en: 'cases' };
const ageCodes = FIGURES.find((f) => f.measure === 'victim_age')?.codes ?? [];

export const PUBLIC_TABLES: readonly PublicTable[] = [
  {
    code: 'korban_jenis_kelamin',
    title: { id: 'Korban menurut jenis kelamin', en: 'Victims by sex' },
    unit: KORBAN,
    measure: 'victim_sex',
    total: 'korban',
    rows: [...SEXES, UNKNOWN_ROW],
  },
  {
    code: 'korban_umur',
    title: { id: 'Korban menurut kelompok umur', en: 'Victims by age group' },
    unit: KORBAN,
    note: {
      id: 'Umur saat pengaduan (kelompok umur SIMFONI-PPA).',
      en: 'Age at the report (SIMFONI-PPA age groups).',
    },
    measure: 'victim_age',
    total: 'korban',
    rows: [...ageCodes, UNKNOWN_ROW],
  },
  {
    code: 'bentuk_kekerasan',
    title: { id: 'Bentuk kekerasan', en: 'Forms of violence' },
    unit: KASUS,
    note: {
      id: 'Satu kasus dapat memiliki beberapa bentuk kekerasan, sehingga baris-barisnya tidak dijumlahkan.',
      en: 'One case can have several forms, so the rows are not added up.',
    },
    measure: 'form',
    total: null,
    rows: FORMS_OF_VIOLENCE,
  },
  {
    code: 'tempat_kejadian',
    title: { id: 'Tempat kejadian', en: 'Place of incident' },
    unit: KASUS,
    note: {
      id: 'Satu kasus dapat terjadi di beberapa tempat, sehingga baris-barisnya tidak dijumlahkan.',
      en: 'One case can happen in several places, so the rows are not added up.',
    },
    measure: 'place',
    total: null,
    rows: PLACES,
  },
  {
    code: 'jenis_kasus',
    title: { id: 'Kasus menurut jenis kasus', en: 'Cases by case type' },
    unit: KASUS,
    measure: 'cases',
    total: 'kasus',
    rows: [...CASE_TYPES, { code: UNKNOWN, label: { id: 'Belum ditentukan', en: 'Not yet decided' } }],
  },
];

export function tableOf(code: string): PublicTable | undefined {
  return PUBLIC_TABLES.find((t) => t.code === code);
}

/** The rows shown of a table: its categories, then the total when it has one. */
export function rowCodes(t: PublicTable): string[] {
  return [...t.rows.map((r) => r.code), ...(t.total ? [TOTAL_ROW] : [])];
}

/* ---------------------------------------------------------------- counting */

/** One row of the monthly rollup (stat_rollup, level 2): what the published figures are made of. */
export type RollupCount = {
  /** the kab/kota (or, for cases a province handles itself, the province) */
  unit: string;
  /** YYYY-MM-01 */
  month: string;
  caseType: string;
  measure: string;
  value: string;
  n: number;
};

/** Quarter 1–4 of a month (YYYY-MM-01); 0 = the year. */
export function quarterOf(month: string): number {
  return Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1;
}

/** The last month (YYYY-MM-01) of a quarter (0 = the whole year). */
export function lastMonthOf(year: number, quarter: number): string {
  const m = quarter === 0 ? 12 : quarter * 3;
  return `${year}-${String(m).padStart(2, '0')}-01`;
}

/** A cell's key within one unit and period: table and row; the shared totals are one cell. */
export function cellOf(table: PublicTableCode, row: string): string {
  const t = tableOf(table)!;
  return row === TOTAL_ROW && t.total ? `${t.total}|${TOTAL_ROW}` : `${table}|${row}`;
}

/**
 * The counts of one unit and period, by cell (`cellOf`), from rollup rows already narrowed to
 * that unit and period. A value no row lists counts as unknown in the tables that add up (so the
 * rows still make the total) and is left out of the others.
 */
export function tabulate(rows: readonly RollupCount[]): Map<string, number> {
  const out = new Map<string, number>();
  const add = (k: string, n: number) => out.set(k, (out.get(k) ?? 0) + n);
  for (const r of rows) {
    if (r.measure === 'victims') add(`korban|${TOTAL_ROW}`, r.n);
    if (r.measure === 'cases') {
      add(`kasus|${TOTAL_ROW}`, r.n);
      const t = tableOf('jenis_kasus')!;
      const code = t.rows.some((x) => x.code === r.caseType) ? r.caseType : UNKNOWN;
      add(`jenis_kasus|${code}`, r.n);
      continue;
    }
    for (const t of PUBLIC_TABLES) {
      if (t.measure !== r.measure || t.measure === 'cases') continue;
      const known = t.rows.some((x) => x.code === r.value);
      if (known) add(`${t.code}|${r.value}`, r.n);
      else if (t.total) add(`${t.code}|${UNKNOWN}`, r.n);
    }
  }
  return out;
}

/** Every cell key of a unit and period (totals once). */
export function allCells(): string[] {
  const s = new Set<string>();
  for (const t of PUBLIC_TABLES) for (const r of rowCodes(t)) s.add(cellOf(t.code, r));
  return [...s];
}

/** The relations inside one unit and period: each adding table's rows make its total. */
export function withinRelations(): Array<{ parts: string[]; total: string }> {
  return PUBLIC_TABLES.filter((t) => t.total).map((t) => ({
    parts: t.rows.map((r) => cellOf(t.code, r.code)),
    total: cellOf(t.code, TOTAL_ROW),
  }));
}

/* ---------------------------------------------------------------- published cells */

/** angka = the count; kecil = fewer than the threshold ("<t", may be 0); tersembunyi = t or more, hidden ("–"). */
export type CellStatus = 'angka' | 'kecil' | 'tersembunyi';

export type PublishedCell = {
  region: string;
  year: number;
  /** 1–4, 0 = the whole year */
  quarter: number;
  /** cellOf(): `table|row`, or `korban|jumlah` / `kasus|jumlah` for the shared totals */
  cell: string;
  status: CellStatus;
  /** the count when status is angka, else null */
  value: number | null;
  /** the threshold in force when the cell was first published */
  threshold: number;
};

/** What a reader knows of a cell from its mark: [lo, hi] (hi = Infinity for "–"). */
export function boundsOf(c: Pick<PublishedCell, 'status' | 'value' | 'threshold'>): [number, number] {
  if (c.status === 'angka') return [c.value!, c.value!];
  if (c.status === 'kecil') return [0, c.threshold - 1];
  return [c.threshold, Number.POSITIVE_INFINITY];
}

/* ---------------------------------------------------------------- the attacker the suppression defends against */

/** A linear relation Σ coef·x = 0 over variable indices. */
export type Relation = ReadonlyArray<readonly [number, number]>;

export type AuditInput = {
  /** per variable: its bounds as a reader knows them ([v, v] when published) */
  bounds: ReadonlyArray<readonly [number, number]>;
  /** the variables whose exact value must stay unknown */
  sensitive: ReadonlySet<number>;
  relations: readonly Relation[];
};

const EPS = 1e-7;

/**
 * The ranges a reader can work out for every unpublished variable: exact elimination of the
 * relations (any linear combination of them), then bounds carried through the relations and
 * their reduced forms, integer-rounded, until nothing narrows. Returns the sensitive variables
 * whose range is one value.
 */
export function audit(input: AuditInput): { exposed: number[]; ranges: Map<number, [number, number]> } {
  const n = input.bounds.length;
  const lo = input.bounds.map((b) => b[0]);
  const hi = input.bounds.map((b) => b[1]);
  const known = (i: number) => lo[i] === hi[i] && !input.sensitive.has(i) && Number.isFinite(lo[i]!);
  const unknown = new Set<number>();
  for (let i = 0; i < n; i++)
    if (!(lo[i] === hi[i] && input.bounds[i]![0] === input.bounds[i]![1])) unknown.add(i);
  // relations over the unknowns: Σ a·x = rhs
  type Row = { a: Map<number, number>; rhs: number };
  const rows: Row[] = [];
  for (const rel of input.relations) {
    const a = new Map<number, number>();
    let rhs = 0;
    for (const [v, c] of rel) {
      if (unknown.has(v)) a.set(v, (a.get(v) ?? 0) + c);
      else rhs -= c * lo[v]!;
    }
    for (const [v, c] of a) if (Math.abs(c) < EPS) a.delete(v);
    if (a.size > 0) rows.push({ a, rhs });
  }
  // reduced row echelon form, kept reduced as each relation comes in
  const basis = new Map<number, Row>(); // pivot → row with coefficient 1 at the pivot
  for (const r0 of rows) {
    const r: Row = { a: new Map(r0.a), rhs: r0.rhs };
    for (const [p, b] of basis) {
      const c = r.a.get(p);
      if (c === undefined) continue;
      for (const [v, bc] of b.a) {
        const x = (r.a.get(v) ?? 0) - c * bc;
        if (Math.abs(x) < EPS) r.a.delete(v);
        else r.a.set(v, x);
      }
      r.rhs -= c * b.rhs;
    }
    if (r.a.size === 0) continue;
    let pivot = -1;
    let best = 0;
    for (const [v, c] of r.a)
      if (Math.abs(c) > best + EPS || (Math.abs(c) > best - EPS && v < pivot)) {
        best = Math.abs(c);
        pivot = v;
      }
    const pc = r.a.get(pivot)!;
    for (const [v, c] of r.a) r.a.set(v, c / pc);
    r.rhs /= pc;
    r.a.set(pivot, 1);
    for (const [, b] of basis) {
      const c = b.a.get(pivot);
      if (c === undefined) continue;
      for (const [v, rc] of r.a) {
        const x = (b.a.get(v) ?? 0) - c * rc;
        if (Math.abs(x) < EPS) b.a.delete(v);
        else b.a.set(v, x);
      }
      b.rhs -= c * r.rhs;
    }
    basis.set(pivot, r);
  }
  const tighten = (i: number, l: number, h: number): boolean => {
    const nl = Math.ceil(l - EPS);
    const nh = Math.floor(h + EPS);
    let changed = false;
    if (nl > lo[i]!) {
      lo[i] = nl;
      changed = true;
    }
    if (nh < hi[i]!) {
      hi[i] = nh;
      changed = true;
    }
    return changed;
  };
  for (const b of basis.values()) if (b.a.size === 1) for (const [v] of b.a) tighten(v, b.rhs, b.rhs);
  // bounds through every relation and every reduced row
  const all = [...rows, ...basis.values()];
  for (let pass = 0; pass < 50; pass++) {
    let changed = false;
    for (const r of all) {
      // Σ a·x over the row: its least and greatest value, counting infinite ends apart
      let min = 0;
      let max = 0;
      let minInf = 0;
      let maxInf = 0;
      for (const [v, c] of r.a) {
        const l = c > 0 ? lo[v]! : hi[v]!;
        const h = c > 0 ? hi[v]! : lo[v]!;
        if (Number.isFinite(l)) min += c * l;
        else minInf++;
        if (Number.isFinite(h)) max += c * h;
        else maxInf++;
      }
      for (const [v, c] of r.a) {
        if (known(v)) continue;
        const l = c > 0 ? lo[v]! : hi[v]!;
        const h = c > 0 ? hi[v]! : lo[v]!;
        // the others' least and greatest: the row's without this one
        const oMinInf = minInf - (Number.isFinite(l) ? 0 : 1);
        const oMaxInf = maxInf - (Number.isFinite(h) ? 0 : 1);
        const oMin = oMinInf > 0 ? Number.NEGATIVE_INFINITY : min - (Number.isFinite(l) ? c * l : 0);
        const oMax = oMaxInf > 0 ? Number.POSITIVE_INFINITY : max - (Number.isFinite(h) ? c * h : 0);
        // c·x = rhs − others
        const a = (r.rhs - oMax) / c;
        const b = (r.rhs - oMin) / c;
        const nl = Math.min(a, b);
        const nh = Math.max(a, b);
        if (Number.isNaN(nl) || Number.isNaN(nh)) continue;
        if (tighten(v, nl, nh)) changed = true;
      }
    }
    if (!changed) break;
  }
  const exposed: number[] = [];
  const ranges = new Map<number, [number, number]>();
  for (const i of unknown) {
    ranges.set(i, [lo[i]!, hi[i]!]);
    if (input.sensitive.has(i) && lo[i]! >= hi[i]!) exposed.push(i);
  }
  return { exposed, ranges };
}

/* ---------------------------------------------------------------- one province and year */

export type ProtectInput = {
  province: string;
  /** the kab/kota of the province that are published */
  regencies: readonly string[];
  year: number;
  /** quarters (1–4) and 0 (the year) to publish now */
  periods: readonly number[];
  /** cells of this province and year published earlier (they never change) */
  fixed: readonly PublishedCell[];
  /** the counts of a unit (a kab/kota, or the province for the cases it handles itself) in a period */
  counts: (unit: string, quarter: number) => ReadonlyMap<string, number>;
  threshold: number;
};

type Var = {
  region: string;
  quarter: number;
  cell: string;
  /** published now (status decided here), published earlier (fixed), or never shown */
  kind: 'new' | 'fixed' | 'hidden';
  raw: number;
  status: CellStatus | null;
  value: number | null;
  threshold: number;
  sensitive: boolean;
};

/**
 * The cells to publish for one province and year: the periods asked for, for the province and
 * each kab/kota, marked so that no "<t" (and no count the province handles itself, which is never
 * shown) can be worked out from everything published for that province and year, earlier cells
 * included. `unprotected` lists what could not be protected (empty unless nothing was left to
 * hide; the snapshot job refuses to publish then).
 */
export function protect(p: ProtectInput): { cells: PublishedCell[]; unprotected: string[] } {
  const t = p.threshold;
  if (!Number.isInteger(t) || t < MIN_CELL_FLOOR) throw new Error(`threshold ${t} below ${MIN_CELL_FLOOR}`);
  const cells = allCells();
  const fixedBy = new Map(p.fixed.map((c) => [`${c.region}|${c.quarter}|${c.cell}`, c]));
  const fixedPeriods = new Set(p.fixed.map((c) => c.quarter));
  const periods = [...new Set([...p.periods, ...fixedPeriods])].sort();
  // the province's own cases (a case file held by the province Dinas): in its sum, never shown
  const ownNonzero = periods.some((q) => [...p.counts(p.province, q).values()].some((n) => n > 0));
  const units = [...p.regencies, ...(ownNonzero ? [`${p.province}*`] : [])];
  const vars: Var[] = [];
  const index = new Map<string, number>();
  const rawOf = (region: string, q: number, cell: string) => {
    if (region === p.province)
      return [...p.regencies, p.province].reduce((a, u) => a + (p.counts(u, q).get(cell) ?? 0), 0);
    const u = region.endsWith('*') ? p.province : region;
    return p.counts(u, q).get(cell) ?? 0;
  };
  for (const q of periods)
    for (const region of [p.province, ...units])
      for (const cell of cells) {
        const raw = rawOf(region, q, cell);
        const f = fixedBy.get(`${region}|${q}|${cell}`);
        let v: Var;
        if (region.endsWith('*'))
          v = {
            region,
            quarter: q,
            cell,
            kind: 'hidden',
            raw,
            status: null,
            value: null,
            threshold: t,
            sensitive: raw > 0,
          };
        else if (fixedPeriods.has(q))
          v = f
            ? {
                region,
                quarter: q,
                cell,
                kind: 'fixed',
                raw,
                status: f.status,
                value: f.value,
                threshold: f.threshold,
                sensitive: f.status !== 'angka',
              }
            : // a kab/kota not published in that period (served later): unknown to a reader
              {
                region,
                quarter: q,
                cell,
                kind: 'hidden',
                raw,
                status: null,
                value: null,
                threshold: t,
                sensitive: false,
              };
        else
          v =
            raw === 0 || raw >= t
              ? {
                  region,
                  quarter: q,
                  cell,
                  kind: 'new',
                  raw,
                  status: 'angka',
                  value: raw,
                  threshold: t,
                  sensitive: false,
                }
              : {
                  region,
                  quarter: q,
                  cell,
                  kind: 'new',
                  raw,
                  status: 'kecil',
                  value: null,
                  threshold: t,
                  sensitive: true,
                };
        index.set(`${region}|${q}|${cell}`, vars.length);
        vars.push(v);
      }
  const idx = (region: string, q: number, cell: string) => index.get(`${region}|${q}|${cell}`)!;
  const relations: Relation[] = [];
  for (const q of periods)
    for (const region of [p.province, ...units])
      for (const w of withinRelations())
        relations.push([
          [idx(region, q, w.total), -1],
          ...w.parts.map((c) => [idx(region, q, c), 1] as const),
        ]);
  for (const q of periods)
    for (const cell of cells)
      relations.push([[idx(p.province, q, cell), -1], ...units.map((u) => [idx(u, q, cell), 1] as const)]);
  if (periods.includes(0) && [1, 2, 3, 4].every((q) => periods.includes(q)))
    for (const region of [p.province, ...units])
      for (const cell of cells)
        relations.push([
          [idx(region, 0, cell), -1],
          ...[1, 2, 3, 4].map((q) => [idx(region, q, cell), 1] as const),
        ]);
  const byVar: number[][] = vars.map(() => []);
  relations.forEach((r, k) => {
    for (const [v] of r) byVar[v]!.push(k);
  });

  const boundsNow = () =>
    vars.map((v): readonly [number, number] =>
      v.kind === 'hidden'
        ? [0, Number.POSITIVE_INFINITY]
        : boundsOf({ status: v.status!, value: v.value, threshold: v.threshold }),
    );
  // hiding cost: a zero shown "<t" loses least; then small counts; kab/kota quarters before
  // province, year and total figures, which readers use most
  const cost = (i: number) => {
    const v = vars[i]!;
    const base = v.raw === 0 ? 0 : v.raw;
    return (
      base +
      (v.cell.endsWith(`|${TOTAL_ROW}`) ? 1e6 : 0) +
      (v.region === p.province ? 1e5 : 0) +
      (v.quarter === 0 ? 1e4 : 0)
    );
  };
  const sensitive = new Set<number>();
  vars.forEach((v, i) => {
    if (v.sensitive) sensitive.add(i);
  });
  const hideable = (i: number) => vars[i]!.kind === 'new' && vars[i]!.status === 'angka';
  const hide = (i: number) => {
    const v = vars[i]!;
    // a hidden cell must stay hidden: it joins the cells no reader may work out
    sensitive.add(i);
    if (v.raw < t) {
      v.status = 'kecil';
      v.value = null;
    } else {
      v.status = 'tersembunyi';
      v.value = null;
    }
  };
  const unprotected: string[] = [];
  const given = new Set<number>();
  for (let round = 0; round < 100_000; round++) {
    const { exposed } = audit({ bounds: boundsNow(), sensitive, relations });
    const open = exposed.filter((i) => !given.has(i));
    if (open.length === 0) break;
    // one more hidden cell beside each exposed one, then audit again
    const picked = new Set<number>();
    for (const x of open) {
      // the cheapest published cell in a relation of x; else one relation further; else anywhere
      let pick = -1;
      const consider = (cands: Iterable<number>) => {
        for (const c of cands)
          if (hideable(c) && !picked.has(c) && (pick < 0 || cost(c) < cost(pick))) pick = c;
      };
      const near = new Set<number>();
      for (const k of byVar[x]!) for (const [v] of relations[k]!) near.add(v);
      if ([...near].some((c) => picked.has(c))) continue; // something beside it is hidden this round already
      consider(near);
      if (pick < 0) {
        const far = new Set<number>();
        for (const v of near) for (const k of byVar[v]!) for (const [w] of relations[k]!) far.add(w);
        consider(far);
      }
      if (pick < 0) consider(vars.keys());
      if (pick < 0) {
        given.add(x);
        const v = vars[x]!;
        unprotected.push(`${v.region}|${v.quarter}|${v.cell}`);
        continue;
      }
      picked.add(pick);
      hide(pick);
    }
  }
  return {
    cells: vars
      .filter((v) => v.kind === 'new')
      .map((v) => ({
        region: v.region,
        year: p.year,
        quarter: v.quarter,
        cell: v.cell,
        status: v.status!,
        value: v.value,
        threshold: v.threshold,
      })),
    unprotected,
  };
}

/* ---------------------------------------------------------------- reading a snapshot */

/** How a cell reads on the page and in the CSV: the count, "<t", or "–". */
export function shown(c: Pick<PublishedCell, 'status' | 'value' | 'threshold'>): string {
  if (c.status === 'angka') return String(c.value);
  if (c.status === 'kecil') return `<${c.threshold}`;
  return '–';
}

/** The periods a snapshot through `throughMonth` (YYYY-MM-01) publishes: closed quarters and closed years. */
export function closedPeriods(
  throughMonth: string,
  firstMonth: string,
): Array<{ year: number; quarter: number }> {
  const out: Array<{ year: number; quarter: number }> = [];
  const y0 = Number(firstMonth.slice(0, 4));
  const y1 = Number(throughMonth.slice(0, 4));
  for (let y = y0; y <= y1; y++)
    for (const q of [1, 2, 3, 4, 0]) if (lastMonthOf(y, q) <= throughMonth) out.push({ year: y, quarter: q });
  return out;
}
