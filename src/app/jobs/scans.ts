/**
 * Deadline scans, run by the job worker every five minutes (issue 4 §1, §2):
 * - halfway to its acceptance due time, a referral still waiting reminds the recipient's staff;
 * - a referral still not accepted after its acceptance due time, or not completed after its
 *   completion due time, is escalated once to the referring user, the case manager and the
 *   recipient organisation's `mitra` and `manajer` users (`rujukan_terlambat`);
 * - a cooperation agreement ending within AGREEMENT_WARN_DAYS is announced once to the Dinas
 *   admins of its jurisdiction (`kerja_sama_berakhir`);
 * - a local regulation's review or expiry date within 60 days is announced once to its Dinas's
 *   coordination managers (`regulasi_perlu_ditinjau`, `regulasi_akan_berakhir`; decision 033);
 * - case tasks (src/domain/deadlines.ts): a high- or medium-risk response deadline that is near
 *   (`tenggat_respons_dekat`) or past, and any task overdue (`tugas_kasus_terlambat`), told to the
 *   people taskAlertAudience() names; past the escalation threshold the leadership and the Dinas
 *   admin (`tugas_kasus_eskalasi`). Claimed once per case, task and phase (decision 013).
 * - once a day, the audit chain's head to the auditors (src/app/audit/send-audit-head.ts).
 * Each notice is claimed by a conditional update in the same transaction as the notification
 * rows and their delivery jobs, so running a scan twice, or in two processes, tells people once.
 */
import { pruneRateLimits, pruneReceipts } from '../../db/intake.repository.ts';
import {
  activeUsersInJurisdiction,
  activeUsersOfOrg,
  usersWorkingIn,
} from '../../db/notification.repository.ts';
import {
  acceptReminderIds,
  type CaseAlertCutoffs,
  caseAlertTarget,
  caseTaskAlertCandidates,
  claimAcceptReminder,
  claimCaseTaskNotice,
  claimExpiryWarning,
  claimOverdueNotice,
  endingAgreementIds,
  type OverduePhase,
  overdueReferralIds,
  type ReceivedCutoffs,
} from '../../db/reminder.repository.ts';
import { pruneGuessCounters } from '../../db/user.repository.ts';
import {
  type AlertPhase,
  alertPhasesDue,
  type DeadlineRule,
  ESCALATE_AFTER_MS,
  FOLLOW_UP_WORKING_DAYS,
  HIGH_RISK_RESPONSE_MS,
  MEDIUM_RISK_RESPONSE_MS,
  NEAR_WARNING_MS,
  POLICE_REPORT_MS,
  RESTITUTION_DAYS,
} from '../../domain/deadlines.ts';
import { ESCALATION_ROLES, taskAlertAudience } from '../../domain/policy.ts';
import { AGREEMENT_WARN_DAYS, type NotificationKind } from '../../domain/referrals.ts';
import { localDate } from '../../domain/time.ts';
import { sendDailyAuditHead } from '../audit/send-audit-head.ts';
import { tasksForCases } from '../cases/tasks.ts';
import { audit, type Services, type Tx } from '../context.ts';
import { checkOrphanIntake } from '../intake/orphans.ts';
import { scanOverdueIntake } from '../intake/overdue-intake.ts';
import { scanFollowupReminders } from '../meetings/followup-reminders.ts';
import { notify } from '../notifications/notify.ts';
import { scanRegulationReminders } from '../regulations/regulation-reminders.ts';

const LIMIT = 500;
const DAY = 86_400_000;
/* Agreement dates are read in WIB: a day's difference does not matter 60 days ahead. */

const systemCtx = (svc: Services) => ({
  ...svc,
  actor: null,
  meta: { ip: null, userAgent: null, requestId: null },
});

