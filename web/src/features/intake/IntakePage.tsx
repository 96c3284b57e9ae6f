import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { StaffOptionDto } from '../../../../src/domain/contract/cases.ts';
import { call } from '../../api.ts';
import {
  Checkbox,
  codeOptions,
  ErrorSummary,
  onlyChanged,
  orNull,
  RadioGroup,
  SelectField,
  TextArea,
  useAction,
} from '../../components/form.tsx';
import {
  isNotFound,
  Loading,
  NoAccess,
  PageHeading,
  RecordPending,
  useRecord,
} from '../../components/page.tsx';
import { type MessageKey, t } from '../../i18n/index.ts';
import { fmtDate, fmtDateTime } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { codeLabel, type Taxonomies, userStore, useTaxonomies } from '../../lib/taxonomies.ts';
import { DuplicateList, Outcomes } from './Outcomes.tsx';
import {
  channelText,
  Due,
  type IntakeItem,
  isOpen,
  RiskBadges,
  SpamBadge,
  statusText,
  useRegionNames,
} from './shared.tsx';
import { WhatsAppConversation } from './WhatsApp.tsx';

type Props = {
  item: IntakeItem;
  reload: () => Promise<void>;
  tx: Taxonomies | null;
  /** a region code in words */
  region: (code: string) => string;
};

function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children ?? '—'}</dd>
    </div>
  );
}

const or = (s: string | null | undefined) => (s ? s : '—');

function Header({ item, tx }: Props) {
  return (
    <>
      <dl class="facts">
        <Fact term={t('intake.status')}>
          <span class="badge stage">{statusText(tx, item.status)}</span> <SpamBadge on={item.suspectedSpam} />
        </Fact>
        <Fact term={t('intake.risk')}>
          <RiskBadges i={item} tx={tx} />
        </Fact>
        <Fact term={t('intake.dueAt')}>
          <Due i={item} />
        </Fact>
        <Fact term={t('intake.channel')}>{channelText(tx, item.channel)}</Fact>
        <Fact term={t('intake.callType')}>{codeLabel(tx, 'callTypes', item.callType)}</Fact>
        <Fact term={t('intake.receivedAt')}>{fmtDateTime(item.receivedAt)}</Fact>
        <Fact term={t('intake.receivedBy')}>{or(item.receivedByName)}</Fact>
        <Fact term={t('intake.assigned')}>{item.assignedName ?? t('intake.notAssigned')}</Fact>
      </dl>
      {!isOpen(item.status) && (
        <div class="notice">
          <p>{t('intake.doneNotice', { status: statusText(tx, item.status) })}</p>
          {item.closedReason && (
            <p>
              {t('intake.closedReason')}: {codeLabel(tx, 'intakeCloseReasons', item.closedReason)}
            </p>
          )}
          {item.status === 'rujukan_pusat' && (
            <p>
              <a href={`/api/v1/intake/${item.id}/letter`} target="_blank" rel="noopener">
                {t('intake.letterLink')}
              </a>
            </p>
          )}
          {item.caseId && (
            <p>
              <a href={`/kasus/${item.caseId}`}>
                {t('intake.openCaseLink', { number: item.caseNumber ?? '' })}
              </a>
            </p>
          )}
        </div>
      )}
    </>
  );
}

