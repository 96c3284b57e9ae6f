/**
 * One way to write dates on the coordination pages (prevention, meetings, training, RAD,
 * regulations, posters): a date as `fmtDate`, a time with its zone as `fmtDateTime`, a span on one
 * day with the date once, a month as `fmtMonth`; each in the reader's language (English pages
 * never show "Des" or "09.00").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { langStore } from '../../web/src/i18n/index.ts';
import {
  fmtDate,
  fmtDateTime,
  fmtDateTimeRange,
  fmtLocalDateTime,
  fmtMonth,
} from '../../web/src/lib/format.ts';

afterEach(() => langStore.set('id'));

describe('dates on the coordination pages', () => {
  it('writes a meeting’s local date and time as an instant is written, zone included', () => {
    // 13:30 WIB in Lebak is 06:30Z; the same words as fmtDateTime of that instant
    expect(fmtLocalDateTime('2026-11-21', '13:30', '36.02')).toBe(
      fmtDateTime('2026-11-21T06:30:00Z', '36.02'),
    );
    expect(fmtLocalDateTime('2026-11-21', '13:30', '36.02')).toBe('21 Nov 2026, 13.30 WIB');
    // a WITA kab/kota keeps its own zone
    expect(fmtLocalDateTime('2026-11-21', '13:30', '64.74')).toBe('21 Nov 2026, 13.30 WITA');
  });

  it('writes a span on one day with the date once, across days in full', () => {
    expect(fmtDateTimeRange('2026-12-15T02:00:00Z', '2026-12-15T05:00:00Z', '36.02')).toBe(
      '15 Des 2026, 09.00–12.00 WIB',
    );
    expect(fmtDateTimeRange('2026-12-15T02:00:00Z', '2026-12-16T05:00:00Z', '36.02')).toBe(
      '15 Des 2026, 09.00 WIB – 16 Des 2026, 12.00 WIB',
    );
    expect(fmtDateTimeRange('2026-12-15T02:00:00Z', null, '36.02')).toBe('15 Des 2026, 09.00 WIB');
  });

  it('uses the reader’s language on English pages', () => {
    langStore.set('en');
    expect(fmtDateTimeRange('2026-12-15T02:00:00Z', '2026-12-15T05:00:00Z', '36.02')).toBe(
      '15 Dec 2026, 09:00–12:00 WIB',
    );
    expect(fmtLocalDateTime('2026-11-21', '13:30', '36.02')).toBe('21 Nov 2026, 13:30 WIB');
    expect(fmtMonth('2026-12')).toBe('Dec 2026');
    expect(fmtDate('2026-12-05')).toBe('5 Dec 2026');
    langStore.set('id');
    expect(fmtMonth('2026-12')).toBe('Des 2026');
  });
});
