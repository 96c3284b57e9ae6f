import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { exportAuditLog } from '../../app/admin/export-audit-log.ts';
import { listHolidays, setHolidays } from '../../app/admin/holidays.ts';
import {
  createOrganisation,
  listOrgsForAdmin,
  updateOrganisation,
} from '../../app/admin/manage-organisations.ts';
import { createUser, listUsersForAdmin, resetPassword, updateUser } from '../../app/admin/manage-users.ts';
import { auditFilterChoices, listAuditEvents, statsSummary } from '../../app/admin/oversight.ts';
import type { Services } from '../../app/context.ts';
import { listOrphanIntake, rerouteOrphanIntake } from '../../app/intake/orphans.ts';
import { AuditExportQuery, AuditQuery } from '../../domain/audit-schemas.ts';
import { HolidayYear, HolidayYearInput } from '../../domain/holiday-schemas.ts';
import { IntakeReroute } from '../../domain/intake-schemas.ts';
import { OrgInput, OrgUpdate, UserCreateInput, UserUpdateInput, uuid } from '../../domain/schemas.ts';
import { type AppEnv, authed } from '../context.ts';
import { localeOf } from '../errors.ts';
import { op } from '../openapi.ts';

const Id = z.object({ id: uuid });

export function adminRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  const tags = ['Administrasi'];
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/admin/holidays/{year}',
      summary: 'Hari libur nasional dan cuti bersama satu tahun (hari kerja tenggat melewatinya)',
      tags,
      params: HolidayYear,
    },
    async (c, { params }) => c.json(await listHolidays(authed(c, svc), (params as { year: number }).year)),
  );
  op(
    app,
    {
      method: 'put',
      path: '/api/v1/admin/holidays/{year}',
      summary: 'Ganti daftar hari libur nasional dan cuti bersama satu tahun (admin sistem)',
      tags,
      params: HolidayYear,
      body: HolidayYearInput,
    },
    async (c, { params, body }) =>
      c.json(await setHolidays(authed(c, svc), (params as { year: number }).year, body)),
  );
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/admin/orphan-intake',
      summary: 'Laporan yang tidak masuk kotak masuk mana pun (hanya metadata)',
      tags,
    },
    async (c) => c.json(await listOrphanIntake(authed(c, svc))),
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/admin/orphan-intake/{id}/route',
      summary: 'Pindahkan laporan ke kotak masuk yang ada petugasnya',
      tags,
      params: Id,
      body: IntakeReroute,
    },
    async (c, { params, body }) =>
      c.json(await rerouteOrphanIntake(authed(c, svc), (params as { id: string }).id, body)),
  );
  op(app, { method: 'get', path: '/api/v1/admin/users', summary: 'Daftar pengguna', tags }, async (c) =>
    c.json(await listUsersForAdmin(authed(c, svc))),
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/admin/users',
      summary: 'Buat pengguna',
      tags,
      body: UserCreateInput,
      status: 201,
    },
    async (c, { body }) => c.json(await createUser(authed(c, svc), body), 201),
  );
  op(
    app,
    {
      method: 'patch',
      path: '/api/v1/admin/users/{id}',
      summary: 'Ubah pengguna (peran, nonaktifkan)',
      tags,
      params: Id,
      body: UserUpdateInput,
    },
    async (c, { params, body }) =>
      c.json(await updateUser(authed(c, svc), (params as { id: string }).id, body)),
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/admin/users/{id}/reset-password',
      summary: 'Setel ulang kata sandi',
      tags,
      params: Id,
    },
    async (c, { params }) => c.json(await resetPassword(authed(c, svc), (params as { id: string }).id)),
  );
  op(
    app,
    { method: 'get', path: '/api/v1/admin/organisations', summary: 'Daftar lembaga', tags },
    async (c) => c.json(await listOrgsForAdmin(authed(c, svc))),
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/admin/organisations',
      summary: 'Buat lembaga',
      tags,
      body: OrgInput,
      status: 201,
    },
    async (c, { body }) => c.json(await createOrganisation(authed(c, svc), body), 201),
  );
  op(
    app,
    {
      method: 'patch',
      path: '/api/v1/admin/organisations/{id}',
      summary: 'Ubah lembaga',
      tags,
      params: Id,
      body: OrgUpdate,
    },
    async (c, { params, body }) =>
      c.json(await updateOrganisation(authed(c, svc), (params as { id: string }).id, body)),
  );

  const auditTags = ['Audit'];
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/audit',
      summary:
        'Log audit (auditor): dalam kata-kata; filter nama, peran, lembaga, rentang tanggal (hari lokal), kategori, hasil',
      tags: auditTags,
      query: AuditQuery,
    },
    async (c, { query }) => c.json(await listAuditEvents(authed(c, svc), query as AuditQuery)),
  );
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/audit/filters',
      summary: 'Pilihan filter log audit: peran, kategori, hasil, lembaga yang diawasi',
      tags: auditTags,
    },
    async (c) => c.json(await auditFilterChoices(authed(c, svc))),
  );
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/audit/export.csv',
      summary: 'Unduh log audit yang difilter sebagai CSV (UTF-8 dengan BOM; tercatat sebagai audit.export)',
      tags: auditTags,
      query: AuditExportQuery,
    },
    async (c, { query }) => {
      const q = query as AuditExportQuery;
      const out = await exportAuditLog(authed(c, svc), q, q.lang ?? localeOf(c));
      return new Response(out.body, {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${out.filename}"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        },
      });
    },
  );
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/stats/summary',
      summary: 'Ringkasan agregat (tanpa data pribadi)',
      tags: ['Statistik'],
    },
    async (c) => c.json(await statsSummary(authed(c, svc))),
  );
}