function Details({ item, tx, region }: Props) {
  const contact = item.contactMethod && item.contactMethod !== 'tidak';
  return (
    <div class="detail-grid">
      <section aria-labelledby="h-what" class="card">
        <h2 id="h-what">{t('intake.what')}</h2>
        {item.forms.length > 0 && (
          <ul>
            {item.forms.map((f) => (
              <li key={f}>{codeLabel(tx, 'everydayForms', f)}</li>
            ))}
          </ul>
        )}
        {item.description && <p class="pre">{item.description}</p>}
        <dl class="facts small">
          <Fact term={t('intake.region')}>{item.regionCode ? region(item.regionCode) : '—'}</Fact>
          <Fact term={t('intake.placeText')}>{or(item.placeText)}</Fact>
          <Fact term={t('intake.occurredWhen')}>{codeLabel(tx, 'occurredWhen', item.occurredWhen)}</Fact>
          <Fact term={t('intake.occurredOn')}>{fmtDate(item.occurredOn)}</Fact>
          <Fact term={t('intake.dangerNowField')}>{item.dangerNow ? t('common.yes') : t('common.no')}</Fact>
        </dl>
      </section>
      <section aria-labelledby="h-victim" class="card">
        <h2 id="h-victim">{t('intake.victim')}</h2>
        <dl class="facts small">
          <Fact term={t('intake.victimName')}>{or(item.victimName)}</Fact>
          <Fact term={t('intake.victimNik')}>{or(item.victimNik)}</Fact>
          <Fact term={t('intake.victimPhone')}>{or(item.victimPhone)}</Fact>
          <Fact term={t('intake.victimBirthDate')}>{fmtDate(item.victimBirthDate)}</Fact>
          <Fact term={t('intake.victimSex')}>{codeLabel(tx, 'sexes', item.victimSex)}</Fact>
          <Fact term={t('intake.victimAgeGroup')}>
            {codeLabel(tx, 'victimAgeGroups', item.victimAgeGroup)}
          </Fact>
        </dl>
      </section>
      <section aria-labelledby="h-reporter" class="card">
        <h2 id="h-reporter">{t('intake.reporter')}</h2>
        <dl class="facts small">
          <Fact term={t('intake.reporterType')}>{codeLabel(tx, 'reporterTypes', item.reporterType)}</Fact>
          <Fact term={t('intake.reporterName')}>{or(item.reporterName)}</Fact>
          {item.reporterRelation && <Fact term={t('intake.reporterRelation')}>{item.reporterRelation}</Fact>}
          <Fact term={t('intake.contactMethod')}>
            {contact ? codeLabel(tx, 'contactMethods', item.contactMethod) : t('intake.noContact')}
          </Fact>
          {contact && (
            <>
              <Fact term={t('intake.contactPhone')}>{or(item.contactPhone)}</Fact>
              <Fact term={t('intake.safeTimes')}>{or(item.safeTimes)}</Fact>
              <Fact term={t('intake.consentContact')}>
                {item.consentContact ? t('common.yes') : t('common.no')}
              </Fact>
            </>
          )}
        </dl>
      </section>
    </div>
  );
}

type TriageValues = { risk: string; callType: string; suspectedSpam: boolean };
/** What a triage save changes (PATCH /intake/{id} without the version). */
type TriagePatch = {
  risk?: string | null;
  callType?: string | null;
  suspectedSpam?: boolean;
  assignedTo?: string | null;
};
const triageOf = (i: IntakeItem): TriageValues => ({
  risk: i.risk ?? '',
  callType: i.callType ?? '',
  suspectedSpam: i.suspectedSpam,
});

