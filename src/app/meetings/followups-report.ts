/**
 * "Daftar Tindak Lanjut Rapat Koordinasi" as a PDF for the leadership (review M3): the follow-ups
 * the actor may read with the list's own filters (status, owner organisation, overdue, mine), on
 * the Dinas letterhead (report_settings) with the filters written out. The same rows as
 * GET /followups, every page of them up to FOLLOWUP_REPORT_MAX; owners' names are read (audited).
 */
import { listFollowups as listFollowupRows } from '../../db/meeting.repository.ts';
import { orgNames } from '../../db/rad.repository.ts';
import type { FollowupDto } from '../../domain/contract/meetings.ts';
import {
  FOLLOWUP_STATUS_LABELS,
  type FollowupListQuery,
  type FollowupStatus,
} from '../../domain/meetings.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { type Letterhead, letterhead } from '../stats/periodic-report.ts';
import { followupDto, requireCoordination, todayOf } from './access.ts';

/** More rows than a printed list is read for: the PDF says it was cut. */
export const FOLLOWUP_REPORT_MAX = 1000;

export type FollowupsDocument = {
  title: string;
  letterhead: Letterhead;
  jurisdiction: string;
  /** the filters applied, in words ("Status: Belum dikerjakan", "Hanya yang terlambat") */
  filters: string[];
  items: FollowupDto[];
  /** more rows matched than FOLLOWUP_REPORT_MAX */
  cut: boolean;
  statusLabels: Record<string, string>;
  issuedAt: string;
};

export async function followupsDocument(
  ctx: AuthedCtx,
  q: Omit<FollowupListQuery, 'page' | 'pageSize'>,
): Promise<FollowupsDocument> {
  const scope = requireCoordination(ctx);
  const ownerOrgId = q.mine ? ctx.actor.orgId : q.ownerOrgId;
  const today = todayOf(ctx);
  const db = ctx.conn.db;
  const items: FollowupDto[] = [];
  let cut = false;
  for (let page = 1; ; page++) {
    const { rows, hasMore } = await listFollowupRows(
      db,
      scope,
      { status: q.status, ownerOrgId, overdue: q.overdue, meetingId: q.meetingId },
      today,
      page,
      100,
    );
    items.push(...rows.map((f) => followupDto(ctx.actor, f, today)));
    if (items.length >= FOLLOWUP_REPORT_MAX) {
      cut = hasMore || items.length > FOLLOWUP_REPORT_MAX;
      items.length = Math.min(items.length, FOLLOWUP_REPORT_MAX);
      break;
    }
    if (!hasMore) break;
  }
  const filters: string[] = [];
  if (q.status) filters.push(`Status: ${FOLLOWUP_STATUS_LABELS[q.status as FollowupStatus].id}`);
  if (q.overdue === true) filters.push('Hanya yang terlambat');
  if (q.overdue === false) filters.push('Hanya yang tidak terlambat');
  if (q.mine) filters.push('Milik lembaga saya');
  else if (ownerOrgId) {
    const name = items[0]?.ownerOrgName ?? (await orgNames(db, [ownerOrgId])).get(ownerOrgId) ?? '–';
    filters.push(`Lembaga penanggung jawab: ${name}`);
  }
  if (q.meetingId && items[0]) filters.push(`Rapat: ${items[0].meetingTitle}`);
  await audit(ctx, db, {
    action: 'followup.list_pdf',
    entity: 'followup',
    entityId: null,
    outcome: 'ok',
    detail: { rows: items.length, filters: filters.length },
  });
  return {
    title: 'Daftar Tindak Lanjut Rapat Koordinasi',
    letterhead: await letterhead(ctx, ctx.actor.jurisdiction),
    jurisdiction: ctx.actor.jurisdiction,
    filters,
    items,
    cut,
    statusLabels: Object.fromEntries(Object.entries(FOLLOWUP_STATUS_LABELS).map(([k, v]) => [k, v.id])),
    issuedAt: ctx.clock().toISOString(),
  };
}
