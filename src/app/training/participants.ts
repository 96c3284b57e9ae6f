/**
 * Participants of a training event and their attendance: the list (names: every read is audited),
 * adding a Simpul user or a partner's staff member without an account (name encrypted), recording
 * attendance and completion with the version read, removing someone who has no certificate.
 * A partner sees all participants of an event its organisation organises, otherwise only its own staff.
 */
import { randomInt, randomUUID } from 'node:crypto';
import {
  countParticipants,
  deleteParticipant,
  findParticipant,
  findUserBrief,
  insertParticipant,
  listParticipants,
  lockTrainingEvent,
  updateParticipant,
} from '../../db/training.repository.ts';
import { type List, wholeList } from '../../domain/contract/define.ts';
import type { TrainingParticipantDto } from '../../domain/contract/training.ts';
import { AppError } from '../../domain/errors.ts';
import { coordinationScope, isWithin } from '../../domain/policy.ts';
import { VERIFICATION_ALPHABET } from '../../domain/referrals.ts';
import {
  type Attendance,
  completionAllowed,
  MAX_PARTICIPANTS,
  type ParticipantInput,
  type ParticipantPatch,
} from '../../domain/training.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { checkOrg, loadEvent, loadEventForWrite, participantDto } from './access.ts';

const ENTITY = 'training_attendance';

/** 12 characters of the referral letters' alphabet: the same public check page reads both. */
export function certificateCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += VERIFICATION_ALPHABET[randomInt(VERIFICATION_ALPHABET.length)];
  return s;
}

export async function listEventParticipants(
  ctx: AuthedCtx,
  eventId: string,
): Promise<List<TrainingParticipantDto>> {
  return ctx.conn.db.transaction().execute(async (trx) => {
    const e = await loadEvent(ctx, trx, eventId, 'training.participants_read');
    const scope = coordinationScope(ctx.actor);
    const onlyOrg = scope.kind === 'org' && e.organiser_org_id !== scope.orgId ? scope.orgId : undefined;
    const rows = await listParticipants(trx, eventId, onlyOrg);
    await audit(ctx, trx, {
      action: 'training.participants_read',
      entity: 'training_event',
      entityId: eventId,
      outcome: 'ok',
      detail: { count: rows.length, ...(onlyOrg ? { orgId: onlyOrg } : {}) },
    });
    return wholeList(rows.map((p) => participantDto(ctx.keys, p)));
  });
}

export async function addParticipant(
  ctx: AuthedCtx,
  eventId: string,
  input: ParticipantInput,
  key?: IdempotencyKey,
): Promise<TrainingParticipantDto> {
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async (stored) => {
          await loadEventForWrite(ctx, trx, eventId, 'training.participant_add');
          if (!(await findParticipant(trx, eventId, stored.id))) throw new AppError('NOT_FOUND');
        },
        audit: (stored) => ({ action: 'training.participant_add', entity: ENTITY, entityId: stored.id }),
      },
      async () => {
        const e = await loadEventForWrite(ctx, trx, eventId, 'training.participant_add');
        await lockTrainingEvent(trx, eventId);
        if ((await countParticipants(trx, eventId)) >= MAX_PARTICIPANTS)
          throw new AppError('VALIDATION_FAILED', { participants: 'too_many' });
        const id = randomUUID();
        let inserted: boolean;
        if ('userId' in input) {
          const u = await findUserBrief(trx, input.userId);
          if (!u || u.disabled || !isWithin(u.jurisdiction, e.jurisdiction))
            throw new AppError('VALIDATION_FAILED', { userId: 'out_of_jurisdiction' });
          inserted = await insertParticipant(trx, {
            id,
            eventId,
            jurisdiction: e.jurisdiction,
            userId: u.id,
            nameEnc: null,
            orgId: u.org_id,
            createdBy: ctx.actor.userId,
            now,
          });
        } else {
          await checkOrg(trx, input.orgId, e.jurisdiction, 'orgId');
          inserted = await insertParticipant(trx, {
            id,
            eventId,
            jurisdiction: e.jurisdiction,
            userId: null,
            nameEnc: ctx.keys.encrypt(input.name),
            orgId: input.orgId,
            createdBy: ctx.actor.userId,
            now,
          });
        }
        if (!inserted) throw new AppError('DUPLICATE', { userId: 'already_participant' });
        await audit(ctx, trx, {
          action: 'training.participant_add',
          entity: ENTITY,
          entityId: id,
          outcome: 'ok',
          detail: { eventId, account: 'userId' in input },
        });
        return participantDto(ctx.keys, (await findParticipant(trx, eventId, id))!);
      },
    ),
  );
}

export async function updateEventParticipant(
  ctx: AuthedCtx,
  eventId: string,
  id: string,
  input: ParticipantPatch,
): Promise<TrainingParticipantDto> {
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute(async (trx) => {
    await loadEventForWrite(ctx, trx, eventId, 'training.attendance');
    if (input.completed) await lockTrainingEvent(trx, eventId);
    const p = await findParticipant(trx, eventId, id);
    if (!p)
      throw new AppError('NOT_FOUND', undefined, {
        action: 'training.attendance',
        entity: ENTITY,
        entityId: id,
        outcome: 'not_found',
      });
    const attendance: Attendance = input.attendance ?? p.attendance;
    // marking someone absent withdraws a completion that was recorded by mistake
    const completed = input.completed ?? (attendance === 'hadir' ? p.completed : false);
    if (!completionAllowed(attendance, completed))
      throw new AppError('VALIDATION_FAILED', { completed: 'not_attended' });
    if (input.name !== undefined && p.user_id !== null)
      throw new AppError('VALIDATION_FAILED', { name: 'not_allowed' });
    const ok = await updateParticipant(
      trx,
      eventId,
      id,
      input.version,
      {
        attendance,
        completed,
        ...(completed && !p.completed ? { completed_at: now } : {}),
        ...(!completed ? { completed_at: null } : {}),
        ...(completed && p.certificate_code === null ? { certificate_code: certificateCode() } : {}),
        ...(input.name !== undefined ? { name_enc: ctx.keys.encrypt(input.name) } : {}),
      },
      now,
    );
    if (!ok) throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, {
      action: 'training.attendance',
      entity: ENTITY,
      entityId: id,
      outcome: 'ok',
      detail: { eventId, attendance, completed },
    });
    return participantDto(ctx.keys, (await findParticipant(trx, eventId, id))!);
  });
}

export async function removeParticipant(
  ctx: AuthedCtx,
  eventId: string,
  id: string,
  version: number,
): Promise<void> {
  await ctx.conn.db.transaction().execute(async (trx) => {
    await loadEventForWrite(ctx, trx, eventId, 'training.participant_remove');
    const p = await findParticipant(trx, eventId, id);
    if (!p) throw new AppError('NOT_FOUND');
    if (p.certificate_code !== null) throw new AppError('TRAINING_HAS_CERTIFICATES');
    if (!(await deleteParticipant(trx, eventId, id, version))) throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, {
      action: 'training.participant_remove',
      entity: ENTITY,
      entityId: id,
      outcome: 'ok',
      detail: { eventId },
    });
  });
}
