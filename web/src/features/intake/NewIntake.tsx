import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import { call } from '../../api.ts';
import {
  bindField,
  Checkbox,
  CheckGroup,
  codeOptions,
  ErrorSummary,
  orNull,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
  useAction,
} from '../../components/form.tsx';
import { Loading, NoAccess, PageHeading } from '../../components/page.tsx';
import { RegionPicker } from '../../components/region.tsx';
import { t } from '../../i18n/index.ts';
import { isoToLocal, localToIso, todayLocal, zoneHint } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { userStore, useTaxonomies } from '../../lib/taxonomies.ts';
import { type CaseRef, CaseSearch } from './CaseSearch.tsx';
import { choice, STAFF_CHANNELS } from './shared.tsx';

const P = 'ni';

const EMPTY = {
  channel: 'telepon',
  callType: '',
  receivedAt: '',
  reporterType: '',
  reporterName: '',
  reporterRelation: '',
  contactMethod: 'tidak',
  contactPhone: '',
  safeTimes: '',
  victimName: '',
  victimNik: '',
  victimPhone: '',
  victimBirthDate: '',
  victimSex: '',
  victimAgeGroup: '',
  description: '',
  regionCode: '',
  placeText: '',
  occurredWhen: '',
  occurredOn: '',
  risk: '',
};
type Text = typeof EMPTY;