function Triage({ item, reload, tx }: Props) {
  const user = useStore(userStore);
  const [v, setV] = useState<TriageValues>(() => triageOf(item));
  const [base, setBase] = useState<TriageValues>(() => triageOf(item));
  // after a reload, untouched fields follow the server
  useEffect(() => {
    const server = triageOf(item);
    setV((cur) => {
      const next = { ...cur } as Record<string, unknown>;
      for (const k of Object.keys(server) as Array<keyof TriageValues>)
        if (cur[k] === base[k]) next[k] = server[k];
      return next as TriageValues;
    });
    setBase(server);
  }, [item.version]);
  const [saved, setSaved] = useState(false);
  const { busy, error, attempt, run } = useAction();
  const labels = {
    risk: t('case.risk'),
    callType: t('intake.callType'),
    suspectedSpam: t('intake.markSpam'),
    assignedTo: t('intake.assigned'),
  };
  const toBody = (x: TriageValues) => ({
    risk: orNull(x.risk),
    callType: orNull(x.callType),
    suspectedSpam: x.suspectedSpam,
  });
  const patch = (body: TriagePatch) =>
    run(async () => {
      setSaved(false);
      await call('PATCH /intake/{id}', { params: { id: item.id }, body: { version: item.version, ...body } });
      await reload();
      setSaved(true);
    });
  const submit = (e: Event) => {
    e.preventDefault();
    patch(onlyChanged(toBody(v), toBody(base)));
  };
  const mine = user && item.assignedTo === user.id;
  const [officers, setOfficers] = useState<StaffOptionDto[]>([]);
  const [pick, setPick] = useState('');
  useEffect(() => {
    const ctl = new AbortController();
    call('GET /intake/officers', { signal: ctl.signal }).then(
      (r) => setOfficers(r.items),
      () => setOfficers([]),
    );
    return () => ctl.abort();
  }, []);
  return (
    <section aria-labelledby="h-triage">
      <h2 id="h-triage">{t('intake.triage')}</h2>
      <ErrorSummary error={error} attempt={attempt} prefix="tr" labels={labels} onReload={reload} />
      {saved && (
        <p class="notice ok" role="status">
          {t('common.saved')}
        </p>
      )}
      <div class="assign-row" id="tr-assignedTo">
        <p>
          {item.assignedName
            ? t('intake.assignedNow', { name: item.assignedName })
            : `${t('intake.assigned')}: ${t('intake.notAssigned')}`}
        </p>
        {!mine && user && (
          <button type="button" disabled={busy} onClick={() => patch({ assignedTo: user.id })}>
            {t('intake.assignSelf')}
          </button>
        )}
        {item.assignedTo && (
          <button type="button" disabled={busy} onClick={() => patch({ assignedTo: null })}>
            {t('intake.unassign')}
          </button>
        )}
        {officers.length > 0 && (
          <form
            class="assign-other"
            onSubmit={(e) => {
              e.preventDefault();
              if (pick) patch({ assignedTo: pick });
            }}
          >
            <label for="tr-assign-pick">{t('intake.assignTo')}</label>
            <select
              id="tr-assign-pick"
              value={pick}
              onChange={(e) => setPick((e.target as HTMLSelectElement).value)}
            >
              <option value="">—</option>
              {officers
                .filter((o) => o.id !== item.assignedTo)
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
            </select>
            <button type="submit" disabled={busy || !pick}>
              {t('intake.assignButton')}
            </button>
          </form>
        )}
      </div>
      <form onSubmit={submit} noValidate aria-labelledby="h-triage">
        <div class="grid">
          <SelectField
            prefix="tr"
            name="risk"
            label={labels.risk}
            value={v.risk}
            onValue={(x) => setV((s) => ({ ...s, risk: x }))}
            options={codeOptions(tx?.riskLevels)}
            error={error}
          />
          <SelectField
            prefix="tr"
            name="callType"
            label={labels.callType}
            value={v.callType}
            onValue={(x) => setV((s) => ({ ...s, callType: x }))}
            options={codeOptions(tx?.callTypes)}
            error={error}
          />
        </div>
        <Checkbox
          prefix="tr"
          name="suspectedSpam"
          label={labels.suspectedSpam}
          checked={v.suspectedSpam}
          onChecked={(x) => setV((s) => ({ ...s, suspectedSpam: x }))}
          error={error}
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('intake.saveTriage')}
          </button>
        </div>
      </form>
    </section>
  );
}

function messageHeading(m: IntakeItem['messages'][number]): string {
  if (m.author === 'pelapor') return t('intake.fromReporter');
  if (m.author === 'ke_pelapor')
    return m.seenAt
      ? t('intake.toReporterSeen', { at: fmtDateTime(m.seenAt) })
      : t('intake.toReporterUnseen');
  return t('intake.officerNote');
}

