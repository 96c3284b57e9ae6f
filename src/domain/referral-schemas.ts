/** Input schemas for referrals (rujukan) and transfers (pelimpahan). */
import { z } from 'zod';
import {
  CANCEL_REASONS,
  CONSENT_BASES,
  DECLINE_REASONS,
  GUARDIAN_RELATIONS,
  isConsent,
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
    givenAt: isoDateTime.refine((v) => Date.parse(v) <= Date.now() + 5 * 60_000, 'date_in_future'),
    note: text(2000).nullish(),
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
});
export type ReferralCreate = z.infer<typeof ReferralCreateInput>;

export const ReferralListQuery = z.object({
  box: z.enum(['masuk', 'keluar']).default('masuk'),
  status: z
    .enum(['terkirim', 'diterima', 'ditolak', 'dalam_layanan', 'selesai', 'dibatalkan', 'terbuka'])
    .optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
});

export const AcceptInput = z.strictObject({ version });
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
  reason: z.enum(CANCEL_REASONS, { message: 'invalid_value' }),
  note: text(2000).nullish(),
});
export const WithdrawConsentInput = z.strictObject({ version, note: text(2000).nullish() });
export const MessageInput = z.strictObject({ body: reqText(5000) });

export const SuggestionQuery = z.object({
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
export const TransferListQuery = z.object({ box: z.enum(['masuk', 'keluar']).default('masuk') });

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
