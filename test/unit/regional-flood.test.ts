/** The inbox's flood banner from its hourly counters (src/domain/intake.ts regionalFlood). */
import { describe, expect, it } from 'vitest';
import { RATE_LIMITS, regionalFlood } from '../../src/domain/intake.ts';

const H = 3600_000;
const at = (h: number, m = 0) => new Date(Date.UTC(2026, 2, 12, h, m));
const LIMIT = RATE_LIMITS.perRegionPerHour;

describe('regionalFlood', () => {
  it('is none while every hour stays within the limit', () => {
    expect(regionalFlood([], at(10, 30))).toBeNull();
    expect(regionalFlood([{ start: at(10), count: LIMIT }], at(10, 30))).toBeNull();
  });

  it('starts with the first hour over the limit and counts every report since', () => {
    expect(regionalFlood([{ start: at(10), count: LIMIT + 1 }], at(10, 30))).toEqual({
      reports: LIMIT + 1,
      since: at(10).toISOString(),
      perHour: LIMIT,
    });
    expect(
      regionalFlood(
        [
          { start: at(9), count: 20 },
          { start: at(10), count: LIMIT + 50 },
        ],
        at(10, 59),
      )?.reports,
    ).toBe(LIMIT + 50);
  });

  it('stays through the hour after, then goes; older hours do not count', () => {
    const windows = [
      { start: at(9), count: 3 * LIMIT },
      { start: at(10), count: 12 },
    ];
    expect(regionalFlood(windows, at(10, 45))).toEqual({
      reports: 3 * LIMIT + 12,
      since: at(9).toISOString(),
      perHour: LIMIT,
    });
    expect(regionalFlood(windows, new Date(at(11).getTime() + 1))).toBeNull();
    expect(
      regionalFlood([{ start: new Date(at(10).getTime() + H), count: 5 * LIMIT }], at(10, 30)),
    ).toBeNull();
  });
});
