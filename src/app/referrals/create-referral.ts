/**
 * Refer one victim of a case to an organisation for one or more services (product.md §3,
 * domain.md §2.3): consent or its legal basis, purpose and urgency, and the sections shared.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { addCaseEvent, findCaseCounts } from '../../db/case.repository.ts';
import { holidayDates } from '../../db/holiday.repository.ts';
import { activeUsersOfOrg } from '../../db/notification.repository.ts';
import { findCasePerson } from '../../db/person.repository.ts';
import { findRecord } from '../../db/record.repository.ts';
import {
  addReferralEvent,
  findRecipientOrg,
  insertReferral,
  lockForRereferral,
  nextReferralSequence,
  rereferralOf,
  slaOverrides,
} from '../../db/referral.repository.ts';
import type { ReferralDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import { isChild } from '../../domain/facts.ts';
import { canRefer } from '../../domain/policy.ts';
import type { ReferralCreate } from '../../domain/referral-schemas.ts';
import {
  canRerefer,
  caseWideSectionsAllowed,
  consentProblem,
  type ReferralStatus,
  referralDeadlines,
  referralNumber,
  referralSla,
  type Section,
  sharesWholeCase,
  type Urgency,
  VERIFICATION_ALPHABET,
} from '../../domain/referrals.ts';
import type { Stage } from '../../domain/stages.ts';
import { localDate, localYear } from '../../domain/time.ts';
import { loadForWrite, requireStillAllowed, type VisibleCase } from '../cases/access.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { notify } from '../notifications/notify.ts';
import { getReferral } from './get-referral.ts';

function verificationCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += VERIFICATION_ALPHABET[randomInt(VERIFICATION_ALPHABET.length)];
  return s;
}

export async function createReferral(
  ctx: AuthedCtx,
  caseId: string,
  input: ReferralCreate,
  key?: IdempotencyKey,
): Promise<ReferralDto> {
  const now = ctx.clock();
  const consent = input.consent;
  if (!consent) throw new AppError('REFERRAL_CONSENT_REQUIRED', { consent: 'required' });
  const id = randomUUID();
  /** the referring officer's right on the case: to refer, and to see a replayed answer */
  const mayRefer = (c: VisibleCase) => {
    const ref = {
      stage: c.stage as Stage,
      jurisdiction: c.jurisdiction,
      managerId: c.manager_id,
      memberIds: c.memberIds,
    };
    if (!canRefer(ctx.actor, ref))
      throw new AppError('FORBIDDEN', undefined, {
        action: 'referral.create',
        entity: 'case',
        entityId: caseId,
        outcome: 'denied',
      });
  };
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async () => mayRefer(await requireStillAllowed(ctx, trx, caseId, 'update', 'referral.create')),
        audit: (r) => ({ action: 'referral.create', entity: 'referral', entityId: r.id, detail: { caseId } }),
      },
      async () => {
        const c = await loadForWrite(ctx, trx, caseId, 'update', 'referral.create');
        mayRefer(c);

        const person = await findCasePerson(trx, caseId, input.personId);
        if (person?.role !== 'korban')
          throw new AppError('REFERRAL_NOT_A_VICTIM', { personId: 'not_a_victim' });

        // a child's consent is given by the parent or guardian (UU 35/2014); an emergency or the
        // police-report duty can stand in for consent only with a note saying why
        const child = isChild(
          { birthDate: person.birth_date, estimatedAge: person.estimated_age, ageGroup: person.age_group },
          localDate(now, person.jurisdiction),
        );

        // "rujuk ulang": the referral it sends again is of this case and victim, declined or cancelled,
        // not sent again before (the row lock makes a second simultaneous attempt wait and see the first)
        if (input.rereferralOf) {
          const old = await lockForRereferral(trx, input.rereferralOf);
          if (old?.case_id !== caseId)
            throw new AppError('VALIDATION_FAILED', { rereferralOf: 'rereferral_not_found' });
          if (old.person_id !== person.id)
            throw new AppError('VALIDATION_FAILED', { personId: 'rereferral_other_victim' });
          if (old.consent_withdrawn_at !== null)
            throw new AppError('REFERRAL_STATE', { rereferralOf: 'rereferral_consent_withdrawn' });
          if (!canRerefer(old.status as ReferralStatus, false))
            throw new AppError('REFERRAL_STATE', { rereferralOf: 'rereferral_not_closed' });
          if (await rereferralOf(trx, old.id)) throw new AppError('REFERRAL_ALREADY_REREFERRED');
        }

        // the plan item it carries out: one of this case, and of this victim when the item names one
        if (input.planItemId) {
          const item = await findRecord(trx, caseId, 'plan_item', input.planItemId);
          if (!item) throw new AppError('VALIDATION_FAILED', { planItemId: 'plan_item_not_in_case' });
          const itemVictim = (item.data as { victimId?: unknown }).victimId;
          if (typeof itemVictim === 'string' && itemVictim !== person.id)
            throw new AppError('VALIDATION_FAILED', { planItemId: 'plan_item_other_victim' });
        }

        const sections = input.sections as Section[];
        const victims = sharesWholeCase(sections) ? Number((await findCaseCounts(trx, caseId)).victims) : 1;
        if (!caseWideSectionsAllowed(sections, victims))
          throw new AppError('VALIDATION_FAILED', { sections: 'multi_victim_sections' });

        const org = await findRecipientOrg(trx, input.toOrgId);
        if (!org) throw new AppError('VALIDATION_FAILED', { toOrgId: 'unknown_organisation' });
        if (!org.active) throw new AppError('ORG_INACTIVE', { toOrgId: 'org_inactive' });
        if (org.id === c.org_id) throw new AppError('VALIDATION_FAILED', { toOrgId: 'not_allowed' });
        const missing = input.services.flatMap((s, i) => (org.services.includes(s) ? [] : [i]));
        if (missing.length > 0)
          throw new AppError(
            'REFERRAL_SERVICE_NOT_OFFERED',
            Object.fromEntries(missing.map((i) => [`services.${i}`, 'not_offered'])),
          );
        // the consent rules (src/domain/referrals.ts), once everything they depend on is known
        const problem = consentProblem(consent, {
          child,
          rereferral: Boolean(input.rereferralOf),
          recipientType: org.type,
          services: input.services,
        });
        if (problem) throw new AppError('REFERRAL_CONSENT_REQUIRED', { [problem.field]: problem.reason });

        const urgency = input.urgency as Urgency;
        const sla = referralSla(urgency, input.services, await slaOverrides(trx, c.jurisdiction));
        const { acceptDue, completeDue } = referralDeadlines(
          now,
          urgency,
          sla,
          c.jurisdiction,
          await holidayDates(trx),
        );
        const year = localYear(now, c.jurisdiction);
        const serial = await nextReferralSequence(trx, c.jurisdiction, year);
        const number = referralNumber(c.jurisdiction, year, serial);
        const k = ctx.keys;
        await insertReferral(trx, {
          id,
          number,
          case_id: caseId,
          person_id: person.id,
          from_org_id: c.org_id,
          from_jurisdiction: c.jurisdiction,
          to_org_id: org.id,
          services: [...new Set(input.services)],
          urgency,
          purpose_enc: k.encrypt(input.purpose),
          sections: [...new Set(input.sections)],
          consent_basis: consent.basis,
          consent_by_enc: k.encrypt(consent.givenBy ?? null),
          consent_relation: consent.relation ?? null,
          consent_at: new Date(consent.givenAt),
          consent_note_enc: k.encrypt(consent.note ?? null),
          external: !org.on_simpul,
          sent_at: now,
          accept_due_at: acceptDue,
          complete_due_at: completeDue,
          verification_code: verificationCode(),
          rereferral_of: input.rereferralOf ?? null,
          plan_item_id: input.planItemId ?? null,
          created_by: ctx.actor.userId,
          created_at: now,
          updated_at: now,
        });
        await addReferralEvent(trx, {
          referralId: id,
          at: now,
          actorId: ctx.actor.userId,
          actorOrgId: ctx.actor.orgId,
          type: 'status',
          data: {
            to: 'terkirim',
            services: input.services,
            sections: input.sections,
            basis: consent.basis,
            ...(input.rereferralOf ? { rereferralOf: input.rereferralOf } : {}),
          },
        });
        if (input.rereferralOf)
          await addReferralEvent(trx, {
            referralId: input.rereferralOf,
            at: now,
            actorId: ctx.actor.userId,
            actorOrgId: ctx.actor.orgId,
            type: 'rereferred',
            data: { referralId: id, number },
          });
        await addCaseEvent(trx, caseId, ctx.actor.userId, 'referral.sent', now, {
          referralId: id,
          number,
          toOrgId: org.id,
          services: input.services,
        });
        if (org.on_simpul)
          await notify(
            trx,
            await activeUsersOfOrg(trx, org.id, ['mitra', 'manajer']),
            { kind: 'rujukan_baru', link: `/rujukan/${id}`, ref: number },
            now,
          );
        await audit(ctx, trx, {
          action: 'referral.create',
          entity: 'referral',
          entityId: id,
          outcome: 'ok',
          detail: {
            caseId,
            toOrgId: org.id,
            sections: input.sections,
            basis: consent.basis,
            rereferralOf: input.rereferralOf ?? null,
            planItemId: input.planItemId ?? null,
          },
        });
        return getReferral(ctx, id, trx);
      },
    ),
  );
}
