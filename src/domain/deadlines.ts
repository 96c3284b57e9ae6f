/**
 * Deadlines from the time standards in domain.md §2.4. Pure: the use case gathers the facts,
 * this module says which tasks exist, when they are due and whether they are overdue.
 */
import type { Stage } from './stages.ts';
import { STAGES } from './stages.ts';
import type { Label } from './taxonomies.ts';
import { addWorkingDays, localDate, localDayStart, zoneOfRegion } from './time.ts';

const HOUR = 3600_000;

/** "Segera" (immediately) is read as within one hour of receipt; see docs/decisions/004. */
export const HIGH_RISK_RESPONSE_MS = 1 * HOUR;
export const MEDIUM_RISK_RESPONSE_MS = 6 * HOUR;
export const POLICE_REPORT_MS = 72 * HOUR; // UU TPKS Pasal 41: 3×24 jam
export const FOLLOW_UP_WORKING_DAYS = 3; // Probolinggo SOP
export const RESTITUTION_DAYS = 30; // UU TPKS Pasal 33

export type DeadlineRule =
  | 'respon_risiko_tinggi'
  | 'respon_risiko_sedang'
  | 'tindak_lanjut'
  | 'lapor_polisi_tpks'
  | 'restitusi';

export const DEADLINE_LABELS: Record<DeadlineRule, Label> = {
  respon_risiko_tinggi: { id: 'Layani segera (risiko tinggi)', en: 'Serve immediately (high risk)' },
  respon_risiko_sedang: {
    id: 'Layani dalam 6 jam (risiko sedang)',
    en: 'Serve within 6 hours (medium risk)',
  },
  tindak_lanjut: {
    id: 'Tindak lanjut pengaduan dalam 3 hari kerja',
    en: 'Follow up the complaint within 3 working days',
  },
  lapor_polisi_tpks: {
    id: 'Laporkan ke kepolisian dalam 3×24 jam (UU TPKS Pasal 41)',
    en: 'Report to police within 3×24 hours (TPKS Law art. 41)',
  },
  restitusi: {
    id: 'Pembayaran restitusi paling lambat 30 hari setelah putusan',
    en: 'Restitution paid within 30 days of the court decision',
  },
};

export type DeadlineFacts = {
  receivedAt: Date;
  regionCode: string;
  stage: Stage;
  risk: string | null;
  /** any incident has the form "seksual" or a TPKS offence */
  sexualViolence: boolean;
  /** when the first service was delivered, if any */
  firstServiceAt: Date | null;
  /** when the case first reached the assessment stage, if it has */
  assessmentStartedAt: Date | null;
  /** when a "lapor_polisi" service was delivered, if it was */
  policeReportedAt: Date | null;
  /** restitution rights with a court decision date */
  restitutions: ReadonlyArray<{ victimId: string; decisionDate: Date; fulfilledAt: Date | null }>;
  closedAt: Date | null;
  /** national holidays and cuti bersama (YYYY-MM-DD) the working days skip */
  holidays?: ReadonlySet<string>;
};

export type Task = {
  rule: DeadlineRule;
  dueAt: Date;
  doneAt: Date | null;
  /** past due and not done (a closed case has no overdue tasks) */
  overdue: boolean;
  subjectId?: string;
};

function earliest(...ds: Array<Date | null>): Date | null {
  const xs = ds.filter((d): d is Date => d !== null);
  if (xs.length === 0) return null;
  return new Date(Math.min(...xs.map((d) => d.getTime())));
}

/**
 * The first service that answers a case: services are recorded with a day only, and one dated
 * before the day the case was received (a victim who saw a doctor before she came) is not the
 * unit's response — it must not silence a high-risk case's one-hour deadline.
 */
export function firstResponseService(
  serviceDays: readonly Date[],
  receivedAt: Date,
  regionCode: string,
): Date | null {
  const receivedDay = localDayStart(localDate(receivedAt, regionCode), regionCode).getTime();
  const after = serviceDays
    .filter((d) => d.getTime() >= receivedDay)
    .sort((a, b) => a.getTime() - b.getTime());
  return after[0] ?? null;
}

