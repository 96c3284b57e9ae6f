import { useRef, useState } from 'preact/hooks';
import type { IncidentDto } from '../../../../../src/domain/dto.ts';
import { api } from '../../../api.ts';
import {
  Checkbox,
  CheckGroup,
  codeOptions,
  ErrorSummary,
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
  return (
    <form class="subform" onSubmit={submit} noValidate aria-label={title}>
      <h4>{title}</h4>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} onReload={reload} />
      <div class="grid">
        <TextField
          {...common}
          name="date"
          type="date"
          max={todayJakarta()}
          label={labels.date}
          value={v.date}
          onValue={(x) => setV((s) => ({ ...s, date: x }))}
          required
        />
        <Checkbox
          {...common}
          name="dateApproximate"
          label={labels.dateApproximate}
          checked={v.dateApproximate}
          onChecked={(x) => setV((s) => ({ ...s, dateApproximate: x }))}
        />
        <SelectField
          {...common}
          name="placeCategory"
          label={labels.placeCategory}
          value={v.placeCategory}
          onValue={(x) => setV((s) => ({ ...s, placeCategory: x }))}
          options={codeOptions(tx?.places)}
          required
        />
      </div>
      <RegionPicker
        {...common}
        name="regionCode"
        label={labels.regionCode}
        value={v.regionCode}
        onValue={(x) => setV((s) => ({ ...s, regionCode: x }))}
      />
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
      <TextArea
        {...common}
        name="chronology"
        label={labels.chronology}
        rows={6}
        value={v.chronology}
        onValue={(x) => setV((s) => ({ ...s, chronology: x }))}
      />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('action.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('action.cancel')}
        </button>
      </div>
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
                  <button
                    type="button"
                    onClick={() => setEditing(i.id)}
                    aria-label={t('incident.editAria', { date: fmtDate(i.date) })}
                  >
                    {t('action.edit')}
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {c.permissions.update &&
        (editing === 'new' ? (
          <div class="card">
            <IncidentForm {...props} incident={null} onDone={() => setEditing(null)} />
          </div>
        ) : (
          <p>
            <button type="button" onClick={() => setEditing('new')}>
              {t('incident.add')}
            </button>
          </p>
        ))}
    </div>
  );
}
