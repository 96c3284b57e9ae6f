/**
 * The coverage of prevention in a kab/kota over a period of local days (issue 12 §1; decision
 * 029): which desa/kelurahan and schools were reached by counted activities (reported; a
 * partner's report accepted), how many people by sex and age group, against a campaign's targets;
 * the desa never reached; and the desa with at least HIGH_CASE_THRESHOLD cases reported in the 12
 * local months up to the period's end and no counted activity in those months — from the figures'
 * rollup (stat_rollup, desa level): counts only, no name, no case.
 */
import writeXlsxFile from 'write-excel-file/node';
import {
  campaignTargetDesa,
  casesByDesa,
  countedActivitiesIn,
  desaOf,
  findCampaign,
} from '../../db/prevention.repository.ts';
import { getRegion } from '../../db/region.repository.ts';
import type { CoverageDto, CoveragePeople } from '../../domain/contract/prevention.ts';
import { AppError } from '../../domain/errors.ts';
import { isWithin, preventionCoverageWithin } from '../../domain/policy.ts';
import {
  type CoverageQuery,
  HIGH_CASE_THRESHOLD,
  MAX_COVERAGE_DAYS,
  schoolOf,
} from '../../domain/prevention.ts';
import { addMonths } from '../../domain/stats.ts';
import { localDate, localDayStart } from '../../domain/time.ts';
import { type AuthedCtx, audit } from '../context.ts';

const DAY = 86_400_000;

const zero = (): CoveragePeople => ({
  activities: 0,
  childrenMale: 0,
  childrenFemale: 0,
  adultsMale: 0,
  adultsFemale: 0,
  children: 0,
  adults: 0,
  people: 0,
});

function add(
  p: CoveragePeople,
  a: {
    children_male: number | null;
    children_female: number | null;
    adults_male: number | null;
    adults_female: number | null;
  },
) {
  p.activities += 1;
  p.childrenMale += a.children_male ?? 0;
  p.childrenFemale += a.children_female ?? 0;
  p.adultsMale += a.adults_male ?? 0;
  p.adultsFemale += a.adults_female ?? 0;
  p.children = p.childrenMale + p.childrenFemale;
  p.adults = p.adultsMale + p.adultsFemale;
  p.people = p.children + p.adults;
}

/** The kab/kota asked for, inside the actor's region; 403 without coverage, 400 outside. */
function kabKotaOf(ctx: AuthedCtx, asked: string | undefined): string {
  const within = preventionCoverageWithin(ctx.actor);
  if (within === null)
    throw new AppError('FORBIDDEN', undefined, {
      action: 'prevention.coverage',
      entity: 'prevention_activity',
      entityId: null,
      outcome: 'denied',
    });
  const code = asked ?? within;
  if (!isWithin(code, within))
    throw new AppError('VALIDATION_FAILED', { jurisdiction: 'out_of_jurisdiction' });
  if (!/^\d{2}\.\d{2}$/.test(code))
    throw new AppError('VALIDATION_FAILED', { jurisdiction: 'kabkota_required' });
  return code;
}

