/** Input schemas for referrals (rujukan) and transfers (pelimpahan). */
import { z } from 'zod';
import { schemaNow } from './now.ts';
import {
  CANCEL_CHOICES,
  CONSENT_BASES,
  DECLINE_REASONS,
  GUARDIAN_RELATIONS,
  INVESTIGATION_STATUSES,
  isConsent,
  isLpNumber,
  normaliseLpNumber,
  SECTIONS,
  TRANSFER_LEVELS,
  URGENCIES,
} from './referrals.ts';
import { isoDateTime, pastDate, reqText, text, uuid, version } from './schemas.ts';
import { codes, SERVICE_TYPES } from './taxonomies.ts';

const serviceCode = z.enum(codes(SERVICE_TYPES), { message: 'invalid_value' });

export const ConsentInput = z
  .strictObject({
    basis: z.enum(CONSENT_BASES, { message: 'invalid_value' }),
    /** who gave consent: the victim's or the guardian's name as they gave it */
    givenBy: text(200).nullish(),
    /** relation of the guardian to the child */
    relation: z.enum(GUARDIAN_RELATIONS, { message: 'invalid_value' }).nullish(),
    // a consent is recorded when it was given, not ahead of time (a few minutes of clock skew allowed)
    givenAt: isoDateTime.refine((v) => Date.parse(v) <= schemaNow() + 5 * 60_000, 'date_in_future'),
    note: text(2000).nullish(),
    /**
     * A consent names its recipient. When a referral is sent again to another organisation
     * ("rujuk ulang"), the officer confirms that the consent (or the legal ground) covers the new one.
     */
    coversRecipient: z.boolean().optional(),
  })
  .superRefine((c, ctx) => {
    if (isConsent(c.basis) && !c.givenBy)
      ctx.addIssue({ code: 'custom', path: ['givenBy'], message: 'required' });
    if (c.basis === 'persetujuan_wali' && !c.relation)
      ctx.addIssue({ code: 'custom', path: ['relation'], message: 'required' });
    if (!isConsent(c.basis) && !c.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'required' });
  });

export const ReferralCreateInput = z.strictObject({
  personId: uuid,
  toOrgId: uuid,
  services: z.array(serviceCode).min(1, 'required').max(10, 'out_of_range'),
  urgency: z.enum(URGENCIES, { message: 'invalid_value' }),
  purpose: reqText(5000),
  /** the information shared, section by section; none by default */
  sections: z
    .array(z.enum(SECTIONS, { message: 'invalid_value' }))
    .max(SECTIONS.length)
    .default([]),
  /** required: consent, or the legal basis when consent cannot be asked */
  consent: ConsentInput.optional(),
  /** "rujuk ulang": the declined or cancelled referral this one sends again to another organisation */
  rereferralOf: uuid.nullish(),
  /** the intervention-plan item (a `plan_item` record of the same case) this referral carries out */
  planItemId: uuid.nullish(),
});
export type ReferralCreate = z.infer<typeof ReferralCreateInput>;

