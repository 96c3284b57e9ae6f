/**
 * "Buat rujukan": one victim of a case to one organisation for one or more services, with the
 * sections shared (none by default) and the consent or the legal basis for sharing. "Rujuk ulang"
 * opens it prefilled from a declined or cancelled referral (`from`), linked to it; the officer
 * confirms that the consent covers the new recipient. A referral may carry out a plan item.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaseDto, ReferralDto, ReferralSuggestionDto } from '../../../../src/domain/dto.ts';
import {
  CONSENT_BASES,
  type ConsentBasis,
  GUARDIAN_RELATIONS,
  isConsent,
  SECTIONS,
  URGENCIES,
} from '../../../../src/domain/referrals.ts';
import { ApiError, call } from '../../api.ts';
import {
  Checkbox,
  CheckGroup,
  codeOptions,
  ErrorSummary,
  FormActions,
  fieldError,
  orNull,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
  useAction,
} from '../../components/form.tsx';
import { useLoad } from '../../components/page.tsx';
import { type MessageKey, t } from '../../i18n/index.ts';
import { fmtDate, isoToLocal, localToIso, zoneHint } from '../../lib/format.ts';
import { codeLabel, type Taxonomies } from '../../lib/taxonomies.ts';
import {
  basisLabel,
  relationLabel,
  sectionLabel,
  servicesText,
  statusLabel,
  urgencyLabel,
} from './shared.tsx';

const P = 'ref';

const PROXIMITY_KEYS: Record<ReferralSuggestionDto['proximity'], MessageKey> = {
  desa: 'ref.prox.desa',
  kecamatan: 'ref.prox.kecamatan',
  kabkota: 'ref.prox.kabkota',
  provinsi: 'ref.prox.provinsi',
  lain: 'ref.prox.lain',
};

function hoursText(h: number): string {
  if (h < 1) return t('ref.underAnHour');
  return h < 48 ? t('ref.hours', { n: Math.round(h) }) : t('ref.days', { n: Math.round(h / 24) });
}

/** The choice of recipient: suggestions for the first chosen service, best first. */
function Recipients({
  caseId,
  personId,
  service,
  value,
  onValue,
  error,
  tx,
}: {
  caseId: string;
  personId: string;
  service: string;
  value: string;
  onValue: (v: string) => void;
  error: ApiError | null;
  tx: Taxonomies | null;
}) {
  const ready = !!personId && !!service;
  const {
    data,
    error: loadError,
    loading,
  } = useLoad(
    (signal) =>
      ready
        ? call('GET /cases/{id}/referral-suggestions', {
            params: { id: caseId },
            query: { personId, service },
            signal,
          }).then((x) => x.items)
        : Promise.resolve([] as ReferralSuggestionDto[]),
    [caseId, personId, service],
  );
  const err = fieldError(error, 'toOrgId');
  const id = `${P}-toOrgId`;
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      class={`field checks${err ? ' has-error' : ''}`}
      aria-describedby={`${id}-hint`}
    >
      <legend>
        {t('ref.recipient')}
        <span class="req"> {t('form.required')}</span>
      </legend>
      <p class="hint" id={`${id}-hint`}>
        {ready
          ? t('ref.recipientHint', { service: codeLabel(tx, 'serviceTypes', service) })
          : t('ref.recipientFirst')}
      </p>
      {ready && loading && !data ? (
        <p role="status">{t('common.loading')}</p>
      ) : loadError ? (
        <p class="field-error" role="alert">
          {loadError instanceof Error ? loadError.message : String(loadError)}
        </p>
      ) : ready && (data ?? []).length === 0 ? (
        <p>{t('ref.noSuggestions')}</p>
      ) : (
        <ul class="pick-list">
          {(data ?? []).map((s) => (
            <li key={s.orgId}>
              <label class="check">
                <input
                  type="radio"
                  name={`${P}-toOrgId`}
                  value={s.orgId}
                  checked={value === s.orgId}
                  onChange={() => onValue(s.orgId)}
                />{' '}
                <strong>{s.name}</strong>
              </label>
              <p class="hint">
                {codeLabel(tx, 'orgTypes', s.type)} · {t(PROXIMITY_KEYS[s.proximity])}
                {s.capacityFree !== null && <> · {t('ref.capacity', { n: s.capacityFree })}</>}
                {' · '}
                {s.medianAcceptHours !== null
                  ? t('ref.medianAccept', { time: hoursText(s.medianAcceptHours) })
                  : t('ref.noHistory')}
              </p>
              {!s.activeAgreement && <p class="notice warn">{t('ref.noAgreement')}</p>}
              {!s.onSimpul && <p class="notice">{t('ref.notOnSimpul')}</p>}
            </li>
          ))}
        </ul>
      )}
      {err && (
        <p class="field-error">
          <span class="sr-prefix">{t('error.fieldPrefix')} </span>
          {err}
        </p>
      )}
    </fieldset>
  );
}

