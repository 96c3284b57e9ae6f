/** /rapat: the meetings of the jurisdiction (a partner: those it organises or is invited to) and the planning form. */
import './words.ts';
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import { call } from '../../api.ts';
import {
  bindField,
  CardTable,
  ErrorSummary,
  FormActions,
  SelectField,
  TextArea,
  TextField,
  useAction,
} from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, PageHeading, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { fmtLocalDateTime, todayLocal } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';
import { kindText, MEETING_KINDS, meetingStatusText } from './shared.tsx';

export function NewMeeting({ onDone }: { onDone: (id: string | null) => void }) {
  const opts = useLoad((signal) => call('GET /meetings/options', { signal }), []);
  const [v, setV] = useState({
    kind: 'rakor_lintas_sektor',
    title: '',
    date: todayLocal(),
    startTime: '09:00',
    endTime: '',
    place: '',
    onlineLink: '',
    agenda: '',
  });
  const [invited, setInvited] = useState<string[]>([]);
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { busy, error, attempt, run } = useAction();
  const prefix = 'mtg-new';
  const labels = {
    kind: t('mtg.kind'),
    title: t('mtg.titleField'),
    date: t('mtg.date'),
    startTime: t('mtg.startTime'),
    endTime: t('mtg.endTime'),
    place: t('mtg.place'),
    onlineLink: t('mtg.onlineLink'),
    agenda: t('mtg.agenda'),
    invitedOrgIds: t('mtg.invitedOrgs'),
  };
  const field = bindField(v, set, labels);
  const common = { prefix, error };
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const m = await call('POST /meetings', {
        body: {
          kind: v.kind,
          title: v.title.trim(),
          date: v.date,
          startTime: v.startTime,
          endTime: v.endTime || null,
          place: v.place.trim() || null,
          onlineLink: v.onlineLink.trim() || null,
          invitedOrgIds: invited,
          agenda: v.agenda
            .split('\n')
            .map((x) => x.trim())
            .filter(Boolean),
        },
      });
      onDone(m.id);
    });
  };
  return (
    <form class="card subform" onSubmit={submit} noValidate aria-label={t('mtg.new')}>
      <h2>{t('mtg.new')}</h2>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      <div class="grid">
        <SelectField
          {...common}
          {...field('kind')}
          required
          empty={false}
          options={MEETING_KINDS.map((k) => ({ value: k, text: kindText(k) }))}
        />
        <TextField {...common} {...field('title')} required maxLength={300} />
      </div>
      <div class="grid">
        <TextField {...common} {...field('date')} type="date" required />
        <TextField {...common} {...field('startTime')} type="time" required />
        <TextField {...common} {...field('endTime')} type="time" />
      </div>
      <div class="grid">
        <TextField {...common} {...field('place')} hint={t('mtg.placeHint')} />
        <TextField {...common} {...field('onlineLink')} type="url" hint={t('mtg.linkHint')} />
      </div>
      <TextArea {...common} {...field('agenda')} rows={3} hint={t('mtg.agendaHint')} />
      <fieldset id={`${prefix}-invitedOrgIds`} class="field checks" tabIndex={-1}>
        <legend>{labels.invitedOrgIds}</legend>
        {(opts.data?.orgs ?? []).map((o) => (
          <label class="check" key={o.id}>
            <input
              type="checkbox"
              checked={invited.includes(o.id)}
              onChange={(e) =>
                setInvited((s) => (e.currentTarget.checked ? [...s, o.id] : s.filter((x) => x !== o.id)))
              }
            />{' '}
            {o.name}
          </label>
        ))}
      </fieldset>
      <FormActions busy={busy} onCancel={() => onDone(null)} />
    </form>
  );
}

export default function Meetings() {
  const actor = useStore(userStore);
  const { route } = useLocation();
  const allowed = !!actor && roleCan(actor.role, 'coord:read');
  const manage = !!actor && roleCan(actor.role, 'coord:manage');
  const [adding, setAdding] = useState(false);
  const list = useLoad(
    (signal) =>
      allowed ? call('GET /meetings', { query: { pageSize: 100 }, signal }) : Promise.resolve(null),
    [allowed],
  );
  if (!actor) return <Loading />;
  if (!allowed) return <NoAccess />;
  const items = list.data?.items ?? [];
  const title = t('mtg.title');
  return (
    <section>
      <PageHeading title={title}>{title}</PageHeading>
      <p class="actions">
        <a href="/rapat/tindak-lanjut">{t('fu.title')}</a>
        {manage && !adding && (
          <button type="button" class="primary" onClick={() => setAdding(true)}>
            {t('mtg.new')}
          </button>
        )}
      </p>
      {adding && (
        <NewMeeting
          onDone={(id) => {
            setAdding(false);
            if (id) route(`/rapat/${id}`);
          }}
        />
      )}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : items.length === 0 ? (
        <p>{t('mtg.none')}</p>
      ) : (
        <CardTable
          caption={title}
          items={items}
          columns={[
            { head: t('mtg.titleField'), cell: (m) => <a href={`/rapat/${m.id}`}>{m.title}</a> },
            { head: t('mtg.kind'), cell: (m) => kindText(m.kind) },
            { head: t('mtg.date'), cell: (m) => fmtLocalDateTime(m.date, m.startTime, m.jurisdiction) },
            { head: t('mtg.organiser'), cell: (m) => m.organiserName },
            { head: t('mtg.status'), cell: (m) => meetingStatusText(m.status) },
            {
              head: t('mtg.followups'),
              cell: (m) => (
                <span>
                  {t('mtg.openFollowups', { n: m.openFollowups })}
                  {m.overdueFollowups > 0 && (
                    <>
                      {' '}
                      <span class="badge danger">{t('mtg.overdueFollowups', { n: m.overdueFollowups })}</span>
                    </>
                  )}
                </span>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
