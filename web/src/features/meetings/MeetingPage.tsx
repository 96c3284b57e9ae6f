/** /rapat/:id — one meeting: details, status, attendance, agenda and minutes, decisions with follow-ups, case part, documents, PDF. */
import './words.ts';
import { useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { MeetingDto } from '../../../../src/domain/contract/meetings.ts';
import { API, call, upload } from '../../api.ts';
import {
  bindField,
  Checkbox,
  ErrorSummary,
  FormActions,
  SelectField,
  Submit,
  TextArea,
  TextField,
  useAction,
} from '../../components/form.tsx';
import { LoadError, Loading, Notice, PageHeading, useLoad } from '../../components/page.tsx';
import { useUnsavedGuard } from '../../components/unsaved.ts';
import { t } from '../../i18n/index.ts';
import { fmtDate, fmtDateTimeRange, fmtSize, localToIso } from '../../lib/format.ts';
import { FollowupBadges, kindText, meetingStatusText } from './shared.tsx';

type Options = {
  orgs: Array<{ id: string; name: string }>;
  users: Array<{ id: string; name: string; orgId: string }>;
};
type Saved = (msg: string) => void;

function StatusActions({ m, onSaved }: { m: MeetingDto; onSaved: Saved }) {
  const [reason, setReason] = useState('');
  const [cancelling, setCancelling] = useState(false);
  const { busy, error, attempt, run } = useAction();
  const move = (status: string) =>
    run(async () => {
      await call('POST /meetings/{id}/status', {
        params: { id: m.id },
        body: { version: m.version, status, ...(status === 'dibatalkan' ? { reason: reason.trim() } : {}) },
      });
      onSaved(t('mtg.statusSaved', { status: meetingStatusText(status) }));
    });
  if (m.status === 'selesai' || m.status === 'dibatalkan') return null;
  return (
    <div class="card">
      <ErrorSummary
        error={error}
        attempt={attempt}
        prefix="mtg-status"
        labels={{ minutes: t('mtg.minutes'), reason: t('mtg.cancelReason') }}
      />
      <div class="actions">
        {m.status === 'direncanakan' && (
          <button type="button" disabled={busy} onClick={() => move('berlangsung')}>
            {t('mtg.start')}
          </button>
        )}
        <button type="button" class="primary" disabled={busy} onClick={() => move('selesai')}>
          {t('mtg.finish')}
        </button>
        {!cancelling && (
          <button type="button" disabled={busy} onClick={() => setCancelling(true)}>
            {t('mtg.cancel')}
          </button>
        )}
      </div>
      {cancelling && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            move('dibatalkan');
          }}
          noValidate
        >
          <TextField
            prefix="mtg-status"
            error={error}
            name="reason"
            label={t('mtg.cancelReason')}
            value={reason}
            onValue={setReason}
            required
          />
          <FormActions busy={busy} submit={t('mtg.cancelConfirm')} onCancel={() => setCancelling(false)} />
        </form>
      )}
    </div>
  );
}

function MinutesForm({ m, onSaved }: { m: MeetingDto; onSaved: Saved }) {
  const [v, setV] = useState({ minutes: m.minutes ?? '', agenda: m.agenda.join('\n') });
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { busy, error, attempt, run } = useAction();
  const prefix = 'mtg-minutes';
  const labels = { minutes: t('mtg.minutes'), agenda: t('mtg.agenda') };
  const field = bindField(v, set, labels);
  return (
    <form
      class="card subform"
      noValidate
      aria-label={t('mtg.minutesTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await call('PATCH /meetings/{id}', {
            params: { id: m.id },
            body: {
              version: m.version,
              minutes: v.minutes.trim() || null,
              agenda: v.agenda
                .split('\n')
                .map((x) => x.trim())
                .filter(Boolean),
            },
          });
          onSaved(t('common.saved'));
        });
      }}
    >
      <h2>{t('mtg.minutesTitle')}</h2>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      <TextArea prefix={prefix} error={error} {...field('agenda')} rows={3} hint={t('mtg.agendaHint')} />
      <TextArea prefix={prefix} error={error} {...field('minutes')} rows={8} hint={t('mtg.minutesHint')} />
      <div class="actions">
        <Submit busy={busy}>{t('action.save')}</Submit>
      </div>
    </form>
  );
}

