/**
 * One KLA indicator of an evaluation: its wording, expected evidence and scoring; the answer as
 * entered with its points; the answer form (the assigned OPD member or the coordinator), the
 * evidence, the coordinator's review steps, and the province's verification with its note.
 * Every change answers the whole evaluation, so the score on the page follows at once.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { KlaEvaluationDto } from '../../../../src/domain/contract/kla.ts';
import { API, ApiError, call, upload } from '../../api.ts';
import { EvidenceFiles } from '../../components/evidence.tsx';
import { ErrorSummary, RadioGroup, Submit, TextArea, TextField, useAction } from '../../components/form.tsx';
import { getLang, t } from '../../i18n/index.ts';
import { fmtDateTime, fmtNumber, parseNumber } from '../../lib/format.ts';
import { AnswerBadge, FieldErrors, pts, VerifyBadge } from './shared.tsx';

type View = KlaEvaluationDto['indicators'][number];
type Answer = NonNullable<View['answer']>;
type Saved = (ev: KlaEvaluationDto, message: string) => void;

function AnswerText({ view }: { view: View }) {
  const a = view.answer;
  const s = view.indicator.scoring;
  if (!a || a.status === 'belum_diisi' || (a.option === null && a.percent === null))
    return <p class="hint">{t('kla.notAnswered')}</p>;
  if (s.kind === 'options') {
    const o = s.options.find((x) => x.code === a.option);
    return <p>{o ? o.label : a.option}</p>;
  }
  const value = fmtNumber(Math.round((a.percent ?? 0) * 10) / 10);
  return (
    <p>
      {a.numerator !== null && a.denominator !== null
        ? t('kla.partsIs', {
            numerator: fmtNumber(a.numerator),
            denominator: fmtNumber(a.denominator),
            value,
          })
        : t('kla.percentIs', { value })}
    </p>
  );
}

const numText = (n: number | null) => (n === null ? '' : fmtNumber(n).replace(/\s/g, ''));

function AnswerForm({ view, onSaved }: { view: View; onSaved: Saved }) {
  const a = view.answer as Answer;
  const ind = view.indicator;
  const prefix = `kla-a-${ind.number}`;
  const [v, setV] = useState({
    option: a.option ?? '',
    mode: a.value !== null && a.numerator === null ? 'value' : 'parts',
    numerator: numText(a.numerator),
    denominator: numText(a.denominator),
    value: numText(a.value),
    narrative: a.narrative ?? '',
  });
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { busy, error, attempt, run } = useAction();
  const labels = {
    option: t('kla.option'),
    numerator: t('kla.numerator'),
    denominator: t('kla.denominator'),
    value: t('kla.value'),
    narrative: t('kla.narrative'),
  };
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const body: Record<string, unknown> = { version: a.version, narrative: v.narrative.trim() || null };
      if (ind.scoring.kind === 'options') body.option = v.option || null;
      else {
        const keys = v.mode === 'parts' ? (['numerator', 'denominator'] as const) : (['value'] as const);
        const bad: Record<string, string> = {};
        for (const k of keys) {
          const n = parseNumber(v[k]);
          if (n !== null && Number.isNaN(n)) bad[k] = t('kla.notANumber');
          else body[k] = n;
        }
        if (Object.keys(bad).length > 0)
          throw new ApiError(400, 'CLIENT_VALIDATION', t('error.checkFields'), bad);
      }
      const next = await call('PUT /kla/answers/{id}', {
        params: { id: a.id },
        body: body as { version: number },
      });
      onSaved(next, t('kla.saved', { number: ind.number }));
    });
  };
  const s = ind.scoring;
  const common = { prefix, error };
  return (
    <form onSubmit={submit} noValidate aria-label={t('kla.answer')}>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      {s.kind === 'options' ? (
        <RadioGroup
          {...common}
          name="option"
          label={labels.option}
          required
          value={v.option}
          onValue={set('option')}
          options={s.options.map((o) => ({
            value: o.code,
            text: t('kla.optionPoints', { label: o.label, points: pts(o.points) }),
          }))}
        />
      ) : (
        <>
          <p class="hint">
            {t('kla.bands', {
              bands: s.bands
                .map((b) => t('kla.band', { from: fmtNumber(b.from), points: pts(b.points) }))
                .join('; '),
            })}
          </p>
          <RadioGroup
            {...common}
            name="mode"
            label={t('kla.percentMode')}
            value={v.mode}
            onValue={set('mode')}
            options={[
              { value: 'parts', text: t('kla.mode.parts') },
              { value: 'value', text: t('kla.mode.value') },
            ]}
          />
          {v.mode === 'parts' ? (
            <div class="grid">
              <TextField
                {...common}
                name="numerator"
                label={labels.numerator}
                required
                inputMode="decimal"
                value={v.numerator}
                onValue={set('numerator')}
              />
              <TextField
                {...common}
                name="denominator"
                label={labels.denominator}
                required
                inputMode="decimal"
                value={v.denominator}
                onValue={set('denominator')}
              />
            </div>
          ) : (
            <TextField
              {...common}
              name="value"
              label={labels.value}
              required
              inputMode="decimal"
              hint={t('kla.percentHint')}
              value={v.value}
              onValue={set('value')}
            />
          )}
        </>
      )}
      <TextArea
        {...common}
        name="narrative"
        label={labels.narrative}
        hint={t('kla.narrativeHint')}
        rows={3}
        maxLength={5000}
        value={v.narrative}
        onValue={set('narrative')}
      />
      <Submit busy={busy}>{t('kla.saveAnswer')}</Submit>
    </form>
  );
}

function AutoValue({ view, onSaved }: { view: View; onSaved: Saved }) {
  const a = view.answer as Answer;
  const { busy, error, run } = useAction();
  const calc = a.autoCalc;
  return (
    <div class="card subtle">
      <h4>{t('kla.auto')}</h4>
      <p class="hint">{t('kla.autoHint')}</p>
      {calc && (
        <>
          <p>
            {t('kla.autoCalc', {
              numerator: fmtNumber(calc.numerator),
              denominator: fmtNumber(calc.denominator),
              value:
                calc.denominator > 0
                  ? fmtNumber(Math.round((calc.numerator / calc.denominator) * 1000) / 10)
                  : '—',
            })}
          </p>
          <ul>
            {calc.parts.map((p) => (
              <li key={p.label.id}>
                {getLang() === 'en' ? p.label.en : p.label.id}: {fmtNumber(p.n)}
              </li>
            ))}
          </ul>
          <p class="hint">{t('kla.autoApplied', { date: fmtDateTime(calc.appliedAt) })}</p>
          {(a.numerator !== calc.numerator || a.denominator !== calc.denominator) && a.percent !== null && (
            <p class="notice warn">
              {t('kla.autoDiffers', { value: `${fmtNumber(Math.round(a.percent * 10) / 10)}%` })}
            </p>
          )}
        </>
      )}
      {view.canFill && (
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const next = await call('POST /kla/answers/{id}/auto', {
                params: { id: a.id },
                body: { version: a.version },
              });
              onSaved(next, t('kla.saved', { number: view.indicator.number }));
            })
          }
        >
          {t('kla.autoApply')}
        </button>
      )}
      <FieldErrors error={error} />
    </div>
  );
}

function Evidence({
  view,
  canChange,
  reload,
}: {
  view: View;
  canChange: boolean;
  reload: (msg: string) => Promise<void>;
}) {
  const a = view.answer as Answer;
  const n = view.indicator.number;
  return (
    <EvidenceFiles
      prefix={`kla-ev-${n}`}
      files={a.evidence}
      href={(f) => `${API}/kla/answers/${a.id}/files/${f.id}`}
      canChange={canChange}
      words={{
        heading: t('kla.evidence'),
        none: t('kla.noEvidence'),
        field: t('kla.evidenceFile', { number: n }),
        hint: t('kla.evidenceHint'),
        upload: t('kla.upload'),
        remove: t('kla.removeEvidence'),
        removeOf: (name) => t('kla.removeEvidenceOf', { name }),
        removeConfirm: (name) => t('kla.removeConfirm', { name }),
        tooLarge: t('kla.tooLarge'),
      }}
      send={async (form) => {
        await upload('POST /kla/answers/{id}/files', { id: a.id }, form);
        await reload(t('kla.uploaded'));
      }}
      remove={async (f) => {
        await call('DELETE /kla/answers/{id}/files/{fileId}', { params: { id: a.id, fileId: f.id } });
        await reload(t('common.saved'));
      }}
    />
  );
}

const REVIEW_STEPS: Record<
  Answer['status'],
  Array<['diisi' | 'diperiksa' | 'final', 'kla.toDiperiksa' | 'kla.toFinal' | 'kla.toDiisi' | 'kla.reopen']>
> = {
  belum_diisi: [],
  diisi: [['diperiksa', 'kla.toDiperiksa']],
  diperiksa: [
    ['final', 'kla.toFinal'],
    ['diisi', 'kla.toDiisi'],
  ],
  final: [['diperiksa', 'kla.reopen']],
};

const STEP_DONE = {
  diperiksa: 'kla.done.diperiksa',
  final: 'kla.done.final',
  diisi: 'kla.done.diisi',
} as const;

/**
 * What the last change of the card did, where the user is working: it takes the focus (and so
 * comes into view) when it appears, and a screen reader reads it.
 */
