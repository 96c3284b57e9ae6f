/**
 * Standar waktu rujukan (issue 4 §2): how long a recipient has to accept a referral and to
 * complete it, by urgency; the national defaults (src/domain/referrals.ts) and the region's own
 * overrides. The Dinas administrator edits the overrides (the whole list is saved at once);
 * everyone else reads them.
 */
import './words.ts';
import { useState } from 'preact/hooks';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { ReferralSlaDto, SlaOverrideDto } from '../../../../src/domain/contract/referrals.ts';
import { URGENCIES } from '../../../../src/domain/referrals.ts';
import { ApiError, call } from '../../api.ts';
import {
  codeOptions,
  ErrorSummary,
  FormActions,
  SelectField,
  TextField,
  useAction,
} from '../../components/form.tsx';
import { LoadError, Loading, Notice, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { useStore } from '../../lib/store.ts';
import { codeLabel, type Taxonomies, userStore, useTaxonomies } from '../../lib/taxonomies.ts';
import { urgencyLabel } from '../referrals/shared.tsx';
import { DirectoryPageHead } from './shared.tsx';

type Override = SlaOverrideDto;
type SlaDto = ReferralSlaDto;
/** An override row as the form holds it (numbers as typed). */
type Draft = { key: number; urgency: string; service: string; acceptHours: string; completeDays: string };

const ALL = '*';

function serviceText(tx: Taxonomies | null, s: string): string {
  return s === ALL ? t('sla.allServices') : codeLabel(tx, 'serviceTypes', s);
}

/** Overrides in a stable order: by urgency (most urgent first), "all services" first, then by service. */
function sorted(list: Override[]): Override[] {
  const u = (x: Override['urgency']) => URGENCIES.indexOf(x);
  return [...list].sort(
    (a, b) =>
      u(a.urgency) - u(b.urgency) ||
      (a.service === ALL ? -1 : b.service === ALL ? 1 : a.service.localeCompare(b.service)),
  );
}

function DefaultsTable({ data, tx }: { data: SlaDto; tx: Taxonomies | null }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="sr-only">{t('sla.defaults')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sla.urgency')}</th>
            <th scope="col">{t('sla.acceptHours')}</th>
            <th scope="col">{t('sla.completeDays')}</th>
            <th scope="col">{t('sla.shorter')}</th>
          </tr>
        </thead>
        <tbody>
          {data.defaults.map((d) => {
            // the services whose completion window is shorter than the urgency's
            const shorter = Object.entries(d.serviceCompleteDays)
              .filter(([, days]) => days < d.completeDays)
              .map(([s, days]) => t('sla.serviceDays', { service: serviceText(tx, s), n: days }));
            return (
              <tr key={d.urgency}>
                <th scope="row">{urgencyLabel(d.urgency)}</th>
                <td>{t('sla.hours', { n: d.acceptHours })}</td>
                <td>{t('sla.days', { n: d.completeDays })}</td>
                <td>{shorter.length > 0 ? shorter.join('; ') : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function OverridesTable({ list, tx }: { list: Override[]; tx: Taxonomies | null }) {
  if (list.length === 0) return <p>{t('sla.noOverrides')}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption class="sr-only">{t('sla.overrides')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sla.urgency')}</th>
            <th scope="col">{t('sla.service')}</th>
            <th scope="col">{t('sla.acceptHours')}</th>
            <th scope="col">{t('sla.completeDays')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted(list).map((o) => (
            <tr key={`${o.urgency}:${o.service}`}>
              <th scope="row">{urgencyLabel(o.urgency)}</th>
              <td>{serviceText(tx, o.service)}</td>
              <td>{t('sla.hours', { n: o.acceptHours })}</td>
              <td>{t('sla.days', { n: o.completeDays })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

let nextKey = 1;
const toDraft = (o: Override): Draft => ({
  key: nextKey++,
  urgency: o.urgency,
  service: o.service,
  acceptHours: String(o.acceptHours),
  completeDays: String(o.completeDays),
});

function OverridesForm({
  initial,
  tx,
  onDone,
}: {
  initial: Override[];
  tx: Taxonomies | null;
  onDone: (saved: SlaDto | null) => void;
}) {
  const [rows, setRows] = useState<Draft[]>(() => sorted(initial).map(toDraft));
  const { busy, error, attempt, run } = useAction();
  const prefix = 'sla';
  const fieldLabels: Record<keyof Omit<Draft, 'key'>, string> = {
    urgency: t('sla.urgency'),
    service: t('sla.service'),
    acceptHours: t('sla.acceptHours'),
    completeDays: t('sla.completeDays'),
  };
  // the summary names the row and the field: "Standar khusus 2 · Batas diterima (jam)"
  const labels: Record<string, string> = {};
  rows.forEach((_, i) => {
    for (const [k, l] of Object.entries(fieldLabels))
      labels[`overrides.${i}.${k}`] = `${t('sla.row', { n: i + 1 })} · ${l}`;
  });
  const update = (i: number, k: keyof Omit<Draft, 'key'>) => (v: string) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
  const add = () =>
    setRows((rs) => [
      ...rs,
      { key: nextKey++, urgency: '', service: ALL, acceptHours: '', completeDays: '' },
    ]);
  const remove = (i: number) => setRows((rs) => rs.filter((_, j) => j !== i));
  const urgencyOptions = URGENCIES.map((u) => ({ value: u, text: urgencyLabel(u) }));
  const serviceOptions = [{ value: ALL, text: t('sla.allServices') }, ...codeOptions(tx?.serviceTypes)];
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      // empty fields are named here; ranges and duplicates are the server's to judge
      const missing: Record<string, string> = {};
      rows.forEach((r, i) => {
        for (const k of ['urgency', 'service', 'acceptHours', 'completeDays'] as const)
          if (r[k].trim() === '') missing[`overrides.${i}.${k}`] = t('sla.required');
      });
      if (Object.keys(missing).length > 0)
        throw new ApiError(400, 'CLIENT_VALIDATION', t('error.checkFields'), missing);
      const overrides = rows.map((r) => ({
        urgency: r.urgency,
        service: r.service,
        acceptHours: Number(r.acceptHours),
        completeDays: Number(r.completeDays),
      }));
      onDone(await call('PUT /referral-sla', { body: { overrides } }));
    });
  };
  const title = t('sla.editTitle');
  return (
    <form class="card subform" onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <p class="hint">{t('sla.editHint')}</p>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      {rows.length === 0 && <p>{t('sla.noRows')}</p>}
      {rows.map((r, i) => {
        const name = (k: string) => `overrides.${i}.${k}`;
        const legend = t('sla.row', { n: i + 1 });
        return (
          <fieldset class="sla-row" key={r.key}>
            <legend>{legend}</legend>
            <div class="grid">
              <SelectField
                prefix={prefix}
                name={name('urgency')}
                label={fieldLabels.urgency}
                value={r.urgency}
                onValue={update(i, 'urgency')}
                options={urgencyOptions}
                error={error}
                required
              />
              <SelectField
                prefix={prefix}
                name={name('service')}
                label={fieldLabels.service}
                value={r.service}
                onValue={update(i, 'service')}
                options={serviceOptions}
                empty={false}
                error={error}
                required
              />
              <TextField
                prefix={prefix}
                name={name('acceptHours')}
                label={fieldLabels.acceptHours}
                type="number"
                inputMode="numeric"
                min="1"
                max="720"
                value={r.acceptHours}
                onValue={update(i, 'acceptHours')}
                error={error}
                required
              />
              <TextField
                prefix={prefix}
                name={name('completeDays')}
                label={fieldLabels.completeDays}
                type="number"
                inputMode="numeric"
                min="1"
                max="365"
                value={r.completeDays}
                onValue={update(i, 'completeDays')}
                error={error}
                required
              />
            </div>
            <button type="button" onClick={() => remove(i)} aria-label={t('sla.removeAria', { n: i + 1 })}>
              {t('sla.remove')}
            </button>
          </fieldset>
        );
      })}
      <p>
        <button type="button" onClick={add}>
          {t('sla.add')}
        </button>
      </p>
      <FormActions busy={busy} onCancel={() => onDone(null)} />
    </form>
  );
}

export default function SlaSettings() {
  const user = useStore(userStore);
  const tx = useTaxonomies();
  const sla = useLoad((signal) => call('GET /referral-sla', { signal }), []);
  const [saved, setSaved] = useState<SlaDto | null>(null);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  if (!user) return <Loading />;
  const title = t('sla.title');
  const data = saved ?? sla.data;
  const editable = roleCan(user.role, 'sla:edit');
  return (
    <section>
      <DirectoryPageHead title={title} />
      <p class="lead">{t('sla.intro')}</p>
      <Notice text={notice} />
      {sla.loading && !data ? (
        <Loading />
      ) : sla.error && !data ? (
        <LoadError error={sla.error} onRetry={sla.reload} />
      ) : data ? (
        <>
          <h2>{t('sla.defaults')}</h2>
          <DefaultsTable data={data} tx={tx} />
          <p class="hint">{t('sla.workingDays')}</p>
          <div class="page-head">
            <h2>{t('sla.overrides')}</h2>
            {editable && !editing && (
              <button
                type="button"
                class="primary"
                onClick={() => {
                  setEditing(true);
                  setNotice(null);
                }}
              >
                {t('sla.edit')}
              </button>
            )}
          </div>
          <p class="hint">{t('sla.overridesHint')}</p>
          {editing ? (
            <OverridesForm
              initial={data.overrides}
              tx={tx}
              onDone={(r) => {
                setEditing(false);
                if (r) {
                  setSaved(r);
                  setNotice(t('sla.saved'));
                }
              }}
            />
          ) : (
            <OverridesTable list={data.overrides} tx={tx} />
          )}
          {!editable && <p class="hint">{t('sla.readOnly')}</p>}
        </>
      ) : null}
    </section>
  );
}
