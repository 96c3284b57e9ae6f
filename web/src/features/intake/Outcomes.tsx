/**
 * The outcome of triage, each behind a confirming <dialog>: open a case, attach to a case,
 * forward to another kab/kota, refer to SAPA 129, close with a reason.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { STAGE_LABELS, type Stage } from '../../../../src/domain/stages.ts';
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
import { RegionPicker } from '../../components/region.tsx';
import { label, type MessageKey, t } from '../../i18n/index.ts';
import { useStore } from '../../lib/store.ts';
import { type Taxonomies, userStore } from '../../lib/taxonomies.ts';
import { ManagerField } from '../cases/ManagerField.tsx';
import { type CaseRef, CaseSearch } from './CaseSearch.tsx';
import { choice, type Duplicate, flash, type IntakeItem, reasonsText, regionName } from './shared.tsx';

type Props = { item: IntakeItem; reload: () => Promise<void>; tx: Taxonomies | null };

type Kind = 'open' | 'attach' | 'forward' | 'national' | 'close';

const BUTTONS: Array<[Kind, MessageKey]> = [
  ['open', 'intake.openCase'],
  ['attach', 'intake.attach'],
  ['forward', 'intake.forward'],
  ['national', 'intake.national'],
  ['close', 'intake.close'],
];

/** A modal dialog with a form: error summary, the fields, confirm and cancel. */
function ActionDialog({
  id,
  title,
  confirm,
  onConfirm,
  onClose,
  reload,
  labels,
  intro,
  children,
}: {
  id: string;
  /** the first paragraph of the dialog */
  intro?: string;
  title: string;
  confirm: string;
  onConfirm: () => Promise<boolean | undefined>;
  onClose: () => void;
  reload: () => Promise<void>;
  labels?: Record<string, string>;
  children: (error: ApiError | null) => ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const { busy, error, attempt, run } = useAction();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      // false: the action moved on to another page, nothing to close here
      if ((await onConfirm()) !== false) ref.current?.close();
    });
  };
  return (
    <dialog ref={ref} class="dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>{title}</h2>
        <ErrorSummary
          error={error}
          attempt={attempt}
          prefix={id}
          labels={labels ?? {}}
          onReload={() => reload()}
        />
        {intro && <p>{intro}</p>}
        {children(error)}
        <FormActions busy={busy} onCancel={() => ref.current?.close()} submit={confirm} />
      </form>
    </dialog>
  );
}

type DialogProps = Props & { onClose: () => void };

/** An optional note with the outcome. */
function NoteField(p: {
  prefix: string;
  label: string;
  value: string;
  onValue: (v: string) => void;
  rows: number;
  error: ApiError | null;
}) {
  return <TextArea {...p} name="note" maxLength={2000} />;
}

