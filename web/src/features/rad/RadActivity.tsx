/**
 * /rad/kegiatan/:id — one RAD activity: what it is, its targets per year, the four quarters of the
 * chosen year (realised value for the year so far, budget used, status, note, evidence) with the
 * form to report a quarter (its responsible organisation or the Dinas), an automatic indicator's
 * calculation and the numbers behind it, and the meeting decisions and prevention activities
 * linked to it. The Dinas changes the activity here.
 */
import './words.ts';
import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import type { RadActivityDto } from '../../../../src/domain/contract/rad.ts';
import { RAD_STATUSES } from '../../../../src/domain/rad-codes.ts';
import { API, ApiError, call, upload } from '../../api.ts';
import { EvidenceFiles } from '../../components/evidence.tsx';
import {
  Checkbox,
  ErrorSummary,
  SelectField,
  Submit,
  TextArea,
  TextField,
  useAction,
} from '../../components/form.tsx';
import { isNotFound, Notice, PageHeading, RecordPending, useRecord } from '../../components/page.tsx';
import { label, t } from '../../i18n/index.ts';
import { fmtDate, fmtNumber, parseNumber, typed } from '../../lib/format.ts';
import { ActivityForm } from './ActivityForm.tsx';
import {
  Bar,
  onTrackText,
  rupiah,
  sourceText,
  standingText,
  statusText,
  unitText,
  valueText,
} from './shared.tsx';

type Quarter = RadActivityDto['progress'][number];

function Evidence({ a, q, reload }: { a: RadActivityDto; q: Quarter; reload: () => Promise<void> }) {
  const id = q.id!;
  return (
    <EvidenceFiles
      prefix={`rad-ev-${q.quarter}`}
      files={q.evidence}
      href={(f) => `${API}/rad/progress/${id}/files/${f.id}`}
      canChange={a.canReport}
      words={{
        heading: t('rad.evidence'),
        none: t('rad.noEvidence'),
        field: t('rad.evidenceFile', { n: q.quarter }),
        hint: t('rad.evidenceHint'),
        upload: t('rad.upload'),
        remove: t('rad.evidenceRemove'),
        removeOf: (name) => t('rad.evidenceRemoveOf', { name }),
        removeConfirm: (name) => t('rad.evidenceRemoveConfirm', { name }),
        tooLarge: t('rad.evidenceTooLarge'),
      }}
      send={async (form) => {
        await upload('POST /rad/progress/{id}/files', { id }, form);
        await reload();
      }}
      remove={async (f) => {
        await call('DELETE /rad/progress/{id}/files/{fileId}', { params: { id, fileId: f.id } });
        await reload();
      }}
    />
  );
}