function CardNotice({ text }: { text: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [text]);
  return (
    <p class="notice" role="status" tabIndex={-1} ref={ref}>
      {text}
    </p>
  );
}

function Review({ view, onSaved }: { view: View; onSaved: Saved }) {
  const a = view.answer as Answer;
  const { busy, error, run } = useAction();
  const [note, setNote] = useState('');
  const steps = REVIEW_STEPS[a.status];
  if (steps.length === 0) return null;
  const back = steps.some(([to]) => to === 'diisi');
  const prefix = `kla-r-${view.indicator.number}`;
  return (
    <div class="kla-review">
      {back && (
        <TextArea
          prefix={prefix}
          name="note"
          label={t('kla.reviewNote')}
          hint={t('kla.reviewNoteHint')}
          rows={2}
          maxLength={2000}
          value={note}
          onValue={setNote}
          error={error}
        />
      )}
      <div class="row-actions">
        <span class="hint">{t('kla.review')}:</span>
        {steps.map(([to, key]) => (
          <button
            key={to}
            type="button"
            class={to === 'final' ? 'primary' : undefined}
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const next = await call('POST /kla/answers/{id}/review', {
                  params: { id: a.id },
                  body: {
                    version: a.version,
                    status: to,
                    ...(to === 'diisi' && note.trim() ? { note: note.trim() } : {}),
                  },
                });
                onSaved(next, t(STEP_DONE[to], { number: view.indicator.number }));
              })
            }
          >
            {t(key)}
          </button>
        ))}
      </div>
      <FieldErrors error={error} />
    </div>
  );
}

