/**
 * A readable access log (issue 8 §5): the case manager sees who saw this person's data — partners'
 * reads of shared sections included — grouped by person and local day, in words; the auditor
 * filters by name, role, organisation, date range, category and outcome, and downloads a CSV.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAuditLog } from '../../src/app/admin/export-audit-log.ts';
import { flushRejections } from '../../src/app/audit/record-rejection.ts';
import type { AuthedCtx } from '../../src/app/context.ts';
import { AppError } from '../../src/domain/errors.ts';
import { localDate, localDayStart } from '../../src/domain/time.ts';
import { type Client, createHarness, ENGINES, type Harness, openFullCase } from '../helpers/harness.ts';

type Label = { id: string; en: string };
type Item = {
  action: string;
  outcome: string;
  words: Label;
  object: Label | null;
  count: number;
  firstAt: string;
  lastAt: string;
};
type Group = {
  id: string;
  day: string;
  actor: {
    id: string | null;
    name: Label;
    role: string | null;
    org: { name: string } | null;
    partner: boolean;
  };
  count: number;
  firstAt: string;
  lastAt: string;
  items: Item[];
};
type Entry = {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entityId: string | null;
  outcome: string;
  category: string | null;
  actor: Label;
  actorOrg: { id: string; name: string } | null;
  words: Label;
  object: Label | null;
};

const SHARED_WORDS = 'membaca bagian yang dibagikan pada rujukan (identitas, kronologi)';

/** The local (WIB) calendar day `days` after the one `at` falls on, and when it starts. */
function laterDay(at: Date, days: number): { day: string; start: Date } {
  const day = new Date(Date.parse(`${localDate(at, '36.02')}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return { day, start: localDayStart(day, '36.02') };
}

describe.each(ENGINES)('readable access log on %s', (engine) => {
  let h: Harness;
  let m: Client;
  let police: Client;
  let auditor: Client;
  let caseId: string;
  let referralId: string;
  let referralNumber: string;
  let policeOrgId: string;
  let policeUserId: string;
  let managerId: string;

  const userId = async (c: Client) => (await c.get('/api/v1/auth/me')).body.user.id as string;
  const log = async (query = '') => {
    const r = await m.get(`/api/v1/cases/${caseId}/access-log${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as {
      zone: string;
      zoneAbbr: string;
      items: Group[];
      people: Array<{ id: string; name: string; partner: boolean; org: { name: string } }>;
      total: number;
      page: number;
      pageSize: number;
    };
  };
  const auditList = async (query: string, as: Client = auditor) => {
    const r = await as.get(`/api/v1/audit?${query}&pageSize=200`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.items as Entry[];
  };

  beforeAll(async () => {
    h = await createHarness(engine);
    const db = h.svc.conn.db;
    policeOrgId = (
      await db
        .selectFrom('organisation')
        .select('id')
        .where('name', 'like', 'Unit PPA Polres Lebak%')
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .updateTable('organisation')
      .set({ services: ['lapor_polisi', 'penegakan_hukum'] })
      .where('id', '=', policeOrgId)
      .execute();
    m = await h.as('manajer@lebak.demo');
    police = await h.as('mitra@lebak.demo');
    auditor = await h.as('auditor@lebak.demo');
    managerId = await userId(m);
    policeUserId = await userId(police);
    const k = await openFullCase(m, { name: 'Sari Wulandari' });
    caseId = k.id;
    const r = await m.post(`/api/v1/cases/${caseId}/referrals`, {
      personId: k.victimId,
      toOrgId: policeOrgId,
      services: ['lapor_polisi'],
      urgency: 'segera',
      purpose: 'Laporan polisi.',
      sections: ['identitas', 'kronologi'],
      consent: { basis: 'persetujuan_korban', givenBy: 'Korban sendiri', givenAt: h.now.value.toISOString() },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    referralId = r.body.id;
    referralNumber = r.body.number;
    // the partner reads what was shared, twice; the case manager opens the case twice
    for (let i = 0; i < 2; i++) {
      const seen = await police.get(`/api/v1/referrals/${referralId}`);
      expect(seen.status).toBe(200);
      expect(Object.keys(seen.body.shared).sort()).toEqual(['identitas', 'kronologi']);
      expect((await m.get(`/api/v1/cases/${caseId}`)).status).toBe(200);
    }
    // someone of another kab/kota tries the case
    expect((await (await h.as('manajer@serang.demo')).get(`/api/v1/cases/${caseId}`)).status).toBe(404);
  });
  afterAll(async () => h?.close());

  describe('the case access log (case manager)', () => {
    it("shows a partner's read of the shared sections, in words, under the partner's name and organisation", async () => {
      const body = await log();
      const today = localDate(h.now.value, '36.02');
      const partner = body.items.find((g) => g.actor.id === policeUserId);
      expect(partner, JSON.stringify(body.items.map((g) => g.actor))).toBeDefined();
      expect(partner!.day).toBe(today);
      expect(partner!.actor).toMatchObject({
        name: { id: 'Demo mitra lebak' },
        role: 'mitra',
        org: { name: 'Unit PPA Polres Lebak' },
        partner: true,
      });
      const read = partner!.items.find((i) => i.words.id === SHARED_WORDS);
      expect(read, JSON.stringify(partner!.items)).toBeDefined();
      expect(read!.count).toBe(2);
      expect(read!.words.en).toBe('read the sections shared in the referral (identity, chronology)');
      expect(read!.object!.id).toBe(`rujukan ${referralNumber} ke Unit PPA Polres Lebak`);
      expect(read!.firstAt <= read!.lastAt).toBe(true);
      expect(body.zone).toBe('Asia/Jakarta');
      expect(body.zoneAbbr).toBe('WIB');
    });

    it('groups by person and day: one line per thing seen, with how many times, first and last', async () => {
      const body = await log();
      const mine = body.items.filter((g) => g.actor.id === managerId);
      expect(mine.length).toBe(1);
      const g = mine[0]!;
      expect(g.actor).toMatchObject({ name: { id: 'Demo manajer lebak' }, role: 'manajer', partner: false });
      const opened = g.items.find((i) => i.action === 'case.read');
      expect(opened!.words.id).toBe('membuka berkas kasus (identitas korban, kejadian, catatan)');
      expect(opened!.count).toBeGreaterThanOrEqual(2);
      expect(opened!.object).toBeNull(); // the case being read is not named again
      // the victim is named by role, number and initials only
      const added = g.items.find((i) => i.action === 'person.create' && i.object?.id.startsWith('korban'));
      expect(added!.object!.id).toBe('korban 1 (S. W.)');
      expect(JSON.stringify(body)).not.toContain('Wulandari');
      // the group's count is the sum of its lines, and no raw codes are needed to read it
      expect(g.items.reduce((a, i) => a + i.count, 0)).toBe(g.count);
      expect(g.items.every((i) => !/^[a-z_]+\.[a-z_.]+$/.test(i.words.id))).toBe(true);
      // an attempt from another kab/kota is there, in words, without an organisation of ours
      const serang = body.items.find((x) => x.actor.name.id === 'Demo manajer serang')!;
      expect(serang.actor).toMatchObject({
        partner: false,
        otherRegion: true,
        org: { name: 'UPTD PPA Kota Serang' },
      });
      expect(serang.items.map((i) => i.words.id)).toEqual([
        'mencoba membuka berkas kasus (identitas korban, kejadian, catatan) — ditolak: di luar wilayah kerja atau tidak ada',
      ]);
    });

    it('filters by person; the people list names partners as partners', async () => {
      const body = await log(`?actorId=${policeUserId}`);
      expect(body.items.length).toBeGreaterThan(0);
      expect(body.items.every((g) => g.actor.id === policeUserId)).toBe(true);
      const p = body.people.find((x) => x.id === policeUserId);
      expect(p).toMatchObject({
        name: 'Demo mitra lebak',
        partner: true,
        org: { name: 'Unit PPA Polres Lebak' },
      });
      expect(body.people.find((x) => x.id === managerId)?.partner).toBe(false);
    });

    it('is paged by person-day, so a busy case does not load its whole log', async () => {
      const all = await log();
      expect(all.total).toBeGreaterThanOrEqual(3);
      const p1 = await log('?pageSize=1');
      const p2 = await log('?pageSize=1&page=2');
      expect(p1.items.length).toBe(1);
      expect(p2.items.length).toBe(1);
      expect(p1.items[0]!.id).not.toBe(p2.items[0]!.id);
      expect(p1.total).toBe(all.total);
      expect(p1).toMatchObject({ page: 1, pageSize: 1, hasMore: true, totalCapped: false });
    });

    it('days are the case region’s local days (WIB), not UTC days', async () => {
      const saved = h.now.value;
      // 23:50 and 00:10 WIB around a coming midnight: the same UTC day (16:50, 17:10), two local days
      const before = laterDay(saved, 1);
      const after = laterDay(saved, 2);
      try {
        h.now.value = new Date(after.start.getTime() - 10 * 60_000);
        const late = await h.as('pengaduan@lebak.demo');
        const k = await openFullCase(late);
        h.now.value = new Date(after.start.getTime() + 10 * 60_000);
        expect((await late.get(`/api/v1/cases/${k.id}`)).status).toBe(200);
        const mm = await h.as('manajer@lebak.demo');
        const r = await mm.get(`/api/v1/cases/${k.id}/access-log`);
        expect(r.status).toBe(200);
        const days = (r.body.items as Group[]).filter((g) => g.actor.role === 'pengaduan').map((g) => g.day);
        expect(days.sort()).toEqual([before.day, after.day]);
      } finally {
        h.now.value = saved;
      }
    });

    it('bad filters get 400 with a field code', async () => {
      const bad = async (q: string, field: string, code: string) => {
        const r = await m.get(`/api/v1/cases/${caseId}/access-log?${q}`);
        expect(r.status, q).toBe(400);
        expect(r.body.error.code).toBe('VALIDATION_FAILED');
        expect(r.body.error.fieldCodes[field], JSON.stringify(r.body)).toBe(code);
      };
      await bad('actorId=bukan-uuid', 'actorId', 'invalid_id');
      await bad('pageSize=5000', 'pageSize', 'out_of_range');
      await bad('page=0', 'page', 'out_of_range');
      await bad('hari=kemarin', 'hari', 'unknown_field');
    });

    it('only the case manager reads it: a companion gets 403, others 404', async () => {
      const pendamping = await h.as('pendamping@lebak.demo');
      const c = (await m.get(`/api/v1/cases/${caseId}`)).body;
      const assign = await m.post(`/api/v1/cases/${caseId}/assign`, {
        version: c.version,
        companionIds: [await userId(pendamping)],
      });
      expect(assign.status, JSON.stringify(assign.body)).toBe(200);
      expect((await pendamping.get(`/api/v1/cases/${caseId}/access-log`)).status).toBe(403);
      for (const email of [
        'manajer@serang.demo',
        'mitra@lebak.demo',
        'auditor@lebak.demo',
        'pengaduan@lebak.demo',
      ]) {
        const r = await (await h.as(email)).get(`/api/v1/cases/${caseId}/access-log`);
        expect(r.status, email).toBe(email === 'pengaduan@lebak.demo' ? 403 : 404);
      }
    });
  });

  describe("the auditor's page", () => {
    it('filters by name and shows rows in words, with organisation and record', async () => {
      const items = await auditList('name=MITRA%20leb');
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((e) => /mitra leb/i.test(e.actorName ?? ''))).toBe(true);
      const read = items.find((e) => e.action === 'referral.read');
      expect(read).toMatchObject({
        actor: { id: 'Demo mitra lebak' },
        actorOrg: { id: policeOrgId, name: 'Unit PPA Polres Lebak' },
        words: { id: SHARED_WORDS },
        object: {
          id: `rujukan ${referralNumber} ke Unit PPA Polres Lebak · kasus ${(await m.get(`/api/v1/cases/${caseId}`)).body.number}`,
        },
        category: 'baca_data',
      });
    });

    it('filters by role, organisation, category and outcome', async () => {
      const byRole = await auditList('role=mitra');
      expect(byRole.length).toBeGreaterThan(0);
      expect(byRole.every((e) => e.actorRole === 'mitra')).toBe(true);
      const byOrg = await auditList(`orgId=${policeOrgId}`);
      expect(byOrg.length).toBeGreaterThan(0);
      expect(byOrg.every((e) => e.actorOrg?.id === policeOrgId)).toBe(true);
      const reads = await auditList('category=baca_data');
      expect(reads.some((e) => e.action === 'referral.read')).toBe(true);
      expect(reads.every((e) => e.category === 'baca_data')).toBe(true);
      const refused = await auditList('outcome=not_found');
      expect(refused.some((e) => e.entityId === caseId && e.action === 'case.read')).toBe(true);
      expect(refused.every((e) => e.outcome === 'not_found')).toBe(true);
      const signIns = await auditList('category=masuk&outcome=ok&role=auditor');
      expect(signIns[0]!.words.id).toBe('masuk ke Simpul');
    });

    it('says "gagal masuk" for a failed sign-in without an account, and pages with hasMore', async () => {
      const r = await h.anon.post('/api/v1/auth/login', {
        email: 'tidak.ada@contoh.test',
        password: 'Salah-Sekali-123',
      });
      expect(r.status).toBe(401);
      // counted per source and minute: shown once the minute is over, with the count
      h.now.value = new Date(h.now.value.getTime() + 61_000);
      await flushRejections(h.svc);
      const failed = await auditList('category=masuk&outcome=failed');
      const e = failed.find((x) => x.actorId === null);
      expect(e).toMatchObject({
        actor: { id: 'Tanpa akun (publik atau belum masuk)' },
        words: { id: 'gagal masuk: e-mail tidak terdaftar (1× dalam satu menit)' },
      });
      const one = await auditor.get('/api/v1/audit?category=masuk&pageSize=1');
      expect(one.body.items.length).toBe(1);
      expect(one.body.hasMore).toBe(true);
      // the one list shape: a count of every match (capped at 1.000), the same on every page
      expect(one.body.total).toBeGreaterThan(1);
      expect(one.body.totalCapped).toBe(false);
      const two = await auditor.get('/api/v1/audit?category=masuk&pageSize=1&page=2');
      expect(two.body.items[0].id).not.toBe(one.body.items[0].id);
      expect(two.body.total).toBe(one.body.total);
    });

    it('filters by a range of local days', async () => {
      const saved = h.now.value;
      const d = laterDay(saved, 5);
      const dayBefore = laterDay(saved, 4);
      try {
        h.now.value = new Date(d.start.getTime() + 30 * 60_000); // 00:30 WIB: still the previous UTC day
        const p = await h.as('pimpinan@lebak.demo');
        expect((await p.get('/api/v1/stats/summary')).status).toBe(200);
      } finally {
        h.now.value = saved;
      }
      const pid = (
        await h.svc.conn.db
          .selectFrom('app_user')
          .select('id')
          .where('email', '=', 'pimpinan@lebak.demo')
          .executeTakeFirstOrThrow()
      ).id;
      const on = await auditList(`actorId=${pid}&from=${d.day}&to=${d.day}`);
      expect(on.map((e) => e.action)).toEqual(['auth.login']);
      expect(await auditList(`actorId=${pid}&from=${dayBefore.day}&to=${dayBefore.day}`)).toEqual([]);
      expect((await auditList(`actorId=${pid}&from=${d.day}`)).length).toBe(1);
      expect((await auditList(`actorId=${pid}&to=${dayBefore.day}`)).length).toBe(0);
    });

    it('bad filters get 400 with a field code, never a 500', async () => {
      const bad = async (q: string, field: string, code: string, path = '/api/v1/audit') => {
        const r = await auditor.get(`${path}?${q}`);
        expect(r.status, q).toBe(400);
        expect(r.body.error.code).toBe('VALIDATION_FAILED');
        expect(r.body.error.fieldCodes[field], JSON.stringify(r.body)).toBe(code);
        expect(r.body.error.fields[field]).toBeTruthy();
      };
      await bad('from=2026-02-30', 'from', 'invalid_date');
      await bad('to=kemarin', 'to', 'invalid_date');
      await bad('from=2026-03-05&to=2026-03-01', 'to', 'date_before_from');
      await bad('from=2026-03-05&to=2026-03-01', 'to', 'date_before_from', '/api/v1/audit/export.csv');
      await bad('role=bos', 'role', 'invalid_value');
      await bad('category=semua', 'category', 'invalid_value');
      await bad('outcome=mungkin', 'outcome', 'invalid_value');
      await bad('orgId=123', 'orgId', 'invalid_id');
      await bad(`name=${'a'.repeat(101)}`, 'name', 'too_long');
      await bad(`name=${'x'.repeat(20_000)}`, 'name', 'too_long');
      await bad('lang=jv', 'lang', 'invalid_value', '/api/v1/audit/export.csv');
      await bad('semua=1', 'semua', 'unknown_field');
      const r = await auditor.get('/api/v1/audit?from=2026-03-05&to=2026-03-01');
      expect(r.body.error.fields.to).toBe('Tanggal akhir tidak boleh sebelum tanggal awal.');
    });

    it('an auditor of another kab/kota sees none of it, in the list or the download', async () => {
      const serang = await h.as('auditor@serang.demo');
      // only its own staff's attempt on the case, and that without the case's number
      const onCase = await auditList(`entityId=${caseId}`, serang);
      expect(onCase.length).toBeGreaterThan(0);
      for (const e of onCase) {
        expect([e.actorName, e.outcome]).toEqual(['Demo manajer serang', 'not_found']);
        expect(e.object).toBeNull();
      }
      expect(await auditList('name=mitra%20lebak', serang)).toEqual([]);
      const csv = await serang.get('/api/v1/audit/export.csv');
      expect(csv.status).toBe(200);
      const number = (await m.get(`/api/v1/cases/${caseId}`)).body.number as string;
      expect(csv.body).not.toContain(number);
      expect(csv.body).not.toContain('Unit PPA Polres Lebak');
      expect(csv.body).not.toContain('Demo mitra lebak');
      // the organisations offered are Kota Serang's
      const f = await serang.get('/api/v1/audit/filters');
      expect(f.body.organisations.map((o: { name: string }) => o.name)).not.toContain(
        'Unit PPA Polres Lebak',
      );
    });

    it('only auditors list, filter or download', async () => {
      for (const email of ['manajer@lebak.demo', 'admin-dinas@lebak.demo', 'mitra@lebak.demo']) {
        const c = await h.as(email);
        for (const path of ['/api/v1/audit', '/api/v1/audit/filters', '/api/v1/audit/export.csv']) {
          const r = await c.get(path);
          expect(r.status, `${email} ${path}`).toBe(403);
        }
      }
    });
  });

  describe('CSV download', () => {
    it('is UTF-8 with BOM, in words, audited as an export', async () => {
      const raw = await h.app.request('/api/v1/audit/export.csv?name=mitra%20lebak&category=baca_data', {
        headers: { cookie: auditor.cookie!, 'x-requested-with': 'simpul' },
      });
      const bytes = new Uint8Array(await raw.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
      const r = await auditor.req('GET', '/api/v1/audit/export.csv?name=mitra%20lebak&category=baca_data');
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(r.headers.get('content-disposition')).toMatch(
        /^attachment; filename="log-audit-3602-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const rows = parse(r.body, { bom: true, relax_column_count: false }) as string[][];
      expect(rows[0]).toEqual([
        'Waktu (WIB)',
        'Pelaku',
        'Peran',
        'Lembaga',
        'Tindakan',
        'Data',
        'Hasil',
        'Alamat IP',
        'Kode tindakan',
        'Jenis data',
        'ID data',
        'Nomor catatan audit',
      ]);
      const read = rows.find((x) => x[8] === 'referral.read');
      expect(read).toBeDefined();
      expect(read!.slice(1, 7)).toEqual([
        'Demo mitra lebak',
        'Petugas lembaga mitra',
        'Unit PPA Polres Lebak',
        SHARED_WORDS,
        expect.stringContaining(`rujukan ${referralNumber} ke Unit PPA Polres Lebak`),
        'berhasil',
      ]);
      expect(read![0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      // the same rows as the page shows
      const page = await auditList('name=mitra%20lebak&category=baca_data');
      expect(rows.length - 1).toBe(page.length);
      const exports = await auditList('action=audit.export');
      expect(exports[0]).toMatchObject({
        actorRole: 'auditor',
        words: { id: 'mengunduh log audit (CSV)' },
        outcome: 'ok',
      });
    });

    it('escapes cells that a spreadsheet would run as a formula', async () => {
      const db = h.svc.conn.db;
      const names: Record<string, string> = {
        'pengaduan@lebak.demo': '=HYPERLINK("http://contoh.test/x","klik")',
        'pendamping@lebak.demo': '+62-SUM(A1)',
        'pimpinan@lebak.demo': '-1+1',
        'admin@lebak.demo': '@SUM(1)',
      };
      for (const [email, name] of Object.entries(names)) {
        await db.updateTable('app_user').set({ name }).where('email', '=', email).execute();
        await h.as(email);
      }
      const r = await auditor.req('GET', '/api/v1/audit/export.csv?category=masuk');
      expect(r.status).toBe(200);
      const rows = parse(r.body, { bom: true }) as string[][];
      const actors = new Set(rows.map((x) => x[1]));
      for (const name of Object.values(names)) {
        expect(actors.has(`'${name}`), name).toBe(true);
        expect(actors.has(name), name).toBe(false);
      }
      // quotes inside a cell are doubled, not a way out of it
      expect(r.body).toContain('"\'=HYPERLINK(""http://contoh.test/x"",""klik"")"');
    });

    it('speaks English when asked', async () => {
      const r = await auditor.req('GET', '/api/v1/audit/export.csv?name=mitra%20lebak&lang=en');
      const rows = parse(r.body, { bom: true }) as string[][];
      expect(rows[0]![0]).toBe('Time (WIB)');
      expect(
        rows.some((x) => x[4] === 'read the sections shared in the referral (identity, chronology)'),
      ).toBe(true);
    });

    it('refuses a download larger than the limit instead of cutting it silently', async () => {
      const a = await h.svc.conn.db
        .selectFrom('app_user as u')
        .innerJoin('organisation as o', 'o.id', 'u.org_id')
        .select(['u.id', 'u.org_id', 'o.jurisdiction'])
        .where('u.email', '=', 'auditor@lebak.demo')
        .executeTakeFirstOrThrow();
      const ctx: AuthedCtx = {
        ...h.svc,
        actor: { userId: a.id, role: 'auditor', orgId: a.org_id, jurisdiction: a.jurisdiction },
        meta: { ip: null, userAgent: null, requestId: null },
      };
      await expect(exportAuditLog(ctx, {}, 'id', { maxRows: 3 })).rejects.toSatisfy(
        (e) => e instanceof AppError && e.code === 'AUDIT_EXPORT_TOO_LARGE',
      );
    });
  });
});
