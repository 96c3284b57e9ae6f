/**
 * A person's training record: what they took part in, attended and completed, and which
 * certificates they can download. Everyone reads their own; the Dinas's managers and `pimpinan`
 * read the records of their jurisdiction's staff (policy.canReadTrainingRecord); anyone else: 404.
 */
import { findUserBrief, participationsOfUser } from '../../db/training.repository.ts';
import type { TrainingRecordDto } from '../../domain/contract/training.ts';
import { AppError } from '../../domain/errors.ts';
import { can, canReadTrainingRecord } from '../../domain/policy.ts';
import { type AuthedCtx, audit } from '../context.ts';

export async function trainingRecord(ctx: AuthedCtx, userId: string | 'me'): Promise<TrainingRecordDto> {
  const id = userId === 'me' ? ctx.actor.userId : userId;
  const db = ctx.conn.db;
  const denied = (outcome: 'denied' | 'not_found') => ({
    action: 'training.record_read',
    entity: 'app_user',
    entityId: id,
    outcome,
  });
  if (!can(ctx.actor, 'coord:read')) throw new AppError('FORBIDDEN', undefined, denied('denied'));
  const u = await findUserBrief(db, id);
  if (!u || !canReadTrainingRecord(ctx.actor, { userId: u.id, jurisdiction: u.jurisdiction }))
    throw new AppError('NOT_FOUND', undefined, denied('not_found'));
  const rows = await participationsOfUser(db, id);
  if (id !== ctx.actor.userId)
    await audit(ctx, db, { ...denied('not_found'), outcome: 'ok', detail: { count: rows.length } });
  return {
    person: { userId: u.id, name: u.name, role: u.role, org: { id: u.org_id, name: u.org_name } },
    items: rows.map((r) => ({
      participantId: r.id,
      eventId: r.event_id,
      title: r.title,
      type: { id: r.type_id, name: r.type_name },
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      organiser: { id: r.organiser_org_id, name: r.organiser_name },
      attendance: r.attendance,
      completed: r.completed,
      certificate: r.completed && r.certificate_code !== null,
    })),
  };
}