function Verify({ view, onSaved }: { view: View; onSaved: Saved }) {
  const a = view.answer as Answer;
  const n = view.indicator.number;
  const prefix = `kla-v-${n}`;
  const [v, setV] = useState({ decision: a.verifyStatus ?? '', note: a.verifyNote ?? '' });
  const { busy, error, attempt, run } = useAction();
  const labels = { decision: t('kla.decision'), note: t('kla.verifyNote') };
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const next = await call('PUT /kla/answers/{id}/verification', {
        params: { id: a.id },
        body: {
          version: a.version,
          decision: v.decision as 'accepted',
          note: v.note.trim() || null,
        },
      });
      onSaved(next, t('kla.verifySaved', { number: n }));
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('kla.verify')} class="card subtle">
      <h4>{t('kla.verify')}</h4>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      <RadioGroup
        prefix={prefix}
        error={error}
        name="decision"
        label={labels.decision}
        required
        value={v.decision}
        onValue={(decision) => setV((s) => ({ ...s, decision }))}
        options={(['accepted', 'fix', 'rejected'] as const).map((d) => ({
          value: d,
          text: t(`kla.dec.${d}`),
        }))}
      />
      <TextArea
        prefix={prefix}
        error={error}
        name="note"
        label={labels.note}
        hint={t('kla.verifyNoteHint')}
        rows={2}
        maxLength={2000}
        value={v.note}
        onValue={(note) => setV((s) => ({ ...s, note }))}
      />
      <Submit busy={busy}>{t('kla.saveVerify')}</Submit>
    </form>
  );
}

