import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Services } from '../../app/context.ts';
import { createPosterCode } from '../../app/posters/create-poster-code.ts';
import { getPosterCodeWithCounts, listPosterCodesWithCounts } from '../../app/posters/list-poster-codes.ts';
import { posterSheet } from '../../app/posters/poster-sheet.ts';
import { changePosterCode } from '../../app/posters/update-poster-code.ts';
import { occasional } from '../../occasional/pool.ts';
import { type AppEnv, authed, creating, fileAnswer } from '../context.ts';
import { implement } from '../openapi.ts';

/**
 * Poster codes and printable posters (issue 12 §6, decision 034). The printed address is
 * SIMPUL_PUBLIC_URL; without it, the address this server was reached at (what the Dinas's own
 * browser used), and the page says so.
 */
export function posterRoutes(
  app: OpenAPIHono<AppEnv>,
  svc: Services,
  opts: { publicUrl?: string | undefined },
) {
  const site = (c: Context<AppEnv>) => ({
    baseUrl: opts.publicUrl ?? new URL(c.req.url).origin,
    configured: opts.publicUrl !== undefined,
  });

  implement(app, 'GET /posters/codes', async (c, { query }) =>
    listPosterCodesWithCounts(authed(c, svc), query, site(c)),
  );

  implement(app, 'POST /posters/codes', async (c, { body }) =>
    creating(c, 'POST /posters/codes', body, (key) =>
      createPosterCode(authed(c, svc), body, site(c).baseUrl, key),
    ),
  );

  implement(app, 'GET /posters/codes/{id}', async (c, { params, query }) =>
    getPosterCodeWithCounts(authed(c, svc), params.id, query, site(c).baseUrl),
  );

  implement(app, 'PATCH /posters/codes/{id}', async (c, { params, body }) =>
    changePosterCode(authed(c, svc), params.id, body, site(c).baseUrl),
  );

  const pdf = async (c: Context<AppEnv>, codeId: string | null, size: 'a4' | 'a5' | 'kartu') => {
    const { sheet, filename } = await posterSheet(authed(c, svc), { size, codeId, baseUrl: site(c).baseUrl });
    // rendered in the occasional worker: pdfkit, the fonts and qrcode leave memory with it (decision 020)
    const bytes = await occasional('posterPdf', { sheet });
    return fileAnswer(bytes, 'application/pdf', filename);
  };
  implement(app, 'GET /posters/codes/{id}/poster.pdf', async (c, { params, query }) =>
    pdf(c, params.id, query.size),
  );
  implement(app, 'GET /posters/poster.pdf', async (c, { query }) => pdf(c, null, query.size));
}