export async function scanOverdueReferrals(svc: Services, phase: OverduePhase): Promise<number> {
  const now = svc.clock();
  let sent = 0;
  for (const id of await overdueReferralIds(svc.conn.db, phase, now, LIMIT)) {
    const done = await svc.conn.db.transaction().execute(async (trx) => {
      const r = await claimOverdueNotice(trx, id, phase, now);
      if (!r) return false;
      const recipients = [
        // the referring side as it is now: after a transfer, the new holder's staff
        ...(await usersWorkingIn(trx, [r.created_by, r.managerId], r.caseJurisdiction)),
        ...(await activeUsersOfOrg(trx, r.to_org_id, ['mitra', 'manajer'])),
      ];
      await notify(
        trx,
        recipients,
        { kind: 'rujukan_terlambat', link: `/rujukan/${r.id}`, ref: r.number },
        now,
      );
      await audit(systemCtx(svc), trx, {
        action: 'referral.overdue_notice',
        entity: 'referral',
        entityId: r.id,
        outcome: 'ok',
        detail: { phase, recipients: new Set(recipients).size },
      });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

/** Halfway to the acceptance due time, the recipient's staff are reminded once (`rujukan_pengingat`). */
export async function scanAcceptReminders(svc: Services): Promise<number> {
  const now = svc.clock();
  let sent = 0;
  for (const id of await acceptReminderIds(svc.conn.db, now, LIMIT)) {
    const done = await svc.conn.db.transaction().execute(async (trx) => {
      const r = await claimAcceptReminder(trx, id, now);
      if (!r) return false;
      const staff = await activeUsersOfOrg(trx, r.to_org_id, ['mitra', 'manajer']);
      await notify(trx, staff, { kind: 'rujukan_pengingat', link: `/rujukan/${r.id}`, ref: r.number }, now);
      await audit(systemCtx(svc), trx, {
        action: 'referral.reminder',
        entity: 'referral',
        entityId: r.id,
        outcome: 'ok',
        detail: { recipients: staff.length },
      });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

export async function scanEndingAgreements(svc: Services): Promise<number> {
  const now = svc.clock();
  const today = localDate(now, '');
  const until = localDate(new Date(now.getTime() + AGREEMENT_WARN_DAYS * DAY), '');
  let sent = 0;
  for (const id of await endingAgreementIds(svc.conn.db, today, until, LIMIT)) {
    const done = await svc.conn.db.transaction().execute(async (trx) => {
      const a = await claimExpiryWarning(trx, id, now);
      if (!a) return false;
      const admins = await activeUsersInJurisdiction(trx, a.jurisdiction, ['admin-dinas']);
      await notify(
        trx,
        admins,
        { kind: 'kerja_sama_berakhir', link: '/direktori/kerja-sama', ref: a.number },
        now,
      );
      await audit(systemCtx(svc), trx, {
        action: 'agreement.expiry_warning',
        entity: 'agreement',
        entityId: a.id,
        outcome: 'ok',
        detail: { endsOn: a.ends_on, recipients: admins.length },
      });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

/**
 * Housekeeping: rate-limit windows older than two days, guess counters with no failure in two
 * days and no lock running, and one-time report receipts past their time (with the secret they
 * held) are deleted.
 */
export async function pruneExpired(svc: Services): Promise<void> {
  const now = svc.clock();
  await pruneRateLimits(svc.conn.db, new Date(now.getTime() - 2 * DAY));
  await pruneGuessCounters(svc.conn.db, new Date(now.getTime() - 2 * DAY), now);
  await pruneReceipts(svc.conn.db, now);
}

/* ---- case tasks ---- */

const PHASE_KIND: Record<AlertPhase, NotificationKind> = {
  dekat: 'tenggat_respons_dekat',
  terlambat: 'tugas_kasus_terlambat',
  eskalasi: 'tugas_kasus_eskalasi',
};

/** The SQL pre-selection of the scan, from the same constants the rules use. */
function alertCutoffs(now: Date): CaseAlertCutoffs {
  const at = (ms: number) => new Date(now.getTime() - ms);
  const cut = (rule: DeadlineRule, allowedMs: number): ReceivedCutoffs => {
    const near = NEAR_WARNING_MS[rule];
    return {
      ...(near !== undefined ? { dekat: at(allowedMs - near) } : {}),
      terlambat: at(allowedMs),
      eskalasi: at(allowedMs + ESCALATE_AFTER_MS[rule]),
    };
  };
  // three working days are at least three calendar days; the exact due time is checked per case
  const followUp = FOLLOW_UP_WORKING_DAYS * DAY;
  // a decision date's 30 days run from the start of that date in the case's zone (UTC+7 to +9),
  // a few hours before its UTC midnight: one day of slack here, the exact due time per case
  const decidedBy = (ms: number) => localDate(new Date(now.getTime() - ms + DAY), '');
  return {
    high: cut('respon_risiko_tinggi', HIGH_RISK_RESPONSE_MS),
    medium: cut('respon_risiko_sedang', MEDIUM_RISK_RESPONSE_MS),
    followUp: cut('tindak_lanjut', followUp),
    police: cut('lapor_polisi_tpks', POLICE_REPORT_MS),
    restitution: {
      terlambat: decidedBy(RESTITUTION_DAYS * DAY),
      eskalasi: decidedBy(RESTITUTION_DAYS * DAY + ESCALATE_AFTER_MS.restitusi),
    },
  };
}

type Claimed = { rule: DeadlineRule; phase: AlertPhase };

/**
 * One case: recomputes its tasks inside the transaction, claims every notice now due (in a fixed
 * order, so two scans never deadlock), then tells people. A near-deadline notice claimed together
 * with the overdue one is not sent: the overdue notice says more.
 */
async function alertCase(svc: Services, trx: Tx, caseId: string, now: Date): Promise<Claimed[]> {
  const c = await caseAlertTarget(trx, caseId);
  if (!c) return [];
  const tasks = (await tasksForCases(trx, [caseId], now)).get(caseId) ?? [];
  const claimed: Array<Claimed & { subjectId: string }> = [];
  for (const t of tasks) {
    const task = {
      rule: t.rule,
      dueAt: new Date(t.dueAt),
      doneAt: t.doneAt ? new Date(t.doneAt) : null,
      overdue: t.overdue,
    };
    const subjectId = t.subjectId ?? '';
    for (const phase of alertPhasesDue(task, c.closed_at !== null, now)) {
      const n = { caseId, rule: t.rule, subjectId, phase, dueAt: task.dueAt };
      if (await claimCaseTaskNotice(trx, n, now)) claimed.push({ rule: t.rule, phase, subjectId });
    }
  }
  const told = claimed.filter(
    (x) =>
      x.phase !== 'dekat' ||
      !claimed.some((y) => y.rule === x.rule && y.subjectId === x.subjectId && y.phase === 'terlambat'),
  );
  if (told.length === 0) return [];
  const team = await usersWorkingIn(trx, [c.manager_id, ...c.memberIds], c.jurisdiction);
  const managers = await activeUsersInJurisdiction(trx, c.jurisdiction, ['manajer']);
  const leaders = await activeUsersInJurisdiction(trx, c.jurisdiction, ESCALATION_ROLES);
  const details: Array<Record<string, unknown>> = [];
  for (const x of told) {
    const who = taskAlertAudience(x.rule, x.phase, c.manager_id !== null);
    const recipients = [
      ...(who.caseTeam ? team : []),
      ...(who.jurisdictionManagers ? managers : []),
      ...(who.leadership ? leaders : []),
    ];
    // leadership and the Dinas admin read no case content: their link is the home page
    const link = who.leadership ? '/' : `/kasus/${c.id}`;
    await notify(trx, recipients, { kind: PHASE_KIND[x.phase], link, ref: c.number, topic: x.rule }, now);
    details.push({ rule: x.rule, phase: x.phase, recipients: new Set(recipients).size });
  }
  await audit(
    systemCtx(svc),
    trx,
    ...details.map((detail) => ({
      action: 'case.deadline_notice',
      entity: 'case',
      entityId: c.id,
      outcome: 'ok' as const,
      detail,
    })),
  );
  return told;
}

/** Notices about case tasks that are near (response deadlines), overdue or long overdue. */
export async function scanCaseTaskDeadlines(svc: Services): Promise<number> {
  const now = svc.clock();
  let sent = 0;
  for (const id of await caseTaskAlertCandidates(svc.conn.db, alertCutoffs(now), LIMIT)) {
    const told = await svc.conn.db.transaction().execute((trx) => alertCase(svc, trx, id, now));
    sent += told.length;
  }
  return sent;
}

/** Runs every scan once; returns how many referrals, agreements and case tasks got a notice. */
export async function runScans(svc: Services): Promise<{
  referralsReminded: number;
  referralsOverdue: number;
  agreementsEnding: number;
  orphanReports: number;
  intakeOverdue: number;
  caseTaskNotices: number;
  auditHeadRecipients: number;
  followupReminders: number;
  regulationReminders: number;
}> {
  const reminded = await scanAcceptReminders(svc);
  const accept = await scanOverdueReferrals(svc, 'accept');
  const complete = await scanOverdueReferrals(svc, 'complete');
  const agreements = await scanEndingAgreements(svc);
  const orphanReports = await checkOrphanIntake(svc);
  const intakeOverdue = await scanOverdueIntake(svc);
  await pruneExpired(svc);
  const caseTasks = await scanCaseTaskDeadlines(svc);
  const auditHeadRecipients = await sendDailyAuditHead(svc);
  const followupReminders = await scanFollowupReminders(svc);
  const regulationReminders = await scanRegulationReminders(svc);
  return {
    referralsReminded: reminded,
    referralsOverdue: accept + complete,
    agreementsEnding: agreements,
    orphanReports,
    intakeOverdue,
    caseTaskNotices: caseTasks,
    auditHeadRecipients,
    followupReminders,
    regulationReminders,
  };
}
