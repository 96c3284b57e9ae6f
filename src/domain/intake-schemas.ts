/** Input schemas for intake: the public form, staff intake and the triage actions. */
import { z } from 'zod';
import {
  CALL_TYPES,
  CONTACT_METHODS,
  EVERYDAY_FORMS,
  INTAKE_CHANNEL_CODES,
  INTAKE_CLOSE_REASONS,
  OCCURRED_WHEN,
  REPORTER_TYPES,
  VICTIM_AGE_GROUPS,
} from './intake.ts';
import { isValidNik } from './nik.ts';
import { isoDate, isoDateTime, pastDate, regionCode, str, uuid } from './schemas.ts';
import { codes, FORMS_OF_VIOLENCE, RISK_LEVELS } from './taxonomies.ts';

const text = (max: number) => str().trim().max(max, 'too_long');
const version = z.number({ message: 'version_required' }).int().min(1);
const phone = str()
  .trim()
  .transform((s) => s.replace(/[\s\-().]/g, ''))
  .refine((s) => /^(\+62|62|0)\d{8,13}$/.test(s), 'invalid_phone');
const sex = z.enum(['perempuan', 'laki_laki', 'tidak_tahu']);
const opt = <T extends z.ZodType>(t: T) => t.nullish();

/** Shared facts of a report, public or staff. */
const ReportFacts = {
  reporterType: z.enum(codes(REPORTER_TYPES)),
  reporterName: opt(text(100)),
  victimSex: opt(sex),
  victimAgeGroup: opt(z.enum(codes(VICTIM_AGE_GROUPS))),
  forms: z
    .array(z.enum(codes(EVERYDAY_FORMS)))
    .max(7)
    .default([]),
  description: opt(text(5000)),
  regionCode: opt(regionCode),
  placeText: opt(text(300)),
  occurredWhen: opt(z.enum(codes(OCCURRED_WHEN))),
  occurredOn: opt(pastDate),
  dangerNow: z.boolean().default(false),
  contactMethod: z.enum(codes(CONTACT_METHODS)).default('tidak'),
  contactPhone: opt(phone),
  safeTimes: opt(text(200)),
  consentContact: z.boolean().default(false),
};

function reportRules<
  T extends {
    forms: string[];
    description?: string | null | undefined;
    contactMethod: string;
    contactPhone?: string | null | undefined;
    consentContact: boolean;
  },
>(v: T, ctx: z.RefinementCtx) {
  if (!Array.isArray(v.forms) || (v.forms.length === 0 && !v.description))
    ctx.addIssue({ code: 'custom', path: ['description'], message: 'what_happened_required' });
  if (v.contactMethod !== 'tidak') {
    if (!v.contactPhone) ctx.addIssue({ code: 'custom', path: ['contactPhone'], message: 'required' });
    if (!v.consentContact)
      ctx.addIssue({ code: 'custom', path: ['consentContact'], message: 'consent_required' });
  }
}

export const PublicReportInput = z
  .strictObject({
    ...ReportFacts,
    /** one per form load; the same token twice creates one report */
    submissionToken: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'invalid_value'),
    /** honeypot: people leave it empty */
    website: str().max(200).optional(),
  })
  // run even when other fields are wrong, so a person sees every problem at once
  .superRefine(reportRules, { when: (p) => typeof p.value === 'object' && p.value !== null });
export type PublicReportInput = z.infer<typeof PublicReportInput>;

export const StaffIntakeInput = z
  .strictObject({
    ...ReportFacts,
    channel: z.enum(INTAKE_CHANNEL_CODES),
    callType: opt(z.enum(codes(CALL_TYPES))),
    receivedAt: isoDateTime.optional(),
    reporterRelation: opt(text(100)),
    victimName: opt(text(200)),
    victimNik: opt(z.string().trim().refine(isValidNik, 'invalid_nik')),
    victimPhone: opt(phone),
    victimBirthDate: opt(pastDate),
    risk: opt(z.enum(codes(RISK_LEVELS))),
    caseId: opt(uuid),
  })
  .superRefine(
    (v, ctx) => {
      // spam, wrong numbers and information requests need no facts
      if (v.callType && ['spam', 'salah_sambung', 'informasi', 'konseling'].includes(v.callType)) return;
      reportRules(v, ctx);
    },
    { when: (p) => typeof p.value === 'object' && p.value !== null },
  );
export type StaffIntakeInput = z.infer<typeof StaffIntakeInput>;

export const ReporterAddition = z.strictObject({
  body: str().trim().min(1, 'required').max(5000, 'too_long'),
});

export const IntakeListQuery = z.strictObject({
  status: z.enum(['terbuka', 'selesai', 'semua']).default('terbuka'),
  channel: z.enum(INTAKE_CHANNEL_CODES).optional(),
  spam: z.enum(['1', '0']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const IntakeUpdate = z.strictObject({
  version,
  risk: opt(z.enum(codes(RISK_LEVELS))),
  assignedTo: opt(uuid),
  callType: opt(z.enum(codes(CALL_TYPES))),
  forms: z
    .array(z.enum(codes(FORMS_OF_VIOLENCE)))
    .max(7)
    .optional(),
  suspectedSpam: z.boolean().optional(),
});
export const IntakeNote = z.strictObject({
  body: str().trim().min(1, 'required').max(5000, 'too_long'),
});
export const IntakeOpenCase = z.strictObject({ version, managerId: opt(uuid) });
export const IntakeAttach = z.strictObject({ version, caseId: uuid });
export const IntakeForward = z.strictObject({ version, toRegion: regionCode, note: opt(text(2000)) });
/** An administrator moves a report that no inbox can see into one somebody reads. */
export const IntakeReroute = z.strictObject({ version, toRegion: regionCode });
export const IntakeNational = z.strictObject({ version, note: opt(text(2000)) });
export const IntakeClose = z.strictObject({
  version,
  reason: z.enum(codes(INTAKE_CLOSE_REASONS)),
  note: opt(text(2000)),
});

export { isoDate };
