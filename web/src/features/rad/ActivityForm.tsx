/**
 * The form of a RAD activity (add or change): responsible organisation and partners, indicator,
 * unit, baseline, KLA code, automatic indicator, and a target and budget with its source for
 * every year of the plan (a year left empty has no target yet).
 */
import './words.ts';
import { useState } from 'preact/hooks';
import { AUTO_INDICATORS, RAD_BUDGET_SOURCES, RAD_UNITS } from '../../../../src/domain/rad-codes.ts';
import { call } from '../../api.ts';
import {
  CheckGroup,
  codeOptions,
  ErrorSummary,
  FormActions,
  SelectField,
  TextField,
  useAction,
} from '../../components/form.tsx';
import { label, t } from '../../i18n/index.ts';
import { parseNumber, typed } from '../../lib/format.ts';

type Org = { id: string; name: string };
type Target = { year: number; target: number; budget: number; budgetSource: string };
export type ActivityValue = {
  id?: string;
  version?: number;
  title: string;
  responsibleOrgId: string;
  partnerOrgIds: string[];
  indicator: string;
  unit: string;
  baseline: number | null;
  klaCode: string | null;
  autoIndicator: string | null;
  targets: Target[];
};

/**
 * A typed number (parseNumber: "1.250.000", "76,5", "76.5"). It used to drop every dot, so a
 * target shown as "76.5" came back as 765 when the form was saved unchanged.
 */
const num = (s: string): number | null => parseNumber(s);

