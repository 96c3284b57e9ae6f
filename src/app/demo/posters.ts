/**
 * Demo poster codes (issue 12 §6, decision 034) for Lebak and Kota Serang: four placements each,
 * created months apart, with plausible monthly counts of visits and reports written directly
 * (aggregates, as the counter keeps them). Deterministic: the same codes and counts every time.
 */
import { insertPosterCode, putPosterCounts } from '../../db/poster.repository.ts';
import { localMonth, monthsBack, POSTER_CODE_ALPHABET, POSTER_CODE_LENGTH } from '../../domain/posters.ts';
import type { Services } from '../context.ts';

type Placement = {
  label: string;
  campaign: string | null;
  /** the nth desa of the kab/kota in code order, or none */
  desa: number | null;
  /** months since it was put up (counts start then) */
  age: number;
  /** visits in a typical month */
  visits: number;
};

const PLACEMENTS: Record<string, Placement[]> = {
  '36.02': [
    {
      label: 'Poster SMPN 1 Rangkasbitung',
      campaign: 'Stop Kekerasan terhadap Anak 2027',
      desa: 3,
      age: 11,
      visits: 46,
    },
    { label: 'Poster Puskesmas Cibadak', campaign: null, desa: 40, age: 8, visits: 28 },
    { label: 'Kartu saku Posyandu (cetakan Juli)', campaign: null, desa: null, age: 5, visits: 17 },
    {
      label: 'Spanduk Alun-alun Rangkasbitung',
      campaign: 'Stop Kekerasan terhadap Anak 2027',
      desa: 5,
      age: 2,
      visits: 64,
    },
  ],
  '36.73': [
    {
      label: 'Poster SMAN 1 Kota Serang',
      campaign: 'Stop Kekerasan terhadap Anak 2027',
      desa: 2,
      age: 10,
      visits: 52,
    },
    { label: 'Poster Pasar Rau', campaign: null, desa: 12, age: 7, visits: 35 },
    { label: 'Kartu saku Pengajian Ibu-ibu', campaign: null, desa: null, age: 4, visits: 14 },
    { label: 'Stiker angkot jurusan Pakupatan', campaign: null, desa: null, age: 1, visits: 22 },
  ],
};

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;

export async function seedPosterDemo(
  svc: Services,
  region: { code: string },
  createdBy: string,
  seq: number,
): Promise<void> {
  const list = PLACEMENTS[region.code];
  if (!list) return;
  const db = svc.conn.db;
  const now = svc.clock();
  const rnd = prng(seq * 104_729);
  const desas = (
    await db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 4)
      .where('code', 'like', `${region.code}.%`)
      .orderBy('code')
      .execute()
  ).map((r) => r.code);
  const thisMonth = localMonth(now, region.code);
  for (const [i, p] of list.entries()) {
    let code = '';
    for (let k = 0; k < POSTER_CODE_LENGTH; k++)
      code += POSTER_CODE_ALPHABET[Math.floor(rnd() * POSTER_CODE_ALPHABET.length)];
    const id = `0000${String(seq).padStart(4, '0')}-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
    const ok = await insertPosterCode(db, {
      id,
      jurisdiction: region.code,
      code,
      label: p.label,
      campaign: p.campaign,
      desa_code: p.desa === null ? null : (desas[p.desa % Math.max(1, desas.length)] ?? null),
      created_by: createdBy,
      created_at: new Date(now.getTime() - (p.age * 30 + 3) * DAY),
    });
    if (!ok) continue;
    // the month it went up is a part month; interest fades a little, the campaign month peaks
    const months = monthsBack(thisMonth, p.age + 1);
    await putPosterCounts(
      db,
      months.map((month, back) => {
        const fade = back === p.age ? 0.5 : 1 - 0.04 * (p.age - back);
        const views = Math.max(0, Math.round(p.visits * fade * (0.7 + 0.6 * rnd())));
        const reports = Math.min(views, Math.round(views * (0.04 + 0.08 * rnd())));
        return { code_id: id, month, views, reports };
      }),
    );
  }
}
