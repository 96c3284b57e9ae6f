/**
 * One referral as the actor's side may see it. The recipient sees only the shared sections, read
 * live from the case, so withdrawing consent takes effect at once. Every read is audited with the
 * sections it opened.
 */

import { findCaseCounts } from '../../db/case.repository.ts';
import { findRecordById } from '../../db/record.repository.ts';
import {
  caseReferrals,
  deliveredServices,
  hasActiveAgreement,
  type ReferralSummaryRow,
  referralEvents,
  referralLink,
  rereferralOf,
  sectionSources,
} from '../../db/referral.repository.ts';
import { regionNames } from '../../db/region.repository.ts';
import type { ReferralDto, ReferralSummaryDto, SharedSectionsDto } from '../../domain/dto.ts';
import {
  describeAge,
  describeIncidentDate,
  incidentDateValue,
  isChild,
  knownAgeGroup,
} from '../../domain/facts.ts';
import {
  canRerefer,
  formatVerificationCode,
  isOpen,
  overdue,
  POLICE_ORG_TYPE,
  type ReferralStatus,
  recipientClosedReason,
  recipientGrantActive,
  type Section,
  sectionsShown,
  sharesWholeCase,
  showsPlaceText,
} from '../../domain/referrals.ts';
import { localDate } from '../../domain/time.ts';
import { exactAgeOn, storedDate } from '../cases/mappers.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import type { Keyring } from '../crypto.ts';
import { actsAsRecipient, actsAsSender, type LoadedReferral, loadReferral } from './access.ts';

const iso = (v: unknown) => new Date(v as string).toISOString();
const isoOrNull = (v: unknown) => (v ? iso(v) : null);

export function summaryDto(
  r: ReferralSummaryRow,
  side: 'pengirim' | 'penerima',
  now: Date,
): ReferralSummaryDto {
  // the group the recipient may see comes from the best fact there is; a group told stays a group
  const ageFacts = {
    birthDate: r.person_birth_date,
    estimatedAge: r.person_estimated_age,
    ageGroup: r.person_age_group,
  };
  const today = localDate(now, r.case_jurisdiction);
  const status = r.status as ReferralStatus;
  return {
    id: r.id,
    number: r.number,
    caseId: side === 'pengirim' ? r.case_id : null,
    caseNumber: side === 'pengirim' ? r.case_number : null,
    fromOrg: { id: r.from_org_id, name: r.from_org_name },
    toOrg: { id: r.to_org_id, name: r.to_org_name, onSimpul: Boolean(r.to_on_simpul) },
    services: r.services,
    urgency: r.urgency as ReferralSummaryDto['urgency'],
    status,
    external: r.external,
    sentAt: iso(r.sent_at),
    acceptDueAt: iso(r.accept_due_at),
    completeDueAt: iso(r.complete_due_at),
    acceptedAt: isoOrNull(r.accepted_at),
    declinedAt: isoOrNull(r.declined_at),
    completedAt: isoOrNull(r.completed_at),
    cancelledAt: isoOrNull(r.cancelled_at),
    overdue: overdue(
      { status, acceptDueAt: new Date(r.accept_due_at), completeDueAt: new Date(r.complete_due_at) },
      now,
    ),
    consentWithdrawn: r.consent_withdrawn_at !== null,
    victim: {
      sex: r.person_sex,
      ageGroup: knownAgeGroup(ageFacts, today),
      child: isChild(ageFacts, today),
    },
    version: r.version,
  };
}

