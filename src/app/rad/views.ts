/**
 * What the RAD pages show, built from the repository's rows and the pure roll-up
 * (src/domain/rad.ts): a plan's tree with each activity's standing at the chosen quarter, the
 * roll-up by pillar, programme and organisation, an activity's four quarters with evidence and
 * automatic values.
 */
import type { Tx } from '../../db/connect.ts';
import {
  type ActivityRow,
  evidenceCounts,
  orgNames,
  orgsOfJurisdiction,
  planActivities,
  planHeadings,
  progressOf,
  type RadScope,
  targetsOf,
} from '../../db/rad.repository.ts';
import type {
  RadActivityDto,
  RadActivitySummaryDto,
  RadPlanDto,
  RadPlanSummaryDto,
} from '../../domain/contract/rad.ts';
import {
  type AutoIndicator,
  autoIndicator,
  QUARTERS,
  type Quarter,
  quarterDays,
  quarterOf,
  type RollupActivity,
  rollUp,
} from '../../domain/rad.ts';
import { localDate } from '../../domain/time.ts';
import type { AuthedCtx } from '../context.ts';
import { listCoordFiles } from '../coord-files.ts';
import { mayManage, mayReport } from './access.ts';
import { AutoValues } from './auto-indicators.ts';
import { linksOf } from './links.ts';

type PlanRow = {
  id: string;
  jurisdiction: string;
  title: string;
  start_year: number;
  end_year: number;
  legal_basis: string | null;
  version: number;
};

export function planSummary(ctx: AuthedCtx, p: PlanRow, activities: number): RadPlanSummaryDto {
  return {
    id: p.id,
    jurisdiction: p.jurisdiction,
    title: p.title,
    startYear: p.start_year,
    endYear: p.end_year,
    legalBasis: p.legal_basis,
    version: p.version,
    activities,
    canManage: mayManage(ctx, p.jurisdiction),
  };
}

/** The year and quarter asked, else today's within the plan (a past year: its Q4; a future one: Q1). */
export function chosenPeriod(
  plan: { jurisdiction: string; start_year: number; end_year: number },
  asked: { year?: number | undefined; quarter?: number | undefined },
  now: Date,
): { year: number; quarter: Quarter; today: string } {
  const today = localDate(now, plan.jurisdiction);
  const t = quarterOf(today);
  const year = asked.year ?? Math.min(Math.max(t.year, plan.start_year), plan.end_year);
  const quarter = (asked.quarter ?? (year === t.year ? t.quarter : year < t.year ? 4 : 1)) as Quarter;
  return { year, quarter, today };
}

async function summaries(
  ctx: AuthedCtx,
  db: Tx,
  activities: ActivityRow[],
  year: number,
  quarter: Quarter,
  autos: AutoValues,
) {
  const ids = activities.map((a) => a.id);
  const [targets, progress, names] = await Promise.all([
    targetsOf(db, ids),
    progressOf(db, ids, year),
    orgNames(db, [...new Set(activities.flatMap((a) => a.partner_org_ids))]),
  ]);
  const autoValue = new Map<string, number | null>();
  for (const a of activities)
    if (a.auto_indicator)
      autoValue.set(a.id, (await autos.get(a.auto_indicator as AutoIndicator, year, quarter)).value);
  const rollupRows: RollupActivity[] = activities.map((a) => {
    const t = targets.find((x) => x.activityId === a.id && x.year === year);
    return {
      id: a.id,
      pillarId: a.pillar_id,
      programmeId: a.programme_id,
      responsibleOrgId: a.responsible_org_id,
      unit: a.unit,
      target: t?.target ?? null,
      budget: t?.budget ?? null,
      progress: progress
        .filter((p) => p.activity_id === a.id)
        .map((p) => ({
          quarter: p.quarter,
          realised: p.realised,
          budgetUsed: p.budget_used,
          status: p.status,
        })),
      automatic: a.auto_indicator !== null,
      autoValue: autoValue.get(a.id) ?? null,
    };
  });
  const r = rollUp(rollupRows, quarter);
  const dtos: RadActivitySummaryDto[] = activities.map((a, i) => ({
    id: a.id,
    programmeId: a.programme_id,
    title: a.title,
    responsibleOrg: { id: a.responsible_org_id, name: a.responsible_org_name },
    partnerOrgs: a.partner_org_ids.map((id) => ({ id, name: names.get(id) ?? '' })),
    indicator: a.indicator,
    unit: a.unit,
    baseline: a.baseline,
    klaCode: a.kla_code,
    autoIndicator: a.auto_indicator,
    version: a.version,
    targets: targets.filter((t) => t.activityId === a.id).map(({ activityId: _, ...t }) => t),
    target: rollupRows[i]!.target,
    budget: rollupRows[i]!.budget,
    standing: r.standings.get(a.id)!,
    canReport: mayReport(ctx, a),
  }));
  return { dtos, rollup: r, progress };
}

