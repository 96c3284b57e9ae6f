/**
 * /rad/:id — one RAD PPA: the year and quarter chosen, the roll-up by pillar, programme and
 * responsible organisation (bars with text), and the tree pillar → programme → activity with each
 * activity's target and where it stands. The Dinas adds pillars, programmes and activities here.
 */
import './words.ts';
import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import type { RadPlanDto } from '../../../../src/domain/contract/rad.ts';
import { API, call } from '../../api.ts';
import { CardTable, ErrorSummary, FormActions, TextField, useAction } from '../../components/form.tsx';
import { isNotFound, PageHeading, RecordPending, useRecord } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { fmtDate } from '../../lib/format.ts';
import { ActivityForm } from './ActivityForm.tsx';
import { onTrackText, pct, RollupTable, statusText, valueText } from './shared.tsx';

function HeadingForm(p: {
  kind: 'pillar' | 'programme';
  parentId: string;
  onDone: (saved: boolean) => void;
}) {
  const [v, setV] = useState({ code: '', title: '' });
  const { busy, error, attempt, run } = useAction();
  const prefix = `rad-${p.kind}-${p.parentId.slice(0, 8)}`;
  const labels = {
    code: t('rad.h.code'),
    title: t(p.kind === 'pillar' ? 'rad.h.pillarTitle' : 'rad.h.programmeTitle'),
  };
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const body = { code: v.code, title: v.title };
      if (p.kind === 'pillar')
        await call('POST /rad/plans/{id}/pillars', { params: { id: p.parentId }, body });
      else await call('POST /rad/pillars/{id}/programmes', { params: { id: p.parentId }, body });
      p.onDone(true);
    });
  };
  return (
    <form onSubmit={submit} noValidate class="card" aria-label={labels.title}>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      <div class="grid">
        <TextField
          prefix={prefix}
          name="code"
          label={labels.code}
          value={v.code}
          onValue={(x) => setV({ ...v, code: x })}
          maxLength={10}
          error={error}
        />
        <TextField
          prefix={prefix}
          name="title"
          label={labels.title}
          value={v.title}
          onValue={(x) => setV({ ...v, title: x })}
          maxLength={300}
          required
          error={error}
        />
      </div>
      <FormActions busy={busy} onCancel={() => p.onDone(false)} />
    </form>
  );
}

function PlanForm({ plan, onDone }: { plan: RadPlanDto; onDone: (saved: boolean) => void }) {
  const [v, setV] = useState({
    title: plan.title,
    startYear: String(plan.startYear),
    endYear: String(plan.endYear),
    legalBasis: plan.legalBasis ?? '',
  });
  const { busy, error, attempt, run } = useAction();
  const prefix = 'rad-plan-edit';
  const labels = {
    title: t('rad.planTitle'),
    startYear: t('rad.startYear'),
    endYear: t('rad.endYear'),
    legalBasis: t('rad.legalBasis'),
  };
  const field = (k: keyof typeof v, extra: Record<string, unknown> = {}) => (
    <TextField
      prefix={prefix}
      name={k}
      label={labels[k]}
      value={v[k]}
      onValue={(x) => setV((s) => ({ ...s, [k]: x }))}
      error={error}
      {...extra}
    />
  );
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      await call('PATCH /rad/plans/{id}', {
        params: { id: plan.id },
        body: {
          version: plan.version,
          title: v.title,
          startYear: Number(v.startYear),
          endYear: Number(v.endYear),
          legalBasis: v.legalBasis || null,
        },
      });
      onDone(true);
    });
  };
  return (
    <form onSubmit={submit} noValidate class="card" aria-label={t('rad.editPlan')}>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      {field('title', { required: true, maxLength: 200 })}
      <div class="grid">
        {field('startYear', { required: true, inputMode: 'numeric', maxLength: 4 })}
        {field('endYear', { required: true, inputMode: 'numeric', maxLength: 4 })}
      </div>
      {field('legalBasis', { maxLength: 300 })}
      <FormActions busy={busy} onCancel={() => onDone(false)} />
    </form>
  );
}

