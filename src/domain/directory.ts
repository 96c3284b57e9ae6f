/**
 * The directory of organisations and services, cooperation agreements (MoU/PKS), requests to
 * join and partner performance: input schemas and pure rules (no I/O).
 */
import { z } from 'zod';
import { AGREEMENT_WARN_DAYS } from './referrals.ts';
import { isoDate, regionCode, reqText, str, text, uuid, version } from './schemas.ts';
import { codes, ORG_TYPES, SERVICE_TYPES } from './taxonomies.ts';

export { LOCATION_SECRET_ORG_TYPES, locationIsSecret, RESTRICTED_LOCATION_FIELDS } from './taxonomies.ts';

const count = z.number().int('out_of_range').min(0, 'out_of_range').max(100000, 'out_of_range');

export const serviceCode = z.enum(codes(SERVICE_TYPES));
export const orgTypeCode = z.enum(codes(ORG_TYPES));

/** Free places may never be more than all places; both are counts. */
export function capacityProblem(
  total: number | null | undefined,
  free: number | null | undefined,
): Record<string, string> | null {
  if (free != null && total != null && free > total) return { capacityFree: 'capacity_exceeds_total' };
  if (free != null && total == null) return { capacityTotal: 'required' };
  return null;
}

export const DirectoryQuery = z.strictObject({
  service: serviceCode.optional(),
  region: regionCode.optional(),
  type: orgTypeCode.optional(),
  q: str().trim().max(100, 'too_long').optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type DirectoryQuery = z.infer<typeof DirectoryQuery>;

export const CapacityInput = z.strictObject({
  version,
  capacityFree: count,
  capacityTotal: count.optional(),
});

/* ---- agreements ---- */

/** mou: nota kesepahaman; pks: perjanjian kerja sama; naskah: naskah kerja sama (several parties) */
export const AGREEMENT_KINDS = ['mou', 'pks', 'naskah'] as const;
/** The role of an organisation in an agreement's text (decision 033); `mengetahui`: acknowledges it. */
export const AGREEMENT_PARTY_ROLES = [
  'pihak_pertama',
  'pihak_kedua',
  'pihak_ketiga',
  'pihak_keempat',
  'pihak_kelima',
  'pihak_keenam',
  'mengetahui',
] as const;
export type AgreementPartyRole = (typeof AGREEMENT_PARTY_ROLES)[number];
export const MAX_AGREEMENT_PARTIES = 20;
export const AGREEMENT_STATUSES = ['belum_berlaku', 'aktif', 'akan_berakhir', 'berakhir'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

const partyOrg = z.strictObject({ orgId: uuid, role: z.enum(AGREEMENT_PARTY_ROLES) });
/**
 * The positions that name one party each (Pihak Pertama, Kedua, …): only `mengetahui` may be held
 * by several organisations.
 */
export function isSinglePosition(role: string): boolean {
  return role !== 'mengetahui';
}

/** The first party position no one holds yet (`mengetahui` when all six are taken). */
export function firstFreePosition(taken: ReadonlyArray<{ role: string }>): AgreementPartyRole {
  return (
    AGREEMENT_PARTY_ROLES.find((r) => isSinglePosition(r) && !taken.some((p) => p.role === r)) ?? 'mengetahui'
  );
}

/**
 * The organisations that are parties, each once (`duplicate_party` on the second), and each
 * position other than `mengetahui` held by one of them (`duplicate_role` on the second).
 */
const partyOrgs = z
  .array(partyOrg)
  .min(1, 'required')
  .max(MAX_AGREEMENT_PARTIES, 'too_long')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    const held = new Set<string>();
    list.forEach((p, i) => {
      if (seen.has(p.orgId)) ctx.addIssue({ code: 'custom', message: 'duplicate_party', path: [i, 'orgId'] });
      seen.add(p.orgId);
      if (isSinglePosition(p.role) && held.has(p.role))
        ctx.addIssue({ code: 'custom', message: 'duplicate_role', path: [i, 'role'] });
      held.add(p.role);
    });
  });

const agreementFields = {
  /** the partner the agreement is recorded with (always one of its parties) */
  orgId: uuid,
  kind: z.enum(AGREEMENT_KINDS),
  number: reqText(100),
  /** the parties as the text names them; made from the party organisations when left out */
  parties: reqText(1000),
  subject: reqText(2000),
  startsOn: isoDate,
  endsOn: isoDate,
  /** the coordination meeting of the jurisdiction that decided it (null: none) */
  meetingId: uuid.nullable(),
};
const datesInOrder = (a: { startsOn?: string | undefined; endsOn?: string | undefined }) =>
  !a.startsOn || !a.endsOn || a.endsOn >= a.startsOn;

export const AgreementInput = z
  .strictObject({
    ...agreementFields,
    parties: agreementFields.parties.optional(),
    meetingId: agreementFields.meetingId.optional(),
    /**
     * every party with its role; without it the Dinas of the jurisdiction is `pihak_pertama` and
     * `orgId` `pihak_kedua`. `orgId` is added as `pihak_kedua` when missing.
     */
    partyOrgs: partyOrgs.optional(),
  })
  .refine(datesInOrder, { message: 'ends_before_start', path: ['endsOn'] });
export type AgreementInput = z.infer<typeof AgreementInput>;
/** The whole list of parties at once (add or remove one by sending the list without or with it). */
export const AgreementPartiesInput = z.strictObject({ version, partyOrgs });
export type AgreementPartiesInput = z.infer<typeof AgreementPartiesInput>;
export const AgreementUpdate = z
  .strictObject({ ...agreementFields, version })
  .omit({ orgId: true })
  .partial()
  .required({ version: true })
  .refine(datesInOrder, { message: 'ends_before_start', path: ['endsOn'] });
export type AgreementUpdate = z.infer<typeof AgreementUpdate>;
export const AgreementListQuery = z.strictObject({ orgId: uuid.optional() });

/** An agreement document: one PDF of at most 10 MB. */
export const MAX_AGREEMENT_DOCUMENT_BYTES = 10 * 1024 * 1024;
export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-';
}

