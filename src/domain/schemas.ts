/**
 * Input schemas (zod) for everything the API accepts. Unknown fields are rejected (strict
 * objects) so a typo never silently loses data. Field-level messages are error keys that the
 * HTTP layer turns into the caller's language (see src/domain/field-messages.ts).
 */
import { z } from 'zod';
import { AGE_GROUP_CODES, DATE_PRECISIONS, TOLD_WHEN_CODES } from './facts.ts';
import { isValidNik } from './nik.ts';
import { schemaNow } from './now.ts';
import { ROLES } from './policy.ts';
import { STAGES } from './stages.ts';
import {
  AMPK_CATEGORIES,
  AUTHORITIES,
  CASE_TYPES,
  CLOSURE_REASONS,
  codes,
  DISABILITY_TYPES,
  DIVERSION_RESULTS,
  DIVERSION_STAGES,
  EDUCATION,
  FORMS_OF_VIOLENCE,
  INTAKE_CHANNELS,
  MARITAL_STATUSES,
  NATIONALITIES,
  OCCUPATIONS,
  ORG_TYPES,
  PLACES,
  RELATIONSHIPS,
  RIGHT_STATUSES,
  RISK_LEVELS,
  SERVICE_TYPES,
  SEXES,
  TPKS_OFFENCES,
  VICTIM_RIGHTS,
} from './taxonomies.ts';

// A value that is missing (not merely wrong) is reported as `required`, whatever its type:
// schema-level messages still win (zod applies them first).
z.config({ customError: (issue) => (issue.input === undefined ? 'required' : undefined) });

/** No NUL: PostgreSQL text cannot hold it, and no person types it. */
const noNul = (s: string) => !s.includes('\u0000');
/**
 * A string input that holds no NUL (field code `invalid_characters`): every string a schema
 * accepts is built from this, `text()` or `reqText()`, or is pinned down by a regex, enum or
 * format that a NUL cannot pass. JSON bodies and query strings are also refused earlier, in one
 * place (src/http/nul-guard.ts); this covers the forms of the public pages.
 */
export const str = () => z.string().refine(noNul, 'invalid_characters');
export const text = (max: number) =>
  z.string().trim().max(max, 'too_long').refine(noNul, 'invalid_characters');
export const reqText = (max: number) =>
  z.string().trim().min(1, 'required').max(max, 'too_long').refine(noNul, 'invalid_characters');
export const uuid = z.uuid('invalid_id');
export const regionCode = z.string().regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, 'invalid_region');
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'invalid_date',
  )
  // nothing Simpul records happened before 1900 or after 2100; outside that, date arithmetic in
  // other time zones leaves the calendar
  .refine((s) => s >= '1900-01-01' && s <= '2100-12-31', 'invalid_date');
export const pastDate = isoDate.refine(
  (s) => Date.parse(`${s}T00:00:00Z`) <= schemaNow() + 14 * 3600_000,
  'date_in_future',
);
/**
 * An incident date as precisely as it is known: `YYYY-MM-DD`, `YYYY-MM` (a month) or `YYYY` (a
 * year); never in the future.
 */
export const incidentDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'invalid_date')
  .refine((s) => {
    const [y, m] = s.split('-').map(Number) as [number, number | undefined];
    if (y < 1900 || y > 2100) return false;
    if (s.length === 10) return isoDate.safeParse(s).success;
    return m === undefined || (m >= 1 && m <= 12);
  }, 'invalid_date')
  .refine((s) => {
    const first = s.length === 4 ? `${s}-01-01` : s.length === 7 ? `${s}-01` : s;
    return Date.parse(`${first}T00:00:00Z`) <= schemaNow() + 14 * 3600_000;
  }, 'date_in_future');
export const isoDateTime = z.iso.datetime({ offset: true, message: 'invalid_datetime' });
type WithoutDefault<T> = T extends z.ZodDefault<infer I> ? I : T;