type Row = {
  userId?: string;
  name?: string;
  orgId?: string;
  orgName?: string;
  label: string;
  org: string;
  invited: boolean;
  attended: boolean;
};

const savedRows = (m: MeetingDto): Row[] =>
  m.participants.map((p) => ({
    ...(p.userId ? { userId: p.userId } : { name: p.name }),
    ...(p.userId ? {} : p.orgId ? { orgId: p.orgId } : p.orgName ? { orgName: p.orgName } : {}),
    label: p.name,
    org: p.orgName ?? '',
    invited: p.invited,
    attended: p.attended,
  }));

function Participants({ m, opts, onSaved }: { m: MeetingDto; opts: Options | undefined; onSaved: Saved }) {
  const [rows, setRows] = useState<Row[]>(() => savedRows(m));
  const [userId, setUserId] = useState('');
  const [name, setName] = useState('');
  const [orgId, setOrgId] = useState('');
  const [orgName, setOrgName] = useState('');
  const { busy, error, attempt, run } = useAction();
  const prefix = 'mtg-people';
  // people added, ticked or removed but not saved yet — or a name typed and not added — are not
  // lost silently when the page is left (review M2)
  const payload = (x: Row[]) => x.map(({ label: _l, org: _o, ...p }) => p);
  const dirty =
    JSON.stringify(payload(rows)) !== JSON.stringify(payload(savedRows(m))) || !!userId || name.trim() !== '';
  useUnsavedGuard(dirty, t('mtg.unsaved'));
  const orgOf = (id: string) => opts?.orgs.find((o) => o.id === id)?.name ?? '';
  const addUser = () => {
    const u = opts?.users.find((x) => x.id === userId);
    if (!u) return;
    setRows((r) => [
      ...r,
      // invited, not present: presence is ticked by whoever checks the attendance (review M2)
      { userId: u.id, label: u.name, org: orgOf(u.orgId), invited: true, attended: false },
    ]);
    setUserId('');
  };
  const addOther = () => {
    if (!name.trim()) return;
    setRows((r) => [
      ...r,
      {
        name: name.trim(),
        ...(orgId ? { orgId } : { orgName: orgName.trim() }),
        label: name.trim(),
        org: orgId ? orgOf(orgId) : orgName.trim(),
        invited: true,
        attended: false,
      },
    ]);
    setName('');
    setOrgName('');
  };
  const flip = (i: number, k: 'invited' | 'attended', on: boolean) =>
    setRows((r) => r.map((x, j) => (j === i ? { ...x, [k]: on } : x)));
  return (
    <form
      class="card subform"
      noValidate
      aria-label={t('mtg.people')}
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          const after = await call('PUT /meetings/{id}/participants', {
            params: { id: m.id },
            body: { version: m.version, participants: payload(rows) },
          });
          setRows(savedRows(after));
          onSaved(t('mtg.peopleSaved'));
        });
      }}
    >
      <h2>{t('mtg.people')}</h2>
      <ErrorSummary
        error={error}
        attempt={attempt}
        prefix={prefix}
        labels={{ participants: t('mtg.people') }}
      />
      {dirty && (
        <p class="notice" role="status">
          {t('mtg.unsavedPeople')}
        </p>
      )}
      {rows.length === 0 && <p class="hint">{t('mtg.noPeople')}</p>}
      <ul class="plain">
        {rows.map((r, i) => (
          <li key={`${r.label}-${i}`}>
            <strong>{r.label}</strong>
            {r.org ? ` — ${r.org}` : ''}
            <Checkbox
              prefix={prefix}
              name={`invited-${i}`}
              label={t('mtg.invited')}
              checked={r.invited}
              onChecked={(on) => flip(i, 'invited', on)}
            />
            <Checkbox
              prefix={prefix}
              name={`attended-${i}`}
              label={t('mtg.attended')}
              checked={r.attended}
              onChecked={(on) => flip(i, 'attended', on)}
            />
            <button type="button" onClick={() => setRows((x) => x.filter((_, j) => j !== i))}>
              {t('mtg.remove', { name: r.label })}
            </button>
          </li>
        ))}
      </ul>
      <div class="grid">
        <SelectField
          prefix={prefix}
          name="user"
          label={t('mtg.addUser')}
          value={userId}
          onValue={setUserId}
          // someone already on the list is not offered again
          options={(opts?.users ?? [])
            .filter((u) => !rows.some((r) => r.userId === u.id))
            .map((u) => ({ value: u.id, text: `${u.name} — ${orgOf(u.orgId)}` }))}
        />
        <div class="actions">
          <button type="button" onClick={addUser} disabled={!userId}>
            {t('mtg.addUserButton')}
          </button>
        </div>
      </div>
      <div class="grid">
        <TextField prefix={prefix} name="name" label={t('mtg.otherName')} value={name} onValue={setName} />
        <SelectField
          prefix={prefix}
          name="org"
          label={t('mtg.otherOrg')}
          value={orgId}
          onValue={setOrgId}
          empty={t('mtg.orgTyped')}
          options={(opts?.orgs ?? []).map((o) => ({ value: o.id, text: o.name }))}
        />
        {!orgId && (
          <TextField
            prefix={prefix}
            name="orgName"
            label={t('mtg.otherOrgName')}
            value={orgName}
            onValue={setOrgName}
          />
        )}
        <div class="actions">
          <button type="button" onClick={addOther} disabled={!name.trim()}>
            {t('mtg.addOtherButton')}
          </button>
        </div>
      </div>
      <div class="actions">
        <Submit busy={busy}>{t('mtg.savePeople')}</Submit>
      </div>
    </form>
  );
}

