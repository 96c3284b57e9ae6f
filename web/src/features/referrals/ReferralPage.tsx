/**
 * One referral, for both sides: the recipient sees only the shared sections and works it (accept,
 * decline, services, complete); the referring side sees everything, can cancel, withdraw consent
 * and print the letter. Both ask and answer questions in the thread.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { ReferralDto, SharedSectionsDto } from '../../../../src/domain/dto.ts';
import { CANCEL_REASONS, DECLINE_REASONS } from '../../../../src/domain/referrals.ts';
import { API, ApiError, api } from '../../api.ts';
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
import { isNotFound, Notice, PageHeading, RecordPending, useRecord } from '../../components/page.tsx';
import { label, type MessageKey, t } from '../../i18n/index.ts';
import { fmtDate, fmtDateTime, todayJakarta } from '../../lib/format.ts';
import { codeLabel, type Taxonomies, useTaxonomies } from '../../lib/taxonomies.ts';
import {
  basisLabel,
  cancelLabel,
  declineLabel,
  Flags,
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

type Action = 'decline' | 'service' | 'complete' | 'cancel' | 'withdraw';

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
};

function eventText(e: ReferralDto['events'][number], tx: Taxonomies | null): string {
  const head = EVENT_KEYS[e.type] ? t(EVENT_KEYS[e.type] as MessageKey) : e.type.replace(/[_.]/g, ' ');
  const d = e.data;
  const parts: string[] = [];
  if (typeof d.to === 'string') parts.push(statusLabel(d.to));
  else if (typeof d.status === 'string') parts.push(statusLabel(d.status));
  if (typeof d.service === 'string') parts.push(codeLabel(tx, 'serviceTypes', d.service));
  if (typeof d.reason === 'string')
    parts.push(d.to === 'dibatalkan' ? cancelLabel(d.reason) : declineLabel(d.reason));
  return parts.length ? `${head}: ${parts.join(' · ')}` : head;
}

/** The element id prefix of each action's form. */
const PREFIX: Record<Action, string> = {
  decline: 'rd',
  service: 'rs',
  complete: 'rc',
  cancel: 'rx',
  withdraw: 'rw',
};

const EMPTY = () => ({ reason: '', note: '', service: '', date: todayJakarta(), outcome: '' });

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

  const post = (path: string, body: Record<string, unknown>, message: string) =>
    run(async () => {
      try {
        const x = await api<ReferralDto>(`/referrals/${r.id}/${path}`, { body });
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
    setOpen(a);
  };
  const cancel = () => {
    setOpen(null);
    setError(null);
    setTimeout(() => buttons.current?.querySelector<HTMLElement>('button, a')?.focus(), 0);
  };
  const any =
    p.accept || p.decline || p.recordService || p.complete || p.cancel || p.withdrawConsent || p.letter;
  if (!any && !done && !error) return null;
  const labels = {
    reason: t('ref.reason'),
    note: t('ref.note'),
    service: t('ref.service'),
    date: t('ref.serviceDate'),
    outcome: t('ref.outcome'),
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
    ['decline', p.decline, t('ref.decline')],
    ['service', p.recordService, t('ref.recordService')],
    ['complete', p.complete, t('ref.complete')],
    ['cancel', p.cancel, t('ref.cancel')],
    ['withdraw', p.withdrawConsent, t('ref.withdraw')],
  ];

  return (
    <section aria-labelledby="ref-actions-h">
      <h2 id="ref-actions-h">{t('common.actions')}</h2>
      <Notice text={done} />
      {error && !open && <ErrorSummary error={error} attempt={attempt} prefix="ra" />}
      <div class="actions" ref={buttons}>
        {p.accept && (
          <button
            type="button"
            class="primary"
            disabled={busy}
            onClick={() => {
              setOpen(null);
              post('accept', { version: r.version }, t('ref.acceptedMsg'));
            }}
          >
            {t('ref.accept')}
          </button>
        )}
        {opens.map(
          ([a, allowed, text]) =>
            allowed && (
              <button key={a} type="button" onClick={() => openForm(a)} aria-expanded={open === a}>
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
            {t('ref.letter')}
          </a>
        )}
      </div>
      {open === 'decline' && (
        <ActionForm
          {...common}
          title={t('ref.declineTitle')}
          submit={t('ref.decline')}
          onSubmit={() =>
            post(
              'decline',
              { version: r.version, reason: v.reason, note: orNull(v.note) },
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
              'services',
              { service: v.service, date: v.date, outcome: orNull(v.outcome) },
              t('ref.serviceMsg'),
            )
          }
        >
          <SelectField
            {...bind('service')}
            options={codeOptions(tx?.serviceTypes).filter((o) => r.services.includes(o.value))}
            required
          />
          <TextField {...bind('date')} type="date" max={todayJakarta()} required />
          <TextArea {...bind('outcome')} label={t('ref.serviceOutcome')} rows={3} maxLength={5000} />
        </ActionForm>
      )}
      {open === 'complete' && (
        <ActionForm
          {...common}
          title={t('ref.completeTitle')}
          submit={t('ref.complete')}
          onSubmit={() => post('complete', { version: r.version, outcome: v.outcome }, t('ref.completedMsg'))}
        >
          <TextArea {...bind('outcome')} hint={t('ref.outcomeHint')} rows={4} maxLength={5000} required />
        </ActionForm>
      )}
      {open === 'cancel' && (
        <ActionForm
          {...common}
          title={t('ref.cancelTitle')}
          submit={t('ref.cancelConfirm')}
          onSubmit={() =>
            post(
              'cancel',
              { version: r.version, reason: v.reason, note: orNull(v.note) },
              t('ref.cancelledMsg'),
            )
          }
        >
          {reason(CANCEL_REASONS, cancelLabel)}
          {note()}
        </ActionForm>
      )}
      {open === 'withdraw' && (
        <ActionForm
          {...common}
          title={t('ref.withdrawTitle')}
          submit={t('ref.withdrawConfirm')}
          onSubmit={() =>
            post('withdraw-consent', { version: r.version, note: orNull(v.note) }, t('ref.withdrawnMsg'))
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
      setR(await api<ReferralDto>(`/referrals/${r.id}/messages`, { body: { body } }));
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
              <p class="pre">{m.body ?? t('ref.messageHidden')}</p>
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
  } = useRecord<ReferralDto>(`/referrals/${encodeURIComponent(id)}`);
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

      <section aria-labelledby="ref-purpose-h">
        <h2 id="ref-purpose-h">{t('ref.purpose')}</h2>
        <p class="pre">{r.purpose ?? '—'}</p>
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
        {r.shared ? <Shared s={r.shared} tx={tx} /> : <p>{t('ref.noAccess')}</p>}
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
