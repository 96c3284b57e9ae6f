import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Services } from '../../app/context.ts';
import { coordinationSummary } from '../../app/stats/coordination.ts';
import { dashboard } from '../../app/stats/dashboard.ts';
import {
  dashboardTableXlsx,
  getReportSettings,
  MAX_LOGO_BYTES,
  periodicReport,
  setReportLogo,
  setReportSettings,
} from '../../app/stats/periodic-report.ts';
import { AppError } from '../../domain/errors.ts';
import { occasional } from '../../occasional/pool.ts';
import { type AppEnv, authed, fileAnswer } from '../context.ts';
import { implement } from '../openapi.ts';
import { periodicReportHtml } from '../reports/periodic-report.ts';

export function statsRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  implement(app, 'GET /dashboard', async (c, { query }) => dashboard(authed(c, svc), query));
  implement(app, 'GET /stats/coordination-summary', async (c) => coordinationSummary(authed(c, svc)));

  implement(app, 'GET /dashboard/table.xlsx', async (c, { query }) => {
    const x = await dashboardTableXlsx(authed(c, svc), query);
    return fileAnswer(
      x.body,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      x.filename,
    );
  });

  const reportName = (r: { spec: string; dashboard: { region: { code: string } } }, ext: string) =>
    `laporan-${r.spec}-${r.dashboard.region.code.replace(/\./g, '')}.${ext}`;
  implement(app, 'GET /reports/periodic.pdf', async (c, { query }) => {
    const r = await periodicReport(authed(c, svc), query);
    // rendered in the occasional worker: pdfkit and the fonts leave memory with it (decision 020)
    const pdf = await occasional('periodicReportPdf', { report: r });
    return fileAnswer(pdf, 'application/pdf', reportName(r, 'pdf'));
  });
  implement(app, 'GET /reports/periodic.html', async (c, { query }) => {
    const r = await periodicReport(authed(c, svc), query);
    return fileAnswer(periodicReportHtml(r), 'text/html; charset=utf-8', reportName(r, 'html'), 'inline');
  });

  implement(app, 'GET /report-settings', async (c) => getReportSettings(authed(c, svc)));
  implement(app, 'PUT /report-settings', async (c, { body }) => setReportSettings(authed(c, svc), body));
  implement(app, 'PUT /report-settings/logo', async (c) => {
    const ctx = authed(c, svc);
    if (!/^image\/(png|jpeg)\b/i.test(c.req.header('content-type') ?? ''))
      throw new AppError('LOGO_NOT_IMAGE');
    if (Number(c.req.header('content-length') ?? '0') > MAX_LOGO_BYTES) throw new AppError('LOGO_TOO_LARGE');
    return setReportLogo(ctx, new Uint8Array(await c.req.arrayBuffer()));
  });
}