export async function planDto(
  ctx: AuthedCtx,
  db: Tx,
  scope: RadScope,
  plan: PlanRow,
  asked: { year?: number | undefined; quarter?: number | undefined },
): Promise<RadPlanDto> {
  const { year, quarter, today } = chosenPeriod(plan, asked, ctx.clock());
  const [activities, [pillars, programmes]] = await Promise.all([
    planActivities(db, scope, plan.id),
    planHeadings(db, plan.id),
  ]);
  const manage = mayManage(ctx, plan.jurisdiction);
  const autos = new AutoValues(db, plan.jurisdiction, today);
  const { dtos, rollup } = await summaries(ctx, db, activities, year, quarter, autos);
  // a partner sees only the headings above its own activities
  const shownProgrammes =
    manage || scope.kind === 'region'
      ? programmes
      : programmes.filter((g) => dtos.some((d) => d.programmeId === g.id));
  const shownPillars =
    manage || scope.kind === 'region'
      ? pillars
      : pillars.filter((p) => shownProgrammes.some((g) => g.pillar_id === p.id));
  const orgs = new Map(activities.map((a) => [a.responsible_org_id, a.responsible_org_name]));
  const heading = (h: { id: string; code: string; title: string; version: number }) => ({
    id: h.id,
    code: h.code,
    title: h.title,
    version: h.version,
  });
  const label = (h: { code: string; title: string }) => (h.code ? `${h.code}. ${h.title}` : h.title);
  return {
    ...planSummary(ctx, plan, activities.length),
    year,
    quarter,
    pillars: shownPillars.map((p) => ({
      ...heading(p),
      programmes: shownProgrammes
        .filter((g) => g.pillar_id === p.id)
        .map((g) => ({ ...heading(g), activities: dtos.filter((d) => d.programmeId === g.id) })),
    })),
    rollup: {
      total: { ...rollup.total, label: plan.title },
      byPillar: shownPillars.map((p) => ({
        ...(rollup.byPillar.find((x) => x.key === p.id) ?? emptyGroup(p.id)),
        label: label(p),
      })),
      byProgramme: shownProgrammes.map((g) => ({
        ...(rollup.byProgramme.find((x) => x.key === g.id) ?? emptyGroup(g.id)),
        label: label(g),
      })),
      byOrganisation: rollup.byOrganisation
        .map((g) => ({ ...g, label: orgs.get(g.key) ?? '' }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    },
    organisations: manage
      ? (await orgsOfJurisdiction(db, plan.jurisdiction)).map((o) => ({ id: o.id, name: o.name }))
      : [],
  };
}

function emptyGroup(key: string) {
  return {
    key,
    activities: 0,
    onTrack: 0,
    onTrackShare: null,
    achievement: null,
    budgetPlanned: 0,
    budgetUsed: 0,
    budgetShare: null,
  };
}

export async function activityDto(
  ctx: AuthedCtx,
  db: Tx,
  a: ActivityRow,
  asked: { year?: number | undefined; quarter?: number | undefined },
): Promise<RadActivityDto> {
  const plan = { jurisdiction: a.jurisdiction, start_year: a.start_year, end_year: a.end_year };
  const { year, quarter, today } = chosenPeriod(plan, asked, ctx.clock());
  const autos = new AutoValues(db, a.jurisdiction, today);
  const { dtos, progress } = await summaries(ctx, db, [a], year, quarter, autos);
  const [pillars, programmes] = await planHeadings(db, a.plan_id);
  const g = programmes.find((x) => x.id === a.programme_id)!;
  const p = pillars.find((x) => x.id === a.pillar_id)!;
  const counts = await evidenceCounts(
    db,
    progress.map((r) => r.id),
  );
  const def = autoIndicator(a.auto_indicator);
  const quarters = await Promise.all(
    QUARTERS.map(async (q) => {
      const row = progress.find((r) => r.quarter === q) ?? null;
      const auto = def ? await autos.get(def.code, year, q) : null;
      return {
        id: row?.id ?? null,
        year,
        quarter: q,
        realised: def ? (auto?.value ?? null) : (row?.realised ?? null),
        budgetUsed: row?.budget_used ?? 0,
        status: row?.status ?? null,
        note: row?.note_enc ? ctx.keys.decrypt(row.note_enc) : null,
        version: row?.version ?? 0,
        updatedAt: row ? row.updated_at.toISOString() : null,
        evidence:
          row && (counts.get(row.id) ?? 0) > 0 ? await listCoordFiles(ctx, db, 'rad_progress', row.id) : [],
        open: quarterDays(year, q).from <= today,
        auto,
      };
    }),
  );
  const h = (x: { id: string; code: string; title: string; version: number }) => ({
    id: x.id,
    code: x.code,
    title: x.title,
    version: x.version,
  });
  return {
    ...dtos[0]!,
    planId: a.plan_id,
    planTitle: a.plan_title,
    jurisdiction: a.jurisdiction,
    startYear: a.start_year,
    endYear: a.end_year,
    pillar: h(p),
    programme: h(g),
    year,
    quarter,
    progress: quarters,
    automatic: def ? { code: def.code, label: def.label, formula: def.formula, unit: def.unit } : null,
    links: await linksOf(db, a.id, a.jurisdiction),
    canManage: mayManage(ctx, a.jurisdiction),
  };
}
