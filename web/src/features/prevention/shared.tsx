/** What the prevention pages share: code labels, the desa picker of a jurisdiction, the activity form. */
import './words.ts';
import { useEffect, useState } from 'preact/hooks';
import type { ActivityDto, PreventionOptionsDto } from '../../../../src/domain/contract/prevention.ts';
import {
  ACTIVITY_KINDS,
  ACTIVITY_SETTINGS,
  ACTIVITY_STATUSES,
  PREVENTION_FIELDS,
  REVIEW_STATES,
  TARGET_GROUPS,
} from '../../../../src/domain/prevention-codes.ts';
import type { ApiError } from '../../api.ts';
import { call } from '../../api.ts';
import {
  CheckGroup,
  ErrorSummary,
  FormActions,
  fieldError,
  fieldId,
  type Option,
  SelectField,
  TextArea,
  TextField,
  useAction,
} from '../../components/form.tsx';
import { label, t } from '../../i18n/index.ts';

type Codes = ReadonlyArray<{ code: string; label: { id: string; en: string } }>;
export const opts = (l: Codes): Option[] => l.map((x) => ({ value: x.code, text: label(x.label) }));
export const labelIn = (l: Codes, code: string | null | undefined) =>
  code ? label(l.find((x) => x.code === code)?.label, code) : '';
export const kindText = (c: string) => labelIn(ACTIVITY_KINDS, c);
export const settingText = (c: string) => labelIn(ACTIVITY_SETTINGS, c);
export const fieldText = (c: string) => labelIn(PREVENTION_FIELDS, c);
export const groupText = (c: string) => labelIn(TARGET_GROUPS, c);
export function statusText(a: Pick<ActivityDto, 'status' | 'review'>): string {
  const s = labelIn(ACTIVITY_STATUSES, a.status);
  return a.review ? `${s} · ${labelIn(REVIEW_STATES, a.review)}` : s;
}
export const STATUS_OPTIONS = () => opts(ACTIVITY_STATUSES);
export const KIND_OPTIONS = () => opts(ACTIVITY_KINDS);

type Region = { code: string; name: string };
const regionCache = new Map<string, Promise<Region[]>>();
function regionsUnder(parent: string): Promise<Region[]> {
  let p = regionCache.get(parent);
  if (!p) {
    p = call('GET /regions', { query: { parent } }).then((x) =>
      x.items.map((r) => ({ code: r.code, name: r.name })),
    );
    p.catch(() => regionCache.delete(parent));
    regionCache.set(parent, p);
  }
  return p;
}

/**
 * A desa/kelurahan of the jurisdiction only: (kab/kota of a province →) kecamatan → desa.
 * `anyLevel` lets a filter stop at a kecamatan.
 */
