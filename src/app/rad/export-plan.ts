/**
 * The RAD roll-up as an XLSX for the leadership (review M3): the same figures as the plan page at
 * the chosen year and quarter — the plan's total, by pillar, by programme, by responsible
 * organisation, and every activity with its target, realised value (and the quarter it is of),
 * status, on-track judgement and budget. Aggregates of the plan only: no personal data.
 */
import writeXlsxFile from 'write-excel-file/node';
import type { RadPlanDto } from '../../domain/contract/rad.ts';
import { RAD_STATUSES, RAD_UNITS, type RadPlanQuery } from '../../domain/rad.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { getRadPlan } from './get-plan.ts';

type Cell = { value: string | number; type?: StringConstructor | NumberConstructor; fontWeight?: 'bold' };
const head = (cols: string[]): Cell[] => cols.map((value) => ({ value, fontWeight: 'bold' }));
const row = (vals: Array<string | number | null>): Cell[] =>
  vals.map((v) => (typeof v === 'number' ? { value: v, type: Number } : { value: v ?? '', type: String }));
const share = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

const GROUP_HEAD = [
  'Kegiatan',
  'Sesuai target',
  'Sesuai target (%)',
  'Capaian rata-rata (%)',
  'Anggaran direncanakan (Rp)',
  'Anggaran terpakai (Rp)',
  'Anggaran terpakai (%)',
];
type Group = RadPlanDto['rollup']['total'];
const groupCells = (g: Group) => [
  g.activities,
  g.onTrack,
  share(g.onTrackShare),
  share(g.achievement),
  g.budgetPlanned,
  g.budgetUsed,
  share(g.budgetShare),
];

/** The plan's sheets: Ringkasan (total, pillars, programmes, organisations) and Kegiatan. */
export function radRollupSheets(plan: RadPlanDto): { sheets: Cell[][][]; names: string[] } {
  const unit = (code: string) => RAD_UNITS.find((u) => u.code === code)?.label.id ?? code;
  const status = (code: string | null) =>
    code ? (RAD_STATUSES.find((s) => s.code === code)?.label.id ?? code) : 'Belum dilaporkan';
  const groups = (title: string, items: Group[]) => [
    row(['']),
    head([title, ...GROUP_HEAD]),
    ...items.map((g) => row([g.label, ...groupCells(g)])),
  ];
  const summary: Cell[][] = [
    head([plan.title]),
    row([`Capaian tahun ${plan.year} sampai triwulan ${plan.quarter}`]),
    ...groups('Rencana', [plan.rollup.total]),
    ...groups('Pilar/strategi', plan.rollup.byPillar),
    ...groups('Program', plan.rollup.byProgramme),
    ...groups('Lembaga penanggung jawab', plan.rollup.byOrganisation),
  ];
  const activities: Cell[][] = [
    head([
      'Pilar/strategi',
      'Program',
      'Kegiatan',
      'Lembaga penanggung jawab',
      'Indikator',
      'Satuan',
      `Target ${plan.year}`,
      `Realisasi s.d. triwulan ${plan.quarter}`,
      'Realisasi dari laporan triwulan',
      'Capaian (%)',
      'Status laporan',
      'Sesuai target',
      `Anggaran ${plan.year} (Rp)`,
      'Anggaran terpakai (Rp)',
    ]),
  ];
  for (const p of plan.pillars)
    for (const g of p.programmes)
      for (const a of g.activities)
        activities.push(
          row([
            p.code ? `${p.code}. ${p.title}` : p.title,
            g.code ? `${g.code}. ${g.title}` : g.title,
            a.title,
            a.responsibleOrg.name,
            a.indicator,
            unit(a.unit),
            a.target,
            a.standing.realised,
            a.autoIndicator ? 'otomatis' : a.standing.quarter,
            share(a.standing.achievement),
            status(a.standing.status),
            a.standing.onTrack
              ? 'ya'
              : a.standing.current
                ? 'tidak'
                : `triwulan ${plan.quarter} belum dilaporkan`,
            a.budget,
            a.standing.budgetUsed,
          ]),
        );
  return { sheets: [summary, activities], names: ['Ringkasan', 'Kegiatan'] };
}

export async function radPlanXlsx(ctx: AuthedCtx, id: string, q: RadPlanQuery) {
  const plan = await getRadPlan(ctx, id, q);
  const { sheets, names } = radRollupSheets(plan);
  const buffer = await writeXlsxFile(
    sheets.map((data, i) => ({
      data,
      sheet: names[i]!,
      columns: Array.from({ length: 14 }, (_, k) => ({ width: k < 5 ? 32 : 16 })),
    })),
  ).toBuffer();
  await audit(ctx, ctx.conn.db, {
    action: 'rad.export',
    entity: 'rad_plan',
    entityId: id,
    outcome: 'ok',
    detail: { year: plan.year, quarter: plan.quarter },
  });
  const slug = plan.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return {
    body: new Uint8Array(buffer),
    filename: `${slug || 'rad'}-${plan.year}-tw${plan.quarter}.xlsx`,
  };
}
