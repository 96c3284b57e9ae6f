import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Services } from '../../app/context.ts';
import { createRegulation } from '../../app/regulations/create-regulation.ts';
import { deleteRegulation } from '../../app/regulations/delete-regulation.ts';
import { getRegulation } from '../../app/regulations/get-regulation.ts';
import { listRegulations } from '../../app/regulations/list-regulations.ts';
import { getRegulationFile, putRegulationFile } from '../../app/regulations/regulation-file.ts';
import { updateRegulation } from '../../app/regulations/update-regulation.ts';
import { wholeList } from '../../domain/contract/define.ts';
import { type AppEnv, authed, creating, fileAnswer } from '../context.ts';
import { implement } from '../openapi.ts';
import { parseUpload } from '../upload.ts';

export function regulationRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  implement(app, 'GET /regulations', async (c, { query }) =>
    wholeList(await listRegulations(authed(c, svc), query)),
  );

  implement(app, 'POST /regulations', async (c, { body }) => {
    const ctx = authed(c, svc);
    return creating(c, 'POST /regulations', body, (key) => createRegulation(ctx, body, key));
  });

  implement(app, 'GET /regulations/{id}', async (c, { params }) => getRegulation(authed(c, svc), params.id));

  implement(app, 'PATCH /regulations/{id}', async (c, { params, body }) =>
    updateRegulation(authed(c, svc), params.id, body),
  );

  implement(app, 'DELETE /regulations/{id}', async (c, { params, query }) => {
    await deleteRegulation(authed(c, svc), params.id, query.version);
  });

  implement(app, 'POST /regulations/{id}/file', async (c, { params }) => {
    const ctx = authed(c, svc);
    const up = await parseUpload(c);
    return putRegulationFile(ctx, params.id, { name: up.name, bytes: up.bytes });
  });

  implement(app, 'GET /regulations/{id}/file', async (c, { params }) => {
    const f = await getRegulationFile(authed(c, svc), params.id);
    return fileAnswer(f.bytes, f.mime, f.filename);
  });
}
