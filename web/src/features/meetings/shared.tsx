import './words.ts';
import type { FollowupDto } from '../../../../src/domain/contract/meetings.ts';
import { t } from '../../i18n/index.ts';

export const MEETING_KINDS = [
  'rakor_lintas_sektor',
  'rapat_gugus_tugas',
  'case_conference',
  'evaluasi',
  'lainnya',
] as const;
export const FOLLOWUP_STATUSES = ['belum', 'berjalan', 'selesai', 'batal'] as const;

export const kindText = (k: string) => t(`mtg.kind.${k}` as 'mtg.kind.lainnya');
export const meetingStatusText = (s: string) => t(`mtg.st.${s}` as 'mtg.st.direncanakan');
export const followupStatusText = (s: string) => t(`fu.st.${s}` as 'fu.st.belum');

const STATUS_CLASS: Record<string, string> = {
  belum: 'muted',
  berjalan: 'warn',
  selesai: 'ok',
  batal: 'muted',
};

/** The status of a follow-up with its lateness: overdue in red, escalated said in words. */
export function FollowupBadges({ f }: { f: FollowupDto }) {
  return (
    <span>
      <span class={`badge ${STATUS_CLASS[f.status] ?? ''}`}>{followupStatusText(f.status)}</span>
      {f.overdueDays > 0 && (
        <>
          {' '}
          <span class="badge danger">{t('fu.overdue', { n: f.overdueDays })}</span>
        </>
      )}
      {f.escalated && (
        <>
          {' '}
          <span class="badge danger">{t('fu.escalated')}</span>
        </>
      )}
    </span>
  );
}
