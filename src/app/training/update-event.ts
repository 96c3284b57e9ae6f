/** Changing or deleting a training event: its Dinas's managers, with the version they read. */
import {
  deleteTrainingEvent,
  eventHasCertificates,
  findTrainingEvent,
  lockTrainingEvent,
  updateTrainingEvent,
} from '../../db/training.repository.ts';
import type { TrainingEventDto } from '../../domain/contract/training.ts';
import { AppError } from '../../domain/errors.ts';
import { coordinationScope } from '../../domain/policy.ts';
import type { TrainingEventPatch } from '../../domain/training.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { checkOrg, checkType, ENTITY, eventDto, loadEventForWrite } from './access.ts';
import { removeAllEventFiles } from './event-files.ts';

export async function updateEvent(
  ctx: AuthedCtx,
  id: string,
  input: TrainingEventPatch,
): Promise<TrainingEventDto> {
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute(async (trx) => {
    const e = await loadEventForWrite(ctx, trx, id, 'training.event_update');
    // the dates in order with what is kept
    const startsOn = input.startsOn ?? e.starts_on;
    const endsOn = input.endsOn ?? e.ends_on;
    if (endsOn < startsOn) throw new AppError('VALIDATION_FAILED', { endsOn: 'ends_before_start' });
    if (input.typeId !== undefined && input.typeId !== e.type_id)
      await checkType(trx, input.typeId, e.jurisdiction);
    if (input.organiserOrgId !== undefined && input.organiserOrgId !== e.organiser_org_id)
      await checkOrg(trx, input.organiserOrgId, e.jurisdiction, 'organiserOrgId');
    const ok = await updateTrainingEvent(
      trx,
      id,
      input.version,
      {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.typeId !== undefined ? { type_id: input.typeId } : {}),
        ...(input.topics !== undefined ? { topics: input.topics } : {}),
        ...(input.startsOn !== undefined ? { starts_on: input.startsOn } : {}),
        ...(input.endsOn !== undefined ? { ends_on: input.endsOn } : {}),
        ...(input.mode !== undefined ? { mode: input.mode } : {}),
        ...(input.place !== undefined ? { place: input.place ?? null } : {}),
        ...(input.organiserOrgId !== undefined ? { organiser_org_id: input.organiserOrgId } : {}),
        ...(input.trainers !== undefined
          ? {
              trainers: JSON.stringify(
                input.trainers.map((t) => ({ name: t.name, institution: t.institution ?? null })),
              ),
            }
          : {}),
      },
      now,
    );
    if (!ok) throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, { action: 'training.event_update', entity: ENTITY, entityId: id, outcome: 'ok' });
    return eventDto(ctx.actor, (await findTrainingEvent(trx, coordinationScope(ctx.actor), id))!);
  });
}

export async function deleteEvent(ctx: AuthedCtx, id: string, version: number): Promise<void> {
  await ctx.conn.db.transaction().execute(async (trx) => {
    await loadEventForWrite(ctx, trx, id, 'training.event_delete');
    await lockTrainingEvent(trx, id);
    if (await eventHasCertificates(trx, id)) throw new AppError('TRAINING_HAS_CERTIFICATES');
    if (!(await deleteTrainingEvent(trx, id, version))) throw new AppError('VERSION_CONFLICT');
    await removeAllEventFiles(ctx, trx, id);
    await audit(ctx, trx, { action: 'training.event_delete', entity: ENTITY, entityId: id, outcome: 'ok' });
  });
}