export function IndicatorCard({
  ev,
  view,
  onSaved,
  reload,
  member,
  notice,
}: {
  ev: KlaEvaluationDto;
  view: View;
  /** every change of this card reports here with the card's number */
  onSaved: (ev: KlaEvaluationDto, message: string, number: number) => void;
  reload: (msg: string, number: number) => Promise<void>;
  /** what the last change of this card did (shown in the card, where the user is) */
  notice: string | null;
  /** an OPD member: what it may fill opens at once; the coordinator opens one at a time */
  member: boolean;
}) {
  const ind = view.indicator;
  const a = view.answer;
  const en = getLang() === 'en';
  const saved: Saved = (next, message) => onSaved(next, message, ind.number);
  const reloaded = (message: string) => reload(message, ind.number);
  // canFill already says the evaluation is open to this answer (draft, or returned and not accepted)
  const canChange = !!a && view.canFill;
  const open = ev.status === 'draft' || (ev.status === 'returned' && a?.verifyStatus !== 'accepted');
  return (
    <details
      class="kla-indicator card"
      id={`indikator-${ind.number}`}
      open={member && canChange && a?.status !== 'final'}
    >
      <summary>
        <span class="kla-num">{ind.number}.</span>{' '}
        <span class="kla-wording">{en ? ind.wordingEn : ind.wording}</span>{' '}
        {view.assignment && <span class="hint kla-who">{view.assignment.orgName}</span>}{' '}
        <span class="badges">
          {a && <AnswerBadge status={a.status} />}
          {a && <VerifyBadge status={a.verifyStatus} />}
          <span class="badge">
            {a && a.points !== null
              ? t('kla.pointsOf', { points: pts(a.points), weight: pts(ind.weight) })
              : t('kla.noPoints', { weight: pts(ind.weight) })}
          </span>
        </span>
      </summary>
      <div class="kla-body">
        {notice && <CardNotice text={notice} />}
        {en && <p class="hint">{ind.wording}</p>}
        <p>
          <strong>{t('kla.evidenceExpected')}:</strong> {ind.evidence}
        </p>
        {(!ind.wordingConfirmed || !ind.weightConfirmed) && (
          <p class="hint">
            {!ind.wordingConfirmed && t('kla.unconfirmedWording')}{' '}
            {!ind.weightConfirmed && t('kla.unconfirmedWeight')}
          </p>
        )}
        <p>
          {view.assignment
            ? t('kla.assignedTo', {
                who: view.assignment.userName
                  ? `${view.assignment.orgName} — ${view.assignment.userName}`
                  : view.assignment.orgName,
              })
            : t('kla.notAssigned')}
        </p>
        {a?.reviewNote && a.status === 'diisi' && (
          <p class="notice warn">{t('kla.reviewNoteIs', { note: a.reviewNote })}</p>
        )}
        {a?.verifyNote && (
          <p class={`notice ${a.verifyStatus === 'accepted' ? '' : 'warn'}`}>
            {t('kla.provinceNote', { note: a.verifyNote })}
          </p>
        )}
        {a && (
          <>
            <h4>{t('kla.answer')}</h4>
            {canChange ? (
              <>
                {ind.autoSource && <AutoValue view={view} onSaved={saved} />}
                <AnswerForm key={`${a.id}:${a.version}`} view={view} onSaved={saved} />
              </>
            ) : (
              <>
                {ind.autoSource && a.autoCalc && (
                  <AutoValue view={{ ...view, canFill: false }} onSaved={saved} />
                )}
                <AnswerText view={view} />
                {a.narrative && <p class="pre">{a.narrative}</p>}
              </>
            )}
            <Evidence view={view} canChange={canChange} reload={reloaded} />
            {view.canReview && open && <Review view={view} onSaved={saved} />}
            {view.canVerify && <Verify key={`${a.id}:${a.version}`} view={view} onSaved={saved} />}
          </>
        )}
      </div>
    </details>
  );
}
