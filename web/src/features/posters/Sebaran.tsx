/**
 * Spreading the channels (issue 12 §6, decision 034): the Dinas's poster codes ("titik sebar")
 * with how often /lapor was opened from each and how many reports were sent from it, per month
 * (aggregates, never per day); its managers create codes and download posters and cards as PDF.
 */
import './words.ts';
import { useState } from 'preact/hooks';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { PosterCodeDto } from '../../../../src/domain/contract/posters.ts';
import { API, call } from '../../api.ts';
import {
  EditButton,
  ErrorSummary,
  FormActions,
  Submit,
  TextField,
  useAction,
} from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, Notice, PageHeading, useLoad } from '../../components/page.tsx';
import { RegionPicker } from '../../components/region.tsx';
import { t } from '../../i18n/index.ts';
import { fmtMonth, fmtNumber } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';

function Downloads({ path, name }: { path: string; name: string }) {
  return (
    <p class="poster-downloads">
      <a href={`${API}${path}?size=a4`} download aria-label={t('poster.a4Of', { name })}>
        {t('poster.a4')}
      </a>{' '}
      ·{' '}
      <a href={`${API}${path}?size=a5`} download aria-label={t('poster.a5Of', { name })}>
        {t('poster.a5')}
      </a>{' '}
      ·{' '}
      <a href={`${API}${path}?size=kartu`} download aria-label={t('poster.cardsOf', { name })}>
        {t('poster.cards')}
      </a>
    </p>
  );
}