type Activity = RadPlanDto['pillars'][number]['programmes'][number]['activities'][number];

function ActivityRows({ plan, items }: { plan: RadPlanDto; items: Activity[] }) {
  if (items.length === 0) return <p class="hint">{t('rad.noActivities')}</p>;
  return (
    <CardTable
      caption={t('rad.activitiesOf', { year: plan.year, quarter: plan.quarter })}
      items={items}
      columns={[
        {
          head: t('rad.a.title'),
          cell: (a) => (
            <>
              <a href={`/rad/kegiatan/${a.id}?year=${plan.year}&quarter=${plan.quarter}`}>{a.title}</a>
              {a.autoIndicator && <span class="badge muted"> {t('rad.auto')}</span>}
            </>
          ),
        },
        { head: t('rad.a.responsible'), cell: (a) => a.responsibleOrg.name },
        { head: t('rad.a.indicator'), cell: (a) => a.indicator },
        { head: t('rad.targetYear', { year: plan.year }), cell: (a) => valueText(a.target, a.unit) },
        {
          head: t('rad.realisedTo', { quarter: plan.quarter }),
          cell: (a) => (
            <>
              {valueText(a.standing.realised, a.unit)}
              {a.standing.achievement !== null && <span class="hint"> ({pct(a.standing.achievement)})</span>}
              {!a.standing.current && a.standing.quarter !== null && (
                <span class="hint"> {t('rad.fromQuarter', { n: a.standing.quarter })}</span>
              )}
            </>
          ),
        },
        {
          head: t('rad.status'),
          cell: (a) => (
            <>
              <span class={`badge ${a.standing.onTrack ? 'ok' : 'warn'}`}>
                {onTrackText(a.standing, plan.quarter)}
              </span>{' '}
              {statusText(a.standing.status)}
            </>
          ),
        },
      ]}
    />
  );
}

