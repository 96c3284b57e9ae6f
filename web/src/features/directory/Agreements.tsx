import './words.ts';
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
import { fmtDate, isoToLocal, todayLocal } from '../../lib/format.ts';
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

/** pihak pertama first (src/domain/directory.ts AGREEMENT_PARTY_ROLES; not imported: it brings zod) */
const AGREEMENT_PARTY_ROLES: ReadonlyArray<AgreementDto['partyOrgs'][number]['role']> = [
  'pihak_pertama',
  'pihak_kedua',
  'pihak_ketiga',
  'pihak_keempat',
  'pihak_kelima',
  'pihak_keenam',
  'mengetahui',
];
const roleOptions = () =>
  AGREEMENT_PARTY_ROLES.map((r) => ({ value: r, text: t(`agr.role.${r}` as 'agr.role.pihak_pertama') }));

/** The meetings of the jurisdiction, newest first, for "decided at the meeting" (none when not readable). */
function useMeetingOptions() {
  const list = useLoad(
    (signal) =>
      call('GET /meetings', { signal, query: { pageSize: 100 } })
        .then((x) => x.items)
        .catch(() => []),
    [],
  );
  return (list.data ?? []).map((m) => ({ value: m.id, text: `${fmtDate(m.date)} — ${m.title}` }));
}

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
  const meetings = useMeetingOptions();
  const [v, setV] = useState({
    orgId: agreement?.orgId ?? '',
    kind: agreement?.kind ?? 'pks',
    number: agreement?.number ?? '',
    parties: agreement?.parties ?? '',
    subject: agreement?.subject ?? '',
    startsOn: agreement?.startsOn ?? todayLocal(),
    endsOn: agreement?.endsOn ?? '',
    meetingId: agreement?.meetingId ?? '',
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
    meetingId: t('agr.meeting'),
  };
  const field = bindField(v, set, labels);
  const common = { prefix, error };
  const submit = (e: Event) => {
    e.preventDefault();
    const parties = v.parties.trim();
    const body = {
      kind: v.kind,
      number: v.number.trim(),
      // left empty on a new agreement: made from the parties' names
      ...(parties || agreement ? { parties } : {}),
      subject: v.subject.trim(),
      startsOn: v.startsOn,
      endsOn: v.endsOn,
      meetingId: v.meetingId || null,
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
            { value: 'naskah', text: t('agr.kind.naskah') },
          ]}
        />
        <TextField {...common} {...field('number')} required />
      </div>
      <TextField
        {...common}
        {...field('parties')}
        required={!!agreement}
        hint={agreement ? undefined : t('agr.partiesHint')}
      />
      <TextArea {...common} {...field('subject')} required rows={3} />
      <div class="grid">
        <TextField {...common} {...field('startsOn')} type="date" required />
        <TextField {...common} {...field('endsOn')} type="date" required />
      </div>
      <SelectField {...common} {...field('meetingId')} empty={t('agr.meetingNone')} options={meetings} />
      <FormActions busy={busy} onCancel={() => onDone(false)} />
    </form>
  );
}

/** The whole list of parties: change a role, remove one, add one; saved at once with the version. */
function PartiesForm({
  agreement,
  onDone,
  reload,
}: {
  agreement: AgreementDto;
  onDone: (msg: string | null) => void;
  reload: () => void;
}) {
  const orgs = useAdminOrgs(true);
  const [list, setList] = useState(
    agreement.partyOrgs.map((p) => ({ orgId: p.orgId, orgName: p.orgName, role: p.role as string })),
  );
  // a position other than "mengetahui" is one party's: the add form offers only those still free
  const freeRoles = (l: ReadonlyArray<{ role: string }>) =>
    roleOptions().filter((o) => o.value === 'mengetahui' || !l.some((p) => p.role === o.value));
  const [add, setAdd] = useState({ orgId: '', role: freeRoles(list)[0]!.value as string });
  const { busy, error, attempt, run } = useAction();
  const prefix = `agp-${agreement.id.slice(0, 8)}`;
  const title = t('agr.partiesTitle', { number: agreement.number });
  const labels: Record<string, string> = { partyOrgs: t('agr.partyOrgs') };
  list.forEach((p, i) => {
    labels[`partyOrgs.${i}.orgId`] = p.orgName;
    labels[`partyOrgs.${i}.role`] = t('agr.partyRole', { org: p.orgName });
  });
  const candidates = (orgs.data ?? []).filter((o) => !list.some((p) => p.orgId === o.id));
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      await call('PUT /agreements/{id}/parties', {
        params: { id: agreement.id },
        body: { version: agreement.version, partyOrgs: list.map((p) => ({ orgId: p.orgId, role: p.role })) },
      });
      onDone(t('agr.partiesSaved', { number: agreement.number }));
    });
  };
  return (
    <form class="card subform" onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} onReload={reload} />
      {list.length === 0 && <p class="hint">{t('agr.partiesEmpty')}</p>}
      <ul class="plain party-list">
        {list.map((p, i) => (
          <li key={p.orgId} class="row-actions">
            <SelectField
              prefix={prefix}
              error={error}
              name={`partyOrgs.${i}.role`}
              label={t('agr.partyRole', { org: p.orgName })}
              value={p.role}
              onValue={(role) => setList((l) => l.map((x, j) => (j === i ? { ...x, role } : x)))}
              empty={false}
              options={roleOptions()}
            />
            <button
              type="button"
              aria-label={t('agr.partyRemoveAria', { org: p.orgName })}
              onClick={() => setList((l) => l.filter((_, j) => j !== i))}
            >
              {t('agr.partyRemove')}
            </button>
          </li>
        ))}
      </ul>
      <fieldset>
        <legend>{t('agr.partyAdd')}</legend>
        <div class="grid">
          <SelectField
            prefix={`${prefix}-add`}
            name="orgId"
            label={t('agr.partyAddOrg')}
            value={add.orgId}
            onValue={(orgId) => setAdd((a) => ({ ...a, orgId }))}
            options={candidates.map((o) => ({ value: o.id, text: o.name }))}
          />
          <SelectField
            prefix={`${prefix}-add`}
            name="role"
            label={t('agr.partyAddRole')}
            value={add.role}
            onValue={(role) => setAdd((a) => ({ ...a, role }))}
            empty={false}
            options={freeRoles(list)}
          />
        </div>
        <button
          type="button"
          disabled={!add.orgId}
          onClick={() => {
            const o = candidates.find((x) => x.id === add.orgId);
            if (!o) return;
            const next = [...list, { orgId: o.id, orgName: o.name, role: add.role }];
            setList(next);
            setAdd({ orgId: '', role: freeRoles(next)[0]!.value });
          }}
        >
          {t('agr.partyAdd')}
        </button>
      </fieldset>
      <FormActions busy={busy} onCancel={() => onDone(null)} />
    </form>
  );
}

