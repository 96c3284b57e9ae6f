/** A training event (Bimtek, integrated training): created by the Dinas's managers for their own jurisdiction. */
import { randomUUID } from 'node:crypto';
import { findTrainingEvent, insertTrainingEvent } from '../../db/training.repository.ts';
import type { TrainingEventDto } from '../../domain/contract/training.ts';
import { AppError } from '../../domain/errors.ts';
import { canManageCoordination, coordinationScope } from '../../domain/policy.ts';
import type { TrainingEventInput } from '../../domain/training.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { checkOrg, checkType, ENTITY, eventDto } from './access.ts';

export async function createTrainingEvent(
  ctx: AuthedCtx,
  input: TrainingEventInput,
  key?: IdempotencyKey,
): Promise<TrainingEventDto> {
  const jurisdiction = ctx.actor.jurisdiction;
  if (!canManageCoordination(ctx.actor, { jurisdiction }))
    throw new AppError('FORBIDDEN', undefined, {
      action: 'training.event_create',
      entity: ENTITY,
      entityId: null,
      outcome: 'denied',
    });
  const now = ctx.clock();
  const scope = coordinationScope(ctx.actor);
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async (stored) => {
          if (!(await findTrainingEvent(trx, scope, stored.id))) throw new AppError('NOT_FOUND');
        },
        audit: (stored) => ({ action: 'training.event_create', entity: ENTITY, entityId: stored.id }),
      },
      async () => {
        await checkType(trx, input.typeId, jurisdiction);
        await checkOrg(trx, input.organiserOrgId, jurisdiction, 'organiserOrgId');
        const id = randomUUID();
        await insertTrainingEvent(trx, {
          id,
          jurisdiction,
          title: input.title,
          type_id: input.typeId,
          topics: input.topics,
          starts_on: input.startsOn,
          ends_on: input.endsOn,
          mode: input.mode,
          place: input.place ?? null,
          organiser_org_id: input.organiserOrgId,
          trainers: JSON.stringify(
            input.trainers.map((t) => ({ name: t.name, institution: t.institution ?? null })),
          ),
          created_by: ctx.actor.userId,
          created_at: now,
          updated_at: now,
        });
        await audit(ctx, trx, {
          action: 'training.event_create',
          entity: ENTITY,
          entityId: id,
          outcome: 'ok',
        });
        return eventDto(ctx.actor, (await findTrainingEvent(trx, scope, id))!);
      },
    ),
  );
}
