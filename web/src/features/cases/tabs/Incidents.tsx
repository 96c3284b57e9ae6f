import { useRef, useState } from 'preact/hooks';
import type { IncidentDto } from '../../../../../src/domain/dto.ts';
import { api } from '../../../api.ts';
import {
  bindField,
  Checkbox,
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
import { t } from '../../../i18n/index.ts';
import { fmtDate, todayJakarta } from '../../../lib/format.ts';
import { codeLabel } from '../../../lib/taxonomies.ts';
import { isChild, type TabProps, victims } from '../shared.ts';
import { AddNew } from './add-new.tsx';

function IncidentForm({
  c,
  reload,
  tx,
  incident,
  onDone,
}: TabProps & { incident: IncidentDto | null; onDone: () => void }) {
  const [v, setV] = useState({
    date: incident?.date ?? '',
    dateApproximate: incident?.dateApproximate ?? false,
    placeCategory: incident?.placeCategory ?? '',
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
  const labels = {
    date: t('incident.date'),
    dateApproximate: t('incident.approximate'),
    placeCategory: t('incident.place'),
    regionCode: t('incident.region'),
    forms: t('incident.forms'),
    tpksOffences: t('incident.tpks'),
    ampkCategories: t('incident.ampk'),
    chronology: t('incident.chronology'),
  };

  const toBody = (x: typeof v) => ({
    date: x.date,
    dateApproximate: x.dateApproximate,
    placeCategory: x.placeCategory,
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
        await api(`/cases/${c.id}/incidents/${incident.id}`, {
          method: 'PATCH',
          body: { ...onlyChanged(body, base.current), version: incident.version },
        });
      } else {
        await api(`/cases/${c.id}/incidents`, { create: true, body });
      }
      await reload();
      onDone();
    });
  };
  const title = incident ? t('incident.editTitle', { date: fmtDate(incident.date) }) : t('incident.add');
  const common = { prefix, error };
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const field = bindField(v, set, labels);
  return (
    <form class="subform" onSubmit={submit} noValidate aria-label={title}>
      <h4>{title}</h4>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} onReload={reload} />
      <div class="grid">
        <TextField {...common} {...field('date')} type="date" max={todayJakarta()} required />
        <Checkbox
          {...common}
          name="dateApproximate"
          label={labels.dateApproximate}
          checked={v.dateApproximate}
          onChecked={(x) => setV((s) => ({ ...s, dateApproximate: x }))}
        />
        <SelectField {...common} {...field('placeCategory')} options={codeOptions(tx?.places)} required />
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
  const list = [...c.incidents].sort((a, b) => b.date.localeCompare(a.date));
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
                  {fmtDate(i.date)}
                  {i.dateApproximate ? ` (${t('incident.approxShort')})` : ''} —{' '}
                  {codeLabel(tx, 'places', i.placeCategory)}
                </h3>
                <dl class="facts small">
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
                    aria={t('incident.editAria', { date: fmtDate(i.date) })}
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