export function computeTasks(f: DeadlineFacts, now: Date): Task[] {
  const tasks: Task[] = [];
  const mk = (rule: DeadlineRule, dueAt: Date, doneAt: Date | null, subjectId?: string) => {
    const overdue = doneAt === null && f.closedAt === null && now.getTime() > dueAt.getTime();
    tasks.push({ rule, dueAt, doneAt, overdue, ...(subjectId ? { subjectId } : {}) });
  };
  const responded = earliest(f.firstServiceAt, f.assessmentStartedAt);
  if (f.risk === 'tinggi')
    mk('respon_risiko_tinggi', new Date(f.receivedAt.getTime() + HIGH_RISK_RESPONSE_MS), responded);
  if (f.risk === 'sedang')
    mk('respon_risiko_sedang', new Date(f.receivedAt.getTime() + MEDIUM_RISK_RESPONSE_MS), responded);
  mk(
    'tindak_lanjut',
    addWorkingDays(f.receivedAt, FOLLOW_UP_WORKING_DAYS, zoneOfRegion(f.regionCode), f.holidays),
    f.assessmentStartedAt,
  );
  if (f.sexualViolence)
    mk('lapor_polisi_tpks', new Date(f.receivedAt.getTime() + POLICE_REPORT_MS), f.policeReportedAt);
  for (const r of f.restitutions) {
    mk(
      'restitusi',
      new Date(r.decisionDate.getTime() + RESTITUTION_DAYS * 24 * HOUR),
      r.fulfilledAt,
      r.victimId,
    );
  }
  return tasks;
}

export function stageAtLeast(stage: Stage, min: Stage): boolean {
  return STAGES.indexOf(stage) >= STAGES.indexOf(min);
}

/* ---- Deadline notices (decision 013) ---- */

const MINUTE = 60_000;
const DAY = 24 * HOUR;

/**
 * How long before a response deadline the kab/kota's case managers are warned ('dekat'). Only
 * the response deadlines of high and medium risk get an early warning; the scan runs every five
 * minutes, so a warning arrives at most five minutes late.
 */
export const NEAR_WARNING_MS: Partial<Record<DeadlineRule, number>> = {
  respon_risiko_tinggi: 30 * MINUTE,
  respon_risiko_sedang: 2 * HOUR,
};

/**
 * How long a task may stay overdue before the leadership (`pimpinan`) and the Dinas admin
 * (`admin-dinas`) of the kab/kota are told ('eskalasi'): as long again as the response itself
 * allows for the two response deadlines, two days for the follow-up, one day for the police
 * report (which is already three days late by then) and a week for restitution.
 */
export const ESCALATE_AFTER_MS: Record<DeadlineRule, number> = {
  respon_risiko_tinggi: HIGH_RISK_RESPONSE_MS,
  respon_risiko_sedang: MEDIUM_RISK_RESPONSE_MS,
  tindak_lanjut: 2 * DAY,
  lapor_polisi_tpks: 1 * DAY,
  restitusi: 7 * DAY,
};

/** 'dekat': the deadline is near; 'terlambat': overdue; 'eskalasi': overdue past ESCALATE_AFTER_MS. */
export const ALERT_PHASES = ['dekat', 'terlambat', 'eskalasi'] as const;
export type AlertPhase = (typeof ALERT_PHASES)[number];

/**
 * Which notices about a task are due at `now` (whether or not they were already sent): none for a
 * task that is done or a case that is closed.
 */
export function alertPhasesDue(task: Task, caseClosed: boolean, now: Date): AlertPhase[] {
  if (task.doneAt !== null || caseClosed) return [];
  const due = task.dueAt.getTime();
  const t = now.getTime();
  const out: AlertPhase[] = [];
  const near = NEAR_WARNING_MS[task.rule];
  if (near !== undefined && t >= due - near) out.push('dekat');
  if (t > due) out.push('terlambat');
  if (t > due + ESCALATE_AFTER_MS[task.rule]) out.push('eskalasi');
  return out;
}

/** Order of risk levels in work queues: high first, then medium, low, not yet assessed. */
export function riskRank(risk: string | null): number {
  const i = ['tinggi', 'sedang', 'rendah'].indexOf(risk ?? '');
  return i === -1 ? 3 : i;
}
