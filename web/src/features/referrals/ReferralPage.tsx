/**
 * One referral, for both sides: the recipient sees only the shared sections and works it (accept,
 * decline, services, complete); the referring side sees everything, can cancel, withdraw consent
 * and print the letter. Both ask and answer questions in the thread.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { ReferralDto, ReferralLinkDto, SharedSectionsDto } from '../../../../src/domain/dto.ts';
import {
  CANCEL_CHOICES,
  CLOSED_REASON_LABELS,
  DECLINE_REASONS,
  INVESTIGATION_STATUSES,
} from '../../../../src/domain/referrals.ts';
import { API, ApiError, call } from '../../api.ts';
import {
  bindField,
  CardTable,
  codeOptions,
  ErrorSummary,
  FormActions,
  orNull,
  SelectField,
  TextArea,
  TextField,
  useAction,
} from '../../components/form.tsx';
import {
  isNotFound,
  Notice,
  PageHeading,
  RecordPending,
  useLoad,
  useRecord,
} from '../../components/page.tsx';
import { label, type MessageKey, t } from '../../i18n/index.ts';
import { fmtDate, fmtDateTime, isoToLocal, localToIso, todayLocal, zoneHint } from '../../lib/format.ts';
import { codeLabel, type Taxonomies, useTaxonomies } from '../../lib/taxonomies.ts';
import {
  basisLabel,
  cancelLabel,
  declineLabel,
  Flags,
  investigationLabel,
  relationLabel,
  StatusBadge,
  sectionLabel,
  servicesText,
  statusLabel,
  UrgencyBadge,
  victimText,
} from './shared.tsx';

/** Errors after which the page shows the referral as it is now (someone else acted first). */
const STALE = new Set(['VERSION_CONFLICT', 'REFERRAL_STATE', 'REFERRAL_CONSENT_WITHDRAWN']);

type Action =
  | 'accept'
  | 'decline'
  | 'service'
  | 'complete'
  | 'cancel'
  | 'withdraw'
  | 'handling'
  | 'investigation';

