/** The change history of an evaluation (who, when, what) for its coordinator and `pimpinan`. */
import { findEvaluation, listHistory } from '../../db/kla.repository.ts';
import { canReadKlaHistory } from '../../domain/policy.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { forbidden, klaReadScope, notFound } from './access.ts';

export async function klaHistory(ctx: AuthedCtx, id: string) {
  const action = 'kla.history.read';
  const scope = klaReadScope(ctx, action, id);
  const db = ctx.conn.db;
  const e = await findEvaluation(db, scope, id);
  if (!e) throw notFound(action, 'kla_evaluation', id);
  if (!canReadKlaHistory(ctx.actor, e.jurisdiction)) throw forbidden(action, 'kla_evaluation', id);
  await audit(ctx, db, { action, entity: 'kla_evaluation', entityId: id, outcome: 'ok' });
  return (await listHistory(db, id)).map((h) => ({
    id: h.id,
    at: new Date(h.at).toISOString(),
    actorId: h.actor_id,
    actorName: h.actor_name,
    indicatorNumber: h.indicator_number,
    action: h.action,
    detail: h.detail,
  }));
}
