import { useRef, useState } from 'preact/hooks';
import type { IncidentDto } from '../../../../../src/domain/dto.ts';
import { call } from '../../../api.ts';
import {
  bindField,
  CheckGroup,
  codeOptions,
  EditButton,
  ErrorSummary,
  FormActions,
  onlyChanged,
  orNull,
  SelectField,
  TextArea,
  TextField,
  useAction,
} from '../../../components/form.tsx';
import { RegionPicker } from '../../../components/region.tsx';
import { label, t } from '../../../i18n/index.ts';
import { todayLocal } from '../../../lib/format.ts';
import { codeLabel } from '../../../lib/taxonomies.ts';
import { isChild, type TabProps, victims } from '../shared.ts';
import { AddNew } from './add-new.tsx';

/** What a precision's date looks like: a day, a month (`YYYY-MM`), a year; none for a window or unknown. */
const DATE_SHAPE: Record<string, 'day' | 'month' | 'year' | undefined> = {
  tanggal: 'day',
  sekitar_tanggal: 'day',
  bulan: 'month',
  tahun: 'year',
};

/** Keeps what still fits when the precision changes (a day's month, a month's year), else clears it. */
function reshape(date: string, precision: string): string {
  const to = DATE_SHAPE[precision];
  if (!to || !date) return '';
  if (to === 'day') return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : '';
  if (to === 'month') return date.length >= 7 ? date.slice(0, 7) : '';
  return date.slice(0, 4);
}

function IncidentForm({
  c,
  reload,
  tx,
  incident,
  onDone,
}: TabProps & { incident: IncidentDto | null; onDone: () => void }) {
  const [v, setV] = useState({
    datePrecision: incident?.datePrecision ?? 'tanggal',
    date: incident?.date ?? '',
    toldWhen: incident?.toldWhen ?? '',
    referenceDate: incident?.referenceDate ?? '',
    placeCategory: incident?.placeCategory ?? '',
    placeText: incident?.placeText ?? '',
    regionCode: incident?.regionCode ?? '',
    forms: incident?.forms ?? [],
    tpksOffences: incident?.tpksOffences ?? [],
    ampkCategories: incident?.ampkCategories ?? [],
    chronology: incident?.chronology ?? '',
  });
  const { busy, error, attempt, run } = useAction();
  const prefix = incident ? `inc-${incident.id.slice(0, 8)}` : 'inc-new';
  const sexual = v.forms.includes('seksual');
  const childVictim = victims(c).some(isChild) || c.caseType === 'ampk' || c.caseType === 'ktp_ampk';
  const precision = v.datePrecision;
  const dateShape = DATE_SHAPE[precision];
  const labels = {
    datePrecision: t('incident.datePrecision'),
    date:
      dateShape === 'month'
        ? t('incident.month')
        : dateShape === 'year'
          ? t('incident.year')
          : t('incident.date'),
    toldWhen: t('incident.toldWhen'),
    referenceDate: t('incident.referenceDate'),
    placeCategory: t('incident.place'),
    placeText: t('incident.placeText'),
    regionCode: t('incident.region'),
    forms: t('incident.forms'),
    tpksOffences: t('incident.tpks'),
    ampkCategories: t('incident.ampk'),
    chronology: t('incident.chronology'),
  };

  // only what the precision uses is sent; the rest is null, so the server never keeps a stale part
  const toBody = (x: typeof v) => ({
    datePrecision: x.datePrecision,
    date: DATE_SHAPE[x.datePrecision] ? orNull(x.date) : null,
    toldWhen: x.datePrecision === 'kurun' ? orNull(x.toldWhen) : null,
    referenceDate: x.datePrecision === 'kurun' ? orNull(x.referenceDate) : null,
    placeCategory: orNull(x.placeCategory),
    placeText: orNull(x.placeText),
    regionCode: orNull(x.regionCode),
    forms: x.forms,
    tpksOffences: x.forms.includes('seksual') ? x.tpksOffences : [],
    ampkCategories: childVictim ? x.ampkCategories : [],
    chronology: orNull(x.chronology),
  });
  const base = useRef(toBody(v));
  const submit = (e: Event) => {
    e.preventDefault();
    const body = toBody(v);
    run(async () => {
      if (incident) {
        await call('PATCH /cases/{id}/incidents/{iid}', {
          params: { id: c.id, iid: incident.id },
          body: { ...onlyChanged(body, base.current), version: incident.version },
        });
      } else {
        await call('POST /cases/{id}/incidents', { params: { id: c.id }, body });
      }
      await reload();
      onDone();
    });
  };
  const title = incident ? t('incident.editTitle', { date: label(incident.dateText) }) : t('incident.add');
  const common = { prefix, error };
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const field = bindField(v, set, labels);
  return (
    <form class="subform" onSubmit={submit} noValidate aria-label={title}>
      <h4>{title}</h4>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} onReload={reload} />
      <div class="grid">
        <SelectField
          {...common}
          {...field('datePrecision')}
          onValue={(x) => setV((s) => ({ ...s, datePrecision: x, date: reshape(s.date, x) }))}
          options={codeOptions(tx?.datePrecisions)}
          empty={false}
          required
        />
        {dateShape === 'day' && (
          <TextField {...common} {...field('date')} type="date" max={todayLocal(c.jurisdiction)} required />
        )}
        {dateShape === 'month' && (
          <TextField
            {...common}
            {...field('date')}
            type="month"
            max={todayLocal(c.jurisdiction).slice(0, 7)}
            pattern="[0-9]{4}-[0-9]{2}"
            required
          />
        )}
        {dateShape === 'year' && (
          <TextField
            {...common}
            {...field('date')}
            type="number"
            inputMode="numeric"
            min="1900"
            max={todayLocal(c.jurisdiction).slice(0, 4)}
            required
          />
        )}
        {precision === 'kurun' && (
          <>
            <SelectField {...common} {...field('toldWhen')} options={codeOptions(tx?.toldWhen)} required />
            <TextField
              {...common}
              {...field('referenceDate')}
              type="date"
              max={todayLocal(c.jurisdiction)}
              hint={t('incident.referenceDateHint')}
              required
            />
          </>
        )}
      </div>
      <div class="grid">
        <SelectField
          {...common}
          {...field('placeCategory')}
          options={codeOptions(tx?.places)}
          empty={t('incident.placeUnset')}
        />
        <TextField {...common} {...field('placeText')} maxLength={300} hint={t('incident.placeTextHint')} />
      </div>
      <RegionPicker {...common} {...field('regionCode')} />
      <CheckGroup
        {...common}
        name="forms"
        label={labels.forms}
        values={v.forms}
        onValues={(xs) => setV((s) => ({ ...s, forms: xs }))}
        options={codeOptions(tx?.formsOfViolence)}
        required
      />
      {sexual && (
        <CheckGroup
          {...common}
          name="tpksOffences"
          label={labels.tpksOffences}
          hint={t('incident.tpksHint')}
          values={v.tpksOffences}
          onValues={(xs) => setV((s) => ({ ...s, tpksOffences: xs }))}
          options={codeOptions(tx?.tpksOffences)}
        />
      )}
      {childVictim && (
        <CheckGroup
          {...common}
          name="ampkCategories"
          label={labels.ampkCategories}
          hint={t('incident.ampkHint')}
          values={v.ampkCategories}
          onValues={(xs) => setV((s) => ({ ...s, ampkCategories: xs }))}
          options={codeOptions(tx?.ampkCategories)}
        />
      )}
      <TextArea {...common} {...field('chronology')} rows={6} />
      <FormActions busy={busy} onCancel={onDone} />
    </form>
  );
}

