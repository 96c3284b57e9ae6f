import type { CaseSummaryDto, Page } from '../../../../src/domain/dto.ts';
import { STAGE_LABELS, STAGES } from '../../../../src/domain/stages.ts';
import { api, qs } from '../../api.ts';
import { codeOptions, PagedResults, SelectField, TextField, useUrlFilters } from '../../components/form.tsx';
import { Loading, NoAccess, PageHeading, useLoad } from '../../components/page.tsx';
import { RegionPicker } from '../../components/region.tsx';
import { label, t } from '../../i18n/index.ts';
import { canCases, canCreateCase } from '../../lib/roles.ts';
import { useStore } from '../../lib/store.ts';
import { userStore, useTaxonomies } from '../../lib/taxonomies.ts';
import { CaseTable } from '../home/Home.tsx';

const FILTERS = ['q', 'stage', 'risk', 'form', 'region', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

function fromQuery(q: Record<string, string>): Filters {
  return Object.fromEntries(FILTERS.map((k) => [k, q[k] ?? ''])) as Filters;
}

function toQuery(f: Filters, page?: number) {
  return qs({ ...f, page: page && page > 1 ? page : undefined });
}

export default function CaseList() {
  const user = useStore(userStore);
  const tx = useTaxonomies();
  const { route, applied, page, f, setF, set, queryKey } = useUrlFilters(fromQuery, toQuery);
  const results = useLoad(
    (signal) => api<Page<CaseSummaryDto>>(`/cases${qs({ ...applied, page, pageSize: 20 })}`, { signal }),
    [queryKey],
  );
  if (!user) return <Loading />;
  if (!canCases(user.role)) return <NoAccess />;

  const submit = (e: Event) => {
    e.preventDefault();
    route(`/kasus${toQuery(f)}`);
  };
  const clear = () => {
    const empty = fromQuery({});
    setF(empty);
    route('/kasus');
  };
  const active = FILTERS.some((k) => applied[k]);
  const title = t('cases.title');

  return (
    <section>
      <div class="page-head">
        <PageHeading title={title}>{title}</PageHeading>
        {canCreateCase(user.role) && (
          <a class="button primary" href="/kasus/baru">
            {t('nav.newCase')}
          </a>
        )}
      </div>
      <form class="filters" aria-label={t('cases.filters')} onSubmit={submit}>
        <TextField
          prefix="flt"
          name="q"
          type="search"
          label={t('cases.search')}
          hint={t('cases.searchHint')}
          value={f.q}
          onValue={set('q')}
        />
        <details open={active}>
          <summary>{t('cases.moreFilters')}</summary>
          <div class="grid">
            <SelectField
              prefix="flt"
              name="stage"
              label={t('case.stage')}
              value={f.stage}
              onValue={set('stage')}
              empty={t('common.all')}
              options={STAGES.map((s) => ({ value: s, text: label(STAGE_LABELS[s]) }))}
            />
            <SelectField
              prefix="flt"
              name="risk"
              label={t('case.risk')}
              value={f.risk}
              onValue={set('risk')}
              empty={t('common.all')}
              options={codeOptions(tx?.riskLevels)}
            />
            <SelectField
              prefix="flt"
              name="form"
              label={t('incident.forms')}
              value={f.form}
              onValue={set('form')}
              empty={t('common.all')}
              options={codeOptions(tx?.formsOfViolence)}
            />
            <TextField
              prefix="flt"
              name="from"
              type="date"
              label={t('cases.from')}
              value={f.from}
              onValue={set('from')}
            />
            <TextField
              prefix="flt"
              name="to"
              type="date"
              label={t('cases.to')}
              value={f.to}
              onValue={set('to')}
            />
          </div>
          <RegionPicker
            prefix="flt"
            name="region"
            label={t('cases.region')}
            value={f.region}
            onValue={set('region')}
            maxLevel={3}
          />
        </details>
        <div class="actions">
          <button type="submit" class="primary">
            {t('action.search')}
          </button>
          {active && (
            <button type="button" onClick={clear}>
              {t('cases.clear')}
            </button>
          )}
        </div>
      </form>
      <PagedResults
        {...results}
        found={(n) => t('cases.found', { n })}
        href={(p) => `/kasus${toQuery(applied, p)}`}
        none={active ? t('cases.noneFiltered') : t('cases.none')}
      >
        {(items) => <CaseTable items={items} caption={title} />}
      </PagedResults>
    </section>
  );
}
