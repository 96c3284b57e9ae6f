/**
 * The steps every change of a KLA evaluation shares: load the answer within the reader's scope
 * (404 otherwise), hold its evaluation row so a submission cannot pass between the check and the
 * write (FOR SHARE; a submission takes it FOR UPDATE), refuse a locked evaluation (409), and
 * append the change to the history with who and when.
 */
import { randomUUID } from 'node:crypto';
import { appendHistory, findAnswer, type KlaReadScope, lockEvaluation } from '../../db/kla.repository.ts';
import { activeUsersOfOrg } from '../../db/notification.repository.ts';
import { getRegion } from '../../db/region.repository.ts';
import { answerOpen, type KlaEvaluationStatus, type KlaVerifyDecision } from '../../domain/kla.ts';
import { canFillKlaIndicator, KLA_FILLER_AUDIENCE } from '../../domain/policy.ts';
import type { AuthedCtx, Tx } from '../context.ts';
import { notify } from '../notifications/notify.ts';
import { forbidden, locked, notFound } from './access.ts';

export type LoadedAnswer = NonNullable<Awaited<ReturnType<typeof findAnswer>>> & {
  evaluation: NonNullable<Awaited<ReturnType<typeof lockEvaluation>>>;
};

export async function loadAnswer(
  trx: Tx,
  scope: KlaReadScope,
  answerId: string,
  action: string,
): Promise<LoadedAnswer> {
  const a = await findAnswer(trx, scope, answerId);
  if (!a) throw notFound(action, 'kla_answer', answerId);
  const evaluation = await lockEvaluation(trx, a.evaluation_id, 'share');
  if (!evaluation) throw notFound(action, 'kla_answer', answerId);
  return { ...a, evaluation };
}

export const evaluationStatus = (a: LoadedAnswer) => a.evaluation.status as KlaEvaluationStatus;
export const verifyStatus = (a: LoadedAnswer) => a.verify_status as KlaVerifyDecision | null;

/** Appends one history row: who (the actor), when (now), what (the action and its detail). */
export function recordHistory(
  ctx: AuthedCtx,
  trx: Tx,
  evaluationId: string,
  indicatorNumber: number | null,
  action: string,
  detail: Record<string, unknown>,
): Promise<void> {
  return appendHistory(trx, [
    {
      id: randomUUID(),
      evaluation_id: evaluationId,
      indicator_number: indicatorNumber,
      action,
      detail: JSON.stringify(detail),
      actor_id: ctx.actor.userId,
      at: ctx.clock(),
    },
  ]);
}

/** Does the reader see this answer? A member only those its organisation (or it) is assigned. */
export function seesAnswer(
  ctx: AuthedCtx,
  scope: KlaReadScope,
  a: { assigned_org_id: string | null; assigned_user_id: string | null },
): boolean {
  return (
    scope.kind === 'region' ||
    a.assigned_org_id === ctx.actor.orgId ||
    a.assigned_user_id === ctx.actor.userId
  );
}

/**
 * May the actor change this answer (its values or its evidence) now? 404 for a member who does not
 * see it (its id is not theirs to know), 403 for one who sees it but may not fill it, 409 when the
 * evaluation is locked for it.
 */
export function mayChangeAnswer(ctx: AuthedCtx, scope: KlaReadScope, a: LoadedAnswer, action: string): void {
  const who = { jurisdiction: a.jurisdiction, orgId: a.assigned_org_id, userId: a.assigned_user_id };
  if (!canFillKlaIndicator(ctx.actor, who)) {
    if (!seesAnswer(ctx, scope, a)) throw notFound(action, 'kla_answer', a.id);
    throw forbidden(action, 'kla_answer', a.id);
  }
  if (!answerOpen(evaluationStatus(a), verifyStatus(a))) throw locked();
}

/**
 * Tells the Gugus Tugas members of their indicators (assigned, sent back): the named person, or
 * the staff of the assigned organisation who may fill; one notification per person, naming the
 * indicators and the kab/kota. Never the actor themself.
 */
export async function tellFillers(
  ctx: AuthedCtx,
  trx: Tx,
  e: { id: string; year: number; jurisdiction: string },
  items: ReadonlyArray<{ number: number; orgId: string | null; userId: string | null }>,
  kind: 'kla_ditugaskan' | 'kla_indikator_dikembalikan',
): Promise<void> {
  const byUser = new Map<string, number[]>();
  const orgUsers = new Map<string, string[]>();
  for (const it of items) {
    let to: string[];
    if (it.userId) to = [it.userId];
    else if (it.orgId) {
      if (!orgUsers.has(it.orgId))
        orgUsers.set(it.orgId, await activeUsersOfOrg(trx, it.orgId, KLA_FILLER_AUDIENCE));
      to = orgUsers.get(it.orgId)!;
    } else continue;
    for (const u of to) if (u !== ctx.actor.userId) byUser.set(u, [...(byUser.get(u) ?? []), it.number]);
  }
  const place = (await getRegion(trx, e.jurisdiction))?.name ?? e.jurisdiction;
  for (const [userId, numbers] of byUser) {
    const list = [...new Set(numbers)].sort((x, y) => x - y).join(', ');
    await notify(
      trx,
      [userId],
      { kind, link: `/kla/${e.id}`, ref: `Indikator ${list} — ${place} ${e.year}` },
      ctx.clock(),
    );
  }
}
