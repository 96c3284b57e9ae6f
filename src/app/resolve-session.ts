/** Turns a session cookie into an actor, or says why it cannot. */

import { findSession, touchSession } from '../db/user.repository.ts';
import { sessionState } from '../domain/auth-rules.ts';
import type { Actor, Role } from '../domain/policy.ts';
import type { Services } from './context.ts';
import { mfaEnrolmentRequired, sessionIdOf } from './sign-in.ts';

export type ResolvedSession =
  | {
      ok: true;
      sessionId: string;
      actor: Actor;
      mfaEnrolmentRequired: boolean;
      /** signed in (or enrolled) with a second factor in this session */
      twoFactor: boolean;
    }
  | { ok: false; reason: 'missing' | 'revoked' | 'expired' | 'idle' | 'disabled' | 'password_changed' };

export async function resolveSession(svc: Services, token: string | undefined): Promise<ResolvedSession> {
  if (!token || token.length > 100) return { ok: false, reason: 'missing' };
  const id = sessionIdOf(token);
  const s = await findSession(svc.conn.db, id);
  if (!s) return { ok: false, reason: 'missing' };
  const now = svc.clock();
  const state = sessionState(s, now);
  if (state !== 'valid') return { ok: false, reason: state };
  if (now.getTime() - new Date(s.last_seen_at).getTime() > 30_000) await touchSession(svc.conn.db, id, now);
  const role = s.role as Role;
  return {
    ok: true,
    sessionId: id,
    actor: { userId: s.user_id, role, orgId: s.org_id, jurisdiction: s.jurisdiction },
    mfaEnrolmentRequired: mfaEnrolmentRequired(role, s.demo, s.totp_enabled),
    twoFactor: s.mfa_verified,
  };
}
