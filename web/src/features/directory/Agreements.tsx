import { useState } from 'preact/hooks';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { AgreementDto } from '../../../../src/domain/dto.ts';
import { API, call, putFile } from '../../api.ts';
import {
  bindField,
  CardTable,
  EditButton,
  ErrorSummary,
  FormActions,
  SelectField,
  TextArea,
  TextField,
  useAction,
} from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, Notice, useEditing, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { fmtDate, todayLocal } from '../../lib/format.ts';
import { useAdminOrgs } from '../../lib/orgs.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';
import { DirectoryPageHead } from './shared.tsx';

export function agreementStatusText(a: AgreementDto): string {
  if (a.status === 'akan_berakhir') return t('agr.st.akan_berakhir', { n: a.daysLeft });
  return t(`agr.st.${a.status}` as 'agr.st.aktif');
}
const STATUS_CLASS: Record<AgreementDto['status'], string> = {
  aktif: 'ok',
  akan_berakhir: 'warn',
  berakhir: 'danger',
  belum_berlaku: 'muted',
};

function AgreementForm({
  agreement,
  onDone,
  reload,
}: {
  agreement: AgreementDto | null;
  onDone: (saved: boolean) => void;
  reload: () => void;
}) {
  const orgs = useAdminOrgs(true);
  const [v, setV] = useState({
    orgId: agreement?.orgId ?? '',
    kind: agreement?.kind ?? 'pks',
    number: agreement?.number ?? '',
    parties: agreement?.parties ?? '',
    subject: agreement?.subject ?? '',
    startsOn: agreement?.startsOn ?? todayLocal(),
    endsOn: agreement?.endsOn ?? '',
  });
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { busy, error, attempt, run } = useAction();
  const prefix = agreement ? `agr-${agreement.id.slice(0, 8)}` : 'agr-new';
  const labels = {
    orgId: t('agr.org'),
    kind: t('agr.kind'),
    number: t('agr.number'),
    parties: t('agr.parties'),
    subject: t('agr.subject'),
    startsOn: t('agr.startsOn'),
    endsOn: t('agr.endsOn'),
  };
  const field = bindField(v, set, labels);
  const common = { prefix, error };
  const submit = (e: Event) => {
    e.preventDefault();
    const body = {
      kind: v.kind,
      number: v.number.trim(),
      parties: v.parties.trim(),
      subject: v.subject.trim(),
      startsOn: v.startsOn,
      endsOn: v.endsOn,
    };
    run(async () => {
      if (agreement)
        await call('PATCH /agreements/{id}', {
          params: { id: agreement.id },
          body: { ...body, version: agreement.version },
        });
      else await call('POST /agreements', { body: { ...body, orgId: v.orgId } });
      onDone(true);
    });
  };
  const title = agreement ? t('agr.editTitle', { number: agreement.number }) : t('agr.add');
  return (
    <form class="card subform" onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} onReload={reload} />
      {!agreement && (
        <SelectField
          {...common}
          {...field('orgId')}
          required
          options={(orgs.data ?? [])
            .filter((o) => o.type !== 'dinas_pppa')
            .map((o) => ({ value: o.id, text: o.name }))}
        />
      )}
      <div class="grid">
        <SelectField
          {...common}
          {...field('kind')}
          required
          empty={false}
          options={[
            { value: 'pks', text: t('agr.kind.pks') },
            { value: 'mou', text: t('agr.kind.mou') },
          ]}
        />
        <TextField {...common} {...field('number')} required />
      </div>
      <TextField {...common} {...field('parties')} required />
      <TextArea {...common} {...field('subject')} required rows={3} />
      <div class="grid">
        <TextField {...common} {...field('startsOn')} type="date" required />
        <TextField {...common} {...field('endsOn')} type="date" required />
      </div>
      <FormActions busy={busy} onCancel={() => onDone(false)} />
    </form>
  );
}

function DocumentCell({ a, onSaved }: { a: AgreementDto; onSaved: (msg: string) => void }) {
  const { busy, error, run } = useAction();
  const id = `agr-doc-${a.id.slice(0, 8)}`;
  return (
    <div>
      {a.documentName ? (
        <a href={`${API}/agreements/${a.id}/document`} download={a.documentName}>
          {a.documentName}
        </a>
      ) : (
        <span class="hint">{t('agr.noDocument')}</span>
      )}
      <label for={id} class="hint">
        {t('agr.upload')}
      </label>
      <input
        id={id}
        type="file"
        accept="application/pdf,.pdf"
        disabled={busy}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (!file) return;
          run(async () => {
            await putFile(
              'PUT /agreements/{id}/document',
              { params: { id: a.id }, query: { name: file.name } },
              file,
              'application/pdf',
            );
            onSaved(t('agr.uploaded', { number: a.number }));
          });
        }}
      />
      {error && (
        <p class="field-error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  );
}

export default function Agreements() {
  const actor = useStore(userStore);
  const allowed = !!actor && roleCan(actor.role, 'user:manage');
  const list = useLoad(
    (signal) => (allowed ? call('GET /agreements', { signal }).then((x) => x.items) : Promise.resolve([])),
    [allowed],
  );
  const edit = useEditing();
  if (!actor) return <Loading />;
  if (!allowed) return <NoAccess />;
  const done = (saved: boolean) => {
    edit.close(saved ? t('common.saved') : undefined);
    if (saved) list.reload();
  };
  const items = list.data ?? [];
  const editing = items.find((a) => a.id === edit.mode) ?? null;
  const title = t('agr.title');
  return (
    <section>
      <DirectoryPageHead title={title}>
        {!edit.mode && (
          <button type="button" class="primary" onClick={() => edit.open('new')}>
            {t('agr.add')}
          </button>
        )}
      </DirectoryPageHead>
      <Notice text={edit.notice} />
      {edit.mode === 'new' && <AgreementForm agreement={null} onDone={done} reload={list.reload} />}
      {editing && (
        <AgreementForm
          key={editing.id + editing.version}
          agreement={editing}
          onDone={done}
          reload={list.reload}
        />
      )}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : items.length === 0 ? (
        <p>{t('agr.none')}</p>
      ) : (
        <CardTable
          caption={title}
          items={items}
          columns={[
            { head: t('agr.org'), cell: (a) => a.orgName },
            { head: t('agr.number'), cell: (a) => `${a.kind.toUpperCase()} ${a.number}` },
            { head: t('agr.subject'), cell: (a) => a.subject },
            { head: t('agr.startsOn'), cell: (a) => fmtDate(a.startsOn) },
            { head: t('agr.endsOn'), cell: (a) => fmtDate(a.endsOn) },
            {
              head: t('agr.status'),
              cell: (a) => <span class={`badge ${STATUS_CLASS[a.status]}`}>{agreementStatusText(a)}</span>,
            },
            {
              head: t('agr.document'),
              cell: (a) => (
                <DocumentCell
                  a={a}
                  onSaved={(msg) => {
                    edit.setNotice(msg);
                    list.reload();
                  }}
                />
              ),
            },
            {
              head: t('common.actions'),
              cell: (a) => (
                <EditButton onClick={() => edit.open(a.id)} aria={t('agr.editAria', { number: a.number })} />
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
