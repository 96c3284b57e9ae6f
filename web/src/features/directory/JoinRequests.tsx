import './words.ts';
import { useState } from 'preact/hooks';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { JoinRequestDto } from '../../../../src/domain/dto.ts';
import { call } from '../../api.ts';
import { ErrorSummary, FormActions, TextArea, TextField, useAction } from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, Notice, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { invalidateOrgs } from '../../lib/orgs.ts';
import { useStore } from '../../lib/store.ts';
import { codeLabel, userStore, useTaxonomies } from '../../lib/taxonomies.ts';
import { DirectoryPageHead } from './shared.tsx';

type Approved = { name: string; email: string; password: string };

function ApproveForm({ j, onDone }: { j: JoinRequestDto; onDone: (r: Approved | null) => void }) {
  const [name, setName] = useState(j.contactName);
  const [email, setEmail] = useState(j.email);
  const { busy, error, attempt, run } = useAction();
  const prefix = `jr-a-${j.id.slice(0, 8)}`;
  const labels = { 'firstUser.name': t('join.userName'), 'firstUser.email': t('join.userEmail') };
  const title = t('join.approveTitle', { name: j.orgName });
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const r = await call('POST /join-requests/{id}/approve', {
        params: { id: j.id },
        body: { version: j.version, firstUser: { name: name.trim(), email: email.trim(), role: 'mitra' } },
      });
      invalidateOrgs();
      onDone({ name: j.orgName, email: r.user.email, password: r.temporaryPassword });
    });
  };
  return (
    <form class="card subform" onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      <div class="grid">
        <TextField
          prefix={prefix}
          name="firstUser.name"
          label={labels['firstUser.name']}
          value={name}
          onValue={setName}
          error={error}
          required
        />
        <TextField
          prefix={prefix}
          name="firstUser.email"
          label={labels['firstUser.email']}
          type="email"
          value={email}
          onValue={setEmail}
          error={error}
          required
        />
      </div>
      <FormActions busy={busy} onCancel={() => onDone(null)} />
    </form>
  );
}

function RejectForm({ j, onDone }: { j: JoinRequestDto; onDone: (saved: boolean) => void }) {
  const [note, setNote] = useState('');
  const { busy, error, attempt, run } = useAction();
  const prefix = `jr-r-${j.id.slice(0, 8)}`;
  const labels = { note: t('join.note') };
  const title = t('join.rejectTitle', { name: j.orgName });
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      await call('POST /join-requests/{id}/reject', {
        params: { id: j.id },
        body: { version: j.version, note: note.trim() },
      });
      onDone(true);
    });
  };
  return (
    <form class="card subform" onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      <TextArea
        prefix={prefix}
        name="note"
        label={labels.note}
        value={note}
        onValue={setNote}
        error={error}
        required
      />
      <FormActions busy={busy} onCancel={() => onDone(false)} />
    </form>
  );
}

export default function JoinRequests() {
  const actor = useStore(userStore);
  const tx = useTaxonomies();
  const allowed = !!actor && roleCan(actor.role, 'user:manage');
  const list = useLoad(
    (signal) => (allowed ? call('GET /join-requests', { signal }).then((x) => x.items) : Promise.resolve([])),
    [allowed],
  );
  const [open, setOpen] = useState<{ id: string; kind: 'approve' | 'reject' } | null>(null);
  const [approved, setApproved] = useState<Approved | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!actor) return <Loading />;
  if (!allowed) return <NoAccess />;
  const title = t('join.title');
  const items = list.data ?? [];
  return (
    <section>
      <DirectoryPageHead title={title} />
      <p class="lead">{t('join.intro')}</p>
      {approved && (
        <div class="notice ok" role="status">
          <p>{t('join.approved', { name: approved.name, email: approved.email })}</p>
          <p>{t('join.password')}</p>
          <p class="secret">
            <code>{approved.password}</code>
          </p>
        </div>
      )}
      <Notice text={notice} />
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : items.length === 0 ? (
        <p>{t('join.none')}</p>
      ) : (
        <div class="stack">
          {items.map((j) => (
            <article class="card" key={j.id} aria-labelledby={`jr-${j.id}`}>
              <h2 id={`jr-${j.id}`}>{j.orgName}</h2>
              <p class="badges">
                <span
                  class={`badge ${j.status === 'baru' ? 'warn' : j.status === 'diterima' ? 'ok' : 'muted'}`}
                >
                  {t(`join.status.${j.status}` as 'join.status.baru')}
                </span>
              </p>
              <dl class="facts small">
                <dt>{t('dir.type')}</dt>
                <dd>{codeLabel(tx, 'orgTypes', j.orgType)}</dd>
                <dt>{t('org.region')}</dt>
                <dd>{j.regionName ?? j.regionCode}</dd>
                <dt>{t('dir.services')}</dt>
                <dd>{j.services.map((s) => codeLabel(tx, 'serviceTypes', s)).join(', ')}</dd>
                <dt>{t('dir.contact')}</dt>
                <dd>{[j.address, j.phone, j.email].filter(Boolean).join(' · ')}</dd>
                <dt>{t('join.contact')}</dt>
                <dd>{[j.contactName, j.contactPosition].filter(Boolean).join(', ')}</dd>
                {j.message && (
                  <>
                    <dt>{t('join.message')}</dt>
                    <dd class="pre">{j.message}</dd>
                  </>
                )}
                <dt>{t('join.received')}</dt>
                <dd>{fmtDateTime(j.createdAt)}</dd>
                {j.status !== 'baru' && (
                  <>
                    <dt>{t('join.decision')}</dt>
                    <dd>
                      {[j.decidedByName, fmtDateTime(j.decidedAt), j.decisionNote]
                        .filter(Boolean)
                        .join(' · ')}
                    </dd>
                  </>
                )}
              </dl>
              {j.status === 'baru' && !open && (
                <div class="row-actions">
                  <button
                    type="button"
                    class="primary"
                    onClick={() => {
                      setOpen({ id: j.id, kind: 'approve' });
                      setApproved(null);
                      setNotice(null);
                    }}
                  >
                    {t('join.approve')}
                  </button>
                  <button
                    type="button"
                    onClick={() => {
                      setOpen({ id: j.id, kind: 'reject' });
                      setApproved(null);
                      setNotice(null);
                    }}
                  >
                    {t('join.reject')}
                  </button>
                </div>
              )}
              {open?.id === j.id && open.kind === 'approve' && (
                <ApproveForm
                  j={j}
                  onDone={(r) => {
                    setOpen(null);
                    if (r) {
                      setApproved(r);
                      list.reload();
                    }
                  }}
                />
              )}
              {open?.id === j.id && open.kind === 'reject' && (
                <RejectForm
                  j={j}
                  onDone={(saved) => {
                    setOpen(null);
                    if (saved) {
                      setNotice(t('join.rejected', { name: j.orgName }));
                      list.reload();
                    }
                  }}
                />
              )}
            </article>
          ))}
        </div>
      )}
    </section>
  );
}
