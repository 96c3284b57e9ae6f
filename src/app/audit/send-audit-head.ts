/**
 * Once a day (claimed in `daily_check`, so several processes send it once) the chain head —
 * place and MAC of the newest chained audit row — goes to every active auditor as a notification
 * (`jangkar_audit`), which the job outbox e-mails. The e-mail is a copy of the head outside
 * Simpul's database and server: `simpul audit verify --head <place:MAC>` proves later that the
 * log still holds that row unchanged and was not cut short before it (decision 017).
 */
import { activeAuditorIds, chainHead, claimDailyCheck } from '../../db/audit.repository.ts';
import { formatHead } from '../../domain/audit-chain.ts';
import { localDate } from '../../domain/time.ts';
import { audit, type Services } from '../context.ts';
import { notify } from '../notifications/notify.ts';

/** Sends today's head unless it was sent today; returns the number of auditors told. */
export async function sendDailyAuditHead(svc: Services): Promise<number> {
  const now = svc.clock();
  const day = localDate(now, '');
  return svc.conn.db.transaction().execute(async (trx) => {
    const head = await chainHead(trx);
    if (!head) return 0;
    if (!(await claimDailyCheck(trx, 'jangkar_audit', day, now))) return 0;
    const auditors = await activeAuditorIds(trx);
    const ref = formatHead(head);
    await notify(trx, auditors, { kind: 'jangkar_audit', link: '/audit', ref }, now);
    await audit({ ...svc, actor: null, meta: { ip: null, userAgent: null, requestId: null } }, trx, {
      action: 'audit.anchor_sent',
      entity: 'audit',
      entityId: null,
      outcome: 'ok',
      detail: { head: ref, recipients: auditors.length },
    });
    if (auditors.length === 0)
      svc.log.warn('no active auditor: the daily audit chain head was sent to nobody');
    return auditors.length;
  });
}
