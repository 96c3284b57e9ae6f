/**
 * Prevention activities and campaigns (issue 12 §1; decision 029): what an activity and a
 * campaign hold, the checks on what is sent (dates, participant counts, places), the status
 * machine and the rule that says which activities count in the coverage. Pure: no I/O, no clock.
 */
import { z } from 'zod';
import {
  ACTIVITY_KINDS,
  ACTIVITY_SETTINGS,
  type ActivityStatus,
  FOLLOWUP_STATUSES,
  PREVENTION_FIELDS,
  type ReviewState,
  SCHOOL_SETTINGS,
  TARGET_GROUPS,
} from './prevention-codes.ts';
import { isoDate, patchOf, regionCode, reqText, text, uuid, version } from './schemas.ts';
import { zoneOffsetHours } from './time.ts';

const codesOf = <C extends string>(l: ReadonlyArray<{ code: C }>) => l.map((x) => x.code) as [C, ...C[]];

/**
 * A count above this in one cell of one activity (e.g. girls at one village session) is a typing
 * mistake, not a crowd: a stadium event is the largest prevention activity a Dinas holds.
 */
export const MAX_PARTICIPANTS_PER_CELL = 10_000;
/** A campaign's target of people reached, per group (a large province's children). */
export const MAX_TARGET_PEOPLE = 10_000_000;
/** A campaign's target number of activities. */
export const MAX_TARGET_ACTIVITIES = 10_000;
/**
 * A campaign's target number of schools: a large kab/kota has about 2 000 schools (SD to SMA and
 * madrasah); a province's campaign may count more. The target desa are bounded by the region table.
 */
export const MAX_TARGET_SCHOOLS = 20_000;
/** An activity lasts at most this many days (a typed year 2062 is caught). */
export const MAX_ACTIVITY_DAYS = 31;
/**
 * "Desa with many reported cases and no prevention activity": at least this many cases reported
 * from the desa in the 12 local months up to the coverage period's end (decision 029).
 */
export const HIGH_CASE_THRESHOLD = 3;

/**
 * A required field left out or sent empty answers `required` ("Wajib diisi"), not the code of the
 * format it failed (a blank select is not an unknown choice, a blank date not an invalid one).
 */
const missingIs =
  (fallback?: string) =>
  (iss: { input?: unknown }): string | undefined =>
    iss.input === undefined || iss.input === null || iss.input === '' ? 'required' : fallback;
const requiredEnum = <C extends string>(values: [C, ...C[]]) => z.enum(values, { error: missingIs() });

/** One participant count: a whole number 0…10 000 (field codes say which rule failed). */
export const participantCount = z
  .number({ error: missingIs('not_whole_number') })
  .int('not_whole_number')
  .min(0, 'negative_count')
  .max(MAX_PARTICIPANTS_PER_CELL, 'participants_too_large');

/** Participants by sex × age group (anak < 18 tahun, dewasa ≥ 18 tahun). */
export const Participants = z.strictObject({
  childrenMale: participantCount,
  childrenFemale: participantCount,
  adultsMale: participantCount,
  adultsFemale: participantCount,
});
export type Participants = z.infer<typeof Participants>;

export function participantTotal(p: Participants): number {
  return p.childrenMale + p.childrenFemale + p.adultsMale + p.adultsFemale;
}

/** A local date and time `YYYY-MM-DDTHH:mm` (what a datetime-local field sends), read in the region's zone. */
export const localDateTimeInput = z
  .string({ error: missingIs() })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: missingIs('invalid_datetime') })
  .refine((s) => isoDate.safeParse(s.slice(0, 10)).success, 'invalid_datetime')
  .refine((s) => Number(s.slice(11, 13)) < 24 && Number(s.slice(14, 16)) < 60, 'invalid_datetime')
  .refine((s) => s >= '2000-01-01' && s <= '2100-12-31', 'invalid_datetime');

/** The instant of a local `YYYY-MM-DDTHH:mm` in the zone of a region. */
export function localInstant(local: string, region: string): Date {
  return new Date(Date.parse(`${local}:00Z`) - zoneOffsetHours(region) * 3600_000);
}

/** The local `YYYY-MM-DDTHH:mm` of an instant in the zone of a region. */
export function localInput(at: Date, region: string): string {
  return new Date(at.getTime() + zoneOffsetHours(region) * 3600_000).toISOString().slice(0, 16);
}

const Facilitator = z.union([z.strictObject({ userId: uuid }), z.strictObject({ name: reqText(200) })]);
const Followup = z.strictObject({
  text: reqText(1000),
  status: z.enum(codesOf(FOLLOWUP_STATUSES)).default('belum'),
});

