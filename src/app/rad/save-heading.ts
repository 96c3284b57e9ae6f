/**
 * Pillars (strategies) and programmes of a RAD plan: added and renamed by the Dinas that keeps
 * the plan. Positions follow the order they were added in, counted under the plan's row lock.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  findPillar,
  findPlan,
  findProgramme,
  insertPillar,
  insertProgramme,
  lockPlan,
  nextPosition,
  updateHeading,
} from '../../db/rad.repository.ts';
import type { RadHeadingDto } from '../../domain/contract/rad.ts';
import { AppError } from '../../domain/errors.ts';
import type { RadPillarInput, RadPillarUpdate } from '../../domain/rad.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { forbidden, mayManage, notFound, radScope } from './access.ts';

type Heading = z.infer<typeof RadHeadingDto>;

export async function addPillar(
  ctx: AuthedCtx,
  planId: string,
  input: RadPillarInput,
  key?: IdempotencyKey,
): Promise<Heading> {
  const scope = radScope(ctx, 'rad.pillar.create', planId);
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async (stored) => {
          if (!(await findPillar(trx, scope, stored.id)))
            throw notFound('rad.pillar.create', 'rad_pillar', stored.id);
        },
        audit: (stored) => ({ action: 'rad.pillar.create', entity: 'rad_pillar', entityId: stored.id }),
      },
      async () => {
        const plan = await findPlan(trx, scope, planId);
        if (!plan) throw notFound('rad.pillar.create', 'rad_plan', planId);
        if (!mayManage(ctx, plan.jurisdiction)) throw forbidden('rad.pillar.create', 'rad_plan', planId);
        await lockPlan(trx, planId);
        const id = randomUUID();
        const now = ctx.clock();
        const row = {
          id,
          plan_id: planId,
          jurisdiction: plan.jurisdiction,
          position: await nextPosition(trx, 'rad_pillar', planId),
          code: input.code ?? '',
          title: input.title,
          created_at: now,
          updated_at: now,
        };
        await insertPillar(trx, row);
        await audit(ctx, trx, {
          action: 'rad.pillar.create',
          entity: 'rad_pillar',
          entityId: id,
          outcome: 'ok',
        });
        return { id, code: row.code, title: row.title, version: 1 };
      },
    ),
  );
}

export async function addProgramme(
  ctx: AuthedCtx,
  pillarId: string,
  input: RadPillarInput,
  key?: IdempotencyKey,
): Promise<Heading> {
  const scope = radScope(ctx, 'rad.programme.create', pillarId);
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async (stored) => {
          if (!(await findProgramme(trx, scope, stored.id)))
            throw notFound('rad.programme.create', 'rad_programme', stored.id);
        },
        audit: (stored) => ({ action: 'rad.programme.create', entity: 'rad_programme', entityId: stored.id }),
      },
      async () => {
        const pillar = await findPillar(trx, scope, pillarId);
        if (!pillar) throw notFound('rad.programme.create', 'rad_pillar', pillarId);
        if (!mayManage(ctx, pillar.jurisdiction))
          throw forbidden('rad.programme.create', 'rad_pillar', pillarId);
        await lockPlan(trx, pillar.plan_id);
        const id = randomUUID();
        const now = ctx.clock();
        const row = {
          id,
          plan_id: pillar.plan_id,
          pillar_id: pillarId,
          jurisdiction: pillar.jurisdiction,
          position: await nextPosition(trx, 'rad_programme', pillar.plan_id),
          code: input.code ?? '',
          title: input.title,
          created_at: now,
          updated_at: now,
        };
        await insertProgramme(trx, row);
        await audit(ctx, trx, {
          action: 'rad.programme.create',
          entity: 'rad_programme',
          entityId: id,
          outcome: 'ok',
        });
        return { id, code: row.code, title: row.title, version: 1 };
      },
    ),
  );
}

export async function updateHeadingOf(
  ctx: AuthedCtx,
  table: 'rad_pillar' | 'rad_programme',
  id: string,
  input: RadPillarUpdate,
): Promise<Heading> {
  const action = table === 'rad_pillar' ? 'rad.pillar.update' : 'rad.programme.update';
  const scope = radScope(ctx, action, id);
  return ctx.conn.db.transaction().execute(async (trx) => {
    const find = () => (table === 'rad_pillar' ? findPillar(trx, scope, id) : findProgramme(trx, scope, id));
    const before = await find();
    if (!before) throw notFound(action, table, id);
    if (!mayManage(ctx, before.jurisdiction)) throw forbidden(action, table, id);
    const code = input.code ?? before.code;
    if (!(await updateHeading(trx, table, id, input.version, { code, title: input.title }, ctx.clock())))
      throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, { action, entity: table, entityId: id, outcome: 'ok' });
    const after = (await find())!;
    return { id, code: after.code, title: after.title, version: after.version };
  });
}