function FollowupFields({
  prefix,
  error,
  opts,
  v,
  set,
  names,
}: {
  prefix: string;
  error: ReturnType<typeof useAction>['error'];
  opts: Options | undefined;
  v: { action: string; ownerOrgId: string; ownerUserId: string; dueOn: string };
  set: (k: 'action' | 'ownerOrgId' | 'ownerUserId' | 'dueOn') => (x: string) => void;
  names: Record<string, string>;
}) {
  return (
    <>
      <TextField
        prefix={prefix}
        error={error}
        name={names.action!}
        label={t('fu.action')}
        value={v.action}
        onValue={set('action')}
      />
      <div class="grid">
        <SelectField
          prefix={prefix}
          error={error}
          name={names.ownerOrgId!}
          label={t('fu.ownerOrg')}
          value={v.ownerOrgId}
          onValue={set('ownerOrgId')}
          options={(opts?.orgs ?? []).map((o) => ({ value: o.id, text: o.name }))}
        />
        <SelectField
          prefix={prefix}
          error={error}
          name={names.ownerUserId!}
          label={t('fu.ownerUser')}
          value={v.ownerUserId}
          onValue={set('ownerUserId')}
          empty={t('fu.noPerson')}
          options={(opts?.users ?? [])
            .filter((u) => u.orgId === v.ownerOrgId)
            .map((u) => ({ value: u.id, text: u.name }))}
        />
        <TextField
          prefix={prefix}
          error={error}
          name={names.dueOn!}
          label={t('fu.due')}
          type="date"
          value={v.dueOn}
          onValue={set('dueOn')}
        />
      </div>
    </>
  );
}

const emptyFollowup = { action: '', ownerOrgId: '', ownerUserId: '', dueOn: '' };
const followupBody = (v: typeof emptyFollowup) => ({
  action: v.action.trim(),
  ownerOrgId: v.ownerOrgId,
  ownerUserId: v.ownerUserId || null,
  dueOn: v.dueOn,
});

