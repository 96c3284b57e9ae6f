/**
 * /pelatihan/:id: one training event — its details (editable by the Dinas's managers), its
 * participants with attendance and completion, adding a Simpul user or a partner's staff member
 * without an account, and the certificates of those who completed.
 */
import './words.ts';
import { useState } from 'preact/hooks';
import type {
  TrainingEventDto,
  TrainingOptionsDto,
  TrainingParticipantDto,
} from '../../../../src/domain/contract/training.ts';
import { API, call, upload } from '../../api.ts';
import {
  CardTable,
  ErrorSummary,
  fieldError,
  SelectField,
  Submit,
  TextField,
  useAction,
} from '../../components/form.tsx';
import { LoadError, Loading, Notice, PageHeading, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { fmtSize } from '../../lib/format.ts';
import { attendanceLabel, dates, EventForm, type EventValues, modeLabel, typeName } from './EventForm.tsx';

function AttendanceCell({
  e,
  p,
  onSaved,
}: {
  e: TrainingEventDto;
  p: TrainingParticipantDto;
  onSaved: (p: TrainingParticipantDto) => void;
}) {
  const [attendance, setAttendance] = useState(p.attendance);
  const [completed, setCompleted] = useState(p.completed);
  const { busy, error, attempt, run } = useAction();
  const prefix = `tr-p-${p.id}`;
  const save = (ev: Event) => {
    ev.preventDefault();
    run(async () => {
      const saved = await call('PATCH /training/events/{id}/participants/{pid}', {
        params: { id: e.id, pid: p.id },
        body: { version: p.version, attendance, completed: attendance === 'hadir' ? completed : false },
      });
      onSaved(saved);
    });
  };
  return e.canManage ? (
    <form onSubmit={save} noValidate aria-label={t('train.recordFor', { name: p.name })}>
      <ErrorSummary
        error={error}
        attempt={attempt}
        prefix={prefix}
        labels={{ attendance: t('train.attendance'), completed: t('train.completed') }}
      />
      {/* the column's heading says "Kehadiran": the name is for screen readers only (360 px) */}
      <div class={`field${fieldError(error, 'attendance') ? ' has-error' : ''}`}>
        <label for={`${prefix}-attendance`} class="sr-only">
          {t('train.attendanceOf', { name: p.name })}
        </label>
        <select
          id={`${prefix}-attendance`}
          name="attendance"
          value={attendance}
          onChange={(x) => setAttendance(x.currentTarget.value as typeof attendance)}
          aria-invalid={fieldError(error, 'attendance') ? 'true' : undefined}
        >
          {['terdaftar', 'hadir', 'tidak_hadir'].map((a) => (
            <option key={a} value={a}>
              {attendanceLabel(a)}
            </option>
          ))}
        </select>
      </div>
      <label class="check" for={`${prefix}-completed`}>
        <input
          id={`${prefix}-completed`}
          type="checkbox"
          checked={completed && attendance === 'hadir'}
          disabled={attendance !== 'hadir'}
          onChange={(x) => setCompleted(x.currentTarget.checked)}
        />{' '}
        {t('train.completed')}
        <span class="sr-only">: {p.name}</span>
      </label>
      <button
        type="submit"
        class="primary"
        disabled={busy}
        aria-busy={busy ? 'true' : undefined}
        aria-label={t('train.saveAttendanceOf', { name: p.name })}
      >
        {t('train.saveAttendance')}
      </button>
    </form>
  ) : (
    <>
      {attendanceLabel(p.attendance)}
      {p.completed && ` · ${t('train.completed')}`}
    </>
  );
}

/** Removes someone who has no certificate (the API refuses otherwise: withdraw the completion first). */
function RemoveParticipant({
  e,
  p,
  onRemoved,
}: {
  e: TrainingEventDto;
  p: TrainingParticipantDto;
  onRemoved: (name: string) => void;
}) {
  const { busy, error, attempt, run } = useAction();
  const remove = () => {
    if (!window.confirm(t('train.removeConfirm', { name: p.name }))) return;
    run(async () => {
      await call('DELETE /training/events/{id}/participants/{pid}', {
        params: { id: e.id, pid: p.id },
        query: { version: p.version },
      });
      onRemoved(p.name);
    });
  };
  return (
    <>
      <ErrorSummary error={error} attempt={attempt} prefix={`tr-rm-${p.id}`} />
      <button
        type="button"
        disabled={busy}
        aria-busy={busy ? 'true' : undefined}
        aria-label={t('train.removeParticipantOf', { name: p.name })}
        onClick={remove}
      >
        {t('train.removeParticipant')}
      </button>
    </>
  );
}

function AddParticipant({
  e,
  options,
  taken,
  onAdded,
}: {
  e: TrainingEventDto;
  options: TrainingOptionsDto;
  /** users already on the list: not offered again */
  taken: ReadonlySet<string>;
  onAdded: () => void;
}) {
  const [userId, setUserId] = useState('');
  const [name, setName] = useState('');
  const [orgId, setOrgId] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, attempt, run } = useAction();
  const prefix = 'tr-add';
  const labels = { userId: t('train.user'), name: t('train.guestName'), orgId: t('train.guestOrg') };
  const submit = (ev: Event) => {
    ev.preventDefault();
    setNotice(null);
    run(async () => {
      const p = await call('POST /training/events/{id}/participants', {
        params: { id: e.id },
        body: userId ? { userId } : { name, orgId },
      });
      setUserId('');
      setName('');
      setNotice(t('train.added', { name: p.name }));
      onAdded();
    });
  };
  return (
    <section aria-labelledby="h-tr-add">
      <h3 id="h-tr-add">{t('train.addParticipant')}</h3>
      <Notice text={notice} />
      <form onSubmit={submit} noValidate aria-label={t('train.addParticipant')}>
        <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
        <SelectField
          prefix={prefix}
          name="userId"
          label={labels.userId}
          hint={t('train.userHint')}
          value={userId}
          onValue={setUserId}
          options={options.users
            .filter((u) => !taken.has(u.id))
            .map((u) => ({ value: u.id, text: `${u.name} — ${u.orgName}` }))}
          error={error}
        />
        {!userId && (
          <>
            <TextField
              prefix={prefix}
              name="name"
              label={labels.name}
              value={name}
              onValue={setName}
              maxLength={200}
              error={error}
            />
            <SelectField
              prefix={prefix}
              name="orgId"
              label={labels.orgId}
              value={orgId}
              onValue={setOrgId}
              options={options.organisations.map((o) => ({ value: o.id, text: o.name }))}
              error={error}
            />
          </>
        )}
        <Submit busy={busy}>{t('train.add')}</Submit>
      </form>
    </section>
  );
}