/** A desa code that is required (blank: `required`; malformed: `invalid_region`). */
const requiredRegionCode = z
  .string({ error: missingIs() })
  .regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, { error: missingIs('invalid_region') });

const activityFields = {
  title: reqText(200),
  campaignId: uuid.nullish(),
  kind: requiredEnum(codesOf(ACTIVITY_KINDS)),
  kindOther: text(100).nullish(),
  field: requiredEnum(codesOf(PREVENTION_FIELDS)),
  setting: requiredEnum(codesOf(ACTIVITY_SETTINGS)),
  targetGroups: z
    .array(z.enum(codesOf(TARGET_GROUPS)))
    .max(TARGET_GROUPS.length, 'too_many')
    .default([]),
  startsAt: localDateTimeInput,
  endsAt: localDateTimeInput,
  /** the desa/kelurahan where it takes place (inside the record's kab/kota) */
  regionCode: requiredRegionCode,
  rtRw: text(40).nullish(),
  /**
   * the place's own name (a school, a mosque, a hall). At a school (setting sekolah/pesantren) the
   * school is named either by `schoolOrgId` or, when not registered, by this name (decision 029).
   */
  placeName: text(200).nullish(),
  /** the school, when it is an organisation of type sekolah (only kept for a school setting) */
  schoolOrgId: uuid.nullish(),
  /** the organiser (Dinas staff may name one of the jurisdiction; a partner always organises its own) */
  organiserOrgId: uuid.nullish(),
  partnerOrgIds: z.array(uuid).max(20, 'too_many').default([]),
  facilitators: z.array(Facilitator).max(30, 'too_many').default([]),
  description: text(4000).default(''),
  followups: z.array(Followup).max(30, 'too_many').default([]),
};

/**
 * Reported with the other problems of the same request (not only once they are fixed): an end
 * before the start. Local times of one zone compare as strings.
 */
const endsAfterStart = (start: string, end: string) => ({
  path: [end],
  message: 'ends_before_start',
  when: (p: { value: unknown }) => {
    const v = p.value as Record<string, unknown> | null;
    return typeof v?.[start] === 'string' && typeof v?.[end] === 'string';
  },
});

export const ActivityInput = z
  .strictObject(activityFields)
  .refine((v) => v.endsAt >= v.startsAt, endsAfterStart('startsAt', 'endsAt'));
export type ActivityInput = z.infer<typeof ActivityInput>;

export const ActivityUpdate = patchOf(z.strictObject(activityFields)).extend({
  version,
  /** counts may be corrected once held */
  participants: Participants.optional(),
  reportNotes: text(4000).nullish(),
});
export type ActivityUpdate = z.infer<typeof ActivityUpdate>;

export const ActivityTransition = z.strictObject({
  version,
  to: z.enum(['terlaksana', 'dilaporkan', 'dibatalkan']),
  participants: Participants.optional(),
  reportNotes: text(4000).nullish(),
  /** why it was cancelled (required for dibatalkan) */
  reason: text(1000).nullish(),
});
export type ActivityTransition = z.infer<typeof ActivityTransition>;

export const ActivityReview = z.strictObject({
  version,
  decision: z.enum(['diterima', 'dikembalikan']),
  /** what to correct (required for dikembalikan) */
  note: text(1000).nullish(),
});
export type ActivityReview = z.infer<typeof ActivityReview>;

