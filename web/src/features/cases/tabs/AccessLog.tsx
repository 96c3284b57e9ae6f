/**
 * The case's access log for its case manager: who saw this person's data — case staff and the
 * partners who read what a referral shared — one card per person and local day, in words.
 */
import { useState } from 'preact/hooks';
import type { AccessGroupDto, AccessLogDto } from '../../../../../src/domain/dto.ts';
import { call } from '../../../api.ts';
import { SelectField } from '../../../components/form.tsx';
import { LoadError, Loading, useLoad } from '../../../components/page.tsx';
import { label, t } from '../../../i18n/index.ts';
import { fmtDay, fmtTimeIn } from '../../../lib/format.ts';
import type { TabProps } from '../shared.ts';

function between(first: string, last: string, log: AccessLogDto): string {
  const a = fmtTimeIn(first, log.zone);
  const b = fmtTimeIn(last, log.zone);
  return a === b
    ? t('accessLog.at', { time: a, zone: log.zoneAbbr })
    : t('accessLog.between', { first: a, last: b, zone: log.zoneAbbr });
}

function Group({ g, log }: { g: AccessGroupDto; log: AccessLogDto }) {
  const who = label(g.actor.name);
  const role = label(g.actor.roleLabel);
  return (
    <li class="card access-group">
      <h3>
        {who}
        {g.actor.partner && (
          <>
            {' '}
            <span class="badge warn">{t('accessLog.partner')}</span>
          </>
        )}
        {g.actor.otherRegion && (
          <>
            {' '}
            <span class="badge warn">{t('accessLog.otherRegion')}</span>
          </>
        )}
      </h3>
      <p class="hint">
        {[role, g.actor.org?.name].filter(Boolean).join(' · ')}
        {role || g.actor.org ? ' · ' : ''}
        <time dateTime={g.day}>{fmtDay(g.day)}</time> · {t('accessLog.groupSummary', { n: g.count })} ·{' '}
        {between(g.firstAt, g.lastAt, log)}
      </p>
      <ul class="access-items">
        {g.items.map((i) => (
          <li key={i.id}>
            <strong>{label(i.words)}</strong>
            {i.object && <> — {label(i.object)}</>}{' '}
            <span class="hint">
              ({t('accessLog.times', { n: i.count })}, {between(i.firstAt, i.lastAt, log)})
            </span>
          </li>
        ))}
      </ul>
    </li>
  );
}

export function AccessLog({ c }: TabProps) {
  const [actorId, setActorId] = useState('');
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useLoad(
    (signal) =>
      call('GET /cases/{id}/access-log', {
        params: { id: c.id },
        query: { actorId: actorId || undefined, page: page > 1 ? page : undefined },
        signal,
      }),
    [c.id, actorId, page],
  );
  if (loading && !data) return <Loading />;
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return null;
  // with a capped count the number of pages is not known, only whether another follows
  const pages = data.totalCapped ? undefined : Math.max(1, Math.ceil(data.total / data.pageSize));
  return (
    <div class="access-log">
      <h3>{t('accessLog.title')}</h3>
      <p class="hint">{t('accessLog.intro', { zone: data.zoneAbbr })}</p>
      {data.people.length > 0 && (
        <div class="filters">
          <SelectField
            prefix="al"
            name="actorId"
            label={t('accessLog.person')}
            value={actorId}
            empty={t('accessLog.everyone')}
            onValue={(v) => {
              setActorId(v);
              setPage(1);
            }}
            options={data.people.map((p) => ({
              value: p.id,
              text: `${p.name} — ${[label(p.roleLabel), p.org.name].filter(Boolean).join(', ')}${
                p.partner ? ` (${t('accessLog.partner')})` : ''
              }`,
            }))}
          />
        </div>
      )}
      <div aria-live="polite">
        {data.items.length === 0 ? (
          <p>{t('accessLog.none')}</p>
        ) : (
          <ol class="access-groups">
            {data.items.map((g) => (
              <Group key={g.id} g={g} log={data} />
            ))}
          </ol>
        )}
        {(page > 1 || data.hasMore) && (
          <nav class="pager" aria-label={t('pager.label')}>
            {page > 1 ? (
              <button type="button" onClick={() => setPage(page - 1)}>
                {t('accessLog.prev')}
              </button>
            ) : (
              <span />
            )}
            <span>{pages ? t('accessLog.page', { page, pages }) : t('pager.page', { page })}</span>
            {data.hasMore ? (
              <button type="button" onClick={() => setPage(page + 1)}>
                {t('accessLog.next')}
              </button>
            ) : (
              <span />
            )}
          </nav>
        )}
      </div>
    </div>
  );
}
