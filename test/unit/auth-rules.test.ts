import { describe, expect, it } from 'vitest';
import { ACCOUNT_LIMITS, type GuessCount, giveBackGuess, reserveGuess } from '../../src/domain/auth-rules.ts';

const at = (min: number) => new Date(Date.UTC(2026, 0, 5, 8, min));

describe('counting guesses before they are checked', () => {
  it('lets the fifth guess through and locks with it; the sixth is refused without a check', () => {
    let row: GuessCount | undefined;
    for (let i = 1; i <= 5; i++) {
      const r = reserveGuess(row, at(0), ACCOUNT_LIMITS);
      expect(r.allowed).toBe(true);
      if (!r.allowed) return;
      expect(r.before).toBe(i - 1);
      row = r.next;
    }
    expect(row?.failures).toBe(5);
    expect(row?.locked_until?.getTime()).toBe(at(15).getTime());
    expect(reserveGuess(row, at(14), ACCOUNT_LIMITS).allowed).toBe(false);
    // after the lock the count starts over
    const after = reserveGuess(row, at(15), ACCOUNT_LIMITS);
    expect(after).toMatchObject({ allowed: true, before: 0, next: { failures: 1, locked_until: null } });
  });

  it('forgets failures older than the window', () => {
    const row = { failures: 3, last_failure_at: at(0), locked_until: null };
    expect(reserveGuess(row, at(15), ACCOUNT_LIMITS)).toMatchObject({ before: 3 });
    expect(reserveGuess(row, at(16), ACCOUNT_LIMITS)).toMatchObject({ before: 0 });
  });

  it('a right guess given back lifts a lock only it brought about', () => {
    const locked = { failures: 5, last_failure_at: at(0), locked_until: at(15) };
    expect(giveBackGuess(locked, ACCOUNT_LIMITS)).toEqual({
      failures: 4,
      last_failure_at: at(0),
      locked_until: null,
    });
    const six = { failures: 6, last_failure_at: at(0), locked_until: at(15) };
    expect(giveBackGuess(six, ACCOUNT_LIMITS).locked_until).toEqual(at(15));
    expect(
      giveBackGuess({ failures: 0, last_failure_at: at(0), locked_until: null }, ACCOUNT_LIMITS).failures,
    ).toBe(0);
  });
});
