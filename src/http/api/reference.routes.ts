import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { searchOrganisations } from '../../app/admin/manage-organisations.ts';
import type { Services } from '../../app/context.ts';
import { childRegions, regionWithAncestors } from '../../db/region.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { DATE_PRECISION_LABELS, PERSON_AGE_GROUPS, TOLD_WHEN_CODES } from '../../domain/facts.ts';
import {
  CALL_TYPES,
  CONTACT_METHODS,
  EVERYDAY_FORMS,
  INTAKE_CLOSE_REASONS,
  INTAKE_STATUS_LABELS,
  INTAKE_STATUSES,
  OCCURRED_WHEN,
  REPORTER_TYPES,
  VICTIM_AGE_GROUPS,
} from '../../domain/intake.ts';
import { ROLE_LABELS, ROLES } from '../../domain/policy.ts';
import { regionCode, str } from '../../domain/schemas.ts';
import { STAGE_LABELS, STAGES } from '../../domain/stages.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { type AppEnv, authed } from '../context.ts';
import { op } from '../openapi.ts';

export function referenceRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  const tags = ['Referensi'];
  const taxonomies = {
    ...TAXONOMIES,
    stages: STAGES.map((code) => ({ code, label: STAGE_LABELS[code] })),
    roles: ROLES.map((code) => ({ code, label: ROLE_LABELS[code] })),
    callTypes: CALL_TYPES,
    reporterTypes: REPORTER_TYPES,
    victimAgeGroups: VICTIM_AGE_GROUPS,
    everydayForms: EVERYDAY_FORMS,
    occurredWhen: OCCURRED_WHEN,
    contactMethods: CONTACT_METHODS,
    intakeCloseReasons: INTAKE_CLOSE_REASONS,
    intakeStatuses: INTAKE_STATUSES.map((code) => ({ code, label: INTAKE_STATUS_LABELS[code] })),
    // facts as told (decision 014): age groups, how precisely an incident date is known, the
    // windows a reporter names
    ageGroups: PERSON_AGE_GROUPS,
    datePrecisions: DATE_PRECISION_LABELS,
    toldWhen: OCCURRED_WHEN.filter((o) => (TOLD_WHEN_CODES as readonly string[]).includes(o.code)),
  };
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/taxonomies',
      summary: 'Daftar kode (bentuk kekerasan, AMPK, TPKS, …)',
      tags,
      auth: 'none',
    },
    async (c) => {
      c.header('cache-control', 'private, max-age=3600');
      return c.json(taxonomies);
    },
  );

  op(
    app,
    {
      method: 'get',
      path: '/api/v1/regions',
      summary: 'Wilayah di bawah kode induk (tanpa induk: provinsi)',
      tags,
      query: z.object({ parent: regionCode.optional() }),
    },
    async (c, { query }) => {
      authed(c, svc);
      return c.json(await childRegions(svc.conn.db, (query as { parent?: string }).parent ?? null));
    },
  );

  op(
    app,
    {
      method: 'get',
      path: '/api/v1/regions/{code}',
      summary: 'Satu wilayah dan induknya',
      tags,
      params: z.object({ code: regionCode }),
    },
    async (c, { params }) => {
      authed(c, svc);
      const rows = await regionWithAncestors(svc.conn.db, (params as { code: string }).code);
      if (!rows.some((r) => r.code === (params as { code: string }).code)) throw new AppError('NOT_FOUND');
      return c.json(rows);
    },
  );

  op(
    app,
    {
      method: 'get',
      path: '/api/v1/organisations',
      summary: 'Cari lembaga',
      tags,
      query: z.object({ q: str().max(100).optional() }),
    },
    async (c, { query }) => c.json(await searchOrganisations(authed(c, svc), (query as { q?: string }).q)),
  );
}