function Messages({ item, reload }: Props) {
  const [body, setBody] = useState('');
  // an internal note by default; a message to the reporter only when the reporter can read one
  const [to, setTo] = useState<'petugas' | 'pelapor'>('petugas');
  const { busy, error, attempt, run } = useAction();
  const toReporter = item.reporterCanRead && to === 'pelapor';
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      await call(toReporter ? 'POST /intake/{id}/reporter-messages' : 'POST /intake/{id}/notes', {
        params: { id: item.id },
        body: { body },
      });
      setBody('');
      // the next one is an internal note again unless the officer chooses otherwise
      setTo('petugas');
      await reload();
    });
  };
  const label = toReporter ? t('intake.toReporterNew') : t('intake.noteNew');
  return (
    <section aria-labelledby="h-msg">
      <h2 id="h-msg">{t('intake.messages')}</h2>
      {item.messages.length === 0 ? (
        <p>{t('intake.messagesNone')}</p>
      ) : (
        <ul class="notes">
          {item.messages.map((m) => (
            <li
              key={m.id}
              class={`card msg ${m.author === 'pelapor' ? 'from-reporter' : m.author === 'ke_pelapor' ? 'to-reporter' : 'from-officer'}`}
            >
              <p class="task-meta">
                <strong>{messageHeading(m)}</strong>
                {m.authorName ? ` · ${m.authorName}` : ''} · {fmtDateTime(m.at)}
              </p>
              <p class="pre">{m.body}</p>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <ErrorSummary error={error} attempt={attempt} prefix="nt" labels={{ body: label }} />
        {item.reporterCanRead ? (
          <RadioGroup
            prefix="nt"
            name="to"
            label={t('intake.sendAs')}
            value={to}
            onValue={(v) => setTo(v === 'pelapor' ? 'pelapor' : 'petugas')}
            options={[
              { value: 'petugas', text: t('intake.sendAsNote') },
              { value: 'pelapor', text: t('intake.sendAsReporter') },
            ]}
            error={error}
          />
        ) : (
          <p class="hint">{t('intake.reporterCannotRead')}</p>
        )}
        {toReporter && <p class="hint">{t('intake.toReporterHint')}</p>}
        <TextArea
          prefix="nt"
          name="body"
          label={label}
          value={body}
          onValue={setBody}
          rows={3}
          maxLength={5000}
          error={error}
        />
        <div class="actions">
          <button type="submit" disabled={busy || !body.trim()}>
            {toReporter ? t('intake.toReporterSend') : t('intake.noteAdd')}
          </button>
        </div>
      </form>
    </section>
  );
}

const HISTORY_KEYS: Record<string, MessageKey> = {
  'intake.received': 'ih.received',
  'intake.recorded': 'ih.recorded',
  'intake.reporter_added': 'ih.reporter_added',
  'intake.note': 'ih.note',
  'intake.to_reporter': 'ih.to_reporter',
  'intake.rerouted': 'ih.rerouted',
  'intake.update': 'ih.update',
  'intake.open_case': 'ih.open_case',
  'intake.attach': 'ih.attach',
  'intake.forward': 'ih.forward',
  'intake.national': 'ih.national',
  'intake.close': 'ih.close',
  'whatsapp.reply': 'ih.wa_reply',
};

function historyText(e: IntakeItem['history'][number], { tx, region, item }: Props): string {
  const key = HISTORY_KEYS[e.type];
  if (!key) return e.type;
  const d = (e.data ?? {}) as Record<string, unknown>;
  return t(key, {
    from: region(String(d.from ?? '')),
    to: region(String(d.to ?? '')),
    reason: codeLabel(tx, 'intakeCloseReasons', typeof d.reason === 'string' ? d.reason : null),
    channel: channelText(tx, typeof d.channel === 'string' ? d.channel : item.channel),
  });
}

function History(props: Props) {
  return (
    <section aria-labelledby="h-hist">
      <h2 id="h-hist">{t('intake.history')}</h2>
      <ol class="timeline">
        {props.item.history.map((e, i) => (
          <li key={`${e.at}-${i}`}>
            <p>
              <strong>{historyText(e, props)}</strong>
            </p>
            <p class="task-meta">
              {fmtDateTime(e.at)}
              {e.actorName ? ` · ${e.actorName}` : ` · ${t('timeline.system')}`}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

export default function IntakePage() {
  const { params } = useRoute();
  const user = useStore(userStore);
  const id = params.id ?? '';
  const tx = useTaxonomies();
  const allowed = !!user && roleCan(user.role, 'intake:triage');
  const {
    data: item,
    error,
    load,
    retry,
  } = useRecord(allowed ? id : null, (id) => call('GET /intake/{id}', { params: { id } }));
  const region = useRegionNames([
    item?.regionCode,
    ...(item?.history ?? []).flatMap((e) => {
      const d = (e.data ?? {}) as Record<string, unknown>;
      return e.type === 'intake.forward' ? [String(d.from ?? ''), String(d.to ?? '')] : [];
    }),
  ]);

  if (!user) return <Loading />;
  if (!allowed) return <NoAccess />;
  if (!item || isNotFound(error)) return <RecordPending error={error} retry={retry} />;

  const props: Props = { item, reload: load, tx, region };
  const open = isOpen(item.status);
  const title = t('intake.heading', { code: item.code });
  return (
    <article class="intake">
      <p>
        <a href="/pengaduan">‹ {t('intake.back')}</a>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      <Header {...props} />
      <Details {...props} />
      {item.channel === 'whatsapp' && <WhatsAppConversation intakeId={item.id} onSent={retry} />}
      <Messages {...props} />
      {open && <Triage {...props} />}
      {open && (
        <section
          aria-labelledby="h-dup"
          class={item.possibleDuplicates.length > 0 ? 'notice warn' : 'notice'}
        >
          <h2 id="h-dup">{t('intake.duplicates')}</h2>
          <p class="hint">{t('intake.duplicatesHint')}</p>
          {item.possibleDuplicates.length > 0 ? (
            <DuplicateList items={item.possibleDuplicates} />
          ) : (
            <p>{t('intake.duplicatesNone')}</p>
          )}
        </section>
      )}
      {open && (
        <section aria-labelledby="h-outcome">
          <h2 id="h-outcome">{t('intake.outcome')}</h2>
          <p class="hint">{t('intake.outcomeHint')}</p>
          <Outcomes {...props} />
        </section>
      )}
      <History {...props} />
    </article>
  );
}
