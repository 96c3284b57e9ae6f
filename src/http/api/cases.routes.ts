import { createHash } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { getAccessLog } from '../../app/cases/access-log.ts';
import { assignableStaff, assignCase } from '../../app/cases/assign-case.ts';
import { addAttachment, getAttachment, MAX_ATTACHMENT_BYTES } from '../../app/cases/attachments.ts';
import { changeStage } from '../../app/cases/change-stage.ts';
import { getCase } from '../../app/cases/get-case.ts';
import { listCases } from '../../app/cases/list-cases.ts';
import { managersToChoose, openCase } from '../../app/cases/open-case.ts';
import { addIncident, updateIncident } from '../../app/cases/save-incident.ts';
import { addPerson, addRelationship, updatePerson } from '../../app/cases/save-person.ts';
import { addRecord, updateRecord } from '../../app/cases/save-record.ts';
import { takeCase } from '../../app/cases/take-case.ts';
import { myTasks } from '../../app/cases/tasks.ts';
import { getTimeline } from '../../app/cases/timeline.ts';
import { updateCase } from '../../app/cases/update-case.ts';
import { workQueue } from '../../app/cases/work-queue.ts';
import type { Services } from '../../app/context.ts';
import { wholeList } from '../../domain/contract/define.ts';
import { AppError } from '../../domain/errors.ts';
import { RECORD_KINDS, recordUpdate } from '../../domain/schemas.ts';
import { type AppEnv, authed, creating, fileAnswer } from '../context.ts';
import { implement } from '../openapi.ts';

export function caseRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  implement(app, 'GET /cases', async (c, { query }) => listCases(authed(c, svc), query));

  implement(app, 'POST /cases', async (c, { body }) => {
    const ctx = authed(c, svc);
    return creating(c, 'POST /cases', body, (key) => openCase(ctx, body, key));
  });

  implement(app, 'GET /cases/{id}', async (c, { params }) => getCase(authed(c, svc), params.id));

  implement(app, 'PATCH /cases/{id}', async (c, { params, body }) =>
    updateCase(authed(c, svc), params.id, body),
  );

  implement(app, 'POST /cases/{id}/transition', async (c, { params, body }) =>
    changeStage(authed(c, svc), params.id, body),
  );

  implement(app, 'POST /cases/{id}/assign', async (c, { params, body }) =>
    assignCase(authed(c, svc), params.id, body),
  );

  implement(app, 'POST /cases/{id}/take', async (c, { params }) => takeCase(authed(c, svc), params.id));

  implement(app, 'POST /cases/{id}/persons', async (c, { params, body }) => {
    const ctx = authed(c, svc);
    return creating(c, `POST /cases/${params.id}/persons`, body, (key) =>
      addPerson(ctx, params.id, body, key),
    );
  });

  implement(app, 'PATCH /cases/{id}/persons/{pid}', async (c, { params, body }) =>
    updatePerson(authed(c, svc), params.id, params.pid, body),
  );

  implement(app, 'POST /cases/{id}/relationships', async (c, { params, body }) =>
    addRelationship(authed(c, svc), params.id, body),
  );

  implement(app, 'POST /cases/{id}/incidents', async (c, { params, body }) => {
    const ctx = authed(c, svc);
    return creating(c, `POST /cases/${params.id}/incidents`, body, (key) =>
      addIncident(ctx, params.id, body, key),
    );
  });

  implement(app, 'PATCH /cases/{id}/incidents/{iid}', async (c, { params, body }) =>
    updateIncident(authed(c, svc), params.id, params.iid, body),
  );

  // the body's schema depends on the record's kind (contract: bodyCheckedBy 'handler')
  implement(app, 'POST /cases/{id}/records/{kind}', async (c, { params }) => {
    const ctx = authed(c, svc);
    const parsed = RECORD_KINDS[params.kind].schema.safeParse(await c.req.json());
    if (!parsed.success) throw parsed.error;
    return creating(c, `POST /cases/${params.id}/records/${params.kind}`, parsed.data, (key) =>
      addRecord(ctx, params.id, params.kind, parsed.data as Record<string, unknown>, key),
    );
  });

  implement(app, 'PATCH /cases/{id}/records/{kind}/{rid}', async (c, { params }) => {
    const ctx = authed(c, svc);
    const schema = recordUpdate(params.kind);
    const parsed = schema.safeParse(await c.req.json());
    if (!parsed.success) throw parsed.error;
    const { version, ...data } = parsed.data as { version: number } & Record<string, unknown>;
    return updateRecord(ctx, params.id, params.kind, params.rid, version, data);
  });

  implement(app, 'POST /cases/{id}/attachments', async (c, { params }) => {
    const ctx = authed(c, svc);
    const ct = c.req.header('content-type') ?? '';
    if (!ct.startsWith('multipart/form-data')) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
    const form = await c.req.formData().catch(() => {
      throw new AppError('VALIDATION_FAILED', { file: 'required' });
    });
    // no NUL in a field's name, a value or the file name (src/http/nul-guard.ts)
    for (const [name, value] of form.entries())
      if (name.includes('\u0000') || (typeof value === 'string' ? value : value.name).includes('\u0000'))
        throw new AppError('VALIDATION_FAILED', {
          [name === 'file' ? 'file' : '_form']: 'invalid_characters',
        });
    const file = form.get('file');
    if (!file || typeof file === 'string') throw new AppError('VALIDATION_FAILED', { file: 'required' });
    if (file.size > MAX_ATTACHMENT_BYTES) throw new AppError('FILE_TOO_LARGE', { file: 'too_large' });
    const bytes = new Uint8Array(await file.arrayBuffer());
    // the same upload again with its Idempotency-Key: the same name and the same bytes
    const asked = { name: file.name, sha256: createHash('sha256').update(bytes).digest('hex') };
    return creating(c, `POST /cases/${params.id}/attachments`, asked, (key) =>
      addAttachment(ctx, params.id, { name: file.name, bytes }, key),
    );
  });

  implement(app, 'GET /cases/{id}/attachments/{aid}', async (c, { params }) => {
    const a = await getAttachment(authed(c, svc), params.id, params.aid);
    return fileAnswer(new Uint8Array(a.bytes), a.mime, a.filename);
  });

  implement(app, 'GET /cases/{id}/timeline', async (c, { params }) =>
    wholeList(await getTimeline(authed(c, svc), params.id)),
  );

  implement(app, 'GET /cases/{id}/access-log', async (c, { params, query }) =>
    getAccessLog(authed(c, svc), params.id, query),
  );

  implement(app, 'GET /tasks', async (c) => wholeList(await myTasks(authed(c, svc))));

  implement(app, 'GET /work-queue', async (c) => workQueue(authed(c, svc)));

  implement(app, 'GET /users/case-managers', async (c) => wholeList(await managersToChoose(authed(c, svc))));

  implement(app, 'GET /users/assignable', async (c, { query }) =>
    wholeList(await assignableStaff(authed(c, svc), query.caseId)),
  );
}