/**
 * The schema for a PATCH of `schema`: every field optional and no defaults. zod applies a
 * default inside `.partial()`, so `{x: z.boolean().default(false)}.partial()` turns a request
 * that leaves `x` out into `x: false` and an edit of another field silently resets it.
 */
export function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([k, v]) => [k, v instanceof z.ZodDefault ? v.unwrap() : v]),
  ) as { [K in keyof S]: WithoutDefault<S[K]> };
  return z.strictObject(shape).partial();
}

export const version = z.number({ message: 'version_required' }).int().min(1).max(2_147_483_647);
const nik = z.string().trim().refine(isValidNik, 'invalid_nik');
const phone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s\-().]/g, ''))
  .refine((s) => /^(\+62|62|0)8\d{7,12}$/.test(s) || /^(\+62|62|0)[1-9]\d{6,11}$/.test(s), 'invalid_phone');

export const LoginInput = z.strictObject({
  email: str().trim().toLowerCase().max(254, 'too_long').pipe(z.email('invalid_email')),
  password: str().min(1, 'required').max(1024, 'too_long'),
  otp: str().trim().max(32, 'too_long').optional(),
});

export const PasswordChangeInput = z.strictObject({
  currentPassword: str().min(1, 'required').max(1024, 'too_long'),
  newPassword: str().min(1, 'required').max(1024, 'too_long'),
});

export const OtpConfirmInput = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'invalid_otp'),
});

export const PersonInput = z.strictObject({
  role: z.enum(['korban', 'terlapor', 'pelapor']),
  name: reqText(200),
  sex: z.enum(codes(SEXES)).nullish(),
  birthDate: pastDate.nullish(),
  estimatedAge: z.number().int().min(0, 'out_of_range').max(120, 'out_of_range').nullish(),
  /** the age group as told (reporter, victim, intake form); never turned into an age */
  ageGroup: z.enum(AGE_GROUP_CODES).nullish(),
  nik: nik.nullish(),
  phone: phone.nullish(),
  regionCode: regionCode.nullish(),
  addressDetail: text(500).nullish(),
  education: z.enum(codes(EDUCATION)).nullish(),
  occupation: z.enum(codes(OCCUPATIONS)).nullish(),
  maritalStatus: z.enum(codes(MARITAL_STATUSES)).nullish(),
  disability: z.boolean().nullish(),
  disabilityTypes: z
    .array(z.enum(codes(DISABILITY_TYPES)))
    .max(10)
    .nullish(),
  accommodationNeeds: text(1000).nullish(),
  nationality: z.enum(codes(NATIONALITIES)).nullish(),
  relationToVictim: text(100).nullish(),
});
export type PersonInput = z.infer<typeof PersonInput>;
export const PersonUpdate = patchOf(PersonInput.omit({ role: true })).extend({ version });

export const RelationshipInput = z.strictObject({
  victimId: uuid,
  perpetratorId: uuid,
  relationship: z.enum(codes(RELATIONSHIPS)),
});

const incidentFields = {
  /** how precisely the date is known; left out on create, it is read from the shape of `date` */
  datePrecision: z.enum(DATE_PRECISIONS).optional(),
  date: incidentDate.nullish(),
  /** kurun: the window the reporter named (minggu_ini …) */
  toldWhen: z.enum(TOLD_WHEN_CODES).nullish(),
  /** kurun: the day it was said, which the words are relative to */
  referenceDate: pastDate.nullish(),
  /** SIMFONI category; null = belum ditentukan */
  placeCategory: z.enum(codes(PLACES)).nullish(),
  /** the place as the reporter named it ("Rumah"); stored encrypted */
  placeText: text(300).nullish(),
  regionCode: regionCode.nullish(),
  forms: z
    .array(z.enum(codes(FORMS_OF_VIOLENCE)))
    .min(1, 'required')
    .max(7),
  tpksOffences: z
    .array(z.enum(codes(TPKS_OFFENCES)))
    .max(19)
    .optional(),
  ampkCategories: z
    .array(z.enum(codes(AMPK_CATEGORIES)))
    .max(15)
    .optional(),
  chronology: text(20000).nullish(),
};
export const IncidentInput = z.strictObject(incidentFields);
export type IncidentInput = z.infer<typeof IncidentInput>;
/** Only what the request names changes: no defaults (a PATCH without a field keeps it). */
export const IncidentUpdate = patchOf(IncidentInput).extend({ version });