export const ActivityListQuery = z.strictObject({
  campaign: uuid.optional(),
  status: z.enum(['direncanakan', 'terlaksana', 'dilaporkan', 'dibatalkan']).optional(),
  kind: z.enum(codesOf(ACTIVITY_KINDS)).optional(),
  /** a kecamatan or desa code (its activities) */
  region: regionCode.optional(),
  /** reports awaiting the Dinas's acceptance */
  review: z.enum(['menunggu', 'diterima', 'dikembalikan']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type ActivityListQuery = z.infer<typeof ActivityListQuery>;

const targetCount = (max: number, tooLarge: string) =>
  z
    .number({ message: 'not_whole_number' })
    .int('not_whole_number')
    .min(0, 'negative_count')
    .max(max, tooLarge);

const CampaignSchool = z.union([z.strictObject({ orgId: uuid }), z.strictObject({ name: reqText(200) })]);

const campaignFields = {
  name: reqText(200),
  startsOn: isoDate,
  endsOn: isoDate,
  description: text(4000).default(''),
  targetDesa: z.array(regionCode).max(2000, 'too_many').default([]),
  targetSchools: z.array(CampaignSchool).max(500, 'too_many').default([]),
  targets: z
    .strictObject({
      children: targetCount(MAX_TARGET_PEOPLE, 'target_people_too_large').nullish(),
      adults: targetCount(MAX_TARGET_PEOPLE, 'target_people_too_large').nullish(),
      activities: targetCount(MAX_TARGET_ACTIVITIES, 'target_activities_too_large').nullish(),
      /** at most the desa/kelurahan of the campaign's region (checked against the region table) */
      desa: targetCount(100_000, 'target_desa_too_large').nullish(),
      schools: targetCount(MAX_TARGET_SCHOOLS, 'target_schools_too_large').nullish(),
    })
    .default({}),
};
export const CampaignInput = z
  .strictObject(campaignFields)
  .refine((v) => v.endsOn >= v.startsOn, endsAfterStart('startsOn', 'endsOn'));
export type CampaignInput = z.infer<typeof CampaignInput>;
export const CampaignUpdate = patchOf(z.strictObject(campaignFields))
  .extend({ version })
  .refine((v) => v.endsOn! >= v.startsOn!, endsAfterStart('startsOn', 'endsOn'));
export type CampaignUpdate = z.infer<typeof CampaignUpdate>;

export const CoverageQuery = z.strictObject({
  /** a kab/kota; a kab/kota's own staff may leave it out */
  jurisdiction: z
    .string()
    .regex(/^\d{2}\.\d{2}$/, 'kabkota_required')
    .optional(),
  from: isoDate,
  to: isoDate,
  campaign: uuid.optional(),
});
export type CoverageQuery = z.infer<typeof CoverageQuery>;

/** Longest coverage period: five years (one RAD period). */
export const MAX_COVERAGE_DAYS = 5 * 366;

export type ActivityState = { status: ActivityStatus; review: ReviewState | null };

/**
 * Whether a status change is allowed: planned → held → reported; planned or held → reported in one
 * step (a report after the fact); planned → cancelled. A returned report (review dikembalikan) is
 * back at held and may be reported again.
 */
export function canMove(from: ActivityStatus, to: ActivityTransition['to']): boolean {
  if (to === 'terlaksana') return from === 'direncanakan';
  if (to === 'dilaporkan') return from === 'direncanakan' || from === 'terlaksana';
  return from === 'direncanakan';
}

/**
 * An activity counts in the coverage (reached desa, people, schools) once it is reported and, when
 * a partner reported it, accepted by the Dinas: a report awaiting acceptance or returned does not.
 */
export function countsInCoverage(a: ActivityState): boolean {
  return a.status === 'dilaporkan' && (a.review === null || a.review === 'diterima');
}

/** The checks on a span of an activity, as field codes (empty = fine). */
export function spanProblems(startsAt: Date, endsAt: Date): Record<string, string> {
  if (endsAt.getTime() < startsAt.getTime()) return { endsAt: 'ends_before_start' };
  if (endsAt.getTime() - startsAt.getTime() > MAX_ACTIVITY_DAYS * 86_400_000)
    return { endsAt: 'activity_too_long' };
  return {};
}

/**
 * How a school is identified (decision 029): an activity whose setting is a school (sekolah,
 * pesantren) names its school either as a registered organisation of type sekolah (`schoolOrgId`,
 * preferred: two activities at one school count once however its name is typed) or, when the
 * school is not registered, by the place name (compared without case and spaces at the ends).
 * Without either it is refused (`school_required`), so every activity at a school counts as a school
 * reached. An activity of another setting reaches no school (an organisation picked is not kept).
 */
export function schoolOf(a: {
  setting: string;
  schoolOrgId: string | null;
  schoolOrgName: string | null;
  placeName: string | null;
}): { key: string; orgId: string | null; name: string } | null {
  if (!SCHOOL_SETTINGS.includes(a.setting)) return null;
  if (a.schoolOrgId) return { key: a.schoolOrgId, orgId: a.schoolOrgId, name: a.schoolOrgName ?? '' };
  const name = a.placeName?.trim();
  return name ? { key: `name:${name.toLowerCase()}`, orgId: null, name } : null;
}

/** The check on a school setting's school (field codes; empty = fine). */
export function schoolProblems(a: {
  setting: string;
  schoolOrgId: string | null | undefined;
  placeName: string | null | undefined;
}): Record<string, string> {
  if (!SCHOOL_SETTINGS.includes(a.setting)) return {};
  return a.schoolOrgId || a.placeName?.trim() ? {} : { schoolOrgId: 'school_required' };
}
