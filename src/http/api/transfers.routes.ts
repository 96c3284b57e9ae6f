import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Services } from '../../app/context.ts';
import { acceptTransfer, cancelTransfer, declineTransfer } from '../../app/transfers/decide-transfer.ts';
import { caseTransfers, listTransfers } from '../../app/transfers/list-transfers.ts';
import { requestTransfer } from '../../app/transfers/request-transfer.ts';
import {
  TransferCreateInput,
  TransferDecisionInput,
  TransferListQuery,
} from '../../domain/referral-schemas.ts';
import { uuid } from '../../domain/schemas.ts';
import { type AppEnv, authed, created } from '../context.ts';
import { op } from '../openapi.ts';

const CaseId = z.object({ id: uuid });
const TransferId = z.object({ tid: uuid });
const AcceptInput = TransferDecisionInput.pick({ version: true });

/** Transfers of whole cases (pelimpahan). */
export function transferRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  const tags = ['Pelimpahan'];
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/cases/{id}/transfers',
      summary: 'Ajukan pelimpahan kasus (kab/kota lain, provinsi) atau tandai untuk tingkat nasional',
      tags,
      params: CaseId,
      body: TransferCreateInput,
      status: 201,
    },
    async (c, { params, body }) => {
      const ctx = authed(c, svc);
      const id = (params as { id: string }).id;
      return created(c, `POST /cases/${id}/transfers`, body, (key) => requestTransfer(ctx, id, body, key));
    },
  );

  op(
    app,
    {
      method: 'get',
      path: '/api/v1/cases/{id}/transfers',
      summary: 'Riwayat pelimpahan satu kasus',
      tags,
      params: CaseId,
    },
    async (c, { params }) => c.json(await caseTransfers(authed(c, svc), (params as { id: string }).id)),
  );

  op(
    app,
    {
      method: 'get',
      path: '/api/v1/transfers',
      summary: 'Pelimpahan masuk (ke wilayah Anda) atau keluar (dari wilayah Anda)',
      tags,
      query: TransferListQuery,
    },
    async (c, { query }) => c.json(await listTransfers(authed(c, svc), query)),
  );

  op(
    app,
    {
      method: 'post',
      path: '/api/v1/transfers/{tid}/accept',
      summary: 'Terima pelimpahan: kasus pindah ke UPTD penerima',
      tags,
      params: TransferId,
      body: AcceptInput,
    },
    async (c, { params, body }) =>
      c.json(await acceptTransfer(authed(c, svc), (params as { tid: string }).tid, body)),
  );

  op(
    app,
    {
      method: 'post',
      path: '/api/v1/transfers/{tid}/decline',
      summary: 'Tolak pelimpahan (dengan alasan)',
      tags,
      params: TransferId,
      body: TransferDecisionInput,
    },
    async (c, { params, body }) =>
      c.json(await declineTransfer(authed(c, svc), (params as { tid: string }).tid, body)),
  );

  op(
    app,
    {
      method: 'post',
      path: '/api/v1/transfers/{tid}/cancel',
      summary: 'Batalkan pelimpahan yang belum diputuskan (pengirim)',
      tags,
      params: TransferId,
      body: AcceptInput,
    },
    async (c, { params, body }) =>
      c.json(await cancelTransfer(authed(c, svc), (params as { tid: string }).tid, body)),
  );
}