export const CaseCreateInput = z.strictObject({
  regionCode: regionCode.optional(),
  channel: z.enum(codes(INTAKE_CHANNELS)),
  receivedAt: isoDateTime.optional(),
  caseType: z.enum(codes(CASE_TYPES)).nullish(),
  risk: z.enum(codes(RISK_LEVELS)).nullish(),
  authority: z.enum(codes(AUTHORITIES)).nullish(),
  summary: text(300).nullish(),
  /** the case manager: an active `manajer` of the jurisdiction; null = none yet; absent = the
   *  opener when a manager opens it, else none */
  managerId: uuid.nullish(),
});
export type CaseCreateInput = z.infer<typeof CaseCreateInput>;

export const CaseUpdateInput = z.strictObject({
  version,
  channel: z.enum(codes(INTAKE_CHANNELS)).optional(),
  receivedAt: isoDateTime.optional(),
  caseType: z.enum(codes(CASE_TYPES)).nullish(),
  risk: z.enum(codes(RISK_LEVELS)).nullish(),
  authority: z.enum(codes(AUTHORITIES)).nullish(),
  summary: text(300).nullish(),
});
export type CaseUpdateInput = z.infer<typeof CaseUpdateInput>;

export const TransitionInput = z.strictObject({
  version,
  to: z.enum(STAGES),
  reason: text(2000).nullish(),
  closureReason: z.enum(codes(CLOSURE_REASONS)).nullish(),
});

export const AssignInput = z.strictObject({
  version,
  managerId: uuid.nullish(),
  companionIds: z.array(uuid).max(20).optional(),
});

