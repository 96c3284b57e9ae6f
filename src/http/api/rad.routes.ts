import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Services } from '../../app/context.ts';
import { radPlanXlsx } from '../../app/rad/export-plan.ts';
import { getRadActivity } from '../../app/rad/get-activity.ts';
import { getRadPlan } from '../../app/rad/get-plan.ts';
import { addRadLink, radLinkOptions, removeRadLink } from '../../app/rad/links.ts';
import { listRadPlans } from '../../app/rad/list-plans.ts';
import {
  addProgressEvidence,
  readProgressEvidence,
  removeProgressEvidence,
} from '../../app/rad/progress-files.ts';
import { recordRadProgress } from '../../app/rad/record-progress.ts';
import { addActivity, updateActivity } from '../../app/rad/save-activity.ts';
import { addPillar, addProgramme, updateHeadingOf } from '../../app/rad/save-heading.ts';
import { createRadPlan, updateRadPlan } from '../../app/rad/save-plan.ts';
import { activityDto } from '../../app/rad/views.ts';
import { wholeList } from '../../domain/contract/define.ts';
import type { Quarter } from '../../domain/rad.ts';
import { type AppEnv, authed, creating, fileAnswer } from '../context.ts';
import { implement } from '../openapi.ts';
import { parseUpload } from '../upload.ts';

export function radRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  implement(app, 'GET /rad/plans', async (c) => wholeList(await listRadPlans(authed(c, svc))));
  implement(app, 'POST /rad/plans', async (c, { body }) => {
    const ctx = authed(c, svc);
    return creating(c, 'POST /rad/plans', body, (key) => createRadPlan(ctx, body, key));
  });
  implement(app, 'GET /rad/plans/{id}', async (c, { params, query }) =>
    getRadPlan(authed(c, svc), params.id, query),
  );
  implement(app, 'GET /rad/plans/{id}/rollup.xlsx', async (c, { params, query }) => {
    const x = await radPlanXlsx(authed(c, svc), params.id, query);
    return fileAnswer(
      x.body,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      x.filename,
    );
  });
  implement(app, 'PATCH /rad/plans/{id}', async (c, { params, body }) =>
    updateRadPlan(authed(c, svc), params.id, body),
  );
  implement(app, 'POST /rad/plans/{id}/pillars', async (c, { params, body }) => {
    const ctx = authed(c, svc);
    return creating(c, `POST /rad/plans/${params.id}/pillars`, body, (key) =>
      addPillar(ctx, params.id, body, key),
    );
  });
  implement(app, 'PATCH /rad/pillars/{id}', async (c, { params, body }) =>
    updateHeadingOf(authed(c, svc), 'rad_pillar', params.id, body),
  );
  implement(app, 'POST /rad/pillars/{id}/programmes', async (c, { params, body }) => {
    const ctx = authed(c, svc);
    return creating(c, `POST /rad/pillars/${params.id}/programmes`, body, (key) =>
      addProgramme(ctx, params.id, body, key),
    );
  });
  implement(app, 'PATCH /rad/programmes/{id}', async (c, { params, body }) =>
    updateHeadingOf(authed(c, svc), 'rad_programme', params.id, body),
  );
  implement(app, 'POST /rad/programmes/{id}/activities', async (c, { params, body }) => {
    const ctx = authed(c, svc);
    return creating(c, `POST /rad/programmes/${params.id}/activities`, body, (key) =>
      addActivity(ctx, params.id, body, key),
    );
  });
  implement(app, 'GET /rad/activities/{id}', async (c, { params, query }) =>
    getRadActivity(authed(c, svc), params.id, query),
  );
  implement(app, 'PATCH /rad/activities/{id}', async (c, { params, body }) =>
    updateActivity(authed(c, svc), params.id, body),
  );
  implement(app, 'PUT /rad/activities/{id}/progress/{year}/{quarter}', async (c, { params, body }) =>
    recordRadProgress(authed(c, svc), params.id, params.year, params.quarter as Quarter, body),
  );
  implement(app, 'POST /rad/activities/{id}/links', async (c, { params, body }) => {
    const ctx = authed(c, svc);
    return addRadLink(ctx, params.id, body, (trx, a) => activityDto(ctx, trx, a, {}));
  });
  implement(app, 'GET /rad/activities/{id}/link-options', async (c, { params }) =>
    radLinkOptions(authed(c, svc), params.id),
  );
  implement(app, 'DELETE /rad/activities/{id}/links/{linkId}', async (c, { params }) => {
    await removeRadLink(authed(c, svc), params.id, params.linkId);
  });
  implement(app, 'POST /rad/progress/{id}/files', async (c, { params }) => {
    const ctx = authed(c, svc);
    const up = await parseUpload(c);
    const asked = { name: up.name, size: up.bytes.byteLength };
    return creating(c, `POST /rad/progress/${params.id}/files`, asked, (key) =>
      addProgressEvidence(ctx, params.id, { name: up.name, bytes: up.bytes }, key),
    );
  });
  implement(app, 'GET /rad/progress/{id}/files/{fileId}', async (c, { params }) => {
    const f = await readProgressEvidence(authed(c, svc), params.id, params.fileId);
    return fileAnswer(f.bytes, f.mime, f.filename);
  });
  implement(app, 'DELETE /rad/progress/{id}/files/{fileId}', async (c, { params }) => {
    await removeProgressEvidence(authed(c, svc), params.id, params.fileId);
  });
}