function DecisionForm({ m, opts, onSaved }: { m: MeetingDto; opts: Options | undefined; onSaved: Saved }) {
  const [body, setBody] = useState('');
  const [f, setF] = useState(emptyFollowup);
  const set = (k: keyof typeof emptyFollowup) => (x: string) => setF((s) => ({ ...s, [k]: x }));
  const { busy, error, attempt, run } = useAction();
  const prefix = 'mtg-dec';
  const names = {
    action: 'followups.0.action',
    ownerOrgId: 'followups.0.ownerOrgId',
    ownerUserId: 'followups.0.ownerUserId',
    dueOn: 'followups.0.dueOn',
  };
  const labels = {
    body: t('mtg.decision'),
    [names.action]: t('fu.action'),
    [names.ownerOrgId]: t('fu.ownerOrg'),
    [names.ownerUserId]: t('fu.ownerUser'),
    [names.dueOn]: t('fu.due'),
  };
  return (
    <form
      class="card subform"
      noValidate
      aria-label={t('mtg.addDecision')}
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await call('POST /meetings/{id}/decisions', {
            params: { id: m.id },
            body: { body: body.trim(), followups: f.action.trim() ? [followupBody(f)] : [] },
          });
          setBody('');
          setF(emptyFollowup);
          onSaved(t('mtg.decisionSaved'));
        });
      }}
    >
      <h3>{t('mtg.addDecision')}</h3>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      <TextArea
        prefix={prefix}
        error={error}
        name="body"
        label={labels.body}
        value={body}
        onValue={setBody}
        rows={2}
        required
      />
      <p class="hint">{t('mtg.followupOptional')}</p>
      <FollowupFields prefix={prefix} error={error} opts={opts} v={f} set={set} names={names} />
      <div class="actions">
        <Submit busy={busy}>{t('mtg.saveDecision')}</Submit>
      </div>
    </form>
  );
}

function AddFollowup({
  m,
  decisionId,
  opts,
  onSaved,
}: {
  m: MeetingDto;
  decisionId: string;
  opts: Options | undefined;
  onSaved: Saved;
}) {
  const [open, setOpen] = useState(false);
  const [f, setF] = useState(emptyFollowup);
  const set = (k: keyof typeof emptyFollowup) => (x: string) => setF((s) => ({ ...s, [k]: x }));
  const { busy, error, attempt, run } = useAction();
  const prefix = `mtg-fu-${decisionId.slice(0, 8)}`;
  const names = { action: 'action', ownerOrgId: 'ownerOrgId', ownerUserId: 'ownerUserId', dueOn: 'dueOn' };
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('mtg.addFollowup')}
      </button>
    );
  return (
    <form
      class="subform"
      noValidate
      aria-label={t('mtg.addFollowup')}
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await call('POST /meetings/{id}/decisions/{decisionId}/followups', {
            params: { id: m.id, decisionId },
            body: followupBody(f),
          });
          setOpen(false);
          setF(emptyFollowup);
          onSaved(t('mtg.followupSaved'));
        });
      }}
    >
      <ErrorSummary
        error={error}
        attempt={attempt}
        prefix={prefix}
        labels={{
          action: t('fu.action'),
          ownerOrgId: t('fu.ownerOrg'),
          ownerUserId: t('fu.ownerUser'),
          dueOn: t('fu.due'),
        }}
      />
      <FollowupFields prefix={prefix} error={error} opts={opts} v={f} set={set} names={names} />
      <FormActions busy={busy} onCancel={() => setOpen(false)} />
    </form>
  );
}

function CaseParts({ m, onSaved }: { m: MeetingDto; onSaved: Saved }) {
  const parts = useLoad(
    (signal) =>
      m.caseParts.total > m.caseParts.hidden
        ? call('GET /meetings/{id}/cases', { params: { id: m.id }, signal })
        : Promise.resolve({ items: [], hidden: m.caseParts.hidden }),
    [m.id, m.version, m.caseParts.total],
  );
  const [number, setNumber] = useState('');
  const [discussion, setDiscussion] = useState('');
  const { busy, error, attempt, run } = useAction();
  const prefix = 'mtg-case';
  return (
    <section class="card" aria-labelledby="mtg-case-h">
      <h2 id="mtg-case-h">{t('mtg.caseParts')}</h2>
      {m.caseParts.hidden > 0 && (
        <p class="notice warn" role="note">
          {t('mtg.casePartHidden', { n: m.caseParts.hidden })}
        </p>
      )}
      {(parts.data?.items ?? []).map((p) => (
        <article key={p.caseId} class="stack">
          <h3>
            <a href={`/kasus/${p.caseId}`}>{p.caseNumber}</a>
          </h3>
          <p class="pre">{p.discussion}</p>
        </article>
      ))}
      {m.caseParts.total === 0 && <p class="hint">{t('mtg.noCaseParts')}</p>}
      {m.mayManage && (
        <form
          class="subform"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            run(async () => {
              const found = await call('GET /cases', { query: { q: number.trim() } });
              const c = found.items.find((x) => x.number === number.trim().toUpperCase());
              if (!c) throw new Error(t('mtg.caseNotFound'));
              const existing = parts.data?.items.find((x) => x.caseId === c.id);
              await call('PUT /meetings/{id}/cases/{caseId}', {
                params: { id: m.id, caseId: c.id },
                body: { discussion: discussion.trim(), ...(existing ? { version: existing.version } : {}) },
              });
              setNumber('');
              setDiscussion('');
              parts.reload();
              onSaved(t('mtg.casePartSaved'));
            });
          }}
        >
          <h3>{t('mtg.addCasePart')}</h3>
          <ErrorSummary
            error={error}
            attempt={attempt}
            prefix={prefix}
            labels={{ caseId: t('mtg.caseNumber'), discussion: t('mtg.caseDiscussion') }}
          />
          <TextField
            prefix={prefix}
            error={error}
            name="caseId"
            label={t('mtg.caseNumber')}
            value={number}
            onValue={setNumber}
            required
          />
          <TextArea
            prefix={prefix}
            error={error}
            name="discussion"
            label={t('mtg.caseDiscussion')}
            hint={t('mtg.caseDiscussionHint')}
            value={discussion}
            onValue={setDiscussion}
            rows={4}
            required
          />
          <div class="actions">
            <Submit busy={busy}>{t('action.save')}</Submit>
          </div>
        </form>
      )}
    </section>
  );
}