export default function NewIntake() {
  const user = useStore(userStore);
  const tx = useTaxonomies();
  const { route } = useLocation();
  const [v, setV] = useState<Text>(() => ({ ...EMPTY, receivedAt: isoToLocal(new Date().toISOString()) }));
  const [forms, setForms] = useState<string[]>([]);
  const [dangerNow, setDangerNow] = useState(false);
  const [consent, setConsent] = useState(false);
  const [linked, setLinked] = useState<CaseRef | null>(null);
  const set = (k: keyof Text) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { busy, error, attempt, run } = useAction();
  if (!user) return <Loading />;
  if (!roleCan(user.role, 'intake:triage')) return <NoAccess />;

  const labels: Record<string, string> = {
    channel: t('intake.channel'),
    callType: t('intake.callType'),
    receivedAt: t('intake.receivedAtField'),
    reporterType: t('intake.reporterType'),
    reporterName: t('intake.reporterName'),
    reporterRelation: t('intake.reporterRelation'),
    contactMethod: t('intake.contactMethod'),
    contactPhone: t('intake.contactPhone'),
    safeTimes: t('intake.safeTimes'),
    consentContact: t('intake.consentContact'),
    victimName: t('intake.victimName'),
    victimNik: t('intake.victimNik'),
    victimPhone: t('intake.victimPhone'),
    victimBirthDate: t('intake.victimBirthDate'),
    victimSex: t('intake.victimSex'),
    victimAgeGroup: t('intake.victimAgeGroup'),
    forms: t('intake.forms'),
    description: t('intake.description'),
    regionCode: t('intake.region'),
    placeText: t('intake.placeText'),
    occurredWhen: t('intake.occurredWhen'),
    occurredOn: t('intake.occurredOn'),
    dangerNow: t('intake.dangerNowField'),
    risk: t('case.risk'),
    caseId: t('intake.linkCase'),
  };
  const contact = v.contactMethod !== 'tidak';

  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const item = await call('POST /intake', {
        body: {
          channel: v.channel,
          callType: orNull(v.callType),
          receivedAt: localToIso(v.receivedAt),
          reporterType: choice(v.reporterType),
          reporterName: orNull(v.reporterName),
          reporterRelation: v.reporterType === 'orang_lain' ? orNull(v.reporterRelation) : null,
          contactMethod: v.contactMethod,
          contactPhone: contact ? orNull(v.contactPhone) : null,
          safeTimes: contact ? orNull(v.safeTimes) : null,
          consentContact: contact && consent,
          victimName: orNull(v.victimName),
          victimNik: orNull(v.victimNik),
          victimPhone: orNull(v.victimPhone),
          victimBirthDate: orNull(v.victimBirthDate),
          victimSex: orNull(v.victimSex),
          victimAgeGroup: orNull(v.victimAgeGroup),
          forms,
          description: orNull(v.description),
          regionCode: orNull(v.regionCode),
          placeText: orNull(v.placeText),
          occurredWhen: orNull(v.occurredWhen),
          occurredOn: orNull(v.occurredOn),
          dangerNow,
          risk: orNull(v.risk),
          caseId: linked?.id ?? null,
        },
      });
      route(`/pengaduan/${item.id}`);
    });
  };

  const title = t('newIntake.title');
  const common = { prefix: P, error };
  const field = bindField(v, set, labels);
  return (
    <section class="narrow">
      <p>
        <a href="/pengaduan">‹ {t('intake.back')}</a>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      <p>{t('newIntake.intro')}</p>
      <ErrorSummary error={error} attempt={attempt} prefix={P} labels={labels} />
      <form onSubmit={submit} noValidate>
        <fieldset class="section">
          <legend>{t('newIntake.receipt')}</legend>
          <div class="grid">
            <SelectField
              {...common}
              {...field('channel')}
              empty={false}
              options={codeOptions(tx?.intakeChannels).filter((o) =>
                (STAFF_CHANNELS as readonly string[]).includes(o.value),
              )}
              required
            />
            <TextField {...common} {...field('receivedAt')} type="datetime-local" hint={zoneHint()} />
          </div>
          <SelectField
            {...common}
            {...field('callType')}
            hint={t('intake.callTypeHint')}
            options={codeOptions(tx?.callTypes)}
          />
        </fieldset>

        <fieldset class="section">
          <legend>{t('newIntake.reporter')}</legend>
          <RadioGroup
            {...common}
            {...field('reporterType')}
            options={codeOptions(tx?.reporterTypes)}
            required
          />
          {v.reporterType !== 'anonim' && (
            <TextField {...common} {...field('reporterName')} maxLength={100} />
          )}
          {v.reporterType === 'orang_lain' && (
            <TextField {...common} {...field('reporterRelation')} maxLength={100} />
          )}
          <RadioGroup {...common} {...field('contactMethod')} options={codeOptions(tx?.contactMethods)} />
          {contact && (
            <>
              <TextField
                {...common}
                {...field('contactPhone')}
                type="tel"
                inputMode="tel"
                autoComplete="off"
                required
              />
              <TextField
                {...common}
                {...field('safeTimes')}
                hint={t('intake.safeTimesHint')}
                maxLength={200}
              />
              <Checkbox
                {...common}
                name="consentContact"
                label={labels.consentContact!}
                checked={consent}
                onChecked={setConsent}
              />
            </>
          )}
        </fieldset>

        <fieldset class="section">
          <legend>{t('newIntake.victim')}</legend>
          <TextField {...common} {...field('victimName')} autoComplete="off" maxLength={200} />
          <div class="grid">
            <TextField
              {...common}
              {...field('victimNik')}
              inputMode="numeric"
              autoComplete="off"
              hint={t('person.nikHint')}
              maxLength={16}
            />
            <TextField {...common} {...field('victimPhone')} type="tel" inputMode="tel" autoComplete="off" />
            <TextField {...common} {...field('victimBirthDate')} type="date" max={todayLocal()} />
            <SelectField
              {...common}
              {...field('victimSex')}
              options={[...codeOptions(tx?.sexes), { value: 'tidak_tahu', text: t('intake.sexUnknown') }]}
            />
            <SelectField
              {...common}
              {...field('victimAgeGroup')}
              options={codeOptions(tx?.victimAgeGroups)}
            />
          </div>
        </fieldset>

        <fieldset class="section">
          <legend>{t('newIntake.what')}</legend>
          <CheckGroup
            {...common}
            name="forms"
            label={labels.forms!}
            hint={t('intake.formsHint')}
            values={forms}
            onValues={setForms}
            options={codeOptions(tx?.everydayForms)}
          />
          <TextArea
            {...common}
            {...field('description')}
            hint={t('intake.descriptionHint')}
            maxLength={5000}
            rows={5}
          />
          <RegionPicker prefix={P} {...field('regionCode')} hint={t('intake.regionHint')} error={error} />
          <TextField {...common} {...field('placeText')} maxLength={300} />
          <div class="grid">
            <SelectField {...common} {...field('occurredWhen')} options={codeOptions(tx?.occurredWhen)} />
            <TextField {...common} {...field('occurredOn')} type="date" max={todayLocal()} />
          </div>
        </fieldset>

        <fieldset class="section">
          <legend>{t('newIntake.assessment')}</legend>
          <Checkbox
            {...common}
            name="dangerNow"
            label={labels.dangerNow!}
            hint={t('intake.dangerHint')}
            checked={dangerNow}
            onChecked={setDangerNow}
          />
          <SelectField {...common} {...field('risk')} options={codeOptions(tx?.riskLevels)} />
          <fieldset id={`${P}-caseId`} tabIndex={-1} class="field">
            <legend>{labels.caseId}</legend>
            <p class="hint">{t('intake.linkCaseHint')}</p>
            {linked ? (
              <p class="notice ok">
                {t('intake.linked', { number: linked.number })}{' '}
                <button type="button" class="link" onClick={() => setLinked(null)}>
                  {t('intake.unlink')}
                </button>
              </p>
            ) : (
              <CaseSearch prefix={P} onPick={setLinked} error={error} />
            )}
          </fieldset>
        </fieldset>

        <div class="actions">
          <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : undefined}>
            {t('newIntake.submit')}
          </button>
          <a href="/pengaduan">{t('action.cancel')}</a>
        </div>
      </form>
    </section>
  );
}