/** The local day (YYYY-MM-DD) of a meeting's start in the agreement's region. */
const meetingDay = (iso: string, region: string) => isoToLocal(iso, region).slice(0, 10);

function PartiesCell({ a }: { a: AgreementDto }) {
  return (
    <ul class="plain">
      {a.partyOrgs.map((p) => (
        <li key={p.orgId}>
          <span class="hint">{t(`agr.role.${p.role}` as 'agr.role.pihak_pertama')}:</span> {p.orgName}
        </li>
      ))}
    </ul>
  );
}

function DocumentCell({ a, onSaved }: { a: AgreementDto; onSaved: (msg: string) => void }) {
  const { busy, error, run } = useAction();
  const id = `agr-doc-${a.id.slice(0, 8)}`;
  return (
    <div class="file-cell">
      {a.documentName ? (
        <a href={`${API}/agreements/${a.id}/document`} download={a.documentName}>
          {a.documentName}
        </a>
      ) : (
        <span class="hint">{t('agr.noDocument')}</span>
      )}
      {a.canManage && (
        <>
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

export default function Agreements() {
  const actor = useStore(userStore);
  // the Dinas administrators (who record them), Dinas staff and leadership, and partners who are a party
  const manager = !!actor && roleCan(actor.role, 'user:manage');
  const allowed = manager || (!!actor && roleCan(actor.role, 'coord:read'));
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
  const partiesOf = items.find((a) => `parties:${a.id}` === edit.mode) ?? null;
  const title = t('agr.title');
  return (
    <section>
      <DirectoryPageHead title={title}>
        {!edit.mode && manager && (
          <button type="button" class="primary" onClick={() => edit.open('new')}>
            {t('agr.add')}
          </button>
        )}
      </DirectoryPageHead>
      <Notice text={edit.notice} />
      {!manager && <p class="hint">{t('agr.readOnly')}</p>}
      {edit.mode === 'new' && <AgreementForm agreement={null} onDone={done} reload={list.reload} />}
      {editing && (
        <AgreementForm
          key={editing.id + editing.version}
          agreement={editing}
          onDone={done}
          reload={list.reload}
        />
      )}
      {partiesOf && (
        <PartiesForm
          key={partiesOf.id + partiesOf.version}
          agreement={partiesOf}
          onDone={(msg) => {
            edit.close(msg ?? undefined);
            if (msg) list.reload();
          }}
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
            {
              head: t('agr.number'),
              cell: (a) => `${t(`agr.kind.${a.kind}` as 'agr.kind.pks')} ${a.number}`,
            },
            { head: t('agr.partyOrgs'), cell: (a) => <PartiesCell a={a} /> },
            { head: t('agr.subject'), cell: (a) => a.subject },
            { head: t('agr.startsOn'), cell: (a) => fmtDate(a.startsOn) },
            { head: t('agr.endsOn'), cell: (a) => fmtDate(a.endsOn) },
            {
              head: t('agr.status'),
              cell: (a) => <span class={`badge ${STATUS_CLASS[a.status]}`}>{agreementStatusText(a)}</span>,
            },
            {
              head: t('agr.meetingLink'),
              cell: (a) =>
                a.meetingId ? (
                  <>
                    <a href={`/rapat/${a.meetingId}`}>{a.meeting?.title ?? t('agr.meetingLink')}</a>
                    {a.meeting && ` (${fmtDate(a.meeting.startsAt, a.jurisdiction)})`}
                    {/* kept, not refused (decision 033): a rakor may confirm an agreement already in force */}
                    {a.meeting && meetingDay(a.meeting.startsAt, a.jurisdiction) > a.startsOn && (
                      <span class="hint"> {t('agr.meetingAfterStart')}</span>
                    )}
                  </>
                ) : (
                  '—'
                ),
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
              cell: (a) =>
                a.canManage ? (
                  <div class="row-actions">
                    <EditButton
                      onClick={() => edit.open(a.id)}
                      aria={t('agr.editAria', { number: a.number })}
                    />
                    <button
                      type="button"
                      aria-label={t('agr.partiesEditAria', { number: a.number })}
                      onClick={() => edit.open(`parties:${a.id}`)}
                    >
                      {t('agr.partiesEdit')}
                    </button>
                  </div>
                ) : null,
            },
          ]}
        />
      )}
    </section>
  );
}