function Documents({ m, onSaved }: { m: MeetingDto; onSaved: Saved }) {
  const input = useRef<HTMLInputElement>(null);
  const { busy, error, attempt, run } = useAction();
  return (
    <section class="card" aria-labelledby="mtg-docs-h">
      <h2 id="mtg-docs-h">{t('mtg.documents')}</h2>
      {m.files.length === 0 ? (
        <p class="hint">{t('mtg.noDocuments')}</p>
      ) : (
        <ul>
          {m.files.map((x) => (
            <li key={x.id}>
              <a href={`${API}/meetings/${m.id}/files/${x.id}`} download={x.filename}>
                {x.filename}
              </a>{' '}
              <span class="hint">({fmtSize(x.size)})</span>
            </li>
          ))}
        </ul>
      )}
      {m.mayManage && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const file = input.current?.files?.[0];
            run(async () => {
              if (!file) throw new Error(t('file.choose'));
              const form = new FormData();
              form.append('file', file);
              await upload('POST /meetings/{id}/files', { id: m.id }, form);
              if (input.current) input.current.value = '';
              onSaved(t('file.uploaded'));
            });
          }}
        >
          <ErrorSummary
            error={error}
            attempt={attempt}
            prefix="mtg-file"
            labels={{ file: t('mtg.document') }}
          />
          <div class="field">
            <label for="mtg-file-file">{t('mtg.document')}</label>
            <input
              id="mtg-file-file"
              ref={input}
              type="file"
              accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.pptx"
            />
          </div>
          <div class="actions">
            <button type="submit" disabled={busy}>
              {t('mtg.upload')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

export default function MeetingPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const one = useLoad((signal) => call('GET /meetings/{id}', { params: { id }, signal }), [id]);
  const [notice, setNotice] = useState<string | null>(null);
  const manage = !!one.data?.mayManage;
  const opts = useLoad(
    (signal) => (manage ? call('GET /meetings/options', { signal }) : Promise.resolve(undefined)),
    [manage],
  );
  if (one.loading && !one.data) return <Loading />;
  if (one.error) return <LoadError error={one.error} onRetry={one.reload} />;
  const m = one.data!;
  const saved = (msg: string) => {
    setNotice(msg);
    one.reload();
  };
  const open = m.status !== 'selesai' && m.status !== 'dibatalkan';
  return (
    <section class="stack">
      <PageHeading title={m.title}>{m.title}</PageHeading>
      <p>
        <a href="/rapat">{t('mtg.backToList')}</a> · <a href="/rapat/tindak-lanjut">{t('fu.title')}</a>
      </p>
      <Notice text={notice} />
      <dl class="facts">
        <dt>{t('mtg.kind')}</dt>
        <dd>{kindText(m.kind)}</dd>
        <dt>{t('mtg.status')}</dt>
        <dd>
          <span class="badge">{meetingStatusText(m.status)}</span>
          {m.cancelReason ? ` — ${m.cancelReason}` : ''}
        </dd>
        <dt>{t('mtg.date')}</dt>
        <dd>
          {fmtDateTimeRange(
            localToIso(`${m.date}T${m.startTime}`, m.jurisdiction) ?? m.date,
            m.endTime ? localToIso(`${m.date}T${m.endTime}`, m.jurisdiction) : null,
            m.jurisdiction,
          )}
        </dd>
        <dt>{t('mtg.place')}</dt>
        <dd>
          {m.place ?? ''}
          {m.onlineLink && (
            <>
              {m.place ? ' · ' : ''}
              <a href={m.onlineLink} rel="noopener noreferrer" target="_blank">
                {t('mtg.onlineLink')}
              </a>
            </>
          )}
        </dd>
        <dt>{t('mtg.organiser')}</dt>
        <dd>{m.organiserName}</dd>
        {m.invitedOrgs.length > 0 && (
          <>
            <dt>{t('mtg.invitedOrgs')}</dt>
            <dd>{m.invitedOrgs.map((o) => o.name).join('; ')}</dd>
          </>
        )}
      </dl>
      <p>
        <a
          class="button"
          href={`${API}/meetings/${m.id}/minutes.pdf`}
          download={`notulen-rapat-${m.date}.pdf`}
        >
          {t('mtg.pdf')}
        </a>{' '}
        <span class="hint">{t('mtg.pdfHint')}</span>
      </p>
      {manage && <StatusActions key={m.version} m={m} onSaved={saved} />}

      <section class="card" aria-labelledby="mtg-agenda-h">
        <h2 id="mtg-agenda-h">{t('mtg.agenda')}</h2>
        {m.agenda.length === 0 ? (
          <p class="hint">—</p>
        ) : (
          <ol>
            {m.agenda.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ol>
        )}
        <h2>{t('mtg.minutes')}</h2>
        <p class="pre">{m.minutes ?? t('mtg.noMinutes')}</p>
      </section>
      {manage && open && <MinutesForm m={m} onSaved={saved} />}

      {manage && open ? (
        <Participants m={m} opts={opts.data} onSaved={saved} />
      ) : (
        <section class="card" aria-labelledby="mtg-people-h">
          <h2 id="mtg-people-h">{t('mtg.people')}</h2>
          {m.status === 'selesai' && <p class="hint">{t('mtg.peopleFinal')}</p>}
          {m.participants.length === 0 ? (
            <p class="hint">{t('mtg.noPeople')}</p>
          ) : (
            <ul>
              {m.participants.map((p) => (
                <li key={p.id}>
                  {p.name}
                  {p.orgName ? ` — ${p.orgName}` : ''} (
                  {[p.invited ? t('mtg.invited') : '', p.attended ? t('mtg.attended') : '']
                    .filter(Boolean)
                    .join(', ')}
                  )
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section class="card" aria-labelledby="mtg-dec-h">
        <h2 id="mtg-dec-h">{t('mtg.decisions')}</h2>
        {m.decisions.length === 0 && <p class="hint">{t('mtg.noDecisions')}</p>}
        <ol class="plain">
          {m.decisions.map((d) => (
            <li key={d.id}>
              <h3>
                {t('fu.decisionOf', { n: d.number })}: {d.body}
              </h3>
              <ul>
                {d.followups.map((f) => (
                  <li key={f.id}>
                    <a href={`/rapat/tindak-lanjut/${f.id}`}>{f.action}</a> — {f.ownerOrgName}, {t('fu.due')}{' '}
                    {fmtDate(f.dueOn)} <FollowupBadges f={f} />
                  </li>
                ))}
              </ul>
              {manage && m.status !== 'dibatalkan' && (
                <AddFollowup m={m} decisionId={d.id} opts={opts.data} onSaved={saved} />
              )}
            </li>
          ))}
        </ol>
        {manage && open && <DecisionForm m={m} opts={opts.data} onSaved={saved} />}
      </section>

      {m.kind === 'case_conference' && <CaseParts m={m} onSaved={saved} />}
      <Documents m={m} onSaved={saved} />
    </section>
  );
}