export const ReferralListQuery = z.strictObject({
  box: z.enum(['masuk', 'keluar']).default('masuk'),
  status: z
    .enum(['terkirim', 'diterima', 'ditolak', 'dalam_layanan', 'selesai', 'dibatalkan', 'terbuka'])
    .optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

/** Within a year either way of now: an appointment is set for the coming weeks, or noted after it. */
const appointmentAt = isoDateTime.refine(
  (v) => Math.abs(Date.parse(v) - schemaNow()) <= 366 * 24 * 3600_000,
  'appointment_out_of_range',
);

/**
 * Who handles the referral at the recipient and when the victim is expected: an officer who is a
 * user of the receiving organisation (`officerId`) or, for someone without an account, a name
 * (stored encrypted); an appointment time and place (the place encrypted). Null clears a field.
 */
const handlingFields = {
  officerId: uuid.nullish(),
  officerName: text(200).nullish(),
  appointmentAt: appointmentAt.nullish(),
  appointmentPlace: text(500).nullish(),
};
/**
 * One officer, a user or a typed name; a place needs a time. On acceptance the time must come with
 * the place; a later change may name only a place when a time is already set (checked in the use case).
 */
function handlingRules(placeNeedsTimeHere: boolean): (
  v: {
    officerId?: string | null | undefined;
    officerName?: string | null | undefined;
    appointmentPlace?: string | null | undefined;
    appointmentAt?: string | null | undefined;
  },
  ctx: z.RefinementCtx,
) => void {
  return (v, ctx) => {
    if (v.officerId && v.officerName)
      ctx.addIssue({ code: 'custom', path: ['officerName'], message: 'officer_one_of' });
    if (v.appointmentPlace && (placeNeedsTimeHere ? !v.appointmentAt : v.appointmentAt === null))
      ctx.addIssue({ code: 'custom', path: ['appointmentAt'], message: 'required' });
  };
}

export const AcceptInput = z.strictObject({ version, ...handlingFields }).superRefine(handlingRules(true));
export type AcceptBody = z.infer<typeof AcceptInput>;
export const HandlingInput = z.strictObject({ version, ...handlingFields }).superRefine((v, ctx) => {
  handlingRules(false)(v, ctx);
  if (Object.keys(handlingFields).every((k) => v[k as keyof typeof v] === undefined))
    ctx.addIssue({ code: 'custom', path: ['officerId'], message: 'nothing_to_change' });
});
export type HandlingBody = z.infer<typeof HandlingInput>;

/**
 * A police PPA unit's progress: the police report number (Laporan Polisi) and/or a new
 * investigation status with its date and an optional note. At least one of the two.
 */
export const InvestigationInput = z
  .strictObject({
    version,
    lpNumber: z
      .string()
      .max(200, 'too_long')
      .transform(normaliseLpNumber)
      .refine(isLpNumber, 'invalid_lp_number')
      .nullish(),
    status: z.enum(INVESTIGATION_STATUSES, { message: 'invalid_value' }).nullish(),
    date: pastDate.nullish(),
    note: text(2000).nullish(),
  })
  .superRefine((v, ctx) => {
    if (!v.lpNumber && !v.status)
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'lp_or_status_required' });
    if (!v.status && (v.date || v.note))
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'required' });
  });
export type InvestigationBody = z.infer<typeof InvestigationInput>;
export const DeclineInput = z.strictObject({
  version,
  reason: z.enum(DECLINE_REASONS, { message: 'invalid_value' }),
  note: text(2000).nullish(),
});
export const DeliveredServiceInput = z.strictObject({
  service: serviceCode,
  date: pastDate,
  outcome: text(5000).nullish(),
});
export const CompleteInput = z.strictObject({ version, outcome: reqText(5000) });
export const CancelInput = z.strictObject({
  version,
  reason: z.enum(CANCEL_CHOICES, { message: 'invalid_value' }),
  note: text(2000).nullish(),
});
export const WithdrawConsentInput = z.strictObject({ version, note: text(2000).nullish() });
export const MessageInput = z.strictObject({ body: reqText(5000) });

export const SuggestionQuery = z.strictObject({
  personId: uuid,
  service: serviceCode,
});

export const TransferCreateInput = z.strictObject({
  level: z.enum(TRANSFER_LEVELS, { message: 'invalid_value' }),
  /** the receiving UPTD PPA (not for 'nasional') */
  toOrgId: uuid.nullish(),
  reason: reqText(5000),
});
export const TransferDecisionInput = z.strictObject({ version, reason: text(2000).nullish() });
export const TransferListQuery = z.strictObject({ box: z.enum(['masuk', 'keluar']).default('masuk') });

export const SlaInput = z.strictObject({
  overrides: z
    .array(
      z.strictObject({
        urgency: z.enum(URGENCIES, { message: 'invalid_value' }),
        service: z.union([serviceCode, z.literal('*')]),
        acceptHours: z
          .number()
          .int()
          .min(1, 'out_of_range')
          .max(24 * 30, 'out_of_range'),
        completeDays: z.number().int().min(1, 'out_of_range').max(365, 'out_of_range'),
      }),
    )
    .max(100, 'out_of_range'),
});
