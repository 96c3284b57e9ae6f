/** What the inbox pages share: the item shapes, the risk / deadline / status badges, a flash message. */
import { useEffect, useState } from 'preact/hooks';
import type { IntakeDto, IntakeSummaryDto } from '../../../../src/domain/contract/intake.ts';
import { call } from '../../api.ts';
import { type MessageKey, t } from '../../i18n/index.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { store } from '../../lib/store.ts';
import { codeLabel, type Taxonomies } from '../../lib/taxonomies.ts';

export type IntakeSummary = IntakeSummaryDto;
export type IntakeItem = IntakeDto;
export type Duplicate = IntakeItem['possibleDuplicates'][number];

/** Channels an officer records by hand (the online form and WhatsApp messages arrive by themselves). */
export const STAFF_CHANNELS = [
  'telepon',
  'datang_langsung',
  'surat',
  'email',
  'penjangkauan',
  'rujukan',
  'whatsapp',
] as const;
/** Every channel of the inbox filter (what the API accepts). */
export const INBOX_CHANNELS: readonly string[] = ['daring', ...STAFF_CHANNELS];

/**
 * A required choice the person has not made yet is sent as missing (not as ''), so the server
 * names it "required" (not "unknown choice") together with every other problem of the form.
 * The contract types the field as present; leaving it out on purpose is what this says.
 */
export function choice(v: string): string {
  return (v || undefined) as string;
}

/** A message for the inbox after an action that takes the item out of it (forward). */
export const flash = store<string | null>(null);

const REASON_KEYS: Record<string, MessageKey> = {
  nik: 'reason.nik',
  telepon: 'reason.telepon',
  nama: 'reason.nama',
  nama_mirip: 'reason.nama_mirip',
  tanggal_lahir_wilayah: 'reason.tanggal_lahir_wilayah',
};

/** "NIK sama, Nomor telepon sama": why a case may be the same, in words. */
export function reasonsText(reasons: string[]): string {
  return reasons.map((r) => (REASON_KEYS[r] ? t(REASON_KEYS[r]) : r)).join(', ');
}

export function statusText(tx: Taxonomies | null, status: string): string {
  return codeLabel(tx, 'intakeStatuses', status);
}

export function isOpen(status: string): boolean {
  return status === 'baru' || status === 'ditangani';
}

/** Danger now and the risk level, always as words (colour only repeats them). */
export function RiskBadges({
  i,
  tx,
}: {
  i: Pick<IntakeSummary, 'risk' | 'dangerNow'>;
  tx: Taxonomies | null;
}) {
  return (
    <span class="badges">
      {i.dangerNow && <span class="badge danger">{t('intake.dangerNow')}</span>}
      {i.risk ? (
        <span class={i.risk === 'tinggi' ? 'badge danger' : i.risk === 'sedang' ? 'badge warn' : 'badge'}>
          {t('intake.riskLevel', { level: codeLabel(tx, 'riskLevels', i.risk) })}
        </span>
      ) : (
        <span class="badge muted">{t('intake.riskUnassessed')}</span>
      )}
    </span>
  );
}

/** Response deadline with the overdue state in words. */
export function Due({ i }: { i: Pick<IntakeSummary, 'dueAt' | 'overdue'> }) {
  if (!i.dueAt) return <>—</>;
  return (
    <span>
      {i.overdue && <span class="badge danger">{t('intake.overdue')}</span>} {fmtDateTime(i.dueAt)}
    </span>
  );
}

export function SpamBadge({ on }: { on: boolean }) {
  return on ? <span class="badge warn">{t('intake.suspectedSpam')}</span> : null;
}

/** Short description of what the report is about: age group, sex, forms (everyday words). */
export function aboutText(i: IntakeSummary, tx: Taxonomies | null): string {
  const parts: string[] = [];
  if (i.victimAgeGroup) parts.push(codeLabel(tx, 'victimAgeGroups', i.victimAgeGroup));
  if (i.victimSex) parts.push(codeLabel(tx, 'sexes', i.victimSex));
  const forms = i.forms.map((f) => codeLabel(tx, 'everydayForms', f));
  return [parts.join(', '), forms.join('; ')].filter(Boolean).join(' — ') || '—';
}

export function channelText(tx: Taxonomies | null, channel: string): string {
  return codeLabel(tx, 'intakeChannels', channel);
}

const regionNames = new Map<string, Promise<string>>();

/** "Malingping, Kabupaten Lebak": a region code in words (most specific first), cached; the code if unknown. */
export function regionName(code: string): Promise<string> {
  let p = regionNames.get(code);
  if (!p) {
    p = call('GET /regions/{code}', { params: { code } }).then(
      ({ items: rows }) =>
        rows
          .slice(-3)
          .reverse()
          .map((r) => r.name)
          .join(', ') || code,
      () => {
        regionNames.delete(code);
        return code;
      },
    );
    regionNames.set(code, p);
  }
  return p;
}

/** Names for the given region codes once loaded (the codes themselves until then). */
export function useRegionNames(codes: Array<string | null | undefined>): (code: string) => string {
  const list = [...new Set(codes.filter((c): c is string => !!c))];
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    Promise.all(list.map(async (c) => [c, await regionName(c)] as const)).then((pairs) => {
      if (live) setNames(Object.fromEntries(pairs));
    });
    return () => {
      live = false;
    };
  }, [list.join('|')]);
  return (code: string) => names[code] ?? code;
}
