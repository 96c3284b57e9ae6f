/**
 * The Hono application: middleware (request id, security headers, body limits, CSRF guard,
 * session), the JSON API under /api/v1 with its OpenAPI document, health, and the staff web app.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { audit, type Services } from '../app/context.ts';
import { resolveSession } from '../app/resolve-session.ts';
import { ping } from '../db/connect.ts';
import { DbBusyError } from '../db/fair-gate.ts';
import { AppError } from '../domain/errors.ts';
import { publicPageCased } from '../domain/public-paths.ts';
import { portalRoutes, retryAfterSeconds } from '../portal/index.ts';
import { statisticsRoutes } from '../portal/statistics.ts';
import { admission } from './admission.ts';
import { adminRoutes } from './api/admin.routes.ts';
import { authRoutes, sessionToken } from './api/auth.routes.ts';
import { caseRoutes } from './api/cases.routes.ts';
import { directoryRoutes } from './api/directory.routes.ts';
import { intakeRoutes } from './api/intake.routes.ts';
import { klaRoutes } from './api/kla.routes.ts';
import { letterRoutes } from './api/letters.routes.ts';
import { meetingsRoutes } from './api/meetings.routes.ts';
import { notificationRoutes } from './api/notifications.routes.ts';
import { posterRoutes } from './api/posters.routes.ts';
import { preventionRoutes } from './api/prevention.routes.ts';
import { radRoutes } from './api/rad.routes.ts';
import { referenceRoutes } from './api/reference.routes.ts';
import { referralRoutes } from './api/referrals.routes.ts';
import { regulationRoutes } from './api/regulations.routes.ts';
import { simfoniRoutes } from './api/simfoni.routes.ts';
import { statsRoutes } from './api/stats.routes.ts';
import { trainingRoutes } from './api/training.routes.ts';
import { transferRoutes } from './api/transfers.routes.ts';
import { whatsappRoutes } from './api/whatsapp.routes.ts';
import { clientAddress, NO_PROXY, type TrustProxy } from './client-address.ts';
import { compression } from './compression.ts';
import { type AppEnv, meta } from './context.ts';
import { errorResponse, zodFieldCodes } from './errors.ts';
import { nulInJson, refuseNulInUrl } from './nul-guard.ts';
import { SECURITY_SCHEMES, uploadKind } from './openapi.ts';
import { withRequestClock } from './request-clock.ts';
import { webhookRoutes } from './webhooks.routes.ts';

export type AppOptions = {
  publicUrl?: string | undefined;
  /** SIMPUL_TRUST_PROXY: which X-Forwarded-For entry is the client (none: the socket's peer) */
  trustProxy?: TrustProxy;
  /** resolves the peer address of the connection from the Node request (absent in app.request() tests) */
  clientIp?: (c: Context<AppEnv>) => string | null;
  sleep?: (ms: number) => Promise<void>;
  webDist?: string;
  /** neutral site of the public pages' quick exit (SIMPUL_QUICK_EXIT_URL) */
  quickExitUrl?: string;
};

const JSON_LIMIT = 1024 * 1024;
const DEFAULT_QUICK_EXIT_URL = 'https://www.google.com/search?q=cuaca';
/** An agreement's signed PDF is sent as the raw request body (PUT …/agreements/{id}/document). */
const UPLOAD_LIMIT = 21 * 1024 * 1024;

