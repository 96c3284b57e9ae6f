import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Services } from '../../app/context.ts';
import { referralLetter } from '../../app/letters/referral-letter.ts';
import { occasional } from '../../occasional/pool.ts';
import { type AppEnv, authed, fileAnswer } from '../context.ts';
import { implement } from '../openapi.ts';

/** The referral letter (surat rujukan) as PDF. */
export function letterRoutes(
  app: OpenAPIHono<AppEnv>,
  svc: Services,
  opts: { publicUrl?: string | undefined },
) {
  implement(app, 'GET /referrals/{id}/letter.pdf', async (c, { params }) => {
    const l = await referralLetter(authed(c, svc), params.id);
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
    return fileAnswer(pdf, 'application/pdf', name);
  });
}
