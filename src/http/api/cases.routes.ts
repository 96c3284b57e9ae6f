import { createHash } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { getAccessLog } from '../../app/cases/access-log.ts';
import { assignableStaff, assignCase } from '../../app/cases/assign-case.ts';
import { addAttachment, getAttachment, MAX_ATTACHMENT_BYTES } from '../../app/cases/attachments.ts';
import { changeStage } from '../../app/cases/change-stage.ts';
import { getCase } from '../../app/cases/get-case.ts';
import { listCases } from '../../app/cases/list-cases.ts';
import { managersToChoose, openCase } from '../../app/cases/open-case.ts';
import { addIncident, updateIncident } from '../../app/cases/save-incident.ts';
import { addPerson, addRelationship, updatePerson } from '../../app/cases/save-person.ts';
import { addRecord, updateRecord } from '../../app/cases/save-record.ts';
import { takeCase } from '../../app/cases/take-case.ts';
import { myTasks } from '../../app/cases/tasks.ts';
import { getTimeline } from '../../app/cases/timeline.ts';
import { updateCase } from '../../app/cases/update-case.ts';
import { workQueue } from '../../app/cases/work-queue.ts';
import type { Services } from '../../app/context.ts';
import { AccessLogQuery } from '../../domain/audit-schemas.ts';
import { AppError } from '../../domain/errors.ts';
import {
  AssignInput,
  CaseCreateInput,
  CaseListQuery,
  CaseUpdateInput,
  IncidentInput,
  IncidentUpdate,
  PersonInput,
  PersonUpdate,
  patchOf,
  RECORD_KIND_NAMES,
  RECORD_KINDS,
  type RecordKind,
  RelationshipInput,
  TransitionInput,
  uuid,
} from '../../domain/schemas.ts';
import { type AppEnv, authed, created } from '../context.ts';
import { op } from '../openapi.ts';

const CaseId = z.object({ id: uuid });
const Sub = (name: string) => z.object({ id: uuid, [name]: uuid });
const KindParams = z.object({ id: uuid, kind: z.enum(RECORD_KIND_NAMES) });
const KindRecParams = z.object({ id: uuid, kind: z.enum(RECORD_KIND_NAMES), rid: uuid });

