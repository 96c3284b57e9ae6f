import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Services } from '../../app/context.ts';
import { addKlaEvidence, readKlaEvidence, removeKlaEvidence } from '../../app/kla/answer-files.ts';
import { applyKlaAutoValue } from '../../app/kla/apply-auto-value.ts';
import { assignKlaIndicators, klaAssignableOrgs } from '../../app/kla/assign-indicators.ts';
import { decideKlaEvaluation } from '../../app/kla/decide-evaluation.ts';
import { exportKlaEvaluation } from '../../app/kla/export-evaluation.ts';
import { getKlaEvaluation } from '../../app/kla/get-evaluation.ts';
import { klaHistory } from '../../app/kla/history.ts';
import { listKlaEvaluations } from '../../app/kla/list-evaluations.ts';
import { reviewKlaAnswer } from '../../app/kla/review-answer.ts';
import { saveKlaAnswer } from '../../app/kla/save-answer.ts';
import { getKlaSet, importKlaSet, importKlaSetXlsx } from '../../app/kla/sets.ts';
import { startKlaEvaluation } from '../../app/kla/start-evaluation.ts';
import { submitKlaEvaluation } from '../../app/kla/submit-evaluation.ts';
import { klaSummary } from '../../app/kla/summary.ts';
import { verifyKlaAnswer } from '../../app/kla/verify-answer.ts';
import { wholeList } from '../../domain/contract/define.ts';
import { occasional } from '../../occasional/pool.ts';
import { type AppEnv, authed, creating, fileAnswer } from '../context.ts';
import { implement } from '../openapi.ts';
import { parseUpload } from '../upload.ts';

export function klaRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  implement(app, 'GET /kla/sets/{year}', async (c, { params }) => getKlaSet(authed(c, svc), params.year));
  implement(app, 'POST /kla/sets', async (c) => {
    const ctx = authed(c, svc);
    const body: unknown = await c.req.json();
    return importKlaSet(ctx, body);
  });
  implement(app, 'POST /kla/sets/xlsx', async (c, { query }) => {
    const ctx = authed(c, svc);
    const up = await parseUpload(c, 5 * 1024 * 1024);
    return importKlaSetXlsx(ctx, up.bytes, query);
  });
  implement(app, 'GET /kla/evaluations', async (c, { query }) =>
    wholeList(await listKlaEvaluations(authed(c, svc), query)),
  );
  implement(app, 'POST /kla/evaluations', async (c, { body }) => startKlaEvaluation(authed(c, svc), body));
  implement(app, 'GET /kla/evaluations/{id}', async (c, { params }) =>
    getKlaEvaluation(authed(c, svc), params.id),
  );
  implement(app, 'GET /kla/evaluations/{id}/organisations', async (c, { params }) =>
    klaAssignableOrgs(authed(c, svc), params.id),
  );
  implement(app, 'PUT /kla/evaluations/{id}/assignments', async (c, { params, body }) =>
    assignKlaIndicators(authed(c, svc), params.id, body),
  );
  implement(app, 'POST /kla/evaluations/{id}/submit', async (c, { params, body }) =>
    submitKlaEvaluation(authed(c, svc), params.id, body),
  );
  implement(app, 'POST /kla/evaluations/{id}/decision', async (c, { params, body }) =>
    decideKlaEvaluation(authed(c, svc), params.id, body),
  );
  implement(app, 'GET /kla/evaluations/{id}/history', async (c, { params }) =>
    wholeList(await klaHistory(authed(c, svc), params.id)),
  );
  implement(app, 'GET /kla/evaluations/{id}/export.zip', async (c, { params }) => {
    const z = await exportKlaEvaluation(authed(c, svc), params.id);
    return fileAnswer(z.body, 'application/zip', z.filename);
  });
  implement(app, 'GET /kla/evaluations/{id}/summary.pdf', async (c, { params }) => {
    const summary = await klaSummary(authed(c, svc), params.id);
    // rendered in the occasional worker: pdfkit and the fonts leave memory with it (decision 020)
    const pdf = await occasional('klaSummaryPdf', { summary });
    return fileAnswer(
      pdf,
      'application/pdf',
      `ringkasan-kla-${summary.evaluation.jurisdiction}-${summary.evaluation.year}.pdf`,
    );
  });
  implement(app, 'PUT /kla/answers/{id}', async (c, { params, body }) =>
    saveKlaAnswer(authed(c, svc), params.id, body),
  );
  implement(app, 'POST /kla/answers/{id}/review', async (c, { params, body }) =>
    reviewKlaAnswer(authed(c, svc), params.id, body),
  );
  implement(app, 'POST /kla/answers/{id}/auto', async (c, { params, body }) =>
    applyKlaAutoValue(authed(c, svc), params.id, body),
  );
  implement(app, 'PUT /kla/answers/{id}/verification', async (c, { params, body }) =>
    verifyKlaAnswer(authed(c, svc), params.id, body),
  );
  implement(app, 'POST /kla/answers/{id}/files', async (c, { params }) => {
    const ctx = authed(c, svc);
    const up = await parseUpload(c);
    const asked = { name: up.name, size: up.bytes.byteLength };
    return creating(c, `POST /kla/answers/${params.id}/files`, asked, (key) =>
      addKlaEvidence(ctx, params.id, { name: up.name, bytes: up.bytes }, key),
    );
  });
  implement(app, 'GET /kla/answers/{id}/files/{fileId}', async (c, { params }) => {
    const f = await readKlaEvidence(authed(c, svc), params.id, params.fileId);
    return fileAnswer(f.bytes, f.mime, f.filename);
  });
  implement(app, 'DELETE /kla/answers/{id}/files/{fileId}', async (c, { params }) => {
    await removeKlaEvidence(authed(c, svc), params.id, params.fileId);
  });
}
