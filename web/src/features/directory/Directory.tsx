import './words.ts';
import { useState } from 'preact/hooks';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { DirectoryEntryDto } from '../../../../src/domain/dto.ts';
import { call } from '../../api.ts';
import {
  bindField,
  codeOptions,
  ErrorSummary,
  FilterActions,
  PagedResults,
  plainFilters,
  SelectField,
  TextField,
  useAction,
  useUrlFilters,
} from '../../components/form.tsx';
import { Loading, Notice, PageHeading, useLoad } from '../../components/page.tsx';
import { RegionPicker } from '../../components/region.tsx';
import { t } from '../../i18n/index.ts';
import { fmtDate, fmtDateTime } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { codeLabel, type Taxonomies, userStore, useTaxonomies } from '../../lib/taxonomies.ts';

const FILTERS = ['q', 'service', 'type', 'region'] as const;
const { fromQuery, toQuery } = plainFilters(FILTERS);

/** The agreement badge: prominent when the organisation has no active agreement with the Dinas. */
export function AgreementBadge({ e }: { e: DirectoryEntryDto }) {
  if (!e.activeAgreement)
    return (
      <span class="badge danger">
        <strong>{t('dir.noAgreement')}</strong>
      </span>
    );
  return (
    <span class={`badge wrap ${e.agreementEndingSoon ? 'warn' : 'ok'}`}>
      {t('dir.agreement', { number: e.activeAgreement.number, date: fmtDate(e.activeAgreement.endsOn) })}
      {e.agreementEndingSoon ? ` · ${t('dir.agreementEnding')}` : ''}
    </span>
  );
}

function CapacityForm({ e, onSaved }: { e: DirectoryEntryDto; onSaved: (x: DirectoryEntryDto) => void }) {
  const [v, setV] = useState({
    capacityFree: String(e.capacityFree ?? 0),
    capacityTotal: String(e.capacityTotal ?? 0),
  });
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { busy, error, attempt, run } = useAction();
  const prefix = `cap-${e.id.slice(0, 8)}`;
  const labels = { capacityFree: t('dir.capacityFree'), capacityTotal: t('dir.capacityTotal') };
  const field = bindField(v, set, labels);
  const submit = (ev: Event) => {
    ev.preventDefault();
    run(async () => {
      const r = await call('PATCH /directory/{id}/capacity', {
        params: { id: e.id },
        body: {
          version: e.version,
          capacityFree: Number(v.capacityFree),
          capacityTotal: Number(v.capacityTotal),
        },
      });
      onSaved(r);
    });
  };
  const count = (k: keyof typeof v) => (
    <TextField prefix={prefix} {...field(k)} type="number" inputMode="numeric" min="0" error={error} />
  );
  return (
    <form class="inline-form" onSubmit={submit} noValidate aria-label={t('dir.updateCapacity')}>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      <div class="grid">
        {count('capacityFree')}
        {count('capacityTotal')}
      </div>
      <button type="submit" disabled={busy}>
        {t('dir.updateCapacity')}
      </button>
    </form>
  );
}

