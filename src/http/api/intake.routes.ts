import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Services } from '../../app/context.ts';
import { getIntake, inboxCounts, inboxOfficers, listIntake } from '../../app/intake/get-intake.ts';
import { nationalReferralLetter } from '../../app/intake/national-letter.ts';
import { recordIntake } from '../../app/intake/record-intake.ts';
import {
  addIntakeNote,
  attachIntake,
  closeIntake,
  forwardIntake,
  messageReporter,
  openCaseFromIntake,
  referIntakeNationally,
  updateIntake,
} from '../../app/intake/triage-intake.ts';
import {
  IntakeAttach,
  IntakeClose,
  IntakeForward,
  IntakeListQuery,
  IntakeNational,
  IntakeNote,
  IntakeOpenCase,
  IntakeUpdate,
  StaffIntakeInput,
} from '../../domain/intake-schemas.ts';
import { uuid } from '../../domain/schemas.ts';
import { type AppEnv, authed, created } from '../context.ts';
import { renderNationalLetter } from '../letters/national-letter.ts';
import { op } from '../openapi.ts';

const Id = z.object({ id: uuid });

export function intakeRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  const tags = ['Pengaduan masuk'];
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/intake',
      summary: 'Kotak masuk pengaduan (semua saluran)',
      tags,
      query: IntakeListQuery,
    },
    async (c, { query }) => c.json(await listIntake(authed(c, svc), query)),
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/intake',
      summary: 'Catat pengaduan (telepon, datang langsung, surat, e-mail, penjangkauan, rujukan)',
      tags,
      body: StaffIntakeInput,
      status: 201,
    },
    async (c, { body }) => {
      const ctx = authed(c, svc);
      return created(c, 'POST /intake', body, (key) => recordIntake(ctx, body, key));
    },
  );
  // before /intake/{id}, so 'officers' and 'counts' are not read as ids
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/intake/counts',
      summary: 'Jumlah pengaduan terbuka dan yang melewati batas respons',
      tags,
    },
    async (c) => c.json(await inboxCounts(authed(c, svc))),
  );
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/intake/officers',
      summary: 'Petugas yang dapat menangani pengaduan di kotak masuk ini',
      tags,
    },
    async (c) => c.json(await inboxOfficers(authed(c, svc))),
  );
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/intake/{id}',
      summary: 'Satu pengaduan lengkap, dengan kemungkinan kasus yang sama',
      tags,
      params: Id,
    },
    async (c, { params }) => c.json(await getIntake(authed(c, svc), (params as { id: string }).id)),
  );
  op(
    app,
    {
      method: 'patch',
      path: '/api/v1/intake/{id}',
      summary: 'Triase: risiko, petugas, jenis panggilan',
      tags,
      params: Id,
      body: IntakeUpdate,
    },
    async (c, { params, body }) =>
      c.json(await updateIntake(authed(c, svc), (params as { id: string }).id, body)),
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/intake/{id}/notes',
      summary: 'Catatan petugas',
      tags,
      params: Id,
      body: IntakeNote,
      status: 201,
    },
    async (c, { params, body }) =>
      c.json(
        await addIntakeNote(authed(c, svc), (params as { id: string }).id, (body as { body: string }).body),
        201,
      ),
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/intake/{id}/reporter-messages',
      summary: 'Pesan untuk pelapor (tampil di halaman Cek laporan)',
      tags,
      params: Id,
      body: IntakeNote,
      status: 201,
    },
    async (c, { params, body }) =>
      c.json(
        await messageReporter(authed(c, svc), (params as { id: string }).id, (body as { body: string }).body),
        201,
      ),
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/intake/{id}/open-case',
      summary: 'Jadikan kasus (data dibawa)',
      tags,
      params: Id,
      body: IntakeOpenCase,
      status: 201,
    },
    async (c, { params, body }) =>
      c.json(
        await openCaseFromIntake(
          authed(c, svc),
          (params as { id: string }).id,
          (body as { version: number }).version,
          { managerId: (body as { managerId?: string | null }).managerId },
        ),
        201,
      ),
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/intake/{id}/attach',
      summary: 'Gabungkan ke kasus yang ada',
      tags,
      params: Id,
      body: IntakeAttach,
    },
    async (c, { params, body }) => {
      const b = body as { version: number; caseId: string };
      return c.json(await attachIntake(authed(c, svc), (params as { id: string }).id, b.version, b.caseId));
    },
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/intake/{id}/forward',
      summary: 'Teruskan ke kabupaten/kota lain',
      tags,
      params: Id,
      body: IntakeForward,
    },
    async (c, { params, body }) => {
      const b = body as { version: number; toRegion: string; note?: string | null };
      return c.json(
        await forwardIntake(authed(c, svc), (params as { id: string }).id, b.version, b.toRegion, b.note),
      );
    },
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/intake/{id}/national',
      summary: 'Rujuk ke tingkat pusat (SAPA 129)',
      tags,
      params: Id,
      body: IntakeNational,
    },
    async (c, { params, body }) => {
      const b = body as { version: number; note?: string | null };
      return c.json(
        await referIntakeNationally(authed(c, svc), (params as { id: string }).id, b.version, b.note),
      );
    },
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/intake/{id}/close',
      summary: 'Tutup (spam, salah sambung, informasi…) dengan alasan',
      tags,
      params: Id,
      body: IntakeClose,
    },
    async (c, { params, body }) => {
      const b = body as { version: number; reason: string; note?: string | null };
      return c.json(
        await closeIntake(authed(c, svc), (params as { id: string }).id, b.version, b.reason, b.note),
      );
    },
  );
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/intake/{id}/letter',
      summary: 'Surat rujukan ke SAPA 129 (HTML untuk dicetak)',
      tags,
      params: Id,
    },
    async (c, { params }) => {
      const letter = await nationalReferralLetter(authed(c, svc), (params as { id: string }).id);
      c.header('cache-control', 'no-store');
      return c.html(renderNationalLetter(letter));
    },
  );
}
