/**
 * The public pages: /lapor (report form), /lapor/status (follow-up with code and secret),
 * /layanan (service points of a kab/kota) and /lapor/wilayah (region choices for the form's
 * small script). Server-rendered HTML that works without JavaScript; no cookies, no storage,
 * no cache, no referrer, their own strict Content-Security-Policy, their own body limit.
 */
import { randomBytes } from 'node:crypto';
import type { Context, Hono, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import type { Ctx, Services } from '../app/context.ts';
import { openReceipt } from '../app/intake/open-receipt.ts';
import { answerReport, checkReport, openStatusView } from '../app/intake/report-status.ts';
import { listServicePoints, regionChoices } from '../app/intake/service-points.ts';
import { submitPublicReport } from '../app/intake/submit-public-report.ts';
import { verifyLetter } from '../app/letters/verify-letter.ts';
import { countPosterUse } from '../app/posters/count-poster-use.ts';
import { DbBusyError } from '../db/fair-gate.ts';
import { AppError } from '../domain/errors.ts';
import { ReporterAddition } from '../domain/intake-schemas.ts';
import { POSTER_PARAM, posterCodeFrom } from '../domain/posters.ts';
import { isPublicPage, underPrefix } from '../domain/public-paths.ts';
import { type AppEnv, meta } from '../http/context.ts';
import { zodFieldCodes } from '../http/errors.ts';
import { PORTAL_CSP } from './assets.ts';
import { joinRoutes } from './join.ts';
import { type Html, href, messagePage, page, type View, view } from './layout.ts';
import { receivedPage, servicesPage, spentPage, statusPage } from './pages.ts';
import {
  type Filled,
  fieldErrors,
  type Region,
  readForm,
  regionOf,
  reportFormPage,
  validate,
} from './report-form.ts';
import { verifyPage } from './verification.ts';

export type PortalOptions = {
  /** the neutral site the quick exit goes to (SIMPUL_QUICK_EXIT_URL) */
  quickExitUrl: string;
  /** waits before answering a flooding sender; tests pass a no-op or a recorder */
  sleep: (ms: number) => Promise<void>;
};

/** A report is a few kilobytes; 64 KB leaves room for a long account in any script. */
export const PORTAL_BODY_LIMIT = 64 * 1024;

export function portalRoutes(app: Hono<AppEnv>, svc: Services, opts: PortalOptions) {
  const ctxOf = (c: Context<AppEnv>): Ctx => ({ ...svc, actor: null, meta: { ...meta(c), anonymous: true } });
  const viewOf = (c: Context<AppEnv>, lang?: string, judul?: string): View =>
    view(lang ?? c.req.query('lang'), judul ?? c.req.query('judul'), opts.quickExitUrl);
  const send = (c: Context<AppEnv>, body: Html, status: 200 | 400 | 404 | 413 | 415 | 429 | 500 = 200) =>
    c.html(body, status);

  const guard = async (c: Context<AppEnv>, next: Next): Promise<Response | undefined> => {
    if (c.req.method !== 'POST') {
      await next();
      return;
    }
    const v = viewOf(c);
    const ct = c.req.header('content-type') ?? '';
    if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(ct))
      return send(c, messagePage(v, v.t.badTypeTitle, v.t.badTypeBody), 415);
    const tooLarge = () => send(c, messagePage(v, v.t.tooLargeTitle, v.t.tooLargeBody), 413);
    if (Number(c.req.header('content-length') ?? '0') > PORTAL_BODY_LIMIT) return tooLarge();
    // bodyLimit answers with the 413 page, or returns what next() returned (not a Response)
    const r: unknown = await bodyLimit({ maxSize: PORTAL_BODY_LIMIT, onError: () => tooLarge() })(c, next);
    return r instanceof Response ? r : undefined;
  };

  app.use('*', async (c, next) => {
    if (!isPublicPage(c.req.path)) return next();
    const early = await guard(c, next);
    if (early) c.res = early;
    c.header('cache-control', 'no-store');
    c.header('pragma', 'no-cache');
    c.header('referrer-policy', 'no-referrer');
    c.header('content-security-policy', PORTAL_CSP);
    c.header('x-robots-tag', 'noindex');
    // no cookies, except the quick exit's own (see /keluar)
    if (c.req.path !== '/keluar') c.res.headers.delete('set-cookie');
  });

  /** Unexpected failures become a page with the SAPA 129 number, never a JSON error. */
  const safe =
    (fn: (c: Context<AppEnv>) => Promise<Response>) =>
    async (c: Context<AppEnv>): Promise<Response> => {
      try {
        return await fn(c);
      } catch (e) {
        if (e instanceof DbBusyError) return busyPage(c, opts.quickExitUrl, svc.conn.gate);
        svc.log.error(
          {
            err: { message: (e as Error).message, stack: (e as Error).stack },
            requestId: c.get('requestId'),
          },
          'public page failed',
        );
        const v = viewOf(c);
        return send(c, messagePage(v, v.t.errorTitle, v.t.errorBody), 500);
      }
    };

  const children = async (parent: string | null): Promise<Region[]> =>
    (await regionChoices(svc, parent)).map((r) => ({ code: r.code, name: r.name }));

  async function regionsFor(f: Filled) {
    const r = regionOf(f.a);
    const provinces = await children(null);
    const regencies = /^\d{2}$/.test(r.prov) ? await children(r.prov) : [];
    const districts = r.kab ? await children(r.kab) : [];
    return {
      provinces,
      regencies: regencies.length > 0 ? regencies : null,
      districts: districts.length > 0 ? districts : null,
    };
  }

  // ---- /lapor
  app.get(
    '/lapor',
    safe(async (c) => {
      const f: Filled = { a: {}, forms: [] };
      // opened from a poster (/lapor?s=<code>, decision 034): one more visit in the code's month,
      // and the form carries the code to its report; a code that is not one is ignored silently
      // (a HEAD — a link checker, a preview — is no visit)
      const raw = c.req.query(POSTER_PARAM);
      const poster =
        raw !== undefined && c.req.method === 'GET' && (await countPosterUse(svc, raw, 'views', c.get('ip')))
          ? posterCodeFrom(raw)
          : null;
      return send(
        c,
        reportFormPage(viewOf(c), { filled: f, errors: {}, regions: await regionsFor(f), poster }),
      );
    }),
  );

  app.post(
    '/lapor',
    safe(async (c) => {
      let f: Filled;
      try {
        f = readForm(await c.req.parseBody({ all: true }));
      } catch {
        const v = viewOf(c);
        return send(c, messagePage(v, v.t.badTypeTitle, v.t.badTypeBody), 400);
      }
      const v = viewOf(c, f.a.lang, f.a.judul);
      // a poster's code the form carried (decision 034): only ever counted, never part of the report
      const poster = posterCodeFrom(f.a[POSTER_PARAM]);
      delete f.a[POSTER_PARAM];
      // a step of the region choice without JavaScript: show the form again with the next list
      if (f.a._pilih) {
        const focus = f.a._pilih === 'prov' ? 'kab' : 'kec';
        return send(
          c,
          reportFormPage(v, { filled: f, errors: {}, regions: await regionsFor(f), focus, poster }),
        );
      }
      const checked = validate(f);
      if (!checked.ok)
        return send(
          c,
          reportFormPage(v, { filled: f, errors: checked.errors, regions: await regionsFor(f), poster }),
          400,
        );
      let r: Awaited<ReturnType<typeof submitPublicReport>>;
      try {
        r = await submitPublicReport(ctxOf(c), checked.input);
      } catch (e) {
        if (e instanceof AppError && e.fields)
          return send(
            c,
            reportFormPage(v, {
              filled: f,
              errors: fieldErrors(e.fields),
              regions: await regionsFor(f),
              poster,
            }),
            400,
          );
        throw e;
      }
      // one more report in the poster code's month: a new report only (not a double tap's second
      // copy, not a filled honeypot), counted after it is stored and apart from it
      if (poster && !r.duplicate && !checked.input.website) await countPosterUse(svc, poster, 'reports');
      // a flood slows its sender down; the report is stored already
      if (r.slowDownMs > 0) await opts.sleep(r.slowDownMs);
      // Post/Redirect/Get to a one-time page: no POST with the story stays in the history, and the
      // code and secret are shown once (a second identical submission leads to the same page)
      return c.redirect(href(v, `/lapor/terkirim/${r.receipt}`), 303);
    }),
  );

  app.get(
    '/lapor/terkirim/:token',
    safe(async (c) => {
      const v = viewOf(c);
      // a HEAD (a link checker, a prefetch) must not spend the one view the reporter has
      if (c.req.method === 'HEAD') return c.body(null, 200);
      const r = await openReceipt(ctxOf(c), c.req.param('token') ?? '');
      // a spent, expired or unknown page says nothing about any report, and is never cached
      return r ? send(c, receivedPage(v, r)) : send(c, spentPage(v), 404);
    }),
  );

  // ---- quick exit without JavaScript: the link comes here, and goes on to the neutral site.
  // Chromium keeps even no-store pages in its back/forward cache, but drops them when a cookie
  // of the site changes: a one-second cookie with a random value, which identifies nothing,
  // empties that cache, so Back shows no form, code or secret. (With JavaScript the page
  // replaces itself with the neutral site directly and blanks what it leaves behind.)
  app.get('/keluar', (c) => {
    const secure = (svc.publicUrl ?? c.req.url).startsWith('https:');
    c.header(
      'set-cookie',
      `k=${randomBytes(6).toString('base64url')}; Max-Age=1; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`,
    );
    return c.redirect(opts.quickExitUrl, 303);
  });

  app.get(
    '/lapor/wilayah',
    safe(async (c) => {
      const parent = c.req.query('parent') ?? '';
      if (!/^\d{2}(\.\d{2})?$/.test(parent)) return c.json([], 400);
      return c.json(await children(parent));
    }),
  );

  // ---- /lapor/status
  app.get(
    '/lapor/status',
    safe(async (c) => send(c, statusPage(viewOf(c), {}))),
  );

  app.post(
    '/lapor/status',
    safe(async (c) => {
      let f: Filled;
      try {
        f = readForm(await c.req.parseBody({ all: true }));
      } catch {
        const v = viewOf(c);
        return send(c, messagePage(v, v.t.badTypeTitle, v.t.badTypeBody), 400);
      }
      const v = viewOf(c, f.a.lang, f.a.judul);
      const code = (f.a.code ?? '').slice(0, 40);
      const secret = (f.a.secret ?? '').slice(0, 40);
      try {
        const { view } = await checkReport(ctxOf(c), code, secret);
        // Post/Redirect/Get: the code and secret leave no POST in the history (decision 015)
        return c.redirect(href(v, `/lapor/status/lihat/${view}`), 303);
      } catch (e) {
        if (e instanceof AppError && e.code === 'RATE_LIMITED')
          return send(c, statusPage(v, { code, problem: 'limited' }), 429);
        if (e instanceof AppError && e.code === 'NOT_FOUND')
          return send(c, statusPage(v, { code, problem: 'wrong' }), 404);
        throw e;
      }
    }),
  );

  app.get(
    '/lapor/status/lihat/:token',
    safe(async (c) => {
      const v = viewOf(c);
      if (c.req.method === 'HEAD') return c.body(null, 200);
      const view = await openStatusView(ctxOf(c), c.req.param('token') ?? '');
      return view ? send(c, statusPage(v, { view })) : send(c, spentPage(v), 404);
    }),
  );

  app.post(
    '/lapor/status/balas',
    safe(async (c) => {
      let f: Filled;
      try {
        f = readForm(await c.req.parseBody({ all: true }));
      } catch {
        const v = viewOf(c);
        return send(c, messagePage(v, v.t.badTypeTitle, v.t.badTypeBody), 400);
      }
      const v = viewOf(c, f.a.lang, f.a.judul);
      const add = ReporterAddition.safeParse({ body: f.a.body ?? '' });
      const answer = add.success
        ? { body: add.data.body }
        : { problem: zodFieldCodes(add.error).body ?? 'required' };
      const next = await answerReport(ctxOf(c), (f.a.lanjut ?? '').slice(0, 80), answer);
      return next ? c.redirect(href(v, `/lapor/status/lihat/${next.view}`), 303) : send(c, spentPage(v), 404);
    }),
  );

  // ---- /layanan
  app.get(
    '/layanan',
    safe(async (c) => {
      const v = viewOf(c);
      let prov = c.req.query('prov') ?? '';
      let wilayah = c.req.query('wilayah') ?? '';
      if (!prov && /^\d{2}\./.test(wilayah)) prov = wilayah.slice(0, 2);
      // a province changed after a kab/kota was chosen: the kab/kota no longer applies
      const stale = wilayah !== '' && /^\d{2}$/.test(prov) && !wilayah.startsWith(`${prov}.`);
      if (stale) wilayah = '';
      const provinces = await children(null);
      const regencies = /^\d{2}$/.test(prov) ? await children(prov) : [];
      let result: Parameters<typeof servicesPage>[1]['result'] = null;
      if (wilayah) {
        const found = /^\d{2}\.\d{2}(\.\d{2}(\.\d{4})?)?$/.test(wilayah)
          ? await listServicePoints(svc, wilayah)
          : null;
        result = found ?? 'unknown';
      }
      return send(
        c,
        servicesPage(v, {
          provinces,
          prov,
          regencies: regencies.length > 0 ? regencies : null,
          wilayah: wilayah.slice(0, 5),
          result,
        }),
        result === 'unknown' ? 404 : 200,
      );
    }),
  );

  // ---- /gabung: an organisation asks to join the referral network
  joinRoutes(app, svc, { viewOf: (c, lang) => viewOf(c, lang), send, safe, children, ctxOf });

  // ---- /verifikasi: is a printed referral letter genuine? (number, date, organisations, status only)
  app.get(
    '/verifikasi',
    safe(async (c) => {
      const v = viewOf(c);
      const typed = c.req.query('kode');
      if (typed === undefined || typed.trim() === '') return send(c, verifyPage(v, {}));
      const code = typed.trim().slice(0, 20);
      try {
        return send(c, verifyPage(v, { code, result: await verifyLetter(ctxOf(c), typed) }));
      } catch (e) {
        if (e instanceof AppError && e.code === 'RATE_LIMITED')
          return send(c, verifyPage(v, { code, result: 'limited' }), 429);
        if (e instanceof AppError && e.code === 'INVALID_VERIFICATION_CODE')
          return send(c, verifyPage(v, { code, result: 'unknown' }), 404);
        throw e;
      }
    }),
  );

  const notFound = (c: Context<AppEnv>) => {
    const v = viewOf(c);
    return send(c, messagePage(v, v.t.notFoundTitle, ''), 404);
  };
  app.all('/lapor/*', notFound);
  app.all('/layanan/*', notFound);
  app.all('/gabung/*', notFound);
  app.all('/verifikasi/*', notFound);
  app.all('/keluar/*', notFound);
}

