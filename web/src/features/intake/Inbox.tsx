import { useState } from 'preact/hooks';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { RegionalFloodDto } from '../../../../src/domain/contract/intake.ts';
import { call, qs } from '../../api.ts';
import {
  bindField,
  CardTable,
  codeOptions,
  FilterActions,
  PagedResults,
  pageParam,
  SelectField,
  useUrlFilters,
} from '../../components/form.tsx';
import { Loading, NoAccess, Notice, PageHeading, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { fmtDateTime } from '../../lib/format.ts';
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
    page: pageParam(page),
  });
}

/** A flood of public reports into this inbox: one banner, instead of a mark on every report. */
function FloodBanner({ flood }: { flood: RegionalFloodDto | null | undefined }) {
  if (!flood) return null;
  return (
    <div class="notice warn" role="status" id="banjir-laporan">
      <h2>{t('intake.floodTitle')}</h2>
      <p>
        {t('intake.floodBody', { n: flood.reports, since: fmtDateTime(flood.since), limit: flood.perHour })}
      </p>
    </div>
  );
}

function InboxTable({ items, tx }: { items: IntakeSummary[]; tx: Taxonomies | null }) {
  return (
    <CardTable
      caption={t('intake.title')}
      items={items}
      tableClass="cards inbox"
      rowClass={(i) => (i.overdue ? 'overdue' : undefined)}
      columns={[
        {
          head: t('intake.code'),
          cell: (i) => (
            <>
              <a href={`/pengaduan/${i.id}`}>{i.code}</a> <SpamBadge on={i.suspectedSpam} />
            </>
          ),
        },
        { head: t('intake.risk'), cell: (i) => <RiskBadges i={i} tx={tx} /> },
        { head: t('intake.about'), cell: (i) => aboutText(i, tx) },
        { head: t('intake.channel'), cell: (i) => channelText(tx, i.channel) },
        { head: t('intake.receivedAt'), cell: (i) => fmtDateTime(i.receivedAt) },
        { head: t('intake.dueAt'), cell: (i) => <Due i={i} /> },
        { head: t('intake.status'), cell: (i) => statusText(tx, i.status) },
        { head: t('intake.assigned'), cell: (i) => i.assignedName ?? t('intake.notAssigned') },
      ]}
    />
  );
}

export default function Inbox() {
  const user = useStore(userStore);
  const tx = useTaxonomies();
  const { applied, page, f, set, queryKey, submit, href } = useUrlFilters(
    fromQuery,
    filterQuery,
    '/pengaduan',
  );
  // a message left by the item page (forwarded: the item is no longer here); shown once
  const [message] = useState(() => {
    const m = flash.get();
    flash.set(null);
    return m;
  });
  const allowed = !!user && roleCan(user.role, 'intake:triage');
  const results = useLoad(
    (signal) =>
      allowed
        ? call('GET /intake', {
            query: {
              status: applied.status,
              channel: applied.channel,
              spam: applied.spam,
              page,
              pageSize: 25,
            },
            signal,
          })
        : Promise.resolve(null),
    [queryKey, allowed],
  );
  if (!user) return <Loading />;
  if (!allowed) return <NoAccess />;

  const title = t('intake.title');
  const filtered = applied.status !== 'terbuka' || !!applied.channel || !!applied.spam;
  const bind = bindField(f, set, {
    status: t('intake.status'),
    channel: t('intake.channel'),
    spam: t('intake.spamFilter'),
  });
  const field = (k: keyof Filters) => ({ prefix: 'if', ...bind(k) });

  return (
    <section>
      <div class="page-head">
        <PageHeading title={title}>{title}</PageHeading>
        <a class="button primary" href="/pengaduan/baru">
          {t('intake.record')}
        </a>
      </div>
      <p class="lead">{t('intake.intro', { area: user.jurisdictionName })}</p>
      <Notice text={message} />
      <FloodBanner flood={results.data?.flood} />
      <form class="filters inline-filters" aria-label={t('intake.filters')} onSubmit={submit}>
        <div class="grid">
          <SelectField
            {...field('status')}
            empty={false}
            options={[
              { value: 'terbuka', text: t('intake.statusOpen') },
              { value: 'selesai', text: t('intake.statusDone') },
              { value: 'semua', text: t('intake.statusAll') },
            ]}
          />
          <SelectField
            {...field('channel')}
            empty={t('common.all')}
            options={codeOptions(tx?.intakeChannels).filter((o) => INBOX_CHANNELS.includes(o.value))}
          />
          <SelectField
            {...field('spam')}
            empty={t('common.all')}
            options={[
              { value: '1', text: t('intake.spamOnly') },
              { value: '0', text: t('intake.spamNone') },
            ]}
          />
        </div>
        <FilterActions submit={t('action.filter')}>
          {filtered && (
            <a class="button" href="/pengaduan">
              {t('cases.clear')}
            </a>
          )}
        </FilterActions>
      </form>
      <PagedResults
        {...results}
        found={(n) => t('intake.found', { n })}
        href={href}
        none={filtered ? t('intake.noneFiltered') : t('intake.none')}
      >
        {(items) => <InboxTable items={items} tx={tx} />}
      </PagedResults>
    </section>
  );
}
