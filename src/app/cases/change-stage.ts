/** Move a case to another stage under the state machine of src/domain/stages.ts. */

import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import { addCaseEvent, findCaseCounts, updateCaseRow } from '../../db/case.repository.ts';
import { insertRecord } from '../../db/record.repository.ts';
import type { CaseFileTable } from '../../db/schema.ts';
import { AppError, type ErrorCode } from '../../domain/errors.ts';
import { checkTransition, type Stage } from '../../domain/stages.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { cancelReferralsOfClosedCase } from '../referrals/close-with-case.ts';
import { loadVisibleCase, requireOnCase } from './access.ts';
import { getCase } from './get-case.ts';

export async function changeStage(
  ctx: AuthedCtx,
  id: string,
  input: {
    version: number;
    to: Stage;
    reason?: string | null | undefined;
    closureReason?: string | null | undefined;
  },
) {
  const now = ctx.clock();
  await ctx.conn.db.transaction().execute(async (trx) => {
    const c = await loadVisibleCase(ctx, trx, id, 'case.transition');
    requireOnCase(ctx, c, 'transition', 'case.transition', input.to);
    if (c.version !== input.version) throw new AppError('VERSION_CONFLICT');
    const counts = await findCaseCounts(trx, id);
    const problem = checkTransition(
      {
        stage: c.stage as Stage,
        caseType: c.case_type,
        risk: c.risk,
        authority: c.authority,
        victimCount: Number(counts.victims),
        hasAssessment: Number(counts.assessments) > 0,
        agreedPlanItems: Number(counts.agreed),
      },
      input,
    );
    if (problem) throw new AppError(problem as ErrorCode);
    const set: Updateable<CaseFileTable> = { stage: input.to };
    if (input.to === 'terminasi') {
      set.closure_reason = input.closureReason;
      set.closed_at = now;
    } else if (c.stage === 'terminasi') {
      set.closure_reason = null;
      set.closed_at = null;
      set.reopen_count = c.reopen_count + 1;
    }
    if (input.to === 'asesmen' && !c.assessment_started_at) set.assessment_started_at = now;
    if (!(await updateCaseRow(trx, id, input.version, set, now))) throw new AppError('VERSION_CONFLICT');
    await addCaseEvent(
      trx,
      id,
      ctx.actor.userId,
      c.stage === 'terminasi' ? 'case.reopened' : 'case.stage_changed',
      now,
      {
        from: c.stage,
        to: input.to,
        ...(input.closureReason ? { closureReason: input.closureReason } : {}),
      },
    );
    if (input.to === 'terminasi') await cancelReferralsOfClosedCase(ctx, trx, id, now);
    if (input.reason) {
      // the reason may name people: it is kept as an encrypted note, the timeline only points to it
      await insertRecord(trx, {
        id: randomUUID(),
        case_id: id,
        kind: 'note',
        data: JSON.stringify({ context: `stage:${c.stage}->${input.to}` }),
        secret_enc: ctx.keys.encrypt(JSON.stringify({ body: input.reason })),
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
      });
    }
    await audit(ctx, trx, {
      action: 'case.transition',
      entity: 'case',
      entityId: id,
      outcome: 'ok',
      detail: { from: c.stage, to: input.to },
    });
  });
  return getCase(ctx, id, ctx.conn.db, { afterWrite: true });
}
