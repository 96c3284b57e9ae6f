/**
 * A report from the public form (/lapor). Nothing real is lost: a flood from one address or a
 * filled honeypot still stores the report, marked as suspected spam, and the sender is slowed
 * down. A flood into one inbox (many senders) marks no report: the inbox shows it as one banner
 * (`inboxFlood`), and a report that someone is in danger now is never marked for its sender's
 * count, so it tells the inbox at once. The same submission token twice creates one report.
 *
 * The report lands in an inbox somebody reads (routeReport): the kab/kota's, else the
 * province's; where neither exists the report is refused with a reason the form shows, never
 * acknowledged into nowhere. The answer is a one-time receipt (code and secret shown once, see
 * migration 0005): its token is derived from the submission token, so a second identical
 * submission leads to the same receipt, shown only if the first answer never was.
 */
import { randomUUID } from 'node:crypto';
import {
  codeExists,
  findIntakeByToken,
  insertPublicReport,
  lockReceipt,
  publicReportContext,
  rearmReceipt,
  setSecretHash,
} from '../../db/intake.repository.ts';
import { activeUsersInJurisdiction } from '../../db/notification.repository.ts';
import { AppError } from '../../domain/errors.ts';
import {
  INBOX_ROLES,
  RATE_LIMITS,
  RECEIPT_REISSUE_MS,
  RECEIPT_TTL_MS,
  routeReport,
} from '../../domain/intake.ts';
import type { PublicReportInput } from '../../domain/intake-schemas.ts';
import { audit, auditRows, type Ctx, type Tx } from '../context.ts';
import type { Keyring } from '../crypto.ts';
import { notify } from '../notifications/notify.ts';
import { countHit, drawFollowUpCode, newSecret, secretHash, windowStart } from './shared.ts';

export type SubmitResult = {
  /** the token of the one-time page that shows the code and the secret */
  receipt: string;
  duplicate: boolean;
  slowDownMs: number;
};

/** The receipt page's token for a submission, and the keyed hash stored for it. */
export function receiptToken(keys: Keyring, submissionToken: string): string {
  return keys.blindIndex('intake-receipt', submissionToken);
}
export function receiptHash(keys: Keyring, token: string): string {
  return keys.blindIndex('intake-receipt-row', token);
}

