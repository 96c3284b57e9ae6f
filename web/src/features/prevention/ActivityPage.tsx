/**
 * /pencegahan/:id: one prevention activity — what was planned, who led it (audited), its report
 * with participant counts, the Dinas's acceptance of a partner's report, materials and photos.
 */
import './words.ts';
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { ActivityDto } from '../../../../src/domain/contract/prevention.ts';
import { FOLLOWUP_STATUSES } from '../../../../src/domain/prevention-codes.ts';
import { API, call, upload } from '../../api.ts';
import { ErrorSummary, SelectField, Submit, TextArea, TextField, useAction } from '../../components/form.tsx';
import {
  isNotFound,
  Loading,
  NotFoundView,
  PageHeading,
  RecordPending,
  useLoad,
  useRecord,
} from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { fmtDateTime, fmtDateTimeRange, fmtNumber, fmtSize } from '../../lib/format.ts';
import { ActivityForm, fieldText, groupText, kindText, labelIn, settingText, statusText } from './shared.tsx';

const CELLS = ['childrenMale', 'childrenFemale', 'adultsMale', 'adultsFemale'] as const;

function ReportForm({ a, onSaved }: { a: ActivityDto; onSaved: (x: ActivityDto) => void }) {
  const [v, setV] = useState<Record<(typeof CELLS)[number], string>>({
    childrenMale: String(a.participants?.childrenMale ?? ''),
    childrenFemale: String(a.participants?.childrenFemale ?? ''),
    adultsMale: String(a.participants?.adultsMale ?? ''),
    adultsFemale: String(a.participants?.adultsFemale ?? ''),
  });
  const [notes, setNotes] = useState(a.reportNotes ?? '');
  const { busy, error, attempt, run } = useAction();
  const prefix = 'prev-report';
  const labels: Record<string, string> = {
    participants: t('prev.participants'),
    reportNotes: t('prev.reportNotes'),
    // a refusal of the move itself (e.g. not yet begun) names the report, not a hidden field
    to: t('prev.reportTitle'),
    ...Object.fromEntries(CELLS.map((c) => [`participants.${c}`, t(`prev.${c}`)])),
  };
  const num = (s: string) => (s.trim() === '' ? 0 : Number(s.replace(',', '.')));
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const participants = Object.fromEntries(CELLS.map((c) => [c, num(v[c])])) as Record<
        (typeof CELLS)[number],
        number
      >;
      onSaved(
        await call('POST /prevention/activities/{id}/status', {
          params: { id: a.id },
          body: { version: a.version, to: 'dilaporkan', participants, reportNotes: notes || null },
        }),
      );
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('prev.reportTitle')}>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      <fieldset id={`${prefix}-participants`} tabIndex={-1}>
        <legend>{t('prev.participants')}</legend>
        <p class="hint">{t('prev.participantsHint')}</p>
        {CELLS.map((c) => (
          <TextField
            key={c}
            prefix={prefix}
            name={`participants.${c}`}
            label={labels[`participants.${c}`]!}
            type="number"
            inputMode="numeric"
            min="0"
            value={v[c]}
            onValue={(x) => setV((s) => ({ ...s, [c]: x }))}
            error={error}
          />
        ))}
      </fieldset>
      <TextArea
        prefix={prefix}
        name="reportNotes"
        label={labels.reportNotes!}
        value={notes}
        onValue={setNotes}
        rows={3}
        error={error}
      />
      <Submit busy={busy}>{t('prev.reportSubmit')}</Submit>
    </form>
  );
}