/**
 * The embedded database is too busy (decision 018): a page that says so, says whether a report
 * was sent (it was not), gives the emergency numbers, and asks to try again after Retry-After.
 */
export async function busyPage(
  c: Context<AppEnv>,
  quickExitUrl: string,
  gate: { limits: { maxWaitMs: number } } | undefined,
): Promise<Response> {
  const v = view(c.req.query('lang'), c.req.query('judul'), quickExitUrl);
  // the one-time receipt: the report is in (its POST was answered), only the code must wait
  const receipt = c.req.method === 'GET' && underPrefix(c.req.path, '/lapor/terkirim');
  const body = receipt
    ? page(v, {
        title: v.t.busyReceiptTitle,
        body: html`<h1>${v.t.busyReceiptTitle}</h1><p>${v.t.busyReceiptBody}</p><p><a href="${href(v, c.req.path)}">${v.t.reloadPage}</a></p>`,
      })
    : messagePage(v, v.t.busyTitle, c.req.method === 'POST' ? v.t.busySubmitBody : v.t.busyBody);
  return new Response(String(await body), {
    status: 503,
    headers: {
      'content-type': 'text/html; charset=UTF-8',
      'retry-after': String(retryAfterSeconds(gate)),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'content-security-policy': PORTAL_CSP,
    },
  });
}

/** Seconds a refused client should wait: about the longest wait the gate allows. */
export function retryAfterSeconds(gate: { limits: { maxWaitMs: number } } | undefined): number {
  return Math.min(30, Math.max(1, Math.ceil((gate?.limits.maxWaitMs ?? 5000) / 1000)));
}
