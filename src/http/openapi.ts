/**
 * The server side of the API contract (src/domain/contract): `implement` wires one operation's
 * handler, typed from its entry, documents it in /api/v1/openapi.json (inputs, answers, errors,
 * security) and validates its inputs with the entry's zod schemas.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { ErrorBody, type HandlerInput, type Method, type RouteDef } from '../domain/contract/define.ts';
import { type Contract, contract } from '../domain/contract/index.ts';
import type { AppEnv } from './context.ts';

export const API_PREFIX = '/api/v1';

/**
 * The security schemes every operation names (registered in src/http/app.ts): the session cookie,
 * and on every request that is not GET/HEAD the `X-Requested-With: simpul` header, which a browser
 * cannot send cross-site without CORS (the CSRF guard).
 */
export const SECURITY_SCHEMES = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'simpul_session',
    description: 'Sesi dari POST /api/v1/auth/login (httpOnly). / The session from POST /api/v1/auth/login.',
  },
  csrf: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Requested-With',
    description:
      'Harus bernilai "simpul" pada setiap permintaan selain GET/HEAD (perlindungan CSRF). / Must be "simpul" on every request other than GET/HEAD (CSRF guard).',
  },
} as const;

/**
 * A stable operationId from the method and path: `GET /api/v1/cases/{id}/persons` →
 * `getCasesByIdPersons`.
 */
export function operationIdOf(method: string, path: string): string {
  const cap = (w: string) => (w ? w[0]!.toUpperCase() + w.slice(1) : '');
  const words = path
    .replace(/^\/api\/v1\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((seg) => {
      const param = /^\{(.+)\}$/.exec(seg);
      const parts = (param ? param[1]! : seg).split(/[^A-Za-z0-9]+/).filter(Boolean);
      return (param ? 'By' : '') + parts.map(cap).join('');
    });
  return method.toLowerCase() + words.join('');
}

function securityOf(method: Method, def: RouteDef): Array<Record<string, string[]>> {
  const write = method !== 'GET';
  const withSession: Record<string, string[]> = write ? { session: [], csrf: [] } : { session: [] };
  const without: Array<Record<string, string[]>> = write ? [{ csrf: [] }] : [];
  if (def.auth === 'none') return without.length ? without : [{}];
  if (def.auth === 'optional') return [withSession, ...(without.length ? without : [{}])];
  return [withSession];
}

const errorDoc = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorBody } },
});
const ERRORS_DOC = {
  400: errorDoc('VALIDATION_FAILED / MALFORMED_JSON'),
  401: errorDoc('UNAUTHENTICATED / SESSION_EXPIRED'),
  403: errorDoc('FORBIDDEN / MFA_ENROLMENT_REQUIRED'),
  404: errorDoc('NOT_FOUND (juga untuk data di luar wilayah Anda / also for records outside your scope)'),
  409: errorDoc('VERSION_CONFLICT dan konflik keadaan lain / and other state conflicts'),
  429: errorDoc('RATE_LIMITED'),
};
const BINARY = { type: 'string', format: 'binary' } as const;

/** `GET /cases/{id}` → method and the full path. */
export function splitKey(key: string): { method: Method; path: string } {
  const space = key.indexOf(' ');
  return { method: key.slice(0, space) as Method, path: API_PREFIX + key.slice(space + 1) };
}

/** What a handler gives back: the answer's data (sent as JSON), a Response (files), or nothing (204). */
export type HandlerOutput<D> = D extends { response: infer R }
  ? R extends z.ZodType
    ? z.input<R>
    : R extends null
      ? // biome-ignore lint/suspicious/noConfusingVoidType: a handler of a 204 answer returns nothing
        void
      : Response
  : never;

export type Handler<K extends keyof Contract> = (
  c: Context<AppEnv>,
  input: HandlerInput<Contract[K]>,
) => Promise<HandlerOutput<Contract[K]>>;

