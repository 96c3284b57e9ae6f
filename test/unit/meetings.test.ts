/** Rules of meetings and follow-ups (src/domain/meetings.ts): local times per zone, reminder phases, status rules. */
import { describe, expect, it } from 'vitest';
import {
  canMoveMeeting,
  daysOverdue,
  FOLLOWUP_ESCALATION_ROLES,
  FOLLOWUP_OWNER_ROLES,
  followupPhasesDue,
  followupStatusProblem,
  localParts,
  MeetingInput,
  meetingInstants,
  minutesTitle,
} from '../../src/domain/meetings.ts';

describe('meetings', () => {
  it('reads a meeting’s date and times in the jurisdiction’s zone (WIB, WITA, WIT)', () => {
    expect(meetingInstants('36.02', '2026-12-01', '09:00', '11:30').startsAt.toISOString()).toBe(
      '2026-12-01T02:00:00.000Z',
    );
    const bontang = meetingInstants('64.74', '2026-12-01', '00:30', null);
    expect(bontang.startsAt.toISOString()).toBe('2026-11-30T16:30:00.000Z');
    expect(bontang.endsAt).toBeNull();
    expect(localParts(bontang.startsAt, '64.74')).toEqual({ date: '2026-12-01', time: '00:30' });
    expect(localParts(meetingInstants('94.71', '2026-12-01', '08:00', null).startsAt, '94.71').time).toBe(
      '08:00',
    );
  });

  it('refuses reversed times and a meeting with neither place nor link', () => {
    const base = { kind: 'evaluasi', title: 'Rapat', date: '2026-12-01', startTime: '10:00' };
    const bad = MeetingInput.safeParse({ ...base, endTime: '09:59', place: 'Aula' });
    expect(bad.success ? [] : bad.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['endTime', 'end_time_before_start'],
    ]);
    const nowhere = MeetingInput.safeParse(base);
    expect(nowhere.success ? [] : nowhere.error.issues.map((i) => i.message)).toEqual([
      'place_or_link_required',
    ]);
    expect(MeetingInput.safeParse({ ...base, onlineLink: 'http://rapat.example' }).success).toBe(false);
    expect(MeetingInput.safeParse({ ...base, onlineLink: 'https://rapat.example/abc' }).success).toBe(true);
  });

  it('moves a meeting forward only; held and cancelled stay so', () => {
    expect(canMoveMeeting('direncanakan', 'berlangsung')).toBe(true);
    expect(canMoveMeeting('berlangsung', 'selesai')).toBe(true);
    expect(canMoveMeeting('selesai', 'berlangsung')).toBe(false);
    expect(canMoveMeeting('dibatalkan', 'direncanakan')).toBe(false);
  });

  it('reminds 3 days before, the day after, and escalates after 7 days overdue; nothing once closed', () => {
    const f = { dueOn: '2026-12-10', status: 'belum' };
    expect(followupPhasesDue(f, '2026-12-06')).toEqual([]);
    expect(followupPhasesDue(f, '2026-12-07')).toEqual(['dekat']);
    expect(followupPhasesDue(f, '2026-12-10')).toEqual(['dekat']);
    expect(followupPhasesDue(f, '2026-12-11')).toEqual(['terlambat']);
    expect(followupPhasesDue(f, '2026-12-16')).toEqual(['terlambat']);
    expect(followupPhasesDue(f, '2026-12-17')).toEqual(['terlambat', 'eskalasi']);
    expect(followupPhasesDue({ ...f, status: 'selesai' }, '2026-12-17')).toEqual([]);
    expect(daysOverdue(f, '2026-12-17')).toBe(7);
    expect(daysOverdue({ ...f, status: 'batal' }, '2026-12-17')).toBe(0);
    expect(daysOverdue(f, '2026-12-09')).toBe(0);
  });

  it('done needs a note or evidence; cancelled a reason', () => {
    expect(followupStatusProblem('selesai', { note: undefined, evidenceFiles: 0 })).toEqual({
      field: 'note',
      code: 'evidence_required',
    });
    expect(followupStatusProblem('selesai', { note: undefined, evidenceFiles: 1 })).toBeNull();
    expect(followupStatusProblem('batal', { note: undefined, evidenceFiles: 3 })).toEqual({
      field: 'note',
      code: 'reason_required',
    });
    expect(followupStatusProblem('berjalan', { note: undefined, evidenceFiles: 0 })).toBeNull();
  });

  it('tells the owner organisation’s coordination staff (partners too) and escalates to managers and leadership', () => {
    expect(FOLLOWUP_OWNER_ROLES).toContain('mitra');
    expect(FOLLOWUP_OWNER_ROLES).not.toContain('auditor');
    expect([...FOLLOWUP_ESCALATION_ROLES].sort()).toEqual(['admin-dinas', 'manajer', 'pimpinan']);
  });
});

describe('minutesTitle (review 12)', () => {
  it('names the kind once: a title that already says it is not preceded by it again', () => {
    expect(minutesTitle({ kind: 'case_conference', title: 'Case conference penanganan korban anak' })).toBe(
      'Notulen Case conference penanganan korban anak',
    );
    expect(minutesTitle({ kind: 'case_conference', title: 'Konferensi kasus Desember' })).toBe(
      'Notulen Konferensi kasus Desember',
    );
    expect(minutesTitle({ kind: 'rakor_lintas_sektor', title: 'Rakor pencegahan Desember' })).toBe(
      'Notulen Rakor pencegahan Desember',
    );
    expect(minutesTitle({ kind: 'case_conference', title: 'Penanganan korban anak' })).toBe(
      'Notulen Case Conference Penanganan korban anak',
    );
    expect(minutesTitle({ kind: 'evaluasi', title: 'Evaluasi layanan 2026' })).toBe(
      'Notulen Rapat Koordinasi Evaluasi layanan 2026',
    );
  });
});
