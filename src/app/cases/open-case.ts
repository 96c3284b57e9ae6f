/**
 * Open a case: number PPA-<kab code without dots>-<year>-<6-digit sequence>, handled by the
 * actor's organisation in the actor's jurisdiction, starting at intake (penerimaan).
 */
import { randomUUID } from 'node:crypto';
import { addCaseEvent, insertCase, nextCaseSequence } from '../../db/case.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { can } from '../../domain/policy.ts';
import type { CaseCreateInput } from '../../domain/schemas.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { getCase } from './get-case.ts';

export function caseNumber(kab: string, year: number, seq: number): string {
  return `PPA-${kab.replace(/\./g, '')}-${year}-${String(seq).padStart(6, '0')}`;
}

function yearInWib(d: Date): number {
  return new Date(d.getTime() + 7 * 3600_000).getUTCFullYear();
}

export async function openCase(ctx: AuthedCtx, input: CaseCreateInput) {
  if (!can(ctx.actor, 'case:create')) throw new AppError('FORBIDDEN');
  if (input.regionCode && input.regionCode !== ctx.actor.jurisdiction)
    throw new AppError('REGION_OUT_OF_JURISDICTION', { regionCode: 'out_of_jurisdiction' });
  const now = ctx.clock();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 5 * 60_000)
    throw new AppError('VALIDATION_FAILED', { receivedAt: 'date_in_future' });
  const id = await ctx.conn.db
    .transaction()
    .execute((trx) => createCaseIn(ctx, trx, { ...input, receivedAt: receivedAt.toISOString() }));
  return getCase(ctx, id);
}

/**
 * Inserts a new case inside the caller's transaction (also used when an intake item becomes a
 * case). The caller has checked the actor may create cases.
 */
export async function createCaseIn(
  ctx: AuthedCtx,
  trx: Tx,
  input: CaseCreateInput & { receivedAt: string },
): Promise<string> {
  const now = ctx.clock();
  const receivedAt = new Date(input.receivedAt);
  const id = randomUUID();
  const jurisdiction = ctx.actor.jurisdiction;
  const year = yearInWib(receivedAt);
  const seq = await nextCaseSequence(trx, jurisdiction, year);
  await insertCase(trx, {
    id,
    number: caseNumber(jurisdiction, year, seq),
    jurisdiction,
    org_id: ctx.actor.orgId,
    manager_id: ctx.actor.role === 'manajer' ? ctx.actor.userId : null,
    stage: 'penerimaan',
    channel: input.channel,
    received_at: receivedAt,
    case_type: input.caseType ?? null,
    risk: input.risk ?? null,
    authority: input.authority ?? null,
    summary_enc: ctx.keys.encrypt(input.summary),
    created_by: ctx.actor.userId,
    created_at: now,
    updated_at: now,
  });
  await addCaseEvent(trx, id, ctx.actor.userId, 'case.opened', now, { channel: input.channel });
  await audit(ctx, trx, { action: 'case.create', entity: 'case', entityId: id, outcome: 'ok' });
  return id;
}
