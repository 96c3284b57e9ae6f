/** /pencegahan/kampanye: the campaigns of the jurisdiction with their period, target desa and schools and numbers. */
import './words.ts';
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { CampaignDto } from '../../../../src/domain/contract/prevention.ts';
import { call } from '../../api.ts';
import {
  CheckGroup,
  ErrorSummary,
  FormActions,
  TextArea,
  TextField,
  useAction,
} from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, PageHeading, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { fmtDate, fmtNumber } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';
import { DesaPicker } from './shared.tsx';

const TARGETS = ['children', 'adults', 'activities', 'desa', 'schools'] as const;

function CampaignForm({
  c,
  jurisdiction,
  schools,
  onDone,
}: {
  c?: CampaignDto;
  jurisdiction: string;
  schools: Array<{ id: string; name: string }>;
  onDone: (saved: boolean) => void;
}) {
  const [v, setV] = useState({
    name: c?.name ?? '',
    startsOn: c?.startsOn ?? '',
    endsOn: c?.endsOn ?? '',
    description: c?.description ?? '',
    schoolNames: (c?.targetSchools ?? [])
      .filter((s) => !s.orgId)
      .map((s) => s.name)
      .join('\n'),
  });
  const [targets, setTargets] = useState<Record<(typeof TARGETS)[number], string>>(
    Object.fromEntries(TARGETS.map((k) => [k, c?.targets[k] == null ? '' : String(c.targets[k])])) as Record<
      (typeof TARGETS)[number],
      string
    >,
  );
  const [desa, setDesa] = useState<Array<{ code: string; name: string }>>(c?.targetDesa ?? []);
  const [pick, setPick] = useState('');
  const [schoolIds, setSchoolIds] = useState<string[]>(
    (c?.targetSchools ?? []).flatMap((s) => (s.orgId ? [s.orgId] : [])),
  );
  const { busy, error, attempt, run } = useAction();
  const prefix = c ? 'camp-edit' : 'camp-new';
  const labels: Record<string, string> = {
    name: t('camp.name'),
    startsOn: t('camp.startsOn'),
    endsOn: t('camp.endsOn'),
    description: t('camp.description'),
    targetDesa: t('camp.targetDesa'),
    targetSchools: t('camp.targetSchools'),
    ...Object.fromEntries(TARGETS.map((k) => [`targets.${k}`, t(`camp.target.${k}`)])),
  };
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const body = {
        name: v.name,
        startsOn: v.startsOn,
        endsOn: v.endsOn,
        description: v.description,
        targetDesa: desa.map((d) => d.code),
        targetSchools: [
          ...schoolIds.map((orgId) => ({ orgId })),
          ...v.schoolNames
            .split('\n')
            .map((x) => x.trim())
            .filter(Boolean)
            .map((name) => ({ name })),
        ],
        targets: Object.fromEntries(
          TARGETS.map((k) => [k, targets[k].trim() === '' ? null : Number(targets[k])]),
        ) as Record<(typeof TARGETS)[number], number | null>,
      };
      if (c)
        await call('PATCH /prevention/campaigns/{id}', {
          params: { id: c.id },
          body: { ...body, version: c.version },
        });
      else await call('POST /prevention/campaigns', { body });
      onDone(true);
    });
  };
  const add = async () => {
    if (pick.split('.').length !== 4 || desa.some((d) => d.code === pick)) return;
    const r = await call('GET /regions/{code}', { params: { code: pick } }).catch(() => null);
    setDesa((s) => [...s, { code: pick, name: r?.items.find((x) => x.code === pick)?.name ?? pick }]);
    setPick('');
  };
  return (
    <form onSubmit={submit} noValidate aria-label={c ? t('camp.editTitle') : t('camp.newTitle')}>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      <TextField
        prefix={prefix}
        name="name"
        label={labels.name!}
        value={v.name}
        onValue={(x) => setV({ ...v, name: x })}
        required
        maxLength={200}
        error={error}
      />
      <TextField
        prefix={prefix}
        name="startsOn"
        label={labels.startsOn!}
        type="date"
        value={v.startsOn}
        onValue={(x) => setV({ ...v, startsOn: x })}
        required
        error={error}
      />
      <TextField
        prefix={prefix}
        name="endsOn"
        label={labels.endsOn!}
        type="date"
        value={v.endsOn}
        onValue={(x) => setV({ ...v, endsOn: x })}
        required
        error={error}
      />
      <TextArea
        prefix={prefix}
        name="description"
        label={labels.description!}
        value={v.description}
        onValue={(x) => setV({ ...v, description: x })}
        rows={3}
        error={error}
      />
      <fieldset id={`${prefix}-targets`} tabIndex={-1}>
        <legend>{t('camp.targets')}</legend>
        {TARGETS.map((k) => (
          <TextField
            key={k}
            prefix={prefix}
            name={`targets.${k}`}
            label={labels[`targets.${k}`]!}
            type="number"
            inputMode="numeric"
            min="0"
            value={targets[k]}
            onValue={(x) => setTargets((s) => ({ ...s, [k]: x }))}
            error={error}
          />
        ))}
      </fieldset>
      <fieldset id={`${prefix}-targetDesa`} tabIndex={-1}>
        <legend>{labels.targetDesa}</legend>
        {desa.length > 0 && (
          <ul>
            {desa.map((d) => (
              <li key={d.code}>
                {d.name}{' '}
                <button
                  type="button"
                  onClick={() => setDesa((s) => s.filter((x) => x.code !== d.code))}
                  aria-label={t('camp.removeDesa', { name: d.name })}
                >
                  {t('camp.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <DesaPicker
          prefix={prefix}
          name="pick"
          label={t('camp.pickDesa')}
          jurisdiction={jurisdiction}
          value={pick}
          onValue={setPick}
        />
        <button type="button" onClick={add}>
          {t('camp.addDesa')}
        </button>
      </fieldset>
      {schools.length > 0 && (
        <CheckGroup
          prefix={prefix}
          name="targetSchools"
          label={labels.targetSchools!}
          values={schoolIds}
          onValues={setSchoolIds}
          options={schools.map((s) => ({ value: s.id, text: s.name }))}
          error={error}
        />
      )}
      <TextArea
        prefix={prefix}
        name="schoolNames"
        label={t('camp.schoolNames')}
        value={v.schoolNames}
        onValue={(x) => setV({ ...v, schoolNames: x })}
        hint={t('prev.onePerLine')}
        rows={3}
      />
      <FormActions busy={busy} onCancel={() => onDone(false)} />
    </form>
  );
}

export default function Campaigns() {
  const user = useStore(userStore);
  const allowed = !!user && roleCan(user.role, 'coord:read');
  const list = useLoad(
    (signal) => (allowed ? call('GET /prevention/campaigns', { signal }) : Promise.resolve(null)),
    [allowed],
  );
  const canManage = !!user && roleCan(user.role, 'coord:manage');
  const options = useLoad(
    (signal) => (canManage ? call('GET /prevention/options', { signal }) : Promise.resolve(null)),
    [canManage],
  );
  const [editing, setEditing] = useState<string | null>(null);
  if (!user) return <Loading />;
  if (!allowed) return <NoAccess />;
  const schools = (options.data?.organisations ?? []).filter((o) => o.type === 'sekolah');
  const remove = (c: CampaignDto) => {
    if (!confirm(t('camp.deleteConfirm', { name: c.name }))) return;
    call('DELETE /prevention/campaigns/{id}', { params: { id: c.id }, query: { version: c.version } }).then(
      () => list.reload(),
      (e: unknown) => alert(e instanceof Error ? e.message : String(e)),
    );
  };
  const done = (saved: boolean) => {
    setEditing(null);
    if (saved) list.reload();
  };
  return (
    <section>
      <PageHeading title={t('camp.title')}>{t('camp.title')}</PageHeading>
      <p class="lead">{t('camp.intro')}</p>
      <p>
        <a href="/pencegahan">{t('prev.back')}</a>
      </p>
      {canManage &&
        (editing === 'new' ? (
          <CampaignForm jurisdiction={user.jurisdiction} schools={schools} onDone={done} />
        ) : (
          <p>
            <button type="button" class="primary" onClick={() => setEditing('new')}>
              {t('camp.new')}
            </button>
          </p>
        ))}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : list.data && list.data.items.length === 0 ? (
        <p>{t('camp.none')}</p>
      ) : (
        list.data?.items.map((c) => (
          <article key={c.id} class="card" aria-labelledby={`camp-${c.id}`}>
            <h2 id={`camp-${c.id}`}>{c.name}</h2>
            {editing === c.id ? (
              <CampaignForm c={c} jurisdiction={c.jurisdiction} schools={schools} onDone={done} />
            ) : (
              <>
                <p>
                  {fmtDate(c.startsOn)} – {fmtDate(c.endsOn)} ·{' '}
                  {t('camp.activities', {
                    counted: String(c.countedActivityCount),
                    n: String(c.activityCount),
                  })}
                </p>
                {c.description && <p>{c.description}</p>}
                <dl>
                  {TARGETS.map((k) => (
                    <Fragment key={k}>
                      <dt>{t(`camp.target.${k}`)}</dt>
                      <dd>{c.targets[k] == null ? '—' : fmtNumber(c.targets[k])}</dd>
                    </Fragment>
                  ))}
                  <dt>{t('camp.targetDesa')}</dt>
                  <dd>{c.targetDesa.map((d) => d.name).join(', ') || '—'}</dd>
                  <dt>{t('camp.targetSchools')}</dt>
                  <dd>{c.targetSchools.map((s) => s.name).join(', ') || '—'}</dd>
                </dl>
                <p>
                  <a href={`/pencegahan/cakupan?campaign=${c.id}&from=${c.startsOn}&to=${c.endsOn}`}>
                    {t('camp.coverage')}
                  </a>
                  {c.canEdit && (
                    <>
                      {' '}
                      <button
                        type="button"
                        onClick={() => setEditing(c.id)}
                        aria-label={t('camp.editOf', { name: c.name })}
                      >
                        {t('action.edit')}
                      </button>
                      {c.activityCount === 0 && (
                        <>
                          {' '}
                          <button
                            type="button"
                            onClick={() => remove(c)}
                            aria-label={t('camp.deleteOf', { name: c.name })}
                          >
                            {t('camp.delete')}
                          </button>
                        </>
                      )}
                    </>
                  )}
                </p>
              </>
            )}
          </article>
        ))
      )}
    </section>
  );
}