export function NewReferral({
  c,
  tx,
  from,
  planItemId: planFor,
  onDone,
  onCancel,
}: {
  c: CaseDto;
  tx: Taxonomies | null;
  /** "rujuk ulang": the declined or cancelled referral sent again, whose content fills the form */
  from?: ReferralDto | null;
  /** the plan item to carry out, when the form is opened from the plan */
  planItemId?: string | null;
  onDone: (r: ReferralDto) => void;
  onCancel: () => void;
}) {
  const victims = c.persons.filter((p) => p.role === 'korban');
  const plan = c.records.filter((r) => r.kind === 'plan_item');
  const planned = plan.find((p) => p.id === planFor);
  const [personId, setPersonId] = useState(
    from?.personId ?? (victims.length === 1 ? (victims[0]?.id ?? '') : ''),
  );
  const [services, setServices] = useState<string[]>(
    from?.services ?? (planned && typeof planned.data.service === 'string' ? [planned.data.service] : []),
  );
  const [toOrgId, setToOrgId] = useState('');
  const [urgency, setUrgency] = useState<string>(from?.urgency ?? '');
  const [purpose, setPurpose] = useState(from?.purpose ?? '');
  const [sections, setSections] = useState<string[]>(from?.sections ?? []);
  const [basis, setBasis] = useState(from?.consent.basis ?? '');
  const [givenBy, setGivenBy] = useState(from?.consent.givenBy ?? '');
  const [relation, setRelation] = useState(from?.consent.relation ?? '');
  const [givenAt, setGivenAt] = useState(() => isoToLocal(new Date().toISOString()));
  const [note, setNote] = useState('');
  const [covers, setCovers] = useState(false);
  const [planItemId, setPlanItemId] = useState(from?.planItem?.id ?? planned?.id ?? '');
  const { busy, error, attempt, run } = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const firstService = services[0] ?? '';
  // another service or victim: the suggestions change, so the recipient is chosen again
  useEffect(() => setToOrgId(''), [firstService, personId]);

  const victim = victims.find((p) => p.id === personId);
  const consentBasis = basis ? isConsent(basis as ConsentBasis) : false;
  const labels: Record<string, string> = {
    personId: t('ref.victim'),
    services: t('ref.services'),
    toOrgId: t('ref.recipient'),
    urgency: t('ref.urgency'),
    purpose: t('ref.purpose'),
    sections: t('ref.sections'),
    consent: t('ref.consent'),
    'consent.basis': t('ref.basis'),
    'consent.givenBy': t('ref.givenBy'),
    'consent.relation': t('ref.relation'),
    'consent.givenAt': t('ref.givenAt'),
    'consent.note': t('ref.consentNote'),
    'consent.coversRecipient': t('ref.coversRecipientShort'),
    planItemId: t('ref.planItemField'),
    rereferralOf: t('ref.rereferralOf'),
  };

  const chooseBasis = (b: string) => {
    setBasis(b);
    // the victim's own consent: prefill her name (the officer may change it)
    if (b === 'persetujuan_korban' && !givenBy && victim) setGivenBy(victim.name);
  };

  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const r = await call('POST /cases/{id}/referrals', {
        params: { id: c.id },
        body: {
          personId,
          toOrgId,
          services,
          urgency,
          purpose,
          sections,
          ...(basis
            ? {
                consent: {
                  basis,
                  givenBy: consentBasis ? orNull(givenBy) : null,
                  relation: basis === 'persetujuan_wali' ? orNull(relation) : null,
                  givenAt: localToIso(givenAt) ?? '',
                  note: orNull(note),
                  ...(from ? { coversRecipient: covers } : {}),
                },
              }
            : {}),
          ...(from ? { rereferralOf: from.id } : {}),
          ...(planItemId ? { planItemId } : {}),
        },
      }).catch((e: unknown) => {
        // nothing chosen yet: say so, rather than "invalid value"
        if (e instanceof ApiError) {
          if (!toOrgId && e.fields.toOrgId) e.fields.toOrgId = t('ref.chooseRecipient');
          if (!urgency && e.fields.urgency) e.fields.urgency = t('ref.chooseUrgency');
          if (!personId && e.fields.personId) e.fields.personId = t('ref.chooseVictim');
        }
        throw e;
      });
      onDone(r);
    });
  };

  const common = { prefix: P, error };
  const title = from ? t('ref.rereferTitle', { number: from.number }) : t('ref.new');
  return (
    <form class="subform" onSubmit={submit} noValidate aria-labelledby={`${P}-title`}>
      <h3 id={`${P}-title`} tabIndex={-1} ref={heading}>
        {title}
      </h3>
      {from && (
        <p class="hint">
          {t('ref.rereferIntro', {
            number: from.number,
            org: from.toOrg.name,
            status: statusLabel(from.status),
          })}
        </p>
      )}
      <ErrorSummary error={error} attempt={attempt} prefix={P} labels={labels} />
      <RadioGroup
        {...common}
        name="personId"
        label={labels.personId!}
        value={personId}
        onValue={setPersonId}
        options={victims.map((p) => ({ value: p.id, text: p.name }))}
        hint={victims.length === 0 ? t('ref.noVictims') : undefined}
        required
      />
      <CheckGroup
        {...common}
        name="services"
        label={labels.services!}
        hint={t('ref.servicesHint')}
        values={services}
        onValues={setServices}
        options={codeOptions(tx?.serviceTypes)}
        required
      />
      <Recipients
        caseId={c.id}
        personId={personId}
        service={firstService}
        value={toOrgId}
        onValue={setToOrgId}
        error={error}
        tx={tx}
      />
      <RadioGroup
        {...common}
        name="urgency"
        label={labels.urgency!}
        value={urgency}
        onValue={setUrgency}
        options={URGENCIES.map((u) => ({ value: u, text: urgencyLabel(u) }))}
        required
      />
      <TextArea
        {...common}
        name="purpose"
        label={labels.purpose!}
        hint={t('ref.purposeHint')}
        value={purpose}
        onValue={setPurpose}
        rows={3}
        maxLength={5000}
        required
      />
      <CheckGroup
        {...common}
        name="sections"
        label={labels.sections!}
        hint={t('ref.sectionsHint')}
        values={sections}
        onValues={setSections}
        options={SECTIONS.map((s) => ({ value: s, text: sectionLabel(s) }))}
      />
      <fieldset id={`${P}-consent`} tabIndex={-1} class="field">
        <legend>{labels.consent}</legend>
        <p class="hint">{t('ref.consentIntro')}</p>
        <RadioGroup
          {...common}
          name="consent.basis"
          label={labels['consent.basis']!}
          value={basis}
          onValue={chooseBasis}
          options={CONSENT_BASES.map((b) => ({ value: b, text: basisLabel(b) }))}
          required
        />
        {consentBasis && (
          <div class="grid">
            <TextField
              {...common}
              name="consent.givenBy"
              label={labels['consent.givenBy']!}
              value={givenBy}
              onValue={setGivenBy}
              maxLength={200}
              required
            />
            {basis === 'persetujuan_wali' && (
              <SelectField
                {...common}
                name="consent.relation"
                label={labels['consent.relation']!}
                value={relation}
                onValue={setRelation}
                options={GUARDIAN_RELATIONS.map((r) => ({ value: r, text: relationLabel(r) }))}
                required
              />
            )}
          </div>
        )}
        <TextField
          {...common}
          name="consent.givenAt"
          type="datetime-local"
          label={consentBasis || !basis ? labels['consent.givenAt']! : t('ref.basisAt')}
          hint={zoneHint()}
          value={givenAt}
          onValue={setGivenAt}
          required
        />
        <TextArea
          {...common}
          name="consent.note"
          label={labels['consent.note']!}
          hint={basis && !consentBasis ? t('ref.noteRequiredHint') : undefined}
          value={note}
          onValue={setNote}
          rows={3}
          maxLength={2000}
          required={!!basis && !consentBasis}
        />
        {from && (
          <Checkbox
            {...common}
            name="consent.coversRecipient"
            label={t('ref.coversRecipient')}
            checked={covers}
            onChecked={setCovers}
            required
          />
        )}
      </fieldset>
      {plan.length > 0 && (
        <SelectField
          {...common}
          name="planItemId"
          label={labels.planItemId!}
          hint={t('ref.planItemHint')}
          value={planItemId}
          onValue={setPlanItemId}
          options={plan.map((p) => ({
            value: p.id,
            text: [
              codeLabel(tx, 'serviceTypes', String(p.data.service ?? '')),
              typeof p.data.targetDate === 'string'
                ? t('ref.targetDate', { date: fmtDate(p.data.targetDate) })
                : '',
            ]
              .filter(Boolean)
              .join(' · '),
          }))}
        />
      )}
      {services.length > 0 && (
        <p class="hint">{t('ref.summaryLine', { services: servicesText(tx, services) })}</p>
      )}
      <FormActions busy={busy} onCancel={onCancel} submit={t('ref.send')} />
    </form>
  );
}
