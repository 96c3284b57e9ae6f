/**
 * The one-time page after a public report: the follow-up code and the secret, shown once. The
 * receipt row is deleted as it is read, so the page opened again — by Back, by a reload, by
 * someone looking through the browser's history — shows nothing.
 */
import { takeReceipt } from '../../db/intake.repository.ts';
import { audit, type Ctx } from '../context.ts';
import { receiptHash } from './submit-public-report.ts';

export type Receipt = { code: string; secret: string; dangerNow: boolean; contact: boolean };

export async function openReceipt(ctx: Ctx, token: string): Promise<Receipt | null> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  return ctx.conn.db.transaction().execute(async (trx) => {
    const r = await takeReceipt(trx, receiptHash(ctx.keys, token), ctx.clock());
    const secret = r ? ctx.keys.decrypt(r.secret_enc) : null;
    if (!r || !secret) return null;
    await audit(ctx, trx, {
      action: 'intake.receipt',
      entity: 'intake',
      entityId: r.intake_id,
      outcome: 'ok',
    });
    return { code: r.code, secret, dangerNow: r.danger_now, contact: r.contact };
  });
}