export function Incidents(props: TabProps) {
  const { c, tx } = props;
  const [editing, setEditing] = useState<string | null>(null);
  // newest first by the date known (a told window by the day it was told); unknown dates last
  const when = (i: IncidentDto) => i.date ?? i.referenceDate ?? '';
  const list = [...c.incidents].sort((a, b) => when(b).localeCompare(when(a)));
  const names = (list2: string[], name: 'formsOfViolence' | 'tpksOffences' | 'ampkCategories') =>
    list2.map((x) => codeLabel(tx, name, x)).join(', ') || '—';
  return (
    <div class="stack">
      {list.length === 0 && <p>{t('incident.none')}</p>}
      <ul class="cards-list">
        {list.map((i) => (
          <li key={i.id} class="card">
            {editing === i.id ? (
              <IncidentForm {...props} incident={i} onDone={() => setEditing(null)} />
            ) : (
              <>
                <h3>
                  {label(i.dateText)} —{' '}
                  {i.placeCategory ? codeLabel(tx, 'places', i.placeCategory) : t('incident.placeUnset')}
                </h3>
                <dl class="facts small">
                  <div>
                    <dt>{t('incident.when')}</dt>
                    <dd>{label(i.dateText)}</dd>
                  </div>
                  {i.placeText && (
                    <div>
                      <dt>{t('incident.placeText')}</dt>
                      <dd>{i.placeText}</dd>
                    </div>
                  )}
                  <div>
                    <dt>{t('incident.forms')}</dt>
                    <dd>{names(i.forms, 'formsOfViolence')}</dd>
                  </div>
                  {i.tpksOffences.length > 0 && (
                    <div>
                      <dt>{t('incident.tpks')}</dt>
                      <dd>{names(i.tpksOffences, 'tpksOffences')}</dd>
                    </div>
                  )}
                  {i.ampkCategories.length > 0 && (
                    <div>
                      <dt>{t('incident.ampk')}</dt>
                      <dd>{names(i.ampkCategories, 'ampkCategories')}</dd>
                    </div>
                  )}
                  <div>
                    <dt>{t('incident.region')}</dt>
                    <dd>{i.regionName ?? i.regionCode ?? '—'}</dd>
                  </div>
                </dl>
                {i.chronology && (
                  <details>
                    <summary>{t('incident.chronology')}</summary>
                    <p class="pre">{i.chronology}</p>
                  </details>
                )}
                {c.permissions.update && (
                  <EditButton
                    onClick={() => setEditing(i.id)}
                    aria={t('incident.editAria', { date: label(i.dateText) })}
                  />
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {c.permissions.update && (
        <AddNew open={editing === 'new'} onOpen={() => setEditing('new')} label={t('incident.add')}>
          <IncidentForm {...props} incident={null} onDone={() => setEditing(null)} />
        </AddNew>
      )}
    </div>
  );
}
