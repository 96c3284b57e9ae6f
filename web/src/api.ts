/**
 * The one way the web app talks to the server: JSON over fetch with the session cookie, the
 * CSRF header on every request, the caller's language, and errors as ApiError.
 */
import type { CallInput, CallOutput } from '../../src/domain/contract/define.ts';
import type { Contract } from '../../src/domain/contract/index.ts';
import { getLang } from './i18n/index.ts';

export const API = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  constructor(status: number, code: string, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields ?? {};
  }
}

const NOT_SESSION_LOSS = new Set(['OTP_INVALID', 'OTP_REQUIRED', 'INVALID_CREDENTIALS']);

let unauthorizedHandler: (() => void) | null = null;
/** Called on any 401 except from the sign-in request itself. */
export function onUnauthorized(fn: () => void): void {
  unauthorizedHandler = fn;
}

type Options = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** adds an Idempotency-Key header (POST creates) */
  create?: boolean;
  /** don't treat 401 as "session gone" (sign-in form) */
  noAuthRedirect?: boolean;
  signal?: AbortSignal;
};

function headers(extra?: Record<string, string>): Record<string, string> {
  return { 'X-Requested-With': 'simpul', 'Accept-Language': getLang(), Accept: 'application/json', ...extra };
}

async function handle<T>(res: Response, noAuthRedirect: boolean): Promise<T> {
  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const type = res.headers.get('content-type') ?? '';
    // a file the contract answers (a PDF, a CSV, an XLSX) is a Blob, as CallOutput types it
    return (type.includes('json') ? await res.json() : await res.blob()) as T;
  }
  let code = `HTTP_${res.status}`;
  let message = res.statusText || code;
  let fields: Record<string, string> | undefined;
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; fields?: Record<string, string> };
    };
    if (body.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      fields = body.error.fields;
    }
  } catch {
    // not JSON; keep the status text
  }
  // a wrong one-time code (two-factor set-up) is a 401 too, but the session is still fine
  if (res.status === 401 && !noAuthRedirect && !NOT_SESSION_LOSS.has(code) && unauthorizedHandler)
    unauthorizedHandler();
  throw new ApiError(res.status, code, message, fields);
}

function networkError(e: unknown): never {
  if (e instanceof DOMException && e.name === 'AbortError') throw e;
  throw new ApiError(
    0,
    'NETWORK',
    getLang() === 'en'
      ? 'Cannot reach the server. Check your connection.'
      : 'Server tidak dapat dihubungi. Periksa koneksi Anda.',
  );
}

export async function api<T>(path: string, opts: Options = {}): Promise<T> {
  const extra: Record<string, string> = {};
  if (opts.body !== undefined) extra['Content-Type'] = 'application/json';
  if (opts.create) extra['Idempotency-Key'] = crypto.randomUUID();
  let res: Response;
  try {
    res = await fetch(API + path, {
      method: opts.method ?? (opts.body !== undefined ? 'POST' : 'GET'),
      credentials: 'same-origin',
      headers: headers(extra),
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal,
    });
  } catch (e) {
    networkError(e);
  }
  return handle<T>(res, opts.noAuthRedirect ?? false);
}

type UploadKey = {
  [K in Key]: Contract[K] extends { upload: 'multipart' } ? K : never;
}[Key];

/** Multipart upload (attachments) of a contract operation that takes one. */
export async function upload<K extends UploadKey>(
  key: K,
  params: CallInput<Contract[K]> extends { params: infer P } ? P : never,
  form: FormData,
  query: Record<string, string> = {},
): Promise<CallOutput<Contract[K]>> {
  const path = fillPath(key.slice(key.indexOf(' ') + 1), params as Record<string, unknown>) + qs(query);
  let res: Response;
  try {
    res = await fetch(API + path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: headers({ 'Idempotency-Key': crypto.randomUUID() }),
      body: form,
    });
  } catch (e) {
    networkError(e);
  }
  return handle<CallOutput<Contract[K]>>(res, false);
}

type RawUploadKey = {
  [K in Key]: Contract[K] extends { upload: 'raw' } ? K : never;
}[Key];

/**
 * Raw file upload of a contract operation that takes one (the body is the file itself, e.g. an
 * agreement's PDF): `putFile('PUT /agreements/{id}/document', { params: { id }, query: { name } },
 * file, 'application/pdf')`.
 */
export async function putFile<K extends RawUploadKey>(
  key: K,
  input: CallInput<Contract[K]>,
  file: Blob,
  type: string,
): Promise<CallOutput<Contract[K]>> {
  const i = input as { params?: Record<string, unknown>; query?: Record<string, string> };
  const space = key.indexOf(' ');
  const path = fillPath(key.slice(space + 1), i.params) + qs(i.query ?? {});
  let res: Response;
  try {
    res = await fetch(API + path, {
      method: key.slice(0, space),
      credentials: 'same-origin',
      headers: headers({ 'Content-Type': type }),
      body: file,
    });
  } catch (e) {
    networkError(e);
  }
  return handle<CallOutput<Contract[K]>>(res, false);
}

/** Builds `?a=1&b=2` from the non-empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

/** Some list endpoints answer an array, others a page; accept both. */
export function asList<T>(x: T[] | { items: T[] } | null | undefined): T[] {
  if (!x) return [];
  return Array.isArray(x) ? x : (x.items ?? []);
}

type Key = keyof Contract & string;
type CallOptions = {
  /** don't treat 401 as "session gone" (sign-in form) */
  noAuthRedirect?: boolean;
  signal?: AbortSignal;
};
type Args<K extends Key> =
  Record<string, never> extends CallInput<Contract[K]>
    ? [input?: CallInput<Contract[K]> & CallOptions]
    : [input: CallInput<Contract[K]> & CallOptions];

/** `/cases/{id}` with `{ id: 'a b' }` → `/cases/a%20b`. */
export function fillPath(template: string, params: Record<string, unknown> | undefined): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined || v === null) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(v));
  });
}

/**
 * Calls one operation of the API contract (src/domain/contract), typed from it:
 * `call('GET /cases/{id}', { params: { id } })` answers a `CaseDto`. A POST carries an
 * Idempotency-Key, so a create that is retried after a lost answer creates once.
 */
export function call<K extends Key>(key: K, ...[input]: Args<K>): Promise<CallOutput<Contract[K]>> {
  const i = (input ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown> } & {
    body?: unknown;
  } & CallOptions;
  const space = key.indexOf(' ');
  const method = key.slice(0, space) as NonNullable<Options['method']>;
  const path = fillPath(key.slice(space + 1), i.params) + qs((i.query ?? {}) as Record<string, string>);
  return api<CallOutput<Contract[K]>>(path, {
    method,
    body: i.body,
    create: method === 'POST',
    signal: i.signal,
    noAuthRedirect: i.noAuthRedirect,
  });
}