/** Today's date (YYYY-MM-DD) in the time zone of a region. */
export { localDate } from './time.ts';

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Where an agreement stands on `today`; ending within AGREEMENT_WARN_DAYS is akan_berakhir. */
export function agreementStatus(a: { startsOn: string; endsOn: string }, today: string): AgreementStatus {
  if (today < a.startsOn) return 'belum_berlaku';
  if (today > a.endsOn) return 'berakhir';
  return daysBetween(today, a.endsOn) <= AGREEMENT_WARN_DAYS ? 'akan_berakhir' : 'aktif';
}

/* ---- requests to join ---- */

export const JOIN_REQUEST_STATUSES = ['baru', 'diterima', 'ditolak'] as const;
export type JoinRequestStatus = (typeof JOIN_REQUEST_STATUSES)[number];

const email = str().trim().toLowerCase().max(254, 'too_long').pipe(z.email('invalid_email'));
const phone = z
  .string()
  .trim()
  .max(30, 'too_long')
  .refine((s) => /^(\+62|62|0)[1-9][\d\s\-().]{6,18}$/.test(s), 'invalid_phone');

/** The public form (/gabung) as read from its fields. */
export const JoinRequestInput = z.strictObject({
  orgName: reqText(200),
  orgType: z.enum(codes(ORG_TYPES)),
  regionCode: z.string().regex(/^\d{2}\.\d{2}(\.\d{2})?$/, 'regency_required'),
  services: z.array(serviceCode).min(1, 'services_required').max(30),
  address: reqText(500),
  phone,
  email,
  contactName: reqText(200),
  contactPosition: text(200).nullish(),
  message: text(3000).nullish(),
  website: str().max(200).optional(),
});
export type JoinRequestInput = z.infer<typeof JoinRequestInput>;

export const JoinRequestListQuery = z.strictObject({
  status: z.enum(JOIN_REQUEST_STATUSES).optional(),
});

export const JoinApproveInput = z.strictObject({
  version,
  firstUser: z.strictObject({
    name: reqText(200),
    email,
    role: z.literal('mitra', { message: 'not_allowed' }).default('mitra'),
  }),
});
export const JoinRejectInput = z.strictObject({ version, note: reqText(2000) });

/* ---- partner performance ---- */

export const PerformanceQuery = z
  .strictObject({ from: isoDate, to: isoDate })
  .refine((q) => q.to >= q.from, { message: 'ends_before_start', path: ['to'] });
