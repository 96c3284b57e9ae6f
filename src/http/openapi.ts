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
};
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
