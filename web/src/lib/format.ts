import { getLang } from '../i18n/index.ts';

const ZONE = 'Asia/Jakarta';
const cache = new Map<string, Intl.DateTimeFormat>();

function fmt(kind: 'dt' | 'd' | 'date-only'): Intl.DateTimeFormat {
  const lang = getLang();
  const key = `${lang}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    const locale = lang === 'en' ? 'en-GB' : 'id-ID';
    f =
      kind === 'dt'
        ? new Intl.DateTimeFormat(locale, { timeZone: ZONE, dateStyle: 'medium', timeStyle: 'short' })
        : kind === 'd'
          ? new Intl.DateTimeFormat(locale, { timeZone: ZONE, dateStyle: 'medium' })
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
 * An ISO timestamp shown in WIB (Asia/Jakarta). A date-only value (`YYYY-MM-DD`: a service
 * recorded with its day) is shown as that date and nothing more: it has no time, and reading it as
 * midnight UTC would print "07.00 WIB" or, shifted, the day before.
 */
export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (DATE_ONLY.test(iso)) return fmtDate(iso);
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${fmt('dt').format(d)} WIB`;
}

/** A calendar date `YYYY-MM-DD` (no time zone shift), or the date part of a timestamp in WIB. */
export function fmtDate(s: string | null | undefined): string {
  if (!s) return '—';
  if (DATE_ONLY.test(s)) return fmt('date-only').format(new Date(`${s}T00:00:00Z`));
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? s : fmt('d').format(d);
}

/** `datetime-local` value (Jakarta wall time) → ISO with +07:00 offset. */
export function localToIso(v: string): string | undefined {
  if (!v) return undefined;
  const withSeconds = v.length === 16 ? `${v}:00` : v;
  return `${withSeconds}+07:00`;
}

/** ISO timestamp → `datetime-local` value in Jakarta wall time. */
export function isoToLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const j = new Date(d.getTime() + 7 * 3600_000);
  return j.toISOString().slice(0, 16);
}

/** Today's date in Jakarta as `YYYY-MM-DD`. */
export function todayJakarta(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
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