export function ActivityForm(p: {
  programmeId: string;
  years: number[];
  orgs: Org[];
  value?: ActivityValue;
  onDone: (saved: boolean) => void;
}) {
  const a = p.value;
  const prefix = a ? `radact-${a.id?.slice(0, 8)}` : `radact-${p.programmeId.slice(0, 8)}`;
  const [v, setV] = useState({
    title: a?.title ?? '',
    responsibleOrgId: a?.responsibleOrgId ?? '',
    partnerOrgIds: a?.partnerOrgIds ?? [],
    indicator: a?.indicator ?? '',
    unit: a?.unit ?? 'jumlah',
    baseline: a?.baseline === null || a?.baseline === undefined ? '' : typed(a.baseline),
    klaCode: a?.klaCode ?? '',
    autoIndicator: a?.autoIndicator ?? '',
  });
  const [targets, setTargets] = useState(
    p.years.map((year) => {
      const x = a?.targets.find((tt) => tt.year === year);
      return {
        year,
        target: x ? typed(x.target) : '',
        budget: x ? typed(x.budget) : '',
        budgetSource: x?.budgetSource ?? 'apbd',
      };
    }),
  );
  const { busy, error, attempt, run } = useAction();
  const set = (k: keyof typeof v) => (x: string) =>
    setV((s) => {
      const next = { ...s, [k]: x };
      // an automatic indicator has its own unit
      if (k === 'autoIndicator') {
        const def = AUTO_INDICATORS.find((d) => d.code === x);
        if (def) next.unit = def.unit;
      }
      return next;
    });
  const labels: Record<string, string> = {
    title: t('rad.a.title'),
    responsibleOrgId: t('rad.a.responsible'),
    partnerOrgIds: t('rad.a.partners'),
    indicator: t('rad.a.indicator'),
    unit: t('rad.a.unit'),
    baseline: t('rad.a.baseline'),
    klaCode: t('rad.a.kla'),
    autoIndicator: t('rad.a.auto'),
  };
  targets.forEach((tt, i) => {
    labels[`targets.${i}.target`] = t('rad.a.targetOf', { year: tt.year });
    labels[`targets.${i}.budget`] = t('rad.a.budgetOf', { year: tt.year });
    labels[`targets.${i}.budgetSource`] = t('rad.a.sourceOf', { year: tt.year });
    labels[`targets.${i}.year`] = String(tt.year);
  });
  const orgOptions = p.orgs.map((o) => ({ value: o.id, text: o.name }));
  const filled = targets.filter((tt) => tt.target.trim() !== '' || tt.budget.trim() !== '');
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const body = {
        title: v.title,
        responsibleOrgId: v.responsibleOrgId,
        partnerOrgIds: v.partnerOrgIds,
        indicator: v.indicator,
        unit: v.unit,
        baseline: num(v.baseline),
        klaCode: v.klaCode || null,
        autoIndicator: v.autoIndicator || null,
        targets: filled.map((tt) => ({
          year: tt.year,
          target: num(tt.target) ?? 0,
          budget: num(tt.budget) ?? 0,
          budgetSource: tt.budgetSource,
        })),
      };
      if (a?.id && a.version !== undefined)
        await call('PATCH /rad/activities/{id}', {
          params: { id: a.id },
          body: { ...body, version: a.version },
        });
      else await call('POST /rad/programmes/{id}/activities', { params: { id: p.programmeId }, body });
      p.onDone(true);
    });
  };
  // the field codes name filled rows; map them back to the year's row
  const rowOf = (year: number) => filled.findIndex((tt) => tt.year === year);
  const fieldErr = (year: number, k: string) => {
    const i = rowOf(year);
    return i < 0 ? undefined : error?.fields[`targets.${i}.${k}`];
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      class="card"
      aria-label={a ? t('rad.editActivity') : t('rad.addActivity')}
    >
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      <TextField
        prefix={prefix}
        name="title"
        label={labels.title!}
        value={v.title}
        onValue={set('title')}
        error={error}
        required
        maxLength={300}
      />
      <SelectField
        prefix={prefix}
        name="responsibleOrgId"
        label={labels.responsibleOrgId!}
        value={v.responsibleOrgId}
        onValue={set('responsibleOrgId')}
        options={orgOptions}
        error={error}
        required
      />
      <CheckGroup
        prefix={prefix}
        name="partnerOrgIds"
        label={labels.partnerOrgIds!}
        values={v.partnerOrgIds}
        onValues={(xs) => setV((s) => ({ ...s, partnerOrgIds: xs }))}
        options={orgOptions.filter((o) => o.value !== v.responsibleOrgId)}
        error={error}
      />
      <TextField
        prefix={prefix}
        name="indicator"
        label={labels.indicator!}
        value={v.indicator}
        onValue={set('indicator')}
        error={error}
        required
        maxLength={300}
      />
      <SelectField
        prefix={prefix}
        name="autoIndicator"
        label={labels.autoIndicator!}
        value={v.autoIndicator}
        onValue={set('autoIndicator')}
        options={AUTO_INDICATORS.map((d) => ({ value: d.code, text: label(d.label) }))}
        empty={t('rad.a.manual')}
        hint={t('rad.a.autoHint')}
        error={error}
      />
      <div class="grid">
        <SelectField
          prefix={prefix}
          name="unit"
          label={labels.unit!}
          value={v.unit}
          onValue={set('unit')}
          options={codeOptions(RAD_UNITS.map((u) => ({ code: u.code, label: u.label })))}
          empty={false}
          error={error}
        />
        <TextField
          prefix={prefix}
          name="baseline"
          label={labels.baseline!}
          value={v.baseline}
          onValue={set('baseline')}
          inputMode="decimal"
          error={error}
        />
        <TextField
          prefix={prefix}
          name="klaCode"
          label={labels.klaCode!}
          value={v.klaCode}
          onValue={set('klaCode')}
          maxLength={20}
          hint={t('rad.a.klaHint')}
          error={error}
        />
      </div>
      <fieldset class="field">
        <legend>{t('rad.a.targets')}</legend>
        <p class="hint">{t('rad.a.targetsHint')}</p>
        {targets.map((tt, i) => {
          const upd = (k: 'target' | 'budget' | 'budgetSource') => (x: string) =>
            setTargets((all) => all.map((r, j) => (j === i ? { ...r, [k]: x } : r)));
          // ids the error summary links to (targets.<row sent>.<field>)
          const fi = rowOf(tt.year);
          const id = fi >= 0 ? `${prefix}-targets-${fi}` : `${prefix}-y${tt.year}`;
          const errT = fieldErr(tt.year, 'target') ?? fieldErr(tt.year, 'year');
          const errB = fieldErr(tt.year, 'budget');
          return (
            <div class="grid" key={tt.year}>
              <div class={`field${errT ? ' has-error' : ''}`}>
                <label for={`${id}-target`}>{t('rad.a.targetOf', { year: tt.year })}</label>
                <input
                  id={`${id}-target`}
                  inputMode="decimal"
                  value={tt.target}
                  onInput={(e) => upd('target')(e.currentTarget.value)}
                  aria-invalid={errT ? 'true' : undefined}
                />
                {errT && <p class="field-error">{errT}</p>}
              </div>
              <div class={`field${errB ? ' has-error' : ''}`}>
                <label for={`${id}-budget`}>{t('rad.a.budgetOf', { year: tt.year })}</label>
                <input
                  id={`${id}-budget`}
                  inputMode="numeric"
                  value={tt.budget}
                  onInput={(e) => upd('budget')(e.currentTarget.value)}
                  aria-invalid={errB ? 'true' : undefined}
                />
                {errB && <p class="field-error">{errB}</p>}
              </div>
              <div class="field">
                <label for={`${id}-source`}>{t('rad.a.sourceOf', { year: tt.year })}</label>
                <select
                  id={`${id}-source`}
                  value={tt.budgetSource}
                  onChange={(e) => upd('budgetSource')(e.currentTarget.value)}
                >
                  {RAD_BUDGET_SOURCES.map((s) => (
                    <option key={s.code} value={s.code}>
                      {label(s.label)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          );
        })}
      </fieldset>
      <FormActions busy={busy} onCancel={() => p.onDone(false)} />
    </form>
  );
}
