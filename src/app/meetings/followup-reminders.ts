/**
 * Follow-up reminders, run with the job worker's scans: FOLLOWUP_REMIND_DAYS_BEFORE local days
 * before the due date to the owner organisation's staff (`tindak_lanjut_pengingat`), on the day
 * after it while still open to them again (`tindak_lanjut_terlambat`), and after it has stayed
 * overdue FOLLOWUP_ESCALATE_DAYS days to the organising Dinas's coordinators and leadership
 * (`tindak_lanjut_eskalasi`). Days are local days of the follow-up's jurisdiction. Each notice is
 * claimed once per follow-up, phase and due date in the same transaction as its notifications, so
 * scans running at once tell people once.
 */
import {
  claimFollowupNotice,
  followupNoticeTarget,
  followupReminderCandidates,
} from '../../db/meeting.repository.ts';
import { activeUsersInJurisdiction, activeUsersOfOrg } from '../../db/notification.repository.ts';
import {
  addDays,
  FOLLOWUP_ESCALATE_DAYS,
  FOLLOWUP_ESCALATION_ROLES,
  FOLLOWUP_OWNER_ROLES,
  FOLLOWUP_REMIND_DAYS_BEFORE,
  type FollowupPhase,
  followupPhasesDue,
} from '../../domain/meetings.ts';
import { dueTopic } from '../../domain/notifications.ts';
import type { NotificationKind } from '../../domain/referrals.ts';
import { localDate } from '../../domain/time.ts';
import { audit, type Services } from '../context.ts';
import { notify } from '../notifications/notify.ts';

const LIMIT = 500;
const KIND: Record<FollowupPhase, NotificationKind> = {
  dekat: 'tindak_lanjut_pengingat',
  terlambat: 'tindak_lanjut_terlambat',
  eskalasi: 'tindak_lanjut_eskalasi',
};

export async function scanFollowupReminders(svc: Services): Promise<number> {
  const now = svc.clock();
  // today in the zone furthest behind (WIB) and furthest ahead (WIT): a superset of every zone's
  const earliest = localDate(now, '31');
  const latest = localDate(now, '91');
  const window = {
    earliest,
    latest,
    nearUntil: addDays(latest, FOLLOWUP_REMIND_DAYS_BEFORE),
    escalateBy: addDays(latest, -FOLLOWUP_ESCALATE_DAYS),
  };
  const sys = { ...svc, actor: null, meta: { ip: null, userAgent: null, requestId: null } };
  let sent = 0;
  for (const f of await followupReminderCandidates(svc.conn.db, window, LIMIT)) {
    const today = localDate(now, f.jurisdiction);
    const phases = followupPhasesDue({ dueOn: f.due_on, status: f.status }, today);
    if (phases.length === 0) continue;
    sent += await svc.conn.db.transaction().execute(async (trx) => {
      const claimed: FollowupPhase[] = [];
      for (const phase of phases)
        if (await claimFollowupNotice(trx, { followupId: f.id, phase, dueOn: f.due_on }, now))
          claimed.push(phase);
      if (claimed.length === 0) return 0;
      const t = await followupNoticeTarget(trx, f.id);
      if (!t) return 0;
      const owners = await activeUsersOfOrg(trx, t.owner_org_id, FOLLOWUP_OWNER_ROLES);
      const link = `/rapat/tindak-lanjut/${f.id}`;
      for (const phase of claimed) {
        const to =
          phase === 'eskalasi'
            ? await activeUsersInJurisdiction(trx, t.jurisdiction, FOLLOWUP_ESCALATION_ROLES)
            : owners;
        // no title, no names: the kind, the due date (a topic each language words) and a link
        await notify(trx, to, { kind: KIND[phase], link, topic: dueTopic(f.due_on) }, now);
        await audit(sys, trx, {
          action: 'followup.reminder',
          entity: 'followup',
          entityId: f.id,
          outcome: 'ok',
          detail: { phase, dueOn: f.due_on, recipients: new Set(to).size },
        });
      }
      return claimed.length;
    });
  }
  return sent;
}
