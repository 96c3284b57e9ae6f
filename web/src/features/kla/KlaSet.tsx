/**
 * /kla/indikator — the KLA indicator set of a year (issue 13 §1): indicators with their wording,
 * weight, scoring and whether the wording and weight are confirmed; the categories and thresholds;
 * the imported versions. The installation administrator imports a corrected set (JSON or XLSX)
 * here without a release; a set with problems is refused with each problem at its path.
 */
import './words.ts';
import { useRef, useState } from 'preact/hooks';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import { ApiError, call, upload } from '../../api.ts';
import { ErrorSummary, Submit, TextField, useAction } from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, Notice, PageHeading, useLoad } from '../../components/page.tsx';
import { getLang, t } from '../../i18n/index.ts';
import { fmtDateTime, todayLocal } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';
import { isProvince, ProblemList, pts } from './shared.tsx';

/** The fields of an indicator in the words of the page. */
const FIELD = {
  number: 'kla.f.number',
  group: 'kla.f.group',
  wording: 'kla.f.wording',
  wordingEn: 'kla.f.wordingEn',
  evidence: 'kla.f.evidence',
  weight: 'kla.f.weight',
  scoring: 'kla.f.scoring',
  autoSource: 'kla.f.autoSource',
} as const;

type Sent = { indicators?: Array<{ number?: number; wording?: string }> } | null;

