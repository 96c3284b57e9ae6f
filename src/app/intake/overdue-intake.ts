/**
 * Inbox items nobody has touched by their response deadline (someone in danger or high risk: 1 hour;
 * medium: 6 hours; otherwise 3 working days) tell everyone who reads that inbox, once; the scan
 * runs with the others every five minutes and claims each notice by a conditional update, so two
 * workers tell once. A report that says someone is in danger now tells them when it arrives.
 */
import { holidayDates } from '../../db/holiday.repository.ts';
import { claimIntakeOverdue, overdueIntakeCandidates } from '../../db/intake.repository.ts';
import { activeUsersInJurisdiction } from '../../db/notification.repository.ts';
import { INBOX_ROLES, intakeDeadline } from '../../domain/intake.ts';
import { audit, type Services } from '../context.ts';
import { notify } from '../notifications/notify.ts';

export async function scanOverdueIntake(svc: Services, limit = 500): Promise<number> {
  const now = svc.clock();
  let sent = 0;
  const holidays = await holidayDates(svc.conn.db);
  for (const i of await overdueIntakeCandidates(svc.conn.db, now, limit)) {
    const due = intakeDeadline({
      receivedAt: new Date(i.received_at),
      risk: i.risk,
      dangerNow: i.danger_now,
      jurisdiction: i.jurisdiction,
      holidays,
    });
    if (now.getTime() <= due.getTime()) continue;
    const told = await svc.conn.db.transaction().execute(async (trx) => {
      if (!(await claimIntakeOverdue(trx, i.id, now))) return false;
      const readers = await activeUsersInJurisdiction(trx, i.jurisdiction, INBOX_ROLES);
      await notify(
        trx,
        readers,
        { kind: 'pengaduan_terlambat', link: `/pengaduan/${i.id}`, ref: i.code },
        now,
      );
      await audit({ ...svc, actor: null, meta: { ip: null, userAgent: null, requestId: null } }, trx, {
        action: 'intake.overdue_notice',
        entity: 'intake',
        entityId: i.id,
        outcome: 'ok',
        detail: { recipients: readers.length, dangerNow: i.danger_now, risk: i.risk },
      });
      return true;
    });
    if (told) sent++;
  }
  return sent;
}
