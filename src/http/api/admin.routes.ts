import type { OpenAPIHono } from '@hono/zod-openapi';
import { exportAuditLog } from '../../app/admin/export-audit-log.ts';
import { listHolidays, setHolidays } from '../../app/admin/holidays.ts';
import {
  createOrganisation,
  listOrgsForAdmin,
  updateOrganisation,
} from '../../app/admin/manage-organisations.ts';
import { createUser, listUsersForAdmin, resetPassword, updateUser } from '../../app/admin/manage-users.ts';
import { auditFilterChoices, listAuditEvents, statsSummary } from '../../app/admin/oversight.ts';
import type { Services } from '../../app/context.ts';
import { listOrphanIntake, rerouteOrphanIntake } from '../../app/intake/orphans.ts';
import { wholeList } from '../../domain/contract/define.ts';
import { type AppEnv, authed, fileAnswer } from '../context.ts';
import { localeOf } from '../errors.ts';
import { implement } from '../openapi.ts';

export function adminRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  implement(app, 'GET /admin/holidays/{year}', async (c, { params }) =>
    listHolidays(authed(c, svc), params.year),
  );

  implement(app, 'PUT /admin/holidays/{year}', async (c, { params, body }) =>
    setHolidays(authed(c, svc), params.year, body),
  );

  implement(app, 'GET /admin/orphan-intake', async (c) => listOrphanIntake(authed(c, svc)));

  implement(app, 'POST /admin/orphan-intake/{id}/route', async (c, { params, body }) =>
    rerouteOrphanIntake(authed(c, svc), params.id, body),
  );

  implement(app, 'GET /admin/users', async (c) => wholeList(await listUsersForAdmin(authed(c, svc))));

  implement(app, 'POST /admin/users', async (c, { body }) => createUser(authed(c, svc), body));

  implement(app, 'PATCH /admin/users/{id}', async (c, { params, body }) =>
    updateUser(authed(c, svc), params.id, body),
  );

  implement(app, 'POST /admin/users/{id}/reset-password', async (c, { params }) =>
    resetPassword(authed(c, svc), params.id),
  );

  implement(app, 'GET /admin/organisations', async (c) => wholeList(await listOrgsForAdmin(authed(c, svc))));

  implement(app, 'POST /admin/organisations', async (c, { body }) =>
    createOrganisation(authed(c, svc), body),
  );

  implement(app, 'PATCH /admin/organisations/{id}', async (c, { params, body }) =>
    updateOrganisation(authed(c, svc), params.id, body),
  );

  implement(app, 'GET /audit', async (c, { query }) => listAuditEvents(authed(c, svc), query));

  implement(app, 'GET /audit/filters', async (c) => auditFilterChoices(authed(c, svc)));

  implement(app, 'GET /audit/export.csv', async (c, { query }) => {
    const out = await exportAuditLog(authed(c, svc), query, query.lang ?? localeOf(c));
    return fileAnswer(out.body, 'text/csv; charset=utf-8', out.filename);
  });

  implement(app, 'GET /stats/summary', async (c) => statsSummary(authed(c, svc)));
}
