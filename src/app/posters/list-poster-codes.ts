/**
 * The Dinas's poster codes with their counts per local month (issue 12 §6, decision 034):
 * aggregates only, never per day, so no count can be lined up with a report's time.
 */
import {
  countPosterCodes,
  getPosterCode,
  listPosterCodes,
  type PosterCodeRow,
  posterCounts,
} from '../../db/poster.repository.ts';
import type { PosterCodeDto, PosterCodeListDto } from '../../domain/contract/posters.ts';
import { AppError } from '../../domain/errors.ts';
import { canManagePosters, posterScope } from '../../domain/policy.ts';
import { localMonth, monthsBack, posterUrl } from '../../domain/posters.ts';
import type { AuthedCtx, Tx } from '../context.ts';

const PAGE_SIZE = 100;

/** The region the actor reads poster codes of; FORBIDDEN for partners and others. */
export function posterRegion(ctx: AuthedCtx): string {
  const scope = posterScope(ctx.actor);
  if (scope.kind === 'none') throw new AppError('FORBIDDEN');
  return scope.within;
}

/** The months of a list, newest first, counted in the zone of the actor's own region. */
function monthsOf(ctx: AuthedCtx, n: number): string[] {
  return monthsBack(localMonth(ctx.clock(), ctx.actor.jurisdiction), n);
}

async function withCounts(
  db: Tx,
  rows: PosterCodeRow[],
  months: string[],
  baseUrl: string,
): Promise<PosterCodeDto[]> {
  const counts = await posterCounts(
    db,
    rows.map((r) => r.id),
    months,
  );
  const at = new Map(counts.map((c) => [`${c.code_id} ${c.month}`, c]));
  return rows.map((r) => {
    const ms = months.map((month) => {
      const c = at.get(`${r.id} ${month}`);
      return { month, views: c?.views ?? 0, reports: c?.reports ?? 0 };
    });
    return {
      id: r.id,
      jurisdiction: r.jurisdiction,
      code: r.code,
      label: r.label,
      campaign: r.campaign,
      desaCode: r.desa_code,
      desaName: r.desa_name,
      url: posterUrl(baseUrl, r.code),
      createdAt: new Date(r.created_at).toISOString(),
      version: r.version,
      totals: {
        views: ms.reduce((s, m) => s + m.views, 0),
        reports: ms.reduce((s, m) => s + m.reports, 0),
      },
      months: ms,
    };
  });
}

export async function listPosterCodesWithCounts(
  ctx: AuthedCtx,
  q: { months: number; page: number },
  site: { baseUrl: string; configured: boolean },
): Promise<PosterCodeListDto> {
  const within = posterRegion(ctx);
  const db = ctx.conn.db;
  const months = monthsOf(ctx, q.months);
  const [rows, count] = await Promise.all([
    listPosterCodes(db, within, { limit: PAGE_SIZE + 1, offset: (q.page - 1) * PAGE_SIZE }),
    countPosterCodes(db, within),
  ]);
  const hasMore = rows.length > PAGE_SIZE;
  const items = await withCounts(db, rows.slice(0, PAGE_SIZE), months, site.baseUrl);
  return {
    items,
    page: q.page,
    pageSize: PAGE_SIZE,
    hasMore,
    total: count.total,
    totalCapped: count.totalCapped,
    months,
    canManage: canManagePosters(ctx.actor, ctx.actor.jurisdiction),
    reportUrl: posterUrl(site.baseUrl, null),
    publicUrlConfigured: site.configured,
  };
}

/** One code of the actor's region, or NOT_FOUND (another region's code is never loaded). */
export async function getPosterCodeWithCounts(
  ctx: AuthedCtx,
  id: string,
  q: { months: number },
  baseUrl: string,
  db: Tx = ctx.conn.db,
): Promise<PosterCodeDto> {
  const within = posterRegion(ctx);
  const row = await getPosterCode(db, id, within);
  if (!row) throw new AppError('NOT_FOUND');
  const [dto] = await withCounts(db, [row], monthsOf(ctx, q.months), baseUrl);
  return dto!;
}