export async function coverage(ctx: AuthedCtx, q: CoverageQuery): Promise<CoverageDto> {
  const kabKota = kabKotaOf(ctx, q.jurisdiction);
  if (q.to < q.from) throw new AppError('VALIDATION_FAILED', { to: 'ends_before_start' });
  if (Date.parse(q.to) - Date.parse(q.from) > MAX_COVERAGE_DAYS * DAY)
    throw new AppError('VALIDATION_FAILED', { to: 'range_too_long' });
  const db = ctx.conn.db;
  const region = await getRegion(db, kabKota);
  if (!region) throw new AppError('VALIDATION_FAILED', { jurisdiction: 'unknown_region' });
  const within = preventionCoverageWithin(ctx.actor)!;
  const campaign = q.campaign
    ? await findCampaign(db, { kind: 'region', within }, ctx.actor.jurisdiction, q.campaign)
    : null;
  if (
    q.campaign &&
    (!campaign || !(campaign.jurisdiction === kabKota || kabKota.startsWith(`${campaign.jurisdiction}.`)))
  )
    throw new AppError('VALIDATION_FAILED', { campaign: 'unknown_campaign' });

  const start = localDayStart(q.from, kabKota);
  const end = new Date(localDayStart(q.to, kabKota).getTime() + DAY);
  const [acts, allDesa] = await Promise.all([
    countedActivitiesIn(db, kabKota, within, start, end, campaign?.id ?? null),
    desaOf(db, kabKota),
  ]);
  const desaInfo = new Map(allDesa.map((d) => [d.code, d]));
  const place = (code: string) => {
    const d = desaInfo.get(code);
    return { code, name: d?.name ?? code, district: d?.district ?? '' };
  };

  const totals = zero();
  const byDesa = new Map<string, CoveragePeople>();
  const bySchool = new Map<
    string,
    { orgId: string | null; name: string; desa: string; people: CoveragePeople }
  >();
  for (const a of acts) {
    add(totals, a);
    const d = byDesa.get(a.region_code) ?? zero();
    byDesa.set(a.region_code, d);
    add(d, a);
    // a school reached: schoolOf (decision 029) — the school picked, or the place name
    const school = schoolOf({
      setting: a.setting,
      schoolOrgId: a.school_org_id,
      schoolOrgName: a.school_org_name,
      placeName: a.place_name,
    });
    if (school) {
      const s = bySchool.get(school.key) ?? {
        orgId: school.orgId,
        name: school.name,
        desa: place(a.region_code).name,
        people: zero(),
      };
      bySchool.set(school.key, s);
      add(s.people, a);
    }
  }

  // desa with many cases and no counted activity in the 12 local months up to the period's end
  const today = localDate(ctx.clock(), kabKota);
  const lastDay = [q.to, today].sort()[0]!;
  const lastMonth = `${lastDay.slice(0, 7)}-01`;
  const firstMonth = addMonths(lastMonth, -11);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(firstMonth, i));
  const [cases, recent] = await Promise.all([
    casesByDesa(db, kabKota, months),
    countedActivitiesIn(
      db,
      kabKota,
      within,
      localDayStart(firstMonth, kabKota),
      new Date(localDayStart(lastDay, kabKota).getTime() + DAY),
      null,
    ),
  ]);
  const reachedRecently = new Set(recent.map((a) => a.region_code));
  const highCase = cases
    .filter((c) => c.n >= HIGH_CASE_THRESHOLD && !reachedRecently.has(c.area) && isWithin(c.area, kabKota))
    .sort((a, b) => b.n - a.n || a.area.localeCompare(b.area))
    .map((c) => ({ ...place(c.area), cases: c.n }));

  let targets: CoverageDto['targets'] = null;
  if (campaign) {
    const targetDesa = (await campaignTargetDesa(db, [campaign.id])).filter((d) => isWithin(d.code, kabKota));
    const notReached = targetDesa.filter((d) => !byDesa.has(d.code));
    targets = {
      children: campaign.target_children,
      adults: campaign.target_adults,
      activities: campaign.target_activities,
      desa: campaign.target_desa,
      schools: campaign.target_schools,
      targetDesaTotal: targetDesa.length,
      targetDesaReached: targetDesa.length - notReached.length,
      targetDesaNotReached: notReached.map((d) => place(d.code)),
    };
  }

  await audit(ctx, db, {
    action: 'prevention.coverage',
    entity: 'prevention_activity',
    entityId: null,
    outcome: 'ok',
    detail: { region: kabKota, from: q.from, to: q.to, campaign: campaign?.id ?? null },
  });
  return {
    region: { code: kabKota, name: region.name },
    from: q.from,
    to: q.to,
    campaign: campaign ? { id: campaign.id, name: campaign.name } : null,
    totals: { ...totals, desaReached: byDesa.size, desaTotal: allDesa.length, schoolsReached: bySchool.size },
    targets,
    desa: [...byDesa.entries()]
      .map(([code, p]) => ({ ...place(code), ...p }))
      .sort((a, b) => b.people - a.people || a.code.localeCompare(b.code)),
    schools: [...bySchool.values()]
      .map((s) => ({ orgId: s.orgId, name: s.name, desa: s.desa, ...s.people }))
      .sort((a, b) => b.people - a.people || a.name.localeCompare(b.name)),
    neverReached: allDesa.filter((d) => !byDesa.has(d.code)).map((d) => place(d.code)),
    highCase: { threshold: HIGH_CASE_THRESHOLD, from: firstMonth, to: lastDay, items: highCase },
  };
}

