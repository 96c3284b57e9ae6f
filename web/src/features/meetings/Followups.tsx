/** /rapat/tindak-lanjut: every follow-up of the jurisdiction (a partner: its own), filters, overdue first; one opens with its progress. */
import './words.ts';
import { useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { FollowupDetailDto } from '../../../../src/domain/contract/meetings.ts';
import { API, call, upload } from '../../api.ts';
import { CardTable, ErrorSummary, SelectField, Submit, TextArea, useAction } from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, Notice, PageHeading, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { fmtDate, fmtDateTime, fmtSize } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';
import { FOLLOWUP_STATUSES, FollowupBadges, followupStatusText } from './shared.tsx';

function Progress({ f, onSaved }: { f: FollowupDetailDto; onSaved: (msg: string) => void }) {
  const [status, setStatus] = useState('');
  const [note, setNote] = useState('');
  const { busy, error, attempt, run } = useAction();
  const prefix = 'fu-progress';
  const labels = { status: t('fu.newStatus'), note: t('fu.note') };
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      await call('POST /followups/{id}/progress', {
        params: { id: f.id },
        body: {
          version: f.version,
          ...(status ? { status } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      });
      setNote('');
      setStatus('');
      onSaved(t('fu.saved'));
    });
  };
  return (
    <form class="card subform" onSubmit={submit} noValidate aria-label={t('fu.progressTitle')}>
      <h3>{t('fu.progressTitle')}</h3>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      <SelectField
        prefix={prefix}
        error={error}
        name="status"
        label={labels.status}
        value={status}
        onValue={setStatus}
        empty={t('fu.keepStatus')}
        options={FOLLOWUP_STATUSES.filter((s) => s !== f.status).map((s) => ({
          value: s,
          text: followupStatusText(s),
        }))}
      />
      <TextArea
        prefix={prefix}
        error={error}
        name="note"
        label={labels.note}
        hint={t('fu.noteHint')}
        value={note}
        onValue={setNote}
        rows={3}
      />
      <div class="actions">
        <Submit busy={busy}>{t('action.save')}</Submit>
      </div>
    </form>
  );
}

function Evidence({ f, onSaved }: { f: FollowupDetailDto; onSaved: (msg: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const { busy, error, attempt, run } = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    run(async () => {
      if (!file) throw new Error(t('file.choose'));
      const form = new FormData();
      form.append('file', file);
      await upload('POST /followups/{id}/files', { id: f.id }, form);
      if (input.current) input.current.value = '';
      onSaved(t('file.uploaded'));
    });
  };
  return (
    <form onSubmit={submit} noValidate class="stack">
      <ErrorSummary error={error} attempt={attempt} prefix="fu-file" labels={{ file: t('fu.evidence') }} />
      <div class={`field${error?.fields.file ? ' has-error' : ''}`}>
        <label for="fu-file-file">{t('fu.evidence')}</label>
        <input
          id="fu-file-file"
          ref={input}
          type="file"
          name="file"
          accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.pptx"
        />
        {error?.fields.file && <p class="field-error">{error.fields.file}</p>}
      </div>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t('fu.uploadEvidence')}
        </button>
      </div>
    </form>
  );
}

function FollowupDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const one = useLoad((signal) => call('GET /followups/{id}', { params: { id }, signal }), [id]);
  const [notice, setNotice] = useState<string | null>(null);
  if (one.loading && !one.data) return <Loading />;
  if (one.error) return <LoadError error={one.error} onRetry={one.reload} />;
  const f = one.data!;
  const saved = (msg: string) => {
    setNotice(msg);
    one.reload();
    onChanged();
  };
  return (
    <section class="card" aria-labelledby="fu-detail-h">
      <h2 id="fu-detail-h">{f.action}</h2>
      <Notice text={notice} />
      <dl class="facts">
        <dt>{t('fu.status')}</dt>
        <dd>
          <FollowupBadges f={f} />
        </dd>
        <dt>{t('fu.owner')}</dt>
        <dd>
          {f.ownerOrgName}
          {f.ownerUserName ? ` (${f.ownerUserName})` : ''}
        </dd>
        <dt>{t('fu.due')}</dt>
        <dd>{fmtDate(f.dueOn)}</dd>
        <dt>{t('fu.decision')}</dt>
        <dd>
          {t('fu.decisionOf', { n: f.decisionNumber })}: {f.decisionBody} —{' '}
          <a href={`/rapat/${f.meetingId}`}>
            {f.meetingTitle} ({fmtDate(f.meetingDate)})
          </a>
        </dd>
        {f.statusNote && (
          <>
            <dt>{t('fu.statusNote')}</dt>
            <dd>{f.statusNote}</dd>
          </>
        )}
      </dl>
      <h3>{t('fu.notes')}</h3>
      {f.notes.length === 0 ? (
        <p class="hint">{t('fu.noNotes')}</p>
      ) : (
        <ul class="timeline">
          {f.notes.map((n) => (
            <li key={n.id}>
              <strong>{fmtDateTime(n.at, f.jurisdiction)}</strong> · {n.by ?? '—'}
              {n.status ? ` · ${followupStatusText(n.status)}` : ''}
              {n.body ? <p>{n.body}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('fu.evidence')}</h3>
      {f.files.length === 0 ? (
        <p class="hint">{t('fu.noEvidence')}</p>
      ) : (
        <ul>
          {f.files.map((x) => (
            <li key={x.id}>
              <a href={`${API}/followups/${f.id}/files/${x.id}`} download={x.filename}>
                {x.filename}
              </a>{' '}
              <span class="hint">({fmtSize(x.size)})</span>
            </li>
          ))}
        </ul>
      )}
      {f.mayUpdate && (
        <>
          <Evidence f={f} onSaved={saved} />
          <Progress key={f.version} f={f} onSaved={saved} />
        </>
      )}
    </section>
  );
}

export default function Followups() {
  const actor = useStore(userStore);
  const { params } = useRoute();
  const { query, route } = useLocation();
  const allowed = !!actor && roleCan(actor.role, 'coord:read');
  const status = query.status ?? '';
  const overdue = query.overdue ?? '';
  const mine = query.mine ?? '';
  const owner = query.owner ?? '';
  const manage = !!actor && roleCan(actor.role, 'coord:manage');
  const opts = useLoad(
    (signal) => (manage ? call('GET /meetings/options', { signal }) : Promise.resolve(undefined)),
    [manage],
  );
  const list = useLoad(
    (signal) =>
      allowed
        ? call('GET /followups', {
            query: {
              ...(status ? { status } : {}),
              ...(overdue ? { overdue } : {}),
              ...(mine ? { mine } : {}),
              ...(owner ? { ownerOrgId: owner } : {}),
              pageSize: 100,
            },
            signal,
          })
        : Promise.resolve(null),
    [allowed, status, overdue, mine, owner],
  );
  if (!actor) return <Loading />;
  if (!allowed) return <NoAccess />;
  const go = (next: Record<string, string>) => {
    const q = new URLSearchParams({ status, overdue, mine, owner, ...next });
    for (const [k, v] of [...q.entries()]) if (!v) q.delete(k);
    const s = q.toString();
    route(`/rapat/tindak-lanjut${s ? `?${s}` : ''}`);
  };
  const items = list.data?.items ?? [];
  const title = t('fu.title');
  // the PDF and the printed page carry the filters applied (review M3)
  const filters = new URLSearchParams({
    ...(status ? { status } : {}),
    ...(overdue ? { overdue } : {}),
    ...(mine ? { mine } : {}),
    ...(owner ? { ownerOrgId: owner } : {}),
  }).toString();
  const filterWords = [
    status ? `${t('fu.status')}: ${followupStatusText(status as (typeof FOLLOWUP_STATUSES)[number])}` : '',
    overdue === 'true' ? t('fu.onlyOverdue') : overdue === 'false' ? t('fu.notOverdue') : '',
    mine ? t('fu.mine') : '',
    owner ? `${t('fu.ownerOrg')}: ${opts.data?.orgs.find((o) => o.id === owner)?.name ?? ''}` : '',
  ].filter(Boolean);
  return (
    <section class="print-view">
      <PageHeading title={title}>{title}</PageHeading>
      <p class="print-only">
        {filterWords.length ? filterWords.join(' · ') : t('fu.printAll')} ·{' '}
        {t('fu.printedOn', { date: fmtDate(new Date().toISOString(), actor.jurisdiction) })}
      </p>
      <p class="no-print">
        <a href="/rapat">{t('mtg.backToList')}</a>
      </p>
      <p class="actions">
        <a class="button" href={`${API}/followups.pdf${filters ? `?${filters}` : ''}`} download>
          {t('fu.pdf')}
        </a>{' '}
        <button type="button" onClick={() => window.print()}>
          {t('fu.print')}
        </button>
      </p>
      <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('fu.filters')}>
        <div class="grid">
          <SelectField
            prefix="fu-f"
            name="status"
            label={t('fu.status')}
            value={status}
            onValue={(v) => go({ status: v })}
            empty={t('fu.allStatuses')}
            options={FOLLOWUP_STATUSES.map((s) => ({ value: s, text: followupStatusText(s) }))}
          />
          <SelectField
            prefix="fu-f"
            name="overdue"
            label={t('fu.lateness')}
            value={overdue}
            onValue={(v) => go({ overdue: v })}
            empty={t('fu.anyLateness')}
            options={[
              { value: 'true', text: t('fu.onlyOverdue') },
              { value: 'false', text: t('fu.notOverdue') },
            ]}
          />
          {manage && (
            <SelectField
              prefix="fu-f"
              name="owner"
              label={t('fu.ownerOrg')}
              value={owner}
              onValue={(v) => go({ owner: v })}
              empty={t('fu.allOwners')}
              options={(opts.data?.orgs ?? []).map((o) => ({ value: o.id, text: o.name }))}
            />
          )}
          <SelectField
            prefix="fu-f"
            name="mine"
            label={t('fu.whose')}
            value={mine}
            onValue={(v) => go({ mine: v })}
            empty={t('fu.allOwners')}
            options={[{ value: 'true', text: t('fu.mine') }]}
          />
        </div>
      </form>
      {params.id && <FollowupDetail key={params.id} id={params.id} onChanged={list.reload} />}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : items.length === 0 ? (
        <p>{t('fu.none')}</p>
      ) : (
        <CardTable
          caption={title}
          items={items}
          rowClass={(f) => (f.overdueDays > 0 ? 'overdue' : undefined)}
          columns={[
            { head: t('fu.action'), cell: (f) => <a href={`/rapat/tindak-lanjut/${f.id}`}>{f.action}</a> },
            { head: t('fu.owner'), cell: (f) => f.ownerOrgName },
            { head: t('fu.due'), cell: (f) => fmtDate(f.dueOn) },
            { head: t('fu.status'), cell: (f) => <FollowupBadges f={f} /> },
            {
              head: t('fu.meeting'),
              cell: (f) => (
                <a href={`/rapat/${f.meetingId}`}>
                  {f.meetingTitle} · {t('fu.decisionOf', { n: f.decisionNumber })}
                </a>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