export async function submitPublicReport(ctx: Ctx, input: PublicReportInput): Promise<SubmitResult> {
  const db = ctx.conn.db;
  const now = ctx.clock();
  const receipt = receiptToken(ctx.keys, input.submissionToken);
  const known = await publicReportContext(db, input.submissionToken, input.regionCode ?? null, INBOX_ROLES);
  if (known.prior) return duplicate(ctx, known.prior, receipt);
  if (!input.regionCode) throw new AppError('VALIDATION_FAILED', { regionCode: 'region_required' });
  if (!known.known) throw new AppError('UNKNOWN_REGION', { regionCode: 'unknown_region' });
  const route = routeReport(input.regionCode, known.served);
  if (!route.ok) throw new AppError('VALIDATION_FAILED', { regionCode: route.reason });
  const jurisdiction = route.jurisdiction;

  const source = ctx.meta.ip ? `src:${ctx.keys.blindIndex('intake-source', ctx.meta.ip)}` : null;
  const honeypot = Boolean(input.website && input.website.trim() !== '');
  const k = ctx.keys;

  // one statement writes the report with its receipt, first event, audit row and the limits'
  // counts (insertPublicReport); a report that must tell its inbox at once does so in the same
  // transaction. A follow-up code already taken (about one in a trillion) is drawn again.
  for (let attempt = 1; ; attempt++) {
    const code = drawFollowUpCode();
    const secret = newSecret();
    const id = randomUUID();
    const write = (tx: Tx) =>
      insertPublicReport(tx, {
        intake: {
          id,
          code,
          secret_hash: secretHash(k, code, secret),
          jurisdiction,
          region_code: input.regionCode ?? null,
          channel: 'daring',
          reporter_type: input.reporterType,
          reporter_name_enc: input.reporterType === 'anonim' ? null : k.encrypt(input.reporterName ?? null),
          contact_method: input.contactMethod,
          contact_phone_enc: input.contactMethod === 'tidak' ? null : k.encrypt(input.contactPhone ?? null),
          contact_phone_hash:
            input.contactMethod !== 'tidak' && input.contactPhone ? k.phoneHash(input.contactPhone) : null,
          contact_safe_times_enc: k.encrypt(input.safeTimes ?? null),
          consent_contact: input.consentContact,
          victim_sex: input.victimSex === 'tidak_tahu' ? null : (input.victimSex ?? null),
          victim_age_group: input.victimAgeGroup ?? null,
          forms: input.forms,
          description_enc: k.encrypt(input.description ?? null),
          place_enc: k.encrypt(input.placeText ?? null),
          occurred_on: input.occurredOn ?? null,
          occurred_when: input.occurredWhen ?? null,
          danger_now: input.dangerNow,
          victim_name_tokens: [],
          status: 'baru',
          received_at: now,
          submission_token: input.submissionToken,
          source_key: source,
          created_at: now,
          updated_at: now,
        },
        receipt: {
          token_hash: receiptHash(k, receipt),
          secret_enc: k.encrypt(secret),
          danger_now: input.dangerNow,
          contact: input.contactMethod !== 'tidak',
          expires_at: new Date(now.getTime() + RECEIPT_TTL_MS),
        },
        eventData: { channel: 'daring', ...(route.via === 'provinsi' ? { routedTo: 'provinsi' } : {}) },
        audit: auditRows(ctx, {
          action: 'intake.submit',
          entity: 'intake',
          entityId: id,
          outcome: 'ok',
          detail: { channel: 'daring' },
        })[0]!,
        limits: {
          sourceKey: source,
          sourceWindow: windowStart(now, 10 * 60_000),
          perSource: RATE_LIMITS.perSourcePer10Min,
          regionSince: new Date(now.getTime() - 3600_000),
          perRegion: RATE_LIMITS.perRegionPerHour,
          honeypot,
          dangerNow: input.dangerNow,
        },
      });
    try {
      const r = input.dangerNow
        ? await db.transaction().execute(async (trx) => {
            const w = await write(trx);
            // someone in danger now: everyone who reads this inbox is told at once (in-app and e-mail),
            // floods or not; one sender can do that a few times in 10 minutes, not endlessly
            if (!w.suspected) {
              const paged = source ? await countHit(trx, `dgr:${source}`, now, 10 * 60_000) : 1;
              if (paged <= RATE_LIMITS.dangerNoticesPerSourcePer10Min)
                await notify(
                  trx,
                  await activeUsersInJurisdiction(trx, jurisdiction, INBOX_ROLES),
                  { kind: 'laporan_darurat', link: `/pengaduan/${id}`, ref: code },
                  now,
                );
            }
            return w;
          })
        : await write(db);
      // a flood slows its sender (growing delay), it never drops a report
      const over = r.perSource - RATE_LIMITS.perSourcePer10Min;
      return { receipt, duplicate: false, slowDownMs: over > 0 ? Math.min(500 * over, 5000) : 0 };
    } catch (e) {
      // two identical submissions at the same moment: the unique token keeps one
      const again = await findIntakeByToken(db, input.submissionToken);
      if (again) return duplicate(ctx, again, receipt);
      if (attempt < 3 && (await codeExists(db, code))) continue;
      throw e;
    }
  }
}

/**
 * The same form sent again (a double tap). If its receipt is still unseen, the second answer leads
 * to it. If it was shown moments ago (RECEIPT_REISSUE_MS) — to a page the browser then threw away
 * for the second answer, on a slow network — the report gets a new secret, shown on the receipt
 * once more; the first, never seen, stops working. Later than that, nothing is shown again. Every
 * render of the form carries a new submission token, so only a double tap of the same rendered
 * form can reach this: a form resubmitted from history is a new report.
 */
async function duplicate(
  ctx: Ctx,
  prior: { id: string; code: string },
  receipt: string,
): Promise<SubmitResult> {
  const now = ctx.clock();
  const tokenHash = receiptHash(ctx.keys, receipt);
  await ctx.conn.db.transaction().execute(async (trx) => {
    const r = await lockReceipt(trx, tokenHash);
    if (!r || r.secret_enc || !r.viewed_at) return;
    if (now.getTime() - new Date(r.viewed_at).getTime() > RECEIPT_REISSUE_MS) return;
    const secret = newSecret();
    await setSecretHash(trx, prior.id, secretHash(ctx.keys, prior.code, secret));
    await rearmReceipt(trx, tokenHash, ctx.keys.encrypt(secret), new Date(now.getTime() + RECEIPT_TTL_MS));
    await audit(ctx, trx, {
      action: 'intake.receipt_reissued',
      entity: 'intake',
      entityId: prior.id,
      outcome: 'ok',
    });
  });
  return { receipt, duplicate: true, slowDownMs: 0 };
}
