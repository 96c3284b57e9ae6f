import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Page } from '../../../../src/domain/dto.ts';
import { api, qs } from '../../api.ts';
import { codeOptions, SelectField } from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, PageHeading, Pager, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { canIntake } from '../../lib/roles.ts';
import { useStore } from '../../lib/store.ts';
import { type Taxonomies, userStore, useTaxonomies } from '../../lib/taxonomies.ts';
import {
  aboutText,
  channelText,
  Due,
  flash,
  INBOX_CHANNELS,
  type IntakeSummary,
  RiskBadges,
  SpamBadge,
  statusText,
} from './shared.tsx';

const FILTERS = ['status', 'channel', 'spam'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

function fromQuery(q: Record<string, string>): Filters {
  return {
    status: ['terbuka', 'selesai', 'semua'].includes(q.status ?? '') ? (q.status as string) : 'terbuka',
    channel: q.channel ?? '',
    spam: q.spam === '1' || q.spam === '0' ? q.spam : '',
  };
}

/** The query string of the filters: the default status (terbuka) is left out. */
function filterQuery(f: Filters, page?: number) {
  return qs({
    status: f.status === 'terbuka' ? undefined : f.status,
    channel: f.channel,
    spam: f.spam,
    page: page && page > 1 ? page : undefined,
  });
}

function InboxTable({ items, tx }: { items: IntakeSummary[]; tx: Taxonomies | null }) {
  return (
    <div class="table-wrap">
      <table class="cards inbox">
        <caption class="sr-only">{t('intake.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('intake.code')}</th>
            <th scope="col">{t('intake.risk')}</th>
            <th scope="col">{t('intake.about')}</th>
            <th scope="col">{t('intake.channel')}</th>
            <th scope="col">{t('intake.receivedAt')}</th>
            <th scope="col">{t('intake.dueAt')}</th>
            <th scope="col">{t('intake.status')}</th>
            <th scope="col">{t('intake.assigned')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} class={i.overdue ? 'overdue' : undefined}>
              <th scope="row" data-label={t('intake.code')}>
                <a href={`/pengaduan/${i.id}`}>{i.code}</a> <SpamBadge on={i.suspectedSpam} />
              </th>
              <td data-label={t('intake.risk')}>
                <RiskBadges i={i} tx={tx} />
              </td>
              <td data-label={t('intake.about')}>{aboutText(i, tx)}</td>
              <td data-label={t('intake.channel')}>{channelText(tx, i.channel)}</td>
              <td data-label={t('intake.receivedAt')}>{fmtDateTime(i.receivedAt)}</td>
              <td data-label={t('intake.dueAt')}>
                <Due i={i} />
              </td>
              <td data-label={t('intake.status')}>{statusText(tx, i.status)}</td>
              <td data-label={t('intake.assigned')}>{i.assignedName ?? t('intake.notAssigned')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Inbox() {
  const user = useStore(userStore);
  const { query, route } = useLocation();
  const tx = useTaxonomies();
  const applied = fromQuery(query);
  const page = Math.max(1, Number(query.page) || 1);
  const [f, setF] = useState<Filters>(applied);
  const set = (k: keyof Filters) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const queryKey = filterQuery(applied, page);
  useEffect(() => setF(fromQuery(query)), [queryKey]);
  // a message left by the item page (forwarded: the item is no longer here); shown once
  const [message] = useState(() => {
    const m = flash.get();
    flash.set(null);
    return m;
  });
  const allowed = !!user && canIntake(user.role);
  const { data, error, loading, reload } = useLoad(
    (signal) =>
      allowed
        ? api<Page<IntakeSummary>>(
            `/intake${qs({ status: applied.status, channel: applied.channel, spam: applied.spam, page, pageSize: 25 })}`,
            { signal },
          )
        : Promise.resolve(null),
    [queryKey, allowed],
  );
  if (!user) return <Loading />;
  if (!allowed) return <NoAccess />;

  const submit = (e: Event) => {
    e.preventDefault();
    route(`/pengaduan${filterQuery(f)}`);
  };
  const title = t('intake.title');
  const filtered = applied.status !== 'terbuka' || !!applied.channel || !!applied.spam;

  return (
    <section>
      <div class="page-head">
        <PageHeading title={title}>{title}</PageHeading>
        <a class="button primary" href="/pengaduan/baru">
          {t('intake.record')}
        </a>
      </div>
      <p class="lead">{t('intake.intro', { area: user.jurisdictionName })}</p>
      {message && (
        <p class="notice ok" role="status">
          {message}
        </p>
      )}
      <form class="filters inline-filters" aria-label={t('intake.filters')} onSubmit={submit}>
        <div class="grid">
          <SelectField
            prefix="if"
            name="status"
            label={t('intake.status')}
            value={f.status}
            onValue={set('status')}
            empty={false}
            options={[
              { value: 'terbuka', text: t('intake.statusOpen') },
              { value: 'selesai', text: t('intake.statusDone') },
              { value: 'semua', text: t('intake.statusAll') },
            ]}
          />
          <SelectField
            prefix="if"
            name="channel"
            label={t('intake.channel')}
            value={f.channel}
            onValue={set('channel')}
            empty={t('common.all')}
            options={codeOptions(tx?.intakeChannels).filter((o) => INBOX_CHANNELS.includes(o.value))}
          />
          <SelectField
            prefix="if"
            name="spam"
            label={t('intake.spamFilter')}
            value={f.spam}
            onValue={set('spam')}
            empty={t('common.all')}
            options={[
              { value: '1', text: t('intake.spamOnly') },
              { value: '0', text: t('intake.spamNone') },
            ]}
          />
        </div>
        <div class="actions">
          <button type="submit" class="primary">
            {t('action.filter')}
          </button>
          {filtered && (
            <a class="button" href="/pengaduan">
              {t('cases.clear')}
            </a>
          )}
        </div>
      </form>
      <div aria-live="polite">
        {loading && !data ? (
          <Loading />
        ) : error ? (
          <LoadError error={error} onRetry={reload} />
        ) : data && data.items.length > 0 ? (
          <>
            <p class="hint">{t('intake.found', { n: data.total })}</p>
            <InboxTable items={data.items} tx={tx} />
            <Pager
              page={data.page}
              pageSize={data.pageSize}
              total={data.total}
              count={data.items.length}
              href={(p) => `/pengaduan${filterQuery(applied, p)}`}
            />
          </>
        ) : (
          <p>{filtered ? t('intake.noneFiltered') : t('intake.none')}</p>
        )}
      </div>
    </section>
  );
}
