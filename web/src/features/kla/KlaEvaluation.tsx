/**
 * /kla/:id — one KLA self-evaluation (issue 13 §2–3; decision 035): the live score (self-assessed,
 * verified, last year's) per cluster with the category and what the next one still needs; the
 * Gugus Tugas assignments; every indicator with its answer, evidence, review and verification;
 * sending to the province and the province's decision; downloads and the change history.
 */
import './words.ts';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { KlaEvaluationDto, KlaScoreDto } from '../../../../src/domain/contract/kla.ts';
import { API, call } from '../../api.ts';
import { Checkbox, ErrorSummary, SelectField, Submit, useAction } from '../../components/form.tsx';
import { Loading, Notice, PageHeading, RecordPending, useLoad, useRecord } from '../../components/page.tsx';
import { getLang, t } from '../../i18n/index.ts';
import { fmtDate, fmtDateTime, fmtNumber, fmtSize } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';
import { IndicatorCard } from './IndicatorCard.tsx';
import { FieldErrors, isProvince, ProblemList, pts, StatusBadge } from './shared.tsx';

type Ev = KlaEvaluationDto;
type Saved = (ev: Ev, message: string) => void;

function ScoreBox({
  title,
  score,
  className,
  children,
}: {
  title: string;
  score: KlaScoreDto;
  className?: string;
  children?: ComponentChildren;
}) {
  return (
    <div class={`kla-score card ${className ?? ''}`}>
      <h3>{title}</h3>
      <p class="kla-total">
        <strong>{pts(score.total)}</strong> <span class="hint">{t('kla.ofMax')}</span>
      </p>
      <p>{t('kla.category', { label: score.category.label })}</p>
      <p class="hint">
        {score.next
          ? t('kla.nextMissing', { points: pts(score.next.missing), label: score.next.category.label })
          : t('kla.topCategory')}
      </p>
      {children}
    </div>
  );
}

