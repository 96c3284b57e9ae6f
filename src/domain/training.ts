/**
 * Training and capacity (issue 12 §2, decision 030): training types (a national default list the
 * Dinas can add to), training events with topics, trainers and participants — Simpul users and
 * partner staff without an account — their attendance and completion, each person's record, the
 * Dinas's required training types per case role with an optional validity, and the gaps: case
 * officers and companions who have not completed a required type or whose completion expired.
 * Pure rules and input schemas; no I/O.
 */
import { z } from 'zod';
import { isoDate, reqText, text, uuid } from './schemas.ts';
import type { Label } from './taxonomies.ts';

/** The roles that handle cases; requirements and the gap view are about them. */
export const CASE_ROLES = ['pengaduan', 'manajer', 'pendamping'] as const;
export type CaseRole = (typeof CASE_ROLES)[number];
export const CASE_ROLE_LABELS: Record<CaseRole, Label> = {
  pengaduan: { id: 'Petugas pengaduan', en: 'Intake officer' },
  manajer: { id: 'Manajer kasus', en: 'Case manager' },
  pendamping: { id: 'Pendamping', en: 'Companion' },
};

export const TRAINING_MODES = ['luring', 'daring', 'campuran'] as const;
export type TrainingMode = (typeof TRAINING_MODES)[number];
export const TRAINING_MODE_LABELS: Record<TrainingMode, Label> = {
  luring: { id: 'Tatap muka', en: 'In person' },
  daring: { id: 'Daring (online)', en: 'Online' },
  campuran: { id: 'Campuran', en: 'Hybrid' },
};

export const ATTENDANCE = ['terdaftar', 'hadir', 'tidak_hadir'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
export const ATTENDANCE_LABELS: Record<Attendance, Label> = {
  terdaftar: { id: 'Terdaftar', en: 'Registered' },
  hadir: { id: 'Hadir', en: 'Attended' },
  tidak_hadir: { id: 'Tidak hadir', en: 'Absent' },
};

/** The most participants one event holds (a large Bimtek has a few hundred). */
export const MAX_PARTICIPANTS = 500;
/** The most trainers and topics one event lists. */
export const MAX_TRAINERS = 30;
export const MAX_TOPICS = 30;

const code = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'invalid_value');

export const TrainingTypeInput = z
  .strictObject({
    /** a short stable code: lowercase letters, digits and _ */
    code,
    name: reqText(200),
    description: text(1000).nullish(),
  })
  .meta({ id: 'TrainingTypeInput' });
export type TrainingTypeInput = z.infer<typeof TrainingTypeInput>;

export const TrainingTypePatch = z
  .strictObject({
    version: z.number().int().positive(),
    name: reqText(200).optional(),
    description: text(1000).nullish(),
    active: z.boolean().optional(),
  })
  .meta({ id: 'TrainingTypePatch' });
export type TrainingTypePatch = z.infer<typeof TrainingTypePatch>;

const Trainer = z.strictObject({ name: reqText(200), institution: text(200).nullish() });

const eventFields = {
  title: reqText(300),
  typeId: uuid,
  topics: z.array(reqText(200)).max(MAX_TOPICS, 'too_many').default([]),
  startsOn: isoDate,
  endsOn: isoDate,
  mode: z.enum(TRAINING_MODES, 'invalid_value'),
  /** the place (a hall, a hotel) or the online room's name; no link with a password */
  place: text(300).nullish(),
  organiserOrgId: uuid,
  trainers: z.array(Trainer).max(MAX_TRAINERS, 'too_many').default([]),
};
const datesInOrder = (x: { startsOn?: string | undefined; endsOn?: string | undefined }) =>
  x.startsOn === undefined || x.endsOn === undefined || x.endsOn >= x.startsOn;
/** A training lasts at most a year (a longer range is a typing error). */
const notTooLong = (x: { startsOn?: string | undefined; endsOn?: string | undefined }) =>
  x.startsOn === undefined ||
  x.endsOn === undefined ||
  Date.parse(`${x.endsOn}T00:00:00Z`) - Date.parse(`${x.startsOn}T00:00:00Z`) <= 366 * 86_400_000;

export const TrainingEventInput = z
  .strictObject(eventFields)
  .refine(datesInOrder, { message: 'ends_before_start', path: ['endsOn'] })
  .refine(notTooLong, { message: 'out_of_range', path: ['endsOn'] })
  .meta({ id: 'TrainingEventInput' });
export type TrainingEventInput = z.infer<typeof TrainingEventInput>;

