/**
 * The occasional worker (decision 020): password strength, the referral letter and the QR code of
 * a two-factor enrolment run in a worker thread that starts with a job and ends when idle, so
 * their libraries do not stay in the server's memory; a job that fails fails alone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  occasional,
  occasionalRunning,
  setOccasionalIdle,
  stopOccasional,
} from '../../src/occasional/pool.ts';

afterAll(async () => {
  setOccasionalIdle(30_000);
  await stopOccasional();
});

const until = async (f: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!f() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return f();
};

describe('the occasional worker', () => {
  it('judges passwords as the rule says, many at once', async () => {
    const rs = await Promise.all([
      occasional('passwordProblem', { password: 'Pendek-1', userInputs: [] }),
      occasional('passwordProblem', { password: 'password1234', userInputs: [] }),
      occasional('passwordProblem', {
        password: 'uji.sandi@simpul.test',
        userInputs: ['uji.sandi@simpul.test'],
      }),
      occasional('passwordProblem', { password: 'Kuat-Sekali-Sandi-2026!', userInputs: [] }),
    ]);
    expect(rs).toEqual(['too_short', 'too_common', 'too_common', null]);
  });

  it('draws a QR code as SVG', async () => {
    const svg = await occasional('qrSvg', {
      text: 'otpauth://totp/Simpul:uji@simpul.test?secret=JBSWY3DPEHPK3PXP',
    });
    expect(svg).toMatch(/^<svg[^>]*>/);
  });

  it('ends after its idle time and starts again for the next job', async () => {
    setOccasionalIdle(150);
    await occasional('passwordProblem', { password: 'Kuat-Sekali-Sandi-2026!', userInputs: [] });
    expect(occasionalRunning()).toBe(true);
    expect(await until(() => !occasionalRunning(), 5_000)).toBe(true);
    expect(await occasional('passwordProblem', { password: 'Pendek-1', userInputs: [] })).toBe('too_short');
  });

  it('a job that throws fails alone; the others in flight still answer', async () => {
    setOccasionalIdle(30_000);
    const [bad, good] = await Promise.allSettled([
      occasional('referralLetterPdf', { referral: {} as never, opts: {} as never }),
      occasional('passwordProblem', { password: 'Kuat-Sekali-Sandi-2026!', userInputs: [] }),
    ]);
    expect(bad.status).toBe('rejected');
    expect(good).toEqual({ status: 'fulfilled', value: null });
  });

  it('jobs in flight when it stops are refused, not left waiting; the next job starts it again', async () => {
    const inFlight = occasional('passwordProblem', { password: 'Kuat-Sekali-Sandi-2026!', userInputs: [] });
    const refused = expect(inFlight).rejects.toThrow(/stopped/);
    await stopOccasional();
    await refused;
    expect(await occasional('passwordProblem', { password: 'Pendek-1', userInputs: [] })).toBe('too_short');
  });
});
