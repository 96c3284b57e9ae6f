/**
 * How the signed-in user wants to be told outside Simpul: e-mail to the sign-in address (on or
 * off) and optionally WhatsApp template messages to a work mobile number, stored encrypted like
 * every phone number. Reading and changing the number are audited.
 */
import { getNotifySettings, setNotifySettings } from '../../db/notification.repository.ts';
import { AppError } from '../../domain/errors.ts';
import type { NotificationSettingsInput } from '../../domain/notifications.ts';
import { type AuthedCtx, audit } from '../context.ts';

function dto(ctx: AuthedCtx, row: { notify_email: boolean; notify_wa_phone_enc: string | null }) {
  return {
    email: row.notify_email,
    whatsappPhone: ctx.keys.decrypt(row.notify_wa_phone_enc),
    /** whether this installation sends e-mail / WhatsApp notifications at all */
    emailAvailable: ctx.mail !== undefined,
    whatsappAvailable: ctx.whatsapp?.notifyTemplate !== undefined,
  };
}

export async function getNotificationSettings(ctx: AuthedCtx) {
  const db = ctx.conn.db;
  const row = await getNotifySettings(db, ctx.actor.userId);
  if (!row) throw new AppError('UNAUTHENTICATED');
  if (row.notify_wa_phone_enc)
    await audit(ctx, db, {
      action: 'user.notification_settings.read',
      entity: 'app_user',
      entityId: ctx.actor.userId,
      outcome: 'ok',
    });
  return dto(ctx, row);
}

export async function updateNotificationSettings(ctx: AuthedCtx, input: NotificationSettingsInput) {
  return ctx.conn.db.transaction().execute(async (trx) => {
    const row = { notify_email: input.email, notify_wa_phone_enc: ctx.keys.encrypt(input.whatsappPhone) };
    await setNotifySettings(
      trx,
      ctx.actor.userId,
      { notifyEmail: row.notify_email, waPhoneEnc: row.notify_wa_phone_enc },
      ctx.clock(),
    );
    await audit(ctx, trx, {
      action: 'user.notification_settings.update',
      entity: 'app_user',
      entityId: ctx.actor.userId,
      outcome: 'ok',
      detail: { email: input.email, whatsapp: input.whatsappPhone !== null },
    });
    return dto(ctx, row);
  });
}
