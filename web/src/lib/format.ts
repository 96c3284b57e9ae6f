/**
 * Dates, times and numbers as people read them. Times are shown in a region's own zone with its
 * label (WIB/WITA/WIT, src/domain/time.ts): a case's in the zone of the case's kab/kota, anything
 * else in the zone of the signed-in officer's unit. Nothing here assumes WIB.
 */
import { type IndonesianZone, ZONE_ABBR, ZONE_OFFSET_HOURS, zoneOfRegion } from '../../../src/domain/time.ts';
import { getLang, t } from '../i18n/index.ts';
import { userStore } from './taxonomies.ts';

/** The signed-in officer's unit region: the zone of every time not tied to a case. */
let homeRegion = '';
userStore.subscribe((u) => {
  homeRegion = u?.jurisdiction ?? '';
});

/** The zone of a region code (kab/kota or province); without one, the officer's own. */
export function zoneFor(region?: string | null): IndonesianZone {
  return zoneOfRegion(region || homeRegion || '31');
}

const cache = new Map<string, Intl.DateTimeFormat>();

function fmt(kind: 'dt' | 'd' | 'date-only', zone: IndonesianZone): Intl.DateTimeFormat {
  const lang = getLang();
  const key = `${lang}:${kind}:${zone}`;
  let f = cache.get(key);
  if (!f) {
    const locale = lang === 'en' ? 'en-GB' : 'id-ID';
    f =
      kind === 'dt'
        ? new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' })
        : kind === 'd'
          ? new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: 'medium' })
          : new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium' });
    cache.set(key, f);
  }
  return f;
}