export const TrainingEventPatch = z
  .strictObject({
    version: z.number().int().positive(),
    title: eventFields.title.optional(),
    typeId: uuid.optional(),
    topics: z.array(reqText(200)).max(MAX_TOPICS, 'too_many').optional(),
    startsOn: isoDate.optional(),
    endsOn: isoDate.optional(),
    mode: eventFields.mode.optional(),
    place: eventFields.place,
    organiserOrgId: uuid.optional(),
    trainers: z.array(Trainer).max(MAX_TRAINERS, 'too_many').optional(),
  })
  .refine(datesInOrder, { message: 'ends_before_start', path: ['endsOn'] })
  .refine(notTooLong, { message: 'out_of_range', path: ['endsOn'] })
  .meta({ id: 'TrainingEventPatch' });
export type TrainingEventPatch = z.infer<typeof TrainingEventPatch>;

export const TrainingEventQuery = z
  .strictObject({
    year: z.coerce.number().int().min(1900, 'out_of_range').max(2100, 'out_of_range').optional(),
    typeId: uuid.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
  })
  .meta({ id: 'TrainingEventQuery' });
export type TrainingEventQuery = z.infer<typeof TrainingEventQuery>;

/** A participant: a Simpul user by id, or a partner's staff member without an account (name and organisation). */
export const ParticipantInput = z
  .union([z.strictObject({ userId: uuid }), z.strictObject({ name: reqText(200), orgId: uuid })])
  .meta({ id: 'TrainingParticipantInput' });
export type ParticipantInput = z.infer<typeof ParticipantInput>;

export const ParticipantPatch = z
  .strictObject({
    version: z.number().int().positive(),
    attendance: z.enum(ATTENDANCE, 'invalid_value').optional(),
    /** lulus/selesai: only for someone who attended */
    completed: z.boolean().optional(),
    /** a participant without an account: the name as it should be printed */
    name: reqText(200).optional(),
  })
  .meta({ id: 'TrainingParticipantPatch' });
export type ParticipantPatch = z.infer<typeof ParticipantPatch>;

export const RequirementsInput = z
  .strictObject({
    /** the version of the set as read (0 when the Dinas has never saved one) */
    version: z.number().int().min(0),
    items: z
      .array(
        z.strictObject({
          typeId: uuid,
          roles: z.array(z.enum(CASE_ROLES, 'invalid_value')).min(1, 'required').max(3),
          /** a completion counts this many years after the training's last day; null: for good */
          validYears: z.number().int().min(1, 'out_of_range').max(20, 'out_of_range').nullable(),
        }),
      )
      .max(50, 'too_many'),
  })
  .meta({ id: 'TrainingRequirementsInput' });
export type RequirementsInput = z.infer<typeof RequirementsInput>;

/** The state of a merged attendance: may it be marked completed? */
export function completionAllowed(attendance: Attendance, completed: boolean): boolean {
  return !completed || attendance === 'hadir';
}

/** YYYY-MM-DD plus whole years (29 February falls on 28 February in a common year). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const ty = y + years;
  const last = new Date(Date.UTC(ty, m, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The day a completion stops counting: the anniversary of the training's last day after
 * `validYears` (from that day on it is expired); null when it counts for good.
 */
export function expiresOn(completedOn: string, validYears: number | null): string | null {
  return validYears === null ? null : addYears(completedOn, validYears);
}

export type GapStatus = 'belum' | 'kedaluwarsa';
export const GAP_STATUS_LABELS: Record<GapStatus, Label> = {
  belum: { id: 'Belum pernah', en: 'Never completed' },
  kedaluwarsa: { id: 'Sudah kedaluwarsa', en: 'Expired' },
};

/**
 * What a person still lacks: for each required type of their role, the latest completion (the
 * training's last day) — none is `belum`, one whose validity ended on or before `today` is
 * `kedaluwarsa`. A completion counts only when it is on or before today (a training not yet
 * ended does not count).
 */
export function trainingGaps(
  role: string,
  requirements: ReadonlyArray<{ typeId: string; role: string; validYears: number | null }>,
  completions: ReadonlyArray<{ typeId: string; completedOn: string }>,
  today: string,
): Array<{ typeId: string; status: GapStatus; lastCompletedOn: string | null; expiredOn: string | null }> {
  const out: Array<{
    typeId: string;
    status: GapStatus;
    lastCompletedOn: string | null;
    expiredOn: string | null;
  }> = [];
  for (const r of requirements) {
    if (r.role !== role) continue;
    let last: string | null = null;
    for (const c of completions)
      if (c.typeId === r.typeId && c.completedOn <= today && (last === null || c.completedOn > last))
        last = c.completedOn;
    if (last === null) {
      out.push({ typeId: r.typeId, status: 'belum', lastCompletedOn: null, expiredOn: null });
      continue;
    }
    const until = expiresOn(last, r.validYears);
    if (until !== null && until <= today)
      out.push({ typeId: r.typeId, status: 'kedaluwarsa', lastCompletedOn: last, expiredOn: until });
  }
  return out;
}
