/**
 * National holidays and cuti bersama of a year (issue 10 §2): the working-day deadlines skip
 * them. The installation's administrator enters each year's list from the SKB of the three
 * ministers; a Dinas administrator reads it.
 */
import './words.ts';
import { useEffect, useState } from 'preact/hooks';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { HolidayDto } from '../../../../src/domain/contract/admin.ts';
import { call } from '../../api.ts';
import { ErrorSummary, SelectField, Submit, TextField, useAction } from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, Notice, PageHeading, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { fmtDate } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';

type Kind = HolidayDto['kind'];
type Day = HolidayDto;

const KINDS: Kind[] = ['libur_nasional', 'cuti_bersama'];
const kindText = (k: Kind) => (k === 'libur_nasional' ? t('holidays.national') : t('holidays.leave'));

export default function Holidays() {
  const actor = useStore(userStore);
  const allowed = !!actor && roleCan(actor.role, 'user:manage');
  const editor = !!actor && roleCan(actor.role, 'holiday:edit');
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const list = useLoad(
    (signal) =>
      allowed
        ? call('GET /admin/holidays/{year}', { params: { year }, signal })
        : Promise.resolve({ year, items: [] as Day[] }),
    [allowed, year],
  );
  const [days, setDays] = useState<Day[]>([]);
  useEffect(() => {
    if (list.data) setDays(list.data.items);
  }, [list.data]);
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, attempt, run } = useAction();
  if (!actor) return <Loading />;
  if (!allowed) return <NoAccess />;
  const prefix = 'libur';
  const labels: Record<string, string> = {};
  days.forEach((_, i) => {
    labels[`days.${i}.date`] = `${t('holidays.date')} ${i + 1}`;
    labels[`days.${i}.name`] = `${t('holidays.name')} ${i + 1}`;
    labels[`days.${i}.kind`] = `${t('holidays.kind')} ${i + 1}`;
  });
  const set = (i: number, patch: Partial<Day>) =>
    setDays(days.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const save = (e: Event) => {
    e.preventDefault();
    setNotice(null);
    run(async () => {
      const r = await call('PUT /admin/holidays/{year}', { params: { year }, body: { days } });
      setDays(r.items);
      setNotice(t('holidays.saved', { year: String(year), n: r.items.length }));
    });
  };
  return (
    <section>
      <PageHeading title={t('holidays.title')}>{t('holidays.title')}</PageHeading>
      <p class="lead">{t('holidays.intro')}</p>
      <div class="field">
        <label for="libur-year">{t('holidays.year')}</label>
        <select id="libur-year" value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))}>
          {[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => (
            <option key={y} value={String(y)}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <Notice text={notice} />
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : !editor ? (
        days.length === 0 ? (
          <p>{t('holidays.none', { year: String(year) })}</p>
        ) : (
          <table>
            <caption>{t('holidays.caption', { year: String(year) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('holidays.date')}</th>
                <th scope="col">{t('holidays.name')}</th>
                <th scope="col">{t('holidays.kind')}</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}>
                  <td>{fmtDate(d.date)}</td>
                  <td>{d.name}</td>
                  <td>{kindText(d.kind)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : (
        <form onSubmit={save} noValidate aria-label={t('holidays.caption', { year: String(year) })}>
          <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
          {days.length === 0 && <p>{t('holidays.none', { year: String(year) })}</p>}
          {days.map((d, i) => (
            <fieldset key={i} class="card">
              <legend>{t('holidays.row', { n: i + 1 })}</legend>
              <TextField
                prefix={prefix}
                name={`days.${i}.date`}
                label={t('holidays.date')}
                type="date"
                value={d.date}
                onValue={(v) => set(i, { date: v })}
                error={error}
                required
              />
              <TextField
                prefix={prefix}
                name={`days.${i}.name`}
                label={t('holidays.name')}
                value={d.name}
                onValue={(v) => set(i, { name: v })}
                maxLength={200}
                error={error}
                required
              />
              <SelectField
                prefix={prefix}
                name={`days.${i}.kind`}
                label={t('holidays.kind')}
                value={d.kind}
                onValue={(v) => set(i, { kind: v as Kind })}
                options={KINDS.map((k) => ({ value: k, text: kindText(k) }))}
                empty={false}
                error={error}
              />
              <button type="button" onClick={() => setDays(days.filter((_, j) => j !== i))}>
                {t('holidays.remove', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <p>
            <button
              type="button"
              onClick={() => setDays([...days, { date: '', name: '', kind: 'libur_nasional' }])}
            >
              {t('holidays.add')}
            </button>
          </p>
          <Submit busy={busy}>{t('holidays.save', { year: String(year) })}</Submit>
        </form>
      )}
    </section>
  );
}
