import { roleCan } from '../../../../src/domain/capabilities.ts';
import { STAGE_LABELS, STAGES } from '../../../../src/domain/stages.ts';
import { call } from '../../api.ts';
import {
  bindField,
  codeOptions,
  FilterActions,
  PagedResults,
  plainFilters,
  SelectField,
  TextField,
  useUrlFilters,
} from '../../components/form.tsx';
import { Loading, NoAccess, PageHeading, useLoad } from '../../components/page.tsx';
import { RegionPicker } from '../../components/region.tsx';
import { label, t } from '../../i18n/index.ts';
import { useStore } from '../../lib/store.ts';
import { userStore, useTaxonomies } from '../../lib/taxonomies.ts';
import { CaseTable } from '../home/Home.tsx';

const FILTERS = ['q', 'stage', 'risk', 'form', 'region', 'from', 'to'] as const;
const { fromQuery, toQuery } = plainFilters(FILTERS);

export default function CaseList() {
  const user = useStore(userStore);
  const tx = useTaxonomies();
  const { applied, page, f, set, queryKey, submit, clear, href } = useUrlFilters(
    fromQuery,
    toQuery,
    '/kasus',
  );
  const results = useLoad(
    (signal) => call('GET /cases', { query: { ...applied, page, pageSize: 20 }, signal }),
    [queryKey],
  );
  if (!user) return <Loading />;
  if (!roleCan(user.role, 'case:list')) return <NoAccess />;

  const active = FILTERS.some((k) => applied[k]);
  const title = t('cases.title');
  const bind = bindField(f, set, {
    q: t('cases.search'),
    stage: t('case.stage'),
    risk: t('case.risk'),
    form: t('incident.forms'),
    region: t('cases.region'),
    from: t('cases.from'),
    to: t('cases.to'),
  });
  const field = (k: (typeof FILTERS)[number]) => ({ prefix: 'flt', ...bind(k) });

  return (
    <section>
      <div class="page-head">
        <PageHeading title={title}>{title}</PageHeading>
        {roleCan(user.role, 'case:create') && (
          <a class="button primary" href="/kasus/baru">
            {t('nav.newCase')}
          </a>
        )}
      </div>
      <form class="filters" aria-label={t('cases.filters')} onSubmit={submit}>
        <TextField {...field('q')} type="search" hint={t('cases.searchHint')} />
        <details open={active}>
          <summary>{t('cases.moreFilters')}</summary>
          <div class="grid">
            <SelectField
              {...field('stage')}
              empty={t('common.all')}
              options={STAGES.map((s) => ({ value: s, text: label(STAGE_LABELS[s]) }))}
            />
            <SelectField {...field('risk')} empty={t('common.all')} options={codeOptions(tx?.riskLevels)} />
            <SelectField
              {...field('form')}
              empty={t('common.all')}
              options={codeOptions(tx?.formsOfViolence)}
            />
            <TextField {...field('from')} type="date" />
            <TextField {...field('to')} type="date" />
          </div>
          <RegionPicker {...field('region')} maxLevel={3} />
        </details>
        <FilterActions submit={t('action.search')}>
          {active && (
            <button type="button" onClick={clear}>
              {t('cases.clear')}
            </button>
          )}
        </FilterActions>
      </form>
      <PagedResults
        {...results}
        found={(n) => t('cases.found', { n })}
        href={href}
        none={active ? t('cases.noneFiltered') : t('cases.none')}
      >
        {(items) => <CaseTable items={items} caption={title} />}
      </PagedResults>
    </section>
  );
}
