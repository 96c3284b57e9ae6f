import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { label as pick, t } from '../i18n/index.ts';
import type { CodeItem } from '../lib/taxonomies.ts';

/** Element id of a field: `<form prefix>-<field path>`; error keys like `persons.0.nik` map to dashes. */
export function fieldId(prefix: string, key: string): string {
  return `${prefix}-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export function fieldError(err: ApiError | null, key: string): string | undefined {
  return err?.fields[key];
}

/** Runs a submit: tracks busy state and keeps the last ApiError for the summary and fields. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(
        e instanceof ApiError ? e : new ApiError(0, 'CLIENT', e instanceof Error ? e.message : String(e)),
      );
      setAttempt((n) => n + 1);
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, attempt, run };
}

type SummaryProps = {
  error: ApiError | null;
  /** changes after every failed submit, so focus moves to the summary again */
  attempt?: number;
  prefix: string;
  labels?: Record<string, string>;
  onReload?: () => void;
};

/** Error summary at the top of a form: focused after a failed submit, links to the fields. */
export function ErrorSummary({ error, attempt, prefix, labels = {}, onReload }: SummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error, attempt]);
  if (!error) return null;
  const entries = Object.entries(error.fields);
  const goTo = (e: Event, key: string) => {
    e.preventDefault();
    const el = document.getElementById(fieldId(prefix, key));
    if (el) {
      el.scrollIntoView({ block: 'center' });
      (el.matches('fieldset')
        ? (el.querySelector('input,select,textarea') as HTMLElement | null)
        : el
      )?.focus();
    }
  };
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={`${prefix}-errsum`}>
      <h2 id={`${prefix}-errsum`} class="error-summary-title">
        {error.code === 'VERSION_CONFLICT' ? t('error.conflictTitle') : t('error.summaryTitle')}
      </h2>
      <p>{error.message}</p>
      {entries.length > 0 && (
        <ul>
          {entries.map(([k, msg]) => (
            <li key={k}>
              <a href={`#${fieldId(prefix, k)}`} onClick={(e) => goTo(e, k)}>
                {labels[k] ?? k}: {msg}
              </a>
            </li>
          ))}
        </ul>
      )}
      {error.code === 'VERSION_CONFLICT' && onReload && (
        <p>
          <button type="button" onClick={onReload}>
            {t('action.reload')}
          </button>{' '}
          <span class="hint">{t('error.conflictKeep')}</span>
        </p>
      )}
    </div>
  );
}

type Base = {
  prefix: string;
  name: string;
  label: string;
  error?: ApiError | null;
  hint?: string;
  required?: boolean;
};

function describedBy(id: string, hint?: string, err?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

function Extras({ id, hint, err }: { id: string; hint?: string | undefined; err?: string | undefined }) {
  return (
    <>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {err && (
        <p class="field-error" id={`${id}-err`}>
          <span class="sr-prefix">{t('error.fieldPrefix')} </span>
          {err}
        </p>
      )}
    </>
  );
}

/** Shown after the label (outside it, so the accessible name stays the plain label); the control itself carries `required`. */
function Req({ on }: { on?: boolean | undefined }) {
  return on ? <span class="req"> {t('form.required')}</span> : null;
}

export function TextField(
  p: Base & {
    value: string;
    onValue: (v: string) => void;
    type?: string;
    autoComplete?: string;
    inputMode?: 'numeric' | 'tel' | 'email' | 'text' | 'decimal' | 'search';
    maxLength?: number;
    min?: string;
    max?: string;
    pattern?: string;
  },
) {
  const id = fieldId(p.prefix, p.name);
  const err = fieldError(p.error ?? null, p.name);
  return (
    <div class={`field${err ? ' has-error' : ''}`}>
      <label for={id}>{p.label}</label>
      <Req on={p.required} />
      <input
        id={id}
        name={p.name}
        type={(p.type ?? 'text') as 'text'}
        value={p.value}
        onInput={(e) => p.onValue(e.currentTarget.value)}
        autoComplete={p.autoComplete}
        inputMode={p.inputMode}
        maxLength={p.maxLength}
        min={p.min}
        max={p.max}
        pattern={p.pattern}
        required={p.required}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy(id, p.hint, err)}
      />
      <Extras id={id} hint={p.hint} err={err} />
    </div>
  );
}

export function TextArea(
  p: Base & { value: string; onValue: (v: string) => void; rows?: number; maxLength?: number },
) {
  const id = fieldId(p.prefix, p.name);
  const err = fieldError(p.error ?? null, p.name);
  return (
    <div class={`field${err ? ' has-error' : ''}`}>
      <label for={id}>{p.label}</label>
      <Req on={p.required} />
      <textarea
        id={id}
        aria-required={p.required ? 'true' : undefined}
        name={p.name}
        rows={p.rows ?? 4}
        value={p.value}
        maxLength={p.maxLength}
        onInput={(e) => p.onValue(e.currentTarget.value)}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy(id, p.hint, err)}
      />
      <Extras id={id} hint={p.hint} err={err} />
    </div>
  );
}

