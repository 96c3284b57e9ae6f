/**
 * SIMFONI-PPA for the data officer (issue 11 §4): the cases of the kab/kota not yet entered into
 * SIMFONI (numbers and SIMFONI's facts, never a name), marking one entered with the day and
 * SIMFONI's number (sent with the case's version), and the export with names and NIK — which the
 * server opens only to a session signed in with two-step verification, with a reason.
 */
import { useState } from 'preact/hooks';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { SimfoniCaseDto, SimfoniCaseListDto } from '../../../../src/domain/contract/simfoni.ts';
import { call } from '../../api.ts';
import { ErrorSummary, SelectField, Submit, TextArea, TextField, useAction } from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, Notice, PageHeading, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { fmtDate, fmtDateTime } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';

type Status = 'belum' | 'sudah';

/** Today's date where the officer works, for the forms' defaults. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function EntryForm({ c, onDone }: { c: SimfoniCaseDto; onDone: (c: SimfoniCaseDto) => void }) {
  const [enteredOn, setEnteredOn] = useState(c.entry?.enteredOn ?? today());
  const [simfoniNumber, setNumber] = useState(c.entry?.simfoniNumber ?? '');
  const { busy, error, attempt, run } = useAction();
  const prefix = `sf-${c.id}`;
  const labels = { enteredOn: t('simfoni.enteredOn'), simfoniNumber: t('simfoni.number') };
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () =>
      onDone(
        await call('PUT /simfoni/cases/{id}/entry', {
          params: { id: c.id },
          body: { version: c.version, enteredOn, simfoniNumber },
        }),
      ),
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('simfoni.markFor', { number: c.number })}>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      <TextField
        prefix={prefix}
        name="enteredOn"
        label={labels.enteredOn}
        type="date"
        value={enteredOn}
        onValue={setEnteredOn}
        error={error}
        required
      />
      <TextField
        prefix={prefix}
        name="simfoniNumber"
        label={labels.simfoniNumber}
        value={simfoniNumber}
        onValue={setNumber}
        maxLength={60}
        error={error}
        required
      />
      <Submit busy={busy}>{c.entry ? t('simfoni.correct') : t('simfoni.mark')}</Submit>
    </form>
  );
}

function CaseCard({
  c,
  columns,
  onDone,
}: {
  c: SimfoniCaseDto;
  columns: SimfoniCaseListDto['columns'];
  onDone: (c: SimfoniCaseDto) => void;
}) {
  return (
    <article class="card">
      <h3>{c.number}</h3>
      <p>
        {t('simfoni.reported', { date: fmtDate(c.reportDate) })}
        {c.entry &&
          ` · ${t('simfoni.entered', { date: fmtDate(c.entry.enteredOn), number: c.entry.simfoniNumber, by: c.entry.enteredBy ?? '—', at: fmtDateTime(c.entry.recordedAt, c.jurisdiction) })}`}
      </p>
      {c.gaps.length > 0 && (
        <p class="hint">
          {t('simfoni.gaps')} {c.gaps.join(', ')}
        </p>
      )}
      {c.rows.length > 0 && (
        <div class="table-scroll">
          <table>
            <caption>{t('simfoni.rowsOf', { number: c.number, n: c.rows.length })}</caption>
            <thead>
              <tr>
                {columns.map((col) => (
                  <th key={col.key} scope="col">
                    {col.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {c.rows.map((r, i) => (
                <tr key={i}>
                  {columns.map((col) => (
                    <td key={col.key}>{(r as Record<string, string>)[col.key] || '—'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <EntryForm c={c} onDone={onDone} />
    </article>
  );
}

function ExportForm({ twoFactor }: { twoFactor: boolean }) {
  const [from, setFrom] = useState(`${today().slice(0, 8)}01`);
  const [to, setTo] = useState(today());
  const [format, setFormat] = useState('xlsx');
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, attempt, run } = useAction();
  const prefix = 'sf-export';
  const labels = {
    from: t('simfoni.from'),
    to: t('simfoni.to'),
    format: t('simfoni.format'),
    reason: t('simfoni.reason'),
  };
  const submit = (e: Event) => {
    e.preventDefault();
    setNotice(null);
    run(async () => {
      const blob = await call('GET /exports/simfoni', { query: { from, to, format, reason } });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `simfoni-${from}_${to}.${format === 'csv' ? 'csv' : 'xlsx'}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      setNotice(t('simfoni.downloaded'));
    });
  };
  return (
    <section aria-labelledby="h-sf-export">
      <h2 id="h-sf-export">{t('simfoni.export')}</h2>
      <p>{t('simfoni.exportIntro')}</p>
      {!twoFactor && (
        <p class="hint" role="note">
          {t('simfoni.needsTwoFactor')} <a href="/keamanan/2fa">{t('simfoni.enrol')}</a>
        </p>
      )}
      <Notice text={notice} />
      <form onSubmit={submit} noValidate aria-label={t('simfoni.export')}>
        <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
        <TextField
          prefix={prefix}
          name="from"
          label={labels.from}
          type="date"
          value={from}
          onValue={setFrom}
          error={error}
          required
        />
        <TextField
          prefix={prefix}
          name="to"
          label={labels.to}
          type="date"
          value={to}
          onValue={setTo}
          error={error}
          required
        />
        <SelectField
          prefix={prefix}
          name="format"
          label={labels.format}
          value={format}
          onValue={setFormat}
          options={[
            { value: 'xlsx', text: t('simfoni.xlsx') },
            { value: 'csv', text: t('simfoni.csv') },
          ]}
          empty={false}
          error={error}
        />
        <TextArea
          prefix={prefix}
          name="reason"
          label={labels.reason}
          hint={t('simfoni.reasonHint')}
          value={reason}
          onValue={setReason}
          rows={2}
          maxLength={500}
          error={error}
          required
        />
        <Submit busy={busy}>{t('simfoni.download')}</Submit>
      </form>
    </section>
  );
}

export default function Simfoni() {
  const user = useStore(userStore);
  const allowed = !!user && roleCan(user.role, 'simfoni:record');
  const [status, setStatus] = useState<Status>('belum');
  const [page, setPage] = useState(1);
  const list = useLoad(
    (signal) =>
      allowed ? call('GET /simfoni/cases', { query: { status, page }, signal }) : Promise.resolve(null),
    [allowed, status, page],
  );
  const [done, setDone] = useState<Record<string, SimfoniCaseDto>>({});
  if (!user) return <Loading />;
  if (!allowed) return <NoAccess />;
  const title = t('simfoni.title');
  const data = list.data;
  return (
    <section>
      <PageHeading title={title}>{title}</PageHeading>
      <p class="lead">{t('simfoni.intro')}</p>
      <p>
        <a href="#h-sf-export">{t('simfoni.toExport')}</a>
      </p>
      <fieldset class="segmented">
        <legend>{t('simfoni.which')}</legend>
        {(['belum', 'sudah'] as const).map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={status === s}
            onClick={() => {
              setStatus(s);
              setPage(1);
              setDone({});
            }}
          >
            {s === 'belum' ? t('simfoni.todo') : t('simfoni.done')}
          </button>
        ))}
      </fieldset>
      {list.loading && !data ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : data ? (
        <>
          <p>{t('simfoni.count', { n: data.totalCapped ? `${data.total}+` : data.total })}</p>
          {data.items.length === 0 && (
            <p>{status === 'belum' ? t('simfoni.noneTodo') : t('simfoni.noneDone')}</p>
          )}
          {data.items.map((c) => {
            const now = done[c.id];
            return now && status === 'belum' ? (
              <p key={c.id} class="notice" role="status">
                {t('simfoni.markedNow', { number: now.number })}
              </p>
            ) : (
              <CaseCard
                key={c.id}
                c={now ?? c}
                columns={data.columns}
                onDone={(x) => setDone({ ...done, [x.id]: x })}
              />
            );
          })}
          <p>
            {page > 1 && (
              <button type="button" onClick={() => setPage(page - 1)}>
                {t('simfoni.prev')}
              </button>
            )}{' '}
            {data.hasMore && (
              <button type="button" onClick={() => setPage(page + 1)}>
                {t('simfoni.next')}
              </button>
            )}
          </p>
          <ExportForm twoFactor={data.twoFactor} />
        </>
      ) : null}
    </section>
  );
}
