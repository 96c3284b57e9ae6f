/**
 * Indonesian time zones by province code (WIB/WITA/WIT). The database stores UTC; people see
 * their unit's own zone (architecture.md, Language).
 */
export type IndonesianZone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';

export function zoneOfRegion(regionCode: string): IndonesianZone {
  const p = Number(regionCode.slice(0, 2));
  if (p >= 81) return 'Asia/Jayapura'; // Maluku, Maluku Utara, Papua provinces
  if (p === 51 || p === 52 || p === 53 || (p >= 63 && p <= 65) || (p >= 71 && p <= 76))
    return 'Asia/Makassar';
  return 'Asia/Jakarta';
}

export const ZONE_OFFSET_HOURS: Record<IndonesianZone, number> = {
  'Asia/Jakarta': 7,
  'Asia/Makassar': 8,
  'Asia/Jayapura': 9,
};

/** No holidays (tests, and an installation whose administrator has entered none yet). */
export const NO_HOLIDAYS: ReadonlySet<string> = new Set();

/**
 * Adds `n` working days to `from`, keeping the time of day: Monday–Friday in the given zone,
 * skipping the national holidays and cuti bersama in `holidays` (local dates, YYYY-MM-DD; data
 * the administrator enters each year, migration 0015).
 */
export function addWorkingDays(
  from: Date,
  n: number,
  zone: IndonesianZone,
  holidays: ReadonlySet<string> = NO_HOLIDAYS,
): Date {
  const off = ZONE_OFFSET_HOURS[zone] * 3600_000;
  let local = new Date(from.getTime() + off);
  let added = 0;
  while (added < n) {
    local = new Date(local.getTime() + 86_400_000);
    const dow = local.getUTCDay();
    if (dow !== 0 && dow !== 6 && !holidays.has(local.toISOString().slice(0, 10))) added++;
  }
  return new Date(local.getTime() - off);
}

/**
 * The calendar date (YYYY-MM-DD) at instant `at` in the time zone of a region (a kab/kota or
 * province code; '' = WIB): a 01:00 WIB report is that day's.
 */
export function localDate(at: Date, regionCode: string): string {
  const off = ZONE_OFFSET_HOURS[zoneOfRegion(regionCode || '31')] * 3600_000;
  return new Date(at.getTime() + off).toISOString().slice(0, 10);
}

/**
 * The calendar year at instant `at` in the time zone of a region: case and referral numbers count
 * per local year, so a case opened at 00:30 WIT on 1 January is numbered in the new year.
 */
export function localYear(at: Date, regionCode: string): number {
  return Number(localDate(at, regionCode).slice(0, 4));
}

/** The hour of the day (0–23) at instant `at` in the time zone of a region ('' = WIB). */
export function localHour(at: Date, regionCode: string): number {
  const off = ZONE_OFFSET_HOURS[zoneOfRegion(regionCode || '31')] * 3600_000;
  return new Date(at.getTime() + off).getUTCHours();
}

/** The abbreviation people read after a local time. */
export const ZONE_ABBR: Record<IndonesianZone, 'WIB' | 'WITA' | 'WIT'> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** Hours ahead of UTC in the zone of a region ('' = WIB). Indonesia keeps no daylight saving. */
export function zoneOffsetHours(regionCode: string): number {
  return ZONE_OFFSET_HOURS[zoneOfRegion(regionCode || '31')];
}

/** The instant a local calendar day (YYYY-MM-DD) begins in the zone of a region. */
export function localDayStart(date: string, regionCode: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - zoneOffsetHours(regionCode) * 3600_000);
}

/** `YYYY-MM-DD HH:mm` at instant `at` in the zone of a region (exports and printouts). */
export function localDateTime(at: Date, regionCode: string): string {
  const local = new Date(at.getTime() + zoneOffsetHours(regionCode) * 3600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** The instant a local calendar date (YYYY-MM-DD) begins in the time zone of a region. */
export const startOfLocalDate = localDayStart;

/** The local day (in the region's zone) that contains `at`: [start, end). */
export function localDayBounds(at: Date, regionCode: string): { date: string; start: Date; end: Date } {
  const date = localDate(at, regionCode);
  const start = startOfLocalDate(date, regionCode);
  return { date, start, end: new Date(start.getTime() + 86_400_000) };
}

/**
 * The instant a calendar date (`YYYY-MM-DD`) begins in the time zone of a region. For comparing a
 * date-only fact with instants; never shown as a time (a date-only fact has none).
 */
export const startOfLocalDay = localDayStart;
