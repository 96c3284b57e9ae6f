/**
 * Follow-up actions: the jurisdiction's list (a partner: its organisation's), one with its progress
 * notes and evidence, the Dinas's changes (action, owner, due date), and progress/status from the
 * owner organisation's staff (policy canUpdateOwned). `selesai` needs a note or evidence; `batal` a reason.
 */
import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import {
  followupNotes,
  insertFollowupNote,
  listFollowups as listFollowupRows,
  updateFollowupRow,
} from '../../db/meeting.repository.ts';
import { activeUsersOfOrg } from '../../db/notification.repository.ts';
import type { FollowupTable } from '../../db/schema.ts';
import { type List, pageOf } from '../../domain/contract/define.ts';
import type { FollowupDetailDto, FollowupDto } from '../../domain/contract/meetings.ts';
import { AppError } from '../../domain/errors.ts';
import {
  FOLLOWUP_OWNER_ROLES,
  type FollowupListQuery,
  type FollowupProgressInput,
  type FollowupStatus,
  type FollowupUpdate,
  followupStatusProblem,
} from '../../domain/meetings.ts';
import { canManageCoordination, canUpdateOwned } from '../../domain/policy.ts';
import { localDate } from '../../domain/time.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { listCoordFiles } from '../coord-files.ts';
import { notify } from '../notifications/notify.ts';
import { followupDto, loadFollowup, requireCoordination, todayOf } from './access.ts';
import { checkOwner, followupRef } from './record-decision.ts';

export async function listFollowups(ctx: AuthedCtx, q: FollowupListQuery): Promise<List<FollowupDto>> {
  const scope = requireCoordination(ctx);
  // "my organisation's": the same list narrowed to what the actor's organisation owns
  const ownerOrgId = q.mine ? ctx.actor.orgId : q.ownerOrgId;
  const today = todayOf(ctx);
  const { rows, hasMore, count } = await listFollowupRows(
    ctx.conn.db,
    scope,
    { status: q.status, ownerOrgId, overdue: q.overdue, meetingId: q.meetingId },
    today,
    q.page,
    q.pageSize,
  );
  return pageOf(
    rows.map((f) => followupDto(ctx.actor, f, today)),
    q.page,
    q.pageSize,
    { ...count, hasMore },
  );
}

export async function followupDetail(
  ctx: AuthedCtx,
  db: Tx,
  id: string,
  action = 'followup.read',
): Promise<FollowupDetailDto> {
  const f = await loadFollowup(ctx, db, id, action);
  const notes = await followupNotes(db, id);
  return {
    ...followupDto(ctx.actor, f, todayOf(ctx)),
    notes: notes.map((n) => ({
      id: n.id,
      body: n.body,
      status: (n.status as FollowupStatus | null) ?? null,
      by: n.by,
      at: new Date(n.created_at).toISOString(),
    })),
    files: await listCoordFiles(ctx, db, 'followup', id),
  };
}

export function getFollowup(ctx: AuthedCtx, id: string): Promise<FollowupDetailDto> {
  return ctx.conn.db.transaction().execute((trx) => followupDetail(ctx, trx, id));
}

/** The Dinas changes what is to be done, by whom and by when. A new owner is told. */
export async function updateFollowup(
  ctx: AuthedCtx,
  id: string,
  input: FollowupUpdate,
): Promise<FollowupDetailDto> {
  return ctx.conn.db.transaction().execute(async (trx) => {
    const f = await loadFollowup(ctx, trx, id, 'followup.update');
    if (!canManageCoordination(ctx.actor, f))
      throw new AppError('FORBIDDEN', undefined, {
        action: 'followup.update',
        entity: 'followup',
        entityId: id,
        outcome: 'denied',
      });
    const owner = {
      ownerOrgId: input.ownerOrgId ?? f.owner_org_id,
      ownerUserId:
        input.ownerUserId === undefined ? (input.ownerOrgId ? null : f.owner_user_id) : input.ownerUserId,
      dueOn: input.dueOn ?? f.due_on,
    };
    await checkOwner(trx, { jurisdiction: f.jurisdiction, starts_at: f.meeting_starts_at }, owner);
    const set: Updateable<FollowupTable> = {
      owner_org_id: owner.ownerOrgId,
      owner_user_id: owner.ownerUserId ?? null,
      due_on: owner.dueOn,
    };
    if (input.action !== undefined) set.action = input.action;
    const now = ctx.clock();
    if (!(await updateFollowupRow(trx, id, input.version, set, now))) throw new AppError('VERSION_CONFLICT');
    if (owner.ownerOrgId !== f.owner_org_id) {
      const staff = await activeUsersOfOrg(trx, owner.ownerOrgId, FOLLOWUP_OWNER_ROLES);
      await notify(
        trx,
        staff.filter((u) => u !== ctx.actor.userId),
        {
          kind: 'tindak_lanjut_baru',
          link: `/rapat/tindak-lanjut/${id}`,
          ref: followupRef(
            { starts_at: f.meeting_starts_at, jurisdiction: f.jurisdiction },
            f.decision_number,
          ),
        },
        now,
      );
    }
    await audit(ctx, trx, {
      action: 'followup.update',
      entity: 'followup',
      entityId: id,
      outcome: 'ok',
      detail: { fields: Object.keys(input).filter((k) => k !== 'version') },
    });
    return followupDetail(ctx, trx, id, 'followup.update');
  });
}

/** A progress note and/or a status change, by the owner organisation's staff or the Dinas. */
export async function recordProgress(
  ctx: AuthedCtx,
  id: string,
  input: FollowupProgressInput,
): Promise<FollowupDetailDto> {
  return ctx.conn.db.transaction().execute(async (trx) => {
    const f = await loadFollowup(ctx, trx, id, 'followup.progress');
    if (!canUpdateOwned(ctx.actor, { jurisdiction: f.jurisdiction, ownerOrgId: f.owner_org_id }))
      throw new AppError('FORBIDDEN', undefined, {
        action: 'followup.progress',
        entity: 'followup',
        entityId: id,
        outcome: 'denied',
      });
    const note = input.note || undefined;
    if (!note && !input.status) throw new AppError('VALIDATION_FAILED', { note: 'required' });
    const set: Updateable<FollowupTable> = {};
    if (input.status && input.status !== f.status) {
      const files = await listCoordFiles(ctx, trx, 'followup', id);
      const problem = followupStatusProblem(input.status, { note, evidenceFiles: files.length });
      if (problem) throw new AppError('VALIDATION_FAILED', { [problem.field]: problem.code });
      set.status = input.status;
      set.status_note = input.status === 'selesai' || input.status === 'batal' ? (note ?? null) : null;
      set.done_on = input.status === 'selesai' ? localDate(ctx.clock(), f.jurisdiction) : null;
    }
    const now = ctx.clock();
    if (!(await updateFollowupRow(trx, id, input.version, set, now))) throw new AppError('VERSION_CONFLICT');
    await insertFollowupNote(trx, {
      id: randomUUID(),
      followup_id: id,
      body: note ?? '',
      status: set.status ? String(set.status) : null,
      created_by: ctx.actor.userId,
      created_at: now,
    });
    await audit(ctx, trx, {
      action: 'followup.progress',
      entity: 'followup',
      entityId: id,
      outcome: 'ok',
      detail: { from: f.status, to: set.status ?? f.status },
    });
    return followupDetail(ctx, trx, id, 'followup.progress');
  });
}
