/** What the referral pages share: status and urgency badges, due dates, code labels, the boxes a role has. */
import type { ReferralSummaryDto } from '../../../../src/domain/dto.ts';
import {
  CANCEL_REASON_LABELS,
  CONSENT_BASIS_LABELS,
  DECLINE_REASON_LABELS,
  GUARDIAN_RELATION_LABELS,
  INVESTIGATION_STATUS_LABELS,
  REFERRAL_STATUS_LABELS,
  SECTION_LABELS,
  URGENCY_LABELS,
} from '../../../../src/domain/referrals.ts';
import type { Label } from '../../../../src/domain/taxonomies.ts';
import type { Column } from '../../components/form.tsx';
import { label, t } from '../../i18n/index.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { codeLabel, type Taxonomies } from '../../lib/taxonomies.ts';

export type { ReferralBox as Box } from '../../../../src/domain/capabilities.ts';

export { referralBoxes } from '../../../../src/domain/capabilities.ts';

function pick(map: Record<string, Label>, code: string | null | undefined): string {
  if (!code) return '—';
  return label(map[code], code);
}

export const statusLabel = (s: string) => pick(REFERRAL_STATUS_LABELS, s);
export const urgencyLabel = (s: string) => pick(URGENCY_LABELS, s);
export const basisLabel = (s: string) => pick(CONSENT_BASIS_LABELS, s);
export const relationLabel = (s: string) => pick(GUARDIAN_RELATION_LABELS, s);
export const sectionLabel = (s: string) => pick(SECTION_LABELS, s);
export const declineLabel = (s: string | null) => pick(DECLINE_REASON_LABELS, s);
export const cancelLabel = (s: string | null) => pick(CANCEL_REASON_LABELS, s);
export const investigationLabel = (s: string | null) => pick(INVESTIGATION_STATUS_LABELS, s);

export function servicesText(tx: Taxonomies | null, services: string[]): string {
  return services.map((s) => codeLabel(tx, 'serviceTypes', s)).join(', ');
}

const STATUS_CLASS: Record<string, string> = {
  terkirim: 'badge warn',
  diterima: 'badge ok',
  dalam_layanan: 'badge ok',
  selesai: 'badge stage',
  ditolak: 'badge danger',
  dibatalkan: 'badge muted',
};

/** The status as a word (the colour only repeats it). */
export function StatusBadge({ status }: { status: string }) {
  return <span class={STATUS_CLASS[status] ?? 'badge'}>{statusLabel(status)}</span>;
}

export function UrgencyBadge({ urgency }: { urgency: string }) {
  return (
    <span
      class={urgency === 'darurat' ? 'badge danger' : urgency === 'segera' ? 'badge warn' : 'badge muted'}
    >
      {urgencyLabel(urgency)}
    </span>
  );
}

/** The due date that matters now (acceptance while sent, completion while in service), overdue marked in words. */
export function Due({ r }: { r: ReferralSummaryDto }) {
  const open = r.status === 'terkirim' || r.status === 'diterima' || r.status === 'dalam_layanan';
  if (!open) return <>—</>;
  const accept = r.status === 'terkirim';
  const at = accept ? r.acceptDueAt : r.completeDueAt;
  return (
    <>
      {r.overdue && (
        <>
          <span class="badge danger">{t('ref.overdue')}</span>{' '}
        </>
      )}
      {accept ? t('ref.acceptBy') : t('ref.completeBy')} {fmtDateTime(at)}
    </>
  );
}

/** Badges that are not the status: consent withdrawn, outside Simpul. */
export function Flags({ r }: { r: ReferralSummaryDto }) {
  return (
    <>
      {r.consentWithdrawn && (
        <>
          {' '}
          <span class="badge danger">{t('ref.consentWithdrawn')}</span>
        </>
      )}
      {r.external && (
        <>
          {' '}
          <span class="badge muted">{t('ref.external')}</span>
        </>
      )}
    </>
  );
}

/** "Perempuan, 13-17 tahun (anak)": what the recipient knows of the victim without a section. */
export function victimText(tx: Taxonomies | null, v: ReferralSummaryDto['victim']): string {
  const parts: string[] = [];
  if (v.sex) parts.push(codeLabel(tx, 'sexes', v.sex));
  // '18+' (an adult, no narrower group told) and '60+' read "… tahun ke atas"
  if (v.ageGroup)
    parts.push(
      v.ageGroup.endsWith('+')
        ? t('ref.ageGroupPlus', { n: v.ageGroup.slice(0, -1) })
        : t('ref.ageGroup', { group: v.ageGroup.replace('-', '–') }),
    );
  if (v.child) parts.push(t('ref.child'));
  return parts.length ? parts.join(', ') : t('common.unknown');
}

/** The columns every table of referrals shows alike: the number (a link), services, status, sent, due. */
export function referralColumns(
  tx: Taxonomies | null,
): Record<'number' | 'services' | 'status' | 'sentAt' | 'due', Column<ReferralSummaryDto>> {
  return {
    number: { head: t('ref.number'), cell: (r) => <a href={`/rujukan/${r.id}`}>{r.number}</a> },
    services: { head: t('ref.services'), cell: (r) => servicesText(tx, r.services) },
    status: {
      head: t('ref.status'),
      cell: (r) => (
        <>
          <StatusBadge status={r.status} />
          <Flags r={r} />
        </>
      ),
    },
    sentAt: { head: t('ref.sentAt'), cell: (r) => fmtDateTime(r.sentAt) },
    due: { head: t('ref.due'), cell: (r) => <Due r={r} /> },
  };
}
