/**
 * Reminders before a regulation's review or expiry date (issue 12 §5, decision 033), the way
 * agreements about to end are announced (src/app/jobs/scans.ts): a regulation in force whose
 * review date (or expiry date) is within REGULATION_WARN_DAYS tells its Dinas's coordination
 * managers (`coord:manage`) once. Each reminder is claimed by a conditional UPDATE of
 * `review_warned_at` / `expiry_warned_at` in the same transaction as the notifications, so a
 * scan run twice, or in two processes at once, tells people once. A new date gets a new reminder.
 */
import { activeUsersInJurisdiction } from '../../db/notification.repository.ts';
import {
  claimRegulationWarning,
  type RegulationDateKind,
  regulationsDueIds,
} from '../../db/regulation.repository.ts';
import { roleCan } from '../../domain/capabilities.ts';
import { dueTopic } from '../../domain/notifications.ts';
import { ROLES } from '../../domain/policy.ts';
import { REGULATION_WARN_DAYS } from '../../domain/regulations.ts';
import { localDate } from '../../domain/time.ts';
import { audit, type Services } from '../context.ts';
import { notify } from '../notifications/notify.ts';

const LIMIT = 500;
const DAY = 86_400_000;
const MANAGERS = ROLES.filter((r) => roleCan(r, 'coord:manage'));

const dueOf = (day: string | null) => (day === null ? null : dueTopic(day.slice(0, 10)));

/* Dates are read in WIB, as for agreements: a day's difference does not matter 60 days ahead. */
export async function scanRegulationReminders(svc: Services): Promise<number> {
  const now = svc.clock();
  const today = localDate(now, '');
  const until = localDate(new Date(now.getTime() + REGULATION_WARN_DAYS * DAY), '');
  const sys = { ...svc, actor: null, meta: { ip: null, userAgent: null, requestId: null } };
  let sent = 0;
  for (const kind of ['review', 'expiry'] as RegulationDateKind[]) {
    for (const id of await regulationsDueIds(svc.conn.db, kind, today, until, LIMIT)) {
      const done = await svc.conn.db.transaction().execute(async (trx) => {
        const r = await claimRegulationWarning(trx, id, kind, now);
        if (!r) return false;
        const managers = await activeUsersInJurisdiction(trx, r.jurisdiction, MANAGERS);
        await notify(
          trx,
          managers,
          {
            kind: kind === 'review' ? 'regulasi_perlu_ditinjau' : 'regulasi_akan_berakhir',
            link: '/regulasi?due=1',
            ref: r.number,
            // the date it falls due, worded in the reader's language (topicLabel)
            topic: dueOf(kind === 'review' ? r.review_on : r.expires_on),
          },
          now,
        );
        await audit(sys, trx, {
          action: kind === 'review' ? 'regulation.review_warning' : 'regulation.expiry_warning',
          entity: 'regulation',
          entityId: r.id,
          outcome: 'ok',
          detail: { on: kind === 'review' ? r.review_on : r.expires_on, recipients: managers.length },
        });
        return true;
      });
      if (done) sent++;
    }
  }
  return sent;
}
