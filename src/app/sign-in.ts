/**
 * Sign in with e-mail, password and (when enrolled) a TOTP or recovery code. Every attempt is
 * counted before anything is checked (`guess-counter.ts`): failures grow the delay and lock the
 * e-mail (and, much later, the address) for a while, also when the guesses arrive at once. The
 * answer never tells whether the e-mail exists, nor whether the password of a disabled account
 * was right: both are answered, counted and timed as a wrong password.
 */
import { createHash, randomBytes } from 'node:crypto';
import { verify as verifyTotp } from 'otplib';
import { claimTotpStep, consumeRecoveryCode, findUserByEmail, insertSession } from '../db/user.repository.ts';
import { loginDelayMs, SESSION_ABSOLUTE_MS } from '../domain/auth-rules.ts';
import { AppError } from '../domain/errors.ts';
import { type Role, requiresMfa } from '../domain/policy.ts';
import { recordRejection } from './audit/record-rejection.ts';
import { audit, type Ctx } from './context.ts';
import { giveBackGuesses, guessCounters, reserveGuesses } from './guess-counter.ts';
import { verifyAgainstDummy, verifyPassword } from './passwords.ts';

export type SignInResult = { token: string; userId: string; mfaEnrolmentRequired: boolean };

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function signIn(
  ctx: Ctx & { sleep: (ms: number) => Promise<void> },
  input: { email: string; password: string; otp?: string | undefined },
): Promise<SignInResult> {
  const db = ctx.conn.db;
  const now = ctx.clock();
  const counters = guessCounters(ctx, input.email, ctx.meta.ip);
  /** A failed guess: it stays counted (it was reserved before the check); only the audit is added. */
  const fail = async (code: 'INVALID_CREDENTIALS' | 'OTP_INVALID', userId: string | null, reason: string) => {
    await audit({ ...ctx, actor: null }, db, {
      action: 'auth.login',
      entity: 'user',
      entityId: userId,
      outcome: 'failed',
      detail: { reason },
    });
    return new AppError(code);
  };

  const reserved = await reserveGuesses(ctx, counters);
  if (!reserved.allowed) {
    // refused before anything was checked: counted per source and minute, one audit row per
    // group, so a flood of guesses cannot fill the log (issue 9 §9)
    recordRejection(ctx, { action: 'auth.login', entity: 'user', reason: 'locked' });
    throw new AppError('ACCOUNT_LOCKED');
  }
  await ctx.sleep(loginDelayMs(reserved.before));

  const user = await findUserByEmail(db, input.email);
  if (!user) {
    await verifyAgainstDummy(input.password);
    // no account to attribute it to: counted with the other rejections of its source and minute
    recordRejection(ctx, {
      action: 'auth.login',
      entity: 'user',
      reason: 'unknown_email',
      outcome: 'failed',
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!(await verifyPassword(user.password_hash, input.password)))
    throw await fail('INVALID_CREDENTIALS', user.id, 'wrong_password');
  // the same answer, count and work as a wrong password: a disabled account does not say that
  // the password was right (the audit log says why)
  if (user.disabled) throw await fail('INVALID_CREDENTIALS', user.id, 'disabled');

  let mfaVerified = false;
  if (user.totp_enabled) {
    if (!input.otp) {
      // the password was right and no code was guessed: this attempt is not a failure
      await db.transaction().execute((trx) => giveBackGuesses(trx, counters, now, { clearAccount: false }));
      throw new AppError('OTP_REQUIRED');
    }
    const otp = input.otp.replace(/\s/g, '');
    if (/^\d{6}$/.test(otp)) {
      const secret = ctx.keys.decrypt(user.totp_secret_enc!);
      const r = await verifyTotp({
        secret,
        token: otp,
        epoch: Math.floor(now.getTime() / 1000),
        epochTolerance: 30,
        ...(user.totp_last_step ? { afterTimeStep: Number(user.totp_last_step) } : {}),
      });
      if (!r.valid) throw await fail('OTP_INVALID', user.id, 'wrong_otp');
      if (!(await claimTotpStep(db, user.id, (r as { timeStep: number }).timeStep)))
        throw await fail('OTP_INVALID', user.id, 'replayed_otp');
    } else {
      const h = ctx.keys.blindIndex('recovery-code', otp.toLowerCase());
      if (!(await consumeRecoveryCode(db, user.id, h)))
        throw await fail('OTP_INVALID', user.id, 'wrong_recovery_code');
      await audit({ ...ctx, actor: null }, db, {
        action: 'auth.recovery_code_used',
        entity: 'user',
        entityId: user.id,
        outcome: 'ok',
      });
    }
    mfaVerified = true;
  }

  const token = randomBytes(32).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await giveBackGuesses(trx, counters, now, { clearAccount: true });
    await insertSession(trx, {
      id: sessionIdOf(token),
      userId: user.id,
      now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      mfaVerified,
      ip: ctx.meta.ip,
      userAgent: ctx.meta.userAgent?.slice(0, 300) ?? null,
    });
    await audit(
      { ...ctx, actor: { userId: user.id, role: user.role as Role, orgId: user.org_id, jurisdiction: '' } },
      trx,
      {
        action: 'auth.login',
        entity: 'user',
        entityId: user.id,
        outcome: 'ok',
        detail: { mfa: mfaVerified },
      },
    );
  });
  return {
    token,
    userId: user.id,
    mfaEnrolmentRequired: mfaEnrolmentRequired(user.role as Role, user.demo, user.totp_enabled),
  };
}

export function mfaEnrolmentRequired(role: Role, demo: boolean, enabled: boolean): boolean {
  return requiresMfa(role) && !demo && !enabled;
}
