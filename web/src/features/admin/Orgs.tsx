import './words.ts';
import { useState } from 'preact/hooks';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { OrgDto } from '../../../../src/domain/dto.ts';
import { call } from '../../api.ts';
import {
  bindField,
  CardTable,
  CheckGroup,
  codeOptions,
  EditButton,
  ErrorSummary,
  FormActions,
  orNull,
  SelectField,
  TextField,
  useAction,
} from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, Notice, PageHeading, useEditing } from '../../components/page.tsx';
import { RegionPicker } from '../../components/region.tsx';
import { t } from '../../i18n/index.ts';
import { invalidateOrgs, useAdminOrgs } from '../../lib/orgs.ts';
import { useStore } from '../../lib/store.ts';
import { codeLabel, userStore, useTaxonomies } from '../../lib/taxonomies.ts';

/** A comma-separated list as an array (areas, languages). */
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const num = (s: string) => (s.trim() === '' ? null : Number(s));

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
    hours: org?.hours ?? '',
    areas: (org?.areas ?? []).join(', '),
    languages: (org?.languages ?? []).join(', '),
    accessibility: org?.accessibility ?? '',
    website: org?.website ?? '',
    capacityTotal: org?.capacityTotal != null ? String(org.capacityTotal) : '',
    capacityFree: org?.capacityFree != null ? String(org.capacityFree) : '',
  });
  const [services, setServices] = useState<string[]>(org?.services ?? []);
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
    services: t('dir.services'),
    hours: t('dir.hours'),
    areas: t('dir.areas'),
    languages: t('dir.languages'),
    accessibility: t('dir.accessibility'),
    website: t('org.website'),
    capacityTotal: t('dir.capacityTotal'),
    capacityFree: t('dir.capacityFree'),
  };
  // a safe house outside the reader's kab/kota: its address and phone are withheld, and not sent back
  const hidden = new Set<string>(org?.restrictedFields ?? []);
  const submit = (e: Event) => {
    e.preventDefault();
    const all = {
      name: v.name.trim(),
      type: v.type,
      regionCode: v.regionCode,
      address: orNull(v.address),
      phone: orNull(v.phone),
      email: orNull(v.email),
      services,
      areas: list(v.areas),
      languages: list(v.languages),
      hours: orNull(v.hours),
      accessibility: orNull(v.accessibility),
      website: orNull(v.website),
      capacityTotal: num(v.capacityTotal),
      capacityFree: num(v.capacityFree),
    };
    // withheld fields are left out (undefined is not sent)
    const body = {
      ...all,
      address: hidden.has('address') ? undefined : all.address,
      phone: hidden.has('phone') ? undefined : all.phone,
    };
    run(async () => {
      if (org)
        await call('PATCH /admin/organisations/{id}', {
          params: { id: org.id },
          body: { ...body, version: org.version },
        });
      else await call('POST /admin/organisations', { body });
      invalidateOrgs();
      onDone(true);
    });
  };
  const common = { prefix, error };
  const field = bindField(v, set, labels);
  const title = org ? t('org.editTitle', { name: org.name }) : t('org.add');
  return (
    <form class="card subform" onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} onReload={reload} />
      <div class="grid">
        <TextField {...common} {...field('name')} required />
        <SelectField {...common} {...field('type')} options={codeOptions(tx?.orgTypes)} required />
      </div>
      <RegionPicker {...common} {...field('regionCode')} />
      {hidden.size > 0 ? (
        <p class="hint">{t('org.locationSecret')}</p>
      ) : (
        <TextField {...common} {...field('address')} />
      )}
      <div class="grid">
        {hidden.has('phone') ? null : <TextField {...common} {...field('phone')} type="tel" />}
        <TextField {...common} {...field('email')} type="email" />
      </div>
      <CheckGroup
        {...common}
        name="services"
        label={labels.services}
        values={services}
        onValues={setServices}
        options={codeOptions(tx?.serviceTypes)}
      />
      <TextField {...common} {...field('areas')} hint={t('org.areasHint')} />
      <TextField {...common} {...field('hours')} />
      <div class="grid">
        <TextField {...common} {...field('languages')} hint={t('org.listHint')} />
        <TextField {...common} {...field('website')} type="url" />
      </div>
      <TextField {...common} {...field('accessibility')} />
      <div class="grid">
        <TextField {...common} {...field('capacityTotal')} type="number" inputMode="numeric" min="0" />
        <TextField {...common} {...field('capacityFree')} type="number" inputMode="numeric" min="0" />
      </div>
      <FormActions busy={busy} onCancel={() => onDone(false)} />
    </form>
  );
}

export default function Orgs() {
  const actor = useStore(userStore);
  const tx = useTaxonomies();
  const allowed = !!actor && roleCan(actor.role, 'user:manage');
  const orgs = useAdminOrgs(allowed);
  const edit = useEditing();
  if (!actor) return <Loading />;
  if (!allowed) return <NoAccess />;
  const done = (saved: boolean) => {
    edit.close(saved ? t('common.saved') : undefined);
    if (saved) orgs.reload();
  };
  const title = t('org.title');
  const list = orgs.data ?? [];
  const editing = list.find((o) => o.id === edit.mode) ?? null;
  return (
    <section>
      <div class="page-head">
        <PageHeading title={title}>{title}</PageHeading>
        {!edit.mode && (
          <button type="button" class="primary" onClick={() => edit.open('new')}>
            {t('org.add')}
          </button>
        )}
      </div>
      <Notice text={edit.notice} />
      {edit.mode === 'new' && <OrgForm org={null} onDone={done} reload={orgs.reload} />}
      {editing && (
        <OrgForm key={editing.id + editing.version} org={editing} onDone={done} reload={orgs.reload} />
      )}
      {orgs.loading && !orgs.data ? (
        <Loading />
      ) : orgs.error ? (
        <LoadError error={orgs.error} onRetry={orgs.reload} />
      ) : (
        <CardTable
          caption={title}
          items={list}
          columns={[
            { head: t('org.name'), cell: (o) => o.name },
            { head: t('org.type'), cell: (o) => codeLabel(tx, 'orgTypes', o.type) },
            { head: t('org.region'), cell: (o) => o.regionName ?? o.regionCode },
            { head: t('org.contact'), cell: (o) => [o.phone, o.email].filter(Boolean).join(' · ') || '—' },
            {
              head: t('common.actions'),
              cell: (o) => (
                <EditButton onClick={() => edit.open(o.id)} aria={t('org.editAria', { name: o.name })} />
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
