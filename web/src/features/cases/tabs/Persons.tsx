import { useRef, useState } from 'preact/hooks';
import type { PersonDto } from '../../../../../src/domain/dto.ts';
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
import { label, type MessageKey, t } from '../../../i18n/index.ts';
import { todayLocal } from '../../../lib/format.ts';
import { codeLabel } from '../../../lib/taxonomies.ts';
import type { TabProps } from '../shared.ts';
import { AddNew } from './add-new.tsx';

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
    ageGroup: p?.ageGroup ?? '',
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
    ageGroup: t('person.ageGroup'),
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
      ageGroup: orNull(x.ageGroup),
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
        await call('PATCH /cases/{id}/persons/{pid}', {
          params: { id: c.id, pid: person.id },
          body: { ...onlyChanged(body, base.current), version: person.version },
        });
      } else {
        await call('POST /cases/{id}/persons', { params: { id: c.id }, body: { role, ...body } });
      }
      await reload();
      onDone();
    });
  };

  const title = person ? t('person.editTitle', { name: person.name }) : t(ROLE_TEXT[role].add);
  const common = { prefix, error };
  const field = bindField(v, set, labels);
  return (
    <form class="subform" onSubmit={submit} noValidate aria-label={title}>
      <h4>{title}</h4>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} onReload={reload} />
      <TextField
        {...common}
        {...field('name')}
        required
        hint={role === 'terlapor' ? t('person.nameHintPerp') : undefined}
      />
      <div class="grid">
        <SelectField {...common} {...field('sex')} options={codeOptions(tx?.sexes)} />
        <TextField {...common} {...field('birthDate')} type="date" max={todayLocal(c.jurisdiction)} />
        <TextField
          {...common}
          {...field('estimatedAge')}
          type="number"
          inputMode="numeric"
          min="0"
          max="120"
          hint={t('person.estimatedAgeHint')}
        />
        <SelectField
          {...common}
          {...field('ageGroup')}
          options={codeOptions(tx?.ageGroups)}
          hint={t('person.ageGroupHint')}
        />
        <TextField
          {...common}
          {...field('nik')}
          inputMode="numeric"
          maxLength={16}
          hint={t('person.nikHint')}
        />
        <TextField {...common} {...field('phone')} type="tel" autoComplete="off" />
        <SelectField {...common} {...field('nationality')} options={codeOptions(tx?.nationalities)} />
      </div>
      <RegionPicker {...common} {...field('regionCode')} />
      <TextArea {...common} {...field('addressDetail')} rows={2} maxLength={500} />
      <div class="grid">
        <SelectField {...common} {...field('education')} options={codeOptions(tx?.education)} />
        <SelectField {...common} {...field('occupation')} options={codeOptions(tx?.occupations)} />
        <SelectField {...common} {...field('maritalStatus')} options={codeOptions(tx?.maritalStatuses)} />
        <SelectField
          {...common}
          {...field('disability')}
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
          <TextArea {...common} {...field('accommodationNeeds')} rows={2} />
        </>
      )}
      {role !== 'korban' && <TextField {...common} {...field('relationToVictim')} maxLength={100} />}
      <FormActions busy={busy} onCancel={onDone} />
    </form>
  );
}

function PersonCard({ p, tx }: { p: PersonDto; tx: TabProps['tx'] }) {
  return (
    <dl class="facts small">
      <div>
        <dt>{t('person.sex')}</dt>
        <dd>{codeLabel(tx, 'sexes', p.sex)}</dd>
      </div>
      <div>
        <dt>{t('person.age')}</dt>
        {/* what is known, in words: a group told stays a group, an estimate says it is one */}
        <dd>{label(p.ageText, '—')}</dd>
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
                  <EditButton
                    onClick={() => setEditing(p.id)}
                    aria={t('person.editAria', { name: p.name })}
                  />
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <AddNew
          open={editing === `new-${role}`}
          onOpen={() => setEditing(`new-${role}`)}
          label={t(text.add)}
          inline
        >
          <PersonForm {...props} role={role} person={null} onDone={() => setEditing(null)} />
        </AddNew>
      )}
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
      await call('POST /cases/{id}/relationships', {
        params: { id: c.id },
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
