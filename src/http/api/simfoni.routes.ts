import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Services } from '../../app/context.ts';
import { exportSimfoni } from '../../app/simfoni/export-simfoni.ts';
import { listCasesForSimfoni } from '../../app/simfoni/list-simfoni-cases.ts';
import { recordSimfoniEntry } from '../../app/simfoni/record-simfoni-entry.ts';
import { type AppEnv, authed, fileAnswer } from '../context.ts';
import { implement } from '../openapi.ts';

export function simfoniRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  implement(app, 'GET /simfoni/cases', async (c, { query }) =>
    listCasesForSimfoni(authed(c, svc), query, { twoFactor: c.get('twoFactor') }),
  );

  implement(app, 'PUT /simfoni/cases/{id}/entry', async (c, { params, body }) =>
    recordSimfoniEntry(authed(c, svc), params.id, body),
  );

  implement(app, 'GET /exports/simfoni', async (c, { query }) => {
    const out = await exportSimfoni(authed(c, svc), query, { twoFactor: c.get('twoFactor') });
    return fileAnswer(out.body, out.mime, out.filename);
  });
}
