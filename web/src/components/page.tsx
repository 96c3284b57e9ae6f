import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { List } from '../../../src/domain/contract/define.ts';
import { ApiError, api } from '../api.ts';
import { t } from '../i18n/index.ts';
import { fmtNumber } from '../lib/format.ts';

let navigated = false;
/** URL of the page whose heading was shown last: a remount on the same URL (language switch) keeps focus where it is. */
let lastHeadingUrl = '';
/** After the first page, each new page moves focus to its heading (screen readers hear it). */
export function markNavigated(): void {
  navigated = true;
}

export function PageHeading({ children, title }: { children: ComponentChildren; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Simpul`;
  }, [title]);
  useEffect(() => {
    const here = location.pathname + location.search;
    if (navigated && here !== lastHeadingUrl) ref.current?.focus({ preventScroll: false });
    lastHeadingUrl = here;
  }, []);
  return (
    <h1 tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const msg = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return (
    <div class="notice error" role="alert">
      <p>{msg}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('action.retry')}
        </button>
      )}
    </div>
  );
}

/** A short confirmation (saved, sent), read out politely; nothing while there is none. */
export function Notice({ text }: { text: string | null | undefined }) {
  return text ? (
    <p class="notice ok" role="status">
      {text}
    </p>
  ) : null;
}

/**
 * The add/edit form of a list page: which item is open (`'new'`: the add form, null: none) and
 * the notice after a save. Opening a form clears the notice.
 */
export function useEditing() {
  const [mode, setMode] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const open = (id: string) => {
    setMode(id);
    setNotice(null);
  };
  const close = (message?: string) => {
    setMode(null);
    if (message) setNotice(message);
  };
  return { mode, notice, setNotice, open, close };
}

/** Loads data with a function; returns state plus a reload function. */
export function useLoad<T>(fn: (signal: AbortSignal) => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [n, setN] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    fn(ctl.signal).then(
      (data) => {
        if (!ctl.signal.aborted) setState({ data, loading: false });
      },
      (error) => {
        if (!ctl.signal.aborted) setState({ error, loading: false });
      },
    );
    return () => ctl.abort();
  }, [...deps, n]);
  return { ...state, reload: () => setN((x) => x + 1) };
}

/**
 * The record of a page of its own (a case, a referral, a complaint), loaded again when `path`
 * changes (null: not loaded). `load` fetches it again and throws; `retry` keeps the error to show.
 * `fetch` loads it by `path` (e.g. an id with a contract `call`); the default GETs the API path.
 */
export function useRecord<T>(path: string | null, fetch: (path: string) => Promise<T> = (p) => api<T>(p)) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = async () => {
    if (path === null) return;
    setData(await fetch(path));
    setError(null);
  };
  useEffect(() => {
    setData(null);
    setError(null);
    if (path !== null) load().catch(setError);
  }, [path]);
  return { data, setData, error, load, retry: () => load().catch(setError) };
}

/** The record does not exist, or its id is not one (the address was mistyped). */
export function isNotFound(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status === 404 || error.code === 'NOT_FOUND' || error.code === 'VALIDATION_FAILED')
  );
}

/** What a record page shows while it has no record: not found, the load error, or loading. */
export function RecordPending({ error, retry }: { error: unknown; retry: () => void }) {
  if (isNotFound(error)) return <NotFoundView />;
  if (error) return <LoadError error={error} onRetry={retry} />;
  return <Loading />;
}

export function NotFoundView() {
  return (
    <section>
      <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.body')}</p>
      <p>
        <a href="/">{t('nav.home')}</a>
      </p>
    </section>
  );
}

export function NoAccess() {
  return (
    <section>
      <PageHeading title={t('noAccess.title')}>{t('noAccess.title')}</PageHeading>
      <p>{t('noAccess.body')}</p>
      <p>
        <a href="/">{t('nav.home')}</a>
      </p>
    </section>
  );
}

/** What a list answer says about its paging (src/domain/contract/define.ts `listOf`). */
export type ListMeta = Pick<List<unknown>, 'page' | 'pageSize' | 'hasMore' | 'total' | 'totalCapped'>;

/** How many, as a person reads it: "12", or "1.000+" when the count stopped at its cap. */
export function countText(l: Pick<ListMeta, 'total' | 'totalCapped'>): string {
  return `${fmtNumber(l.total)}${l.totalCapped ? '+' : ''}`;
}

/** Page links; with a capped count the number of pages is not known, only whether one follows. */
export function Pager({ list, href }: { list: ListMeta; href: (p: number) => string }) {
  const { page, pageSize, hasMore } = list;
  const pages = list.totalCapped ? undefined : Math.max(1, Math.ceil(list.total / pageSize));
  if (page <= 1 && !hasMore) return <p class="hint">{t('pager.total', { total: countText(list) })}</p>;
  return (
    <nav class="pager" aria-label={t('pager.label')}>
      {page > 1 ? <a href={href(page - 1)}>{t('pager.prev')}</a> : <span />}
      <span>
        {pages !== undefined
          ? t('pager.status', { page, pages, total: countText(list) })
          : t('pager.pageOfMany', { page, total: countText(list) })}
      </span>
      {hasMore ? <a href={href(page + 1)}>{t('pager.next')}</a> : <span />}
    </nav>
  );
}
