/**
 * /pelatihan (issue 12 §2): the training events the user may see, a new event for the Dinas's
 * managers, and "Riwayat pelatihan saya" — every coordination user's own record with their
 * certificates.
 */
import './words.ts';
import { useState } from 'preact/hooks';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import { API, call } from '../../api.ts';
import { CardTable, useAction } from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, PageHeading, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';
import { attendanceLabel, dates, EventForm, type EventValues, modeLabel, typeName } from './EventForm.tsx';

function NewEvent() {
  const options = useLoad((signal) => call('GET /training/options', { signal }), []);
  const { busy, error, attempt, run } = useAction();
  if (options.loading && !options.data) return <Loading />;
  if (options.error) return <LoadError error={options.error} onRetry={options.reload} />;
  if (!options.data) return null;
  const submit = (v: EventValues) =>
    run(async () => {
      const e = await call('POST /training/events', { body: v });
      window.location.assign(`/pelatihan/${e.id}`);
    });
  return (
    <details class="card">
      <summary>{t('train.new')}</summary>
      <EventForm
        prefix="tr-new"
        options={options.data}
        busy={busy}
        error={error}
        attempt={attempt}
        submitText={t('train.create')}
        onSubmit={submit}
      />
    </details>
  );
}

export function MyRecord() {
  const rec = useLoad((signal) => call('GET /training/records/me', { signal }), []);
  return (
    <section aria-labelledby="h-tr-mine">
      <h2 id="h-tr-mine">{t('train.mine')}</h2>
      {rec.loading && !rec.data ? (
        <Loading />
      ) : rec.error ? (
        <LoadError error={rec.error} onRetry={rec.reload} />
      ) : rec.data && rec.data.items.length === 0 ? (
        <p>{t('train.mineNone')}</p>
      ) : rec.data ? (
        <ul>
          {rec.data.items.map((i) => (
            <li key={i.participantId}>
              <strong>{i.title}</strong> ({typeName(i.type.id, i.type.name)}) · {dates(i.startsOn, i.endsOn)}{' '}
              · {i.organiser.name} · {attendanceLabel(i.attendance)}
              {i.completed && ` · ${t('train.completed')}`}
              {i.certificate && (
                <>
                  {' '}
                  <a
                    href={`${API}/training/events/${i.eventId}/participants/${i.participantId}/certificate.pdf`}
                    download={`sertifikat-${i.participantId.slice(0, 8)}.pdf`}
                  >
                    {t('train.certificate')}
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export default function Training() {
  const user = useStore(userStore);
  const allowed = !!user && roleCan(user.role, 'coord:read');
  const [year, setYear] = useState('');
  const list = useLoad(
    (signal) =>
      allowed
        ? call('GET /training/events', { query: year ? { year: Number(year) } : {}, signal })
        : Promise.resolve(null),
    [allowed, year],
  );
  if (!user) return <Loading />;
  if (!allowed) return <NoAccess />;
  const title = t('train.title');
  return (
    <section>
      <PageHeading title={title}>{title}</PageHeading>
      <p class="lead">{t('train.intro')}</p>
      <p>
        <a href="/pelatihan/kebutuhan">{t('train.needsLink')}</a> · <a href="#h-tr-mine">{t('train.mine')}</a>
      </p>
      {roleCan(user.role, 'coord:manage') && <NewEvent />}
      <section aria-labelledby="h-tr-events">
        <h2 id="h-tr-events">{t('train.events')}</h2>
        <div class="field">
          <label for="tr-year">{t('train.year')}</label>
          <input
            id="tr-year"
            type="number"
            inputMode="numeric"
            min="2000"
            max="2100"
            value={year}
            onChange={(e) => setYear(e.currentTarget.value)}
          />
        </div>
        {list.loading && !list.data ? (
          <Loading />
        ) : list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : list.data && list.data.items.length === 0 ? (
          <p>{t('train.none')}</p>
        ) : list.data ? (
          <CardTable
            caption={t('train.events')}
            items={list.data.items}
            columns={[
              { head: t('train.titleField'), cell: (e) => <a href={`/pelatihan/${e.id}`}>{e.title}</a> },
              { head: t('train.type'), cell: (e) => typeName(e.type.id, e.type.name) },
              { head: t('train.when'), cell: (e) => `${dates(e.startsOn, e.endsOn)} · ${modeLabel(e.mode)}` },
              { head: t('train.organiser'), cell: (e) => e.organiser.name },
              {
                head: t('train.counts'),
                cell: (e) =>
                  t('train.countText', { n: e.participants, present: e.attended, done: e.completed }),
              },
            ]}
          />
        ) : null}
      </section>
      <MyRecord />
    </section>
  );
}
