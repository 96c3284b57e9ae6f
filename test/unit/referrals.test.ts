import { describe, expect, it } from 'vitest';
import { proximity } from '../../src/app/referrals/suggestions.ts';
import {
  CANCEL_CHOICES,
  canMove,
  canRerefer,
  formatVerificationCode,
  isLpNumber,
  normaliseLpNumber,
  normaliseVerificationCode,
  overdue,
  recipientClosedReason,
  referralDeadlines,
  referralSla,
  sharedForReferral,
  transferTargetOk,
  verificationStale,
} from '../../src/domain/referrals.ts';

describe('referral states', () => {
  it('follows terkirim → diterima | ditolak → dalam layanan → selesai, cancel while open', () => {
    expect(canMove('terkirim', 'diterima')).toBe(true);
    expect(canMove('terkirim', 'ditolak')).toBe(true);
    expect(canMove('diterima', 'dalam_layanan')).toBe(true);
    expect(canMove('dalam_layanan', 'selesai')).toBe(true);
    expect(canMove('dalam_layanan', 'dibatalkan')).toBe(true);
    expect(canMove('terkirim', 'selesai')).toBe(false);
    expect(canMove('ditolak', 'diterima')).toBe(false);
    expect(canMove('selesai', 'dibatalkan')).toBe(false);
  });
});

describe('referral time standards', () => {
  it('takes the strictest service and urgency defaults', () => {
    expect(referralSla('darurat', ['kesehatan'])).toEqual({ acceptHours: 1, completeDays: 7 });
    expect(referralSla('segera', ['bantuan_hukum'])).toEqual({ acceptHours: 6, completeDays: 14 });
    expect(referralSla('biasa', ['bantuan_hukum', 'visum'])).toEqual({ acceptHours: 72, completeDays: 3 });
  });
  it('lets a region override per service, or for every service of an urgency', () => {
    const o = [
      { urgency: 'biasa', service: 'visum', acceptHours: 24, completeDays: 2 },
      { urgency: 'segera', service: '*', acceptHours: 4, completeDays: 10 },
    ];
    expect(referralSla('biasa', ['visum'], o)).toEqual({ acceptHours: 24, completeDays: 2 });
    expect(referralSla('segera', ['visum'], o)).toEqual({ acceptHours: 4, completeDays: 10 });
    expect(referralSla('darurat', ['visum'], o)).toEqual({ acceptHours: 1, completeDays: 3 });
  });
  it('counts routine acceptance in working days in the region’s zone, urgent ones on the clock', () => {
    const fri = new Date('2026-11-27T09:00:00Z'); // Friday 16:00 WIB
    const routine = referralDeadlines(fri, 'biasa', { acceptHours: 72, completeDays: 30 }, '36.02');
    expect(routine.acceptDue.toISOString()).toBe('2026-12-02T09:00:00.000Z'); // Wednesday
    const urgent = referralDeadlines(fri, 'segera', { acceptHours: 6, completeDays: 14 }, '36.02');
    expect(urgent.acceptDue.toISOString()).toBe('2026-11-27T15:00:00.000Z');
    expect(urgent.completeDue.toISOString()).toBe('2026-12-11T15:00:00.000Z');
  });
  it('says which due date has passed', () => {
    const r = {
      acceptDueAt: new Date('2026-01-01T00:00:00Z'),
      completeDueAt: new Date('2026-01-10T00:00:00Z'),
    };
    const now = new Date('2026-01-05T00:00:00Z');
    expect(overdue({ ...r, status: 'terkirim' }, now)).toBe('accept');
    expect(overdue({ ...r, status: 'diterima' }, now)).toBeNull();
    expect(overdue({ ...r, status: 'dalam_layanan' }, new Date('2026-01-11T00:00:00Z'))).toBe('complete');
    expect(overdue({ ...r, status: 'selesai' }, new Date('2026-02-01T00:00:00Z'))).toBeNull();
  });
});

describe('suggestion proximity', () => {
  const desa = '36.02.01.2002';
  it('ranks by the finest area covering the victim’s place', () => {
    expect(proximity(['36.02.01.2002'], '36.02', desa)).toBe('desa');
    expect(proximity(['36.02.01'], '36.02', desa)).toBe('kecamatan');
    expect(proximity(['36.02'], '36.02', desa)).toBe('kabkota');
    expect(proximity(['36'], '36', desa)).toBe('provinsi');
    expect(proximity(['36.73'], '36.73', desa)).toBe('lain');
    expect(proximity([], '36.02.01', desa)).toBe('kecamatan');
  });
});