function Materials({ e }: { e: TrainingEventDto }) {
  const files = useLoad(
    (signal) => call('GET /training/events/{id}/files', { params: { id: e.id }, signal }),
    [e.id],
  );
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, attempt, run } = useAction();
  const remove = useAction();
  const prefix = 'tr-file';
  const submit = (ev: Event) => {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    run(async () => {
      const fd = new FormData();
      if (file) fd.set('file', file);
      await upload('POST /training/events/{id}/files', { id: e.id }, fd);
      setFile(null);
      form.reset();
      files.reload();
    });
  };
  return (
    <section aria-labelledby="h-tr-files">
      <h2 id="h-tr-files">{t('train.materials')}</h2>
      {files.error ? (
        <LoadError error={files.error} onRetry={files.reload} />
      ) : files.data && files.data.items.length === 0 ? (
        <p>{t('train.noMaterials')}</p>
      ) : files.data ? (
        <ul>
          {files.data.items.map((f) => (
            <li key={f.id}>
              <a href={`${API}/training/events/${e.id}/files/${f.id}`} download={f.filename}>
                {f.filename}
              </a>{' '}
              ({fmtSize(f.size)})
              {e.canManage && (
                <>
                  {' '}
                  <button
                    type="button"
                    disabled={remove.busy}
                    onClick={() =>
                      remove.run(async () => {
                        await call('DELETE /training/events/{id}/files/{fileId}', {
                          params: { id: e.id, fileId: f.id },
                        });
                        files.reload();
                      })
                    }
                  >
                    {t('train.removeMaterial', { name: f.filename })}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorSummary error={remove.error} attempt={remove.attempt} prefix={`${prefix}-remove`} />
      {e.canManage && (
        <form onSubmit={submit} noValidate aria-label={t('train.uploadMaterial')}>
          <ErrorSummary
            error={error}
            attempt={attempt}
            prefix={prefix}
            labels={{ file: t('train.materialFile') }}
          />
          <div class="field">
            <label for={`${prefix}-file`}>{t('train.materialFile')}</label>
            <p class="hint" id={`${prefix}-file-hint`}>
              {t('train.materialHint')}
            </p>
            <input
              id={`${prefix}-file`}
              type="file"
              accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.pptx"
              aria-describedby={`${prefix}-file-hint`}
              onChange={(x) => setFile(x.currentTarget.files?.[0] ?? null)}
            />
          </div>
          <Submit busy={busy}>{t('train.uploadMaterial')}</Submit>
        </form>
      )}
    </section>
  );
}

export default function TrainingEvent({ id }: { id: string }) {
  const ev = useLoad((signal) => call('GET /training/events/{id}', { params: { id }, signal }), [id]);
  const people = useLoad(
    (signal) => call('GET /training/events/{id}/participants', { params: { id }, signal }),
    [id],
  );
  const canManage = ev.data?.canManage ?? false;
  const options = useLoad(
    (signal) => (canManage ? call('GET /training/options', { signal }) : Promise.resolve(null)),
    [canManage],
  );
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<Record<string, TrainingParticipantDto>>({});
  const [removed, setRemoved] = useState<string | null>(null);
  const edit = useAction();
  if (ev.loading && !ev.data) return <Loading />;
  if (ev.error) return <LoadError error={ev.error} onRetry={ev.reload} />;
  const e = ev.data;
  if (!e) return null;
  const submitEdit = (v: EventValues) =>
    edit.run(async () => {
      await call('PATCH /training/events/{id}', { params: { id }, body: { version: e.version, ...v } });
      setEditing(false);
      ev.reload();
    });
  return (
    <section>
      <PageHeading title={e.title}>{e.title}</PageHeading>
      <p>
        <a href="/pelatihan">{t('train.back')}</a>
      </p>
      <dl class="facts">
        <dt>{t('train.type')}</dt>
        <dd>{typeName(e.type.id, e.type.name)}</dd>
        <dt>{t('train.when')}</dt>
        <dd>
          {dates(e.startsOn, e.endsOn)} · {modeLabel(e.mode)}
          {e.place && ` · ${e.place}`}
        </dd>
        <dt>{t('train.organiser')}</dt>
        <dd>{e.organiser.name}</dd>
        {e.topics.length > 0 && (
          <>
            <dt>{t('train.topics')}</dt>
            <dd>{e.topics.join('; ')}</dd>
          </>
        )}
        {e.trainers.length > 0 && (
          <>
            <dt>{t('train.trainers')}</dt>
            <dd>
              {e.trainers.map((x) => (x.institution ? `${x.name} (${x.institution})` : x.name)).join('; ')}
            </dd>
          </>
        )}
        <dt>{t('train.counts')}</dt>
        <dd>{t('train.countText', { n: e.participants, present: e.attended, done: e.completed })}</dd>
      </dl>
      {canManage &&
        options.data &&
        (editing ? (
          <EventForm
            prefix="tr-edit"
            options={options.data}
            initial={e}
            busy={edit.busy}
            error={edit.error}
            attempt={edit.attempt}
            submitText={t('action.save')}
            onSubmit={submitEdit}
          />
        ) : (
          <button type="button" onClick={() => setEditing(true)}>
            {t('train.edit')}
          </button>
        ))}
      <Materials e={e} />
      <section aria-labelledby="h-tr-people">
        <h2 id="h-tr-people">{t('train.participants')}</h2>
        <Notice text={removed} />
        {people.loading && !people.data ? (
          <Loading />
        ) : people.error ? (
          <LoadError error={people.error} onRetry={people.reload} />
        ) : people.data && people.data.items.length === 0 ? (
          <p>{t('train.noParticipants')}</p>
        ) : people.data ? (
          <CardTable
            caption={t('train.participantsOf', { title: e.title })}
            items={people.data.items.map((p) => saved[p.id] ?? p)}
            columns={[
              {
                head: t('train.name'),
                cell: (p) => (
                  <>
                    {p.name}
                    {p.userId === null && <span class="hint"> ({t('train.noAccount')})</span>}
                  </>
                ),
              },
              { head: t('train.org'), cell: (p) => p.org.name },
              {
                head: t('train.attendance'),
                cell: (p) => (
                  <AttendanceCell
                    key={`${p.id}-${p.version}`}
                    e={e}
                    p={p}
                    onSaved={(x) => setSaved({ ...saved, [x.id]: x })}
                  />
                ),
              },
              {
                head: t('train.certificate'),
                cell: (p) =>
                  p.certificate ? (
                    <a
                      href={`${API}/training/events/${e.id}/participants/${p.id}/certificate.pdf`}
                      download={`sertifikat-${p.id.slice(0, 8)}.pdf`}
                    >
                      {t('train.certificateOf', { name: p.name })}
                    </a>
                  ) : (
                    '—'
                  ),
              },
              ...(canManage
                ? [
                    {
                      head: t('train.removeColumn'),
                      cell: (p: TrainingParticipantDto) =>
                        p.certificate ? (
                          <span class="hint">{t('train.removeNoCert')}</span>
                        ) : (
                          <RemoveParticipant
                            key={`${p.id}-${p.version}`}
                            e={e}
                            p={p}
                            onRemoved={(name) => {
                              setRemoved(t('train.removed', { name }));
                              setSaved({});
                              people.reload();
                              ev.reload();
                            }}
                          />
                        ),
                    },
                  ]
                : []),
            ]}
          />
        ) : null}
        {canManage && options.data && (
          <AddParticipant
            e={e}
            options={options.data}
            taken={new Set((people.data?.items ?? []).flatMap((p) => (p.userId ? [p.userId] : [])))}
            onAdded={() => {
              setRemoved(null);
              setSaved({});
              people.reload();
              ev.reload();
            }}
          />
        )}
      </section>
    </section>
  );
}
