/**
 * Assessment, intervention-plan items, services delivered, victim-rights entries and notes:
 * typed by src/domain/schemas.ts RECORD_KINDS; free text is stored encrypted.
 */
import { randomUUID } from 'node:crypto';
import { getOrganisation } from '../../db/admin.repository.ts';
import { addCaseEvent, updateVersioned } from '../../db/case.repository.ts';
import { caseHasAmpkCategory } from '../../db/incident.repository.ts';
import { findPersonRole } from '../../db/person.repository.ts';
import { findRecord, findRecordById, insertRecord } from '../../db/record.repository.ts';
import { AppError } from '../../domain/errors.ts';
import type { RecordKind } from '../../domain/schemas.ts';
import { ABH_CATEGORY } from '../../domain/taxonomies.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { loadForWrite, replayOnCase } from './access.ts';
import { recordDto, splitRecord } from './mappers.ts';

/**
 * A diversion (UU 11/2012 SPPA) is recorded only on a case of a child in contact with the law:
 * one of its incidents carries the AMPK category ABH (decision 036).
 */
async function checkKind(db: Tx, caseId: string, kind: RecordKind) {
  if (kind === 'diversion' && !(await caseHasAmpkCategory(db, caseId, ABH_CATEGORY)))
    throw new AppError('VALIDATION_FAILED', { ampkCategories: 'not_abh_case' });
}

async function checkRefs(db: Tx, caseId: string, data: Record<string, unknown>) {
  if (typeof data.victimId === 'string') {
    const v = await findPersonRole(db, caseId, data.victimId);
    if (v?.role !== 'korban') throw new AppError('VALIDATION_FAILED', { victimId: 'not_a_victim' });
  }
  for (const f of ['responsibleOrgId', 'providerOrgId'] as const) {
    if (typeof data[f] === 'string') {
      const o = await getOrganisation(db, data[f] as string);
      if (!o) throw new AppError('VALIDATION_FAILED', { [f]: 'unknown_organisation' });
    }
  }
}

export async function addRecord(
  ctx: AuthedCtx,
  caseId: string,
  kind: RecordKind,
  data: Record<string, unknown>,
  key?: IdempotencyKey,
) {
  const now = ctx.clock();
  const id = randomUUID();
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(ctx, trx, key, replayOnCase(ctx, trx, caseId, `${kind}.create`, 'case_record'), async () => {
      await loadForWrite(ctx, trx, caseId, 'update', `${kind}.create`);
      await checkKind(trx, caseId, kind);
      await checkRefs(trx, caseId, data);
      const { plain, secretEnc } = splitRecord(ctx.keys, kind, data);
      const row = await insertRecord(trx, {
        id,
        case_id: caseId,
        kind,
        data: JSON.stringify(plain),
        secret_enc: secretEnc,
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
      });
      await addCaseEvent(trx, caseId, ctx.actor.userId, `${kind}.added`, now, {
        recordId: id,
        ...(kind === 'service' || kind === 'plan_item' ? { service: plain.service } : {}),
      });
      await audit(ctx, trx, {
        action: `${kind}.create`,
        entity: 'case_record',
        entityId: id,
        outcome: 'ok',
        detail: { caseId, kind },
      });
      return recordDto(ctx.keys, row);
    }),
  );
}

export async function updateRecord(
  ctx: AuthedCtx,
  caseId: string,
  kind: RecordKind,
  recordId: string,
  version: number,
  data: Record<string, unknown>,
) {
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute(async (trx) => {
    await loadForWrite(ctx, trx, caseId, 'update', `${kind}.update`);
    const existing = await findRecord(trx, caseId, kind, recordId);
    if (!existing) throw new AppError('NOT_FOUND');
    const merged = { ...recordDto(ctx.keys, existing).data, ...data };
    await checkRefs(trx, caseId, data);
    const { plain, secretEnc } = splitRecord(ctx.keys, kind, merged);
    const r = await updateVersioned(
      trx,
      'case_record',
      recordId,
      caseId,
      version,
      { data: JSON.stringify(plain), secret_enc: secretEnc },
      now,
    );
    if (r === 'missing') throw new AppError('NOT_FOUND');
    if (r === 'conflict') throw new AppError('VERSION_CONFLICT');
    await addCaseEvent(trx, caseId, ctx.actor.userId, `${kind}.updated`, now, { recordId });
    await audit(ctx, trx, {
      action: `${kind}.update`,
      entity: 'case_record',
      entityId: recordId,
      outcome: 'ok',
      detail: { caseId, kind },
    });
    const row = await findRecordById(trx, recordId);
    return recordDto(ctx.keys, row);
  });
}
