import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Services } from '../../app/context.ts';
import {
  createAgreement,
  getAgreementById,
  getAgreementDocument,
  listAgreements,
  putAgreementDocument,
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
import {
  AgreementInput,
  AgreementListQuery,
  AgreementUpdate,
  CapacityInput,
  DirectoryQuery,
  JoinApproveInput,
  JoinRejectInput,
  JoinRequestListQuery,
  MAX_AGREEMENT_DOCUMENT_BYTES,
  PerformanceQuery,
} from '../../domain/directory.ts';
import { AppError } from '../../domain/errors.ts';
import { uuid } from '../../domain/schemas.ts';
import { type AppEnv, authed } from '../context.ts';
import { op } from '../openapi.ts';

const Id = z.object({ id: uuid });
const idOf = (p: unknown) => (p as { id: string }).id;

export function directoryRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  const tags = ['Direktori'];
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/directory',
      summary: 'Direktori lembaga dan layanan',
      tags,
      query: DirectoryQuery,
    },
    async (c, { query }) => c.json(await listDirectory(authed(c, svc), query)),
  );
  op(
    app,
    { method: 'get', path: '/api/v1/directory/{id}', summary: 'Satu entri direktori', tags, params: Id },
    async (c, { params }) => c.json(await getDirectory(authed(c, svc), idOf(params))),
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/directory/{id}/verify',
      summary: 'Tandai data lembaga sudah diverifikasi',
      tags,
      params: Id,
    },
    async (c, { params }) => c.json(await verifyOrganisation(authed(c, svc), idOf(params))),
  );
  op(
    app,
    {
      method: 'patch',
      path: '/api/v1/directory/{id}/capacity',
      summary: 'Perbarui kapasitas (tempat kosong)',
      tags,
      params: Id,
      body: CapacityInput,
    },
    async (c, { params, body }) => c.json(await updateCapacity(authed(c, svc), idOf(params), body)),
  );

  const ktags = ['Kerja sama'];
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/agreements',
      summary: 'Perjanjian kerja sama (MoU/PKS)',
      tags: ktags,
      query: AgreementListQuery,
    },
    async (c, { query }) => c.json(await listAgreements(authed(c, svc), (query as { orgId?: string }).orgId)),
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/agreements',
      summary: 'Catat perjanjian kerja sama',
      tags: ktags,
      body: AgreementInput,
      status: 201,
    },
    async (c, { body }) => c.json(await createAgreement(authed(c, svc), body), 201),
  );
  op(
    app,
    { method: 'get', path: '/api/v1/agreements/{id}', summary: 'Satu perjanjian', tags: ktags, params: Id },
    async (c, { params }) => c.json(await getAgreementById(authed(c, svc), idOf(params))),
  );
  op(
    app,
    {
      method: 'patch',
      path: '/api/v1/agreements/{id}',
      summary: 'Ubah perjanjian kerja sama',
      tags: ktags,
      params: Id,
      body: AgreementUpdate,
    },
    async (c, { params, body }) => c.json(await updateAgreement(authed(c, svc), idOf(params), body)),
  );
  op(
    app,
    {
      method: 'put',
      path: '/api/v1/agreements/{id}/document',
      summary: 'Unggah dokumen perjanjian (PDF, ≤ 10 MB; isi permintaan = berkas PDF)',
      tags: ktags,
      params: Id,
    },
    async (c, { params }) => {
      const ctx = authed(c, svc);
      const ct = c.req.header('content-type') ?? '';
      if (!/^application\/pdf\b/i.test(ct)) throw new AppError('DOCUMENT_NOT_PDF');
      if (Number(c.req.header('content-length') ?? '0') > MAX_AGREEMENT_DOCUMENT_BYTES)
        throw new AppError('DOCUMENT_TOO_LARGE');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const name = c.req.query('name') ?? null;
      return c.json(await putAgreementDocument(ctx, idOf(params), { name, bytes }));
    },
  );
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/agreements/{id}/document',
      summary: 'Unduh dokumen perjanjian',
      tags: ktags,
      params: Id,
    },
    async (c, { params }) => {
      const d = await getAgreementDocument(authed(c, svc), idOf(params));
      return new Response(new Uint8Array(d.bytes), {
        headers: {
          'content-type': d.mime,
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(d.name)}`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        },
      });
    },
  );

  const jtags = ['Permohonan bergabung'];
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/join-requests',
      summary: 'Permohonan bergabung',
      tags: jtags,
      query: JoinRequestListQuery,
    },
    async (c, { query }) =>
      c.json(await listJoinRequests(authed(c, svc), (query as { status?: string }).status)),
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/join-requests/{id}/approve',
      summary: 'Terima permohonan: buat lembaga dan pengguna pertamanya',
      tags: jtags,
      params: Id,
      body: JoinApproveInput,
    },
    async (c, { params, body }) => c.json(await approveJoinRequest(authed(c, svc), idOf(params), body)),
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/join-requests/{id}/reject',
      summary: 'Tolak permohonan bergabung',
      tags: jtags,
      params: Id,
      body: JoinRejectInput,
    },
    async (c, { params, body }) => c.json(await rejectJoinRequest(authed(c, svc), idOf(params), body)),
  );

  op(
    app,
    {
      method: 'get',
      path: '/api/v1/partner-performance',
      summary: 'Kinerja lembaga mitra per layanan',
      tags: ['Kinerja mitra'],
      query: PerformanceQuery,
    },
    async (c, { query }) => c.json(await getPartnerPerformance(authed(c, svc), query)),
  );
}
