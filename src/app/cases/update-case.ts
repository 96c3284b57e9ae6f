/** Edit identification and intake fields of a case (optimistic: stale version → 409). */

import type { Updateable } from 'kysely';
import { addCaseEvent, updateCaseRow } from '../../db/case.repository.ts';
import type { CaseFileTable } from '../../db/schema.ts';
import { AppError } from '../../domain/errors.ts';
import type { CaseUpdateInput } from '../../domain/schemas.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { loadForWrite } from './access.ts';
import { getCase } from './get-case.ts';

export async function updateCase(ctx: AuthedCtx, id: string, input: CaseUpdateInput) {
  const now = ctx.clock();
  await ctx.conn.db.transaction().execute(async (trx) => {
    const c = await loadForWrite(ctx, trx, id, 'update', 'case.update');
    const set: Updateable<CaseFileTable> = {};
    if (input.channel !== undefined) set.channel = input.channel;
    if (input.receivedAt !== undefined) set.received_at = new Date(input.receivedAt);
    if (input.caseType !== undefined) set.case_type = input.caseType;
    if (input.risk !== undefined) set.risk = input.risk;
    if (input.authority !== undefined) set.authority = input.authority;
    if (input.summary !== undefined) set.summary_enc = ctx.keys.encrypt(input.summary);
    if (!(await updateCaseRow(trx, c.id, input.version, set, now))) throw new AppError('VERSION_CONFLICT');
    const changed = Object.keys(set).filter((k) => k !== 'summary_enc');
    await addCaseEvent(trx, id, ctx.actor.userId, 'case.updated', now, {
      fields: [...changed, ...('summary_enc' in set ? ['summary'] : [])],
      ...(input.risk !== undefined && input.risk !== c.risk
        ? { risk: { from: c.risk, to: input.risk } }
        : {}),
    });
    await audit(ctx, trx, { action: 'case.update', entity: 'case', entityId: id, outcome: 'ok' });
  });
  return getCase(ctx, id, ctx.conn.db, { afterWrite: true });
}
