/**
 * The directory of services, cooperation agreements, requests to join (public form → Dinas
 * administrator) and partner performance, through the real app on both engines.
 */

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferralStatus } from '../../src/domain/referrals.ts';
import { type Client, createHarness, ENGINES, type Harness, openFullCase } from '../helpers/harness.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const dateOnly = (d: Date) => new Date(d.getTime() + 7 * HOUR).toISOString().slice(0, 10);

function form(fields: Record<string, string | string[]>): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p;
}

describe.each(ENGINES)('directory, agreements, requests to join, performance on %s', (engine) => {
  let h: Harness;
  let pendamping: Client;
  let dinasLebak: Client;
  let dinasSerang: Client;
  let rsudLebak: Client;
  const db = () => h.svc.conn.db;
  const orgId = async (name: string) =>
    (await db().selectFrom('organisation').select('id').where('name', '=', name).executeTakeFirstOrThrow())
      .id;
  const entry = async (c: Client, id: string) => {
    const r = await c.get(`/api/v1/directory/${id}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const put = async (c: Client, path: string, bytes: Uint8Array, ct = 'application/pdf') => {
    const r = await h.app.request(path, {
      method: 'PUT',
      body: bytes as unknown as BodyInit,
      headers: { 'x-requested-with': 'simpul', 'content-type': ct, cookie: c.cookie ?? '' },
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };

  beforeAll(async () => {
    h = await createHarness(engine);
    pendamping = await h.as('pendamping@lebak.demo');
    dinasLebak = await h.as('admin-dinas@lebak.demo');
    dinasSerang = await h.as('admin-dinas@serang.demo');
    rsudLebak = await h.as('rsud@lebak.demo');
  });
  afterAll(async () => h?.close());

  describe('directory', () => {
    it('filters by service and by the region an organisation covers', async () => {
      const r = await pendamping.get('/api/v1/directory?service=visum&region=36.02.01.2002');
      expect(r.status).toBe(200);
      expect(r.body.items.map((e: { name: string }) => e.name)).toEqual(['RSUD Lebak (demo)']);
      expect(r.body).toMatchObject({ total: 1, totalCapped: false, hasMore: false });

      const safe = await pendamping.get('/api/v1/directory?service=rumah_aman&region=36.73');
      expect(safe.body.items.map((e: { name: string }) => e.name)).toEqual(['Rumah Aman Serang (demo)']);

      const province = await pendamping.get('/api/v1/directory?service=lapor_polisi&region=36');
      expect(province.body.items).toHaveLength(2);

      const byType = await pendamping.get('/api/v1/directory?type=bantuan_hukum&region=36.02');
      expect(byType.body.items.map((e: { name: string }) => e.name)).toEqual([
        'Pos Bantuan Hukum Lebak (demo)',
      ]);

      const byName = await pendamping.get('/api/v1/directory?q=rumah%20aman&pageSize=1');
      expect(byName.body.items).toHaveLength(1);
      expect(byName.body).toMatchObject({
        total: 2,
        totalCapped: false,
        hasMore: true,
        page: 1,
        pageSize: 1,
      });
      const second = await pendamping.get('/api/v1/directory?q=rumah%20aman&pageSize=1&page=2');
      expect(second.body.items).toHaveLength(1);
      expect(second.body.hasMore).toBe(false);
      expect(second.body.items[0].id).not.toBe(byName.body.items[0].id);

      const bad = await pendamping.get('/api/v1/directory?service=sihir');
      expect(bad.status).toBe(400);
      expect(bad.body.error.fieldCodes.service).toBe('invalid_value');
    });

    it('shows the agreement with the reader’s Dinas, Simpul use, capacity and the verification flag', async () => {
      const rsud = await entry(pendamping, await orgId('RSUD Lebak (demo)'));
      expect(rsud).toMatchObject({
        services: ['kesehatan', 'visum', 'psikologis'],
        areas: ['36.02'],
        onSimpul: true,
        agreementEndingSoon: true,
        verificationDue: false,
      });
      expect(rsud.activeAgreement.number).toMatch(/DP3A/);
      expect(rsud.hours).toContain('24 jam');

      const lbh = await entry(pendamping, await orgId('Pos Bantuan Hukum Lebak (demo)'));
      expect(lbh).toMatchObject({ activeAgreement: null, agreementEndingSoon: false, onSimpul: false });

      const house = await entry(pendamping, await orgId('Rumah Aman Lebak (demo)'));
      expect(house).toMatchObject({ capacityTotal: 6, capacityFree: 2, verificationDue: true });

      // Serang's Dinas has no agreement with Lebak's hospital
      const fromSerang = await entry(await h.as('pendamping@serang.demo'), rsud.id);
      expect(fromSerang.activeAgreement).toBeNull();
    });

    it('a partner keeps its own capacity current, not another organisation’s', async () => {
      const id = await orgId('RSUD Lebak (demo)');
      const before = await entry(rsudLebak, id);
      expect(before.permissions.updateCapacity).toBe(true);
      const ok = await rsudLebak.patch(`/api/v1/directory/${id}/capacity`, {
        version: before.version,
        capacityTotal: 10,
        capacityFree: 3,
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body).toMatchObject({ capacityTotal: 10, capacityFree: 3 });
      expect(ok.body.capacityUpdatedAt).toBe(h.now.value.toISOString());

      const stale = await rsudLebak.patch(`/api/v1/directory/${id}/capacity`, {
        version: before.version,
        capacityFree: 4,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('VERSION_CONFLICT');

      // a version beyond any stored one is refused as bad input, not a server error
      const huge = await rsudLebak.patch(`/api/v1/directory/${id}/capacity`, {
        version: 2 ** 31,
        capacityFree: 1,
      });
      expect(huge.status).toBe(400);
      expect(huge.body.error.code).toBe('VALIDATION_FAILED');

      const tooMany = await rsudLebak.patch(`/api/v1/directory/${id}/capacity`, {
        version: ok.body.version,
        capacityFree: 11,
      });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.fieldCodes.capacityFree).toBe('capacity_exceeds_total');

      const negative = await rsudLebak.patch(`/api/v1/directory/${id}/capacity`, {
        version: ok.body.version,
        capacityFree: -1,
      });
      expect(negative.status).toBe(400);

      const house = await orgId('Rumah Aman Lebak (demo)');
      const other = await rsudLebak.patch(`/api/v1/directory/${house}/capacity`, {
        version: 1,
        capacityFree: 0,
      });
      expect(other.status).toBe(403);
      expect(other.body.error.code).toBe('FORBIDDEN');
      const ghost = await rsudLebak.patch(`/api/v1/directory/${randomUUID()}/capacity`, {
        version: 1,
        capacityFree: 0,
      });
      expect(ghost.status).toBe(404);
    });

    it('verification resets the six-month flag, which comes back after six months', async () => {
      const id = await orgId('Rumah Aman Lebak (demo)');
      expect((await pendamping.post(`/api/v1/directory/${id}/verify`)).status).toBe(403);
      expect((await dinasSerang.post(`/api/v1/directory/${id}/verify`)).status).toBe(403);
      const r = await dinasLebak.post(`/api/v1/directory/${id}/verify`);
      expect(r.status).toBe(200);
      expect(r.body.verificationDue).toBe(false);
      const audited = await db()
        .selectFrom('audit_event')
        .select('outcome')
        .where('entity_id', '=', id)
        .where('action', '=', 'organisation.verify')
        .orderBy('id')
        .execute();
      // the two refusals are audited too
      expect(audited.map((a) => a.outcome)).toEqual(['denied', 'denied', 'ok']);
      const saved = h.now.value;
      h.now.value = new Date(saved.getTime() + 184 * DAY);
      try {
        // sessions do not last six months: sign in again in the future
        expect((await entry(await h.as('pendamping@lebak.demo'), id)).verificationDue).toBe(true);
      } finally {
        h.now.value = saved;
      }
    });

    it("accepts only an http(s) address as an organisation's website, and never shows anything else", async () => {
      const base = { name: 'Klinik Warunggunung (uji)', type: 'puskesmas', regionCode: '36.02.01' };
      for (const website of [
        'javascript:alert(document.cookie)',
        'JavaScript://%0aalert(1)',
        'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
        'vbscript:msgbox(1)',
        'ftp://contoh.go.id/berkas',
        'https://dinkes.lebakkab.go.id@penipu.example',
        'https://contoh.go.id/ada spasi',
        'contoh.go.id',
      ]) {
        const r = await dinasLebak.post('/api/v1/admin/organisations', { ...base, website });
        expect(r.status, website).toBe(400);
        expect(r.body.error.fieldCodes.website, website).toBe('invalid_url');
        expect(r.body.error.fields.website).toBe('Alamat situs tidak valid (contoh: https://contoh.go.id).');
      }
      const ok = await dinasLebak.post('/api/v1/admin/organisations', {
        ...base,
        website: 'https://dinkes.lebakkab.go.id/layanan',
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      expect(ok.body.website).toBe('https://dinkes.lebakkab.go.id/layanan');
      const patch = await dinasLebak.patch(`/api/v1/admin/organisations/${ok.body.id}`, {
        version: ok.body.version,
        website: 'javascript:alert(1)',
      });
      expect(patch.body.error.fieldCodes.website).toBe('invalid_url');
      const http = await dinasLebak.patch(`/api/v1/admin/organisations/${ok.body.id}`, {
        version: ok.body.version,
        website: 'http://klinik-warunggunung.example.id',
      });
      expect(http.status).toBe(200);
      // a value stored before this rule is not shown, in the directory or to the administrator
      await db()
        .updateTable('organisation')
        .set({ website: 'javascript:alert(1)' })
        .where('id', '=', ok.body.id)
        .execute();
      expect((await entry(pendamping, ok.body.id)).website).toBeNull();
      const listed = (await dinasLebak.get('/api/v1/admin/organisations')).body.items as Array<{
        id: string;
        website: string | null;
      }>;
      expect(listed.find((o) => o.id === ok.body.id)?.website).toBeNull();
    });

    it('the administrator keeps services, areas, hours and capacity of an organisation', async () => {
      const base = { name: 'Puskesmas Rangkasbitung (uji)', type: 'puskesmas', regionCode: '36.02.01' };
      const bad = await dinasLebak.post('/api/v1/admin/organisations', {
        ...base,
        services: ['kesehatan'],
        areas: ['36.02.01', '36.99'],
        capacityTotal: 2,
        capacityFree: 5,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fieldCodes['areas.1']).toBe('outside_indonesia');
      const over = await dinasLebak.post('/api/v1/admin/organisations', {
        ...base,
        capacityTotal: 2,
        capacityFree: 5,
      });
      expect(over.body.error.fieldCodes.capacityFree).toBe('capacity_exceeds_total');
      const unknown = await dinasLebak.post('/api/v1/admin/organisations', { ...base, services: ['sulap'] });
      expect(unknown.body.error.fieldCodes['services.0']).toBe('invalid_value');
      const ok = await dinasLebak.post('/api/v1/admin/organisations', {
        ...base,
        services: ['kesehatan', 'visum'],
        areas: ['36.02.01'],
        hours: 'Senin–Sabtu 08.00–14.00',
        languages: ['Bahasa Indonesia', 'Bahasa Sunda'],
        website: 'https://puskesmas.contoh.go.id',
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      expect(ok.body).toMatchObject({ services: ['kesehatan', 'visum'], areas: ['36.02.01'], active: true });
      const upd = await dinasLebak.patch(`/api/v1/admin/organisations/${ok.body.id}`, {
        version: ok.body.version,
        capacityTotal: 4,
        capacityFree: 1,
      });
      expect(upd.status).toBe(200);
      expect(upd.body).toMatchObject({ capacityTotal: 4, capacityFree: 1 });
      // covered from its kecamatan: found for a village there, not for another kecamatan
      const here = await pendamping.get('/api/v1/directory?service=visum&region=36.02.01.2002');
      expect(here.body.items.map((e: { name: string }) => e.name)).toContain(base.name);
      const there = await pendamping.get('/api/v1/directory?service=visum&region=36.02.02');
      expect(there.body.items.map((e: { name: string }) => e.name)).not.toContain(base.name);
    });
  });

  describe('cooperation agreements', () => {
    let id: string;
    let version: number;

    it('records an agreement, with its status and the end date after the start', async () => {
      const org = await orgId('Pos Bantuan Hukum Lebak (demo)');
      const today = dateOnly(h.now.value);
      const inDays = (n: number) => dateOnly(new Date(h.now.value.getTime() + n * DAY));
      const body = {
        orgId: org,
        kind: 'pks',
        number: '400.14/099/DP3A/UJI',
        parties: 'Dinas PPPA Kabupaten Lebak dan Pos Bantuan Hukum Lebak',
        subject: 'Pendampingan hukum bagi korban',
        startsOn: today,
        endsOn: inDays(365),
      };
      const backwards = await dinasLebak.post('/api/v1/agreements', { ...body, endsOn: inDays(-1) });
      expect(backwards.status).toBe(400);
      expect(backwards.body.error.fieldCodes.endsOn).toBe('ends_before_start');
      expect(
        (await dinasLebak.post('/api/v1/agreements', { ...body, orgId: await orgId('RSUD Serang (demo)') }))
          .body.error.fieldCodes.orgId,
      ).toBe('unknown_organisation');

      const r = await dinasLebak.post('/api/v1/agreements', body);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toMatchObject({ status: 'aktif', jurisdiction: '36.02', documentName: null });
      id = r.body.id;
      version = r.body.version;
      // the directory now shows the active agreement
      expect((await entry(pendamping, org)).activeAgreement).toMatchObject({ number: body.number });

      const soon = await dinasLebak.patch(`/api/v1/agreements/${id}`, { version, endsOn: inDays(30) });
      expect(soon.status).toBe(200);
      expect(soon.body.status).toBe('akan_berakhir');
      version = soon.body.version;
      const stale = await dinasLebak.patch(`/api/v1/agreements/${id}`, { version: 1, subject: 'x' });
      expect(stale.body.error.code).toBe('VERSION_CONFLICT');
      const future = await dinasLebak.patch(`/api/v1/agreements/${id}`, {
        version,
        startsOn: inDays(10),
        endsOn: inDays(400),
      });
      expect(future.body.status).toBe('belum_berlaku');
      version = future.body.version;
      const ended = await dinasLebak.patch(`/api/v1/agreements/${id}`, {
        version,
        startsOn: inDays(-400),
        endsOn: inDays(-1),
      });
      expect(ended.body.status).toBe('berakhir');
      version = ended.body.version;

      const list = await dinasLebak.get(`/api/v1/agreements?orgId=${org}`);
      expect(list.body.items.map((a: { number: string }) => a.number)).toContain(body.number);
      const audited = await db()
        .selectFrom('audit_event')
        .select('action')
        .where('entity_id', '=', id)
        .execute();
      expect(audited.map((a) => a.action)).toEqual(
        expect.arrayContaining(['agreement.create', 'agreement.update']),
      );
    });

    it('takes the signed document as a PDF of at most 10 MB', async () => {
      const notPdf = await put(
        dinasLebak,
        `/api/v1/agreements/${id}/document`,
        new TextEncoder().encode('MZ...'),
      );
      expect(notPdf.status).toBe(415);
      expect(notPdf.body.error.code).toBe('DOCUMENT_NOT_PDF');
      const wrongType = await put(
        dinasLebak,
        `/api/v1/agreements/${id}/document`,
        new TextEncoder().encode('%PDF-1.7'),
        'image/png',
      );
      expect(wrongType.body.error.code).toBe('DOCUMENT_NOT_PDF');
      const big = new Uint8Array(10 * 1024 * 1024 + 1);
      big.set(new TextEncoder().encode('%PDF-1.7'));
      const tooBig = await put(dinasLebak, `/api/v1/agreements/${id}/document`, big);
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.error.code).toBe('DOCUMENT_TOO_LARGE');

      const pdf = new TextEncoder().encode('%PDF-1.7\n% perjanjian uji\n%%EOF\n');
      const ok = await put(dinasLebak, `/api/v1/agreements/${id}/document?name=PKS%20LBH.pdf`, pdf);
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body.documentName).toBe('PKS LBH.pdf');
      const got = await h.app.request(`/api/v1/agreements/${id}/document`, {
        headers: { cookie: dinasLebak.cookie ?? '' },
      });
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(new Uint8Array(await got.arrayBuffer())).toEqual(pdf);
    });

    it('another kab/kota’s administrator and partner staff cannot see or change it', async () => {
      const list = await dinasSerang.get('/api/v1/agreements');
      expect(list.status).toBe(200);
      expect(list.body.items.every((a: { jurisdiction: string }) => a.jurisdiction === '36.73')).toBe(true);
      expect(list.body.items.length).toBeGreaterThan(0);
      expect((await dinasSerang.get(`/api/v1/agreements/${id}`)).status).toBe(404);
      expect((await dinasSerang.patch(`/api/v1/agreements/${id}`, { version, subject: 'x' })).status).toBe(
        404,
      );
      const doc = await h.app.request(`/api/v1/agreements/${id}/document`, {
        headers: { cookie: dinasSerang.cookie ?? '' },
      });
      expect(doc.status).toBe(404);
      expect(
        (await put(dinasSerang, `/api/v1/agreements/${id}/document`, new TextEncoder().encode('%PDF-1')))
          .status,
      ).toBe(404);
      // partner staff see only the agreements their organisation is a party to (decision 033)
      const partner = await rsudLebak.get('/api/v1/agreements');
      expect(partner.status).toBe(200);
      expect(partner.body.items.length).toBeGreaterThan(0);
      expect(partner.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
      expect((await rsudLebak.get(`/api/v1/agreements/${id}`)).status).toBe(404);
      expect(
        (await rsudLebak.patch(`/api/v1/agreements/${partner.body.items[0].id}`, { version: 1 })).status,
      ).toBe(403);
    });
  });

  describe('requests to join', () => {
    const fields = (over: Record<string, string | string[]> = {}) => ({
      orgName: 'Klinik Psikologi Harapan (uji)',
      orgType: 'psikolog',
      prov: '36',
      kab: '36.02',
      services: ['psikologis', 'pendampingan'],
      address: 'Jl. Uji No. 5, Rangkasbitung',
      phone: '0252-201234',
      email: 'klinik.harapan@contoh.test',
      contactName: 'Rina Uji Lestari',
      contactPosition: 'Koordinator',
      message: 'Kami ingin menerima rujukan konseling.',
      website: '',
      ...over,
    });
    const postForm = async (f: Record<string, string | string[]>) => {
      const r = await h.app.request('/gabung', {
        method: 'POST',
        body: form(f),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      return { status: r.status, text: await r.text() };
    };

    it('shows the public form without JavaScript and explains every mistake, keeping what was typed', async () => {
      const page = await h.app.request('/gabung');
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('name="orgName"');
      expect(html).toContain('value="visum"');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");

      const bad = await postForm(
        fields({ kab: '', services: [], email: 'bukan-email', orgName: 'Klinik Uji Salah' }),
      );
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('id="ringkasan"');
      expect(bad.text).toContain('id="e-regionCode"');
      expect(bad.text).toContain('Pilih minimal satu layanan.');
      expect(bad.text).toContain('Alamat email tidak valid.');
      expect(bad.text).toContain('value="Klinik Uji Salah"');

      // a step of the region choice without JavaScript lists the kab/kota of the province
      const step = await postForm({ prov: '36', _pilih: 'prov', orgName: 'Klinik Uji Langkah' });
      expect(step.status).toBe(200);
      expect(step.text).toContain('value="36.02"');
      expect(step.text).toContain('value="Klinik Uji Langkah"');
    });

    let requestId: string;
    it('stores the request, tells the Dinas administrators and thanks the sender', async () => {
      const r = await postForm(fields());
      expect(r.status, r.text.slice(0, 500)).toBe(200);
      expect(r.text).toContain('permohonan Anda sudah kami terima');
      const list = await dinasLebak.get('/api/v1/join-requests');
      expect(list.status).toBe(200);
      const mine = list.body.items.find(
        (j: { orgName: string }) => j.orgName === 'Klinik Psikologi Harapan (uji)',
      );
      expect(mine).toMatchObject({
        status: 'baru',
        jurisdiction: '36.02',
        regionCode: '36.02',
        services: ['psikologis', 'pendampingan'],
        contactName: 'Rina Uji Lestari',
      });
      requestId = mine.id;
      // the contact person's name is stored encrypted
      const stored = await db()
        .selectFrom('join_request')
        .select('contact_name_enc')
        .where('id', '=', requestId)
        .executeTakeFirstOrThrow();
      expect(stored.contact_name_enc).not.toContain('Rina');
      const admin = await db()
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', 'admin-dinas@lebak.demo')
        .executeTakeFirstOrThrow();
      const notes = await db()
        .selectFrom('notification')
        .select(['user_id', 'link', 'ref'])
        .where('kind', '=', 'permohonan_bergabung')
        .execute();
      expect(notes).toEqual([{ user_id: admin.id, link: '/direktori/permohonan', ref: null }]);
      // another kab/kota does not see it
      const serang = await dinasSerang.get('/api/v1/join-requests');
      expect(serang.body.items.find((j: { id: string }) => j.id === requestId)).toBeUndefined();

      // a filled honeypot looks accepted but stores nothing
      const bot = await postForm(fields({ orgName: 'Bot Uji', website: 'http://spam.example' }));
      expect(bot.status).toBe(200);
      const after = await dinasLebak.get('/api/v1/join-requests');
      expect(after.body.items.find((j: { orgName: string }) => j.orgName === 'Bot Uji')).toBeUndefined();
    });

    it('approval creates the organisation and a first user who signs in with the temporary password', async () => {
      const firstUser = { name: 'Rina Uji Lestari', email: 'rina.harapan@contoh.test', role: 'mitra' };
      expect(
        (await dinasSerang.post(`/api/v1/join-requests/${requestId}/approve`, { version: 1, firstUser }))
          .status,
      ).toBe(404);
      expect(
        (await rsudLebak.post(`/api/v1/join-requests/${requestId}/approve`, { version: 1, firstUser }))
          .status,
      ).toBe(403);
      const taken = await dinasLebak.post(`/api/v1/join-requests/${requestId}/approve`, {
        version: 1,
        firstUser: { ...firstUser, email: 'mitra@lebak.demo' },
      });
      expect(taken.body.error.code).toBe('EMAIL_TAKEN');
      const r = await dinasLebak.post(`/api/v1/join-requests/${requestId}/approve`, {
        version: 1,
        firstUser,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.request.status).toBe('diterima');
      expect(typeof r.body.temporaryPassword).toBe('string');
      expect(r.body.temporaryPassword.length).toBeGreaterThanOrEqual(12);
      const org = await entry(pendamping, r.body.orgId);
      expect(org).toMatchObject({
        name: 'Klinik Psikologi Harapan (uji)',
        type: 'psikolog',
        services: ['psikologis', 'pendampingan'],
        areas: ['36.02'],
        verificationDue: false,
        onSimpul: true,
      });
      const signedIn = await h.as(firstUser.email, r.body.temporaryPassword);
      expect((await signedIn.get('/api/v1/auth/me')).status).toBeLessThan(500);

      const again = await dinasLebak.post(`/api/v1/join-requests/${requestId}/approve`, {
        version: 2,
        firstUser: { ...firstUser, email: 'lain@contoh.test' },
      });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('JOIN_REQUEST_STATE');
      const reject = await dinasLebak.post(`/api/v1/join-requests/${requestId}/reject`, {
        version: 2,
        note: 'Sudah diterima',
      });
      expect(reject.body.error.code).toBe('JOIN_REQUEST_STATE');
    });

    it('a request can be declined with a note', async () => {
      expect((await postForm(fields({ orgName: 'LSM Uji Tolak', email: 'lsm@contoh.test' }))).status).toBe(
        200,
      );
      const j = (await dinasLebak.get('/api/v1/join-requests?status=baru')).body.items.find(
        (x: { orgName: string }) => x.orgName === 'LSM Uji Tolak',
      );
      const noNote = await dinasLebak.post(`/api/v1/join-requests/${j.id}/reject`, { version: j.version });
      expect(noNote.body.error.fieldCodes.note).toBe('required');
      const r = await dinasLebak.post(`/api/v1/join-requests/${j.id}/reject`, {
        version: j.version,
        note: 'Bukan lembaga layanan korban.',
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'ditolak', decisionNote: 'Bukan lembaga layanan korban.' });
    });
  });

  describe('partner performance', () => {
    it('counts, medians and overdue per organisation and service, scoped to the reader', async () => {
      const now = h.now.value.getTime();
      const lebakCase = await openFullCase(await h.as('manajer@lebak.demo'));
      const serangCase = await openFullCase(await h.as('manajer@serang.demo'));
      const ids = {
        uptdLebak: await orgId('UPTD PPA Kabupaten Lebak'),
        uptdSerang: await orgId('UPTD PPA Kota Serang'),
        rsudLebak: await orgId('RSUD Lebak (demo)'),
        rsudSerang: await orgId('RSUD Serang (demo)'),
        polisiLebak: await orgId('Unit PPA Polres Lebak'),
      };
      const creator = (
        await db()
          .selectFrom('app_user')
          .select('id')
          .where('email', '=', 'manajer@lebak.demo')
          .executeTakeFirstOrThrow()
      ).id;
      let n = 0;
      const insert = async (o: {
        to: string;
        services: string[];
        sentHoursAgo: number;
        acceptedAfterH?: number;
        completedAfterAcceptD?: number;
        status: ReferralStatus;
        serang?: boolean;
      }) => {
        const sent = new Date(now - o.sentHoursAgo * HOUR);
        const acceptDue = new Date(sent.getTime() + 6 * HOUR);
        const accepted =
          o.acceptedAfterH === undefined ? null : new Date(sent.getTime() + o.acceptedAfterH * HOUR);
        n++;
        await db()
          .insertInto('referral')
          .values({
            id: randomUUID(),
            number: `RJK/UJI/2026/${String(n).padStart(5, '0')}`,
            case_id: o.serang ? serangCase.id : lebakCase.id,
            person_id: o.serang ? serangCase.victimId : lebakCase.victimId,
            from_org_id: o.serang ? ids.uptdSerang : ids.uptdLebak,
            from_jurisdiction: o.serang ? '36.73' : '36.02',
            to_org_id: o.to,
            services: o.services,
            urgency: 'segera',
            purpose_enc: 'uji',
            consent_basis: 'persetujuan_korban',
            consent_at: sent,
            status: o.status,
            sent_at: sent,
            accept_due_at: acceptDue,
            complete_due_at: new Date(acceptDue.getTime() + 3 * DAY),
            accepted_at: accepted,
            declined_at: o.status === 'ditolak' ? new Date(sent.getTime() + HOUR) : null,
            completed_at:
              accepted && o.completedAfterAcceptD !== undefined
                ? new Date(accepted.getTime() + o.completedAfterAcceptD * DAY)
                : null,
            verification_code: `UJIPERF${String(n).padStart(5, '0')}`,
            created_by: creator,
          })
          .execute();
      };
      const rsud = ids.rsudLebak;
      // accepted in 2 h, completed in 2 days: on time
      await insert({
        to: rsud,
        services: ['visum'],
        sentHoursAgo: 240,
        acceptedAfterH: 2,
        completedAfterAcceptD: 2,
        status: 'selesai',
      });
      // completed in 4 days: after the completion due date
      await insert({
        to: rsud,
        services: ['visum'],
        sentHoursAgo: 216,
        acceptedAfterH: 4,
        completedAfterAcceptD: 4,
        status: 'selesai',
      });
      // accepted late (10 h) and still in service after the completion due date
      await insert({
        to: rsud,
        services: ['visum'],
        sentHoursAgo: 192,
        acceptedAfterH: 10,
        status: 'dalam_layanan',
      });
      // just sent, for two services
      await insert({ to: rsud, services: ['visum', 'kesehatan'], sentHoursAgo: 1, status: 'terkirim' });
      // waiting past its acceptance due date
      await insert({ to: rsud, services: ['visum'], sentHoursAgo: 20, status: 'terkirim' });
      await insert({ to: rsud, services: ['visum'], sentHoursAgo: 30, status: 'ditolak' });
      await insert({ to: rsud, services: ['visum'], sentHoursAgo: 50, status: 'dibatalkan' });
      // outside the period asked for
      await insert({ to: rsud, services: ['visum'], sentHoursAgo: 60 * 24, status: 'terkirim' });
      await insert({
        to: ids.polisiLebak,
        services: ['lapor_polisi'],
        sentHoursAgo: 48,
        acceptedAfterH: 1,
        status: 'diterima',
      });
      // from Serang, to Serang's hospital: not Lebak's business
      await insert({
        to: ids.rsudSerang,
        services: ['visum'],
        sentHoursAgo: 48,
        status: 'terkirim',
        serang: true,
      });

      const from = dateOnly(new Date(now - 30 * DAY));
      const to = dateOnly(new Date(now));
      const q = `/api/v1/partner-performance?from=${from}&to=${to}`;
      const dinas = await dinasLebak.get(q);
      expect(dinas.status, JSON.stringify(dinas.body)).toBe(200);
      const rows = dinas.body.rows as Array<Record<string, unknown>>;
      const visum = rows.find((r) => r.orgId === rsud && r.service === 'visum');
      expect(visum).toEqual({
        orgId: rsud,
        orgName: 'RSUD Lebak (demo)',
        service: 'visum',
        received: 7,
        accepted: 3,
        declined: 1,
        completed: 2,
        cancelled: 1,
        medianAcceptHours: 4,
        medianCompleteDays: 3,
        overdue: 3,
        overdueAccept: 2,
        overdueComplete: 2,
      });
      expect(rows.find((r) => r.orgId === rsud && r.service === 'kesehatan')).toMatchObject({
        received: 1,
        accepted: 0,
        medianAcceptHours: null,
        medianCompleteDays: null,
        overdue: 0,
      });
      expect(rows.find((r) => r.orgId === ids.polisiLebak)).toMatchObject({
        received: 1,
        medianAcceptHours: 1,
      });
      expect(rows.some((r) => r.orgId === ids.rsudSerang)).toBe(false);

      // a partner sees only its own organisation
      const police = await (await h.as('mitra@lebak.demo')).get(q);
      expect(police.body.rows.map((r: { orgId: string }) => r.orgId)).toEqual([ids.polisiLebak]);
      const hospital = await rsudLebak.get(q);
      expect(new Set(hospital.body.rows.map((r: { orgId: string }) => r.orgId))).toEqual(new Set([rsud]));
      // Serang's Dinas sees what Serang referred
      const serang = await (await h.as('pimpinan@serang.demo')).get(q);
      expect(serang.body.rows.map((r: { orgId: string }) => r.orgId)).toEqual([ids.rsudSerang]);

      expect((await pendamping.get(q)).status).toBe(403);
      const backwards = await dinasLebak.get(`/api/v1/partner-performance?from=${to}&to=${from}`);
      expect(backwards.status).toBe(400);
      expect(backwards.body.error.fieldCodes.to).toBe('ends_before_start');
      const ancient = await dinasLebak.get('/api/v1/partner-performance?from=0001-01-01&to=2026-01-01');
      expect(ancient.status).toBe(400);
      expect(ancient.body.error.fieldCodes.from).toBe('invalid_date');
    });
  });
});
