import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { CaseDto } from '../../../../src/domain/dto.ts';
import type { Stage } from '../../../../src/domain/stages.ts';
import { STAGE_LABELS } from '../../../../src/domain/stages.ts';
import { ApiError, call } from '../../api.ts';
import {
  codeOptions,
  ErrorSummary,
  FormActions,
  fieldError,
  orNull,
  SelectField,
  TextArea,
  useAction,
} from '../../components/form.tsx';
import { isNotFound, Loading, PageHeading, RecordPending, useRecord } from '../../components/page.tsx';
import { label, type MessageKey, t } from '../../i18n/index.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { codeLabel, type Taxonomies, userStore, useTaxonomies } from '../../lib/taxonomies.ts';
import { TransferForm } from '../transfers/TransferForm.tsx';
import type { TabProps } from './shared.ts';
import { AccessLog } from './tabs/AccessLog.tsx';
import { Diversion, isAbhCase } from './tabs/Diversion.tsx';
import { Attachments } from './tabs/Files.tsx';
import { Timeline } from './tabs/History.tsx';
import { Incidents } from './tabs/Incidents.tsx';
import { Persons } from './tabs/Persons.tsx';
import { Assessment, Notes, Plan, Rights, Services } from './tabs/Records.tsx';
import { Referrals } from './tabs/Referrals.tsx';
import { Summary } from './tabs/Summary.tsx';

type TabDef = {
  slug: string;
  key: MessageKey;
  view: (p: TabProps) => JSX.Element | null;
  show?: (c: CaseDto) => boolean;
};

const TABS: TabDef[] = [
  { slug: 'ringkasan', key: 'tab.summary', view: Summary },
  { slug: 'orang', key: 'tab.persons', view: Persons },
  { slug: 'kejadian', key: 'tab.incidents', view: Incidents },
  { slug: 'asesmen', key: 'tab.assessment', view: Assessment },
  { slug: 'rencana', key: 'tab.plan', view: Plan },
  { slug: 'layanan', key: 'tab.services', view: Services },
  { slug: 'hak', key: 'tab.rights', view: Rights },
  { slug: 'catatan', key: 'tab.notes', view: Notes },
  // only for a case of a child in contact with the law (AMPK ABH on an incident; decision 036)
  { slug: 'diversi', key: 'tab.diversion', view: Diversion, show: isAbhCase },
  { slug: 'rujukan', key: 'tab.referrals', view: Referrals },
  { slug: 'lampiran', key: 'tab.files', view: Attachments },
  { slug: 'linimasa', key: 'tab.timeline', view: Timeline },
  { slug: 'log-akses', key: 'tab.accessLog', view: AccessLog, show: (c) => c.permissions.accessLog },
];

function StageDialog({
  c,
  reload,
  tx,
  onClose,
}: {
  c: CaseDto;
  reload: () => Promise<void>;
  tx: Taxonomies | null;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [to, setTo] = useState<Stage | ''>(
    c.allowedTransitions.length === 1 ? (c.allowedTransitions[0] ?? '') : '',
  );
  const [closureReason, setClosureReason] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, attempt, run } = useAction();
  const reopening = c.stage === 'terminasi';

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      if (!to)
        throw new ApiError(400, 'CLIENT_VALIDATION', t('error.checkFields'), { to: t('stage.chooseTarget') });
      await call('POST /cases/{id}/transition', {
        params: { id: c.id },
        body: {
          version: c.version,
          to,
          reason: orNull(reason),
          closureReason: to === 'terminasi' ? orNull(closureReason) : null,
        },
      });
      await reload();
      ref.current?.close();
    });
  };

  const labels = {
    to: t('stage.target'),
    closureReason: t('stage.closureReason'),
    reason: reopening ? t('stage.reopenReason') : t('stage.note'),
  };
  const toErr = fieldError(error, 'to');

  return (
    <dialog ref={ref} class="dialog" aria-labelledby="stage-title" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id="stage-title">{t('stage.change')}</h2>
        <p>
          {t('stage.current')}: <strong>{label(STAGE_LABELS[c.stage])}</strong>
        </p>
        <ErrorSummary error={error} attempt={attempt} prefix="st" labels={labels} onReload={() => reload()} />
        <fieldset id="st-to" tabIndex={-1} class={`field${toErr ? ' has-error' : ''}`}>
          <legend>{labels.to}</legend>
          {c.allowedTransitions.map((s) => (
            <label class="check" key={s}>
              <input type="radio" name="to" value={s} checked={to === s} onChange={() => setTo(s)} />{' '}
              {label(STAGE_LABELS[s])}
            </label>
          ))}
          {toErr && <p class="field-error">{toErr}</p>}
        </fieldset>
        {to === 'terminasi' && (
          <SelectField
            prefix="st"
            name="closureReason"
            label={labels.closureReason}
            value={closureReason}
            onValue={setClosureReason}
            options={codeOptions(tx?.closureReasons)}
            error={error}
            required
          />
        )}
        <TextArea
          prefix="st"
          name="reason"
          label={labels.reason}
          hint={reopening ? t('stage.reopenHint') : undefined}
          value={reason}
          onValue={setReason}
          rows={3}
          error={error}
          required={reopening}
        />
        <FormActions busy={busy} onCancel={() => ref.current?.close()} submit={t('stage.confirm')} />
      </form>
    </dialog>
  );
}

