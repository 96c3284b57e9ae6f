/**
 * Guesses of a secret are counted before the secret is checked (docs/security.md). A sign-in, a
 * two-factor or recovery code, and the current password on a password change each reserve a guess
 * under the account's counter (its e-mail) and the source address's counter, in one short
 * transaction that holds both rows locked; a reserved guess counts as a failure until it is given
 * back because the secret was right. So guesses sent at the same time are counted one after
 * another exactly as if they had been sent one at a time, and no more guesses for one e-mail can
 * be in flight than the lock allows (5). The rules are in `src/domain/auth-rules.ts`.
 */
import { lockGuessCounter, saveGuessCounter } from '../db/user.repository.ts';
import {
  ACCOUNT_LIMITS,
  ADDRESS_LIMITS,
  type GuessLimits,
  giveBackGuess,
  reserveGuess,
} from '../domain/auth-rules.ts';
import type { Services, Tx } from './context.ts';

export type GuessCounter = { key: string; limits: GuessLimits; account: boolean };

/** The key of the guess counter of the account with `email`. */
export function accountGuessKey(svc: Pick<Services, 'keys'>, email: string): string {
  return `e:${svc.keys.blindIndex('login-email', email)}`;
}

/** The counters a guess about the account with `email`, sent from `ip`, counts on. */
export function guessCounters(svc: Pick<Services, 'keys'>, email: string, ip: string | null): GuessCounter[] {
  const counters: GuessCounter[] = [
    { key: accountGuessKey(svc, email), limits: ACCOUNT_LIMITS, account: true },
  ];
  if (ip)
    counters.push({
      key: `i:${svc.keys.blindIndex('login-ip', ip)}`,
      limits: ADDRESS_LIMITS,
      account: false,
    });
  // always the same order, so two transactions never wait for each other's rows
  return counters.sort((a, b) => (a.key < b.key ? -1 : 1));
}

class Refused extends Error {}

/**
 * Reserves one guess on every counter, or none when any of them is locked. `before`: the failures
 * the account had before this guess (for the growing delay).
 */
export async function reserveGuesses(
  svc: Services,
  counters: readonly GuessCounter[],
): Promise<{ allowed: false } | { allowed: true; before: number }> {
  const now = svc.clock();
  try {
    return await svc.conn.db.transaction().execute(async (trx) => {
      let before = 0;
      for (const c of counters) {
        const r = reserveGuess(await lockGuessCounter(trx, c.key, now), now, c.limits);
        if (!r.allowed) throw new Refused();
        await saveGuessCounter(trx, c.key, r.next);
        if (c.account) before = r.before;
      }
      return { allowed: true as const, before };
    });
  } catch (e) {
    if (e instanceof Refused) return { allowed: false };
    throw e;
  }
}

/**
 * The secret was right: every reserved guess is given back; with `clearAccount` (the whole sign-in
 * or change succeeded) the account's counter starts over.
 */
export async function giveBackGuesses(
  trx: Tx,
  counters: readonly GuessCounter[],
  now: Date,
  opts: { clearAccount: boolean },
): Promise<void> {
  for (const c of counters) {
    const row = await lockGuessCounter(trx, c.key, now);
    // reset rather than deleted: a guess waiting for this row must still find it
    const next =
      c.account && opts.clearAccount
        ? { failures: 0, last_failure_at: now, locked_until: null }
        : giveBackGuess(row, c.limits);
    await saveGuessCounter(trx, c.key, next);
  }
}
