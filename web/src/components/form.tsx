import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { List } from '../../../src/domain/contract/define.ts';
import { ApiError, qs } from '../api.ts';
import { label as pick, t } from '../i18n/index.ts';
import { zoneHint } from '../lib/format.ts';
import type { CodeItem, Taxonomies } from '../lib/taxonomies.ts';
import { countText, LoadError, Loading, Pager } from './page.tsx';

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
  // focus moves in the same task that shows the summary (layout effect), not after the next
  // paint (useEffect): on a busy device that can be after the user has already gone back into a
  // field, or at their first keystroke (Preact runs pending effects before a re-render), and
  // the jump then swallows what they type (e2e/error-summary-focus.test.ts)
  useLayoutEffect(() => {
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
        {error.code === 'VERSION_CONFLICT'
          ? t('error.conflictTitle')
          : entries.length > 0
            ? t('error.summaryTitle')
            : t('error.failedTitle')}
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

/** A fieldset of checkboxes or radio buttons: the legend is the label. */
function ChoiceSet(p: Base & { children: ComponentChildren }) {
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
      {p.children}
      <Extras id={id} hint={p.hint} err={err} />
    </fieldset>
  );
}

export function CheckGroup(
  p: Base & { values: string[]; onValues: (v: string[]) => void; options: Option[] },
) {
  const toggle = (v: string, on: boolean) =>
    p.onValues(on ? [...p.values, v] : p.values.filter((x) => x !== v));
  return (
    <ChoiceSet {...p}>
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
    </ChoiceSet>
  );
}

/** One choice among a few, as radio buttons in a fieldset (the legend is the label). */
export function RadioGroup(p: Base & { value: string; onValue: (v: string) => void; options: Option[] }) {
  return (
    <ChoiceSet {...p}>
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
    </ChoiceSet>
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

/** The end of a form: the primary submit (Save unless told) and Cancel. */
export function FormActions({
  busy,
  onCancel,
  submit,
}: {
  busy: boolean;
  onCancel: () => void;
  submit?: string;
}) {
  return (
    <div class="actions">
      <button type="submit" class="primary" disabled={busy}>
        {submit ?? t('action.save')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('action.cancel')}
      </button>
    </div>
  );
}

/** Edit (one item of a list): `aria` names the item for screen readers. */
export function EditButton({ aria, onClick }: { aria: string; onClick: () => void }) {
  return (
    <button type="button" onClick={onClick} aria-label={aria}>
      {t('action.edit')}
    </button>
  );
}

export function Submit({ busy, children }: { busy: boolean; children: ComponentChildren }) {
  return (
    <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : undefined}>
      {children}
    </button>
  );
}

type TextKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;

/** `field('x')`: the name, label, value and setter of text field x of a form's state. */
export function bindField<V>(v: V, set: (k: keyof V) => (x: string) => void, labels: Record<string, string>) {
  return (k: TextKeys<V>) => ({
    name: k,
    label: labels[k] as string,
    value: v[k] as string,
    onValue: set(k),
  });
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

// ---- a case

/** The identification fields of a case: the new case form and the summary tab. */
export type Ident = {
  channel: string;
  receivedAt: string;
  caseType: string;
  risk: string;
  authority: string;
  summary: string;
};

export function identLabels(): Record<keyof Ident, string> {
  return {
    channel: t('case.channel'),
    receivedAt: t('case.receivedAt'),
    caseType: t('case.caseType'),
    risk: t('case.risk'),
    authority: t('case.authority'),
    summary: t('case.summary'),
  };
}

type Props = {
  prefix: string;
  v: Ident;
  set: (k: keyof Ident) => (x: string) => void;
  error: ApiError | null;
  tx: Taxonomies | null;
  labels: Record<keyof Ident, string>;
  /** editing an existing case: the channel cannot be emptied, the selects sit in a grid */
  edit?: boolean;
  /** the case's kab/kota: its time is entered in that zone (a new case: the officer's own) */
  region?: string;
};

export function IdentFields({ prefix, v, set, error, tx, labels, edit, region }: Props) {
  const select = (name: 'caseType' | 'risk' | 'authority', list: keyof Taxonomies) => (
    <SelectField
      prefix={prefix}
      name={name}
      label={labels[name]}
      value={v[name]}
      onValue={set(name)}
      options={codeOptions(tx?.[list])}
      error={error}
    />
  );
  const fields = (
    <>
      <SelectField
        prefix={prefix}
        name="channel"
        label={labels.channel}
        value={v.channel}
        onValue={set('channel')}
        options={codeOptions(tx?.intakeChannels)}
        error={error}
        {...(edit ? { empty: false as const } : { required: true })}
      />
      <TextField
        prefix={prefix}
        name="receivedAt"
        type="datetime-local"
        label={labels.receivedAt}
        hint={zoneHint(region)}
        value={v.receivedAt}
        onValue={set('receivedAt')}
        error={error}
      />
      {select('caseType', 'caseTypes')}
      {select('risk', 'riskLevels')}
      {select('authority', 'authorities')}
    </>
  );
  return (
    <>
      {edit ? <div class="grid">{fields}</div> : fields}
      <TextArea
        prefix={prefix}
        name="summary"
        label={labels.summary}
        hint={t('case.summaryHint')}
        maxLength={300}
        rows={3}
        value={v.summary}
        onValue={set('summary')}
        error={error}
      />
    </>
  );
}

// ---- lists

export type Column<T> = {
  head: string;
  cell: (row: T) => ComponentChildren;
  class?: string;
};

/**
 * A table that narrow screens show as cards (each cell labelled by its column head). The cell of
 * column `rowHeader` (default the first) is the row's header.
 */
export function CardTable<T extends { id: string }>(p: {
  caption: string;
  columns: Array<Column<T>>;
  items: T[];
  rowHeader?: number;
  tableClass?: string;
  rowClass?: (row: T) => string | undefined;
}) {
  const rh = p.rowHeader ?? 0;
  return (
    <div class="table-wrap">
      <table class={p.tableClass ?? 'cards'}>
        <caption class="sr-only">{p.caption}</caption>
        <thead>
          <tr>
            {p.columns.map((c) => (
              <th scope="col" key={c.head}>
                {c.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.items.map((r) => (
            <tr key={r.id} class={p.rowClass?.(r)}>
              {p.columns.map((c, i) =>
                i === rh ? (
                  <th scope="row" data-label={c.head} key={c.head} class={c.class}>
                    {c.cell(r)}
                  </th>
                ) : (
                  <td data-label={c.head} key={c.head} class={c.class}>
                    {c.cell(r)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The page number in a list's query string: left out for the first page. */
export function pageParam(page?: number): number | undefined {
  return page && page > 1 ? page : undefined;
}

/** `fromQuery` and `toQuery` of filters that are plain query parameters (empty: not set). */
export function plainFilters<K extends string>(keys: readonly K[]) {
  type F = Record<K, string>;
  return {
    fromQuery: (q: Record<string, string>) => Object.fromEntries(keys.map((k) => [k, q[k] ?? ''])) as F,
    toQuery: (f: F, page?: number) => qs({ ...f, page: pageParam(page) }),
  };
}

/**
 * Filters kept in the URL of the list at `path`: `applied` is what the query says, `f` what the
 * form shows (follows browser back/forward), `queryKey` changes whenever the applied filters or the
 * page change. `submit` applies the form's filters, `clear` drops them, `href` links to a page.
 */
export function useUrlFilters<F extends Record<string, string>>(
  fromQuery: (q: Record<string, string>) => F,
  toQuery: (f: F, page?: number) => string,
  path: string,
) {
  const { query, route } = useLocation();
  const applied = fromQuery(query);
  const page = Math.max(1, Number(query.page) || 1);
  const [f, setF] = useState<F>(applied);
  const set = (k: keyof F) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const queryKey = toQuery(applied, page);
  // browser back/forward changes the query: show the filters that apply
  useEffect(() => setF(fromQuery(query)), [queryKey]);
  const submit = (e: Event) => {
    e.preventDefault();
    route(`${path}${toQuery(f)}`);
  };
  const clear = () => {
    setF(fromQuery({}));
    route(path);
  };
  const href = (p: number) => `${path}${toQuery(applied, p)}`;
  return { route, applied, page, f, set, queryKey, submit, clear, href };
}

/** The buttons of a filter form: apply (`submit` names it), then any others (clear). */
export function FilterActions({ submit, children }: { submit: string; children?: ComponentChildren }) {
  return (
    <div class="actions">
      <button type="submit" class="primary">
        {submit}
      </button>
      {children}
    </div>
  );
}

/** A page of results under a live region: loading, load error, the items with a pager, or none. */
export function PagedResults<T>(p: {
  data?: List<T> | null | undefined;
  error?: unknown;
  loading: boolean;
  reload: () => void;
  /** the count as text: "12" or "1.000+" */
  found: (n: string) => string;
  href: (page: number) => string;
  none: string;
  children: (items: T[]) => ComponentChildren;
}) {
  const { data } = p;
  return (
    <div aria-live="polite">
      {p.loading && !data ? (
        <Loading />
      ) : p.error ? (
        <LoadError error={p.error} onRetry={p.reload} />
      ) : data && data.items.length > 0 ? (
        <>
          <p class="hint">{p.found(countText(data))}</p>
          {p.children(data.items)}
          <Pager list={data} href={p.href} />
        </>
      ) : data && data.page > 1 ? (
        // a page past the end (an old link, a list that shrank): say so and lead back
        <p>
          {t('pager.pastEnd', { page: data.page })} <a href={p.href(1)}>{t('pager.first')}</a>
        </p>
      ) : (
        <p>{p.none}</p>
      )}
    </div>
  );
}