function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Shared({ s, tx }: { s: SharedSectionsDto; tx: Taxonomies | null }) {
  const empty = !s.identitas && !s.kontak && !s.kronologi && !s.asesmen && !s.layanan;
  if (empty) return <p>{t('ref.nothingShared')}</p>;
  return (
    <>
      {s.identitas && (
        <section aria-labelledby="sh-identitas" class="card">
          <h3 id="sh-identitas">{sectionLabel('identitas')}</h3>
          <dl class="facts small">
            <Fact term={t('person.name')}>{s.identitas.name}</Fact>
            <Fact term={t('person.nik')}>{s.identitas.nik ?? '—'}</Fact>
            <Fact term={t('person.birthDate')}>{fmtDate(s.identitas.birthDate)}</Fact>
            <Fact term={t('ref.age')}>{label(s.identitas.ageText, '—')}</Fact>
            <Fact term={t('person.sex')}>{codeLabel(tx, 'sexes', s.identitas.sex)}</Fact>
            <Fact term={t('person.disability')}>
              {s.identitas.disability === null
                ? '—'
                : s.identitas.disability
                  ? s.identitas.disabilityTypes.map((d) => codeLabel(tx, 'disabilityTypes', d)).join(', ') ||
                    t('common.yes')
                  : t('common.no')}
            </Fact>
            {s.identitas.accommodationNeeds && (
              <Fact term={t('person.accommodation')}>{s.identitas.accommodationNeeds}</Fact>
            )}
          </dl>
        </section>
      )}
      {s.kontak && (
        <section aria-labelledby="sh-kontak" class="card">
          <h3 id="sh-kontak">{sectionLabel('kontak')}</h3>
          <dl class="facts small">
            <Fact term={t('person.phone')}>{s.kontak.phone ?? '—'}</Fact>
            <Fact term={t('person.region')}>{s.kontak.regionName ?? '—'}</Fact>
            <Fact term={t('person.address')}>{s.kontak.address ?? '—'}</Fact>
          </dl>
        </section>
      )}
      {s.kronologi && (
        <section aria-labelledby="sh-kronologi" class="card">
          <h3 id="sh-kronologi">{sectionLabel('kronologi')}</h3>
          {s.kronologi.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            s.kronologi.map((i, n) => (
              <div key={`${i.date}-${n}`}>
                <h4>
                  {label(i.dateText)} ·{' '}
                  {i.placeCategory ? codeLabel(tx, 'places', i.placeCategory) : t('incident.placeUnset')}
                  {i.placeText && <> · “{i.placeText}”</>}
                  {i.regionName && <> · {i.regionName}</>}
                </h4>
                {i.forms.length > 0 && (
                  <p>
                    {t('ref.forms')}: {i.forms.map((f) => codeLabel(tx, 'formsOfViolence', f)).join(', ')}
                  </p>
                )}
                {i.chronology && <p class="pre">{i.chronology}</p>}
              </div>
            ))
          )}
        </section>
      )}
      {s.asesmen && (
        <section aria-labelledby="sh-asesmen" class="card">
          <h3 id="sh-asesmen">{sectionLabel('asesmen')}</h3>
          {s.asesmen.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            s.asesmen.map((a, n) => (
              <dl class="facts small" key={n}>
                <Fact term={t('assessment.assessedOn')}>{fmtDate(a.assessedOn)}</Fact>
                {(['physical', 'psychological', 'social', 'economic', 'education', 'needs'] as const).map(
                  (k) => (
                    <Fact key={k} term={t(`assessment.${k}` as MessageKey)}>
                      {a[k] ?? '—'}
                    </Fact>
                  ),
                )}
              </dl>
            ))
          )}
        </section>
      )}
      {s.layanan && (
        <section aria-labelledby="sh-layanan" class="card">
          <h3 id="sh-layanan">{sectionLabel('layanan')}</h3>
          {s.layanan.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <ul>
              {s.layanan.map((x, n) => (
                <li key={n}>
                  {codeLabel(tx, 'serviceTypes', x.service)} · {fmtDate(x.date)}
                  {x.providerName && <> · {x.providerName}</>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

const EVENT_KEYS: Record<string, MessageKey> = {
  status: 'ref.ev.status',
  message: 'ref.ev.message',
  service: 'ref.ev.service',
  consent_withdrawn: 'ref.ev.consentWithdrawn',
  letter: 'ref.ev.letter',
  handling: 'ref.ev.handling',
  investigation: 'ref.ev.investigation',
  rereferred: 'ref.ev.rereferred',
};

function eventText(e: ReferralDto['events'][number], tx: Taxonomies | null): string {
  const head = EVENT_KEYS[e.type] ? t(EVENT_KEYS[e.type] as MessageKey) : e.type.replace(/[_.]/g, ' ');
  const d = e.data;
  const parts: string[] = [];
  if (typeof d.to === 'string') parts.push(statusLabel(d.to));
  else if (typeof d.status === 'string')
    parts.push(e.type === 'investigation' ? investigationLabel(d.status) : statusLabel(d.status));
  if (typeof d.service === 'string') parts.push(codeLabel(tx, 'serviceTypes', d.service));
  if (typeof d.reason === 'string')
    parts.push(d.to === 'dibatalkan' ? cancelLabel(d.reason) : declineLabel(d.reason));
  if (d.lpNumber === true) parts.push(t('ref.ev.lpNumber'));
  if (d.officer === true) parts.push(t('ref.ev.officer'));
  if (typeof d.appointmentAt === 'string')
    parts.push(t('ref.ev.appointment', { at: fmtDateTime(d.appointmentAt) }));
  if (typeof d.number === 'string') parts.push(d.number);
  return parts.length ? `${head}: ${parts.join(' · ')}` : head;
}

const closedLabel = (r: ReferralDto) => (r.closedReason ? label(CLOSED_REASON_LABELS[r.closedReason]) : '');

/** Why the victim's data is no longer shown, in words (decision 009/010); the recipient's own record stays. */
function ClosedNotice({ r }: { r: ReferralDto }) {
  if (!r.closedReason) return null;
  return (
    <p class="notice" id="ref-closed">
      {r.side === 'penerima'
        ? t(`ref.closed.${r.closedReason}` as MessageKey)
        : t('ref.closedSender', { reason: closedLabel(r).toLowerCase() })}
    </p>
  );
}

/** "RJK/… ke RSUD … (Ditolak)": a linked referral. */
function LinkTo({ l }: { l: ReferralLinkDto }) {
  return (
    <>
      <a href={`/rujukan/${l.id}`}>{l.number}</a>{' '}
      {t('ref.linkText', { org: l.toOrgName, status: statusLabel(l.status) })}
    </>
  );
}

/** Officer (a user of the receiving organisation, or a typed name) and appointment fields. */
function HandlingFields({
  r,
  v,
  set,
  bind,
}: {
  r: ReferralDto;
  v: { officerId: string; officerName: string; appointmentAt: string; appointmentPlace: string };
  set: (k: 'officerId' | 'officerName' | 'appointmentAt' | 'appointmentPlace') => (x: string) => void;
  bind: (k: 'officerId' | 'officerName' | 'appointmentAt' | 'appointmentPlace') => {
    prefix: string;
    error: ApiError | null;
    name: string;
    label: string;
    value: string;
    onValue: (x: string) => void;
  };
}) {
  const { data: officers } = useLoad(
    (signal) => call('GET /referrals/{id}/officers', { params: { id: r.id }, signal }).then((x) => x.items),
    [r.id],
  );
  return (
    <>
      <p class="hint">{t('ref.handlingIntro')}</p>
      <div class="grid">
        {(officers ?? []).length > 0 && (
          <SelectField
            {...bind('officerId')}
            options={(officers ?? []).map((o) => ({ value: o.id, text: o.name }))}
            onValue={(x) => {
              set('officerId')(x);
              if (x) set('officerName')('');
            }}
          />
        )}
        <TextField
          {...bind('officerName')}
          hint={t('ref.officerNameHint')}
          maxLength={200}
          onValue={(x) => {
            set('officerName')(x);
            if (x) set('officerId')('');
          }}
        />
        <TextField {...bind('appointmentAt')} type="datetime-local" hint={zoneHint()} />
        <TextField {...bind('appointmentPlace')} hint={t('ref.appointmentPlaceHint')} maxLength={500} />
      </div>
      {v.appointmentPlace && !v.appointmentAt && <p class="hint">{t('ref.appointmentNeedsTime')}</p>}
    </>
  );
}

/** The element id prefix of each action's form. */
const PREFIX: Record<Action, string> = {
  accept: 'ra',
  decline: 'rd',
  service: 'rs',
  complete: 'rc',
  cancel: 'rx',
  withdraw: 'rw',
  handling: 'rh',
  investigation: 'ri',
};

const EMPTY = () => ({
  reason: '',
  note: '',
  service: '',
  date: todayLocal(),
  outcome: '',
  officerId: '',
  officerName: '',
  appointmentAt: '',
  appointmentPlace: '',
  lpNumber: '',
  status: '',
});

/** The form of one action, under the buttons; its heading takes focus when it opens. */
function ActionForm({
  title,
  prefix,
  onSubmit,
  onCancel,
  busy,
  error,
  attempt,
  labels,
  submit,
  children,
}: {
  title: string;
  prefix: string;
  onSubmit: () => void;
  onCancel: () => void;
  busy: boolean;
  error: ApiError | null;
  attempt: number;
  labels: Record<string, string>;
  submit: string;
  children: ComponentChildren;
}) {
  const h = useRef<HTMLHeadingElement>(null);
  useEffect(() => h.current?.focus(), []);
  return (
    <form
      class="card subform"
      noValidate
      aria-labelledby={`${prefix}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3 id={`${prefix}-title`} tabIndex={-1} ref={h}>
        {title}
      </h3>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      {children}
      <FormActions busy={busy} onCancel={onCancel} submit={submit} />
    </form>
  );
}

function Actions({
  r,
  tx,
  reload,
  setR,
}: {
  r: ReferralDto;
  tx: Taxonomies | null;
  reload: () => Promise<void>;
  setR: (r: ReferralDto) => void;
}) {
  const [open, setOpen] = useState<Action | null>(null);
  const [done, setDone] = useState('');
  const [v, setV] = useState(EMPTY);
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { busy, error, attempt, run, setError } = useAction();
  const buttons = useRef<HTMLDivElement>(null);
  const p = r.permissions;

  /** Sends one action (`send`: its call) and shows the referral as it answers. */
  const post = (send: (params: { id: string }) => Promise<ReferralDto>, message: string) =>
    run(async () => {
      try {
        const x = await send({ id: r.id });
        setR(x);
        setOpen(null);
        setDone(message);
        setV(EMPTY());
      } catch (e) {
        // someone else moved the referral on: show it as it is now, with the message
        if (e instanceof ApiError && STALE.has(e.code)) await reload().catch(() => {});
        throw e;
      }
    });

  const openForm = (a: Action) => {
    setDone('');
    setError(null);
    const h = r.handling;
    // the handling form starts from what is set; the police form from the LP number recorded
    if (a === 'handling')
      setV({
        ...EMPTY(),
        officerId: h.officer?.id ?? '',
        officerName: h.officer && !h.officer.id ? h.officer.name : '',
        appointmentAt: isoToLocal(h.appointmentAt),
        appointmentPlace: h.appointmentPlace ?? '',
      });
    if (a === 'investigation') setV({ ...EMPTY(), lpNumber: r.police?.lpNumber ?? '' });
    setOpen(a);
  };
  /** The officer and appointment as the API takes them: on acceptance only what is filled in. */
  const handlingBody = (all: boolean) => {
    const officerId = orNull(v.officerId);
    const officerName = orNull(v.officerName);
    const at = localToIso(v.appointmentAt) ?? null;
    const place = orNull(v.appointmentPlace);
    if (!all)
      return {
        ...(officerId ? { officerId } : officerName ? { officerName } : {}),
        ...(at ? { appointmentAt: at } : {}),
        ...(place ? { appointmentPlace: place } : {}),
      };
    return {
      ...(officerId ? { officerId, officerName: null } : { officerId: null, officerName }),
      appointmentAt: at,
      appointmentPlace: place,
    };
  };
  const cancel = () => {
    setOpen(null);
    setError(null);
    setTimeout(() => buttons.current?.querySelector<HTMLElement>('button, a')?.focus(), 0);
  };
  const any =
    p.accept ||
    p.decline ||
    p.recordService ||
    p.complete ||
    p.cancel ||
    p.withdrawConsent ||
    p.letter ||
    p.handling ||
    p.investigation ||
    p.rerefer;
  if (!any && !done && !error) return null;
  const labels = {
    reason: t('ref.reason'),
    note: open === 'investigation' ? t('ref.investigationNote') : t('ref.note'),
    service: t('ref.service'),
    date: open === 'investigation' ? t('ref.investigationDate') : t('ref.serviceDate'),
    outcome: t('ref.outcome'),
    officerId: t('ref.officerPick'),
    officerName: t('ref.officerName'),
    appointmentAt: t('ref.appointmentAt'),
    appointmentPlace: t('ref.appointmentPlace'),
    lpNumber: t('ref.lpNumber'),
    status: t('ref.investigationStatus'),
  };
  const prefix = open ? PREFIX[open] : '';
  const field = bindField(v, set, labels);
  /** Field k of the open form. */
  const bind = (k: keyof typeof v) => ({ prefix, error, ...field(k) });
  const reason = (reasons: readonly string[], text: (x: string) => string) => (
    <SelectField {...bind('reason')} options={reasons.map((x) => ({ value: x, text: text(x) }))} required />
  );
  const note = (hint?: string) => <TextArea {...bind('note')} hint={hint} rows={3} maxLength={2000} />;
  const common = { prefix, error, busy, attempt, labels, onCancel: cancel };
  const opens: Array<[Action, boolean, string]> = [
    ['accept', p.accept, t('ref.accept')],
    ['decline', p.decline, t('ref.decline')],
    ['service', p.recordService, t('ref.recordService')],
    ['complete', p.complete, t('ref.complete')],
    ['handling', p.handling, t('ref.editHandling')],
    ['investigation', p.investigation, t('ref.recordInvestigation')],
    ['cancel', p.cancel, t('ref.cancel')],
    ['withdraw', p.withdrawConsent, t('ref.withdraw')],
  ];
  const handlingFields = (
    <HandlingFields r={r} v={v} set={set} bind={(k) => ({ ...bind(k), label: labels[k] })} />
  );
  // completing needs a recorded service: say so, and offer the service form instead
  const needService = r.delivered.length === 0 || error?.code === 'REFERRAL_NO_SERVICE';

  return (
    <section aria-labelledby="ref-actions-h">
      <h2 id="ref-actions-h">{t('common.actions')}</h2>
      <Notice text={done} />
      {error && !open && <ErrorSummary error={error} attempt={attempt} prefix="ra" />}
      <div class="actions" ref={buttons}>
        {opens.map(
          ([a, allowed, text]) =>
            allowed && (
              <button
                key={a}
                type="button"
                class={a === 'accept' ? 'primary' : undefined}
                onClick={() => openForm(a)}
                aria-expanded={open === a}
              >
                {text}
              </button>
            ),
        )}
        {p.letter && (
          <a
            class="button"
            href={`${API}/referrals/${r.id}/letter.pdf`}
            download={`surat-rujukan-${r.number.replace(/\W+/g, '-')}.pdf`}
          >
            {r.side === 'penerima' ? t('ref.letterRecipient') : t('ref.letter')}
          </a>
        )}
        {p.rerefer && r.caseId && (
          <a class="button" href={`/kasus/${r.caseId}/rujukan?rujukUlang=${r.id}`}>
            {t('ref.rerefer')}
          </a>
        )}
      </div>
      {open === 'accept' && (
        <ActionForm
          {...common}
          title={t('ref.acceptTitle')}
          submit={t('ref.accept')}
          onSubmit={() =>
            post(
              (params) =>
                call('POST /referrals/{id}/accept', {
                  params,
                  body: { version: r.version, ...handlingBody(false) },
                }),
              t('ref.acceptedMsg'),
            )
          }
        >
          {handlingFields}
        </ActionForm>
      )}
      {open === 'handling' && (
        <ActionForm
          {...common}
          title={t('ref.handlingTitle')}
          submit={t('action.save')}
          onSubmit={() =>
            post(
              (params) =>
                call('POST /referrals/{id}/handling', {
                  params,
                  body: { version: r.version, ...handlingBody(true) },
                }),
              t('ref.handlingMsg'),
            )
          }
        >
          {handlingFields}
        </ActionForm>
      )}
      {open === 'investigation' && (
        <ActionForm
          {...common}
          title={t('ref.investigationTitle')}
          submit={t('action.save')}
          onSubmit={() =>
            post(
              (params) =>
                call('POST /referrals/{id}/investigation', {
                  params,
                  body: {
                    version: r.version,
                    ...(orNull(v.lpNumber) && orNull(v.lpNumber) !== r.police?.lpNumber
                      ? { lpNumber: orNull(v.lpNumber) }
                      : {}),
                    ...(v.status ? { status: v.status, date: orNull(v.date), note: orNull(v.note) } : {}),
                  },
                }),
              t('ref.investigationMsg'),
            )
          }
        >
          <TextField {...bind('lpNumber')} hint={t('ref.lpHint')} maxLength={200} />
          <div class="grid">
            <SelectField
              {...bind('status')}
              options={INVESTIGATION_STATUSES.map((x) => ({ value: x, text: investigationLabel(x) }))}
            />
            <TextField {...bind('date')} type="date" max={todayLocal()} />
          </div>
          <TextArea {...bind('note')} rows={2} maxLength={2000} />
        </ActionForm>
      )}
      {open === 'decline' && (
        <ActionForm
          {...common}
          title={t('ref.declineTitle')}
          submit={t('ref.decline')}
          onSubmit={() =>
            post(
              (params) =>
                call('POST /referrals/{id}/decline', {
                  params,
                  body: { version: r.version, reason: v.reason, note: orNull(v.note) },
                }),
              t('ref.declinedMsg'),
            )
          }
        >
          {reason(DECLINE_REASONS, declineLabel)}
          {note(t('ref.declineNoteHint'))}
        </ActionForm>
      )}
      {open === 'service' && (
        <ActionForm
          {...common}
          title={t('ref.recordService')}
          submit={t('action.save')}
          onSubmit={() =>
            post(
              (params) =>
                call('POST /referrals/{id}/services', {
                  params,
                  body: { service: v.service, date: v.date, outcome: orNull(v.outcome) },
                }),
              t('ref.serviceMsg'),
            )
          }
        >
          <SelectField
            {...bind('service')}
            options={codeOptions(tx?.serviceTypes).filter((o) => r.services.includes(o.value))}
            required
          />
          <TextField {...bind('date')} type="date" max={todayLocal()} required />
          <TextArea {...bind('outcome')} label={t('ref.serviceOutcome')} rows={3} maxLength={5000} />
        </ActionForm>
      )}
      {open === 'complete' &&
        (needService ? (
          <section class="card subform" aria-labelledby="rc-title">
            <h3 id="rc-title">{t('ref.completeTitle')}</h3>
            <p class="notice warn" role="status">
              {t('ref.needService')}
            </p>
            <div class="actions">
              {p.recordService && (
                <button type="button" class="primary" onClick={() => openForm('service')}>
                  {t('ref.recordServiceNow')}
                </button>
              )}
              <button type="button" onClick={cancel}>
                {t('action.cancel')}
              </button>
            </div>
          </section>
        ) : (
          <ActionForm
            {...common}
            title={t('ref.completeTitle')}
            submit={t('ref.complete')}
            onSubmit={() =>
              post(
                (params) =>
                  call('POST /referrals/{id}/complete', {
                    params,
                    body: { version: r.version, outcome: v.outcome },
                  }),
                t('ref.completedMsg'),
              )
            }
          >
            <TextArea {...bind('outcome')} hint={t('ref.outcomeHint')} rows={4} maxLength={5000} required />
          </ActionForm>
        ))}
      {open === 'cancel' && (
        <ActionForm
          {...common}
          title={t('ref.cancelTitle')}
          submit={t('ref.cancelConfirm')}
          onSubmit={() =>
            post(
              (params) =>
                call('POST /referrals/{id}/cancel', {
                  params,
                  body: { version: r.version, reason: v.reason, note: orNull(v.note) },
                }),
              t('ref.cancelledMsg'),
            )
          }
        >
          {reason(CANCEL_CHOICES, cancelLabel)}
          {note()}
        </ActionForm>
      )}
      {open === 'withdraw' && (
        <ActionForm
          {...common}
          title={t('ref.withdrawTitle')}
          submit={t('ref.withdrawConfirm')}
          onSubmit={() =>
            post(
              (params) =>
                call('POST /referrals/{id}/withdraw-consent', {
                  params,
                  body: { version: r.version, note: orNull(v.note) },
                }),
              t('ref.withdrawnMsg'),
            )
          }
        >
          <p class="notice warn">{t('ref.withdrawWarning', { org: r.toOrg.name })}</p>
          {note()}
        </ActionForm>
      )}
    </section>
  );
}

function Thread({ r, setR }: { r: ReferralDto; setR: (r: ReferralDto) => void }) {
  const [body, setBody] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, attempt, run } = useAction();
  const messages = r.events.filter((e) => e.type === 'message');
  const submit = (e: Event) => {
    e.preventDefault();
    setSent(false);
    run(async () => {
      setR(await call('POST /referrals/{id}/messages', { params: { id: r.id }, body: { body } }));
      setBody('');
      setSent(true);
    });
  };
  return (
    <section aria-labelledby="ref-thread-h">
      <h2 id="ref-thread-h">{t('ref.thread')}</h2>
      {messages.length === 0 ? (
        <p>{t('ref.noMessages')}</p>
      ) : (
        <ol class="timeline">
          {messages.map((m) => (
            <li key={m.id}>
              <p class={m.body === null ? 'hint' : 'pre'}>{m.body ?? t('ref.messageHidden')}</p>
              <p class="hint">
                {m.actorName ?? '—'}
                {m.actorOrgName && <> ({m.actorOrgName})</>} ·{' '}
                <time dateTime={m.at}>{fmtDateTime(m.at)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
      {r.permissions.message && (
        <form onSubmit={submit} noValidate aria-labelledby="rm-title">
          <h3 id="rm-title">{t('ref.sendMessage')}</h3>
          <ErrorSummary error={error} attempt={attempt} prefix="rm" labels={{ body: t('ref.message') }} />
          {sent && (
            <p class="notice ok" role="status">
              {t('ref.messageSent')}
            </p>
          )}
          <TextArea
            prefix="rm"
            name="body"
            label={t('ref.message')}
            hint={t('ref.messageHint')}
            value={body}
            onValue={setBody}
            rows={3}
            maxLength={5000}
            error={error}
            required
          />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {t('ref.sendMessageBtn')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** Who handles it at the recipient and when the victim is expected: both sides see it. */
function Handling({ r }: { r: ReferralDto }) {
  const h = r.handling;
  const accepted = r.acceptedAt !== null;
  if (!accepted && !h.officer && !h.appointmentAt) return null;
  return (
    <section aria-labelledby="ref-handling-h">
      <h2 id="ref-handling-h">{t('ref.handling')}</h2>
      {!h.officer && !h.appointmentAt ? (
        <p>{t('ref.noHandling')}</p>
      ) : (
        <dl class="facts small">
          <Fact term={t('ref.officer')}>{h.officer?.name ?? '—'}</Fact>
          <Fact term={t('ref.appointment')}>
            {h.appointmentAt ? fmtDateTime(h.appointmentAt) : '—'}
            {h.appointmentPlace && <> · {h.appointmentPlace}</>}
          </Fact>
        </dl>
      )}
    </section>
  );
}

/** A police PPA unit's record: the LP number and the investigation's history, for both sides. */
function Police({ r }: { r: ReferralDto }) {
  const p = r.police;
  if (!p) return null;
  const history = [...p.history].reverse();
  return (
    <section aria-labelledby="ref-police-h">
      <h2 id="ref-police-h">{t('ref.police')}</h2>
      <dl class="facts small">
        <Fact term={t('ref.lpNumber')}>{p.lpNumber ?? t('ref.lpNone')}</Fact>
        <Fact term={t('ref.investigationStatus')}>{p.status ? investigationLabel(p.status) : '—'}</Fact>
      </dl>
      {history.length === 0 ? (
        <p>{t('ref.noInvestigation')}</p>
      ) : (
        <ol class="timeline" aria-label={t('ref.investigationHistory')}>
          {history.map((x) => (
            <li key={x.id}>
              <p>
                <strong>{investigationLabel(x.status)}</strong> · {fmtDate(x.date)}
              </p>
              {x.note && <p class="pre">{x.note}</p>}
              <p class="hint">
                {x.actorName ?? '—'} · <time dateTime={x.at}>{fmtDateTime(x.at)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export default function ReferralPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const tx = useTaxonomies();
  const {
    data: r,
    setData: setR,
    error,
    load,
    retry,
  } = useRecord(id, (rid) => call('GET /referrals/{id}', { params: { id: rid } }));
  if (!r || isNotFound(error)) return <RecordPending error={error} retry={retry} />;

  const sender = r.side === 'pengirim';
  const history = [...r.events].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <article class="referral">
      <div class="page-head">
        <PageHeading title={r.number}>
          <span class="sr-only">{t('ref.referral')} </span>
          {r.number}
        </PageHeading>
      </div>
      <p class="lead">
        {r.fromOrg.name} → {r.toOrg.name}
      </p>
      <dl class="facts">
        <Fact term={t('ref.status')}>
          <StatusBadge status={r.status} />
          <Flags r={r} />
        </Fact>
        <Fact term={t('ref.urgency')}>
          <UrgencyBadge urgency={r.urgency} />
        </Fact>
        <Fact term={t('ref.services')}>{servicesText(tx, r.services)}</Fact>
        <Fact term={t('ref.sentAt')}>{fmtDateTime(r.sentAt)}</Fact>
        <Fact term={t('ref.acceptDue')}>
          {fmtDateTime(r.acceptDueAt)}
          {r.overdue === 'accept' && (
            <>
              {' '}
              <span class="badge danger">{t('ref.overdue')}</span>
            </>
          )}
        </Fact>
        <Fact term={t('ref.completeDue')}>
          {fmtDateTime(r.completeDueAt)}
          {r.overdue === 'complete' && (
            <>
              {' '}
              <span class="badge danger">{t('ref.overdue')}</span>
            </>
          )}
        </Fact>
        <Fact term={t('ref.victimShort')}>{victimText(tx, r.victim)}</Fact>
        {sender && r.caseId && (
          <Fact term={t('case.caseLabel')}>
            <a href={`/kasus/${r.caseId}/rujukan`}>{r.caseNumber}</a>
          </Fact>
        )}
        {r.planItem && r.caseId && (
          <Fact term={t('ref.planItem')}>
            <a href={`/kasus/${r.caseId}/rencana`}>{codeLabel(tx, 'serviceTypes', r.planItem.service)}</a>
            {r.planItem.targetDate && <> · {t('ref.targetDate', { date: fmtDate(r.planItem.targetDate) })}</>}
          </Fact>
        )}
        {r.rereferralOf && (
          <Fact term={t('ref.rereferralOf')}>
            <LinkTo l={r.rereferralOf} />
          </Fact>
        )}
        {r.rereferredAs && (
          <Fact term={t('ref.rereferredAs')}>
            <LinkTo l={r.rereferredAs} />
          </Fact>
        )}
      </dl>
      {r.warnings.includes('tidak_ada_kerja_sama') && <p class="notice warn">{t('ref.noAgreement')}</p>}
      {r.external && sender && <p class="notice">{t('ref.externalNotice')}</p>}
      {r.status === 'ditolak' && (
        <div class="notice error">
          <p>
            <strong>{t('ref.declinedBecause', { reason: declineLabel(r.declineReason) })}</strong>
          </p>
          {r.declineNote && <p class="pre">{r.declineNote}</p>}
        </div>
      )}
      {r.status === 'dibatalkan' && (
        <p class="notice">{t('ref.cancelledBecause', { reason: cancelLabel(r.cancelReason) })}</p>
      )}
      {r.consent.withdrawnAt && (
        <p class="notice warn">
          {sender
            ? t('ref.withdrawnSender', { at: fmtDateTime(r.consent.withdrawnAt) })
            : t('ref.withdrawnRecipient', { at: fmtDateTime(r.consent.withdrawnAt) })}
        </p>
      )}

      <Actions r={r} tx={tx} reload={load} setR={setR} />

      <Handling r={r} />
      {r.police && <Police r={r} />}

      <section aria-labelledby="ref-purpose-h">
        <h2 id="ref-purpose-h">{t('ref.purpose')}</h2>
        <p class={r.purpose === null ? 'hint' : 'pre'}>
          {r.purpose ??
            (r.closedReason ? t('ref.purposeClosed', { reason: closedLabel(r).toLowerCase() }) : '—')}
        </p>
        {r.outcome && (
          <>
            <h3>{t('ref.outcome')}</h3>
            <p class="pre">{r.outcome}</p>
          </>
        )}
      </section>

      <section aria-labelledby="ref-consent-h">
        <h2 id="ref-consent-h">{t('ref.consent')}</h2>
        <dl class="facts small">
          <Fact term={t('ref.basis')}>{basisLabel(r.consent.basis)}</Fact>
          {r.consent.givenBy && <Fact term={t('ref.givenBy')}>{r.consent.givenBy}</Fact>}
          {r.consent.relation && <Fact term={t('ref.relation')}>{relationLabel(r.consent.relation)}</Fact>}
          <Fact term={t('ref.givenAt')}>{fmtDateTime(r.consent.givenAt)}</Fact>
          <Fact term={t('ref.sections')}>
            {r.sections.length ? r.sections.map(sectionLabel).join('; ') : t('ref.noSections')}
          </Fact>
        </dl>
      </section>

      <section aria-labelledby="ref-shared-h">
        <h2 id="ref-shared-h">{sender ? t('ref.caseInfo') : t('ref.sharedInfo')}</h2>
        {sender && <p class="hint">{t('ref.senderSeesAll')}</p>}
        <ClosedNotice r={r} />
        {r.shared && <Shared s={r.shared} tx={tx} />}
      </section>

      <section aria-labelledby="ref-delivered-h">
        <h2 id="ref-delivered-h">{t('ref.delivered')}</h2>
        {r.delivered.length === 0 ? (
          <p>{t('ref.noDelivered')}</p>
        ) : (
          <CardTable
            caption={t('ref.delivered')}
            items={r.delivered}
            columns={[
              { head: t('ref.service'), cell: (d) => codeLabel(tx, 'serviceTypes', d.service) },
              { head: t('ref.serviceDate'), cell: (d) => fmtDate(d.date) },
              { head: t('ref.serviceOutcome'), cell: (d) => d.outcome ?? '—' },
              {
                head: t('ref.recordedBy'),
                cell: (d) => [d.recordedByName, d.orgName].filter(Boolean).join(', ') || '—',
              },
            ]}
          />
        )}
      </section>

      <Thread r={r} setR={setR} />

      <section aria-labelledby="ref-history-h">
        <h2 id="ref-history-h">{t('ref.history')}</h2>
        {history.length === 0 ? (
          <p>{t('timeline.none')}</p>
        ) : (
          <ol class="timeline">
            {history.map((e) => (
              <li key={e.id}>
                <p>
                  <strong>{eventText(e, tx)}</strong>
                </p>
                <p class="hint">
                  <time dateTime={e.at}>{fmtDateTime(e.at)}</time> · {e.actorName ?? t('timeline.system')}
                  {e.actorOrgName && <> ({e.actorOrgName})</>}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}