function ProgressForm({
  a,
  q,
  onSaved,
}: {
  a: RadActivityDto;
  q: Quarter;
  onSaved: (x: RadActivityDto) => void;
}) {
  const [v, setV] = useState({
    realised: q.realised === null || a.automatic ? '' : typed(q.realised),
    budgetUsed: q.budgetUsed ? typed(q.budgetUsed) : '',
    status: q.status ?? 'berjalan',
    note: q.note ?? '',
    clear: false,
  });
  const { busy, error, attempt, run } = useAction();
  const prefix = `rad-q${q.quarter}`;
  const labels = {
    realised: t('rad.p.realised', { n: q.quarter }),
    budgetUsed: t('rad.p.budgetUsed', { n: q.quarter }),
    status: t('rad.p.status', { n: q.quarter }),
    note: t('rad.p.note', { n: q.quarter }),
    clear: t('rad.p.clear', { n: q.quarter, value: valueText(q.realised, a.unit) }),
  };
  // a saved figure, and the field emptied: erasing it must be chosen, never a side effect
  const emptied = !a.automatic && q.realised !== null && v.realised.trim() === '';
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      // what cannot be read as a number is refused here, never sent as "no value"
      const realised = a.automatic ? null : parseNumber(v.realised);
      const budgetUsed = parseNumber(v.budgetUsed);
      const fields: Record<string, string> = {};
      if (Number.isNaN(realised)) fields.realised = t('rad.p.notNumber');
      if (Number.isNaN(budgetUsed)) fields.budgetUsed = t('rad.p.notNumber');
      if (emptied && !v.clear) fields.realised = t('rad.p.clearOrFill');
      if (Object.keys(fields).length > 0)
        throw new ApiError(400, 'VALIDATION_FAILED', t('rad.p.fixErrors'), fields);
      const r = await call('PUT /rad/activities/{id}/progress/{year}/{quarter}', {
        params: { id: a.id, year: q.year, quarter: q.quarter },
        body: {
          version: q.version,
          realised,
          clearRealised: emptied && v.clear,
          budgetUsed: budgetUsed ?? 0,
          status: v.status,
          note: v.note || null,
        },
      });
      onSaved(r);
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('rad.p.form', { n: q.quarter, year: q.year })}>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      <div class="grid">
        {!a.automatic && (
          <TextField
            prefix={prefix}
            name="realised"
            label={labels.realised}
            value={v.realised}
            onValue={(x) => setV({ ...v, realised: x })}
            inputMode="decimal"
            hint={t('rad.p.realisedHint', { unit: unitText(a.unit) })}
            error={error}
          />
        )}
        {emptied && (
          <Checkbox
            prefix={prefix}
            name="clear"
            label={labels.clear}
            checked={v.clear}
            onChecked={(x) => setV({ ...v, clear: x })}
            error={error}
          />
        )}
        <TextField
          prefix={prefix}
          name="budgetUsed"
          label={labels.budgetUsed}
          value={v.budgetUsed}
          onValue={(x) => setV({ ...v, budgetUsed: x })}
          inputMode="numeric"
          hint={t('rad.p.budgetHint')}
          error={error}
        />
        <SelectField
          prefix={prefix}
          name="status"
          label={labels.status}
          value={v.status}
          onValue={(x) => setV({ ...v, status: x })}
          options={RAD_STATUSES.map((s) => ({ value: s.code, text: label(s.label) }))}
          empty={false}
          error={error}
        />
      </div>
      <TextArea
        prefix={prefix}
        name="note"
        label={labels.note}
        value={v.note}
        onValue={(x) => setV({ ...v, note: x })}
        rows={2}
        maxLength={2000}
        error={error}
      />
      <Submit busy={busy}>{t('rad.p.save', { n: q.quarter })}</Submit>
    </form>
  );
}

