/**
 * The case part of a case conference: per case, the discussion with names and facts, encrypted.
 * Only someone who may read that case (the case scope and read rule, as opening it) sees its
 * part, and each read is audited on the case (it shows in the case's access log). The rest of the
 * meeting is written without names.
 */
import { casePartsOf, putCasePart } from '../../db/meeting.repository.ts';
import type { CasePartsDto } from '../../domain/contract/meetings.ts';
import { AppError } from '../../domain/errors.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { loadMeeting, requireManage } from './access.ts';
import { mayReadCase } from './get-meeting.ts';

async function readableParts(ctx: AuthedCtx, trx: Tx, meetingId: string): Promise<CasePartsDto> {
  const rows = await casePartsOf(trx, meetingId);
  const items: CasePartsDto['items'] = [];
  let hidden = 0;
  for (const r of rows) {
    const number = await mayReadCase(ctx, trx, r.case_id);
    if (number === null) {
      hidden++;
      continue;
    }
    items.push({
      caseId: r.case_id,
      caseNumber: number,
      discussion: ctx.keys.decrypt(r.discussion_enc),
      version: r.version,
      updatedAt: new Date(r.updated_at).toISOString(),
    });
    await audit(ctx, trx, {
      action: 'meeting.case_part_read',
      entity: 'case',
      entityId: r.case_id,
      outcome: 'ok',
      detail: { caseId: r.case_id, meetingId },
    });
  }
  return { items, hidden };
}

export function readCaseParts(ctx: AuthedCtx, meetingId: string): Promise<CasePartsDto> {
  return ctx.conn.db.transaction().execute(async (trx) => {
    await loadMeeting(ctx, trx, meetingId, 'meeting.case_part_read');
    return readableParts(ctx, trx, meetingId);
  });
}

export function writeCasePart(
  ctx: AuthedCtx,
  meetingId: string,
  caseId: string,
  input: { discussion: string; version?: number | undefined },
): Promise<CasePartsDto> {
  return ctx.conn.db.transaction().execute(async (trx) => {
    const m = await loadMeeting(ctx, trx, meetingId, 'meeting.case_part_write');
    requireManage(ctx, m, 'meeting.case_part_write');
    if (m.kind !== 'case_conference')
      throw new AppError('VALIDATION_FAILED', { caseId: 'not_case_conference' });
    // the organiser must be able to read the case: otherwise it is as if it did not exist
    if ((await mayReadCase(ctx, trx, caseId)) === null)
      throw new AppError('NOT_FOUND', undefined, {
        action: 'meeting.case_part_write',
        entity: 'case',
        entityId: caseId,
        outcome: 'not_found',
      });
    const now = ctx.clock();
    const ok = await putCasePart(
      trx,
      {
        meeting_id: meetingId,
        case_id: caseId,
        discussion_enc: ctx.keys.encrypt(input.discussion),
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
      },
      input.version,
      now,
    );
    if (!ok) throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, {
      action: 'meeting.case_part_write',
      entity: 'case',
      entityId: caseId,
      outcome: 'ok',
      detail: { caseId, meetingId },
    });
    return readableParts(ctx, trx, meetingId);
  });
}