function ScorePanel({ ev }: { ev: Ev }) {
  const last = ev.lastYear;
  // like with like (the summary PDF says the same): this year's self-assessed score against last
  // year's self-assessed one; last year's verified score is written beside it
  const lastScore = last ? last.score : null;
  const answered = ev.score.groups.some((g) => g.answered > 0);
  const diff = lastScore && answered ? Math.round((ev.score.total - lastScore.total) * 10) / 10 : null;
  const decided = ev.indicators.filter((i) => i.answer?.verifyStatus).length;
  const groupLabel = (code: string) => {
    const g = ev.groups.find((x) => x.code === code);
    return g ? (getLang() === 'en' ? g.labelEn : g.label) : code;
  };
  return (
    <section aria-labelledby="kla-score-h">
      <h2 id="kla-score-h">{t('kla.score')}</h2>
      <div class="kla-scores">
        <ScoreBox title={t('kla.scoreSelf')} score={ev.score} />
        {ev.verifiedScore && (
          <ScoreBox title={t('kla.scoreVerified')} score={ev.verifiedScore}>
            {ev.status !== 'verified' && (
              <p class="hint">{t('kla.verifiedPartial', { n: decided, count: ev.indicators.length })}</p>
            )}
          </ScoreBox>
        )}
        {last && lastScore && (
          <ScoreBox title={t('kla.lastYearSelf', { year: last.year })} score={lastScore} className="muted">
            {last.verifiedScore && (
              <p>
                {t('kla.lastYearVerified', {
                  points: pts(last.verifiedScore.total),
                  label: last.verifiedScore.category.label,
                })}
              </p>
            )}
          </ScoreBox>
        )}
      </div>
      {diff !== null && (
        <p>
          {t('kla.vsLastYear', { sign: diff > 0 ? '+' : diff < 0 ? '−' : '±', points: pts(Math.abs(diff)) })}
        </p>
      )}
      <div class="table-wrap">
        <table class="data">
          <caption>{t('kla.groups')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('kla.col.group')}</th>
              <th scope="col">{t('kla.col.points')}</th>
              <th scope="col">{t('kla.col.max')}</th>
              <th scope="col">{t('kla.col.answered')}</th>
              {ev.verifiedScore && <th scope="col">{t('kla.col.verified')}</th>}
              {lastScore && <th scope="col">{t('kla.col.lastYear')}</th>}
            </tr>
          </thead>
          <tbody>
            {ev.score.groups.map((g) => (
              <tr key={g.code}>
                <th scope="row">{groupLabel(g.code)}</th>
                <td>{pts(g.points)}</td>
                <td>{pts(g.max)}</td>
                <td>{t('kla.answeredOf', { n: g.answered, count: g.count })}</td>
                {ev.verifiedScore && (
                  <td>{pts(ev.verifiedScore.groups.find((x) => x.code === g.code)?.points ?? 0)}</td>
                )}
                {lastScore && <td>{pts(lastScore.groups.find((x) => x.code === g.code)?.points ?? 0)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {ev.gains.length > 0 && ev.score.next && (
        <details>
          <summary>{t('kla.gains')}</summary>
          <p class="hint">{t('kla.gainsHint')}</p>
          <ul>
            {ev.gains.slice(0, 8).map((g) => (
              <li key={g.number}>
                <a href={`#indikator-${g.number}`}>
                  {t('kla.gainItem', { number: g.number, points: pts(g.available) })}
                </a>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function Institutional({ ev }: { ev: Ev }) {
  const { regulations, radPlans } = ev.institutional;
  return (
    <section aria-labelledby="kla-inst-h" class="card subtle">
      <h4 id="kla-inst-h">{t('kla.institutional')}</h4>
      <p class="hint">{t('kla.institutionalHint')}</p>
      {regulations.length === 0 && radPlans.length === 0 ? (
        <p>{t('kla.noInstitutional')}</p>
      ) : (
        <ul>
          {regulations.map((r) => (
            <li key={r.id}>
              <a href={r.href}>
                {r.number} — {r.title}
              </a>{' '}
              <span class="hint">({fmtDate(r.issuedOn)})</span>
              {r.gugusTugas && (
                <>
                  {' '}
                  <span class="badge ok">{t('kla.gugusTugas')}</span>
                </>
              )}
            </li>
          ))}
          {radPlans.map((p) => (
            <li key={p.id}>
              <a href={p.href}>{p.title}</a>{' '}
              <span class="hint">({t('kla.radPeriod', { from: p.startYear, to: p.endYear })})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Assignments({ ev, onSaved }: { ev: Ev; onSaved: Saved }) {
  const orgs = useLoad(
    (signal) => call('GET /kla/evaluations/{id}/organisations', { params: { id: ev.id }, signal }),
    [ev.id],
  );
  const [v, setV] = useState<Record<number, string>>(() =>
    Object.fromEntries(ev.indicators.map((i) => [i.indicator.number, i.assignment?.orgId ?? ''])),
  );
  const { busy, error, attempt, run } = useAction();
  const en = getLang() === 'en';
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const assignments = ev.indicators
        .filter((i) => v[i.indicator.number])
        .map((i) => {
          const orgId = v[i.indicator.number]!;
          // the person stays when the organisation does
          const userId = i.assignment?.orgId === orgId ? i.assignment.userId : null;
          return { number: i.indicator.number, orgId, userId };
        });
      const next = await call('PUT /kla/evaluations/{id}/assignments', {
        params: { id: ev.id },
        body: { version: ev.version, assignments },
      });
      onSaved(next, t('kla.assignSaved'));
    });
  };
  const options = (orgs.data?.items ?? []).map((o) => ({ value: o.id, text: o.name }));
  return (
    <section aria-labelledby="kla-as-h">
      <h2 id="kla-as-h">{t('kla.assignTitle')}</h2>
      <p class="hint">{t('kla.assignHint')}</p>
      <p>
        {t('kla.assignCount', {
          n: ev.indicators.filter((i) => i.assignment).length,
          count: ev.indicators.length,
        })}
      </p>
      <details class="card">
        <summary>{t('kla.assignEdit')}</summary>
        {orgs.loading && !orgs.data ? (
          <Loading />
        ) : (
          <form onSubmit={submit} noValidate aria-label={t('kla.assignTitle')}>
            <ErrorSummary error={error} attempt={attempt} prefix="kla-as" />
            <div class="kla-assign">
              {ev.indicators.map((i) => (
                <SelectField
                  key={i.indicator.number}
                  prefix="kla-as"
                  name={`n${i.indicator.number}`}
                  label={`${i.indicator.number}. ${en ? i.indicator.wordingEn : i.indicator.wording}`}
                  value={v[i.indicator.number] ?? ''}
                  onValue={(x) => setV((s) => ({ ...s, [i.indicator.number]: x }))}
                  empty={t('kla.notAssigned')}
                  options={options}
                />
              ))}
            </div>
            <Submit busy={busy}>{t('kla.assignSave')}</Submit>
          </form>
        )}
      </details>
    </section>
  );
}

function SubmitPanel({ ev, onSaved }: { ev: Ev; onSaved: Saved }) {
  const [mark, setMark] = useState(false);
  const { busy, error, attempt, run } = useAction();
  const notFinal = ev.indicators.filter((i) => i.answer && i.answer.status !== 'final').length;
  // refused for some indicators (not final; a fix asked by the province not made): name them,
  // each a link to its card with what is wrong
  const refused = Object.entries(error?.fields ?? {})
    .filter(([k]) => k.startsWith('indicators.'))
    .map(([k, msg]) => [Number(k.slice('indicators.'.length)), msg] as const);
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const next = await call('POST /kla/evaluations/{id}/submit', {
        params: { id: ev.id },
        body: { version: ev.version, markMissing: mark },
      });
      onSaved(next, t('kla.submitted'));
    });
  };
  return (
    <form onSubmit={submit} noValidate class="card subform" aria-labelledby="kla-submit-h">
      <h2 id="kla-submit-h">{t('kla.submitTitle')}</h2>
      <p class="hint">{t('kla.submitHint')}</p>
      {refused.length > 0 ? (
        <ProblemList
          title={t('kla.notSent')}
          items={refused.map(([x, msg]) => [
            String(x),
            <>
              <a href={`#indikator-${x}`}>{t('kla.indicatorN', { number: x })}</a>: {msg}
            </>,
          ])}
        />
      ) : (
        <ErrorSummary
          error={error}
          attempt={attempt}
          prefix="kla-submit"
          labels={{ markMissing: t('kla.markMissing') }}
        />
      )}
      {!ev.complete && (
        <>
          <p>{t('kla.submitIncomplete', { n: notFinal })}</p>
          <Checkbox
            prefix="kla-submit"
            name="markMissing"
            label={t('kla.markMissing')}
            checked={mark}
            onChecked={setMark}
            error={error}
          />
        </>
      )}
      <Submit busy={busy}>{ev.status === 'returned' ? t('kla.resubmit') : t('kla.submit')}</Submit>
    </form>
  );
}

function DecisionPanel({ ev, onSaved }: { ev: Ev; onSaved: Saved }) {
  const { busy, error, run } = useAction();
  const decide = (outcome: 'verified' | 'returned') =>
    void run(async () => {
      const next = await call('POST /kla/evaluations/{id}/decision', {
        params: { id: ev.id },
        body: { version: ev.version, outcome },
      });
      onSaved(next, t(outcome === 'verified' ? 'kla.decided.verified' : 'kla.decided.returned'));
    });
  return (
    <section class="card subform" aria-labelledby="kla-decide-h">
      <h2 id="kla-decide-h">{t('kla.decideTitle')}</h2>
      <p class="hint">{t('kla.decideHint')}</p>
      <FieldErrors error={error} />
      <p class="row-actions">
        <button type="button" class="primary" disabled={busy} onClick={() => decide('verified')}>
          {t('kla.decideVerified')}
        </button>
        <button type="button" disabled={busy} onClick={() => decide('returned')}>
          {t('kla.decideReturned')}
        </button>
      </p>
    </section>
  );
}

function History({ ev }: { ev: Ev }) {
  const [shown, setShown] = useState(false);
  const list = useLoad(
    (signal) =>
      shown
        ? call('GET /kla/evaluations/{id}/history', { params: { id: ev.id }, signal })
        : Promise.resolve(null),
    [shown, ev.id, ev.version],
  );
  const word = (k: string): string => {
    const key = `kla.h.${k}`;
    const w = t(key as 'kla.h.status');
    return w === key ? k : w;
  };
  const optionLabel = (n: number | null, code: string) => {
    const sc = ev.indicators.find((i) => i.indicator.number === n)?.indicator.scoring;
    return sc?.kind === 'options' ? (sc.options.find((o) => o.code === code)?.label ?? code) : code;
  };
  const value = (k: string, x: unknown, n: number | null): string => {
    if (x === null || x === undefined) return '—';
    if (k === 'status' && typeof x === 'string') {
      const key = `kla.ans.${x}`;
      const w = t(key as 'kla.ans.diisi');
      return w === key ? t(`kla.st.${x}` as 'kla.st.draft') : w;
    }
    if (k === 'size' && typeof x === 'number') return fmtSize(x);
    if (k === 'option_code' && typeof x === 'string') return optionLabel(n, x);
    if (k === 'source' && typeof x === 'string') return word(x);
    if (Array.isArray(x) && x.length === 0) return '—';
    if (typeof x === 'number') return k === 'year' || k === 'fromYear' ? String(x) : fmtNumber(x);
    if ((k === 'decision' || k === 'verify_status') && typeof x === 'string')
      return t(`kla.ver.${x}` as 'kla.ver.fix');
    if (Array.isArray(x)) return x.map((y) => (typeof y === 'number' ? fmtNumber(y) : String(y))).join(', ');
    return typeof x === 'object' ? JSON.stringify(x) : String(x);
  };
  // internal ids (files, organisations, the answer's version) say nothing to a reader
  const HIDDEN = new Set(['fileId', 'version']);
  const detail = (d: Record<string, unknown>, n: number | null) =>
    Object.entries(d)
      .filter(([k]) => !HIDDEN.has(k))
      .map(([k, x]) => {
        if (k === 'assignments' && Array.isArray(x)) return t('kla.h.assignmentsN', { n: x.length });
        if (x && typeof x === 'object' && 'from' in x && 'to' in x) {
          const c = x as { from: unknown; to: unknown };
          return `${word(k)}: ${value(k, c.from, n)} → ${value(k, c.to, n)}`;
        }
        return x === 'changed' || x === 'written'
          ? `${word(k)}: ${t('kla.changed')}`
          : `${word(k)}: ${value(k, x, n)}`;
      })
      .join('; ');
  return (
    <section aria-labelledby="kla-hist-h">
      <h2 id="kla-hist-h">{t('kla.history')}</h2>
      {!shown ? (
        <button type="button" onClick={() => setShown(true)}>
          {t('kla.historyShow')}
        </button>
      ) : list.loading && !list.data ? (
        <Loading />
      ) : !list.data || list.data.items.length === 0 ? (
        <p>{t('kla.historyEmpty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <caption class="sr-only">{t('kla.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('kla.col.when')}</th>
                <th scope="col">{t('kla.col.who')}</th>
                <th scope="col">{t('kla.col.indicator')}</th>
                <th scope="col">{t('kla.col.action')}</th>
                <th scope="col">{t('kla.col.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((h) => (
                <tr key={h.id}>
                  <td>{fmtDateTime(h.at, ev.jurisdiction)}</td>
                  <td>{h.actorName ?? t('kla.system')}</td>
                  <td>{h.indicatorNumber ?? '—'}</td>
                  <td>{word(h.action)}</td>
                  <td>{detail(h.detail, h.indicatorNumber)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The page's notice (a change whose card left the list shown): it takes the focus and so the view. */
function TopNotice({ text }: { text: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (text) ref.current?.focus();
  }, [text]);
  return (
    <div tabIndex={-1} ref={ref}>
      <Notice text={text} />
    </div>
  );
}

type Filter = 'all' | 'mine' | 'todo' | 'fix' | 'undecided';

export default function KlaEvaluation({ id }: { id?: string }) {
  const { params } = useRoute();
  const evId = id ?? params.id ?? '';
  const user = useStore(userStore);
  const rec = useRecord<Ev>(evId, (x) => call('GET /kla/evaluations/{id}', { params: { id: x } }));
  const [notice, setNotice] = useState<string | null>(null);
  const [cardNotice, setCardNotice] = useState<{ n: number; message: string } | null>(null);
  // an address with #indikator-N (a link in the page, a reload) opens that card and shows it
  useEffect(() => {
    const show = () => {
      const m = /^#indikator-(\d+)$/.exec(location.hash);
      const el = m ? document.getElementById(`indikator-${m[1]}`) : null;
      if (el instanceof HTMLDetailsElement) {
        el.open = true;
        el.scrollIntoView({ block: 'start' });
      }
    };
    show();
    window.addEventListener('hashchange', show);
    return () => window.removeEventListener('hashchange', show);
  }, [!!rec.data]);
  const [filter, setFilter] = useState<Filter | null>(null);
  const ev = rec.data;
  if (!user) return <Loading />;
  if (!ev) return <RecordPending error={rec.error} retry={rec.retry} />;
  const onSaved: Saved = (next, message) => {
    rec.setData(next);
    setCardNotice(null);
    setNotice(message);
  };
  // a card's change is told in the card, where the user is working
  const cardSaved = (next: Ev, message: string, n: number) => {
    rec.setData(next);
    // a card the change takes out of the list shown (decided, made final) says it at the top
    const still = next.indicators.find((i) => i.indicator.number === n);
    if (still && shows(still)) {
      setNotice(null);
      setCardNotice({ n, message });
    } else {
      setCardNotice(null);
      setNotice(message);
    }
  };
  const cardReload = async (message: string, n: number) => {
    await rec.load();
    setNotice(null);
    setCardNotice({ n, message });
  };
  const reader = roleCan(user.role, 'kla:read');
  const member = !reader;
  const shownFilter: Filter =
    filter ??
    (member ? 'mine' : isProvince(user.jurisdiction) && ev.status === 'submitted' ? 'undecided' : 'all');
  const shows = (i: Ev['indicators'][number]) =>
    shownFilter === 'mine'
      ? i.canFill || (member && i.answer !== null)
      : shownFilter === 'todo'
        ? i.answer !== null && i.answer.status !== 'final'
        : shownFilter === 'undecided'
          ? i.answer !== null && i.answer.verifyStatus === null
          : shownFilter === 'fix'
            ? i.answer?.verifyStatus === 'fix' || i.answer?.verifyStatus === 'rejected'
            : member
              ? i.answer !== null
              : true;
  const visible = ev.indicators.filter(shows);
  const title = t('kla.evalTitle', { year: ev.year, region: ev.jurisdictionName });
  const en = getLang() === 'en';
  const groups = ev.groups.map((g) => ({ ...g, items: visible.filter((i) => i.indicator.group === g.code) }));
  return (
    <section>
      <p>
        <a href="/kla">← {t('kla.back')}</a>
      </p>
      <div class="page-head">
        <PageHeading title={title}>{title}</PageHeading>
        <StatusBadge status={ev.status} />
      </div>
      <p class="hint">{t('kla.setLabel', { label: ev.setLabel })}</p>
      <TopNotice text={notice} />
      {ev.status === 'submitted' && (
        <p class="notice">{ev.canVerify ? t('kla.lockedProvince') : t('kla.locked')}</p>
      )}
      {ev.status === 'verified' && ev.verifiedAt && (
        <p class="notice">{t('kla.verifiedNote', { date: fmtDate(ev.verifiedAt, ev.jurisdiction) })}</p>
      )}
      {ev.status === 'returned' && <p class="notice warn">{t('kla.returnedNote')}</p>}
      {ev.missingNumbers.length > 0 && (
        <p>{t('kla.missingList', { numbers: ev.missingNumbers.join(', ') })}</p>
      )}
      {reader && <ScorePanel ev={ev} />}
      {reader && (
        <section aria-labelledby="kla-dl-h">
          <h2 id="kla-dl-h">{t('kla.downloads')}</h2>
          <p class="row-actions">
            <a class="button" href={`${API}/kla/evaluations/${ev.id}/summary.pdf`} download>
              {t('kla.summaryPdf')}
            </a>
            <a class="button" href={`${API}/kla/evaluations/${ev.id}/export.zip`} download>
              {t('kla.exportZip')}
            </a>
          </p>
        </section>
      )}
      {ev.canCoordinate && (ev.status === 'draft' || ev.status === 'returned') && (
        <Assignments key={ev.version} ev={ev} onSaved={onSaved} />
      )}
      <section aria-labelledby="kla-ind-h">
        <h2 id="kla-ind-h">{t('kla.indicators')}</h2>
        <div class="filters">
          <SelectField
            prefix="kla-f"
            name="show"
            label={t('kla.filter')}
            value={shownFilter}
            onValue={(x) => setFilter(x as Filter)}
            empty={false}
            options={(isProvince(user.jurisdiction)
              ? (['all', 'undecided', 'fix'] as const)
              : (['all', 'mine', 'todo', 'fix'] as const)
            ).map((f) => ({
              value: f,
              text: t(`kla.filter.${f}`),
            }))}
          />
        </div>
        {visible.length === 0 && <p>{t('kla.filterEmpty')}</p>}
        {groups
          .filter((g) => g.items.length > 0)
          .map((g) => (
            <div key={g.code} class="kla-group">
              <h3>{en ? g.labelEn : g.label}</h3>
              {g.items.map((i) => (
                <IndicatorCard
                  key={i.indicator.number}
                  ev={ev}
                  view={i}
                  onSaved={cardSaved}
                  reload={cardReload}
                  member={member}
                  notice={cardNotice?.n === i.indicator.number ? cardNotice.message : null}
                />
              ))}
              {g.code === 'kelembagaan' && reader && <Institutional ev={ev} />}
            </div>
          ))}
      </section>
      {ev.canCoordinate && (ev.status === 'draft' || ev.status === 'returned') && (
        <SubmitPanel key={ev.version} ev={ev} onSaved={onSaved} />
      )}
      {ev.canVerify && ev.status === 'submitted' && (
        <DecisionPanel
          // a refusal goes once the province has decided more (an answer's change is not the evaluation's)
          key={`${ev.version}:${ev.indicators.filter((i) => i.answer?.verifyStatus).length}`}
          ev={ev}
          onSaved={onSaved}
        />
      )}
      {ev.canReadHistory && <History ev={ev} />}
    </section>
  );
}