async function sharedSections(k: Keyring, db: Tx, l: LoadedReferral, now: Date): Promise<SharedSectionsDto> {
  // the minimum-data rules (src/domain/referrals.ts); the victims are counted only when it matters
  const victims =
    l.side === 'penerima' && sharesWholeCase(l.r.sections as Section[])
      ? Number((await findCaseCounts(db, l.r.case_id)).victims)
      : 1;
  const s = sectionsShown(l.side, l.r.sections, victims);
  const has = (x: Section) => s.has(x);
  const src = await sectionSources(db, l.r.case_id, l.r.person_id, {
    person: has('identitas') || has('kontak'),
    incidents: has('kronologi'),
    assessments: has('asesmen'),
    services: has('layanan'),
  });
  const names = await regionNames(db, [
    ...(src.person?.region_code ? [src.person.region_code] : []),
    ...src.incidents.map((i) => i.region_code ?? ''),
  ]);
  const out: SharedSectionsDto = {};
  const p = src.person;
  if (p && has('identitas'))
    out.identitas = {
      name: k.decrypt(p.name_enc),
      nik: k.decrypt(p.nik_enc),
      birthDate: p.birth_date,
      age: exactAgeOn(p.birth_date, now, p.jurisdiction),
      ageText: describeAge(
        { birthDate: p.birth_date, estimatedAge: p.estimated_age, ageGroup: p.age_group },
        localDate(now, p.jurisdiction),
      ),
      sex: p.sex,
      disability: p.disability,
      disabilityTypes: p.disability_types,
      accommodationNeeds: k.decrypt(p.accommodation_enc),
    };
  if (p && has('kontak'))
    out.kontak = {
      phone: k.decrypt(p.phone_enc),
      regionCode: p.region_code,
      regionName: p.region_code ? (names.get(p.region_code) ?? null) : null,
      address: k.decrypt(p.address_enc),
    };
  if (has('kronologi'))
    out.kronologi = src.incidents.map((i) => ({
      date: incidentDateValue(storedDate(i)),
      dateText: describeIncidentDate(storedDate(i)),
      placeCategory: i.place_category,
      placeText: showsPlaceText(s) ? k.decrypt(i.place_text_enc) : null,
      regionName: i.region_code ? (names.get(i.region_code) ?? null) : null,
      forms: i.forms,
      tpksOffences: i.tpks_offences,
      chronology: k.decrypt(i.chronology_enc),
    }));
  const secret = (enc: string | null): Record<string, unknown> => (enc ? JSON.parse(k.decrypt(enc)) : {});
  if (has('asesmen'))
    out.asesmen = src.records
      .filter((r) => r.kind === 'assessment')
      .map((r) => {
        const d = { ...r.data, ...secret(r.secret_enc) } as Record<string, string | null>;
        return {
          assessedOn: d.assessedOn ?? null,
          physical: d.physical ?? null,
          psychological: d.psychological ?? null,
          social: d.social ?? null,
          economic: d.economic ?? null,
          education: d.education ?? null,
          needs: d.needs ?? null,
        };
      });
  if (has('layanan'))
    out.layanan = src.records
      .filter((r) => r.kind === 'service' && r.referral_id !== l.r.id)
      .map((r) => ({
        service: String(r.data.service),
        date: String(r.data.date),
        providerName: (r.data.providerName as string | undefined) ?? null,
      }));
  return out;
}

const link = (x: { id: string; number: string; status: string; to_org_name: string } | undefined) =>
  x ? { id: x.id, number: x.number, status: x.status as ReferralStatus, toOrgName: x.to_org_name } : null;

/**
 * Builds the DTO of a loaded referral (no audit; callers audit).
 *
 * The recipient reads the victim's data (shared sections, the purpose, the referring side's
 * messages and notes) only while the referral is open and consent stands. What stays with it
 * afterwards is its own record: the referral's facts, its actions, the services it recorded and
 * their results, its own messages and notes, its officer and appointment, the police record
 * (decision 010).
 */
