import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Services } from '../../app/context.ts';
import { acceptTransfer, cancelTransfer, declineTransfer } from '../../app/transfers/decide-transfer.ts';
import { caseTransfers, listTransfers } from '../../app/transfers/list-transfers.ts';
import { requestTransfer } from '../../app/transfers/request-transfer.ts';
import { type AppEnv, authed, creating } from '../context.ts';
import { implement } from '../openapi.ts';

/** Transfers of whole cases (pelimpahan). */
export function transferRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  implement(app, 'POST /cases/{id}/transfers', async (c, { params, body }) => {
    const ctx = authed(c, svc);
    return creating(c, `POST /cases/${params.id}/transfers`, body, (key) =>
      requestTransfer(ctx, params.id, body, key),
    );
  });

  implement(app, 'GET /cases/{id}/transfers', async (c, { params }) =>
    caseTransfers(authed(c, svc), params.id),
  );

  implement(app, 'GET /transfers', async (c, { query }) => listTransfers(authed(c, svc), query));

  implement(app, 'POST /transfers/{tid}/accept', async (c, { params, body }) =>
    acceptTransfer(authed(c, svc), params.tid, body),
  );

  implement(app, 'POST /transfers/{tid}/decline', async (c, { params, body }) =>
    declineTransfer(authed(c, svc), params.tid, body),
  );

  implement(app, 'POST /transfers/{tid}/cancel', async (c, { params, body }) =>
    cancelTransfer(authed(c, svc), params.tid, body),
  );
}
