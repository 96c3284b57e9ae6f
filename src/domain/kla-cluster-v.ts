/**
 * KLA cluster V from Simpul's own case data (issue 13 §2; decision 036): the counts the monthly
 * rollup keeps (measures `ampk_child`, `ampk_child_cat`, `abh_diversion`, src/domain/stats.ts
 * clusterVContributions) turned into the two figures a self-evaluation can take, with the
 * calculation and the counts behind it. Aggregates only: never a name, a case number or a case
 * id. Pure: no I/O.
 *
 * - `ampk_served` (indicator 21): of the child victims (under 18 by birth date, the officer's
 *   estimate or the group told) of the cases a kab/kota received in the year that carry at least
 *   one AMPK category, those whose case has at least one service record (a service delivered).
 *   Victims of unknown age are left out and counted apart; adults are not counted.
 * - `abh_diversion` (indicator 23): of the cases with an ABH incident that were closed in the
 *   year or have a diversion record dated in it, those with a successful diversion (a record
 *   `berhasil` dated by the end of the year).
 */
import type { KlaAutoSource } from './kla.ts';
import { labelOf, NO_DIVERSION, SERVED, UNKNOWN } from './stats.ts';
import { AMPK_CATEGORIES, DIVERSION_RESULTS, type Label, SEXES } from './taxonomies.ts';

export type AutoValuePart = { label: Label; n: number };

/** The year of case data behind an evaluation's cluster V figures: the full year before it. */
export function caseDataYear(evaluationYear: number): number {
  return evaluationYear - 1;
}
/** A cluster V value from case data: the numerator over the denominator, and how it was counted. */
export type AutoValue = { numerator: number; denominator: number; parts: AutoValuePart[] };

export type RollupSum = { measure: string; value: string; n: number };

type Split = { total: number; served: number };
const split = (): Split => ({ total: 0, served: 0 });

export type ClusterVFigures = {
  /** the year counted (local year of the region's zone) */
  year: number;
  ampkServed: {
    /** child victims (age under 18 known) of AMPK cases */
    total: number;
    served: number;
    /** victims of AMPK cases whose age is not known: left out of total and served */
    unknownAge: number;
    byCategory: Map<string, Split>;
    bySex: Map<string, Split>;
    byAge: Map<string, Split>;
  };
  abhDiversion: {
    /** ABH cases closed in the year or with a diversion record dated in it */
    total: number;
    /** of them, with a successful diversion by the year's end */
    succeeded: number;
    /** the same cases by their outcome as of the year's end (berhasil … tidak_tercatat) */
    byOutcome: Map<string, number>;
  };
};

const CHILD_AGES = ['0-5', '6-12', '13-17'] as const;

/** The figures of a year from the rollup's sums of its three measures (see the module comment). */
export function clusterVFigures(rows: readonly RollupSum[], year: number): ClusterVFigures {
  const f: ClusterVFigures = {
    year,
    ampkServed: {
      total: 0,
      served: 0,
      unknownAge: 0,
      byCategory: new Map(),
      bySex: new Map(),
      byAge: new Map(),
    },
    abhDiversion: { total: 0, succeeded: 0, byOutcome: new Map() },
  };
  const bump = (m: Map<string, Split>, k: string, served: boolean, n: number) => {
    let s = m.get(k);
    if (!s) {
      s = split();
      m.set(k, s);
    }
    s.total += n;
    if (served) s.served += n;
  };
  const a = f.ampkServed;
  for (const r of rows) {
    if (r.measure === 'ampk_child') {
      const [st, sex, age] = r.value.split(':') as [string, string, string];
      if (age === UNKNOWN) {
        a.unknownAge += r.n;
        continue;
      }
      const served = st === SERVED;
      a.total += r.n;
      if (served) a.served += r.n;
      bump(a.bySex, sex, served, r.n);
      bump(a.byAge, age, served, r.n);
    } else if (r.measure === 'ampk_child_cat') {
      const [st, cat, , age] = r.value.split(':') as [string, string, string, string];
      if (age === UNKNOWN) continue;
      bump(a.byCategory, cat, st === SERVED, r.n);
    } else if (r.measure === 'abh_diversion') {
      const [y, outcome] = r.value.split(':') as [string, string];
      if (y !== String(year)) continue;
      f.abhDiversion.total += r.n;
      if (outcome === 'berhasil') f.abhDiversion.succeeded += r.n;
      f.abhDiversion.byOutcome.set(outcome, (f.abhDiversion.byOutcome.get(outcome) ?? 0) + r.n);
    }
  }
  return f;
}