export async function referralDto(ctx: AuthedCtx, db: Tx, l: LoadedReferral): Promise<ReferralDto> {
  const k = ctx.keys;
  const now = ctx.clock();
  const r = l.r;
  const withdrawn = r.consent_withdrawn_at !== null;
  const sender = l.side === 'pengirim';
  const status = r.status as ReferralStatus;
  const closedReason = recipientClosedReason({
    status,
    consentWithdrawn: withdrawn,
    cancelReason: r.cancel_reason,
  });
  // the recipient reads the victim's data only while the referral is open and consent stands
  const hidden = !sender && !recipientGrantActive(status, withdrawn);
  /** the recipient's own words stay its own; the referring side's close with the view */
  const ownOrMayRead = (actorOrgId: string | null) => !hidden || actorOrgId === r.to_org_id;
  const [events, delivered, shared, prior, next, planItem] = await Promise.all([
    referralEvents(db, r.id),
    deliveredServices(db, r.id),
    hidden ? Promise.resolve(null) : sharedSections(k, db, l, now),
    sender && r.rereferral_of ? referralLink(db, r.rereferral_of) : Promise.resolve(undefined),
    sender ? rereferralOf(db, r.id) : Promise.resolve(undefined),
    sender && r.plan_item_id ? findRecordById(db, r.plan_item_id) : Promise.resolve(undefined),
  ]);
  const today = localDate(now, r.from_jurisdiction);
  const province = r.from_jurisdiction.split('.')[0] ?? r.from_jurisdiction;
  const agreement = await hasActiveAgreement(db, r.to_org_id, [r.from_jurisdiction, province], today);
  const asRecipient = actsAsRecipient(ctx, l);
  const asSender = actsAsSender(ctx, l);
  const police = r.to_org_type === POLICE_ORG_TYPE;
  // the recipient does not learn where the victim went next, nor the other organisation's referral
  const visibleEvents = sender ? events : events.filter((e) => e.type !== 'rereferred');
  const officerName = r.officer_id ? r.officer_user_name : k.decrypt(r.officer_name_enc);
  const worked = status === 'diterima' || status === 'dalam_layanan';
  return {
    ...summaryDto(r, l.side, now),
    side: l.side,
    personId: sender ? r.person_id : null,
    closedReason,
    purpose: hidden ? null : k.decrypt(r.purpose_enc),
    sections: r.sections,
    consent: {
      basis: r.consent_basis,
      givenBy: sender ? k.decrypt(r.consent_by_enc) : null,
      relation: r.consent_relation,
      givenAt: iso(r.consent_at),
      withdrawnAt: isoOrNull(r.consent_withdrawn_at),
    },
    declineReason: r.decline_reason,
    // written by the recipient (or, for a recipient outside Simpul, by the sender for it)
    declineNote: k.decrypt(r.decline_note_enc),
    cancelReason: r.cancel_reason,
    outcome: k.decrypt(r.outcome_enc),
    shared,
    handling: {
      officer: officerName ? { id: r.officer_id, name: officerName } : null,
      appointmentAt: isoOrNull(r.appointment_at),
      appointmentPlace: k.decrypt(r.appointment_place_enc),
    },
    police: police
      ? {
          lpNumber: k.decrypt(r.police_report_number_enc),
          status: r.investigation_status,
          history: visibleEvents
            .filter((e) => e.type === 'investigation' && typeof e.data.status === 'string')
            .map((e) => ({
              id: String(e.id),
              at: iso(e.at),
              status: String(e.data.status),
              date: String(e.data.date ?? ''),
              note: k.decrypt(e.body_enc),
              actorName: e.actor_name,
            })),
        }
      : null,
    rereferralOf: link(prior),
    rereferredAs: link(next),
    planItem: planItem
      ? {
          id: planItem.id,
          service: String(planItem.data.service),
          targetDate: (planItem.data.targetDate as string | undefined) ?? null,
        }
      : null,
    delivered: delivered.map((d) => {
      const secret = d.secret_enc ? (JSON.parse(k.decrypt(d.secret_enc)) as { outcome?: string }) : {};
      return {
        id: d.id,
        service: String(d.data.service),
        date: String(d.data.date),
        outcome: ownOrMayRead(d.org_id) ? (secret.outcome ?? null) : null,
        orgName: d.org_name,
        recordedByName: d.created_by_name,
      };
    }),
    events: visibleEvents.map((e) => ({
      id: String(e.id),
      at: iso(e.at),
      type: e.type,
      actorName: e.actor_name,
      actorOrgName: e.actor_org_name,
      data: e.data,
      body: ownOrMayRead(e.actor_org_id) ? k.decrypt(e.body_enc) : null,
    })),
    verificationCode: formatVerificationCode(r.verification_code),
    warnings: agreement ? [] : ['tidak_ada_kerja_sama'],
    permissions: {
      accept: asRecipient && status === 'terkirim' && !withdrawn,
      decline: asRecipient && status === 'terkirim' && !withdrawn,
      recordService: asRecipient && worked && !withdrawn,
      complete: asRecipient && worked && !withdrawn,
      cancel: asSender && isOpen(status),
      withdrawConsent: asSender && !withdrawn,
      message:
        (asSender && isOpen(status)) || (l.side === 'penerima' && recipientGrantActive(status, withdrawn)),
      // the letter is addressed to the recipient: it may download it too, printed from its own view
      letter: (asSender || l.side === 'penerima') && !withdrawn && status !== 'dibatalkan',
      handling: asRecipient && worked && !withdrawn,
      investigation: asRecipient && police && (worked || status === 'selesai'),
      rerefer: asSender && canRerefer(status, withdrawn) && !next && r.case_stage !== 'terminasi',
    },
  };
}

/** `db`: an open transaction when the referral was just written in it (the answer to that change). */
export async function getReferral(ctx: AuthedCtx, id: string, db: Tx = ctx.conn.db): Promise<ReferralDto> {
  const l = await loadReferral(ctx, db, id, 'referral.read');
  const dto = await referralDto(ctx, db, l);
  await audit(ctx, db, {
    action: 'referral.read',
    entity: 'referral',
    entityId: id,
    outcome: 'ok',
    detail: { side: l.side, sections: dto.shared ? Object.keys(dto.shared) : [] },
  });
  return dto;
}

/** The referrals of a case, for those who may read the case. */
export async function listCaseReferrals(ctx: AuthedCtx, caseId: string, load: (db: Tx) => Promise<unknown>) {
  const db = ctx.conn.db;
  await load(db);
  const now = ctx.clock();
  const items = (await caseReferrals(db, caseId)).map((r) => summaryDto(r, 'pengirim', now));
  await audit(ctx, db, {
    action: 'referral.list',
    entity: 'case',
    entityId: caseId,
    outcome: 'ok',
    detail: { ids: items.map((i) => i.id) },
  });
  return items;
}
