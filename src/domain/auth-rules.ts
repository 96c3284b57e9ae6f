/** Session and sign-in throttling rules (docs/security.md). */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;
export const FAILURE_WINDOW_MS = 15 * 60_000;
/** IP addresses get more room: an office shares one address. */
export const IP_LOCK_AFTER_FAILURES = 50;

/** How a counter of guesses locks: after `lockAfter` failures within `windowMs`, for `lockMs`. */
export type GuessLimits = { lockAfter: number; lockMs: number; windowMs: number };
/** An account (its e-mail): sign-in, two-factor and recovery codes, the current password. */
export const ACCOUNT_LIMITS: GuessLimits = {
  lockAfter: LOCK_AFTER_FAILURES,
  lockMs: LOCK_MS,
  windowMs: FAILURE_WINDOW_MS,
};
/** A source address: the same checks, for every account tried from it. */
export const ADDRESS_LIMITS: GuessLimits = {
  lockAfter: IP_LOCK_AFTER_FAILURES,
  lockMs: LOCK_MS,
  windowMs: FAILURE_WINDOW_MS,
};

/** A counter of guesses as stored (`login_throttle`). */
export type GuessCount = { failures: number; last_failure_at: Date; locked_until: Date | null };

/**
 * Reserves one guess before the secret is checked: the guess counts as a failure from now on
 * (given back only when the secret turns out right), so guesses sent at the same time each see
 * the ones before them. Refused while the counter is locked; the guess that reaches the limit is
 * still checked and sets the lock; when the lock has run out the count starts over. `before`: the
 * failures counted before this guess.
 */
export function reserveGuess(
  row: GuessCount | undefined,
  now: Date,
  l: GuessLimits,
): { allowed: false } | { allowed: true; before: number; next: GuessCount } {
  const t = now.getTime();
  if (row?.locked_until && new Date(row.locked_until).getTime() > t) return { allowed: false };
  // a lock that has run out starts the count over, as do failures older than the window
  const before =
    row && !row.locked_until && t - new Date(row.last_failure_at).getTime() <= l.windowMs ? row.failures : 0;
  const failures = before + 1;
  return {
    allowed: true,
    before,
    next: {
      failures,
      last_failure_at: now,
      locked_until: failures >= l.lockAfter ? new Date(t + l.lockMs) : null,
    },
  };
}

/**
 * Gives a reserved guess back (the secret was right): one failure less, and a lock that only this
 * guess brought about is lifted.
 */
export function giveBackGuess(row: GuessCount, l: GuessLimits): GuessCount {
  const failures = Math.max(row.failures - 1, 0);
  return { ...row, failures, locked_until: failures < l.lockAfter ? null : row.locked_until };
}

/** Growing delay before answering a sign-in, after `failures` recent failures. */
export function loginDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(250 * 2 ** (failures - 1), 4000);
}

export type SessionState = 'valid' | 'revoked' | 'expired' | 'idle' | 'disabled' | 'password_changed';

export function sessionState(
  s: {
    created_at: Date;
    last_seen_at: Date;
    expires_at: Date;
    revoked_at: Date | null;
    disabled: boolean;
    password_changed_at: Date;
  },
  now: Date,
): SessionState {
  if (s.revoked_at) return 'revoked';
  if (s.disabled) return 'disabled';
  if (now.getTime() >= new Date(s.expires_at).getTime()) return 'expired';
  if (now.getTime() - new Date(s.last_seen_at).getTime() > SESSION_IDLE_MS) return 'idle';
  if (new Date(s.password_changed_at).getTime() > new Date(s.created_at).getTime()) return 'password_changed';
  return 'valid';
}