const OUTCOMES = [
  ...DIVERSION_RESULTS,
  {
    code: NO_DIVERSION,
    label: { id: 'Tanpa catatan diversi (kasus ditutup)', en: 'No diversion recorded (case closed)' },
  },
];

const AGE_LABELS: Record<string, Label> = {
  '0-5': { id: '0–5 tahun', en: '0–5 years' },
  '6-12': { id: '6–12 tahun', en: '6–12 years' },
  '13-17': { id: '13–17 tahun', en: '13–17 years' },
};

const servedParts = (head: Label, s: Split): AutoValuePart[] => [
  { label: { id: `${head.id}: anak korban`, en: `${head.en}: child victims` }, n: s.total },
  { label: { id: `${head.id}: terlayani`, en: `${head.en}: served` }, n: s.served },
];

/**
 * The value of an indicator filled from case data, with the parts behind it; null when there is
 * nothing to count (a denominator of 0 is no percentage).
 */
export function autoValueOf(source: KlaAutoSource, f: ClusterVFigures): AutoValue | null {
  if (source === 'ampk_served') {
    const a = f.ampkServed;
    if (a.total === 0) return null;
    const parts: AutoValuePart[] = [
      {
        label: {
          id: `Anak korban (di bawah 18 tahun) dalam kasus berkategori AMPK yang diterima tahun ${f.year}; satu anak dapat tercatat di lebih dari satu kategori`,
          en: `Child victims (under 18) in cases with an AMPK category received in ${f.year}; a child may count in more than one category`,
        },
        n: a.total,
      },
      {
        label: {
          id: 'Di antaranya terlayani: kasusnya memiliki minimal satu catatan layanan yang diberikan',
          en: 'Of them served: their case has at least one service delivered',
        },
        n: a.served,
      },
      {
        label: {
          id: 'Tidak dihitung: korban dalam kasus AMPK yang umurnya tidak diketahui',
          en: 'Not counted: victims in AMPK cases whose age is not known',
        },
        n: a.unknownAge,
      },
    ];
    for (const c of AMPK_CATEGORIES) {
      const s = a.byCategory.get(c.code);
      if (s) parts.push(...servedParts(c.label, s));
    }
    for (const [code, s] of [...a.bySex].sort()) parts.push(...servedParts(labelOf(SEXES, code), s));
    for (const age of CHILD_AGES) {
      const s = a.byAge.get(age);
      if (s) parts.push(...servedParts(AGE_LABELS[age]!, s));
    }
    return { numerator: a.served, denominator: a.total, parts };
  }
  const d = f.abhDiversion;
  if (d.total === 0) return null;
  const parts: AutoValuePart[] = [
    {
      label: {
        id: `Kasus ABH yang ditutup tahun ${f.year} atau memiliki catatan diversi bertanggal tahun itu`,
        en: `ABH cases closed in ${f.year} or with a diversion record dated that year`,
      },
      n: d.total,
    },
    {
      label: {
        id: 'Di antaranya diversi berhasil (sampai akhir tahun)',
        en: 'Of them with a successful diversion (by the year’s end)',
      },
      n: d.succeeded,
    },
  ];
  for (const o of OUTCOMES) {
    const n = d.byOutcome.get(o.code);
    if (n)
      parts.push({ label: { id: `Hasil diversi: ${o.label.id}`, en: `Diversion result: ${o.label.en}` }, n });
  }
  return { numerator: d.succeeded, denominator: d.total, parts };
}