export function caseRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  const tags = ['Kasus'];
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/cases',
      summary: 'Daftar kasus (sesuai wilayah dan penugasan)',
      tags,
      query: CaseListQuery,
    },
    async (c, { query }) => c.json(await listCases(authed(c, svc), query)),
  );

  op(
    app,
    {
      method: 'post',
      path: '/api/v1/cases',
      summary: 'Buka kasus baru',
      tags,
      body: CaseCreateInput,
      status: 201,
    },
    async (c, { body }) => {
      const ctx = authed(c, svc);
      return created(c, 'POST /cases', body, (key) => openCase(ctx, body, key));
    },
  );

  op(
    app,
    { method: 'get', path: '/api/v1/cases/{id}', summary: 'Satu kasus lengkap', tags, params: CaseId },
    async (c, { params }) => c.json(await getCase(authed(c, svc), (params as { id: string }).id)),
  );

  op(
    app,
    {
      method: 'patch',
      path: '/api/v1/cases/{id}',
      summary: 'Ubah data identifikasi kasus',
      tags,
      params: CaseId,
      body: CaseUpdateInput,
    },
    async (c, { params, body }) =>
      c.json(await updateCase(authed(c, svc), (params as { id: string }).id, body)),
  );

  op(
    app,
    {
      method: 'post',
      path: '/api/v1/cases/{id}/transition',
      summary: 'Pindah tahap penanganan',
      tags,
      params: CaseId,
      body: TransitionInput,
    },
    async (c, { params, body }) =>
      c.json(await changeStage(authed(c, svc), (params as { id: string }).id, body)),
  );

  op(
    app,
    {
      method: 'post',
      path: '/api/v1/cases/{id}/assign',
      summary: 'Tugaskan manajer kasus dan pendamping',
      tags,
      params: CaseId,
      body: AssignInput,
    },
    async (c, { params, body }) =>
      c.json(await assignCase(authed(c, svc), (params as { id: string }).id, body)),
  );

  op(
    app,
    {
      method: 'post',
      path: '/api/v1/cases/{id}/take',
      summary: 'Ambil kasus yang belum memiliki manajer kasus (menjadi manajernya)',
      tags,
      params: CaseId,
    },
    async (c, { params }) => c.json(await takeCase(authed(c, svc), (params as { id: string }).id)),
  );

  op(
    app,
    {
      method: 'post',
      path: '/api/v1/cases/{id}/persons',
      summary: 'Tambah korban, terlapor, atau pelapor',
      tags,
      params: CaseId,
      body: PersonInput,
      status: 201,
    },
    async (c, { params, body }) => {
      const ctx = authed(c, svc);
      const id = (params as { id: string }).id;
      return created(c, `POST /cases/${id}/persons`, body, (key) => addPerson(ctx, id, body, key));
    },
  );

  op(
    app,
    {
      method: 'patch',
      path: '/api/v1/cases/{id}/persons/{pid}',
      summary: 'Ubah data orang',
      tags,
      params: Sub('pid'),
      body: PersonUpdate,
    },
    async (c, { params, body }) => {
      const p = params as { id: string; pid: string };
      return c.json(await updatePerson(authed(c, svc), p.id, p.pid, body));
    },
  );

  op(
    app,
    {
      method: 'post',
      path: '/api/v1/cases/{id}/relationships',
      summary: 'Hubungan terlapor dengan korban',
      tags,
      params: CaseId,
      body: RelationshipInput,
      status: 201,
    },
    async (c, { params, body }) =>
      c.json(await addRelationship(authed(c, svc), (params as { id: string }).id, body), 201),
  );

  op(
    app,
    {
      method: 'post',
      path: '/api/v1/cases/{id}/incidents',
      summary: 'Tambah kejadian',
      tags,
      params: CaseId,
      body: IncidentInput,
      status: 201,
    },
    async (c, { params, body }) => {
      const ctx = authed(c, svc);
      const id = (params as { id: string }).id;
      return created(c, `POST /cases/${id}/incidents`, body, (key) => addIncident(ctx, id, body, key));
    },
  );

  op(
    app,
    {
      method: 'patch',
      path: '/api/v1/cases/{id}/incidents/{iid}',
      summary: 'Ubah kejadian',
      tags,
      params: Sub('iid'),
      body: IncidentUpdate,
    },
    async (c, { params, body }) => {
      const p = params as { id: string; iid: string };
      return c.json(await updateIncident(authed(c, svc), p.id, p.iid, body));
    },
  );

  op(
    app,
    {
      method: 'post',
      path: '/api/v1/cases/{id}/records/{kind}',
      summary: 'Tambah asesmen, rencana, layanan, hak korban, atau catatan',
      tags,
      params: KindParams,
    },
    async (c, { params }) => {
      const ctx = authed(c, svc);
      const p = params as { id: string; kind: RecordKind };
      const parsed = RECORD_KINDS[p.kind].schema.safeParse(await c.req.json());
      if (!parsed.success) throw parsed.error;
      return created(c, `POST /cases/${p.id}/records/${p.kind}`, parsed.data, (key) =>
        addRecord(ctx, p.id, p.kind, parsed.data as Record<string, unknown>, key),
      );
    },
  );

  op(
    app,
    {
      method: 'patch',
      path: '/api/v1/cases/{id}/records/{kind}/{rid}',
      summary: 'Ubah catatan kasus',
      tags,
      params: KindRecParams,
    },
    async (c, { params }) => {
      const ctx = authed(c, svc);
      const p = params as { id: string; kind: RecordKind; rid: string };
      // no defaults in a PATCH: leaving `agreedWithBeneficiary` out must not reset it to false
      const schema = patchOf(RECORD_KINDS[p.kind].schema as unknown as z.ZodObject).extend({
        version: z.number({ message: 'version_required' }).int().min(1),
      });
      const parsed = schema.safeParse(await c.req.json());
      if (!parsed.success) throw parsed.error;
      const { version, ...data } = parsed.data as { version: number } & Record<string, unknown>;
      return c.json(await updateRecord(ctx, p.id, p.kind, p.rid, version, data));
    },
  );

  op(
    app,
    {
      method: 'post',
      path: '/api/v1/cases/{id}/attachments',
      summary: 'Unggah lampiran (≤ 20 MB)',
      tags,
      params: CaseId,
      multipart: true,
      status: 201,
    },
    async (c, { params }) => {
      const ctx = authed(c, svc);
      const ct = c.req.header('content-type') ?? '';
      if (!ct.startsWith('multipart/form-data')) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const form = await c.req.formData().catch(() => {
        throw new AppError('VALIDATION_FAILED', { file: 'required' });
      });
      // no NUL in a field's name, a value or the file name (src/http/nul-guard.ts)
      for (const [name, value] of form.entries())
        if (name.includes('\u0000') || (typeof value === 'string' ? value : value.name).includes('\u0000'))
          throw new AppError('VALIDATION_FAILED', {
            [name === 'file' ? 'file' : '_form']: 'invalid_characters',
          });
      const file = form.get('file');
      if (!file || typeof file === 'string') throw new AppError('VALIDATION_FAILED', { file: 'required' });
      if (file.size > MAX_ATTACHMENT_BYTES) throw new AppError('FILE_TOO_LARGE', { file: 'too_large' });
      const bytes = new Uint8Array(await file.arrayBuffer());
      const id = (params as { id: string }).id;
      // the same upload again with its Idempotency-Key: the same name and the same bytes
      const asked = { name: file.name, sha256: createHash('sha256').update(bytes).digest('hex') };
      return created(c, `POST /cases/${id}/attachments`, asked, (key) =>
        addAttachment(ctx, id, { name: file.name, bytes }, key),
      );
    },
  );

  op(
    app,
    {
      method: 'get',
      path: '/api/v1/cases/{id}/attachments/{aid}',
      summary: 'Unduh lampiran',
      tags,
      params: Sub('aid'),
    },
    async (c, { params }) => {
      const p = params as { id: string; aid: string };
      const a = await getAttachment(authed(c, svc), p.id, p.aid);
      return new Response(new Uint8Array(a.bytes), {
        headers: {
          'content-type': a.mime,
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(a.filename)}`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        },
      });
    },
  );

  op(
    app,
    { method: 'get', path: '/api/v1/cases/{id}/timeline', summary: 'Linimasa kasus', tags, params: CaseId },
    async (c, { params }) => c.json(await getTimeline(authed(c, svc), (params as { id: string }).id)),
  );

  op(
    app,
    {
      method: 'get',
      path: '/api/v1/cases/{id}/access-log',
      summary:
        'Log akses kasus: siapa melihat data orang ini (staf dan lembaga mitra), per orang per hari (manajer kasus)',
      tags,
      params: CaseId,
      query: AccessLogQuery,
    },
    async (c, { params, query }) =>
      c.json(await getAccessLog(authed(c, svc), (params as { id: string }).id, query as AccessLogQuery)),
  );

  op(app, { method: 'get', path: '/api/v1/tasks', summary: 'Tugas dan tenggat saya', tags }, async (c) =>
    c.json(await myTasks(authed(c, svc))),
  );

  op(
    app,
    {
      method: 'get',
      path: '/api/v1/work-queue',
      summary: 'Antrean manajer kasus: kasus tanpa manajer dan tugas jatuh tempo hari ini',
      tags,
    },
    async (c) => c.json(await workQueue(authed(c, svc))),
  );

  op(
    app,
    {
      method: 'get',
      path: '/api/v1/users/case-managers',
      summary: 'Manajer kasus yang dapat dipilih saat membuka kasus',
      tags,
    },
    async (c) => c.json(await managersToChoose(authed(c, svc))),
  );

  op(
    app,
    {
      method: 'get',
      path: '/api/v1/users/assignable',
      summary: 'Petugas yang dapat ditugaskan pada kasus',
      tags,
      query: z.object({ caseId: uuid }),
    },
    async (c, { query }) =>
      c.json(await assignableStaff(authed(c, svc), (query as { caseId: string }).caseId)),
  );
}
