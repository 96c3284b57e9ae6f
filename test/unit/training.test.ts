/**
 * Training rules (issue 12 §2): completion needs attendance, validity counted in whole years from
 * the training's last day (29 February → 28 February), and which required trainings a person lacks.
 */
import { describe, expect, it } from 'vitest';
import { addYears, completionAllowed, expiresOn, trainingGaps } from '../../src/domain/training.ts';

describe('training rules', () => {
  it('completes only someone who attended', () => {
    expect(completionAllowed('hadir', true)).toBe(true);
    expect(completionAllowed('terdaftar', true)).toBe(false);
    expect(completionAllowed('tidak_hadir', true)).toBe(false);
    expect(completionAllowed('tidak_hadir', false)).toBe(true);
  });

  it('counts validity in whole years from the last day', () => {
    expect(addYears('2026-03-12', 2)).toBe('2028-03-12');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(expiresOn('2026-03-12', null)).toBeNull();
    expect(expiresOn('2026-03-12', 3)).toBe('2029-03-12');
  });

  it('lists the required trainings a person has never completed or whose validity ended', () => {
    const reqs = [
      { typeId: 'mk', role: 'manajer', validYears: 2 },
      { typeId: 'pk', role: 'manajer', validYears: null },
      { typeId: 'mk', role: 'pendamping', validYears: 2 },
    ];
    const done = [
      { typeId: 'mk', completedOn: '2024-01-10' },
      { typeId: 'mk', completedOn: '2025-06-30' },
      // a training that has not ended yet does not count
      { typeId: 'pk', completedOn: '2027-01-01' },
    ];
    expect(trainingGaps('manajer', reqs, done, '2026-12-05')).toEqual([
      { typeId: 'pk', status: 'belum', lastCompletedOn: null, expiredOn: null },
    ]);
    // the latest completion counts; on its anniversary it has expired
    expect(trainingGaps('manajer', reqs, done, '2027-06-30')).toEqual([
      { typeId: 'mk', status: 'kedaluwarsa', lastCompletedOn: '2025-06-30', expiredOn: '2027-06-30' },
    ]);
    expect(trainingGaps('pengaduan', reqs, [], '2026-12-05')).toEqual([]);
  });
});
