/**
 * Prevention and coordination figures for the leadership (issue 12 review M3): the periodic
 * report's section "Pencegahan dan koordinasi" and the home page's "Koordinasi" card. The actor's
 * coordination scope decides (src/domain/policy.ts): a region scope that contains the region asked
 * for; anyone else gets nothing (the report then has no such section; the card's endpoint answers
 * 403). Aggregates and organisation names only, so no audit event of its own: the report audits
 * itself ('report.periodic'); the card's figures are counts.
 */
import {
  campaignsMeeting,
  countedByCampaign,
  desaCount,
  followupsByStatus,
  meetingsHeld,
  overdueFollowups,
  radPlansOfYear,
  regulationsForReview,
  trainingsHeld,
} from '../../db/coordination-summary.repository.ts';
import { countedActivitiesIn } from '../../db/prevention.repository.ts';
import { planActivities, progressOf, type RadScope, targetsOf } from '../../db/rad.repository.ts';
import { getRegion } from '../../db/region.repository.ts';
import type { CoordinationSummaryDto } from '../../domain/contract/stats.ts';
import { type CoordinationFigures, OVERDUE_LISTED } from '../../domain/coordination-report.ts';
import { AppError } from '../../domain/errors.ts';
import { addDays, daysOverdue } from '../../domain/meetings.ts';
import { coordinationScope, isWithin } from '../../domain/policy.ts';
import {
  type AutoIndicator,
  type Quarter,
  quarterOf,
  type RollupActivity,
  rollUp,
} from '../../domain/rad.ts';
import { REGULATION_WARN_DAYS } from '../../domain/regulations.ts';
import { localDate, localDayStart } from '../../domain/time.ts';
import type { AuthedCtx } from '../context.ts';
import { AutoValues } from '../rad/auto-indicators.ts';

/** The jurisdiction whose records a region's figures count: itself up to a kab/kota, else its kab/kota. */
export function recordsRoot(region: string): string {
  return region.split('.').slice(0, 2).join('.');
}

/** The RAD plans of `root` covering `year`, rolled up together at `quarter` (src/domain/rad.ts). */
async function radProgress(
  ctx: AuthedCtx,
  scope: RadScope,
  root: string,
  year: number,
  quarter: Quarter,
  today: string,
): Promise<CoordinationFigures['rad']> {
  const db = ctx.conn.db;
  const plans = await radPlansOfYear(db, root, year);
  const rows: RollupActivity[] = [];
  for (const plan of plans) {
    const activities = await planActivities(db, scope, plan.id);
    const ids = activities.map((a) => a.id);
    const [targets, progress] = await Promise.all([targetsOf(db, ids), progressOf(db, ids, year)]);
    const autos = new AutoValues(db, plan.jurisdiction, today);
    for (const a of activities) {
      const t = targets.find((x) => x.activityId === a.id && x.year === year);
      rows.push({
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
        autoValue: a.auto_indicator
          ? (await autos.get(a.auto_indicator as AutoIndicator, year, quarter)).value
          : null,
      });
    }
  }
  const total = rollUp(rows, quarter).total;
  return {
    year,
    quarter,
    plans: plans.length,
    activities: total.activities,
    onTrack: total.onTrack,
    onTrackShare: total.onTrackShare,
    budgetPlanned: total.budgetPlanned,
    budgetUsed: total.budgetUsed,
    budgetShare: total.budgetShare,
  };
}

/**
 * The figures of region `area` over the local days [from, to] (already cut at today), or null
 * when the actor has no coordination scope over it.
 */