export default function RadPlan() {
  const { params, query } = useRoute();
  const { route } = useLocation();
  const id = params.id ?? '';
  const key = `${id}?${query.year ?? ''}&${query.quarter ?? ''}`;
  const {
    data: plan,
    error,
    load,
    retry,
  } = useRecord(key, () =>
    call('GET /rad/plans/{id}', {
      params: { id },
      query: {
        ...(query.year ? { year: query.year } : {}),
        ...(query.quarter ? { quarter: query.quarter } : {}),
      } as { year?: number; quarter?: number },
    }),
  );
  const [adding, setAdding] = useState<string | null>(null);
  const [sel, setSel] = useState<{ year: string; quarter: string } | null>(null);
  if (!plan || isNotFound(error)) return <RecordPending error={error} retry={retry} />;
  const years = Array.from({ length: plan.endYear - plan.startYear + 1 }, (_, i) => plan.startYear + i);
  const chosen = sel ?? { year: String(plan.year), quarter: String(plan.quarter) };
  const done = (saved: boolean) => {
    setAdding(null);
    if (saved) void load();
  };
  const show = (e: Event) => {
    e.preventDefault();
    route(`/rad/${plan.id}?year=${chosen.year}&quarter=${chosen.quarter}`);
    setSel(null);
  };
  return (
    <section class="print-view">
      <p class="hint no-print">
        <a href="/rad">{t('rad.title')}</a>
      </p>
      <PageHeading title={plan.title}>{plan.title}</PageHeading>
      <p class="print-only">
        {t('rad.printPeriod', { year: plan.year, quarter: plan.quarter })} ·{' '}
        {t('rad.printedOn', { date: fmtDate(new Date().toISOString(), plan.jurisdiction) })}
      </p>
      <p class="lead">
        {t('rad.period', { from: plan.startYear, to: plan.endYear })}
        {plan.legalBasis ? ` · ${plan.legalBasis}` : ''}
      </p>
      {plan.canManage &&
        (adding === 'plan' ? (
          <PlanForm plan={plan} onDone={done} />
        ) : (
          <p>
            <button type="button" onClick={() => setAdding('plan')}>
              {t('rad.editPlan')}
            </button>
          </p>
        ))}
      <form class="filters" onSubmit={show} aria-label={t('rad.choosePeriod')}>
        <div class="field">
          <label for="rad-year">{t('rad.year')}</label>
          <select
            id="rad-year"
            value={chosen.year}
            onChange={(e) => setSel({ ...chosen, year: e.currentTarget.value })}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="rad-quarter">{t('rad.quarter')}</label>
          <select
            id="rad-quarter"
            value={chosen.quarter}
            onChange={(e) => setSel({ ...chosen, quarter: e.currentTarget.value })}
          >
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                {t('rad.quarterN', { n: q })}
              </option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="submit">{t('rad.show')}</button>
        </div>
      </form>

      <h2>{t('rad.rollup', { year: plan.year, quarter: plan.quarter })}</h2>
      <p class="actions">
        <button type="button" onClick={() => window.print()}>
          {t('rad.print')}
        </button>{' '}
        <a
          class="button"
          href={`${API}/rad/plans/${plan.id}/rollup.xlsx?year=${plan.year}&quarter=${plan.quarter}`}
          download
        >
          {t('rad.xlsx')}
        </a>
      </p>
      <p class="hint">{t('rad.rollupHint')}</p>
      <RollupTable caption={t('rad.byTotal')} head={t('rad.plan')} groups={[plan.rollup.total]} />
      <RollupTable caption={t('rad.byPillar')} head={t('rad.pillar')} groups={plan.rollup.byPillar} />
      <RollupTable
        caption={t('rad.byProgramme')}
        head={t('rad.programme')}
        groups={plan.rollup.byProgramme}
      />
      <RollupTable
        caption={t('rad.byOrganisation')}
        head={t('rad.organisation')}
        groups={plan.rollup.byOrganisation}
      />

      <h2>{t('rad.tree')}</h2>
      {plan.pillars.length === 0 && <p>{t('rad.noPillars')}</p>}
      {plan.pillars.map((p) => (
        <section key={p.id} aria-labelledby={`pillar-${p.id}`}>
          <h3 id={`pillar-${p.id}`}>
            {t('rad.pillar')} {p.code ? `${p.code}. ` : ''}
            {p.title}
          </h3>
          {p.programmes.map((g) => (
            <section key={g.id} aria-labelledby={`prog-${g.id}`} class="rad-programme">
              <h4 id={`prog-${g.id}`}>
                {t('rad.programme')} {g.code ? `${g.code}. ` : ''}
                {g.title}
              </h4>
              <ActivityRows plan={plan} items={g.activities} />
              {plan.canManage &&
                (adding === `a:${g.id}` ? (
                  <ActivityForm programmeId={g.id} years={years} orgs={plan.organisations} onDone={done} />
                ) : (
                  <button type="button" onClick={() => setAdding(`a:${g.id}`)}>
                    {t('rad.addActivityTo', { name: g.title })}
                  </button>
                ))}
            </section>
          ))}
          {plan.canManage &&
            (adding === `g:${p.id}` ? (
              <HeadingForm kind="programme" parentId={p.id} onDone={done} />
            ) : (
              <p>
                <button type="button" onClick={() => setAdding(`g:${p.id}`)}>
                  {t('rad.addProgrammeTo', { name: p.title })}
                </button>
              </p>
            ))}
        </section>
      ))}
      {plan.canManage &&
        (adding === 'pillar' ? (
          <HeadingForm kind="pillar" parentId={plan.id} onDone={done} />
        ) : (
          <p>
            <button type="button" onClick={() => setAdding('pillar')}>
              {t('rad.addPillar')}
            </button>
          </p>
        ))}
    </section>
  );
}