describe('letters, directory, transfers', () => {
  it('formats and normalises verification codes', () => {
    expect(formatVerificationCode('ABCD2345WXYZ')).toBe('ABCD-2345-WXYZ');
    expect(normaliseVerificationCode(' abcd-2345 wxyz ')).toBe('ABCD2345WXYZ');
  });
  it('flags a directory entry unverified for more than six months', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(verificationStale(null, now)).toBe(true);
    expect(verificationStale(new Date('2026-07-01T00:00:00Z'), now)).toBe(false);
    expect(verificationStale(new Date('2026-05-01T00:00:00Z'), now)).toBe(true);
  });
  it('checks transfer targets by level', () => {
    expect(transferTargetOk('kabkota', '36.02', '36.73')).toBe(true);
    expect(transferTargetOk('kabkota', '36.02', '36.02')).toBe(false);
    expect(transferTargetOk('kabkota', '36.02', '36')).toBe(false);
    expect(transferTargetOk('provinsi', '36.02', '36')).toBe(true);
    expect(transferTargetOk('provinsi', '36.02', '32')).toBe(false);
    expect(transferTargetOk('nasional', '36.02', null)).toBe(true);
  });
});

describe('why the recipient no longer sees the victim’s data', () => {
  const r = (
    status: Parameters<typeof recipientClosedReason>[0]['status'],
    o: { w?: boolean; c?: string } = {},
  ) => recipientClosedReason({ status, consentWithdrawn: o.w ?? false, cancelReason: o.c ?? null });
  it('is open while the referral is and consent stands', () => {
    expect(r('terkirim')).toBeNull();
    expect(r('diterima')).toBeNull();
    expect(r('dalam_layanan')).toBeNull();
  });
  it('names what happened, and consent only when it was withdrawn', () => {
    expect(r('selesai')).toBe('selesai');
    expect(r('ditolak')).toBe('ditolak');
    expect(r('dibatalkan', { c: 'salah_tujuan' })).toBe('dibatalkan');
    expect(r('dibatalkan', { c: 'kasus_ditutup' })).toBe('kasus_ditutup');
    // an old cancellation that named consent without withdrawing it does not say so
    expect(r('dibatalkan', { c: 'persetujuan_dicabut' })).toBe('dibatalkan');
    expect(r('dibatalkan', { c: 'persetujuan_dicabut', w: true })).toBe('persetujuan_dicabut');
    expect(r('selesai', { w: true })).toBe('persetujuan_dicabut');
  });
  it('never lets a person choose a reason the system sets', () => {
    expect(CANCEL_CHOICES).not.toContain('persetujuan_dicabut');
    expect(CANCEL_CHOICES).not.toContain('kasus_ditutup');
  });
});

describe('rujuk ulang', () => {
  it('applies to declined and cancelled referrals whose consent stands', () => {
    expect(canRerefer('ditolak', false)).toBe(true);
    expect(canRerefer('dibatalkan', false)).toBe(true);
    expect(canRerefer('dibatalkan', true)).toBe(false);
    for (const s of ['terkirim', 'diterima', 'dalam_layanan', 'selesai'] as const)
      expect(canRerefer(s, false)).toBe(false);
  });
});

describe('police report number (LP)', () => {
  it('accepts the forms police offices write, normalised', () => {
    for (const [typed, want] of [
      ['LP/B/123/XII/2026/SPKT/POLRES LEBAK', 'LP/B/123/XII/2026/SPKT/POLRES LEBAK'],
      [' lp/b/123/xii/2026/spkt / polres  lebak ', 'LP/B/123/XII/2026/SPKT/POLRES LEBAK'],
      ['LP/A/7/I/2025/SPKT/POLDA BANTEN', 'LP/A/7/I/2025/SPKT/POLDA BANTEN'],
      ['LP/456/IX/2019/BANTEN/RES LEBAK', 'LP/456/IX/2019/BANTEN/RES LEBAK'],
      ['LP/B/12/IV/2026', 'LP/B/12/IV/2026'],
    ] as const) {
      expect(normaliseLpNumber(typed)).toBe(want);
      expect(isLpNumber(want), want).toBe(true);
    }
  });
  it('refuses what is not an LP number', () => {
    for (const bad of [
      '',
      'nomor 123',
      'LP/B/123/XIII/2026/SPKT',
      'LP/B/123/12/2026/SPKT',
      'LP/B/ABC/XII/2026',
      'LP/D/1/I/2026',
      'LP/B/1/I/26',
      'STTLP/B/1/I/2026/SPKT',
      `LP/B/1/I/2026/${'X'.repeat(120)}`,
    ])
      expect(isLpNumber(normaliseLpNumber(bad)), bad).toBe(false);
  });
});

describe('what a referral carries', () => {
  const all = {
    identitas: { name: 'X' },
    kontak: { phone: '0812' },
    kronologi: [{ placeText: 'rumah, Desa Sukamanah RT 02', chronology: 'cerita' }],
  };
  it('only the shared sections, and the reporter’s place only with the contact and address', () => {
    const a = sharedForReferral(all, ['kronologi']);
    expect(Object.keys(a)).toEqual(['kronologi']);
    expect(a.kronologi?.[0]).toEqual({ placeText: null, chronology: 'cerita' });
    const b = sharedForReferral(all, ['kronologi', 'kontak']);
    expect(b.kronologi?.[0]?.placeText).toBe('rumah, Desa Sukamanah RT 02');
    expect(b.kontak).toEqual({ phone: '0812' });
    expect(sharedForReferral(all, [])).toEqual({});
  });
});
