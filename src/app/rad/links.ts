/**
 * Links of a RAD activity to the meeting decisions and prevention activities that carry it out
 * (migration 0030, decision 032). The Dinas that keeps the plan adds and removes them; a record to
 * link must be of the plan's own jurisdiction (else a field error that says no more than "not
 * found"). Whoever reads the activity sees its links, with what the linked record says of itself
 * (a decision's number and text, an activity's title and day — never a name).
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/connect.ts';
import {
  deleteLink,
  findActivity,
  insertLink,
  linkCandidates,
  linkRows,
  linkTargetExists,
  type RadLinkKind,
} from '../../db/rad.repository.ts';
import type { RadActivityDto, RadLinkDto } from '../../domain/contract/rad.ts';
import { AppError } from '../../domain/errors.ts';
import { localDate } from '../../domain/time.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { forbidden, mayManage, notFound, radScope } from './access.ts';

export async function linksOf(db: Tx, activityId: string, jurisdiction: string): Promise<RadLinkDto[]> {
  const rows = await linkRows(db, activityId);
  return rows.map((r) =>
    r.meeting_decision_id
      ? {
          id: r.id,
          kind: 'meeting_decision' as const,
          targetId: r.meeting_decision_id,
          title: `${r.meeting_title ?? ''}${r.meeting_starts_at ? ` (${localDate(new Date(r.meeting_starts_at), jurisdiction)})` : ''} — ${r.decision_number ?? ''}. ${r.decision_body ?? ''}`,
          href: `/rapat/${r.meeting_id}`,
        }
      : {
          id: r.id,
          kind: 'prevention_activity' as const,
          targetId: r.prevention_activity_id!,
          title: `${r.activity_title ?? ''}${r.activity_starts_at ? ` (${localDate(new Date(r.activity_starts_at), jurisdiction)})` : ''}`,
          href: `/pencegahan/${r.prevention_activity_id}`,
        },
  );
}

export async function addRadLink(
  ctx: AuthedCtx,
  activityId: string,
  input: { kind: RadLinkKind; targetId: string },
  view: (trx: Tx, a: NonNullable<Awaited<ReturnType<typeof findActivity>>>) => Promise<RadActivityDto>,
): Promise<RadActivityDto> {
  const action = 'rad.link.create';
  const scope = radScope(ctx, action, activityId);
  return ctx.conn.db.transaction().execute(async (trx) => {
    const a = await findActivity(trx, scope, activityId);
    if (!a) throw notFound(action, 'rad_activity', activityId);
    if (!mayManage(ctx, a.jurisdiction)) throw forbidden(action, 'rad_activity', activityId);
    if (!(await linkTargetExists(trx, input.kind, input.targetId, a.jurisdiction)))
      throw new AppError('VALIDATION_FAILED', { targetId: 'rad_link_unknown' });
    const id = await insertLink(trx, {
      id: randomUUID(),
      activityId,
      jurisdiction: a.jurisdiction,
      kind: input.kind,
      targetId: input.targetId,
      by: ctx.actor.userId,
      at: ctx.clock(),
    });
    await audit(ctx, trx, {
      action,
      entity: 'rad_activity',
      entityId: activityId,
      outcome: 'ok',
      detail: { linkId: id, kind: input.kind, targetId: input.targetId },
    });
    return view(trx, a);
  });
}

export async function removeRadLink(ctx: AuthedCtx, activityId: string, linkId: string): Promise<void> {
  const action = 'rad.link.delete';
  const scope = radScope(ctx, action, activityId);
  await ctx.conn.db.transaction().execute(async (trx) => {
    const a = await findActivity(trx, scope, activityId);
    if (!a) throw notFound(action, 'rad_activity', activityId);
    if (!mayManage(ctx, a.jurisdiction)) throw forbidden(action, 'rad_activity', activityId);
    if (!(await deleteLink(trx, activityId, linkId))) throw notFound(action, 'rad_activity_link', linkId);
    await audit(ctx, trx, {
      action,
      entity: 'rad_activity',
      entityId: activityId,
      outcome: 'ok',
      detail: { linkId },
    });
  });
}

/** The meeting decisions and prevention activities the Dinas may link a RAD activity to. */
export async function radLinkOptions(ctx: AuthedCtx, activityId: string) {
  const action = 'rad.link.options';
  const scope = radScope(ctx, action, activityId);
  const db = ctx.conn.db;
  const a = await findActivity(db, scope, activityId);
  if (!a) throw notFound(action, 'rad_activity', activityId);
  if (!mayManage(ctx, a.jurisdiction)) throw forbidden(action, 'rad_activity', activityId);
  const c = await linkCandidates(db, a.jurisdiction);
  const day = (at: Date | string) => localDate(new Date(at), a.jurisdiction);
  return {
    decisions: c.decisions.map((d) => ({
      id: d.id,
      title: `${d.title} (${day(d.starts_at)}) — ${d.number}. ${d.body}`,
    })),
    preventionActivities: c.activities.map((v) => ({ id: v.id, title: `${v.title} (${day(v.starts_at)})` })),
  };
}
