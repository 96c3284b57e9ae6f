import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { loadVisibleCase } from '../../app/cases/access.ts';
import type { Services } from '../../app/context.ts';
import type { IdempotencyKey } from '../../app/idempotency.ts';
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
import {
  AcceptInput,
  CancelInput,
  CompleteInput,
  DeclineInput,
  DeliveredServiceInput,
  HandlingInput,
  InvestigationInput,
  MessageInput,
  ReferralCreateInput,
  ReferralListQuery,
  SlaInput,
  SuggestionQuery,
  WithdrawConsentInput,
} from '../../domain/referral-schemas.ts';
import { uuid } from '../../domain/schemas.ts';
import { type AppEnv, authed, created } from '../context.ts';
import { op } from '../openapi.ts';

const Id = z.object({ id: uuid });
const idOf = (p: unknown) => (p as { id: string }).id;

export function referralRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  const tags = ['Rujukan'];

  op(
    app,
    {
      method: 'get',
      path: '/api/v1/cases/{id}/referrals',
      summary: 'Rujukan dari satu kasus',
      tags,
      params: Id,
    },
    async (c, { params }) => {
      const ctx = authed(c, svc);
      const id = idOf(params);
      return c.json(await listCaseReferrals(ctx, id, (db) => loadVisibleCase(ctx, db, id, 'referral.list')));
    },
  );

  op(
    app,
    {
      method: 'post',
      path: '/api/v1/cases/{id}/referrals',
      summary: 'Rujuk korban ke lembaga (dengan persetujuan dan data minimum)',
      tags,
      params: Id,
      body: ReferralCreateInput,
      status: 201,
    },
    async (c, { params, body }) => {
      const ctx = authed(c, svc);
      const id = idOf(params);
      return created(c, `POST /cases/${id}/referrals`, body, (key) => createReferral(ctx, id, body, key));
    },
  );

  op(
    app,
    {
      method: 'get',
      path: '/api/v1/cases/{id}/referral-suggestions',
      summary: 'Saran lembaga tujuan rujukan',
      tags,
      params: Id,
      query: SuggestionQuery,
    },
    async (c, { params, query }) => c.json(await referralSuggestions(authed(c, svc), idOf(params), query)),
  );

  op(
    app,
    {
      method: 'get',
      path: '/api/v1/referrals',
      summary: 'Rujukan masuk atau keluar',
      tags,
      query: ReferralListQuery,
    },
    async (c, { query }) => c.json(await listReferralBox(authed(c, svc), query)),
  );

  op(
    app,
    {
      method: 'get',
      path: '/api/v1/referrals/{id}',
      summary: 'Satu rujukan (sesuai pihak pembaca)',
      tags,
      params: Id,
    },
    async (c, { params }) => c.json(await getReferral(authed(c, svc), idOf(params))),
  );

  const action = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (ctx: ReturnType<typeof authed>, id: string, b: z.infer<B>) => Promise<unknown>,
  ) =>
    op(
      app,
      { method: 'post', path: `/api/v1/referrals/{id}/${path}`, summary, tags, params: Id, body },
      async (c, a) => c.json((await run(authed(c, svc), idOf(a.params), a.body as z.infer<B>)) as never),
    );

  action('accept', 'Terima rujukan', AcceptInput, acceptReferral);
  action('decline', 'Tolak rujukan dengan alasan', DeclineInput, declineReferral);
  /** Adds something to the referral (a delivered service, a message): 201, and a retry with the same Idempotency-Key adds nothing. */
  const addition = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (
      ctx: ReturnType<typeof authed>,
      id: string,
      b: z.infer<B>,
      key: IdempotencyKey | undefined,
    ) => Promise<unknown>,
  ) =>
    op(
      app,
      {
        method: 'post',
        path: `/api/v1/referrals/{id}/${path}`,
        summary,
        tags,
        params: Id,
        body,
        status: 201,
      },
      async (c, a) => {
        const ctx = authed(c, svc);
        const id = idOf(a.params);
        return created(c, `POST /referrals/${id}/${path}`, a.body, (key) =>
          run(ctx, id, a.body as z.infer<B>, key),
        );
      },
    );

  action('handling', 'Ubah petugas atau jadwal pertemuan', HandlingInput, updateHandling);
  addition(
    'investigation',
    'Catat nomor laporan polisi dan status penyidikan (Unit PPA kepolisian)',
    InvestigationInput,
    recordInvestigation,
  );
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/referrals/{id}/officers',
      summary: 'Petugas lembaga penerima yang dapat ditunjuk',
      tags,
      params: Id,
    },
    async (c, { params }) => c.json(await referralOfficers(authed(c, svc), idOf(params))),
  );
  addition('services', 'Catat layanan yang diberikan', DeliveredServiceInput, recordDeliveredService);
  action('complete', 'Selesaikan rujukan', CompleteInput, completeReferral);
  action('cancel', 'Batalkan rujukan', CancelInput, cancelReferral);
  action('withdraw-consent', 'Cabut persetujuan', WithdrawConsentInput, withdrawConsent);
  addition('messages', 'Kirim pesan atau pertanyaan', MessageInput, postMessage);

  op(
    app,
    { method: 'get', path: '/api/v1/referral-sla', summary: 'Standar waktu rujukan wilayah Anda', tags },
    async (c) => c.json(await getSla(authed(c, svc))),
  );
  op(
    app,
    {
      method: 'put',
      path: '/api/v1/referral-sla',
      summary: 'Atur standar waktu rujukan (administrator dinas)',
      tags,
      body: SlaInput,
    },
    async (c, { body }) => c.json(await setSla(authed(c, svc), body)),
  );
}
