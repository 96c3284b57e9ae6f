/** TOTP enrolment: a secret and QR code first, then a confirming code turns it on. */
import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import { enableTotp, findUserById, markSessionMfa, setTotpSecret } from '../db/user.repository.ts';
import { AppError } from '../domain/errors.ts';
import { occasional } from '../occasional/pool.ts';
import { type AuthedCtx, audit } from './context.ts';

export async function startTotpEnrolment(ctx: AuthedCtx) {
  const user = await findUserById(ctx.conn.db, ctx.actor.userId);
  if (!user) throw new AppError('NOT_FOUND');
  if (user.totp_enabled) throw new AppError('MFA_ALREADY_ENABLED');
  const secret = generateSecret();
  const otpauthUrl = generateURI({ issuer: 'Simpul', label: user.email, secret });
  await setTotpSecret(ctx.conn.db, user.id, ctx.keys.encrypt(secret));
  const qrSvg = await occasional('qrSvg', { text: otpauthUrl });
  await audit(ctx, ctx.conn.db, {
    action: 'auth.totp_setup',
    entity: 'user',
    entityId: user.id,
    outcome: 'ok',
  });
  return { secret, otpauthUrl, qrSvg };
}

export async function confirmTotpEnrolment(ctx: AuthedCtx, sessionId: string, code: string) {
  const user = await findUserById(ctx.conn.db, ctx.actor.userId);
  if (!user) throw new AppError('NOT_FOUND');
  if (user.totp_enabled) throw new AppError('MFA_ALREADY_ENABLED');
  if (!user.totp_secret_enc) throw new AppError('OTP_INVALID');
  const secret = ctx.keys.decrypt(user.totp_secret_enc);
  const r = await verifyTotp({
    secret,
    token: code,
    epoch: Math.floor(ctx.clock().getTime() / 1000),
    epochTolerance: 30,
  });
  if (!r.valid) {
    throw new AppError(
      'OTP_CODE_WRONG',
      { code: 'wrong_otp' },
      { action: 'auth.totp_confirm', entity: 'user', entityId: user.id, outcome: 'failed' },
    );
  }
  const codes = Array.from({ length: 10 }, () => {
    const s = randomBytes(5).toString('hex');
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
  await ctx.conn.db.transaction().execute(async (trx) => {
    await enableTotp(trx, user.id, {
      lastStep: (r as { timeStep: number }).timeStep,
      recoveryCodes: codes.map((c) => ctx.keys.blindIndex('recovery-code', c)),
      now: ctx.clock(),
    });
    await markSessionMfa(trx, sessionId);
    await audit(ctx, trx, { action: 'auth.totp_enabled', entity: 'user', entityId: user.id, outcome: 'ok' });
  });
  return { recoveryCodes: codes };
}
