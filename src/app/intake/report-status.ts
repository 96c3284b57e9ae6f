/**
 * The reporter's status page: with the follow-up code and the secret, the state of the report in
 * plain words, the messages officers left for the reporter, and a way to answer them or add
 * information. Nothing else is revealed. Attempts are limited per address and per code (from
 * anywhere), counted before the secret is checked, so guesses sent at the same time are counted too.
 */
import { randomUUID } from 'node:crypto';
import {
  addIntakeEvent,
  findIntakeByCode,
  insertIntakeMessage,
  markSeenByReporter,
  reporterThread,
} from '../../db/intake.repository.ts';
import { activeUsersInJurisdiction } from '../../db/notification.repository.ts';
import { AppError } from '../../domain/errors.ts';
import {
  INBOX_ROLES,
  type IntakeStatus,
  normaliseCode,
  type PublicStatus,
  publicStatus,
  RATE_LIMITS,
} from '../../domain/intake.ts';
import { type IndonesianZone, zoneOfRegion } from '../../domain/time.ts';
import { audit, type Ctx, type Tx } from '../context.ts';
import { notify } from '../notifications/notify.ts';
import { countHit, sameHash, secretHash } from './shared.ts';

export type ReporterMessage = { from: 'petugas' | 'pelapor'; at: string; body: string };
export type ReportStatus = {
  code: string;
  status: PublicStatus;
  receivedAt: string;
  /** the time zone of the inbox the report is in: dates are shown in it */
  zone: IndonesianZone;
  messages: ReporterMessage[];
  /** officers' messages the reporter had not been shown before this view */
  unseen: number;
};

async function load(ctx: Ctx, typedCode: string, secret: string) {
  const now = ctx.clock();
  const db = ctx.conn.db;
  if (ctx.meta.ip) {
    const n = await countHit(
      db,
      `status:${ctx.keys.blindIndex('intake-source', ctx.meta.ip)}`,
      now,
      10 * 60_000,
    );
    if (n > RATE_LIMITS.statusPer10Min) throw new AppError('RATE_LIMITED');
  }
  const code = normaliseCode(typedCode);
  if (code) {
    // every attempt on a code counts, wherever it comes from: a secret cannot be guessed by
    // spreading the guesses over many addresses
    const n = await countHit(db, `status-code:${code}`, now, 3600_000);
    if (n > RATE_LIMITS.statusPerCodePerHour) {
      await audit(ctx, db, { action: 'intake.status', entity: 'intake', entityId: null, outcome: 'denied' });
      throw new AppError('RATE_LIMITED');
    }
  }
  const row = code ? await findIntakeByCode(db, code) : undefined;
  if (!row || !sameHash(row.secret_hash, secretHash(ctx.keys, row.code, secret))) {
    await audit(ctx, db, {
      action: 'intake.status',
      entity: 'intake',
      entityId: row?.id ?? null,
      outcome: 'failed',
    });
    throw new AppError('NOT_FOUND', { code: 'invalid_code' });
  }
  return row;
}

type Row = Awaited<ReturnType<typeof load>>;

async function view(ctx: Ctx, trx: Tx, row: Row): Promise<ReportStatus> {
  const now = ctx.clock();
  const thread = await reporterThread(trx, row.id);
  const fresh = thread.filter((m) => m.author === 'ke_pelapor' && !m.seen_at).map((m) => m.id);
  const unseen = fresh.length;
  await markSeenByReporter(trx, row.id, fresh, now);
  return {
    code: row.code,
    status: publicStatus(row.status as IntakeStatus, row.case_stage),
    receivedAt: new Date(row.received_at).toISOString(),
    zone: zoneOfRegion(row.jurisdiction),
    messages: thread.map((m) => ({
      from: m.author === 'ke_pelapor' ? 'petugas' : 'pelapor',
      at: new Date(m.at).toISOString(),
      body: ctx.keys.decrypt(m.body_enc),
    })),
    unseen,
  };
}

export async function getReportStatus(ctx: Ctx, code: string, secret: string): Promise<ReportStatus> {
  const row = await load(ctx, code, secret);
  return ctx.conn.db.transaction().execute(async (trx) => {
    const v = await view(ctx, trx, row);
    await audit(ctx, trx, {
      action: 'intake.status',
      entity: 'intake',
      entityId: row.id,
      outcome: 'ok',
      detail: { messages: v.messages.length, unseen: v.unseen },
    });
    return v;
  });
}

/** The reporter writes to the officers: an answer to their message, or more information. */
export async function addReporterInformation(
  ctx: Ctx,
  code: string,
  secret: string,
  body: string,
): Promise<ReportStatus> {
  const row = await load(ctx, code, secret);
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute(async (trx) => {
    await insertIntakeMessage(trx, {
      id: randomUUID(),
      intakeId: row.id,
      at: now,
      author: 'pelapor',
      authorId: null,
      bodyEnc: ctx.keys.encrypt(body),
    });
    await addIntakeEvent(trx, row.id, null, 'intake.reporter_added', now);
    // the officer holding the item is told; with nobody (active) holding it, everyone who reads
    // the inbox — intake officers and case managers
    const readers = await activeUsersInJurisdiction(trx, row.jurisdiction, INBOX_ROLES);
    const to = row.assigned_to && readers.includes(row.assigned_to) ? [row.assigned_to] : readers;
    await notify(trx, to, { kind: 'pesan_pelapor', link: `/pengaduan/${row.id}`, ref: row.code }, now);
    await audit(ctx, trx, {
      action: 'intake.reporter_added',
      entity: 'intake',
      entityId: row.id,
      outcome: 'ok',
    });
    return view(ctx, trx, row);
  });
}