function Header({ c, reload, tx }: TabProps) {
  const [dialog, setDialog] = useState(false);
  const overdue = c.tasks.filter((x) => x.overdue);
  const btn = useRef<HTMLButtonElement>(null);
  const user = useStore(userStore);
  const [transfer, setTransfer] = useState(false);
  const [transferred, setTransferred] = useState(false);
  const tbtn = useRef<HTMLButtonElement>(null);
  const canTransfer =
    !!user && roleCan(user.role, 'case:transfer') && c.permissions.update && c.stage !== 'terminasi';
  return (
    <div class="case-head">
      <div class="page-head">
        <PageHeading title={c.number}>
          <span class="sr-only">{t('case.caseLabel')} </span>
          {c.number}
        </PageHeading>
        {c.permissions.transition && c.allowedTransitions.length > 0 && (
          <button type="button" ref={btn} onClick={() => setDialog(true)}>
            {t('stage.change')}
          </button>
        )}
        {canTransfer && (
          <button type="button" ref={tbtn} onClick={() => setTransfer(true)}>
            {t('tr.new')}
          </button>
        )}
      </div>
      {transferred && (
        <p class="notice ok" role="status">
          {t('tr.requested')} <a href="/pelimpahan?box=keluar">{t('tr.follow')}</a>
        </p>
      )}
      {transfer && (
        <TransferForm
          c={c}
          onDone={() => setTransferred(true)}
          onClose={() => {
            setTransfer(false);
            tbtn.current?.focus();
          }}
        />
      )}
      <dl class="facts">
        <div>
          <dt>{t('case.stage')}</dt>
          <dd>
            <span class="badge stage">{label(STAGE_LABELS[c.stage])}</span>
          </dd>
        </div>
        <div>
          <dt>{t('case.risk')}</dt>
          <dd>
            <span class={c.risk === 'tinggi' ? 'badge danger' : undefined}>
              {codeLabel(tx, 'riskLevels', c.risk)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('case.manager')}</dt>
          <dd>{c.managerName ?? t('case.noManager')}</dd>
        </div>
        <div>
          <dt>{t('case.receivedAt')}</dt>
          <dd>{fmtDateTime(c.receivedAt, c.jurisdiction)}</dd>
        </div>
        {c.intake.length > 0 && (
          <div>
            <dt>{t('case.fromIntake')}</dt>
            <dd>
              {c.intake.map((i, n) => (
                <span key={i.id}>
                  {n > 0 && '; '}
                  <a href={`/pengaduan/${i.id}`}>{i.code}</a> (
                  {t('case.intakeItem', {
                    channel: codeLabel(tx, 'intakeChannels', i.channel),
                    at: fmtDateTime(i.receivedAt, c.jurisdiction),
                  })}
                  )
                </span>
              ))}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('case.overdueTasks')}</dt>
          <dd>
            {overdue.length > 0 ? (
              <span class="badge danger">{t('case.overdueN', { n: overdue.length })}</span>
            ) : (
              t('common.none')
            )}
          </dd>
        </div>
      </dl>
      {overdue.length > 0 && (
        <ul class="task-list compact" aria-label={t('case.overdueTasks')}>
          {overdue.map((x) => (
            <li key={`${x.rule}-${x.subjectId ?? ''}`} class="overdue">
              <span class="badge danger">{t('task.overdue')}</span>{' '}
              <span class="task-label">{label(x.label)}</span>{' '}
              <span class="task-meta">
                {t('task.due')}: {fmtDateTime(x.dueAt, c.jurisdiction)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {c.stage === 'terminasi' && (
        <p class="notice">
          {t('case.closedNotice', {
            reason: codeLabel(tx, 'closureReasons', c.closureReason),
            date: fmtDateTime(c.closedAt, c.jurisdiction),
          })}
        </p>
      )}
      {dialog && (
        <StageDialog
          c={c}
          reload={reload}
          tx={tx}
          onClose={() => {
            setDialog(false);
            btn.current?.focus();
          }}
        />
      )}
    </div>
  );
}

export default function CasePage() {
  const { params } = useRoute();
  const { route } = useLocation();
  const id = params.id ?? '';
  const tab = params.tab ?? 'ringkasan';
  const tx = useTaxonomies();
  const { data: c, error, load, retry } = useRecord<CaseDto>(`/cases/${encodeURIComponent(id)}`);
  if (!c || isNotFound(error)) return <RecordPending error={error} retry={retry} />;

  const tabs = TABS.filter((x) => !x.show || x.show(c));
  const current = tabs.find((x) => x.slug === tab);
  if (!current) {
    route(`/kasus/${c.id}`, true);
    return <Loading />;
  }
  const View = current.view;
  const props: TabProps = { c, reload: load, tx };

  return (
    <article class="case">
      <Header {...props} />
      <nav class="tabs" aria-label={t('tab.label')}>
        <ul>
          {tabs.map((x) => (
            <li key={x.slug}>
              <a href={`/kasus/${c.id}/${x.slug}`} aria-current={x === current ? 'page' : undefined}>
                {t(x.key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section class="tab-panel" aria-labelledby="tab-title">
        <h2 id="tab-title">{t(current.key)}</h2>
        {!c.permissions.update && <p class="notice">{t('case.readOnly')}</p>}
        <View {...props} />
      </section>
    </article>
  );
}