function Entry({
  e: initial,
  tx,
  onNotice,
}: {
  e: DirectoryEntryDto;
  tx: Taxonomies | null;
  onNotice: (s: string) => void;
}) {
  const [e, setE] = useState(initial);
  const verify = useAction();
  const services = e.services.map((s) => codeLabel(tx, 'serviceTypes', s)).join(', ');
  return (
    <article class="card" aria-labelledby={`dir-${e.id}`}>
      <h2 id={`dir-${e.id}`}>{e.name}</h2>
      <p class="hint">
        {codeLabel(tx, 'orgTypes', e.type)} · {e.regionName ?? e.regionCode}
      </p>
      <p class="badges">
        <AgreementBadge e={e} /> {!e.onSimpul && <span class="badge muted">{t('dir.notOnSimpul')}</span>}{' '}
        {e.verificationDue && <span class="badge warn">{t('dir.verifyDue')}</span>}
      </p>
      <dl class="facts small">
        <dt>{t('dir.services')}</dt>
        <dd>{services || '—'}</dd>
        <dt>{t('dir.hours')}</dt>
        <dd>{e.hours ?? '—'}</dd>
        {e.capacityTotal !== null && (
          <>
            <dt>{t('dir.capacity')}</dt>
            <dd>
              {t('dir.capacityOf', { free: e.capacityFree ?? 0, total: e.capacityTotal })}
              {e.capacityUpdatedAt &&
                ` (${t('dir.capacityUpdated', { date: fmtDateTime(e.capacityUpdatedAt) })})`}
            </dd>
          </>
        )}
        <dt>{t('dir.contact')}</dt>
        <dd>
          {[e.address, e.phone, e.email, e.website].filter(Boolean).join(' · ') || '—'}
          {e.restrictedFields.length > 0 && <p class="hint">{t('org.locationSecret')}</p>}
        </dd>
        {e.languages.length > 0 && (
          <>
            <dt>{t('dir.languages')}</dt>
            <dd>{e.languages.join(', ')}</dd>
          </>
        )}
        {e.accessibility && (
          <>
            <dt>{t('dir.accessibility')}</dt>
            <dd>{e.accessibility}</dd>
          </>
        )}
        <dt>{t('dir.areas')}</dt>
        <dd>{e.areas.join(', ') || '—'}</dd>
      </dl>
      <p class="hint">
        {e.verifiedAt ? t('dir.verifiedAt', { date: fmtDate(e.verifiedAt) }) : t('dir.neverVerified')}
      </p>
      {verify.error && (
        <p class="notice error" role="alert">
          {verify.error.message}
        </p>
      )}
      <div class="row-actions">
        {e.permissions.verify && (
          <button
            type="button"
            disabled={verify.busy}
            aria-label={t('dir.verifyAria', { name: e.name })}
            onClick={() =>
              verify.run(async () => {
                setE(await call('POST /directory/{id}/verify', { params: { id: e.id } }));
                onNotice(t('dir.verified', { name: e.name }));
              })
            }
          >
            {t('dir.verify')}
          </button>
        )}
      </div>
      {e.permissions.updateCapacity && e.capacityTotal !== null && (
        <details>
          <summary>{t('dir.updateCapacity')}</summary>
          <CapacityForm
            key={e.version}
            e={e}
            onSaved={(x) => {
              setE(x);
              onNotice(t('dir.capacitySaved', { name: e.name }));
            }}
          />
        </details>
      )}
    </article>
  );
}

export default function Directory() {
  const user = useStore(userStore);
  const tx = useTaxonomies();
  const [notice, setNotice] = useState<string | null>(null);
  const { applied, page, f, set, queryKey, submit, clear, href } = useUrlFilters(
    fromQuery,
    toQuery,
    '/direktori',
  );
  const results = useLoad(
    (signal) => call('GET /directory', { query: { ...applied, page, pageSize: 20 }, signal }),
    [queryKey],
  );
  if (!user) return <Loading />;
  const active = FILTERS.some((k) => applied[k]);
  const title = t('dir.title');
  const bind = bindField(f, set, {
    q: t('dir.search'),
    service: t('dir.service'),
    type: t('dir.type'),
    region: t('dir.region'),
  });
  const field = (k: (typeof FILTERS)[number]) => ({ prefix: 'dflt', ...bind(k) });
  return (
    <section>
      <div class="page-head">
        <PageHeading title={title}>{title}</PageHeading>
        {roleCan(user.role, 'user:manage') && (
          <p class="row-actions">
            <a class="button" href="/direktori/kerja-sama">
              {t('dir.agreementsLink')}
            </a>{' '}
            <a class="button" href="/direktori/permohonan">
              {t('dir.joinLink')}
            </a>
          </p>
        )}
      </div>
      <p class="lead">{t('dir.intro')}</p>
      <Notice text={notice} />
      <form class="filters" aria-label={t('dir.filters')} onSubmit={submit}>
        <div class="grid">
          <TextField {...field('q')} type="search" />
          <SelectField
            {...field('service')}
            empty={t('common.all')}
            options={codeOptions(tx?.serviceTypes)}
          />
          <SelectField {...field('type')} empty={t('common.all')} options={codeOptions(tx?.orgTypes)} />
        </div>
        <RegionPicker {...field('region')} maxLevel={4} />
        <FilterActions submit={t('action.search')}>
          {active && (
            <button type="button" onClick={clear}>
              {t('dir.clear')}
            </button>
          )}
        </FilterActions>
      </form>
      <PagedResults
        {...results}
        found={(n) => t('dir.found', { n })}
        href={href}
        none={active ? t('dir.noneFiltered') : t('dir.none')}
      >
        {(items) => (
          <div class="stack">
            {items.map((e) => (
              <Entry key={`${e.id}-${e.version}`} e={e} tx={tx} onNotice={setNotice} />
            ))}
          </div>
        )}
      </PagedResults>
    </section>
  );
}