export function createApp(svc: Services, opts: AppOptions = {}) {
  const trustProxy = opts.trustProxy ?? NO_PROXY;
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success)
        return errorResponse(
          c as Context<AppEnv>,
          'VALIDATION_FAILED',
          zodFieldCodes(result.error as ZodError),
        );
    },
  });

  // outermost, so it sees every answer with its final headers (error pages included)
  // the schemas' "not in the future" rules read this server's clock (src/http/request-clock.ts)
  app.use('*', withRequestClock(svc.clock));
  app.use('*', compression());

  // served over https (behind the proxy): browsers that have seen it must never come back over
  // plain http. No includeSubDomains: Simpul may sit on a subdomain or path of an office's domain
  // whose other sites it must not force onto https.
  const hsts = opts.publicUrl?.startsWith('https://') ?? false;

  app.use('*', async (c, next) => {
    const rid = c.req.header('x-request-id');
    c.set('requestId', rid && /^[\w-]{8,64}$/.test(rid) ? rid : randomUUID());
    c.set('ip', clientAddress(opts.clientIp?.(c) ?? null, c.req.header('x-forwarded-for'), trustProxy));
    c.set('actor', null);
    c.set('sessionId', null);
    c.set('mfaEnrolmentRequired', false);
    c.set('twoFactor', false);
    c.set('sessionProblem', null);
    await next();
    c.header('x-request-id', c.get('requestId'));
    c.header('x-content-type-options', 'nosniff');
    // the public pages (src/portal) set their own, stricter policies; keep them
    if (!c.res.headers.has('referrer-policy')) c.header('referrer-policy', 'same-origin');
    c.header('x-frame-options', 'DENY');
    if (hsts) c.header('strict-transport-security', 'max-age=31536000');
    if (!c.res.headers.has('content-security-policy'))
      c.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
      );
  });

  // a NUL in the path or query string: 400 before any route (src/http/nul-guard.ts)
  app.use('*', refuseNulInUrl);
  // /Lapor, /LAPOR/status…: to the public page, never the staff app (308 keeps a POST a POST)
  app.use('*', async (c, next) => {
    const cased = publicPageCased(c.req.path);
    if (!cased) return next();
    const u = new URL(c.req.url);
    return c.redirect(`${cased}${u.search}`, 308);
  });
  // the embedded database's fair, bounded queue (decision 018); after the headers middleware, so
  // a refused request still gets its request id and security headers
  app.use('*', admission(svc, { quickExitUrl: opts.quickExitUrl ?? DEFAULT_QUICK_EXIT_URL }));

  app.onError(async (err, c) => {
    // refused at the database's door: nothing ran, nothing to audit (admission answers 503)
    if (err instanceof DbBusyError) {
      const r = errorResponse(c, 'SERVER_BUSY');
      r.headers.set('retry-after', String(retryAfterSeconds(svc.conn.gate)));
      return r;
    }
    if (err instanceof AppError) {
      if (err.audit) {
        const a = err.audit;
        await audit({ ...svc, actor: c.get('actor'), meta: meta(c) }, svc.conn.db, a).catch((e: Error) =>
          svc.log.error({ err: e.message, requestId: c.get('requestId') }, 'audit append failed'),
        );
      }
      return errorResponse(c, err.code, err.fields);
    }
    if (err instanceof ZodError) return errorResponse(c, 'VALIDATION_FAILED', zodFieldCodes(err));
    if (err instanceof SyntaxError) return errorResponse(c, 'MALFORMED_JSON');
    if (err instanceof HTTPException) {
      if (err.status === 413) return errorResponse(c, 'PAYLOAD_TOO_LARGE');
      if (err.status === 400)
        return errorResponse(c, /json/i.test(err.message) ? 'MALFORMED_JSON' : 'VALIDATION_FAILED');
      if (err.status === 415) return errorResponse(c, 'UNSUPPORTED_MEDIA_TYPE');
    }
    svc.log.error(
      { err: { message: err.message, stack: err.stack }, requestId: c.get('requestId') },
      'unhandled error',
    );
    return errorResponse(c, 'INTERNAL');
  });

  // ---- health
  app.get('/healthz', async (c) => {
    try {
      await ping(svc.conn.db);
      return c.json({ status: 'ok', db: svc.conn.kind });
    } catch {
      return c.json({ status: 'unavailable', db: svc.conn.kind }, 503);
    }
  });

  // ---- API guards
  app.use('/api/*', async (c, next) => {
    const limit = uploadKind(c.req.method, c.req.path) ? UPLOAD_LIMIT : JSON_LIMIT;
    return bodyLimit({
      maxSize: limit,
      onError: (cc) => errorResponse(cc as Context<AppEnv>, 'PAYLOAD_TOO_LARGE'),
    })(c, next);
  });
  app.use('/api/*', async (c, next) => {
    c.header('cache-control', 'no-store');
    const m = c.req.method;
    if (m !== 'GET' && m !== 'HEAD' && m !== 'OPTIONS') {
      // CSRF: browsers cannot send this header cross-site without CORS, which Simpul never allows.
      if (c.req.header('x-requested-with') !== 'simpul') return errorResponse(c, 'CSRF_FAILED');
      const ct = c.req.header('content-type') ?? '';
      // the contract says which operations take a file instead of JSON (src/domain/contract)
      const isUpload = uploadKind(m, c.req.path) !== null;
      const len = Number(c.req.header('content-length') ?? '0');
      // a body announced by its headers, or (in-process requests, which announce nothing) a stream
      // that really holds bytes: an HTTP/1.1 request with neither header has no body (RFC 9112
      // §6.3), e.g. `curl -X POST` on a bodyless action, though the node adapter gives it an
      // empty stream (Hono keeps what was read for the handler)
      const hasBody =
        len > 0 ||
        c.req.header('transfer-encoding') !== undefined ||
        (!isUpload &&
          c.req.raw.body !== null &&
          !c.req.header('content-length') &&
          (await c.req.arrayBuffer()).byteLength > 0);
      if (!isUpload && hasBody) {
        if (!/^application\/json\b/i.test(ct)) return errorResponse(c, 'UNSUPPORTED_MEDIA_TYPE');
        if (len > JSON_LIMIT) return errorResponse(c, 'PAYLOAD_TOO_LARGE');
        // JSON must be valid UTF-8: a lossy decode would store U+FFFD in place of what was typed
        const raw = await c.req.arrayBuffer();
        if (raw.byteLength > JSON_LIMIT) return errorResponse(c, 'PAYLOAD_TOO_LARGE');
        let text: string;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
        } catch {
          return errorResponse(c, 'MALFORMED_JSON');
        }
        // a NUL in any string or key: PostgreSQL cannot store it, no person types it
        const nul = nulInJson(text);
        if (nul) return errorResponse(c, 'VALIDATION_FAILED', { [nul]: 'invalid_characters' });
      }
    }
    return next();
  });
  app.use('/api/*', async (c, next) => {
    const token = sessionToken(c);
    if (token) {
      const s = await resolveSession(svc, token);
      if (s.ok) {
        c.set('actor', s.actor);
        c.set('sessionId', s.sessionId);
        c.set('mfaEnrolmentRequired', s.mfaEnrolmentRequired);
        c.set('twoFactor', s.twoFactor);
      } else {
        c.set('sessionProblem', s.reason);
      }
    }
    return next();
  });

  authRoutes(app, svc, {
    publicUrl: opts.publicUrl,
    sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
  });
  referenceRoutes(app, svc);
  caseRoutes(app, svc);
  referralRoutes(app, svc);
  intakeRoutes(app, svc);
  whatsappRoutes(app, svc);
  adminRoutes(app, svc);
  statsRoutes(app, svc);
  directoryRoutes(app, svc);
  transferRoutes(app, svc);
  letterRoutes(app, svc, { publicUrl: opts.publicUrl });
  trainingRoutes(app, svc, { publicUrl: opts.publicUrl });
  notificationRoutes(app, svc);
  simfoniRoutes(app, svc);
  meetingsRoutes(app, svc);
  preventionRoutes(app, svc);
  radRoutes(app, svc);
  klaRoutes(app, svc);
  regulationRoutes(app, svc);
  posterRoutes(app, svc, { publicUrl: opts.publicUrl });

  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES))
    app.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    servers: [{ url: '/', description: 'Instalasi Simpul ini / this Simpul installation' }],
    info: {
      title: 'Simpul API',
      version: '1',
      description:
        'API Simpul: pengaduan, penanganan kasus, dan rujukan kekerasan terhadap perempuan dan anak. Semua yang dilakukan aplikasi web tersedia di sini.',
    },
  });

  // an address the API has, asked with a method it does not answer: 405 with the methods it does
  let apiRoutes: Array<{ re: RegExp; method: string }> | null = null;
  app.all('/api/*', (c) => {
    apiRoutes ??= app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !r.path.includes('*'))
      .map((r) => ({
        re: new RegExp(`^${r.path.replace(/[.]/g, '\\.').replace(/:[^/]+/g, '[^/]+')}$`),
        method: r.method,
      }));
    const methods = new Set(apiRoutes.filter((r) => r.re.test(c.req.path)).map((r) => r.method));
    if (methods.size === 0) return errorResponse(c, 'NOT_FOUND');
    if (methods.has('GET')) methods.add('HEAD');
    const res = errorResponse(c, 'METHOD_NOT_ALLOWED');
    res.headers.set('allow', [...methods].sort().join(', '));
    return res;
  });

  // ---- webhooks (outside /api: signed by the sender, no session or CSRF header)
  webhookRoutes(app, svc);

  // ---- public reporting pages (/lapor, /layanan), server-rendered
  portalRoutes(app, svc, {
    quickExitUrl: opts.quickExitUrl ?? DEFAULT_QUICK_EXIT_URL,
    sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
  });
  // ---- public statistics (/statistik, /statistik.csv) from the published snapshot (decision 026)
  statisticsRoutes(app, svc, { quickExitUrl: opts.quickExitUrl ?? DEFAULT_QUICK_EXIT_URL });

  // ---- staff web app (built by Vite into web/dist); every other GET path serves index.html.
  // scripts/build-web.ts writes a .br and a .gz next to each text file; serveStatic picks the one
  // the browser accepts (br first) and sets Content-Encoding.
  const dist = opts.webDist ?? fileURLToPath(new URL('../../web/dist/', import.meta.url));
  const indexPath = `${dist}/index.html`;
  app.use(
    '/assets/*',
    serveStatic({
      root: dist,
      precompressed: true,
      onFound: (_p, c) => c.header('cache-control', 'public, max-age=31536000, immutable'),
    }),
  );
  // a build file that does not exist (an old chunk after an update) is a 404, never the app shell:
  // the service worker caches /assets/ answers by URL
  app.get('/assets/*', (c) => errorResponse(c, 'NOT_FOUND'));
  const rootFile = serveStatic({ root: dist, index: '', precompressed: true });
  app.use('*', (c, next) => (/^\/[\w.-]+\.[a-z0-9]+$/i.test(c.req.path) ? rootFile(c, next) : next()));
  app.get('*', (c) => {
    if (!existsSync(indexPath)) return c.text('Aplikasi web belum dibangun. Jalankan: npm run build', 503);
    c.header('cache-control', 'no-cache');
    return c.html(readFileSync(indexPath, 'utf8'));
  });

  return app;
}
