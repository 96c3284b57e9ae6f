import { useRef, useState } from 'preact/hooks';
import type { PersonDto } from '../../../../../src/domain/dto.ts';
import { api } from '../../../api.ts';
import {
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
import { type MessageKey, t } from '../../../i18n/index.ts';
import { fmtDate, todayJakarta } from '../../../lib/format.ts';
import { codeLabel } from '../../../lib/taxonomies.ts';
import type { TabProps } from '../shared.ts';

type PersonRole = PersonDto['role'];

const ROLE_TEXT: Record<PersonRole, { title: MessageKey; add: MessageKey; none: MessageKey }> = {
  korban: { title: 'person.victims', add: 'person.addVictim', none: 'person.noVictims' },
  terlapor: { title: 'person.perpetrators', add: 'person.addPerpetrator', none: 'person.noPerpetrators' },
  pelapor: { title: 'person.reporters', add: 'person.addReporter', none: 'person.noReporters' },
};

function initial(p: PersonDto | null) {
  return {
    name: p?.name ?? '',
    sex: p?.sex ?? '',
    birthDate: p?.birthDate ?? '',
    estimatedAge: p?.estimatedAge != null ? String(p.estimatedAge) : '',
    nik: p?.nik ?? '',
    phone: p?.phone ?? '',
    regionCode: p?.regionCode ?? '',
    addressDetail: p?.addressDetail ?? '',
    education: p?.education ?? '',
    occupation: p?.occupation ?? '',
    maritalStatus: p?.maritalStatus ?? '',
    disability: p?.disability == null ? '' : p.disability ? 'ya' : 'tidak',
    disabilityTypes: p?.disabilityTypes ?? [],
    accommodationNeeds: p?.accommodationNeeds ?? '',
    nationality: p?.nationality ?? '',
    relationToVictim: p?.relationToVictim ?? '',
  };
}

function PersonForm({
  c,
  reload,
  tx,
  role,
  person,
  onDone,
}: TabProps & { role: PersonRole; person: PersonDto | null; onDone: () => void }) {
  const [v, setV] = useState(() => initial(person));
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { busy, error, attempt, run } = useAction();
  const prefix = person ? `p-${person.id.slice(0, 8)}` : `p-new-${role}`;
  const labels: Record<string, string> = {
    name: t('person.name'),
    sex: t('person.sex'),
    birthDate: t('person.birthDate'),
    estimatedAge: t('person.estimatedAge'),
    nik: t('person.nik'),
    phone: t('person.phone'),
    regionCode: t('person.region'),
    addressDetail: t('person.address'),
    education: t('person.education'),
    occupation: t('person.occupation'),
    maritalStatus: t('person.maritalStatus'),
    disability: t('person.disability'),
    disabilityTypes: t('person.disabilityTypes'),
    accommodationNeeds: t('person.accommodation'),
    nationality: t('person.nationality'),
    relationToVictim: t('person.relationToVictim'),
  };

  const toBody = (x: typeof v) => {
    const age = x.estimatedAge.trim();
    return {
      name: x.name.trim(),
      sex: orNull(x.sex),
      birthDate: orNull(x.birthDate),
      estimatedAge: age === '' ? null : Number(age),
      nik: orNull(x.nik),
      phone: orNull(x.phone),
      regionCode: orNull(x.regionCode),
      addressDetail: orNull(x.addressDetail),
      education: orNull(x.education),
      occupation: orNull(x.occupation),
      maritalStatus: orNull(x.maritalStatus),
      disability: x.disability === '' ? null : x.disability === 'ya',
      disabilityTypes: x.disability === 'ya' ? x.disabilityTypes : [],
      accommodationNeeds: orNull(x.accommodationNeeds),
      nationality: orNull(x.nationality),
      relationToVictim: role === 'korban' ? null : orNull(x.relationToVictim),
    };
  };
  const base = useRef(toBody(v));
  const submit = (e: Event) => {
    e.preventDefault();
    const body = toBody(v);
    run(async () => {
      if (person) {
        await api(`/cases/${c.id}/persons/${person.id}`, {
          method: 'PATCH',
          body: { ...onlyChanged(body, base.current), version: person.version },
        });
      } else {
        await api(`/cases/${c.id}/persons`, { create: true, body: { role, ...body } });
      }
      await reload();
      onDone();
    });
  };

  const title = person ? t('person.editTitle', { name: person.name }) : t(ROLE_TEXT[role].add);
  const common = { prefix, error };
  return (
    <form class="subform" onSubmit={submit} noValidate aria-label={title}>
      <h4>{title}</h4>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} onReload={reload} />
      <TextField
        {...common}
        name="name"
        label={labels.name!}
        value={v.name}
        onValue={set('name')}
        required
        hint={role === 'terlapor' ? t('person.nameHintPerp') : undefined}
      />
      <div class="grid">
        <SelectField
          {...common}
          name="sex"
          label={labels.sex!}
          value={v.sex}
          onValue={set('sex')}
          options={codeOptions(tx?.sexes)}
        />
        <TextField
          {...common}
          name="birthDate"
          type="date"
          max={todayJakarta()}
          label={labels.birthDate!}
          value={v.birthDate}
          onValue={set('birthDate')}
        />
        <TextField
          {...common}
          name="estimatedAge"
          type="number"
          inputMode="numeric"
          min="0"
          max="120"
          label={labels.estimatedAge!}
          hint={t('person.estimatedAgeHint')}
          value={v.estimatedAge}
          onValue={set('estimatedAge')}
        />
        <TextField
          {...common}
          name="nik"
          inputMode="numeric"
          maxLength={16}
          label={labels.nik!}
          hint={t('person.nikHint')}
          value={v.nik}
          onValue={set('nik')}
        />
        <TextField
          {...common}
          name="phone"
          type="tel"
          autoComplete="off"
          label={labels.phone!}
          value={v.phone}
          onValue={set('phone')}
        />
        <SelectField
          {...common}
          name="nationality"
          label={labels.nationality!}
          value={v.nationality}
          onValue={set('nationality')}
          options={codeOptions(tx?.nationalities)}
        />
      </div>
      <RegionPicker
        {...common}
        name="regionCode"
        label={labels.regionCode!}
        value={v.regionCode}
        onValue={set('regionCode')}
      />
      <TextArea
        {...common}
        name="addressDetail"
        label={labels.addressDetail!}
        rows={2}
        maxLength={500}
        value={v.addressDetail}
        onValue={set('addressDetail')}
      />
      <div class="grid">
        <SelectField
          {...common}
          name="education"
          label={labels.education!}
          value={v.education}
          onValue={set('education')}
          options={codeOptions(tx?.education)}
        />
        <SelectField
          {...common}
          name="occupation"
          label={labels.occupation!}
          value={v.occupation}
          onValue={set('occupation')}
          options={codeOptions(tx?.occupations)}
        />
        <SelectField
          {...common}
          name="maritalStatus"
          label={labels.maritalStatus!}
          value={v.maritalStatus}
          onValue={set('maritalStatus')}
          options={codeOptions(tx?.maritalStatuses)}
        />
        <SelectField
          {...common}
          name="disability"
          label={labels.disability!}
          value={v.disability}
          onValue={set('disability')}
          empty={t('common.unknown')}
          options={[
            { value: 'ya', text: t('common.yes') },
            { value: 'tidak', text: t('common.no') },
          ]}
        />
      </div>
      {v.disability === 'ya' && (
        <>
          <CheckGroup
            {...common}
            name="disabilityTypes"
            label={labels.disabilityTypes!}
            values={v.disabilityTypes}
            onValues={(xs) => setV((s) => ({ ...s, disabilityTypes: xs }))}
            options={codeOptions(tx?.disabilityTypes)}
          />
          <TextArea
            {...common}
            name="accommodationNeeds"
            label={labels.accommodationNeeds!}
            rows={2}
            value={v.accommodationNeeds}
            onValue={set('accommodationNeeds')}
          />
        </>
      )}
      {role !== 'korban' && (
        <TextField
          {...common}
          name="relationToVictim"
          label={labels.relationToVictim!}
          maxLength={100}
          value={v.relationToVictim}
          onValue={set('relationToVictim')}
        />
      )}
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

function PersonCard({ p, tx }: { p: PersonDto; tx: TabProps['tx'] }) {
  const age = p.age ?? p.estimatedAge;
  return (
    <dl class="facts small">
      <div>
        <dt>{t('person.sex')}</dt>
        <dd>{codeLabel(tx, 'sexes', p.sex)}</dd>
      </div>
      <div>
        <dt>{t('person.age')}</dt>
        <dd>
          {age ?? '—'}
          {p.age == null && p.estimatedAge != null ? ` (${t('person.estimated')})` : ''}
          {p.birthDate ? ` · ${fmtDate(p.birthDate)}` : ''}
        </dd>
      </div>
      <div>
        <dt>{t('person.nik')}</dt>
        <dd>{p.nik ?? '—'}</dd>
      </div>
      <div>
        <dt>{t('person.phone')}</dt>
        <dd>{p.phone ?? '—'}</dd>
      </div>
      <div>
        <dt>{t('person.region')}</dt>
        <dd>{p.regionName ?? p.regionCode ?? '—'}</dd>
      </div>
      {p.disability && (
        <div>
          <dt>{t('person.disability')}</dt>
          <dd>
            {p.disabilityTypes.map((d) => codeLabel(tx, 'disabilityTypes', d)).join(', ') || t('common.yes')}
          </dd>
        </div>
      )}
      {p.relationToVictim && (
        <div>
          <dt>{t('person.relationToVictim')}</dt>
          <dd>{p.relationToVictim}</dd>
        </div>
      )}
    </dl>
  );
}

function PersonGroup(props: TabProps & { personRole: PersonRole }) {
  const { c, personRole: role, tx } = props;
  const [editing, setEditing] = useState<string | null>(null);
  const people = c.persons.filter((p) => p.role === role);
  const text = ROLE_TEXT[role];
  const canEdit = c.permissions.update;
  return (
    <section aria-labelledby={`h-${role}`}>
      <h3 id={`h-${role}`}>{t(text.title)}</h3>
      {people.length === 0 && <p>{t(text.none)}</p>}
      <ul class="cards-list">
        {people.map((p) => (
          <li key={p.id} class="card">
            {editing === p.id ? (
              <PersonForm {...props} role={role} person={p} onDone={() => setEditing(null)} />
            ) : (
              <>
                <h4>{p.name}</h4>
                <PersonCard p={p} tx={tx} />
                {canEdit && (
                  <button
                    type="button"
                    onClick={() => setEditing(p.id)}
                    aria-label={t('person.editAria', { name: p.name })}
                  >
                    {t('action.edit')}
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {canEdit &&
        (editing === `new-${role}` ? (
          <div class="card">
            <PersonForm {...props} role={role} person={null} onDone={() => setEditing(null)} />
          </div>
        ) : (
          <button type="button" onClick={() => setEditing(`new-${role}`)}>
            {t(text.add)}
          </button>
        ))}
    </section>
  );
}

function RelationshipRow({ c, reload, tx, victim, perp }: TabProps & { victim: PersonDto; perp: PersonDto }) {
  const existing = c.relationships.find((r) => r.victimId === victim.id && r.perpetratorId === perp.id);
  const [value, setValue] = useState(existing?.relationship ?? '');
  const [saved, setSaved] = useState(false);
  const { busy, error, attempt, run } = useAction();
  const prefix = `rel-${victim.id.slice(0, 8)}-${perp.id.slice(0, 8)}`;
  const submit = (e: Event) => {
    e.preventDefault();
    setSaved(false);
    run(async () => {
      await api(`/cases/${c.id}/relationships`, {
        body: { victimId: victim.id, perpetratorId: perp.id, relationship: value },
      });
      await reload();
      setSaved(true);
    });
  };
  return (
    <form class="inline-form" onSubmit={submit} noValidate>
      <ErrorSummary
        error={error}
        attempt={attempt}
        prefix={prefix}
        labels={{ relationship: t('rel.label') }}
      />
      <SelectField
        prefix={prefix}
        name="relationship"
        label={t('rel.pair', { perp: perp.name, victim: victim.name })}
        value={value}
        onValue={setValue}
        options={codeOptions(tx?.relationships)}
        error={error}
      />
      {c.permissions.update && (
        <button
          type="submit"
          disabled={busy || !value}
          aria-label={t('rel.saveAria', { perp: perp.name, victim: victim.name })}
        >
          {t('action.save')}
        </button>
      )}
      {saved && (
        <span role="status" class="ok-text">
          {t('common.saved')}
        </span>
      )}
    </form>
  );
}

function Relationships(props: TabProps) {
  const { c } = props;
  const vs = c.persons.filter((p) => p.role === 'korban');
  const ps = c.persons.filter((p) => p.role === 'terlapor');
  if (vs.length === 0 || ps.length === 0) return null;
  return (
    <section aria-labelledby="h-rel">
      <h3 id="h-rel">{t('rel.title')}</h3>
      <p class="hint">{t('rel.hint')}</p>
      {vs.flatMap((v) =>
        ps.map((p) => <RelationshipRow key={`${v.id}-${p.id}`} {...props} victim={v} perp={p} />),
      )}
    </section>
  );
}

export function Persons(props: TabProps) {
  return (
    <div class="stack">
      <PersonGroup {...props} personRole="korban" />
      <PersonGroup {...props} personRole="terlapor" />
      <Relationships {...props} />
      <PersonGroup {...props} personRole="pelapor" />
    </div>
  );
}