function Links({ a, onChanged }: { a: RadActivityDto; onChanged: (x: RadActivityDto | null) => void }) {
  const [options, setOptions] = useState<{
    decisions: Array<{ id: string; title: string }>;
    preventionActivities: Array<{ id: string; title: string }>;
  } | null>(null);
  const [kind, setKind] = useState<'meeting_decision' | 'prevention_activity'>('prevention_activity');
  const [target, setTarget] = useState('');
  const { busy, error, attempt, run } = useAction();
  const prefix = 'rad-link';
  const list = options
    ? kind === 'meeting_decision'
      ? options.decisions
      : options.preventionActivities
    : [];
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const r = await call('POST /rad/activities/{id}/links', {
        params: { id: a.id },
        body: { kind, targetId: target },
      });
      setTarget('');
      onChanged(r);
    });
  };
  const remove = (linkId: string) =>
    run(async () => {
      await call('DELETE /rad/activities/{id}/links/{linkId}', { params: { id: a.id, linkId } });
      onChanged(null);
    });
  const loadOptions = () =>
    run(async () =>
      setOptions(await call('GET /rad/activities/{id}/link-options', { params: { id: a.id } })),
    );
  return (
    <>
      {a.links.length === 0 ? (
        <p>{t('rad.noLinks')}</p>
      ) : (
        <ul>
          {a.links.map((l) => (
            <li key={l.id}>
              {t(
                l.kind === 'meeting_decision' ? 'rad.link.meeting_decision' : 'rad.link.prevention_activity',
              )}
              : <a href={l.href}>{l.title}</a>
              {a.canManage && (
                <>
                  {' '}
                  <button
                    type="button"
                    onClick={() => remove(l.id)}
                    aria-label={t('rad.link.removeOf', { name: l.title })}
                  >
                    {t('rad.link.remove')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {a.canManage &&
        (options ? (
          <form onSubmit={submit} noValidate aria-label={t('rad.link.add')}>
            <ErrorSummary
              error={error}
              attempt={attempt}
              prefix={prefix}
              labels={{ targetId: t('rad.link.target') }}
            />
            <SelectField
              prefix={prefix}
              name="kind"
              label={t('rad.link.kind')}
              value={kind}
              onValue={(x) => {
                setKind(x as typeof kind);
                setTarget('');
              }}
              options={[
                { value: 'prevention_activity', text: t('rad.link.prevention_activity') },
                { value: 'meeting_decision', text: t('rad.link.meeting_decision') },
              ]}
              empty={false}
            />
            <SelectField
              prefix={prefix}
              name="targetId"
              label={t('rad.link.target')}
              value={target}
              onValue={setTarget}
              options={list.map((o) => ({ value: o.id, text: o.title }))}
              required
              error={error}
            />
            <Submit busy={busy}>{t('rad.link.add')}</Submit>
          </form>
        ) : (
          <p>
            <button type="button" onClick={() => void loadOptions()}>
              {t('rad.link.add')}
            </button>
          </p>
        ))}
    </>
  );
}

export default function RadActivity() {
  const { params, query } = useRoute();
  const { route } = useLocation();
  const id = params.id ?? '';
  const key = `${id}?${query.year ?? ''}&${query.quarter ?? ''}`;
  const {
    data: a,
    setData,
    error,
    load,
    retry,
  } = useRecord(key, () =>
    call('GET /rad/activities/{id}', {
      params: { id },
      query: {
        ...(query.year ? { year: query.year } : {}),
        ...(query.quarter ? { quarter: query.quarter } : {}),
      } as { year?: number; quarter?: number },
    }),
  );
  const [editing, setEditing] = useState(false);
  const [orgs, setOrgs] = useState<Array<{ id: string; name: string }>>([]);
  const [notice, setNotice] = useState<string | null>(null);
  if (!a || isNotFound(error)) return <RecordPending error={error} retry={retry} />;
  const years = Array.from({ length: a.endYear - a.startYear + 1 }, (_, i) => a.startYear + i);
  const startEdit = async () => {
    const plan = await call('GET /rad/plans/{id}', { params: { id: a.planId } });
    setOrgs(plan.organisations);
    setEditing(true);
  };
  const year = a.year;
  const byYear = a.targets.find((x) => x.year === year);
  return (
    // printed whole: the figures without the quarter forms and buttons (styles.css .print-view)
    <section class="print-view">
      <p class="hint">
        <a href="/rad">{t('rad.title')}</a> ›{' '}
        <a href={`/rad/${a.planId}?year=${year}&quarter=${a.quarter}`}>{a.planTitle}</a> ›{' '}
        {a.pillar.code ? `${a.pillar.code}. ` : ''}
        {a.pillar.title} › {a.programme.code ? `${a.programme.code}. ` : ''}
        {a.programme.title}
      </p>
      <PageHeading title={a.title}>{a.title}</PageHeading>
      <Notice text={notice} />
      <dl class="facts">
        <dt>{t('rad.a.responsible')}</dt>
        <dd>{a.responsibleOrg.name}</dd>
        <dt>{t('rad.a.partners')}</dt>
        <dd>{a.partnerOrgs.length ? a.partnerOrgs.map((o) => o.name).join(', ') : '–'}</dd>
        <dt>{t('rad.a.indicator')}</dt>
        <dd>{a.indicator}</dd>
        <dt>{t('rad.a.unit')}</dt>
        <dd>{unitText(a.unit)}</dd>
        <dt>{t('rad.a.baseline')}</dt>
        <dd>{valueText(a.baseline, a.unit)}</dd>
        <dt>{t('rad.a.kla')}</dt>
        <dd>{a.klaCode ?? '–'}</dd>
        <dt>{t('rad.a.auto')}</dt>
        <dd>{a.automatic ? label(a.automatic.label) : t('rad.a.manual')}</dd>
      </dl>
      {a.canManage &&
        (editing ? (
          <ActivityForm
            programmeId={a.programme.id}
            years={years}
            orgs={orgs}
            value={{
              id: a.id,
              version: a.version,
              title: a.title,
              responsibleOrgId: a.responsibleOrg.id,
              partnerOrgIds: a.partnerOrgs.map((o) => o.id),
              indicator: a.indicator,
              unit: a.unit,
              baseline: a.baseline,
              klaCode: a.klaCode,
              autoIndicator: a.autoIndicator,
              targets: a.targets,
            }}
            onDone={(saved) => {
              setEditing(false);
              if (saved) {
                setNotice(t('rad.saved'));
                void load();
              }
            }}
          />
        ) : (
          <p>
            <button type="button" onClick={() => void startEdit()}>
              {t('rad.editActivity')}
            </button>
          </p>
        ))}

      <h2>{t('rad.targets')}</h2>
      <div class="table-wrap">
        <table>
          <caption class="sr-only">{t('rad.targets')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rad.year')}</th>
              <th scope="col">{t('rad.target')}</th>
              <th scope="col">{t('rad.budget')}</th>
              <th scope="col">{t('rad.source')}</th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => {
              const x = a.targets.find((tt) => tt.year === y);
              return (
                <tr key={y}>
                  <th scope="row">{y}</th>
                  <td>{x ? valueText(x.target, a.unit) : t('rad.noTarget')}</td>
                  <td>{x ? rupiah(x.budget) : '–'}</td>
                  <td>{x ? sourceText(x.budgetSource) : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h2>{t('rad.progressOf', { year })}</h2>
      <div class="field">
        <label for="rad-act-year">{t('rad.year')}</label>
        <select
          id="rad-act-year"
          value={String(year)}
          onChange={(e) => route(`/rad/kegiatan/${a.id}?year=${e.currentTarget.value}`)}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <p class="hint">{t('rad.cumulativeHint')}</p>
      <Bar
        share={a.standing.achievement}
        text={standingText(a.standing, byYear?.target ?? null, a.unit, a.quarter)}
      />
      <p>
        <span class={`badge ${a.standing.onTrack ? 'ok' : 'warn'}`}>
          {onTrackText(a.standing, a.quarter)}
        </span>
      </p>
      {a.automatic && (
        <div class="notice">
          <p>
            <strong>{t('rad.autoTitle')}</strong> {label(a.automatic.formula)}
          </p>
        </div>
      )}
      {a.progress.map((q) => (
        <section key={q.quarter} class="card" aria-labelledby={`rad-q-${q.quarter}`}>
          <h3 id={`rad-q-${q.quarter}`}>{t('rad.quarterOf', { n: q.quarter, year: q.year })}</h3>
          <p>
            {t('rad.p.realisedShort')}: <strong>{valueText(q.realised, a.unit)}</strong> ·{' '}
            {t('rad.p.budgetShort')}: {rupiah(q.budgetUsed)} · {t('rad.status')}: {statusText(q.status)}
          </p>
          {q.note && <p class="pre">{q.note}</p>}
          {q.auto && q.auto.value !== null && (
            <div>
              <p class="hint">
                {t('rad.autoPeriod', { from: fmtDate(q.auto.from), to: fmtDate(q.auto.to) })}
              </p>
              <ul>
                {q.auto.parts.map((x) => (
                  <li key={x.label.id}>
                    {label(x.label)}: {fmtNumber(x.n)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {q.open ? (
            a.canReport && (
              <ProgressForm
                key={`${q.quarter}-${q.version}`}
                a={a}
                q={q}
                onSaved={(x) => {
                  setData(x);
                  setNotice(t('rad.p.saved', { n: q.quarter }));
                }}
              />
            )
          ) : (
            <p class="hint">{t('rad.notBegun')}</p>
          )}
          {q.id && <Evidence a={a} q={q} reload={load} />}
        </section>
      ))}

      <h2>{t('rad.links')}</h2>
      <Links
        a={a}
        onChanged={(x) => {
          if (x) setData(x);
          else void load();
          setNotice(t('rad.link.saved'));
        }}
      />
    </section>
  );
}
