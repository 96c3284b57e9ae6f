/**
 * The reporter's status page: with the follow-up code and the secret, the state of the report in
 * plain words, the messages officers left for the reporter, and a way to answer them or add
 * information. Nothing else is revealed.
 *
 * Post/Redirect/Get with one-time passes (decision 015): checking the code and secret answers with
 * a redirect to a view that opens once (`lihat`); the view carries a pass to answer (`balas`), not
 * the secret; an answer redirects to a new view. No POST carrying the code, the secret or an answer
 * stays in the browser's history, so Back, a reload or "resubmit" show nothing and send nothing twice.
 *
 * Guesses are limited per address and per code (from anywhere), counted before the secret is checked
 * so guesses sent at the same time are counted too; a check that turns out right is given back, so a
 * reporter using the page is never locked out by her own visits.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  addIntakeEvent,
  findIntakeByCode,
  findIntakeForStatus,
  insertIntakeMessage,
  insertPass,
  lockPass,
  markPassUsed,
  markSeenByReporter,
  refundRateLimit,
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
  STATUS_ANSWER_REPEAT_MS,
  STATUS_ANSWER_TTL_MS,
  STATUS_VIEW_TTL_MS,
} from '../../domain/intake.ts';
import { type IndonesianZone, zoneOfRegion } from '../../domain/time.ts';
import { recordRejection } from '../audit/record-rejection.ts';
import { audit, type Ctx, type Tx } from '../context.ts';
import { notify } from '../notifications/notify.ts';
import { countHit, sameHash, secretHash, windowStart } from './shared.ts';

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
export type StatusView = ReportStatus & {
  /** the pass the answer form carries (instead of the secret) */
  answerPass: string;
  added: boolean;
  /** a problem with the answer just sent (a field code), shown next to the form */
  problem: string | null;
};

const ADDRESS_WINDOW = 10 * 60_000;
const CODE_WINDOW = 3600_000;

const passHash = (ctx: Ctx, token: string) => ctx.keys.blindIndex('intake-pass', token);
const validToken = (t: string) => /^[A-Za-z0-9_-]{16,64}$/.test(t);

async function newPass(
  ctx: Ctx,
  trx: Tx,
  intakeId: string,
  kind: 'lihat' | 'balas',
  o: { ttl: number; added?: boolean; problem?: string | null },
): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await insertPass(trx, {
    token_hash: passHash(ctx, token),
    intake_id: intakeId,
    kind,
    added: o.added ?? false,
    problem: o.problem ?? null,
    expires_at: new Date(ctx.clock().getTime() + o.ttl),
  });
  return token;
}

/**
 * Checks the code and the secret; returns the pass of a one-time view of the report. Wrong or
 * unknown: NOT_FOUND (the same for both); too many attempts: RATE_LIMITED.
 */
