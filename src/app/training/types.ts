/**
 * Training types: the default list (migration 0025) and the ones a Dinas adds for itself; its
 * administrator (`training:settings`) adds, renames or deactivates its own (the defaults stay).
 */
import { randomUUID } from 'node:crypto';
import {
  findTrainingType,
  insertTrainingType,
  listTrainingTypes,
  updateTrainingType,
} from '../../db/training.repository.ts';
import { type List, wholeList } from '../../domain/contract/define.ts';
import type { TrainingTypeDto } from '../../domain/contract/training.ts';
import { AppError } from '../../domain/errors.ts';
import { canSetTrainingRequirements, coordinationScope } from '../../domain/policy.ts';
import type { TrainingTypeInput, TrainingTypePatch } from '../../domain/training.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { typeDto } from './access.ts';

/** The actor's jurisdiction and the province above a kab/kota: their types are usable. */
function ownAndProvince(j: string): string[] {
  return j.length > 2 ? [j, j.slice(0, 2)] : [j];
}

export async function listTypes(ctx: AuthedCtx): Promise<List<TrainingTypeDto>> {
  if (coordinationScope(ctx.actor).kind === 'none') throw new AppError('FORBIDDEN');
  const rows = await listTrainingTypes(ctx.conn.db, ownAndProvince(ctx.actor.jurisdiction));
  return wholeList(rows.map(typeDto));
}

export async function createType(ctx: AuthedCtx, input: TrainingTypeInput): Promise<TrainingTypeDto> {
  const jurisdiction = ctx.actor.jurisdiction;
  if (!canSetTrainingRequirements(ctx.actor, jurisdiction))
    throw new AppError('FORBIDDEN', undefined, {
      action: 'training.type_create',
      entity: 'training_type',
      entityId: null,
      outcome: 'denied',
    });
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute(async (trx) => {
    const visible = await listTrainingTypes(trx, ownAndProvince(jurisdiction));
    if (visible.some((t) => t.code === input.code)) throw new AppError('DUPLICATE', { code: 'taken' });
    const id = randomUUID();
    const ok = await insertTrainingType(trx, {
      id,
      jurisdiction,
      code: input.code,
      name: input.name,
      description: input.description ?? null,
      createdBy: ctx.actor.userId,
      now,
    });
    if (!ok) throw new AppError('DUPLICATE', { code: 'taken' });
    await audit(ctx, trx, {
      action: 'training.type_create',
      entity: 'training_type',
      entityId: id,
      outcome: 'ok',
    });
    return typeDto((await findTrainingType(trx, id))!);
  });
}

export async function updateType(
  ctx: AuthedCtx,
  id: string,
  input: TrainingTypePatch,
): Promise<TrainingTypeDto> {
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute(async (trx) => {
    const t = await findTrainingType(trx, id);
    if (!t || (t.jurisdiction !== null && t.jurisdiction !== ctx.actor.jurisdiction))
      throw new AppError('NOT_FOUND');
    if (t.jurisdiction === null || !canSetTrainingRequirements(ctx.actor, t.jurisdiction))
      throw new AppError('FORBIDDEN', undefined, {
        action: 'training.type_update',
        entity: 'training_type',
        entityId: id,
        outcome: 'denied',
      });
    const ok = await updateTrainingType(
      trx,
      id,
      input.version,
      {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description ?? null } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      },
      now,
    );
    if (!ok) throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, {
      action: 'training.type_update',
      entity: 'training_type',
      entityId: id,
      outcome: 'ok',
    });
    return typeDto((await findTrainingType(trx, id))!);
  });
}