/** The fields of a placement a manager may correct (the code itself is printed and stays). */
function EditCode({ c, onDone }: { c: PosterCodeDto; onDone: (changed: PosterCodeDto | null) => void }) {
  const [form, setForm] = useState({
    label: c.label,
    campaign: c.campaign ?? '',
    desaCode: c.desaCode ?? '',
  });
  const save = useAction();
  const prefix = `ubah-${c.code}`;
  const labels = { label: t('poster.label'), campaign: t('poster.campaign'), desaCode: t('poster.desa') };
  const submit = (e: Event) => {
    e.preventDefault();
    save.run(async () => {
      const changed = await call('PATCH /posters/codes/{id}', {
        params: { id: c.id },
        body: {
          version: c.version,
          label: form.label,
          campaign: form.campaign || null,
          desaCode: form.desaCode.split('.').length === 4 ? form.desaCode : null,
        },
      });
      onDone(changed);
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('poster.editOf', { name: c.label })}>
      <ErrorSummary error={save.error} attempt={save.attempt} prefix={prefix} labels={labels} />
      <TextField
        prefix={prefix}
        name="label"
        label={labels.label}
        value={form.label}
        onValue={(v) => setForm({ ...form, label: v })}
        error={save.error}
        required
        maxLength={120}
      />
      <TextField
        prefix={prefix}
        name="campaign"
        label={labels.campaign}
        value={form.campaign}
        onValue={(v) => setForm({ ...form, campaign: v })}
        error={save.error}
        maxLength={160}
      />
      <RegionPicker
        prefix={prefix}
        name="desaCode"
        label={labels.desaCode}
        value={form.desaCode}
        onValue={(v) => setForm({ ...form, desaCode: v })}
        error={save.error}
        within={c.jurisdiction}
      />
      <FormActions busy={save.busy} onCancel={() => onDone(null)} />
    </form>
  );
}

function CodeCard({
  c: loaded,
  canManage,
  onChanged,
}: {
  c: PosterCodeDto;
  canManage: boolean;
  onChanged: (message: string) => void;
}) {
  const [c, setC] = useState(loaded);
  const [editing, setEditing] = useState(false);
  const headingId = `titik-${c.id}`;
  if (editing)
    return (
      <article class="card poster-code" aria-labelledby={headingId}>
        <h3 id={headingId}>{c.label}</h3>
        <EditCode
          c={c}
          onDone={(changed) => {
            setEditing(false);
            if (changed) {
              setC(changed);
              onChanged(t('poster.changed', { name: changed.label }));
            }
          }}
        />
      </article>
    );
  return (
    <article class="card poster-code" aria-labelledby={headingId}>
      <h3 id={headingId}>{c.label}</h3>
      <dl>
        <dt>{t('poster.code')}</dt>
        <dd>
          <code>{c.code}</code>
        </dd>
        <dt>{t('poster.link')}</dt>
        <dd class="poster-url">{c.url}</dd>
        {c.campaign && (
          <>
            <dt>{t('poster.campaign')}</dt>
            <dd>{c.campaign}</dd>
          </>
        )}
        {c.desaName && (
          <>
            <dt>{t('poster.desa')}</dt>
            <dd>{c.desaName}</dd>
          </>
        )}
        <dt>{t('poster.views')}</dt>
        <dd data-testid="views">{fmtNumber(c.totals.views)}</dd>
        <dt>{t('poster.reports')}</dt>
        <dd data-testid="reports">{fmtNumber(c.totals.reports)}</dd>
      </dl>
      <details>
        <summary>{t('poster.perMonth')}</summary>
        <div class="table-wrap">
          <table>
            <caption>{t('poster.perMonthOf', { name: c.label })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('poster.month')}</th>
                <th scope="col">{t('poster.views')}</th>
                <th scope="col">{t('poster.reports')}</th>
              </tr>
            </thead>
            <tbody>
              {c.months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{fmtMonth(m.month)}</th>
                  <td>{fmtNumber(m.views)}</td>
                  <td>{fmtNumber(m.reports)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      {canManage && <Downloads path={`/posters/codes/${c.id}/poster.pdf`} name={c.label} />}
      {canManage && (
        <EditButton aria={t('poster.editOf', { name: c.label })} onClick={() => setEditing(true)} />
      )}
    </article>
  );
}

export default function Sebaran() {
  const actor = useStore(userStore);
  const allowed = !!actor && roleCan(actor.role, 'poster:read');
  const list = useLoad(
    (signal) =>
      allowed ? call('GET /posters/codes', { signal, query: { months: 12 } }) : Promise.resolve(null),
    [allowed],
  );
  const [form, setForm] = useState({ label: '', campaign: '', desaCode: '' });
  const [notice, setNotice] = useState<string | null>(null);
  const create = useAction();
  if (!actor) return <Loading />;
  if (!allowed) return <NoAccess />;
  const prefix = 'titik';
  const labels = {
    label: t('poster.label'),
    campaign: t('poster.campaign'),
    desaCode: t('poster.desa'),
  };
  const submit = (e: Event) => {
    e.preventDefault();
    setNotice(null);
    create.run(async () => {
      const made = await call('POST /posters/codes', {
        body: {
          label: form.label,
          campaign: form.campaign || null,
          desaCode: form.desaCode.split('.').length === 4 ? form.desaCode : null,
        },
      });
      setForm({ label: '', campaign: '', desaCode: '' });
      setNotice(t('poster.created', { name: made.label, code: made.code }));
      list.reload();
    });
  };
  const data = list.data;
  return (
    <section>
      <PageHeading title={t('poster.title')}>{t('poster.title')}</PageHeading>
      <p class="lead">{t('poster.intro')}</p>
      <Notice text={notice} />
      {list.loading && !data ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : data ? (
        <>
          {!data.publicUrlConfigured && (
            <p class="notice warn" role="note">
              {t('poster.noPublicUrl', { url: data.reportUrl })}
            </p>
          )}
          {data.canManage && (
            <>
              <h2>{t('poster.plainTitle')}</h2>
              <p class="hint">{t('poster.plainHint', { url: data.reportUrl })}</p>
              <Downloads path="/posters/poster.pdf" name={t('poster.plainTitle')} />
              <h2>{t('poster.newTitle')}</h2>
              <form onSubmit={submit} noValidate aria-label={t('poster.newTitle')}>
                <ErrorSummary error={create.error} attempt={create.attempt} prefix={prefix} labels={labels} />
                <TextField
                  prefix={prefix}
                  name="label"
                  label={labels.label}
                  value={form.label}
                  onValue={(v) => setForm({ ...form, label: v })}
                  error={create.error}
                  required
                  maxLength={120}
                  hint={t('poster.labelHint')}
                />
                <TextField
                  prefix={prefix}
                  name="campaign"
                  label={labels.campaign}
                  value={form.campaign}
                  onValue={(v) => setForm({ ...form, campaign: v })}
                  error={create.error}
                  maxLength={160}
                  hint={t('poster.campaignHint')}
                />
                <RegionPicker
                  prefix={prefix}
                  name="desaCode"
                  label={labels.desaCode}
                  value={form.desaCode}
                  onValue={(v) => setForm({ ...form, desaCode: v })}
                  error={create.error}
                  hint={t('poster.desaHint')}
                  within={actor.jurisdiction || undefined}
                />
                <Submit busy={create.busy}>{t('poster.create')}</Submit>
              </form>
            </>
          )}
          <h2>{t('poster.listTitle')}</h2>
          <p class="hint">{t('poster.listHint')}</p>
          {data.items.length === 0 ? (
            <p>{t('poster.none')}</p>
          ) : (
            data.items.map((c) => (
              <CodeCard key={`${c.id}:${c.version}`} c={c} canManage={data.canManage} onChanged={setNotice} />
            ))
          )}
        </>
      ) : null}
    </section>
  );
}
