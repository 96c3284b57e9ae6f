import type { OpenAPIHono } from '@hono/zod-openapi';
import { searchOrganisations } from '../../app/admin/manage-organisations.ts';
import type { Services } from '../../app/context.ts';
import { childRegions, regionWithAncestors } from '../../db/region.repository.ts';
import { wholeList } from '../../domain/contract/define.ts';
import type { TaxonomiesDto } from '../../domain/contract/reference.ts';
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
import { STAGE_LABELS, STAGES } from '../../domain/stages.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { type AppEnv, authed } from '../context.ts';
import { implement } from '../openapi.ts';

/** Each list as a plain array (the code lists are declared read-only). */
function copies<T extends Record<string, readonly unknown[]>>(lists: T): { [K in keyof T]: T[K][number][] } {
  return Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, [...v]])) as {
    [K in keyof T]: T[K][number][];
  };
}

export function referenceRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  const taxonomies: TaxonomiesDto = copies({
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
  });

  implement(app, 'GET /taxonomies', async (c) => {
    c.header('cache-control', 'private, max-age=3600');
    return taxonomies;
  });

  implement(app, 'GET /regions', async (c, { query }) => {
    authed(c, svc);
    return wholeList(await childRegions(svc.conn.db, query.parent ?? null));
  });

  implement(app, 'GET /regions/{code}', async (c, { params }) => {
    authed(c, svc);
    const rows = await regionWithAncestors(svc.conn.db, params.code);
    if (!rows.some((r) => r.code === params.code)) throw new AppError('NOT_FOUND');
    return wholeList(rows);
  });

  implement(app, 'GET /organisations', async (c, { query }) =>
    wholeList(await searchOrganisations(authed(c, svc), query.q)),
  );
}
