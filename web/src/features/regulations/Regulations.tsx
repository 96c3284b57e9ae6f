/**
 * /regulasi — local regulations (issue 12 §5, decision 033): the list with filters by kind and
 * status and "due for review", highlighted when a review or expiry date is within 60 days or
 * past; record and change (the Dinas's coordination managers), upload and download the signed
 * PDF. Read by the Dinas's staff and leadership (a province its kab/kota's) and partners of the
 * kab/kota.
 */
import './words.ts';
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { RegulationDto } from '../../../../src/domain/contract/regulations.ts';
import { API, call, upload } from '../../api.ts';
import {
  bindField,
  CardTable,
  Checkbox,
  EditButton,
  ErrorSummary,
  FormActions,
  SelectField,
  TextArea,
  TextField,
  useAction,
} from '../../components/form.tsx';
import {
  LoadError,
  Loading,
  NoAccess,
  Notice,
  PageHeading,
  useEditing,
  useLoad,
} from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { fmtDate, todayLocal } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';

/** src/domain/regulations.ts REGULATION_KINDS (not imported: it brings zod into the chunk) */
const KINDS: ReadonlyArray<RegulationDto['kind']> = [
  'perda',
  'perbup',
  'perwal',
  'pergub',
  'sk_kepala_daerah',
  'sk_gugus_tugas_kla',
  'sk_satgas_ppa',
  'keputusan_kepala_dinas',
  'lainnya',
];
const STATUSES: ReadonlyArray<RegulationDto['status']> = ['berlaku', 'dicabut', 'diganti'];
const kindText = (k: string) => t(`reg.kind.${k}` as 'reg.kind.perda');
const statusText = (s: string) => t(`reg.st.${s}` as 'reg.st.berlaku');
const STATUS_CLASS: Record<RegulationDto['status'], string> = {
  berlaku: 'ok',
  dicabut: 'muted',
  diganti: 'muted',
};

function RegulationForm({
  regulation,
  region,
  onDone,
  reload,
}: {
  regulation: RegulationDto | null;
  region: string;
  onDone: (msg: string | null) => void;
  reload: () => void;
}) {
  const [v, setV] = useState({
    kind: regulation?.kind ?? '',
    number: regulation?.number ?? '',
    issuedOn: regulation?.issuedOn ?? '',
    title: regulation?.title ?? '',
    authority: regulation?.authority ?? '',
    status: regulation?.status ?? 'berlaku',
    reviewOn: regulation?.reviewOn ?? '',
    expiresOn: regulation?.expiresOn ?? '',
    note: regulation?.note ?? '',
  });
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { busy, error, attempt, run } = useAction();
  const prefix = regulation ? `reg-${regulation.id.slice(0, 8)}` : 'reg-new';
  const labels = {
    kind: t('reg.kind'),
    number: t('reg.number'),
    issuedOn: t('reg.issuedOn'),
    title: t('reg.title.field'),
    authority: t('reg.authority'),
    status: t('reg.status'),
    reviewOn: t('reg.reviewOn'),
    expiresOn: t('reg.expiresOn'),
    note: t('reg.note'),
  };
  const field = bindField(v, set, labels);
  const common = { prefix, error };
  const submit = (e: Event) => {
    e.preventDefault();
    const body = {
      kind: v.kind,
      number: v.number.trim(),
      issuedOn: v.issuedOn,
      title: v.title.trim(),
      authority: v.authority.trim(),
      status: v.status,
      reviewOn: v.reviewOn || null,
      expiresOn: v.expiresOn || null,
      note: v.note.trim() || null,
    };
    run(async () => {
      if (regulation)
        await call('PATCH /regulations/{id}', {
          params: { id: regulation.id },
          body: { ...body, version: regulation.version },
        });
      else await call('POST /regulations', { body });
      onDone(t('common.saved'));
    });
  };
  const title = regulation ? t('reg.editTitle', { number: regulation.number }) : t('reg.add');
  return (
    <form class="card subform" onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} onReload={reload} />
      <div class="grid">
        <SelectField
          {...common}
          {...field('kind')}
          required
          options={KINDS.map((k) => ({ value: k, text: kindText(k) }))}
        />
        <TextField {...common} {...field('number')} required />
      </div>
      <TextArea {...common} {...field('title')} required rows={2} />
      <div class="grid">
        <TextField {...common} {...field('issuedOn')} type="date" required max={todayLocal(region)} />
        <TextField {...common} {...field('authority')} required hint={t('reg.authorityHint')} />
      </div>
      <div class="grid">
        <SelectField
          {...common}
          {...field('status')}
          required
          empty={false}
          options={STATUSES.map((s) => ({ value: s, text: statusText(s) }))}
        />
        <TextField {...common} {...field('reviewOn')} type="date" hint={t('reg.datesHint')} />
        <TextField {...common} {...field('expiresOn')} type="date" hint={t('reg.datesHint')} />
      </div>
      <TextArea {...common} {...field('note')} rows={2} />
      <FormActions busy={busy} onCancel={() => onDone(null)} />
    </form>
  );
}

