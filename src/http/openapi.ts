/**
 * A thin helper over @hono/zod-openapi: one call declares a route's inputs (zod schemas from
 * src/domain), documents it in /api/v1/openapi.json and wires the handler.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ZodType } from 'zod';
import type { AppEnv } from './context.ts';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type Def = {
  method: Method;
  path: string;
  summary: string;
  tags: string[];
  body?: ZodType;
  query?: ZodType;
  params?: ZodType;
  status?: number;
  multipart?: boolean;
  /** 'none': no session needed (sign-in, code lists); 'optional': with or without one (sign-out) */
  auth?: 'none' | 'optional';
};

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

function securityOf(def: Def): Array<Record<string, string[]>> {
  const write = def.method !== 'get';
  const withSession: Record<string, string[]> = write ? { session: [], csrf: [] } : { session: [] };
  const without: Array<Record<string, string[]>> = write ? [{ csrf: [] }] : [];
  if (def.auth === 'none') return without.length ? without : [{}];
  if (def.auth === 'optional') return [withSession, ...(without.length ? without : [{}])];
  return [withSession];
}
export type Input = { body: never; query: never; params: never };

const ERRORS_DOC = {
  400: { description: 'VALIDATION_FAILED / MALFORMED_JSON' },
  401: { description: 'UNAUTHENTICATED / SESSION_EXPIRED' },
  403: { description: 'FORBIDDEN / MFA_ENROLMENT_REQUIRED' },
  404: { description: 'NOT_FOUND (also for records outside your scope)' },
  409: { description: 'VERSION_CONFLICT and other state conflicts' },
};

export function op(
  app: OpenAPIHono<AppEnv>,
  def: Def,
  handler: (c: Context<AppEnv>, input: Input) => Promise<Response>,
) {
  const request: Record<string, unknown> = {};
  if (def.body) request.body = { content: { 'application/json': { schema: def.body } }, required: true };
  if (def.multipart)
    request.body = {
      content: {
        'multipart/form-data': {
          schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
        },
      },
      required: true,
    };
  if (def.query) request.query = def.query;
  if (def.params) request.params = def.params;
  const route = createRoute({
    method: def.method,
    path: def.path,
    summary: def.summary,
    tags: def.tags,
    request: request as never,
    operationId: operationIdOf(def.method, def.path),
    security: securityOf(def),
    responses: { [def.status ?? 200]: { description: 'OK' }, ...ERRORS_DOC } as never,
  });
  app.openapi(route, (async (c: Context<AppEnv>) => {
    const v = c.req as unknown as { valid(t: string): unknown };
    return handler(c, {
      body: (def.body ? v.valid('json') : undefined) as never,
      query: (def.query ? v.valid('query') : undefined) as never,
      params: (def.params ? v.valid('param') : undefined) as never,
    });
  }) as never);
}
