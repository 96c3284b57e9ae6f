/**
 * Type tests of the API contract (decision 022), checked by `tsc --noEmit` in `npm run lint`:
 * each `@ts-expect-error` below must stay an error. If the contract ever stops catching one of
 * these mistakes, the directive becomes unused and tsc fails.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { z } from 'zod';
import type { AuthedCtx } from '../../src/app/context.ts';
import type { CaseDto, PersonDto } from '../../src/domain/dto.ts';
import type { AssignInput } from '../../src/domain/schemas.ts';
import type { AppEnv } from '../../src/http/context.ts';
import { implement } from '../../src/http/openapi.ts';
import { call } from '../../web/src/api.ts';

declare const app: OpenAPIHono<AppEnv>;
declare const ctx: AuthedCtx;
declare function assign(ctx: AuthedCtx, id: string, input: z.infer<typeof AssignInput>): Promise<CaseDto>;
declare function person(): Promise<PersonDto>;
declare function aCase(): Promise<CaseDto>;

export function serverSide() {
  // a swapped request schema: POST /cases takes CaseCreateInput, not AssignInput
  // @ts-expect-error
  implement(app, 'POST /cases', async (_c, { body }) => assign(ctx, 'x', body));

  // a swapped answer: GET /cases/{id} answers a CaseDto, not a PersonDto
  // @ts-expect-error
  implement(app, 'GET /cases/{id}', async () => person());

  // a list answered as a bare array instead of the one list shape
  // @ts-expect-error
  implement(app, 'GET /cases', async () => [await aCase()]);

  // a parameter the path does not have
  // @ts-expect-error
  implement(app, 'GET /cases/{id}', async (_c, { params }) => (params.caseId ? aCase() : aCase()));

  // an operation the contract does not have
  // @ts-expect-error
  implement(app, 'GET /kasus/{id}', async () => aCase());

  // the right ones compile
  implement(app, 'GET /cases/{id}', async (_c, { params }) => (params.id ? aCase() : aCase()));
}

export async function webSide(id: string) {
  // the answer's type comes from the path
  const c: CaseDto = await call('GET /cases/{id}', { params: { id } });
  // @ts-expect-error: GET /cases/{id} answers a case, not a person
  const p: PersonDto = await call('GET /cases/{id}', { params: { id } });

  // @ts-expect-error: a path parameter is missing
  await call('GET /cases/{id}', {});

  // @ts-expect-error: the body of another operation (AssignInput has no `channel`)
  await call('POST /cases/{id}/assign', { params: { id }, body: { channel: 'telepon', version: 1 } });

  // @ts-expect-error: no such operation
  await call('GET /kasus');

  return [c, p];
}
