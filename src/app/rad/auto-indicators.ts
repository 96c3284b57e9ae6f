/**
 * Automatic indicators (decision 032): values Simpul computes from its own data for the plan's
 * jurisdiction and the year up to the end of a quarter (or today, in the current quarter). Case
 * figures are the dashboard's: the same monthly rollup read by the same repository function
 * (`sumsByValue`, src/db/stats.repository.ts) and the same share (tepat waktu ÷ tepat waktu +
 * terlambat + belum). Prevention figures count activities as the prevention coverage does (reported; a partner's once accepted). Aggregates only.
 */

import type { z } from 'zod';
import type { Tx } from '../../db/connect.ts';
import { preventionReach } from '../../db/rad.repository.ts';
import { sumsByValue } from '../../db/stats.repository.ts';
import type { RadAutoValueDto } from '../../domain/contract/rad.ts';
import { type AutoIndicator, monthsToQuarter, type Quarter, quarterDays } from '../../domain/rad.ts';
import { localDayStart } from '../../domain/time.ts';

type AutoValue = z.infer<typeof RadAutoValueDto>;

const DAY = 86_400_000;

/** One value per (indicator, year, quarter) within a request. */
export class AutoValues {
  private memo = new Map<string, Promise<AutoValue>>();
  private db: Tx;
  private jurisdiction: string;
  /** today's local date in the jurisdiction */
  private today: string;
  constructor(db: Tx, jurisdiction: string, today: string) {
    this.db = db;
    this.jurisdiction = jurisdiction;
    this.today = today;
  }

  get(code: AutoIndicator, year: number, quarter: Quarter): Promise<AutoValue> {
    const k = `${code}|${year}|${quarter}`;
    let v = this.memo.get(k);
    if (!v) {
      v = computeAutoValue(this.db, code, this.jurisdiction, year, quarter, this.today);
      this.memo.set(k, v);
    }
    return v;
  }
}

export async function computeAutoValue(
  db: Tx,
  code: AutoIndicator,
  jurisdiction: string,
  year: number,
  quarter: Quarter,
  today: string,
): Promise<AutoValue> {
  const q = quarterDays(year, quarter);
  if (q.from > today) return { quarter, from: q.yearFrom, to: q.to, value: null, parts: [] };
  const to = q.to < today ? q.to : today;
  if (code === 'desa_terjangkau_pencegahan' || code === 'kegiatan_pencegahan_terlaksana') {
    const start = localDayStart(q.yearFrom, jurisdiction);
    const end = new Date(localDayStart(to, jurisdiction).getTime() + DAY);
    const r = await preventionReach(db, jurisdiction, start, end);
    return code === 'desa_terjangkau_pencegahan'
      ? {
          quarter,
          from: q.yearFrom,
          to,
          value: r.desa,
          parts: [
            { label: { id: 'Desa/kelurahan berbeda', en: 'Distinct villages' }, n: r.desa },
            {
              label: { id: 'Kegiatan pencegahan dilaporkan', en: 'Prevention activities reported' },
              n: r.activities,
            },
          ],
        }
      : {
          quarter,
          from: q.yearFrom,
          to,
          value: r.activities,
          parts: [
            {
              label: { id: 'Kegiatan pencegahan dilaporkan', en: 'Prevention activities reported' },
              n: r.activities,
            },
          ],
        };
  }
  // the dashboard counts whole local months; the current month counts as far as it has gone
  const months = monthsToQuarter(year, quarter).filter((m) => m <= today);
  const rows = await sumsByValue(db, { region: jurisdiction, months, caseTypes: null });
  const sum = (measure: string, value?: string) =>
    rows
      .filter((r) => r.measure === measure && (value === undefined || r.value === value))
      .reduce((a, r) => a + r.n, 0);
  if (code === 'kasus_diterima')
    return {
      quarter,
      from: q.yearFrom,
      to,
      value: sum('cases'),
      parts: [{ label: { id: 'Kasus diterima', en: 'Cases received' }, n: sum('cases') }],
    };
  if (code === 'korban_tercatat')
    return {
      quarter,
      from: q.yearFrom,
      to,
      value: sum('victims'),
      parts: [
        { label: { id: 'Korban tercatat', en: 'Victims recorded' }, n: sum('victims') },
        { label: { id: 'Kasus diterima', en: 'Cases received' }, n: sum('cases') },
      ],
    };
  const onTime = sum('response_deadline', 'tepat_waktu');
  const late = sum('response_deadline', 'terlambat');
  const open = sum('response_deadline', 'belum');
  const all = onTime + late + open;
  return {
    quarter,
    from: q.yearFrom,
    to,
    value: all === 0 ? null : Math.round((onTime / all) * 1000) / 10,
    parts: [
      { label: { id: 'Direspons tepat waktu', en: 'Responded on time' }, n: onTime },
      { label: { id: 'Terlambat', en: 'Late' }, n: late },
      { label: { id: 'Belum tercatat', en: 'Not recorded yet' }, n: open },
      { label: { id: 'Kasus risiko tinggi/sedang', en: 'High/medium-risk cases' }, n: all },
    ],
  };
}
