/**
 * Numbers shown in a form for editing come back as they were when the form is saved unchanged
 * (a RAD target of 76.5 once came back as 765: the form dropped every dot).
 */
import { describe, expect, it } from 'vitest';
import { parseNumber, typed } from '../../web/src/lib/format.ts';

describe('typed numbers', () => {
  it('shows a decimal with a comma and no thousands mark, and reads it back as it was', () => {
    expect(typed(76.5)).toBe('76,5');
    expect(typed(1250000)).toBe('1250000');
    for (const n of [0, 0.25, 7.5, 76.5, 100, 1250000, 2500000.75])
      expect(parseNumber(typed(n)), String(n)).toBe(n);
  });

  it('reads what people type: "76,5", "76.5", "1.250.000"; junk is NaN, empty is null', () => {
    expect(parseNumber('76,5')).toBe(76.5);
    expect(parseNumber('76.5')).toBe(76.5);
    expect(parseNumber('1.250.000')).toBe(1250000);
    expect(parseNumber(' ')).toBeNull();
    expect(parseNumber('abc')).toBeNaN();
  });
});
