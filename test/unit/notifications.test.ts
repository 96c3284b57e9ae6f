import { describe, expect, it } from 'vitest';
import {
  absoluteLink,
  JOB_BACKOFF_MS,
  MAX_JOB_ATTEMPTS,
  nextAttemptAt,
  notificationEmail,
  whatsappNumber,
} from '../../src/domain/notifications.ts';

const MIN = 60_000;
const now = new Date('2026-05-04T03:00:00Z');
const wait = (attempts: number) => {
  const at = nextAttemptAt(attempts, now);
  return at === null ? null : (at.getTime() - now.getTime()) / MIN;
};

describe('job retry schedule', () => {
  it('waits 1, 5, 30 minutes, 2 hours, then 12 hours between attempts', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(wait)).toEqual([1, 5, 30, 120, 720, 720, 720]);
    expect(JOB_BACKOFF_MS).toHaveLength(5);
  });
  it(`gives up after ${MAX_JOB_ATTEMPTS} failed attempts`, () => {
    expect(MAX_JOB_ATTEMPTS).toBe(8);
    expect(wait(8)).toBeNull();
    expect(wait(9)).toBeNull();
  });
});

describe('notification e-mail', () => {
  it('holds the label in both languages, the reference number and the link, nothing else', () => {
    const m = notificationEmail({
      kind: 'rujukan_terlambat',
      ref: 'RJK/36.02/2026/00007',
      url: absoluteLink('https://simpul.example.go.id/', '/rujukan/abc'),
    });
    expect(m.subject).toBe('[Simpul] Rujukan melewati batas waktu — RJK/36.02/2026/00007');
    expect(m.text).toContain('https://simpul.example.go.id/rujukan/abc');
    expect(m.text).toContain('Referral overdue');
    expect(m.text.indexOf('Rujukan melewati')).toBeLessThan(m.text.indexOf('Referral overdue'));
  });
  it('an unknown kind still gets a neutral label', () => {
    expect(notificationEmail({ kind: 'lain', ref: null, url: 'https://x/y' }).subject).toBe(
      '[Simpul] Pemberitahuan Simpul',
    );
  });
});

describe('WhatsApp number', () => {
  it.each([
    ['081234567890', '6281234567890'],
    ['+6281234567890', '6281234567890'],
    ['6281234567890', '6281234567890'],
  ])('%s → %s', (input, out) => expect(whatsappNumber(input)).toBe(out));
});
