/** Pure rules of decision 013: which deadline notices are due, who is told, the local day. */
import { describe, expect, it } from 'vitest';
import { alertPhasesDue, riskRank, type Task } from '../../src/domain/deadlines.ts';
import { notificationEmail, topicLabel, whatsappTemplateParams } from '../../src/domain/notifications.ts';
import { type Actor, canTakeCase, taskAlertAudience, workQueueScope } from '../../src/domain/policy.ts';
import { localDayBounds, startOfLocalDate } from '../../src/domain/time.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const due = new Date('2026-03-02T05:00:00Z');
const task = (rule: Task['rule'], doneAt: Date | null = null): Task => ({
  rule,
  dueAt: due,
  doneAt,
  overdue: false,
});
const at = (ms: number) => new Date(due.getTime() + ms);

describe('alertPhasesDue', () => {
  it('a high-risk response: near 30 minutes before, overdue after, escalated an hour after', () => {
    const t = task('respon_risiko_tinggi');
    expect(alertPhasesDue(t, false, at(-31 * MIN))).toEqual([]);
    expect(alertPhasesDue(t, false, at(-30 * MIN))).toEqual(['dekat']);
    expect(alertPhasesDue(t, false, at(0))).toEqual(['dekat']);
    expect(alertPhasesDue(t, false, at(1))).toEqual(['dekat', 'terlambat']);
    expect(alertPhasesDue(t, false, at(HOUR + 1))).toEqual(['dekat', 'terlambat', 'eskalasi']);
  });
  it('a medium-risk response is near two hours before and escalated six hours after', () => {
    const t = task('respon_risiko_sedang');
    expect(alertPhasesDue(t, false, at(-2 * HOUR - 1))).toEqual([]);
    expect(alertPhasesDue(t, false, at(-2 * HOUR))).toEqual(['dekat']);
    expect(alertPhasesDue(t, false, at(6 * HOUR))).toEqual(['dekat', 'terlambat']);
    expect(alertPhasesDue(t, false, at(6 * HOUR + 1))).toEqual(['dekat', 'terlambat', 'eskalasi']);
  });
  it('other tasks have no early warning; each has its own escalation threshold', () => {
    expect(alertPhasesDue(task('tindak_lanjut'), false, at(-MIN))).toEqual([]);
    expect(alertPhasesDue(task('tindak_lanjut'), false, at(48 * HOUR))).toEqual(['terlambat']);
    expect(alertPhasesDue(task('tindak_lanjut'), false, at(48 * HOUR + 1))).toEqual([
      'terlambat',
      'eskalasi',
    ]);
    expect(alertPhasesDue(task('lapor_polisi_tpks'), false, at(24 * HOUR + 1))).toEqual([
      'terlambat',
      'eskalasi',
    ]);
    expect(alertPhasesDue(task('restitusi'), false, at(7 * 24 * HOUR))).toEqual(['terlambat']);
  });
  it('a task done, or a case closed, has nothing due', () => {
    expect(alertPhasesDue(task('respon_risiko_tinggi', at(-HOUR)), false, at(3 * HOUR))).toEqual([]);
    expect(alertPhasesDue(task('respon_risiko_tinggi'), true, at(3 * HOUR))).toEqual([]);
  });
  it('risk order: high, medium, low, not assessed', () => {
    expect(['rendah', null, 'tinggi', 'x', 'sedang'].sort((a, b) => riskRank(a) - riskRank(b))).toEqual([
      'tinggi',
      'sedang',
      'rendah',
      null,
      'x',
    ]);
  });
});

describe('who is told', () => {
  it('near or past response deadlines: the team and every manager of the kab/kota', () => {
    for (const phase of ['dekat', 'terlambat'] as const)
      for (const hasManager of [true, false])
        expect(taskAlertAudience('respon_risiko_tinggi', phase, hasManager)).toEqual({
          caseTeam: true,
          jurisdictionManagers: true,
          leadership: false,
        });
  });
  it('other overdue tasks: the case team, and all the managers only while nobody manages the case', () => {
    expect(taskAlertAudience('tindak_lanjut', 'terlambat', true)).toEqual({
      caseTeam: true,
      jurisdictionManagers: false,
      leadership: false,
    });
    expect(taskAlertAudience('lapor_polisi_tpks', 'terlambat', false)).toMatchObject({
      jurisdictionManagers: true,
    });
  });
  it('escalation: the leadership and the Dinas admin only', () => {
    expect(taskAlertAudience('restitusi', 'eskalasi', true)).toEqual({
      caseTeam: false,
      jurisdictionManagers: false,
      leadership: true,
    });
  });
  it('the work queue and "Ambil" are for case managers of the case’s kab/kota', () => {
    const actor = (role: Actor['role'], jurisdiction = '36.02'): Actor => ({
      userId: 'u',
      role,
      orgId: 'o',
      jurisdiction,
    });
    const c = { stage: 'penerimaan' as const, jurisdiction: '36.02', managerId: null, memberIds: [] };
    expect(workQueueScope(actor('manajer'))).toBe('36.02');
    for (const role of ['pengaduan', 'pendamping', 'pimpinan', 'admin-dinas', 'mitra'] as const) {
      expect(workQueueScope(actor(role)), role).toBeNull();
      expect(canTakeCase(actor(role), c), role).toBe(false);
    }
    expect(canTakeCase(actor('manajer'), c)).toBe(true);
    expect(canTakeCase(actor('manajer', '36.73'), c)).toBe(false);
  });
});

describe('the local day', () => {
  it('starts at midnight in the region’s own zone', () => {
    expect(startOfLocalDate('2026-03-02', '36.02').toISOString()).toBe('2026-03-01T17:00:00.000Z'); // WIB
    expect(startOfLocalDate('2026-03-02', '73.71').toISOString()).toBe('2026-03-01T16:00:00.000Z'); // WITA
    expect(startOfLocalDate('2026-03-02', '94.71').toISOString()).toBe('2026-03-01T15:00:00.000Z'); // WIT
  });
  it('00:30 WIT is already the next day in Jayapura but not in Jakarta', () => {
    const t = new Date('2026-03-01T15:30:00Z');
    expect(localDayBounds(t, '94.71')).toMatchObject({ date: '2026-03-02' });
    const wib = localDayBounds(t, '36.02');
    expect(wib.date).toBe('2026-03-01');
    expect(wib.end.getTime() - wib.start.getTime()).toBe(24 * HOUR);
  });
});

describe('notices about a case task', () => {
  it('name the task, the case number and the link, in Indonesian first', () => {
    const n = {
      kind: 'tugas_kasus_eskalasi',
      ref: 'PPA-3602-2026-000042',
      topic: 'lapor_polisi_tpks',
      url: 'https://simpul.test/',
    };
    const mail = notificationEmail(n);
    expect(mail.subject).toBe(
      '[Simpul] Eskalasi: tugas kasus sudah lama melewati batas waktu — PPA-3602-2026-000042',
    );
    expect(mail.text.indexOf('Tugas: Laporkan ke kepolisian')).toBeGreaterThan(0);
    expect(mail.text.indexOf('Task: Report to police')).toBeGreaterThan(mail.text.indexOf('Tugas:'));
    expect(whatsappTemplateParams(n)[0]).toBe(
      'Eskalasi: tugas kasus sudah lama melewati batas waktu: Laporkan ke kepolisian dalam 3×24 jam (UU TPKS Pasal 41) (PPA-3602-2026-000042)',
    );
    expect(topicLabel(null)).toBeNull();
    expect(topicLabel('bukan_aturan')).toBeNull();
  });
});
