/** The inbox's flood banner from its reports per minute (src/domain/intake.ts regionalFlood). */
import { describe, expect, it } from 'vitest';
import { RATE_LIMITS, regionalFlood } from '../../src/domain/intake.ts';

const at = (h: number, m = 0) => new Date(Date.UTC(2026, 2, 12, h, m));
const LIMIT = RATE_LIMITS.perRegionPerHour;

describe('regionalFlood', () => {
  it('is none while no 60 minutes hold more than the limit', () => {
    expect(regionalFlood([], at(10, 30))).toBeNull();
    expect(regionalFlood([{ start: at(10), count: LIMIT }], at(10, 30))).toBeNull();
    // the limit spread over more than an hour is no flood
    expect(
      regionalFlood(
        [
          { start: at(9, 0), count: LIMIT },
          { start: at(10, 0), count: LIMIT },
        ],
        at(10, 30),
      ),
    ).toBeNull();
  });

  it('starts with the first report of the first 60 minutes over the limit and counts every report since', () => {
    expect(regionalFlood([{ start: at(10), count: LIMIT + 1 }], at(10, 30))).toEqual({
      reports: LIMIT + 1,
      since: at(10).toISOString(),
      perHour: LIMIT,
    });
    expect(
      regionalFlood(
        [
          { start: at(9, 10), count: 20 },
          { start: at(10, 20), count: LIMIT + 50 },
        ],
        at(10, 59),
      ),
    ).toEqual({ reports: LIMIT + 50, since: at(10, 20).toISOString(), perHour: LIMIT });
  });

  it('sees a flood that straddles the turn of the hour', () => {
    const half = Math.ceil(LIMIT / 2) + 10;
    expect(
      regionalFlood(
        [
          { start: at(10, 50), count: half },
          { start: at(11, 5), count: half },
        ],
        at(11, 10),
      ),
    ).toEqual({ reports: 2 * half, since: at(10, 50).toISOString(), perHour: LIMIT });
  });

  it('stays for the hour after the peak, then goes; minutes after now do not count', () => {
    const minutes = [
      { start: at(9), count: 3 * LIMIT },
      { start: at(10), count: 12 },
    ];
    expect(regionalFlood(minutes, at(10, 45))).toEqual({
      reports: 3 * LIMIT + 12,
      since: at(9).toISOString(),
      perHour: LIMIT,
    });
    expect(regionalFlood(minutes, at(9, 59))?.reports).toBe(3 * LIMIT);
    expect(regionalFlood(minutes, at(10, 59))).not.toBeNull();
    expect(regionalFlood(minutes, at(11, 0))).toBeNull();
    expect(regionalFlood([{ start: at(11), count: 5 * LIMIT }], at(10, 30))).toBeNull();
  });
});
