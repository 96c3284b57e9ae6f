import { call } from '../../api.ts';
import { LoadError, Loading, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';

/**
 * The "Koordinasi" card (issue 12 review M3): overdue follow-ups, prevention activities this month
 * and the RAD's on-track share, each a link to its page; one small aggregate request.
 */
export default function CoordinationCard() {
  const { data, error, loading, reload } = useLoad(
    (signal) => call('GET /stats/coordination-summary', { signal }),
    [],
  );
  if (loading && !data) return <Loading />;
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return null;
  const share = data.rad?.onTrackShare;
  return (
    <ul class="coord-card">
      <li>
        <a
          href="/rapat/tindak-lanjut?overdue=true"
          class={data.overdueFollowups > 0 ? 'coord-late' : undefined}
        >
          <strong>{data.overdueFollowups}</strong> {t('home.coordOverdue', { n: data.overdueFollowups })}
        </a>
      </li>
      <li>
        <a href="/pencegahan">
          <strong>{data.activitiesThisMonth}</strong>{' '}
          {t('home.coordActivities', { n: data.activitiesThisMonth })}
        </a>
      </li>
      <li>
        <a href="/rad">
          {data.rad ? (
            <>
              <strong>{share === null || share === undefined ? '–' : `${Math.round(share * 100)}%`}</strong>{' '}
              {t('home.coordRad', {
                onTrack: data.rad.onTrack,
                n: data.rad.activities,
                q: data.rad.quarter,
                year: data.rad.year,
              })}
            </>
          ) : (
            t('home.coordNoRad')
          )}
        </a>
      </li>
    </ul>
  );
}