export function DesaPicker(p: {
  prefix: string;
  name: string;
  label: string;
  jurisdiction: string;
  value: string;
  onValue: (code: string) => void;
  error?: ApiError | null;
  required?: boolean;
  anyLevel?: boolean;
}) {
  const id = fieldId(p.prefix, p.name);
  const err = fieldError(p.error ?? null, p.name);
  const province = p.jurisdiction.length === 2;
  const parts = p.value ? p.value.split('.') : [];
  const kab = province ? (parts.length >= 2 ? parts.slice(0, 2).join('.') : '') : p.jurisdiction;
  const kec = parts.length >= 3 ? parts.slice(0, 3).join('.') : '';
  const desa = parts.length >= 4 ? p.value : '';
  const [lists, setLists] = useState<{ kabs: Region[]; kecs: Region[]; desas: Region[] }>({
    kabs: [],
    kecs: [],
    desas: [],
  });
  useEffect(() => {
    let live = true;
    Promise.all([
      province ? regionsUnder(p.jurisdiction) : Promise.resolve([]),
      kab ? regionsUnder(kab) : Promise.resolve([]),
      kec ? regionsUnder(kec) : Promise.resolve([]),
    ]).then(
      ([kabs, kecs, desas]) => live && setLists({ kabs, kecs, desas }),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [p.jurisdiction, kab, kec]);
  const select = (key: string, text: string, value: string, items: Region[], onPick: (v: string) => void) => (
    <div class="field">
      <label for={`${id}-${key}`}>{text}</label>
      <select id={`${id}-${key}`} value={value} onChange={(e) => onPick(e.currentTarget.value)}>
        <option value="">{t('form.choose')}</option>
        {items.map((r) => (
          <option key={r.code} value={r.code}>
            {r.name}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      class={`field region${err ? ' has-error' : ''}`}
      aria-describedby={err ? `${id}-err` : undefined}
    >
      <legend>
        {p.label}
        {p.required && <span class="req"> {t('form.required')}</span>}
      </legend>
      {province && select('kab', t('region.regency'), kab, lists.kabs, (v) => p.onValue(v))}
      {kab &&
        select('kec', t('region.district'), kec, lists.kecs, (v) => p.onValue(v || (province ? kab : '')))}
      {kec && select('desa', t('region.village'), desa, lists.desas, (v) => p.onValue(v || kec))}
      {err && (
        <p class="field-error" id={`${id}-err`}>
          <span class="sr-prefix">{t('error.fieldPrefix')} </span>
          {err}
        </p>
      )}
    </fieldset>
  );
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** The plan of an activity: new (no `activity`) or a change of one (sends its version and what changed). */
export function ActivityForm(p: {
  options: PreventionOptionsDto;
  activity?: ActivityDto;
  onDone: (a: ActivityDto | null) => void;
}) {
  const a = p.activity;
  const o = p.options;
  const [v, setV] = useState({
    title: a?.title ?? '',
    campaignId: a?.campaign?.id ?? '',
    kind: a?.kind ?? '',
    kindOther: a?.kindOther ?? '',
    field: a?.field ?? '',
    setting: a?.setting ?? '',
    startsAt: a?.startsLocal ?? '',
    endsAt: a?.endsLocal ?? '',
    regionCode: a?.place.code ?? '',
    rtRw: a?.rtRw ?? '',
    placeName: a?.placeName ?? '',
    schoolOrgId: a?.school?.orgId ?? '',
    organiserOrgId: a?.organiser.id ?? '',
    description: a?.description ?? '',
    names: (a?.facilitators ?? [])
      .filter((f) => !f.userId)
      .map((f) => f.name)
      .join('\n'),
    followups: (a?.followups ?? []).map((f) => f.text).join('\n'),
  });
  const [groups, setGroups] = useState<string[]>(a?.targetGroups ?? []);
  const [partners, setPartners] = useState<string[]>(a?.partners.map((x) => x.id) ?? []);
  const [users, setUsers] = useState<string[]>(
    (a?.facilitators ?? []).flatMap((f) => (f.userId ? [f.userId] : [])),
  );
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { busy, error, attempt, run } = useAction();
  const prefix = a ? 'prev-edit' : 'prev-new';
  const labels: Record<string, string> = {
    title: t('prev.titleField'),
    campaignId: t('prev.campaign'),
    kind: t('prev.kind'),
    kindOther: t('prev.kindOther'),
    field: t('prev.field'),
    setting: t('prev.setting'),
    targetGroups: t('prev.groups'),
    startsAt: t('prev.startsAt'),
    endsAt: t('prev.endsAt'),
    regionCode: t('prev.desa'),
    rtRw: t('prev.rtRw'),
    placeName: t('prev.placeName'),
    schoolOrgId: t('prev.school'),
    organiserOrgId: t('prev.organiser'),
    partnerOrgIds: t('prev.partners'),
    facilitators: t('prev.facilitators'),
    description: t('prev.description'),
    followups: t('prev.followups'),
  };
  const orgOpts = o.organisations.map((x) => ({ value: x.id, text: x.name }));
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const body = {
        title: v.title,
        campaignId: v.campaignId || null,
        kind: v.kind,
        kindOther: v.kind === 'lainnya' ? v.kindOther || null : null,
        field: v.field,
        setting: v.setting,
        targetGroups: groups,
        startsAt: v.startsAt,
        endsAt: v.endsAt,
        regionCode: v.regionCode,
        rtRw: v.rtRw || null,
        placeName: v.placeName || null,
        schoolOrgId: v.schoolOrgId || null,
        partnerOrgIds: partners,
        facilitators: [...users.map((userId) => ({ userId })), ...lines(v.names).map((name) => ({ name }))],
        description: v.description,
        followups: lines(v.followups).map((text) => ({
          text,
          status: a?.followups.find((f) => f.text === text)?.status ?? 'belum',
        })),
      };
      const saved = a
        ? await call('PATCH /prevention/activities/{id}', {
            params: { id: a.id },
            body: { ...body, version: a.version },
          })
        : await call('POST /prevention/activities', {
            body: { ...body, organiserOrgId: o.ownOrgOnly ? null : v.organiserOrgId || null },
          });
      p.onDone(saved);
    });
  };
  const tf = (k: keyof typeof v, extra: Record<string, unknown> = {}) => (
    <TextField
      prefix={prefix}
      name={k}
      label={labels[k]!}
      value={v[k]}
      onValue={set(k)}
      error={error}
      {...extra}
    />
  );
  return (
    <form onSubmit={submit} noValidate aria-label={a ? t('prev.editTitle') : t('prev.newTitle')}>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      {tf('title', { required: true, maxLength: 200 })}
      <SelectField
        prefix={prefix}
        name="campaignId"
        label={labels.campaignId!}
        value={v.campaignId}
        onValue={set('campaignId')}
        options={o.campaigns.map((c) => ({ value: c.id, text: c.name }))}
        empty={t('prev.noCampaign')}
        error={error}
      />
      <SelectField
        prefix={prefix}
        name="kind"
        label={labels.kind!}
        value={v.kind}
        onValue={set('kind')}
        options={KIND_OPTIONS()}
        required
        error={error}
      />
      {v.kind === 'lainnya' && tf('kindOther', { maxLength: 100 })}
      <SelectField
        prefix={prefix}
        name="field"
        label={labels.field!}
        value={v.field}
        onValue={set('field')}
        options={opts(PREVENTION_FIELDS)}
        hint={t('prev.fieldHint')}
        required
        error={error}
      />
      <CheckGroup
        prefix={prefix}
        name="targetGroups"
        label={labels.targetGroups!}
        values={groups}
        onValues={setGroups}
        options={opts(TARGET_GROUPS)}
        error={error}
      />
      {tf('startsAt', { type: 'datetime-local', required: true, hint: t('prev.localTime') })}
      {tf('endsAt', { type: 'datetime-local', required: true })}
      <DesaPicker
        prefix={prefix}
        name="regionCode"
        label={labels.regionCode!}
        jurisdiction={a?.jurisdiction ?? o.jurisdiction}
        value={v.regionCode}
        onValue={set('regionCode')}
        error={error}
        required
      />
      {tf('rtRw', { maxLength: 40, hint: t('prev.rtRwHint') })}
      <SelectField
        prefix={prefix}
        name="setting"
        label={labels.setting!}
        value={v.setting}
        onValue={set('setting')}
        options={opts(ACTIVITY_SETTINGS)}
        required
        error={error}
      />
      {tf('placeName', { maxLength: 200, hint: t('prev.placeHint') })}
      {(v.setting === 'sekolah' || v.setting === 'pesantren') && (
        <SelectField
          prefix={prefix}
          name="schoolOrgId"
          label={labels.schoolOrgId!}
          value={v.schoolOrgId}
          onValue={set('schoolOrgId')}
          options={o.organisations
            .filter((x) => x.type === 'sekolah')
            .map((x) => ({ value: x.id, text: x.name }))}
          empty={t('prev.schoolNotListed')}
          error={error}
        />
      )}
      {!a && !o.ownOrgOnly && (
        <SelectField
          prefix={prefix}
          name="organiserOrgId"
          label={labels.organiserOrgId!}
          value={v.organiserOrgId}
          onValue={set('organiserOrgId')}
          options={orgOpts}
          empty={t('prev.ownOrg')}
          error={error}
        />
      )}
      <details>
        <summary>{t('prev.partnersAndPeople')}</summary>
        <CheckGroup
          prefix={prefix}
          name="partnerOrgIds"
          label={labels.partnerOrgIds!}
          values={partners}
          onValues={setPartners}
          options={orgOpts}
          error={error}
        />
        <CheckGroup
          prefix={prefix}
          name="facilitators"
          label={labels.facilitators!}
          values={users}
          onValues={setUsers}
          options={o.users.map((u) => ({ value: u.id, text: `${u.name} (${u.orgName})` }))}
          error={error}
        />
        <TextArea
          prefix={prefix}
          name="names"
          label={t('prev.facilitatorNames')}
          value={v.names}
          onValue={set('names')}
          hint={t('prev.onePerLine')}
          rows={3}
        />
      </details>
      <TextArea
        prefix={prefix}
        name="description"
        label={labels.description!}
        value={v.description}
        onValue={set('description')}
        error={error}
        rows={3}
      />
      <TextArea
        prefix={prefix}
        name="followups"
        label={labels.followups!}
        value={v.followups}
        onValue={set('followups')}
        hint={t('prev.onePerLine')}
        error={error}
        rows={3}
      />
      <FormActions
        busy={busy}
        onCancel={() => p.onDone(null)}
        submit={a ? t('action.save') : t('prev.planSubmit')}
      />
    </form>
  );
}