/** A count in the reader's language: 1.000 (id), 1,000 (en). */
export function fmtNumber(n: number): string {
  return n.toLocaleString(getLang() === 'en' ? 'en-GB' : 'id-ID');
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An ISO timestamp in a region's zone with its label ("5 Des 2026 09.30 WITA"). A date-only
 * value (`YYYY-MM-DD`: a service recorded with its day) is shown as that date and nothing more: it
 * has no time, and reading it as midnight UTC would print "07.00 WIB" or, shifted, the day before.
 */
export function fmtDateTime(iso: string | null | undefined, region?: string | null): string {
  if (!iso) return '—';
  if (DATE_ONLY.test(iso)) return fmtDate(iso);
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const zone = zoneFor(region);
  return `${fmt('dt', zone).format(d)} ${ZONE_ABBR[zone]}`;
}

/** A calendar date `YYYY-MM-DD` (no time zone shift), or the date part of a timestamp in a region's zone. */
export function fmtDate(s: string | null | undefined, region?: string | null): string {
  if (!s) return '—';
  if (DATE_ONLY.test(s)) return fmt('date-only', zoneFor()).format(new Date(`${s}T00:00:00Z`));
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? s : fmt('d', zoneFor(region)).format(d);
}

/** `+08:00` for WITA: Indonesia keeps no daylight saving time. */
function offsetText(zone: IndonesianZone): string {
  return `+${String(ZONE_OFFSET_HOURS[zone]).padStart(2, '0')}:00`;
}

/** `datetime-local` value (wall time in the region's zone) → ISO with that zone's offset. */
export function localToIso(v: string, region?: string | null): string | undefined {
  if (!v) return undefined;
  const withSeconds = v.length === 16 ? `${v}:00` : v;
  return `${withSeconds}${offsetText(zoneFor(region))}`;
}

/** ISO timestamp → `datetime-local` value in the region's wall time. */
export function isoToLocal(iso: string | null | undefined, region?: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const local = new Date(d.getTime() + ZONE_OFFSET_HOURS[zoneFor(region)] * 3_600_000);
  return local.toISOString().slice(0, 16);
}

/** Today's date in the region's zone as `YYYY-MM-DD`. */
export function todayLocal(region?: string | null): string {
  const local = new Date(Date.now() + ZONE_OFFSET_HOURS[zoneFor(region)] * 3_600_000);
  return local.toISOString().slice(0, 10);
}

/** The zone's label ("WITA") of a region; without one, of the officer's own. */
export function zoneAbbr(region?: string | null): string {
  return ZONE_ABBR[zoneFor(region)];
}

/** The hint under a `datetime-local` field: the zone its time is in ("Waktu Indonesia Tengah (WITA)."). */
export function zoneHint(region?: string | null): string {
  return t(`common.zoneHint.${ZONE_ABBR[zoneFor(region)]}`);
}

export function fmtSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const zoned = new Map<string, Intl.DateTimeFormat>();

/** The time of day (HH.mm) of an instant in the zone the server names (a case's or unit's zone). */
export function fmtTimeIn(iso: string, zone: string): string {
  const lang = getLang();
  const key = `${lang}:${zone}`;
  let f = zoned.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', { timeZone: zone, timeStyle: 'short' });
    zoned.set(key, f);
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : f.format(d);
}

/** A calendar day `YYYY-MM-DD` with its weekday ("Sabtu, 5 Des 2026"), no time zone shift. */
export function fmtDay(day: string): string {
  const lang = getLang();
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(d);
}

/** Date and time of an instant in the zone the server names, with its abbreviation (WIB/WITA/WIT). */
export function fmtDateTimeIn(iso: string, zone: string, abbr: string): string {
  const lang = getLang();
  const key = `${lang}:dt:${zone}`;
  let f = zoned.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
      timeZone: zone,
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    zoned.set(key, f);
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${f.format(d)} ${abbr}`;
}

/**
 * A span of time in a region's zone, in the reader's language: on one local day the date once
 * ("21 Nov 2026, 13.30–15.00 WIB"), otherwise both ends in full as `fmtDateTime` writes them.
 */
export function fmtDateTimeRange(
  start: string,
  end: string | null | undefined,
  region?: string | null,
): string {
  if (!end) return fmtDateTime(start, region);
  const zone = zoneFor(region);
  const s = new Date(start);
  const e = new Date(end);
  if (Number.isNaN(s.getTime()) || Number.isNaN(e.getTime()))
    return `${fmtDateTime(start, region)} – ${fmtDateTime(end, region)}`;
  if (fmt('d', zone).format(s) === fmt('d', zone).format(e))
    return `${fmt('dt', zone).format(s)}–${fmtTimeIn(end, zone)} ${ZONE_ABBR[zone]}`;
  return `${fmtDateTime(start, region)} – ${fmtDateTime(end, region)}`;
}

/** A local date and wall time (`YYYY-MM-DD`, `HH:mm`) of a region, written as `fmtDateTime` writes instants. */
export function fmtLocalDateTime(date: string, time: string, region?: string | null): string {
  return fmtDateTime(localToIso(`${date}T${time}`, region) ?? date, region);
}

/** A month `YYYY-MM` in the reader's language ("Des 2026", "Dec 2026"). */
export function fmtMonth(month: string): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return month;
  return new Intl.DateTimeFormat(getLang() === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: 'UTC',
    month: 'short',
    year: 'numeric',
  }).format(d);
}

/**
 * A number as typed in Indonesian or plain form: "1.250.000", "76,5", "76.5", "40". Empty → null;
 * anything else → NaN, which the form refuses (it is never sent as "no value").
 */
export function parseNumber(s: string): number | null {
  const x = s.trim().replace(/\s/g, '');
  if (x === '') return null;
  // a sign is read (the API answers "not negative" for it); letters and the like are not
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(x)) return Number(x.replace(/\./g, '').replace(',', '.'));
  if (/^-?\d+([.,]\d+)?$/.test(x)) return Number(x.replace(',', '.'));
  return Number.NaN;
}

/** A number as a form shows it for editing: a decimal comma, no thousands mark ("76,5", "1250000"). */
export function typed(n: number): string {
  return String(n).replace('.', ',');
}