type Cell = { value: string | number; type?: StringConstructor | NumberConstructor; fontWeight?: 'bold' };
const head = (cols: string[]): Cell[] => cols.map((value) => ({ value, fontWeight: 'bold' }));
const row = (vals: Array<string | number | null>): Cell[] =>
  vals.map((v) => (typeof v === 'number' ? { value: v, type: Number } : { value: v ?? '', type: String }));
const PEOPLE_HEAD = [
  'Kegiatan',
  'Anak laki-laki',
  'Anak perempuan',
  'Dewasa laki-laki',
  'Dewasa perempuan',
  'Jumlah orang',
];
const peopleCells = (p: CoveragePeople) => [
  p.activities,
  p.childrenMale,
  p.childrenFemale,
  p.adultsMale,
  p.adultsFemale,
  p.people,
];

/** The rows of the coverage's summary: the figure, the target (if any), as printed and downloaded. */
export function coverageSummary(d: CoverageDto): Array<[string, number, number | null]> {
  const t = d.targets;
  return [
    ['Kegiatan terlaksana dan dilaporkan', d.totals.activities, t?.activities ?? null],
    ['Desa/kelurahan terjangkau', d.totals.desaReached, t?.desa ?? null],
    ['Sekolah terjangkau', d.totals.schoolsReached, t?.schools ?? null],
    ['Anak terjangkau', d.totals.children, t?.children ?? null],
    ['Dewasa terjangkau', d.totals.adults, t?.adults ?? null],
    ['Jumlah orang terjangkau', d.totals.people, null],
    ['Desa/kelurahan di kab/kota', d.totals.desaTotal, null],
    ...(t
      ? ([['Desa sasaran kampanye terjangkau', t.targetDesaReached, t.targetDesaTotal]] as Array<
          [string, number, number]
        >)
      : []),
  ];
}

export async function coverageXlsx(ctx: AuthedCtx, q: CoverageQuery) {
  const d = await coverage(ctx, q);
  const sheets: Cell[][][] = [
    [
      head([
        `Cakupan pencegahan ${d.region.name}`,
        `${d.from} s.d. ${d.to}`,
        d.campaign?.name ?? 'Semua kegiatan',
      ]),
      head(['Ukuran', 'Capaian', 'Target']),
      ...coverageSummary(d).map(([k, v, t]) => row([k, v, t])),
    ],
    [
      head(['Kode', 'Desa/kelurahan', 'Kecamatan', ...PEOPLE_HEAD]),
      ...d.desa.map((x) => row([x.code, x.name, x.district, ...peopleCells(x)])),
    ],
    [
      head(['Sekolah', 'Desa/kelurahan', ...PEOPLE_HEAD]),
      ...d.schools.map((x) => row([x.name, x.desa, ...peopleCells(x)])),
    ],
    [
      head(['Kode', 'Desa/kelurahan', 'Kecamatan']),
      ...d.neverReached.map((x) => row([x.code, x.name, x.district])),
    ],
    [
      head([
        'Kode',
        'Desa/kelurahan',
        'Kecamatan',
        `Kasus dilaporkan ${d.highCase.from.slice(0, 7)} s.d. ${d.highCase.to.slice(0, 7)} (≥ ${d.highCase.threshold})`,
      ]),
      ...d.highCase.items.map((x) => row([x.code, x.name, x.district, x.cases])),
    ],
  ];
  const names = ['Ringkasan', 'Desa terjangkau', 'Sekolah terjangkau', 'Desa belum terjangkau', 'Desa rawan'];
  const buffer = await writeXlsxFile(
    sheets.map((data, i) => ({
      data,
      sheet: names[i]!,
      columns: data[0]!.map((_, k) => ({ width: k === 0 || k === 1 ? 32 : 16 })),
    })),
  ).toBuffer();
  return {
    body: new Uint8Array(buffer),
    filename: `cakupan-pencegahan-${d.region.code.replace(/\./g, '')}-${d.from}_${d.to}.xlsx`,
  };
}
