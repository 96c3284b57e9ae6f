import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Services } from '../../app/context.ts';
import {
  createAgreement,
  getAgreementById,
  getAgreementDocument,
  listAgreements,
  putAgreementDocument,
  setAgreementParties,
  updateAgreement,
} from '../../app/directory/agreements.ts';
import {
  getDirectory,
  listDirectory,
  updateCapacity,
  verifyOrganisation,
} from '../../app/directory/directory.ts';
import {
  approveJoinRequest,
  listJoinRequests,
  rejectJoinRequest,
} from '../../app/directory/join-requests.ts';
import { getPartnerPerformance } from '../../app/directory/performance.ts';
import { wholeList } from '../../domain/contract/define.ts';
import { MAX_AGREEMENT_DOCUMENT_BYTES } from '../../domain/directory.ts';
import { AppError } from '../../domain/errors.ts';
import { type AppEnv, authed, creating, fileAnswer } from '../context.ts';
import { implement } from '../openapi.ts';

export function directoryRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  implement(app, 'GET /directory', async (c, { query }) => listDirectory(authed(c, svc), query));

  implement(app, 'GET /directory/{id}', async (c, { params }) => getDirectory(authed(c, svc), params.id));

  implement(app, 'POST /directory/{id}/verify', async (c, { params }) =>
    verifyOrganisation(authed(c, svc), params.id),
  );

  implement(app, 'PATCH /directory/{id}/capacity', async (c, { params, body }) =>
    updateCapacity(authed(c, svc), params.id, body),
  );

  implement(app, 'GET /agreements', async (c, { query }) =>
    wholeList(await listAgreements(authed(c, svc), query.orgId)),
  );

  implement(app, 'POST /agreements', async (c, { body }) => {
    const ctx = authed(c, svc);
    return creating(c, 'POST /agreements', body, (key) => createAgreement(ctx, body, key));
  });

  implement(app, 'PUT /agreements/{id}/parties', async (c, { params, body }) =>
    setAgreementParties(authed(c, svc), params.id, body),
  );

  implement(app, 'GET /agreements/{id}', async (c, { params }) =>
    getAgreementById(authed(c, svc), params.id),
  );

  implement(app, 'PATCH /agreements/{id}', async (c, { params, body }) =>
    updateAgreement(authed(c, svc), params.id, body),
  );

  // the body is the PDF itself (contract: upload 'raw')
  implement(app, 'PUT /agreements/{id}/document', async (c, { params, query }) => {
    const ctx = authed(c, svc);
    const ct = c.req.header('content-type') ?? '';
    if (!/^application\/pdf\b/i.test(ct)) throw new AppError('DOCUMENT_NOT_PDF');
    if (Number(c.req.header('content-length') ?? '0') > MAX_AGREEMENT_DOCUMENT_BYTES)
      throw new AppError('DOCUMENT_TOO_LARGE');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    return putAgreementDocument(ctx, params.id, { name: query.name ?? null, bytes });
  });

  implement(app, 'GET /agreements/{id}/document', async (c, { params }) => {
    const d = await getAgreementDocument(authed(c, svc), params.id);
    return fileAnswer(new Uint8Array(d.bytes), d.mime, d.name);
  });

  implement(app, 'GET /join-requests', async (c, { query }) =>
    wholeList(await listJoinRequests(authed(c, svc), query.status)),
  );

  implement(app, 'POST /join-requests/{id}/approve', async (c, { params, body }) =>
    approveJoinRequest(authed(c, svc), params.id, body),
  );

  implement(app, 'POST /join-requests/{id}/reject', async (c, { params, body }) =>
    rejectJoinRequest(authed(c, svc), params.id, body),
  );

  implement(app, 'GET /partner-performance', async (c, { query }) =>
    getPartnerPerformance(authed(c, svc), query),
  );
}