export type Option = { value: string; text: string };

export function codeOptions(items: CodeItem[] | undefined): Option[] {
  return (items ?? []).map((x) => ({ value: x.code, text: pick(x.label) }));
}

export function SelectField(
  p: Base & { value: string; onValue: (v: string) => void; options: Option[]; empty?: string | false },
) {
  const id = fieldId(p.prefix, p.name);
  const err = fieldError(p.error ?? null, p.name);
  return (
    <div class={`field${err ? ' has-error' : ''}`}>
      <label for={id}>{p.label}</label>
      <Req on={p.required} />
      <select
        id={id}
        aria-required={p.required ? 'true' : undefined}
        name={p.name}
        value={p.value}
        onChange={(e) => p.onValue(e.currentTarget.value)}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy(id, p.hint, err)}
      >
        {p.empty !== false && <option value="">{p.empty ?? t('form.choose')}</option>}
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
      <Extras id={id} hint={p.hint} err={err} />
    </div>
  );
}

export function CheckGroup(
  p: Base & { values: string[]; onValues: (v: string[]) => void; options: Option[] },
) {
  const id = fieldId(p.prefix, p.name);
  const err = fieldError(p.error ?? null, p.name);
  const toggle = (v: string, on: boolean) =>
    p.onValues(on ? [...p.values, v] : p.values.filter((x) => x !== v));
  return (
    <fieldset
      id={id}
      class={`field checks${err ? ' has-error' : ''}`}
      tabIndex={-1}
      aria-describedby={describedBy(id, p.hint, err)}
    >
      <legend>
        {p.label}
        <Req on={p.required} />
      </legend>
      {p.options.map((o) => (
        <label key={o.value} class="check">
          <input
            type="checkbox"
            name={p.name}
            value={o.value}
            checked={p.values.includes(o.value)}
            onChange={(e) => toggle(o.value, e.currentTarget.checked)}
          />{' '}
          {o.text}
        </label>
      ))}
      <Extras id={id} hint={p.hint} err={err} />
    </fieldset>
  );
}

/** One choice among a few, as radio buttons in a fieldset (the legend is the label). */
export function RadioGroup(p: Base & { value: string; onValue: (v: string) => void; options: Option[] }) {
  const id = fieldId(p.prefix, p.name);
  const err = fieldError(p.error ?? null, p.name);
  return (
    <fieldset
      id={id}
      class={`field checks${err ? ' has-error' : ''}`}
      tabIndex={-1}
      aria-describedby={describedBy(id, p.hint, err)}
    >
      <legend>
        {p.label}
        <Req on={p.required} />
      </legend>
      {p.options.map((o) => (
        <label key={o.value} class="check">
          <input
            type="radio"
            name={`${p.prefix}-${p.name}`}
            value={o.value}
            checked={p.value === o.value}
            required={p.required}
            onChange={() => p.onValue(o.value)}
          />{' '}
          {o.text}
        </label>
      ))}
      <Extras id={id} hint={p.hint} err={err} />
    </fieldset>
  );
}

export function Checkbox(p: Base & { checked: boolean; onChecked: (v: boolean) => void }) {
  const id = fieldId(p.prefix, p.name);
  const err = fieldError(p.error ?? null, p.name);
  return (
    <div class={`field${err ? ' has-error' : ''}`}>
      <label class="check" for={id}>
        <input
          id={id}
          type="checkbox"
          name={p.name}
          checked={p.checked}
          onChange={(e) => p.onChecked(e.currentTarget.checked)}
          aria-invalid={err ? 'true' : undefined}
          aria-describedby={describedBy(id, p.hint, err)}
        />{' '}
        {p.label}
      </label>
      <Extras id={id} hint={p.hint} err={err} />
    </div>
  );
}

export function Submit({ busy, children }: { busy: boolean; children: ComponentChildren }) {
  return (
    <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : undefined}>
      {children}
    </button>
  );
}

/** Empty text → null, for optional fields sent to the API. */
export function orNull(s: string): string | null {
  const v = s.trim();
  return v === '' ? null : v;
}

/**
 * The fields of `body` that differ from `base` (what the form started from). Edits send only
 * these, so a reload after a conflict never overwrites someone else's change to another field.
 */
export function onlyChanged<T extends Record<string, unknown>>(
  body: T,
  base: Record<string, unknown>,
): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(body) as Array<keyof T & string>) {
    if (JSON.stringify(body[k]) !== JSON.stringify(base[k])) out[k] = body[k];
  }
  return out;
}
