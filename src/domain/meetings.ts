/**
 * Coordination meetings and case conferences, their decisions and follow-up actions (issue 12 §3,
 * decision 031). Pure rules and input schemas: kinds, states, the meeting's local date and times,
 * the follow-up's status rules and reminder phases.
 */
import { z } from 'zod';
import { roleCan } from './capabilities.ts';
import { ROLES, type Role } from './policy.ts';
import { isoDate, reqText, text, uuid, version } from './schemas.ts';
import type { Label } from './taxonomies.ts';
import { localDate, localDayStart, zoneOffsetHours } from './time.ts';

export const MEETING_KINDS = [
  'rakor_lintas_sektor',
  'rapat_gugus_tugas',
  'case_conference',
  'evaluasi',
  'lainnya',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, Label> = {
  rakor_lintas_sektor: { id: 'Rapat koordinasi lintas sektor', en: 'Cross-sector coordination meeting' },
  rapat_gugus_tugas: { id: 'Rapat gugus tugas', en: 'Task force meeting' },
  case_conference: { id: 'Case conference (konferensi kasus)', en: 'Case conference' },
  evaluasi: { id: 'Rapat evaluasi', en: 'Evaluation meeting' },
  lainnya: { id: 'Rapat lainnya', en: 'Other meeting' },
};

export const MEETING_STATUSES = ['direncanakan', 'berlangsung', 'selesai', 'dibatalkan'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Record<MeetingStatus, Label> = {
  direncanakan: { id: 'Direncanakan', en: 'Planned' },
  berlangsung: { id: 'Berlangsung', en: 'In progress' },
  selesai: { id: 'Selesai (notulen final)', en: 'Held (minutes final)' },
  dibatalkan: { id: 'Dibatalkan', en: 'Cancelled' },
};
const MEETING_MOVES: Record<MeetingStatus, readonly MeetingStatus[]> = {
  direncanakan: ['berlangsung', 'selesai', 'dibatalkan'],
  berlangsung: ['selesai', 'dibatalkan'],
  selesai: [],
  dibatalkan: [],
};
export function canMoveMeeting(from: MeetingStatus, to: MeetingStatus): boolean {
  return MEETING_MOVES[from].includes(to);
}

export const FOLLOWUP_STATUSES = ['belum', 'berjalan', 'selesai', 'batal'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];
export const FOLLOWUP_STATUS_LABELS: Record<FollowupStatus, Label> = {
  belum: { id: 'Belum dikerjakan', en: 'Not started' },
  berjalan: { id: 'Berjalan', en: 'In progress' },
  selesai: { id: 'Selesai', en: 'Done' },
  batal: { id: 'Batal', en: 'Cancelled' },
};
export const OPEN_FOLLOWUP: readonly FollowupStatus[] = ['belum', 'berjalan'];

/** Reminders: this many local days before the due date, the day after it, and escalation after this many days overdue. */
export const FOLLOWUP_REMIND_DAYS_BEFORE = 3;
export const FOLLOWUP_ESCALATE_DAYS = 7;
export type FollowupPhase = 'dekat' | 'terlambat' | 'eskalasi';

/** Who of the owner organisation is told about its follow-ups: its staff who do coordination work (mitra too). */
export const FOLLOWUP_OWNER_ROLES: readonly Role[] = ROLES.filter((r) => roleCan(r, 'coord:read'));
/** Who is told of a long-overdue follow-up: the organising Dinas's coordinators and its leadership. */
export const FOLLOWUP_ESCALATION_ROLES: readonly Role[] = [
  ...ROLES.filter((r) => roleCan(r, 'coord:manage')),
  'pimpinan',
];

const DAY = 86_400_000;
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** Days a follow-up is past its due date on local day `today` (0 when not overdue or closed). */
export function daysOverdue(f: { dueOn: string; status: string }, today: string): number {
  if (!OPEN_FOLLOWUP.includes(f.status as FollowupStatus)) return 0;
  const d = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${f.dueOn}T00:00:00Z`)) / DAY);
  return Math.max(0, d);
}

/**
 * Which reminder phases are due for an open follow-up on local day `today`: `dekat` from
 * FOLLOWUP_REMIND_DAYS_BEFORE days before the due date up to it, `terlambat` from the day after
 * it, `eskalasi` once it has stayed overdue FOLLOWUP_ESCALATE_DAYS days. A phase is sent once
 * (claimed); a near-due notice is not sent once the follow-up is already overdue.
 */
export function followupPhasesDue(f: { dueOn: string; status: string }, today: string): FollowupPhase[] {
  if (!OPEN_FOLLOWUP.includes(f.status as FollowupStatus)) return [];
  const out: FollowupPhase[] = [];
  if (today > f.dueOn) out.push('terlambat');
  else if (today >= addDays(f.dueOn, -FOLLOWUP_REMIND_DAYS_BEFORE)) out.push('dekat');
  if (today >= addDays(f.dueOn, FOLLOWUP_ESCALATE_DAYS)) out.push('eskalasi');
  return out;
}

/** A meeting's local date and times to the instants stored (the jurisdiction's zone). */
export function meetingInstants(
  jurisdiction: string,
  date: string,
  startTime: string,
  endTime: string | null | undefined,
): { startsAt: Date; endsAt: Date | null } {
  const day = localDayStart(date, jurisdiction).getTime();
  const at = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    return new Date(day + (h * 60 + m) * 60_000);
  };
  return { startsAt: at(startTime), endsAt: endTime ? at(endTime) : null };
}

/** The local date and HH:mm of an instant in the jurisdiction's zone. */
export function localParts(at: Date, jurisdiction: string): { date: string; time: string } {
  const local = new Date(at.getTime() + zoneOffsetHours(jurisdiction) * 3600_000).toISOString();
  return { date: localDate(at, jurisdiction), time: local.slice(11, 16) };
}

// ---- inputs

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_time');
const link = z
  .string()
  .trim()
  .max(500, 'too_long')
  .refine((s) => /^https:\/\/[^\s<>"']+$/i.test(s), 'invalid_url');

export const ParticipantInput = z
  .strictObject({
    /** a Simpul user (their name comes from the account) */
    userId: uuid.optional(),
    /** someone outside Simpul: the name as typed (kept encrypted) */
    name: text(150).optional(),
    /** an organisation in Simpul */
    orgId: uuid.optional(),
    /** or the organisation's name as typed */
    orgName: text(200).optional(),
    invited: z.boolean().default(false),
    attended: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    if (!p.userId && !p.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'required' });
    if (p.userId && p.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'user_or_name' });
    if (!p.userId && !p.orgId && !p.orgName)
      ctx.addIssue({ code: 'custom', path: ['orgName'], message: 'required' });
    if (!p.invited && !p.attended)
      ctx.addIssue({ code: 'custom', path: ['attended'], message: 'invited_or_attended' });
  });
export type ParticipantInput = z.infer<typeof ParticipantInput>;

const meetingFields = {
  kind: z.enum(MEETING_KINDS),
  title: reqText(300),
  /** the local date in the jurisdiction's zone */
  date: isoDate,
  startTime: time,
  endTime: time.nullable().optional(),
  place: text(300).nullable().optional(),
  onlineLink: link.nullable().optional(),
  /** the organiser; default the Dinas of the person creating it */
  organiserOrgId: uuid.optional(),
  invitedOrgIds: z.array(uuid).max(100, 'too_many').default([]),
  agenda: z.array(reqText(500)).max(50, 'too_many').default([]),
};

function checkTimes(
  m: { startTime?: string | undefined; endTime?: string | null | undefined },
  ctx: z.RefinementCtx,
) {
  if (m.startTime && m.endTime && m.endTime <= m.startTime)
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'end_time_before_start' });
}

export const MeetingInput = z.strictObject(meetingFields).superRefine((m, ctx) => {
  checkTimes(m, ctx);
  if (!m.place && !m.onlineLink)
    ctx.addIssue({ code: 'custom', path: ['place'], message: 'place_or_link_required' });
});
export type MeetingInput = z.infer<typeof MeetingInput>;

export const MeetingUpdate = z
  .strictObject({
    version,
    kind: meetingFields.kind.optional(),
    title: meetingFields.title.optional(),
    date: isoDate.optional(),
    startTime: time.optional(),
    endTime: meetingFields.endTime,
    place: meetingFields.place,
    onlineLink: meetingFields.onlineLink,
    invitedOrgIds: z.array(uuid).max(100, 'too_many').optional(),
    agenda: z.array(reqText(500)).max(50, 'too_many').optional(),
    /** the general minutes, written without names of people in cases */
    minutes: text(50_000).nullable().optional(),
  })
  .superRefine(checkTimes);
export type MeetingUpdate = z.infer<typeof MeetingUpdate>;

export const MeetingStatusInput = z
  .strictObject({
    version,
    status: z.enum(MEETING_STATUSES),
    reason: text(1000).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.status === 'dibatalkan' && !m.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required' });
  });

export const ParticipantsInput = z.strictObject({
  version,
  participants: z.array(ParticipantInput).max(300, 'too_many'),
});

export const FollowupInput = z.strictObject({
  action: reqText(2000),
  ownerOrgId: uuid,
  ownerUserId: uuid.nullable().optional(),
  /** local day */
  dueOn: isoDate,
});
export type FollowupInput = z.infer<typeof FollowupInput>;

export const DecisionInput = z.strictObject({
  body: reqText(5000),
  followups: z.array(FollowupInput).max(20, 'too_many').default([]),
});
export type DecisionInput = z.infer<typeof DecisionInput>;

export const DecisionUpdate = z.strictObject({ version, body: reqText(5000) });

export const FollowupUpdate = z.strictObject({
  version,
  action: reqText(2000).optional(),
  ownerOrgId: uuid.optional(),
  ownerUserId: uuid.nullable().optional(),
  dueOn: isoDate.optional(),
});
export type FollowupUpdate = z.infer<typeof FollowupUpdate>;

/** A progress note, optionally moving the status. `selesai` needs a note (or evidence already attached); `batal` a reason. */
export const FollowupProgressInput = z.strictObject({
  version,
  status: z.enum(FOLLOWUP_STATUSES).optional(),
  note: text(5000).optional(),
});
export type FollowupProgressInput = z.infer<typeof FollowupProgressInput>;

/** The field error of a status change, or null when it may be made. */
export function followupStatusProblem(
  to: FollowupStatus,
  o: { note: string | undefined; evidenceFiles: number },
): { field: string; code: string } | null {
  if (to === 'batal' && !o.note) return { field: 'note', code: 'reason_required' };
  if (to === 'selesai' && !o.note && o.evidenceFiles === 0)
    return { field: 'note', code: 'evidence_required' };
  return null;
}

export const CasePartInput = z.strictObject({
  /** the discussion of this case: names, facts, what was agreed for it */
  discussion: reqText(20_000),
  /** the case part's version when changing it */
  version: version.optional(),
});

const bool = z.enum(['true', 'false']).transform((s) => s === 'true');
export const MeetingListQuery = z.strictObject({
  status: z.enum(MEETING_STATUSES).optional(),
  kind: z.enum(MEETING_KINDS).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type MeetingListQuery = z.infer<typeof MeetingListQuery>;

export const FollowupListQuery = z.strictObject({
  status: z.enum(FOLLOWUP_STATUSES).optional(),
  ownerOrgId: uuid.optional(),
  overdue: bool.optional(),
  /** only my organisation's */
  mine: bool.optional(),
  meetingId: uuid.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export type FollowupListQuery = z.infer<typeof FollowupListQuery>;
/** The follow-up list as a PDF: the list's filters, every page. */
export const FollowupReportQuery = FollowupListQuery.omit({ page: true, pageSize: true });
export type FollowupReportQuery = z.infer<typeof FollowupReportQuery>;

/** The PDF's title: "Notulen Rapat Koordinasi …". */
export function minutesTitle(m: { kind: MeetingKind; title: string }): string {
  // a title that already names the meeting ("Case conference penanganan …", "Rapat koordinasi …",
  // "Rakor …") is not preceded by the kind again (review 12)
  if (/^(case[\s-]*conference|konferensi kasus|rapat|rakor)\b/i.test(m.title.trim()))
    return `Notulen ${m.title.trim()}`;
  const base = m.kind === 'case_conference' ? 'Notulen Case Conference' : 'Notulen Rapat Koordinasi';
  return `${base} ${m.title}`;
}