export const CaseListQuery = z.strictObject({
  stage: z.enum(STAGES).optional(),
  risk: z.enum(codes(RISK_LEVELS)).optional(),
  form: z.enum(codes(FORMS_OF_VIOLENCE)).optional(),
  region: regionCode.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: str().trim().max(100, 'too_long').optional(),
  mine: z.enum(['1', '0']).optional(),
  /** '1': only cases not closed (terminasi) */
  open: z.enum(['1', '0']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

/** Case sub-records: one schema per kind; `secret` names the fields stored encrypted. */
export const RECORD_KINDS = {
  assessment: {
    schema: z.strictObject({
      physical: text(10000).nullish(),
      psychological: text(10000).nullish(),
      social: text(10000).nullish(),
      economic: text(10000).nullish(),
      education: text(10000).nullish(),
      needs: text(10000).nullish(),
      assessedOn: pastDate.nullish(),
    }),
    secret: ['physical', 'psychological', 'social', 'economic', 'education', 'needs'],
  },
  plan_item: {
    schema: z.strictObject({
      service: z.enum(codes(SERVICE_TYPES)),
      responsibleOrgId: uuid.nullish(),
      targetDate: isoDate.nullish(),
      agreedWithBeneficiary: z.boolean().default(false),
      notes: text(5000).nullish(),
    }),
    secret: ['notes'],
  },
  service: {
    schema: z.strictObject({
      service: z.enum(codes(SERVICE_TYPES)),
      providerOrgId: uuid.nullish(),
      providerName: text(200).nullish(),
      date: pastDate,
      outcome: text(5000).nullish(),
    }),
    secret: ['outcome'],
  },
  right: {
    schema: z.strictObject({
      victimId: uuid,
      right: z.enum(codes(VICTIM_RIGHTS)),
      status: z.enum(codes(RIGHT_STATUSES)),
      responsibleOrgId: uuid.nullish(),
      date: isoDate.nullish(),
      decisionDate: isoDate.nullish(),
      evidence: text(5000).nullish(),
    }),
    secret: ['evidence'],
  },
  note: {
    schema: z.strictObject({ body: reqText(20000) }),
    secret: ['body'],
  },
  /**
   * A diversion of a child in conflict with the law (UU 11/2012 SPPA), on a case whose incident
   * is of AMPK category ABH only (checked by the use case: `not_abh_case`). Decision 036.
   */
  diversion: {
    schema: z.strictObject({
      stage: z.enum(codes(DIVERSION_STAGES)),
      result: z.enum(codes(DIVERSION_RESULTS)),
      date: pastDate,
      /** the court's determination (penetapan) number, as written on it */
      decreeNumber: text(100).nullish(),
      notes: text(5000).nullish(),
    }),
    secret: ['notes'],
  },
} as const;
export type RecordKind = keyof typeof RECORD_KINDS;
export const RECORD_KIND_NAMES = Object.keys(RECORD_KINDS) as [RecordKind, ...RecordKind[]];

/**
 * A change to a record of a kind: only the fields sent (no defaults: leaving
 * `agreedWithBeneficiary` out must not reset it to false), with the version it was read at.
 */
export function recordUpdate(kind: RecordKind) {
  return patchOf(RECORD_KINDS[kind].schema as unknown as z.ZodObject).extend({ version });
}

/**
 * An organisation's website: an http or https address of a named host, as typed. Never
 * `javascript:`, `data:` or another scheme a link could run, no user name or password before the
 * host (`https://dinas.go.id@elsewhere`).
 */
export function isWebAddress(s: string): boolean {
  // visible ASCII only: no spaces, control characters or look-alike letters (copy a link from the
  // browser's address bar and it is already in this form)
  if (!/^https?:\/\/[!-~]+$/i.test(s)) return false;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return false;
  }
  return (
    (u.protocol === 'http:' || u.protocol === 'https:') &&
    u.username === '' &&
    u.password === '' &&
    /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(u.hostname)
  );
}

export const OrgInput = z.strictObject({
  name: reqText(200),
  type: z.enum(codes(ORG_TYPES)),
  regionCode,
  address: text(500).nullish(),
  phone: text(50).nullish(),
  email: z.email('invalid_email').nullish(),
  // directory of services (issue 4): what it offers, where, when, and capacity where it matters
  services: z
    .array(z.enum(codes(SERVICE_TYPES)))
    .max(30)
    .optional(),
  areas: z.array(regionCode).max(200).optional(),
  hours: text(500).nullish(),
  languages: z.array(reqText(50)).max(20).optional(),
  accessibility: text(1000).nullish(),
  website: z.string().trim().max(300, 'too_long').refine(isWebAddress, 'invalid_url').nullish(),
  capacityTotal: z.number().int('out_of_range').min(0, 'out_of_range').max(100000, 'out_of_range').nullish(),
  capacityFree: z.number().int('out_of_range').min(0, 'out_of_range').max(100000, 'out_of_range').nullish(),
  active: z.boolean().optional(),
});
export type OrgInput = z.infer<typeof OrgInput>;
export const OrgUpdate = patchOf(OrgInput).extend({ version });
export type OrgUpdate = z.infer<typeof OrgUpdate>;

export const UserCreateInput = z.strictObject({
  email: str().trim().toLowerCase().max(254).pipe(z.email('invalid_email')),
  name: reqText(200),
  role: z.enum(ROLES),
  orgId: uuid,
  password: str().min(1, 'required').max(1024, 'too_long'),
});
export const UserUpdateInput = z.strictObject({
  version,
  name: reqText(200).optional(),
  role: z.enum(ROLES).optional(),
  disabled: z.boolean().optional(),
});
