/** Session and sign-in throttling rules (docs/security.md). */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;
export const FAILURE_WINDOW_MS = 15 * 60_000;
/** IP addresses get more room: an office shares one address. */
export const IP_LOCK_AFTER_FAILURES = 50;

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
