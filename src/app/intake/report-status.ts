/**
 * The reporter's status page: with the follow-up code and the secret, the state of the report in
 * plain words, and a way to add information. Nothing else is revealed. Attempts are rate-limited
 * per address so codes cannot be guessed.
 */
import { randomUUID } from 'node:crypto';
import { addIntakeEvent, findIntakeByCode, insertIntakeMessage } from '../../db/intake.repository.ts';
import { AppError } from '../../domain/errors.ts';
import {
  type IntakeStatus,
  normaliseCode,
  type PublicStatus,
  publicStatus,
  RATE_LIMITS,
} from '../../domain/intake.ts';
import { audit, type Ctx } from '../context.ts';
import { countHit, sameHash, secretHash } from './shared.ts';

export type ReportStatus = { code: string; status: PublicStatus; receivedAt: string };

async function load(ctx: Ctx, typedCode: string, secret: string) {
  const now = ctx.clock();
  if (ctx.meta.ip) {
    const n = await countHit(
      ctx.conn.db,
      `status:${ctx.keys.blindIndex('intake-source', ctx.meta.ip)}`,
      now,
      10 * 60_000,
    );
    if (n > RATE_LIMITS.statusPer10Min) throw new AppError('RATE_LIMITED');
  }
  const code = normaliseCode(typedCode);
  const row = code ? await findIntakeByCode(ctx.conn.db, code) : undefined;
  if (!row || !sameHash(row.secret_hash, secretHash(ctx.keys, row.code, secret))) {
    await audit(ctx, ctx.conn.db, {
      action: 'intake.status',
      entity: 'intake',
      entityId: row?.id ?? null,
      outcome: 'failed',
    });
    throw new AppError('NOT_FOUND', { code: 'invalid_code' });
  }
  return row;
}

export async function getReportStatus(ctx: Ctx, code: string, secret: string): Promise<ReportStatus> {
  const row = await load(ctx, code, secret);
  await audit(ctx, ctx.conn.db, {
    action: 'intake.status',
    entity: 'intake',
    entityId: row.id,
    outcome: 'ok',
  });
  return {
    code: row.code,
    status: publicStatus(row.status as IntakeStatus, row.case_stage),
    receivedAt: new Date(row.received_at).toISOString(),
  };
}

export async function addReporterInformation(
  ctx: Ctx,
  code: string,
  secret: string,
  body: string,
): Promise<ReportStatus> {
  const row = await load(ctx, code, secret);
  const now = ctx.clock();
  await ctx.conn.db.transaction().execute(async (trx) => {
    await insertIntakeMessage(trx, {
      id: randomUUID(),
      intakeId: row.id,
      at: now,
      author: 'pelapor',
      authorId: null,
      bodyEnc: ctx.keys.encrypt(body),
    });
    await addIntakeEvent(trx, row.id, null, 'intake.reporter_added', now);
    await audit(ctx, trx, {
      action: 'intake.reporter_added',
      entity: 'intake',
      entityId: row.id,
      outcome: 'ok',
    });
  });
  return {
    code: row.code,
    status: publicStatus(row.status as IntakeStatus, row.case_stage),
    receivedAt: new Date(row.received_at).toISOString(),
  };
}