function NextCell({ r }: { r: RegulationDto }) {
  if (!r.next) return <>—</>;
  const when = t(r.next.kind === 'review' ? 'reg.next.review' : 'reg.next.expiry', {
    date: fmtDate(r.next.on),
  });
  const left =
    r.next.daysLeft < 0
      ? t('reg.next.past', { n: -r.next.daysLeft })
      : t('reg.next.left', { n: r.next.daysLeft });
  return (
    <span>
      {when} ({left})
      {r.next.due && (
        <>
          {' '}
          <span class={`badge ${r.next.daysLeft < 0 ? 'danger' : 'warn'}`}>{t('reg.dueBadge')}</span>
        </>
      )}
    </span>
  );
}

function FileCell({ r, onSaved }: { r: RegulationDto; onSaved: (msg: string) => void }) {
  const { busy, error, run } = useAction();
  const id = `reg-file-${r.id.slice(0, 8)}`;
  return (
    <div class="file-cell">
      {r.file ? (
        <a href={`${API}/regulations/${r.id}/file`} download={r.file.filename}>
          {r.file.filename}
        </a>
      ) : (
        <span class="hint">{t('reg.noFile')}</span>
      )}
      {r.canManage && (
        <>
          <label for={id} class="hint">
            {t('reg.upload')}
          </label>
          <input
            id={id}
            type="file"
            accept="application/pdf,.pdf"
            disabled={busy}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (!file) return;
              const form = new FormData();
              form.append('file', file, file.name);
              run(async () => {
                await upload('POST /regulations/{id}/file', { id: r.id }, form);
                onSaved(t('reg.uploaded', { number: r.number }));
              });
            }}
          />
        </>
      )}
      {error && (
        <p class="field-error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  );
}

export default function Regulations() {
  const actor = useStore(userStore);
  const allowed = !!actor && roleCan(actor.role, 'coord:read');
  const manager = !!actor && roleCan(actor.role, 'coord:manage');
  // a reminder links here with ?due=1: the list opens on what needs attention
  const { query } = useLocation();
  const [f, setF] = useState({ kind: '', status: '', due: query.due === '1' });
  const [applied, setApplied] = useState(f);
  const list = useLoad(
    (signal) =>
      allowed
        ? call('GET /regulations', {
            signal,
            query: {
              ...(applied.kind ? { kind: applied.kind } : {}),
              ...(applied.status ? { status: applied.status } : {}),
              ...(applied.due ? { due: '1' } : {}),
            },
          }).then((x) => x.items)
        : Promise.resolve([]),
    [allowed, applied.kind, applied.status, applied.due],
  );
  const edit = useEditing();
  if (!actor) return <Loading />;
  if (!allowed) return <NoAccess />;
  const done = (msg: string | null) => {
    edit.close(msg ?? undefined);
    if (msg) list.reload();
  };
  const items = list.data ?? [];
  const editing = items.find((r) => r.id === edit.mode) ?? null;
  const title = t('reg.title');
  const filtered = !!(applied.kind || applied.status || applied.due);
  return (
    <section>
      <div class="page-head">
        <PageHeading title={title}>{title}</PageHeading>
        {!edit.mode && manager && (
          <button type="button" class="primary" onClick={() => edit.open('new')}>
            {t('reg.add')}
          </button>
        )}
      </div>
      <p>{t('reg.intro')}</p>
      <p class="row-actions">
        <a class="button" href="/direktori/kerja-sama">
          {t('reg.agreementsLink')}
        </a>
      </p>
      <Notice text={edit.notice} />
      {edit.mode === 'new' && (
        <RegulationForm regulation={null} region={actor.jurisdiction} onDone={done} reload={list.reload} />
      )}
      {editing && (
        <RegulationForm
          key={editing.id + editing.version}
          regulation={editing}
          region={editing.jurisdiction}
          onDone={done}
          reload={list.reload}
        />
      )}
      <form
        class="filters"
        aria-label={t('reg.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(f);
        }}
      >
        <div class="grid">
          <SelectField
            prefix="reg-f"
            name="kind"
            label={t('reg.filterKind')}
            value={f.kind}
            onValue={(kind) => setF((x) => ({ ...x, kind }))}
            empty={t('reg.all')}
            options={KINDS.map((k) => ({ value: k, text: kindText(k) }))}
          />
          <SelectField
            prefix="reg-f"
            name="status"
            label={t('reg.filterStatus')}
            value={f.status}
            onValue={(status) => setF((x) => ({ ...x, status }))}
            empty={t('reg.all')}
            options={STATUSES.map((s) => ({ value: s, text: statusText(s) }))}
          />
        </div>
        <Checkbox
          prefix="reg-f"
          name="due"
          label={t('reg.filterDue')}
          checked={f.due}
          onChecked={(due) => setF((x) => ({ ...x, due }))}
        />
        <button type="submit">{t('reg.apply')}</button>
      </form>
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : items.length === 0 ? (
        <p>{filtered ? t('reg.noneMatch') : t('reg.none')}</p>
      ) : (
        <CardTable
          caption={title}
          items={items}
          rowClass={(r) => (r.next?.due ? 'row-due' : undefined)}
          columns={[
            {
              head: t('reg.number'),
              cell: (r) => (
                <>
                  <span class="hint">{kindText(r.kind)}</span>
                  <br />
                  {r.number}
                </>
              ),
            },
            { head: t('reg.title.field'), cell: (r) => r.title },
            { head: t('reg.authority'), cell: (r) => r.authority },
            { head: t('reg.issuedOn'), cell: (r) => fmtDate(r.issuedOn) },
            {
              head: t('reg.status'),
              cell: (r) => <span class={`badge ${STATUS_CLASS[r.status]}`}>{statusText(r.status)}</span>,
            },
            { head: t('reg.next'), cell: (r) => <NextCell r={r} /> },
            ...(items.some((r) => r.jurisdiction !== actor.jurisdiction)
              ? [{ head: t('reg.region'), cell: (r: RegulationDto) => r.jurisdictionName ?? r.jurisdiction }]
              : []),
            {
              head: t('reg.file'),
              cell: (r) => (
                <FileCell
                  r={r}
                  onSaved={(msg) => {
                    edit.setNotice(msg);
                    list.reload();
                  }}
                />
              ),
            },
            {
              head: t('common.actions'),
              cell: (r) =>
                r.canManage ? (
                  <EditButton
                    onClick={() => edit.open(r.id)}
                    aria={t('reg.editAria', { number: r.number })}
                  />
                ) : null,
            },
          ]}
        />
      )}
    </section>
  );
}
