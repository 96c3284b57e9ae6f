/**
 * Deadline scans, run by the job worker every five minutes (issue 4 §1, §2):
 * - halfway to its acceptance due time, a referral still waiting reminds the recipient's staff;
 * - a referral still not accepted after its acceptance due time, or not completed after its
 *   completion due time, is escalated once to the referring user, the case manager and the
 *   recipient organisation's `mitra` and `manajer` users (`rujukan_terlambat`);
 * - a cooperation agreement ending within AGREEMENT_WARN_DAYS is announced once to the Dinas
 *   admins of its jurisdiction (`kerja_sama_berakhir`).
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
  claimAcceptReminder,
  claimExpiryWarning,
  claimOverdueNotice,
  endingAgreementIds,
  type OverduePhase,
  overdueReferralIds,
} from '../../db/reminder.repository.ts';
import { AGREEMENT_WARN_DAYS } from '../../domain/referrals.ts';
import { localDate } from '../../domain/time.ts';
import { audit, type Services } from '../context.ts';
import { checkOrphanIntake } from '../intake/orphans.ts';
import { notify } from '../notifications/notify.ts';

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
 * Housekeeping: rate-limit windows older than two days and one-time report receipts past their
 * time (with the secret they held) are deleted.
 */
export async function pruneExpired(svc: Services): Promise<void> {
  const now = svc.clock();
  await pruneRateLimits(svc.conn.db, new Date(now.getTime() - 2 * DAY));
  await pruneReceipts(svc.conn.db, now);
}

/** Runs every scan once; returns how many referrals and agreements got a notice. */
export async function runScans(svc: Services): Promise<{
  referralsReminded: number;
  referralsOverdue: number;
  agreementsEnding: number;
  orphanReports: number;
}> {
  const reminded = await scanAcceptReminders(svc);
  const accept = await scanOverdueReferrals(svc, 'accept');
  const complete = await scanOverdueReferrals(svc, 'complete');
  const agreements = await scanEndingAgreements(svc);
  const orphanReports = await checkOrphanIntake(svc);
  await pruneExpired(svc);
  return {
    referralsReminded: reminded,
    referralsOverdue: accept + complete,
    agreementsEnding: agreements,
    orphanReports,
  };
}