/** The possible existing cases: number (link), stage, the person, why they match. */
export function DuplicateList({ items }: { items: Duplicate[] }) {
  return (
    <ul class="dup-list">
      {items.map((d) => (
        <li key={d.caseId} class="card">
          <p>
            <a href={`/kasus/${d.caseId}`}>
              <strong>{d.number}</strong>
            </a>{' '}
            <span class="badge stage">{label(STAGE_LABELS[d.stage as Stage], d.stage)}</span>
          </p>
          <dl class="facts small">
            <div>
              <dt>{t('intake.dupPerson')}</dt>
              <dd>{d.personName ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('intake.dupReasons')}</dt>
              <dd>{reasonsText(d.reasons)}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}

function OpenCaseDialog({ item, reload, onClose }: DialogProps) {
  const { route } = useLocation();
  const user = useStore(userStore);
  // null until chosen: a case manager opening the case manages it unless they choose otherwise
  const [chosenManager, setManagerId] = useState<string | null>(null);
  const managerId = chosenManager ?? (user?.role === 'manajer' ? user.id : '');
  const dups = item.possibleDuplicates;
  return (
    <ActionDialog
      id="oc"
      title={t('intake.openCase')}
      confirm={t('intake.openCaseConfirm')}
      reload={reload}
      onClose={onClose}
      labels={{ managerId: t('case.manager') }}
      onConfirm={async () => {
        const c = await call('POST /intake/{id}/open-case', {
          params: { id: item.id },
          body: { version: item.version, managerId: orNull(managerId) },
        });
        route(`/kasus/${c.id}`);
        return false;
      }}
    >
      {(error) => (
        <>
          {dups.length > 0 && (
            <div class="notice warn" role="note">
              <p>
                <strong>{t('intake.openCaseDupWarning', { n: dups.length })}</strong>
              </p>
              <DuplicateList items={dups} />
            </div>
          )}
          <p>{t('intake.openCaseBody')}</p>
          <ManagerField prefix="oc" value={managerId} onValue={setManagerId} error={error} />
        </>
      )}
    </ActionDialog>
  );
}

function AttachDialog({ item, reload, onClose }: DialogProps) {
  const [choices, setChoices] = useState<CaseRef[]>(() =>
    item.possibleDuplicates.map((d) => ({ id: d.caseId, number: d.number, stage: d.stage })),
  );
  const [caseId, setCaseId] = useState(choices.length === 1 ? (choices[0]?.id ?? '') : '');
  const pick = (c: CaseRef) => {
    setChoices((xs) => (xs.some((x) => x.id === c.id) ? xs : [...xs, c]));
    setCaseId(c.id);
  };
  const reasonOf = (id: string) => item.possibleDuplicates.find((d) => d.caseId === id);
  return (
    <ActionDialog
      id="at"
      title={t('intake.attach')}
      confirm={t('intake.attachConfirm')}
      reload={reload}
      onClose={onClose}
      labels={{ caseId: t('intake.attachTarget') }}
      intro={t('intake.attachBody')}
      onConfirm={async () => {
        if (!caseId)
          throw new ApiError(400, 'CLIENT_VALIDATION', t('error.checkFields'), {
            caseId: t('intake.chooseCaseFirst'),
          });
        await call('POST /intake/{id}/attach', {
          params: { id: item.id },
          body: { version: item.version, caseId },
        });
        await reload();
        return true;
      }}
    >
      {(error) => {
        const err = fieldError(error, 'caseId');
        return (
          <>
            <fieldset id="at-caseId" tabIndex={-1} class={`field checks${err ? ' has-error' : ''}`}>
              <legend>{t('intake.attachTarget')}</legend>
              {choices.length === 0 && <p class="hint">{t('intake.duplicatesNone')}</p>}
              {choices.map((c) => {
                const d = reasonOf(c.id);
                return (
                  <label class="check" key={c.id}>
                    <input
                      type="radio"
                      name="at-case"
                      value={c.id}
                      checked={caseId === c.id}
                      onChange={() => setCaseId(c.id)}
                    />{' '}
                    <strong>{c.number}</strong> · {label(STAGE_LABELS[c.stage as Stage], c.stage)}
                    {d && (
                      <>
                        {' '}
                        · {d.personName} ({reasonsText(d.reasons)})
                      </>
                    )}
                  </label>
                );
              })}
              {err && <p class="field-error">{err}</p>}
            </fieldset>
            <CaseSearch prefix="at-s" onPick={pick} />
          </>
        );
      }}
    </ActionDialog>
  );
}

function ForwardDialog({ item, reload, onClose }: DialogProps) {
  const { route } = useLocation();
  const [region, setRegion] = useState('');
  const [note, setNote] = useState('');
  const labels = { toRegion: t('intake.forwardTo'), note: t('intake.forwardNote') };
  return (
    <ActionDialog
      id="fw"
      title={t('intake.forward')}
      confirm={t('intake.forwardConfirm')}
      reload={reload}
      onClose={onClose}
      labels={labels}
      intro={t('intake.forwardBody')}
      onConfirm={async () => {
        // a kab/kota is needed; a deeper choice is cut to its kab/kota
        const toRegion = region.split('.').slice(0, 2).join('.');
        if (toRegion.split('.').length < 2)
          throw new ApiError(400, 'CLIENT_VALIDATION', t('error.checkFields'), {
            toRegion: t('intake.chooseRegion'),
          });
        const r = await call('POST /intake/{id}/forward', {
          params: { id: item.id },
          body: { version: item.version, toRegion, note: orNull(note) },
        });
        flash.set(t('intake.forwarded', { code: item.code, region: await regionName(r.forwardedTo) }));
        route('/pengaduan');
        return false;
      }}
    >
      {(error) => (
        <>
          <RegionPicker
            prefix="fw"
            name="toRegion"
            label={labels.toRegion}
            value={region}
            onValue={setRegion}
            maxLevel={2}
            error={error}
          />
          <NoteField prefix="fw" label={labels.note} value={note} onValue={setNote} rows={3} error={error} />
        </>
      )}
    </ActionDialog>
  );
}

function NationalDialog({ item, reload, onClose }: DialogProps) {
  const [note, setNote] = useState('');
  const labels = { note: t('intake.nationalNote') };
  return (
    <ActionDialog
      id="na"
      title={t('intake.national')}
      confirm={t('intake.nationalConfirm')}
      reload={reload}
      onClose={onClose}
      labels={labels}
      intro={t('intake.nationalBody')}
      onConfirm={async () => {
        await call('POST /intake/{id}/national', {
          params: { id: item.id },
          body: { version: item.version, note: orNull(note) },
        });
        await reload();
        return true;
      }}
    >
      {(error) => (
        <NoteField prefix="na" label={labels.note} value={note} onValue={setNote} rows={4} error={error} />
      )}
    </ActionDialog>
  );
}

function CloseDialog({ item, reload, onClose, tx }: DialogProps) {
  const [reason, setReason] = useState(item.suspectedSpam ? 'spam' : '');
  const [note, setNote] = useState('');
  const labels = { reason: t('intake.closeReason'), note: t('intake.closeNote') };
  return (
    <ActionDialog
      id="cl"
      title={t('intake.close')}
      confirm={t('intake.close')}
      reload={reload}
      onClose={onClose}
      labels={labels}
      intro={t('intake.closeBody')}
      onConfirm={async () => {
        await call('POST /intake/{id}/close', {
          params: { id: item.id },
          body: { version: item.version, reason: choice(reason), note: orNull(note) },
        });
        await reload();
        return true;
      }}
    >
      {(error) => (
        <>
          <SelectField
            prefix="cl"
            name="reason"
            label={labels.reason}
            value={reason}
            onValue={setReason}
            options={codeOptions(tx?.intakeCloseReasons)}
            error={error}
            required
          />
          <NoteField prefix="cl" label={labels.note} value={note} onValue={setNote} rows={3} error={error} />
        </>
      )}
    </ActionDialog>
  );
}

/** The outcome buttons; the possible existing cases are shown above them by the page. */
export function Outcomes(props: Props) {
  const [open, setOpen] = useState<Kind | null>(null);
  const buttons = useRef<Partial<Record<Kind, HTMLButtonElement | null>>>({});
  const close = () => {
    const k = open;
    setOpen(null);
    if (k) buttons.current[k]?.focus();
  };
  const p = { ...props, onClose: close };
  return (
    <>
      <div class="actions outcome-actions">
        {BUTTONS.map(([k, key]) => (
          <button
            key={k}
            type="button"
            class={k === 'open' ? 'primary' : undefined}
            ref={(el) => {
              buttons.current[k] = el;
            }}
            onClick={() => setOpen(k)}
          >
            {t(key)}
          </button>
        ))}
      </div>
      {open === 'open' && <OpenCaseDialog {...p} />}
      {open === 'attach' && <AttachDialog {...p} />}
      {open === 'forward' && <ForwardDialog {...p} />}
      {open === 'national' && <NationalDialog {...p} />}
      {open === 'close' && <CloseDialog {...p} />}
    </>
  );
}
