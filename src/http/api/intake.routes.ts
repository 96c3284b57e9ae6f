import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Services } from '../../app/context.ts';
import { getIntake, inboxCounts, inboxOfficers, listIntake } from '../../app/intake/get-intake.ts';
import { nationalReferralLetter } from '../../app/intake/national-letter.ts';
import { recordIntake } from '../../app/intake/record-intake.ts';
import {
  addIntakeNote,
  attachIntake,
  closeIntake,
  forwardIntake,
  messageReporter,
  openCaseFromIntake,
  referIntakeNationally,
  updateIntake,
} from '../../app/intake/triage-intake.ts';
import { wholeList } from '../../domain/contract/define.ts';
import { type AppEnv, authed, creating } from '../context.ts';
import { renderNationalLetter } from '../letters/national-letter.ts';
import { implement } from '../openapi.ts';

export function intakeRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  implement(app, 'GET /intake', async (c, { query }) => listIntake(authed(c, svc), query));

  implement(app, 'POST /intake', async (c, { body }) => {
    const ctx = authed(c, svc);
    return creating(c, 'POST /intake', body, (key) => recordIntake(ctx, body, key));
  });

  // before /intake/{id}, so 'officers' and 'counts' are not read as ids
  implement(app, 'GET /intake/counts', async (c) => inboxCounts(authed(c, svc)));

  implement(app, 'GET /intake/officers', async (c) => wholeList(await inboxOfficers(authed(c, svc))));

  implement(app, 'GET /intake/{id}', async (c, { params }) => getIntake(authed(c, svc), params.id));

  implement(app, 'PATCH /intake/{id}', async (c, { params, body }) =>
    updateIntake(authed(c, svc), params.id, body),
  );

  implement(app, 'POST /intake/{id}/notes', async (c, { params, body }) =>
    addIntakeNote(authed(c, svc), params.id, body.body),
  );

  implement(app, 'POST /intake/{id}/reporter-messages', async (c, { params, body }) =>
    messageReporter(authed(c, svc), params.id, body.body),
  );

  implement(app, 'POST /intake/{id}/open-case', async (c, { params, body }) =>
    openCaseFromIntake(authed(c, svc), params.id, body.version, { managerId: body.managerId }),
  );

  implement(app, 'POST /intake/{id}/attach', async (c, { params, body }) =>
    attachIntake(authed(c, svc), params.id, body.version, body.caseId),
  );

  implement(app, 'POST /intake/{id}/forward', async (c, { params, body }) =>
    forwardIntake(authed(c, svc), params.id, body.version, body.toRegion, body.note),
  );

  implement(app, 'POST /intake/{id}/national', async (c, { params, body }) =>
    referIntakeNationally(authed(c, svc), params.id, body.version, body.note),
  );

  implement(app, 'POST /intake/{id}/close', async (c, { params, body }) =>
    closeIntake(authed(c, svc), params.id, body.version, body.reason, body.note),
  );

  implement(app, 'GET /intake/{id}/letter', async (c, { params }) => {
    const letter = await nationalReferralLetter(authed(c, svc), params.id);
    c.header('cache-control', 'no-store');
    return c.html(renderNationalLetter(letter));
  });
}