function Actions({ a, onSaved }: { a: ActivityDto; onSaved: (x: ActivityDto) => void }) {
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const { busy, error, attempt, run } = useAction();
  const prefix = 'prev-act';
  const labels = {
    reason: t('prev.cancelReason'),
    note: t('prev.reviewNote'),
    to: t('prev.statusTitle'),
    decision: t('prev.reviewTitle'),
  };
  const move = (to: 'terlaksana' | 'dibatalkan') =>
    run(async () =>
      onSaved(
        await call('POST /prevention/activities/{id}/status', {
          params: { id: a.id },
          body: { version: a.version, to, reason: to === 'dibatalkan' ? reason || null : null },
        }),
      ),
    );
  const review = (decision: 'diterima' | 'dikembalikan') =>
    run(async () =>
      onSaved(
        await call('POST /prevention/activities/{id}/review', {
          params: { id: a.id },
          body: { version: a.version, decision, note: note || null },
        }),
      ),
    );
  return (
    <div>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      {a.canReview && (
        <section aria-labelledby="prev-review-h">
          <h2 id="prev-review-h">{t('prev.reviewTitle')}</h2>
          <p class="hint">{t('prev.reviewHint')}</p>
          <TextArea
            prefix={prefix}
            name="note"
            label={labels.note}
            value={note}
            onValue={setNote}
            rows={2}
            error={error}
          />
          <div class="actions">
            <button type="button" class="primary" disabled={busy} onClick={() => review('diterima')}>
              {t('prev.accept')}
            </button>
            <button type="button" disabled={busy} onClick={() => review('dikembalikan')}>
              {t('prev.return')}
            </button>
          </div>
        </section>
      )}
      {a.canEdit && a.status === 'direncanakan' && (
        <section aria-labelledby="prev-status-h">
          <h2 id="prev-status-h">{t('prev.statusTitle')}</h2>
          {/* held or reported only once it has begun (the API refuses it before) */}
          {a.started ? (
            <div class="actions">
              <button type="button" disabled={busy} onClick={() => move('terlaksana')}>
                {t('prev.markHeld')}
              </button>
            </div>
          ) : (
            <p class="hint" data-testid="report-later">
              {t('prev.reportLater', { when: fmtDateTime(a.startsAt, a.jurisdiction) })}
            </p>
          )}
          <TextArea
            prefix={prefix}
            name="reason"
            label={labels.reason}
            value={reason}
            onValue={setReason}
            rows={2}
            error={error}
          />
          <div class="actions">
            <button type="button" disabled={busy} onClick={() => move('dibatalkan')}>
              {t('prev.cancel')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}

function Files({ a, onChanged }: { a: ActivityDto; onChanged: () => void }) {
  const [purpose, setPurpose] = useState('foto');
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, attempt, run } = useAction();
  const prefix = 'prev-file';
  const submit = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    run(async () => {
      const fd = new FormData();
      fd.set('purpose', purpose);
      if (file) fd.set('file', file);
      await upload('POST /prevention/activities/{id}/files', { id: a.id }, fd);
      setFile(null);
      form.reset();
      onChanged();
    });
  };
  return (
    <section aria-labelledby="prev-files-h">
      <h2 id="prev-files-h">{t('prev.files')}</h2>
      {(a.files ?? []).length === 0 ? (
        <p>{t('prev.noFiles')}</p>
      ) : (
        <ul>
          {(a.files ?? []).map((f) => (
            <li key={f.id}>
              <a href={`${API}/prevention/activities/${a.id}/files/${f.id}`} download={f.filename}>
                {f.filename}
              </a>{' '}
              ({f.purpose === 'foto' ? t('prev.photo') : t('prev.material')}, {fmtSize(f.size)})
            </li>
          ))}
        </ul>
      )}
      {a.canEdit && (
        <form onSubmit={submit} noValidate aria-label={t('prev.upload')}>
          <ErrorSummary
            error={error}
            attempt={attempt}
            prefix={prefix}
            labels={{ file: t('prev.file'), purpose: t('prev.purpose') }}
          />
          <SelectField
            prefix={prefix}
            name="purpose"
            label={t('prev.purpose')}
            value={purpose}
            onValue={setPurpose}
            options={[
              { value: 'foto', text: t('prev.photo') },
              { value: 'materi', text: t('prev.material') },
            ]}
            empty={false}
            error={error}
          />
          <div class="field">
            <label for={`${prefix}-file`}>{t('prev.file')}</label>
            <p class="hint" id={`${prefix}-file-hint`}>
              {t('prev.fileHint')}
            </p>
            <input
              id={`${prefix}-file`}
              type="file"
              accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.pptx"
              aria-describedby={`${prefix}-file-hint`}
              onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            />
          </div>
          <Submit busy={busy}>{t('prev.upload')}</Submit>
        </form>
      )}
    </section>
  );
}

/** The follow-ups of an activity; whoever may change it moves each one on (belum → berjalan → selesai, or batal). */
function Followups({ a, onSaved }: { a: ActivityDto; onSaved: (x: ActivityDto) => void }) {
  const { busy, error, attempt, run } = useAction();
  const prefix = 'prev-fu';
  const setStatus = (i: number, status: string) =>
    run(async () =>
      onSaved(
        await call('PATCH /prevention/activities/{id}', {
          params: { id: a.id },
          body: {
            version: a.version,
            followups: a.followups.map((f, j) => ({ text: f.text, status: j === i ? status : f.status })),
          },
        }),
      ),
    );
  return (
    <section aria-labelledby="prev-fu-h">
      <h2 id="prev-fu-h">{t('prev.followups')}</h2>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} />
      <ul>
        {a.followups.map((f, i) => (
          <li key={f.id}>
            {a.canEdit ? (
              <SelectField
                prefix={prefix}
                name={`followups.${i}.status`}
                label={f.text}
                value={f.status}
                onValue={(v) => !busy && setStatus(i, v)}
                options={FOLLOWUP_STATUSES.map((x) => ({
                  value: x.code,
                  text: labelIn(FOLLOWUP_STATUSES, x.code),
                }))}
                empty={false}
                error={error}
              />
            ) : (
              <>
                {f.text} ({labelIn(FOLLOWUP_STATUSES, f.status)})
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function ActivityPage() {
  const { params } = useRoute();
  const id = params.id ?? null;
  const rec = useRecord(id, (x) => call('GET /prevention/activities/{id}', { params: { id: x } }));
  const [editing, setEditing] = useState(false);
  const options = useLoad(
    (signal) => (editing ? call('GET /prevention/options', { signal }) : Promise.resolve(null)),
    [editing],
  );
  if (rec.error && isNotFound(rec.error)) return <NotFoundView />;
  if (rec.error) return <RecordPending error={rec.error} retry={rec.retry} />;
  const a = rec.data;
  if (!a) return <Loading />;
  const saved = (x: ActivityDto) => rec.setData(x);
  return (
    <section>
      <PageHeading title={a.title}>{a.title}</PageHeading>
      <p>
        <a href="/pencegahan">{t('prev.back')}</a>
      </p>
      <p class="status-line">
        <strong>{statusText(a)}</strong>
        {a.reviewNote && ` — ${t('prev.reviewNote')}: ${a.reviewNote}`}
        {a.cancelReason && ` — ${t('prev.cancelReason')}: ${a.cancelReason}`}
      </p>
      {editing && options.data ? (
        <ActivityForm
          options={options.data}
          activity={a}
          onDone={(x) => {
            if (x) saved(x);
            setEditing(false);
          }}
        />
      ) : (
        <>
          <dl class="facts">
            <dt>{t('prev.when')}</dt>
            <dd>{fmtDateTimeRange(a.startsAt, a.endsAt, a.jurisdiction)}</dd>
            <dt>{t('prev.desa')}</dt>
            <dd>
              {a.place.name}, {t('region.district')} {a.place.district}
              {a.rtRw ? `, ${a.rtRw}` : ''}
            </dd>
            <dt>{t('prev.setting')}</dt>
            <dd>
              {settingText(a.setting)}
              {a.placeName ? ` — ${a.placeName}` : ''}
            </dd>
            <dt>{t('prev.kind')}</dt>
            <dd>{a.kind === 'lainnya' && a.kindOther ? a.kindOther : kindText(a.kind)}</dd>
            <dt>{t('prev.field')}</dt>
            <dd>{fieldText(a.field)}</dd>
            <dt>{t('prev.groups')}</dt>
            <dd>{a.targetGroups.map(groupText).join(', ') || '—'}</dd>
            <dt>{t('prev.campaign')}</dt>
            <dd>{a.campaign?.name ?? '—'}</dd>
            <dt>{t('prev.organiser')}</dt>
            <dd>{a.organiser.name}</dd>
            <dt>{t('prev.partners')}</dt>
            <dd>{a.partners.map((p) => p.name).join(', ') || '—'}</dd>
            <dt>{t('prev.facilitators')}</dt>
            <dd>{(a.facilitators ?? []).map((f) => f.name).join(', ') || '—'}</dd>
            {a.description && (
              <>
                <dt>{t('prev.description')}</dt>
                <dd>{a.description}</dd>
              </>
            )}
            <dt>{t('prev.participants')}</dt>
            <dd data-testid="participants">
              {a.participants
                ? t('prev.participantsText', {
                    cm: fmtNumber(a.participants.childrenMale),
                    cf: fmtNumber(a.participants.childrenFemale),
                    am: fmtNumber(a.participants.adultsMale),
                    af: fmtNumber(a.participants.adultsFemale),
                    n: fmtNumber(a.participantTotal),
                  })
                : '—'}
            </dd>
            {a.reportNotes && (
              <>
                <dt>{t('prev.reportNotes')}</dt>
                <dd>{a.reportNotes}</dd>
              </>
            )}
          </dl>
          {a.followups.length > 0 && <Followups key={`fu-${a.version}`} a={a} onSaved={saved} />}
          {a.canEdit && (
            <p>
              <button type="button" onClick={() => setEditing(true)}>
                {t('prev.edit')}
              </button>
            </p>
          )}
          {/* keyed by the version: after any saved change each part starts afresh (no stale error
              box, and a returned report's form holds what was reported) */}
          <Actions key={`act-${a.version}`} a={a} onSaved={saved} />
          {a.canEdit && a.started && (a.status === 'direncanakan' || a.status === 'terlaksana') && (
            <section aria-labelledby="prev-report-h">
              <h2 id="prev-report-h">{t('prev.reportTitle')}</h2>
              <ReportForm key={`rep-${a.version}`} a={a} onSaved={saved} />
            </section>
          )}
          <Files key={`files-${a.version}`} a={a} onChanged={() => rec.load()} />
        </>
      )}
    </section>
  );
}