function Import({ year, onDone }: { year: string; onDone: (msg: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [v, setV] = useState({ label: '', source: '' });
  const { busy, error, attempt, run } = useAction();
  const [wrapped, setWrapped] = useState(false);
  const [sent, setSent] = useState<Sent>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    setWrapped(false);
    const file = input.current?.files?.[0];
    run(async () => {
      if (!file)
        throw new ApiError(400, 'CLIENT_VALIDATION', t('error.checkFields'), { file: t('file.choose') });
      let set: Awaited<ReturnType<typeof upload<'POST /kla/sets/xlsx'>>>;
      if (/\.json$/i.test(file.name) || file.type === 'application/json') {
        let body: unknown;
        try {
          body = JSON.parse(await file.text());
        } catch {
          throw new ApiError(400, 'CLIENT_VALIDATION', t('kla.notJson'), { file: t('kla.notJson') });
        }
        // the API's download wraps the set with its description: take the set part
        if (body && typeof body === 'object' && 'set' in body && 'versions' in body) {
          setWrapped(true);
          body = (body as { set: unknown }).set;
        }
        setSent(body as Sent);
        set = await call('POST /kla/sets', { body: body as never });
      } else {
        const form = new FormData();
        form.append('file', file);
        set = await upload('POST /kla/sets/xlsx', {} as never, form, {
          year,
          ...(v.label.trim() ? { label: v.label.trim() } : {}),
          ...(v.source.trim() ? { source: v.source.trim() } : {}),
        });
      }
      if (input.current) input.current.value = '';
      onDone(t('kla.imported', { year: set.year, version: set.version }));
    });
  };
  // a path into the indicators (indicators.4.weight) is named by the indicator's number and wording
  // when the file says them; the rest of the path stays as written
  const where = (path: string) => {
    const m = /^indicators\.(\d+)(\..*)?$/.exec(path);
    const ind = m ? sent?.indicators?.[Number(m[1])] : undefined;
    if (!m || !ind) return <code>{path}</code>;
    const number = ind.number ?? Number(m[1]) + 1;
    const rest = m[2]?.slice(1) ?? '';
    const field = rest.split('.')[0] as keyof typeof FIELD;
    return (
      <>
        {ind.wording ? t('kla.problemAt', { number, wording: ind.wording }) : t('kla.problemAtN', { number })}
        {rest && (FIELD[field] ? `, ${t(FIELD[field])}` : <code> {rest}</code>)}
        {rest.includes('.') && FIELD[field] && <code> {rest.slice(field.length + 1)}</code>}
      </>
    );
  };
  // the set's problems come back at their paths (indicators.4.weight: …): list them all
  const problems = error ? Object.entries(error.fields).filter(([k]) => k !== 'file') : [];
  return (
    <form onSubmit={submit} noValidate class="card subform" aria-labelledby="kla-imp-h">
      <h2 id="kla-imp-h">{t('kla.import')}</h2>
      <p class="hint">{t('kla.importHint')}</p>
      {problems.length > 0 ? (
        <ProblemList
          title={t('kla.importProblems')}
          items={problems.map(([path, msg]) => [
            path,
            <>
              {where(path)}: {msg}
            </>,
          ])}
        />
      ) : (
        <ErrorSummary
          error={error}
          attempt={attempt}
          prefix="kla-imp"
          labels={{ file: t('kla.importFile') }}
        />
      )}
      {wrapped && <p class="hint">{t('kla.setWrapped')}</p>}
      <div class={`field${error?.fields.file ? ' has-error' : ''}`}>
        <label for="kla-imp-file">{t('kla.importFile')}</label>
        <input id="kla-imp-file" ref={input} type="file" name="file" accept=".json,.xlsx,application/json" />
        {error?.fields.file && <p class="field-error">{error.fields.file}</p>}
      </div>
      <div class="grid">
        <TextField
          prefix="kla-imp"
          name="label"
          label={t('kla.importLabel')}
          value={v.label}
          onValue={(label) => setV((s) => ({ ...s, label }))}
          maxLength={200}
          hint={t('kla.requiredXlsx')}
          error={error}
        />
        <TextField
          prefix="kla-imp"
          name="source"
          label={t('kla.importSource')}
          value={v.source}
          onValue={(source) => setV((s) => ({ ...s, source }))}
          maxLength={1000}
          hint={t('kla.requiredXlsx')}
          error={error}
        />
      </div>
      <Submit busy={busy}>{t('kla.importDo')}</Submit>
    </form>
  );
}

export default function KlaSet() {
  const user = useStore(userStore);
  const allowed =
    !!user &&
    (roleCan(user.role, 'kla:read') ||
      roleCan(user.role, 'kla:sets') ||
      (roleCan(user.role, 'coord:read') && !isProvince(user.jurisdiction)));
  const [year, setYear] = useState(() => todayLocal(user?.jurisdiction).slice(0, 4));
  const [shown, setShown] = useState(year);
  const [notice, setNotice] = useState<string | null>(null);
  const set = useLoad(
    (signal) =>
      allowed && /^\d{4}$/.test(shown)
        ? call('GET /kla/sets/{year}', { params: { year: Number(shown) }, signal })
        : Promise.resolve(null),
    [allowed, shown],
  );
  if (!user) return <Loading />;
  if (!allowed) return <NoAccess />;
  const en = getLang() === 'en';
  const s = set.data;
  const title = t('kla.setTitle');
  return (
    <section>
      <p>
        <a href="/kla">← {t('kla.back')}</a>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      <p class="lead">{t('kla.setIntro')}</p>
      <Notice text={notice} />
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setShown(year.trim());
        }}
      >
        <TextField
          prefix="kla-set"
          name="year"
          label={t('kla.year')}
          value={year}
          onValue={setYear}
          inputMode="numeric"
          maxLength={4}
        />
        <button type="submit">{t('kla.filter')}</button>
      </form>
      {set.loading && !s ? (
        <Loading />
      ) : set.error ? (
        <LoadError error={set.error} onRetry={set.reload} />
      ) : s ? (
        <>
          <h2>
            {t('kla.yearN', { year: s.year })} — {s.label}
          </h2>
          <p class="hint">
            {s.shipped
              ? t('kla.setShipped')
              : t('kla.setVersion', { version: s.version, date: fmtDateTime(s.importedAt) })}
            {' · '}
            {t('kla.setSource', { source: s.source })}
          </p>
          <h3>{t('kla.categories')}</h3>
          <ul>
            {s.set.categories.map((c) => (
              <li key={c.code}>
                {c.label}: {t('kla.catFrom', { min: pts(c.min) })}
              </li>
            ))}
          </ul>
          <div class="table-wrap">
            <table class="data">
              <caption>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('kla.col.number')}</th>
                  <th scope="col">{t('kla.col.group')}</th>
                  <th scope="col">{t('kla.col.wording')}</th>
                  <th scope="col">{t('kla.col.weight')}</th>
                  <th scope="col">{t('kla.col.scoring')}</th>
                  <th scope="col">{t('kla.col.confirmed')}</th>
                </tr>
              </thead>
              <tbody>
                {s.set.indicators.map((i) => {
                  const g = s.set.groups.find((x) => x.code === i.group);
                  return (
                    <tr key={i.number}>
                      <td>{i.number}</td>
                      <td>{g ? (en ? g.labelEn : g.label) : i.group}</td>
                      <td>
                        {en ? i.wordingEn : i.wording}
                        {i.autoSource && (
                          <>
                            <br />
                            <span class="badge">{t('kla.auto')}</span>
                          </>
                        )}
                      </td>
                      <td>{pts(i.weight)}</td>
                      <td>
                        {i.scoring.kind === 'options'
                          ? t('kla.scoring.options', { n: i.scoring.options.length })
                          : t('kla.scoring.percent', { n: i.scoring.bands.length })}
                      </td>
                      <td>
                        {i.wordingConfirmed && i.weightConfirmed ? (
                          t('kla.yes')
                        ) : (
                          <span class="badge warn">{t('kla.no')}</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {s.versions.length > 0 && (
            <>
              <h3>{t('kla.versions')}</h3>
              <ul>
                {s.versions.map((x) => (
                  <li key={x.version}>
                    {t('kla.setVersion', { version: x.version, date: fmtDateTime(x.importedAt) })} — {x.label}
                    {x.importedBy ? ` (${x.importedBy})` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : null}
      {roleCan(user.role, 'kla:sets') && (
        <Import
          year={shown}
          onDone={(msg) => {
            setNotice(msg);
            set.reload();
          }}
        />
      )}
    </section>
  );
}
