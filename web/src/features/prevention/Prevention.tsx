/**
 * /pencegahan: the prevention activities the officer reads (a partner: its own), with filters,
 * the Dinas's queue of partner reports awaiting acceptance, and the planning form.
 */
import './words.ts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { ActivityDto } from '../../../../src/domain/contract/prevention.ts';
import { call } from '../../api.ts';
import { SelectField, TextField } from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, PageHeading, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { fmtDateTime, fmtNumber } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';
import { ActivityForm, DesaPicker, KIND_OPTIONS, kindText, STATUS_OPTIONS, statusText } from './shared.tsx';

function ActivityTable({ items, caption }: { items: ActivityDto[]; caption: string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('prev.titleField')}</th>
            <th scope="col">{t('prev.when')}</th>
            <th scope="col">{t('prev.desa')}</th>
            <th scope="col">{t('prev.kind')}</th>
            <th scope="col">{t('prev.status')}</th>
            <th scope="col">{t('prev.people')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                <a href={`/pencegahan/${a.id}`}>{a.title}</a>
              </th>
              <td>{fmtDateTime(a.startsAt, a.jurisdiction)}</td>
              <td>
                {a.place.name}, {a.place.district}
              </td>
              <td>{kindText(a.kind)}</td>
              <td>{statusText(a)}</td>
              <td>{a.participants ? fmtNumber(a.participantTotal) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Prevention() {
  const user = useStore(userStore);
  const { route } = useLocation();
  const allowed = !!user && roleCan(user.role, 'coord:read');
  const canManage = !!user && roleCan(user.role, 'coord:manage');
  const [draft, setDraft] = useState({ campaign: '', status: '', kind: '', region: '', from: '', to: '' });
  const [filters, setFilters] = useState(draft);
  const [planning, setPlanning] = useState(false);
  // the opened form's heading takes the focus (a keyboard or screen reader user lands on it)
  const formHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (planning) formHeading.current?.focus();
  }, [planning]);
  const options = useLoad(
    (signal) => (allowed ? call('GET /prevention/options', { signal }) : Promise.resolve(null)),
    [allowed],
  );
  const list = useLoad(
    (signal) =>
      allowed
        ? call('GET /prevention/activities', {
            signal,
            query: {
              campaign: filters.campaign || undefined,
              status: filters.status || undefined,
              kind: filters.kind || undefined,
              region: filters.region || undefined,
              from: filters.from || undefined,
              to: filters.to || undefined,
              pageSize: 100,
            },
          })
        : Promise.resolve(null),
    [allowed, JSON.stringify(filters)],
  );
  const queue = useLoad(
    (signal) =>
      canManage
        ? call('GET /prevention/activities', { signal, query: { review: 'menunggu', pageSize: 100 } })
        : Promise.resolve(null),
    [canManage],
  );
  if (!user) return <Loading />;
  if (!allowed) return <NoAccess />;
  const o = options.data;
  // a partner (its own organisation's activities only) plans too; the Dinas's coordinators plan for the region
  const canPlan = canManage || o?.ownOrgOnly === true;
  const set = (k: keyof typeof draft) => (x: string) => setDraft((s) => ({ ...s, [k]: x }));
  return (
    <section>
      <PageHeading title={t('prev.title')}>{t('prev.title')}</PageHeading>
      <p class="lead">{t('prev.intro')}</p>
      <p>
        <a href="/pencegahan/kampanye">{t('prev.campaignsLink')}</a>
        {o && !o.ownOrgOnly && (
          <>
            {' · '}
            <a href="/pencegahan/cakupan">{t('prev.coverageLink')}</a>
          </>
        )}
      </p>
      {canPlan &&
        o &&
        (planning ? (
          <>
            <h2 ref={formHeading} tabIndex={-1}>
              {t('prev.newTitle')}
            </h2>
            <ActivityForm
              options={o}
              onDone={(a) => {
                setPlanning(false);
                if (a) route(`/pencegahan/${a.id}`);
              }}
            />
          </>
        ) : (
          <p>
            <button type="button" class="primary" onClick={() => setPlanning(true)}>
              {t('prev.new')}
            </button>
          </p>
        ))}
      {canManage && queue.data && queue.data.items.length > 0 && (
        <>
          <h2>{t('prev.queueTitle')}</h2>
          <p class="hint">{t('prev.queueHint')}</p>
          <ActivityTable items={queue.data.items} caption={t('prev.queueTitle')} />
        </>
      )}
      <h2>{t('prev.listTitle')}</h2>
      <form
        class="filters"
        aria-label={t('prev.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <SelectField
          prefix="prev-f"
          name="campaign"
          label={t('prev.campaign')}
          value={draft.campaign}
          onValue={set('campaign')}
          options={(o?.campaigns ?? []).map((c) => ({ value: c.id, text: c.name }))}
          empty={t('prev.all')}
        />
        <SelectField
          prefix="prev-f"
          name="status"
          label={t('prev.status')}
          value={draft.status}
          onValue={set('status')}
          options={STATUS_OPTIONS()}
          empty={t('prev.all')}
        />
        <SelectField
          prefix="prev-f"
          name="kind"
          label={t('prev.kind')}
          value={draft.kind}
          onValue={set('kind')}
          options={KIND_OPTIONS()}
          empty={t('prev.all')}
        />
        <DesaPicker
          prefix="prev-f"
          name="region"
          label={t('prev.area')}
          jurisdiction={user.jurisdiction}
          value={draft.region}
          onValue={set('region')}
          anyLevel
        />
        <TextField
          prefix="prev-f"
          name="from"
          label={t('prev.from')}
          type="date"
          value={draft.from}
          onValue={set('from')}
        />
        <TextField
          prefix="prev-f"
          name="to"
          label={t('prev.to')}
          type="date"
          value={draft.to}
          onValue={set('to')}
        />
        <div class="actions">
          <button type="submit">{t('action.filter')}</button>
        </div>
      </form>
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : list.data && list.data.items.length === 0 ? (
        <p>{t('prev.none')}</p>
      ) : list.data ? (
        <ActivityTable
          items={list.data.items}
          caption={t('prev.listCaption', { n: String(list.data.total) })}
        />
      ) : null}
    </section>
  );
}