export async function coordinationFigures(
  ctx: AuthedCtx,
  area: { code: string; name: string },
  from: string,
  to: string,
): Promise<CoordinationFigures | null> {
  const scope = coordinationScope(ctx.actor);
  if (scope.kind !== 'region' || !isWithin(area.code, scope.within)) return null;
  const db = ctx.conn.db;
  const root = recordsRoot(area.code);
  const today = localDate(ctx.clock(), root);
  const start = localDayStart(from, root);
  const end = localDayStart(addDays(to, 1), root);
  const q = quarterOf(to);
  const reviewUntil = addDays(today, REGULATION_WARN_DAYS);
  const [
    acts,
    desaTotal,
    campaigns,
    byCampaign,
    held,
    byStatus,
    overdue,
    trainings,
    regulations,
    rootRegion,
  ] = await Promise.all([
    countedActivitiesIn(db, area.code, scope.within, start, end, null),
    desaCount(db, area.code),
    campaignsMeeting(db, root, area.code, from, to),
    countedByCampaign(db, scope.within, area.code, start, end),
    meetingsHeld(db, root, start, end),
    followupsByStatus(db, root),
    overdueFollowups(db, root, today, OVERDUE_LISTED),
    trainingsHeld(db, root, from, to),
    regulationsForReview(db, root, reviewUntil, 30),
    root === area.code ? Promise.resolve(null) : getRegion(db, root),
  ]);
  const rad = await radProgress(ctx, scope, root, q.year, q.quarter, today);
  const sum = (k: 'children_male' | 'children_female' | 'adults_male' | 'adults_female') =>
    acts.reduce((t, a) => t + (a[k] ?? 0), 0);
  return {
    region: area,
    from,
    to,
    today,
    recordsOf: rootRegion ? { code: root, name: rootRegion.name } : area,
    prevention: {
      activities: acts.length,
      childrenMale: sum('children_male'),
      childrenFemale: sum('children_female'),
      adultsMale: sum('adults_male'),
      adultsFemale: sum('adults_female'),
      desaReached: new Set(acts.map((a) => a.region_code)).size,
      desaTotal,
      campaigns: campaigns.map((c) => {
        const mine = byCampaign.filter((a) => a.campaign_id === c.id);
        const reached = new Set(mine.map((a) => a.region_code));
        return {
          name: c.name,
          startsOn: c.startsOn,
          endsOn: c.endsOn,
          activities: mine.length,
          targetActivities: c.targetActivities,
          targetDesa: c.targetDesa,
          targetDesaListed: c.targetDesaCodes.length,
          targetDesaReached: c.targetDesaCodes.filter((d) => reached.has(d)).length,
        };
      }),
    },
    trainings,
    meetings: { held },
    followups: {
      byStatus: Object.fromEntries(byStatus),
      overdue: overdue.count,
      overdueRows: overdue.rows.map((r) => ({
        decision: r.decision,
        owner: r.owner,
        dueOn: r.dueOn,
        days: daysOverdue({ dueOn: r.dueOn, status: 'belum' }, today),
      })),
    },
    rad,
    regulations: { until: reviewUntil, items: regulations },
  };
}

/**
 * The home page's "Koordinasi" card: open follow-ups past their due date, prevention activities
 * counted this local month, and the RAD's on-track share this quarter — of the actor's own
 * jurisdiction (a province: with its kab/kota). 403 without a region coordination scope.
 */
export async function coordinationSummary(ctx: AuthedCtx): Promise<CoordinationSummaryDto> {
  const scope = coordinationScope(ctx.actor);
  if (scope.kind !== 'region') throw new AppError('FORBIDDEN');
  const root = scope.within;
  const db = ctx.conn.db;
  const today = localDate(ctx.clock(), root);
  const month = `${today.slice(0, 7)}-01`;
  const [overdue, acts] = await Promise.all([
    overdueFollowups(db, root, today, 0),
    countedActivitiesIn(
      db,
      root,
      root,
      localDayStart(month, root),
      localDayStart(addDays(today, 1), root),
      null,
    ),
  ]);
  const q = quarterOf(today);
  const rad = await radProgress(ctx, scope, root, q.year, q.quarter, today);
  return {
    jurisdiction: root,
    today,
    overdueFollowups: overdue.count,
    activitiesThisMonth: acts.length,
    rad:
      rad.plans === 0
        ? null
        : {
            year: rad.year,
            quarter: rad.quarter,
            activities: rad.activities,
            onTrack: rad.onTrack,
            onTrackShare: rad.onTrackShare,
          },
  };
}
