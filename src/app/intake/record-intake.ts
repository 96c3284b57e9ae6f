/**
 * An officer records a hotline call, walk-in, letter, e-mail, outreach finding or incoming
 * referral: the same facts as the public form plus what an officer learns (names, NIK, phone,
 * call type), optionally linked to an existing case.
 */
import { randomUUID } from 'node:crypto';
import { getScopedCase } from '../../db/case.repository.ts';
import { addIntakeEvent, insertIntake } from '../../db/intake.repository.ts';
import { getRegion } from '../../db/region.repository.ts';
import { AppError } from '../../domain/errors.ts';
import type { StaffIntakeInput } from '../../domain/intake-schemas.ts';
import { caseScope, intakeScope } from '../../domain/policy.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { getIntake, loadIntake } from './get-intake.ts';
import { newFollowUpCode } from './shared.ts';

const CLOSING_CALL_TYPES = ['spam', 'salah_sambung', 'informasi', 'konseling'];

export async function recordIntake(ctx: AuthedCtx, input: StaffIntakeInput, key?: IdempotencyKey) {
  const jurisdiction = intakeScope(ctx.actor);
  if (jurisdiction === null) throw new AppError('FORBIDDEN');
  const db = ctx.conn.db;
  const now = ctx.clock();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 5 * 60_000)
    throw new AppError('VALIDATION_FAILED', { receivedAt: 'date_in_future' });
  // a report about another region is recorded here and then forwarded from the inbox
  if (input.regionCode && !(await getRegion(db, input.regionCode)))
    throw new AppError('UNKNOWN_REGION', { regionCode: 'unknown_region' });
  if (input.caseId && !(await getScopedCase(db, caseScope(ctx.actor), input.caseId)))
    throw new AppError('VALIDATION_FAILED', { caseId: 'not_found' });
  const k = ctx.keys;
  const id = randomUUID();
  const code = await newFollowUpCode(db);
  const closes = input.callType ? CLOSING_CALL_TYPES.includes(input.callType) : false;
  const status = input.caseId ? 'digabung' : closes ? 'ditutup' : 'baru';
  return db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        // the answer is the item as its inbox shows it: the replay needs it still in the actor's inbox
        check: async (item) => void (await loadIntake(ctx, item.id, 'intake.create', trx)),
        audit: (item) => ({ action: 'intake.create', entity: 'intake', entityId: item.id }),
      },
      async () => {
        await insertIntake(trx, {
          id,
          code,
          secret_hash: null,
          jurisdiction,
          region_code: input.regionCode ?? null,
          channel: input.channel,
          call_type: input.callType ?? null,
          reporter_type: input.reporterType,
          reporter_name_enc: k.encrypt(input.reporterName ?? null),
          reporter_relation: input.reporterRelation ?? null,
          contact_method: input.contactMethod,
          contact_phone_enc: k.encrypt(input.contactPhone ?? null),
          contact_phone_hash: input.contactPhone ? k.phoneHash(input.contactPhone) : null,
          contact_safe_times_enc: k.encrypt(input.safeTimes ?? null),
          consent_contact: input.consentContact,
          victim_name_enc: k.encrypt(input.victimName ?? null),
          victim_name_tokens: input.victimName ? k.nameTokens(input.victimName) : [],
          victim_nik_enc: k.encrypt(input.victimNik ?? null),
          victim_nik_hash: input.victimNik ? k.nikHash(input.victimNik) : null,
          victim_phone_enc: k.encrypt(input.victimPhone ?? null),
          victim_phone_hash: input.victimPhone ? k.phoneHash(input.victimPhone) : null,
          victim_birth_date: input.victimBirthDate ?? null,
          victim_sex: input.victimSex === 'tidak_tahu' ? null : (input.victimSex ?? null),
          victim_age_group: input.victimAgeGroup ?? null,
          forms: input.forms,
          description_enc: k.encrypt(input.description ?? null),
          place_enc: k.encrypt(input.placeText ?? null),
          occurred_on: input.occurredOn ?? null,
          occurred_when: input.occurredWhen ?? null,
          danger_now: input.dangerNow,
          risk: input.risk ?? null,
          status,
          suspected_spam: input.callType === 'spam',
          case_id: input.caseId ?? null,
          closed_reason: closes && !input.caseId ? input.callType : null,
          received_at: receivedAt,
          received_by: ctx.actor.userId,
          created_at: now,
          updated_at: now,
        });
        await addIntakeEvent(trx, id, ctx.actor.userId, 'intake.recorded', now, {
          channel: input.channel,
          callType: input.callType ?? null,
          caseId: input.caseId ?? null,
        });
        await audit(ctx, trx, {
          action: 'intake.create',
          entity: 'intake',
          entityId: id,
          outcome: 'ok',
          detail: { channel: input.channel },
        });
        return getIntake(ctx, id, trx);
      },
    ),
  );
}