/**
 * With SIMPUL_CHECK_RESPONSES=1 (the test suites) every JSON answer is checked against its
 * contract schema, so the documented shape cannot drift from what the server sends.
 */
const CHECK_RESPONSES = process.env.SIMPUL_CHECK_RESPONSES === '1';

export function implement<K extends keyof Contract>(app: OpenAPIHono<AppEnv>, key: K, handler: Handler<K>) {
  const def = contract[key] as RouteDef;
  const { method, path } = splitKey(key);
  const request: Record<string, unknown> = {};
  if (def.body)
    request.body = {
      // a plain JSON Schema is documented but not validated by the router: the handler does it
      content: {
        'application/json': {
          schema:
            def.bodyCheckedBy === 'handler'
              ? z.toJSONSchema(def.body, { io: 'input', unrepresentable: 'any' })
              : def.body,
        },
      },
      required: true,
    };
  if (def.upload === 'multipart') {
    const fields = def.uploadFields
      ? (z.toJSONSchema(def.uploadFields, { io: 'input' }) as {
          properties?: Record<string, unknown>;
          required?: string[];
        })
      : {};
    request.body = {
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: { file: BINARY, ...(fields.properties ?? {}) },
            required: ['file', ...(fields.required ?? [])],
            additionalProperties: false,
          },
        },
      },
      required: true,
    };
  }
  if (def.upload === 'raw')
    request.body = {
      content: Object.fromEntries(
        (def.accepts ?? ['application/octet-stream']).map((t) => [t, { schema: BINARY }]),
      ),
      required: true,
    };
  if (def.query) request.query = def.query;
  if (def.params) request.params = def.params;
  const status = def.response === null ? 204 : (def.status ?? 200);
  const answer =
    def.response === null
      ? { description: 'Tanpa isi / No content' }
      : 'file' in def.response
        ? {
            description: 'Berkas / File',
            content: Object.fromEntries(def.response.file.map((t) => [t, { schema: BINARY }])),
          }
        : { description: 'OK', content: { 'application/json': { schema: def.response } } };
  const route = createRoute({
    method: method.toLowerCase() as 'get',
    path,
    summary: def.summary,
    tags: [...def.tags],
    request: request as never,
    operationId: operationIdOf(method, path),
    security: securityOf(method, def),
    responses: { [status]: answer, ...ERRORS_DOC } as never,
  });
  const schema = def.response !== null && !('file' in def.response) ? def.response : null;
  app.openapi(route, (async (c: Context<AppEnv>) => {
    const v = c.req as unknown as { valid(t: string): unknown };
    const out = await handler(c, {
      body: def.body && def.bodyCheckedBy !== 'handler' ? v.valid('json') : undefined,
      query: def.query ? v.valid('query') : undefined,
      params: def.params ? v.valid('param') : undefined,
    } as HandlerInput<Contract[K]>);
    if (out instanceof Response) return out;
    if (def.response === null) return c.body(null, 204);
    if (CHECK_RESPONSES && schema) {
      const r = schema.safeParse(out);
      if (!r.success)
        throw new Error(
          `${key}: the answer does not match the contract: ${JSON.stringify(r.error.issues).slice(0, 2000)}`,
        );
    }
    return c.json(out as never, status as 200);
  }) as never);
}

/** Is this request an upload (not JSON) by the contract? Used by the body guards. */
const UPLOADS: Array<{ method: string; re: RegExp; kind: 'multipart' | 'raw' }> = Object.entries(contract)
  .filter(([, d]) => (d as RouteDef).upload)
  .map(([k, d]) => {
    const { method, path } = splitKey(k);
    const re = new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return { method, re, kind: (d as RouteDef).upload! };
  });
export function uploadKind(method: string, path: string): 'multipart' | 'raw' | null {
  for (const u of UPLOADS) if (u.method === method && u.re.test(path)) return u.kind;
  return null;
}
