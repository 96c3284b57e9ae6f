import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Services } from '../../app/context.ts';
import { referralLetter } from '../../app/letters/referral-letter.ts';
import { uuid } from '../../domain/schemas.ts';
import { occasional } from '../../occasional/pool.ts';
import { type AppEnv, authed } from '../context.ts';
import { op } from '../openapi.ts';

const RefId = z.object({ id: uuid });

/** The referral letter (surat rujukan) as PDF. */
export function letterRoutes(
  app: OpenAPIHono<AppEnv>,
  svc: Services,
  opts: { publicUrl?: string | undefined },
) {
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/referrals/{id}/letter.pdf',
      summary: 'Surat rujukan (PDF) dengan kode verifikasi',
      tags: ['Rujukan'],
      params: RefId,
    },
    async (c, { params }) => {
      const l = await referralLetter(authed(c, svc), (params as { id: string }).id);
      // rendered in the occasional worker: pdfkit and the fonts leave memory with it (decision 020)
      const pdf = await occasional('referralLetterPdf', {
        referral: l.referral,
        opts: {
          issuedAt: l.issuedAt,
          fromOrgAddress: l.fromOrgAddress,
          cityName: l.cityName,
          signerName: l.signerName,
          archiveNote: l.archiveNote,
          publicUrl: opts.publicUrl ?? null,
        },
      });
      const name = `surat-rujukan-${l.referral.number.replace(/\//g, '-')}.pdf`;
      return new Response(pdf, {
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="${name}"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        },
      });
    },
  );
}