export async function checkReport(ctx: Ctx, typedCode: string, secret: string): Promise<{ view: string }> {
  const now = ctx.clock();
  const db = ctx.conn.db;
  const addressKey = ctx.meta.ip ? `status:${ctx.keys.blindIndex('intake-source', ctx.meta.ip)}` : null;
  if (addressKey) {
    const n = await countHit(db, addressKey, now, ADDRESS_WINDOW);
    if (n > RATE_LIMITS.statusPer10Min) throw new AppError('RATE_LIMITED');
  }
  const code = normaliseCode(typedCode);
  // every attempt on a code counts, wherever it comes from: a secret cannot be guessed by
  // spreading the guesses over many addresses
  const codeKey = code ? `status-code:${code}` : null;
  if (codeKey) {
    const n = await countHit(db, codeKey, now, CODE_WINDOW);
    if (n > RATE_LIMITS.statusPerCodePerHour) {
      // counted per source and minute, not one audit row per refused attempt (issue 9 §9)
      recordRejection(ctx, { action: 'intake.status', entity: 'intake', reason: 'code_rate_limited' });
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
  return db.transaction().execute(async (trx) => {
    // the right code and secret: not a guess, so the attempt is given back
    if (addressKey) await refundRateLimit(trx, addressKey, windowStart(now, ADDRESS_WINDOW));
    if (codeKey) await refundRateLimit(trx, codeKey, windowStart(now, CODE_WINDOW));
    await audit(ctx, trx, { action: 'intake.status', entity: 'intake', entityId: row.id, outcome: 'ok' });
    return { view: await newPass(ctx, trx, row.id, 'lihat', { ttl: STATUS_VIEW_TTL_MS }) };
  });
}

/** Opens a one-time view (once); null when the pass is spent, expired or unknown. */
export async function openStatusView(ctx: Ctx, token: string): Promise<StatusView | null> {
  if (!validToken(token)) return null;
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute(async (trx) => {
    const pass = await lockPass(trx, passHash(ctx, token), 'lihat', now);
    if (!pass || pass.used_at) return null;
    await markPassUsed(trx, pass.token_hash, now);
    const row = await findIntakeForStatus(trx, pass.intake_id);
    const thread = await reporterThread(trx, row.id);
    const fresh = thread.filter((m) => m.author === 'ke_pelapor' && !m.seen_at).map((m) => m.id);
    await markSeenByReporter(trx, row.id, fresh, now);
    await audit(ctx, trx, {
      action: 'intake.status_view',
      entity: 'intake',
      entityId: row.id,
      outcome: 'ok',
      detail: { messages: thread.length, unseen: fresh.length },
    });
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
      unseen: fresh.length,
      answerPass: await newPass(ctx, trx, row.id, 'balas', { ttl: STATUS_ANSWER_TTL_MS }),
      added: pass.added,
      problem: pass.problem,
    };
  });
}

/**
 * The reporter answers (or adds information) with the pass of the view she was shown. A body that
 * is not valid comes back as a new view with the problem; a second tap right after the first stores
 * nothing twice. Returns the pass of the next view, or null when the answer pass is spent or unknown.
 */
export async function answerReport(
  ctx: Ctx,
  token: string,
  answer: { body: string } | { problem: string },
): Promise<{ view: string } | null> {
  if (!validToken(token)) return null;
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute(async (trx) => {
    const pass = await lockPass(trx, passHash(ctx, token), 'balas', now);
    if (!pass) return null;
    if ('problem' in answer)
      return {
        view: await newPass(ctx, trx, pass.intake_id, 'lihat', {
          ttl: STATUS_VIEW_TTL_MS,
          problem: answer.problem,
        }),
      };
    if (pass.used_at) {
      // a double tap: the first already stored the answer; show the page again, store nothing
      if (now.getTime() - new Date(pass.used_at).getTime() > STATUS_ANSWER_REPEAT_MS) return null;
      return {
        view: await newPass(ctx, trx, pass.intake_id, 'lihat', { ttl: STATUS_VIEW_TTL_MS, added: true }),
      };
    }
    await markPassUsed(trx, pass.token_hash, now);
    const row = await findIntakeForStatus(trx, pass.intake_id);
    await insertIntakeMessage(trx, {
      id: randomUUID(),
      intakeId: row.id,
      at: now,
      author: 'pelapor',
      authorId: null,
      bodyEnc: ctx.keys.encrypt(answer.body),
    });
    await addIntakeEvent(trx, row.id, null, 'intake.reporter_added', now);
    // told: the officer holding the item and the case manager once it is a case; with nobody
    // (active) holding it, everyone who reads the inbox — intake officers and case managers
    const readers = await activeUsersInJurisdiction(trx, row.jurisdiction, INBOX_ROLES);
    const holders = [row.assigned_to, row.case_manager_id].filter(
      (x): x is string => x !== null && readers.includes(x),
    );
    await notify(
      trx,
      holders.length > 0 ? holders : readers,
      { kind: 'pesan_pelapor', link: `/pengaduan/${row.id}`, ref: row.code },
      now,
    );
    await audit(ctx, trx, {
      action: 'intake.reporter_added',
      entity: 'intake',
      entityId: row.id,
      outcome: 'ok',
    });
    return { view: await newPass(ctx, trx, row.id, 'lihat', { ttl: STATUS_VIEW_TTL_MS, added: true }) };
  });
}
