/**
 * Open a case: number PPA-<kab code without dots>-<year>-<6-digit sequence>, handled by the
 * actor's organisation in the actor's jurisdiction, starting at intake (penerimaan). The opener
 * may name the case manager; a case left without one is announced to every case manager of the
 * kab/kota in the same transaction (decision 013), so it never waits unseen.
 */
import { randomUUID } from 'node:crypto';
import { addCaseEvent, insertCase, nextCaseSequence } from '../../db/case.repository.ts';
import { activeUsersInJurisdiction } from '../../db/notification.repository.ts';
import { findStaffByIds, listAssignableStaff } from '../../db/user.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { can, canBeAssigned, defaultManager, type Role } from '../../domain/policy.ts';
import type { CaseCreateInput } from '../../domain/schemas.ts';
import { localYear } from '../../domain/time.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { notify } from '../notifications/notify.ts';
import { loadVisibleCase } from './access.ts';
import { getCase } from './get-case.ts';

export function caseNumber(kab: string, year: number, seq: number): string {
  return `PPA-${kab.replace(/\./g, '')}-${year}-${String(seq).padStart(6, '0')}`;
}

/**
 * Opens the case and answers with it in full. With an Idempotency-Key the same request again
 * creates nothing and gets the first answer, if the actor may still see that case.
 */
export async function openCase(ctx: AuthedCtx, input: CaseCreateInput, key?: IdempotencyKey) {
  if (!can(ctx.actor, 'case:create')) throw new AppError('FORBIDDEN');
  if (input.regionCode && input.regionCode !== ctx.actor.jurisdiction)
    throw new AppError('REGION_OUT_OF_JURISDICTION', { regionCode: 'out_of_jurisdiction' });
  const now = ctx.clock();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 5 * 60_000)
    throw new AppError('VALIDATION_FAILED', { receivedAt: 'date_in_future' });
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        // the original answer was a read of the case: the replay needs the same sight of it
        check: async (c) => void (await loadVisibleCase(ctx, trx, c.id, 'case.create')),
        audit: (c) => ({ action: 'case.create', entity: 'case', entityId: c.id }),
      },
      async () => {
        const id = await createCaseIn(ctx, trx, { ...input, receivedAt: receivedAt.toISOString() });
        return getCase(ctx, id, trx, { afterWrite: true });
      },
    ),
  );
}

/** Who may be named case manager when opening a case: the active `manajer` of the jurisdiction. */
export async function managersToChoose(ctx: AuthedCtx) {
  if (!can(ctx.actor, 'case:create')) throw new AppError('FORBIDDEN');
  return listAssignableStaff(ctx.conn.db, ctx.actor.jurisdiction, ['manajer']);
}

/**
 * The case manager of a new case: the one asked for (an active `manajer` of the jurisdiction,
 * else INVALID_ASSIGNEE on `managerId`), nobody when null was asked for, and when nothing was
 * asked the opener if the opener is a case manager.
 */
async function chooseManager(
  ctx: AuthedCtx,
  trx: Tx,
  requested: string | null | undefined,
  jurisdiction: string,
): Promise<string | null> {
  if (requested === undefined) return defaultManager(ctx.actor);
  if (requested === null) return null;
  const [u] = await findStaffByIds(trx, [requested]);
  if (!u || u.disabled || !canBeAssigned(u.role as Role, u.jurisdiction, jurisdiction, 'manager'))
    throw new AppError('INVALID_ASSIGNEE', { managerId: 'invalid_assignee' });
  return u.id;
}

/**
 * Inserts a new case inside the caller's transaction (also used when an intake item becomes a
 * case), with its notices: to every case manager of the jurisdiction when it has no manager, or
 * to the manager chosen by someone else. The caller has checked the actor may create cases.
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
  const managerId = await chooseManager(ctx, trx, input.managerId, jurisdiction);
  const year = localYear(receivedAt, jurisdiction);
  const seq = await nextCaseSequence(trx, jurisdiction, year);
  const number = caseNumber(jurisdiction, year, seq);
  await insertCase(trx, {
    id,
    number,
    jurisdiction,
    org_id: ctx.actor.orgId,
    manager_id: managerId,
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
  await addCaseEvent(trx, id, ctx.actor.userId, 'case.opened', now, {
    channel: input.channel,
    ...(managerId ? { managerId } : {}),
  });
  const link = `/kasus/${id}`;
  let told: string[] = [];
  if (managerId === null) {
    told = await activeUsersInJurisdiction(trx, jurisdiction, ['manajer']);
    await notify(trx, told, { kind: 'kasus_tanpa_manajer', link, ref: number }, now);
  } else if (managerId !== ctx.actor.userId) {
    told = [managerId];
    await notify(trx, told, { kind: 'kasus_ditugaskan', link, ref: number }, now);
  }
  await audit(ctx, trx, {
    action: 'case.create',
    entity: 'case',
    entityId: id,
    outcome: 'ok',
    ...(told.length > 0 ? { detail: { notified: told.length } } : {}),
  });
  return id;
}
