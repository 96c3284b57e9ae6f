import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Services } from '../../app/context.ts';
import { addActivityFile, deleteActivityFile, getActivityFile } from '../../app/prevention/activity-files.ts';
import {
  createCampaign,
  deleteCampaign,
  getCampaign,
  listCampaigns,
  updateCampaign,
} from '../../app/prevention/campaigns.ts';
import { changeActivityStatus } from '../../app/prevention/change-activity-status.ts';
import { coverage, coverageXlsx } from '../../app/prevention/coverage.ts';
import { createActivity } from '../../app/prevention/create-activity.ts';
import { getActivity } from '../../app/prevention/get-activity.ts';
import { listActivities } from '../../app/prevention/list-activities.ts';
import { preventionOptions } from '../../app/prevention/prevention-options.ts';
import { reviewActivity } from '../../app/prevention/review-activity.ts';
import { updateActivity } from '../../app/prevention/update-activity.ts';
import { ActivityFileFields } from '../../domain/contract/prevention.ts';
import { type AppEnv, authed, creating, fileAnswer } from '../context.ts';
import { implement } from '../openapi.ts';
import { coverageHtml } from '../reports/prevention-coverage.ts';
import { parseUpload } from '../upload.ts';

export function preventionRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  implement(app, 'GET /prevention/options', async (c) => preventionOptions(authed(c, svc)));

  implement(app, 'GET /prevention/campaigns', async (c) => listCampaigns(authed(c, svc)));
  implement(app, 'POST /prevention/campaigns', async (c, { body }) => {
    const ctx = authed(c, svc);
    return creating(c, 'POST /prevention/campaigns', body, (key) => createCampaign(ctx, body, key));
  });
  implement(app, 'GET /prevention/campaigns/{id}', async (c, { params }) =>
    getCampaign(authed(c, svc), params.id),
  );
  implement(app, 'PATCH /prevention/campaigns/{id}', async (c, { params, body }) =>
    updateCampaign(authed(c, svc), params.id, body),
  );

  implement(app, 'DELETE /prevention/campaigns/{id}', async (c, { params, query }) => {
    await deleteCampaign(authed(c, svc), params.id, query.version);
  });

  implement(app, 'GET /prevention/activities', async (c, { query }) => listActivities(authed(c, svc), query));
  implement(app, 'POST /prevention/activities', async (c, { body }) => {
    const ctx = authed(c, svc);
    return creating(c, 'POST /prevention/activities', body, (key) => createActivity(ctx, body, key));
  });
  implement(app, 'GET /prevention/activities/{id}', async (c, { params }) =>
    getActivity(authed(c, svc), params.id),
  );
  implement(app, 'PATCH /prevention/activities/{id}', async (c, { params, body }) =>
    updateActivity(authed(c, svc), params.id, body),
  );
  implement(app, 'POST /prevention/activities/{id}/status', async (c, { params, body }) =>
    changeActivityStatus(authed(c, svc), params.id, body),
  );
  implement(app, 'POST /prevention/activities/{id}/review', async (c, { params, body }) =>
    reviewActivity(authed(c, svc), params.id, body),
  );
  implement(app, 'POST /prevention/activities/{id}/files', async (c, { params }) => {
    const ctx = authed(c, svc);
    const up = await parseUpload(c, { fields: ActivityFileFields });
    return addActivityFile(ctx, params.id, up.fields.purpose, { name: up.name, bytes: up.bytes });
  });
  implement(app, 'GET /prevention/activities/{id}/files/{fileId}', async (c, { params }) => {
    const f = await getActivityFile(authed(c, svc), params.id, params.fileId);
    return fileAnswer(f.bytes, f.mime, f.filename);
  });
  implement(app, 'DELETE /prevention/activities/{id}/files/{fileId}', async (c, { params }) => {
    await deleteActivityFile(authed(c, svc), params.id, params.fileId);
  });

  implement(app, 'GET /prevention/coverage', async (c, { query }) => coverage(authed(c, svc), query));
  implement(app, 'GET /prevention/coverage.xlsx', async (c, { query }) => {
    const x = await coverageXlsx(authed(c, svc), query);
    return fileAnswer(
      x.body,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      x.filename,
    );
  });
  implement(app, 'GET /prevention/coverage.html', async (c, { query }) => {
    const ctx = authed(c, svc);
    const d = await coverage(ctx, query);
    return fileAnswer(
      coverageHtml(d, ctx.clock()),
      'text/html; charset=utf-8',
      `cakupan-pencegahan-${d.region.code}.html`,
      'inline',
    );
  });
}
