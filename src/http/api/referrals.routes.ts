import type { OpenAPIHono } from '@hono/zod-openapi';
import { loadVisibleCase } from '../../app/cases/access.ts';
import type { Services } from '../../app/context.ts';
import {
  acceptReferral,
  cancelReferral,
  completeReferral,
  declineReferral,
  postMessage,
  recordDeliveredService,
  recordInvestigation,
  updateHandling,
  withdrawConsent,
} from '../../app/referrals/act-on-referral.ts';
import { createReferral } from '../../app/referrals/create-referral.ts';
import { getReferral, listCaseReferrals } from '../../app/referrals/get-referral.ts';
import { listReferralBox } from '../../app/referrals/list-referrals.ts';
import { referralOfficers } from '../../app/referrals/officers.ts';
import { getSla, setSla } from '../../app/referrals/sla.ts';
import { referralSuggestions } from '../../app/referrals/suggestions.ts';
import { wholeList } from '../../domain/contract/define.ts';
import { type AppEnv, authed, creating } from '../context.ts';
import { implement } from '../openapi.ts';

export function referralRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  implement(app, 'GET /cases/{id}/referrals', async (c, { params }) => {
    const ctx = authed(c, svc);
    return wholeList(
      await listCaseReferrals(ctx, params.id, (db) => loadVisibleCase(ctx, db, params.id, 'referral.list')),
    );
  });

  implement(app, 'POST /cases/{id}/referrals', async (c, { params, body }) => {
    const ctx = authed(c, svc);
    return creating(c, `POST /cases/${params.id}/referrals`, body, (key) =>
      createReferral(ctx, params.id, body, key),
    );
  });

  implement(app, 'GET /cases/{id}/referral-suggestions', async (c, { params, query }) =>
    wholeList(await referralSuggestions(authed(c, svc), params.id, query)),
  );

  implement(app, 'GET /referrals', async (c, { query }) => listReferralBox(authed(c, svc), query));

  implement(app, 'GET /referrals/{id}', async (c, { params }) => getReferral(authed(c, svc), params.id));

  implement(app, 'POST /referrals/{id}/accept', async (c, { params, body }) =>
    acceptReferral(authed(c, svc), params.id, body),
  );

  implement(app, 'POST /referrals/{id}/decline', async (c, { params, body }) =>
    declineReferral(authed(c, svc), params.id, body),
  );

  implement(app, 'POST /referrals/{id}/handling', async (c, { params, body }) =>
    updateHandling(authed(c, svc), params.id, body),
  );

  // additions (a delivered service, an investigation step, a message): 201, and a retry with the
  // same Idempotency-Key adds nothing
  implement(app, 'POST /referrals/{id}/investigation', async (c, { params, body }) => {
    const ctx = authed(c, svc);
    return creating(c, `POST /referrals/${params.id}/investigation`, body, (key) =>
      recordInvestigation(ctx, params.id, body, key),
    );
  });

  implement(app, 'GET /referrals/{id}/officers', async (c, { params }) =>
    wholeList(await referralOfficers(authed(c, svc), params.id)),
  );

  implement(app, 'POST /referrals/{id}/services', async (c, { params, body }) => {
    const ctx = authed(c, svc);
    return creating(c, `POST /referrals/${params.id}/services`, body, (key) =>
      recordDeliveredService(ctx, params.id, body, key),
    );
  });

  implement(app, 'POST /referrals/{id}/complete', async (c, { params, body }) =>
    completeReferral(authed(c, svc), params.id, body),
  );

  implement(app, 'POST /referrals/{id}/cancel', async (c, { params, body }) =>
    cancelReferral(authed(c, svc), params.id, body),
  );

  implement(app, 'POST /referrals/{id}/withdraw-consent', async (c, { params, body }) =>
    withdrawConsent(authed(c, svc), params.id, body),
  );

  implement(app, 'POST /referrals/{id}/messages', async (c, { params, body }) => {
    const ctx = authed(c, svc);
    return creating(c, `POST /referrals/${params.id}/messages`, body, (key) =>
      postMessage(ctx, params.id, body, key),
    );
  });

  implement(app, 'GET /referral-sla', async (c) => getSla(authed(c, svc)));

  implement(app, 'PUT /referral-sla', async (c, { body }) => setSla(authed(c, svc), body));
}
