import { useState } from 'preact/hooks';
import type { OrgDto } from '../../../../src/domain/dto.ts';
import { api, asList } from '../../api.ts';
import {
  codeOptions,
  ErrorSummary,
  orNull,
  SelectField,
  TextField,
  useAction,
} from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, PageHeading, useLoad } from '../../components/page.tsx';
import { RegionPicker } from '../../components/region.tsx';
import { t } from '../../i18n/index.ts';
import { invalidateOrgs } from '../../lib/orgs.ts';
import { isAdmin } from '../../lib/roles.ts';
import { useStore } from '../../lib/store.ts';
import { codeLabel, userStore, useTaxonomies } from '../../lib/taxonomies.ts';

function OrgForm({
  org,
  onDone,
  reload,
}: {
  org: OrgDto | null;
  onDone: (saved: boolean) => void;
  reload: () => void;
}) {
  const tx = useTaxonomies();
  const actor = useStore(userStore);
  const [v, setV] = useState({
    name: org?.name ?? '',
    type: org?.type ?? '',
    regionCode: org?.regionCode ?? (actor?.role === 'admin-dinas' ? actor.jurisdiction : ''),
    address: org?.address ?? '',
    phone: org?.phone ?? '',
    email: org?.email ?? '',
  });
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { busy, error, attempt, run } = useAction();
  const prefix = org ? `org-${org.id.slice(0, 8)}` : 'org-new';
  const labels = {
    name: t('org.name'),
    type: t('org.type'),
    regionCode: t('org.region'),
    address: t('org.address'),
    phone: t('org.phone'),
    email: t('org.email'),
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const body = {
      name: v.name.trim(),
      type: v.type,
      regionCode: v.regionCode,
      address: orNull(v.address),
      phone: orNull(v.phone),
      email: orNull(v.email),
    };
    run(async () => {
      if (org)
        await api(`/admin/organisations/${org.id}`, {
          method: 'PATCH',
          body: { ...body, version: org.version },
        });
      else await api('/admin/organisations', { create: true, body });
      invalidateOrgs();
      onDone(true);
    });
  };
  const common = { prefix, error };
  const title = org ? t('org.editTitle', { name: org.name }) : t('org.add');
  return (
    <form class="card subform" onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} onReload={reload} />
      <div class="grid">
        <TextField
          {...common}
          name="name"
          label={labels.name}
          value={v.name}
          onValue={set('name')}
          required
        />
        <SelectField
          {...common}
          name="type"
          label={labels.type}
          value={v.type}
          onValue={set('type')}
          options={codeOptions(tx?.orgTypes)}
          required
        />
      </div>
      <RegionPicker
        {...common}
        name="regionCode"
        label={labels.regionCode}
        value={v.regionCode}
        onValue={set('regionCode')}
      />
      <TextField
        {...common}
        name="address"
        label={labels.address}
        value={v.address}
        onValue={set('address')}
      />
      <div class="grid">
        <TextField
          {...common}
          name="phone"
          type="tel"
          label={labels.phone}
          value={v.phone}
          onValue={set('phone')}
        />
        <TextField
          {...common}
          name="email"
          type="email"
          label={labels.email}
          value={v.email}
          onValue={set('email')}
        />
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('action.save')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}

export default function Orgs() {
  const actor = useStore(userStore);
  const tx = useTaxonomies();
  const allowed = !!actor && isAdmin(actor.role);
  const orgs = useLoad(
    (signal) =>
      allowed
        ? api<OrgDto[] | { items: OrgDto[] }>('/admin/organisations', { signal }).then(asList)
        : Promise.resolve([]),
    [allowed],
  );
  const [mode, setMode] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!actor) return <Loading />;
  if (!allowed) return <NoAccess />;
  const done = (saved: boolean) => {
    setMode(null);
    if (saved) {
      setNotice(t('common.saved'));
      orgs.reload();
    }
  };
  const title = t('org.title');
  const list = orgs.data ?? [];
  const editing = list.find((o) => o.id === mode) ?? null;
  return (
    <section>
      <div class="page-head">
        <PageHeading title={title}>{title}</PageHeading>
        {!mode && (
          <button
            type="button"
            class="primary"
            onClick={() => {
              setMode('new');
              setNotice(null);
            }}
          >
            {t('org.add')}
          </button>
        )}
      </div>
      {notice && (
        <p class="notice ok" role="status">
          {notice}
        </p>
      )}
      {mode === 'new' && <OrgForm org={null} onDone={done} reload={orgs.reload} />}
      {editing && (
        <OrgForm key={editing.id + editing.version} org={editing} onDone={done} reload={orgs.reload} />
      )}
      {orgs.loading && !orgs.data ? (
        <Loading />
      ) : orgs.error ? (
        <LoadError error={orgs.error} onRetry={orgs.reload} />
      ) : (
        <div class="table-wrap">
          <table class="cards">
            <caption class="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('org.name')}</th>
                <th scope="col">{t('org.type')}</th>
                <th scope="col">{t('org.region')}</th>
                <th scope="col">{t('org.contact')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((o) => (
                <tr key={o.id}>
                  <th scope="row" data-label={t('org.name')}>
                    {o.name}
                  </th>
                  <td data-label={t('org.type')}>{codeLabel(tx, 'orgTypes', o.type)}</td>
                  <td data-label={t('org.region')}>{o.regionName ?? o.regionCode}</td>
                  <td data-label={t('org.contact')}>
                    {[o.phone, o.email].filter(Boolean).join(' · ') || '—'}
                  </td>
                  <td data-label={t('common.actions')}>
                    <button
                      type="button"
                      onClick={() => {
                        setMode(o.id);
                        setNotice(null);
                      }}
                      aria-label={t('org.editAria', { name: o.name })}
                    >
                      {t('action.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
