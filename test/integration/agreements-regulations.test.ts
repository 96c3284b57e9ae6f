/**
 * Agreements with several parties and local regulations (issue 12 §5, decision 033), through the
 * real app on both engines: parties added and removed (a party's staff see the agreement, others
 * do not), the referral directory's "active agreement" for any party, an idempotent POST
 * /agreements under a burst, single-partner agreements migrated by 0028; regulations validated,
 * scoped by jurisdiction, with their PDF, stale versions refused, and the reminder before the
 * review date sent once however many scans run at once.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanRegulationReminders } from '../../src/app/regulations/regulation-reminders.ts';
import { connect } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import {
  FACTORY_PASSWORD,
  type MadeUser,
  makeOrg,
  makeRegionWorld,
  makeUser,
  type Org,
  type RegionWorld,
} from '../helpers/factories.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';
import { newPgDatabase } from '../helpers/pg.ts';

const DAY = 86_400_000;
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
);

describe.each(ENGINES)('agreements with several parties, local regulations on %s', (engine) => {
  let h: Harness;
  let lebak: RegionWorld;
  let serang: RegionWorld;
  let rsud: Org;
  let lbh: Org;
  let serangOrg: Org;
  const u: Record<string, MadeUser> = {};
  const c: Record<string, Client> = {};
  const day = (n: number) => new Date(h.now.value.getTime() + n * DAY).toISOString().slice(0, 10);
  const form = (bytes: Uint8Array, name: string, type: string) => {
    const fd = new FormData();
    fd.append('file', new Blob([bytes as BlobPart], { type }), name);
    return fd;
  };

  beforeAll(async () => {
    h = await createHarness(engine, { seed: 'none' });
    h.now.value = new Date('2026-12-05T03:00:00Z');
    lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    serang = await makeRegionWorld(h.svc, { kabKota: '36.73' });
    rsud = await makeOrg(h.svc, { kabKota: '36.02', type: 'rumah_sakit', name: 'RSUD Uji Lebak' });
    lbh = await makeOrg(h.svc, { kabKota: '36.02', type: 'bantuan_hukum', name: 'LBH Uji Lebak' });
    serangOrg = await makeOrg(h.svc, { kabKota: '36.73', type: 'rumah_sakit', name: 'RSUD Uji Serang' });
    const users: Array<[string, Parameters<typeof makeUser>[1]]> = [
      ['admin', { role: 'admin-dinas', org: lebak.dinas }],
      ['manajer', { role: 'manajer', org: lebak.dinas }],
      ['pimpinan', { role: 'pimpinan', org: lebak.dinas }],
      ['pendamping', { role: 'pendamping', org: lebak.uptd }],
      ['police', { role: 'mitra', org: lebak.police }],
      ['rsud', { role: 'mitra', org: rsud }],
      ['lbh', { role: 'mitra', org: lbh }],
      ['auditor', { role: 'auditor', org: lebak.dinas }],
      ['serangAdmin', { role: 'admin-dinas', org: serang.dinas }],
      ['serangManajer', { role: 'manajer', org: serang.dinas }],
      ['serangMitra', { role: 'mitra', org: serangOrg }],
    ];
    for (const [k, o] of users) {
      u[k] = await makeUser(h.svc, o);
      c[k] = await h.as(u[k]!.email, FACTORY_PASSWORD);
    }
    c.province = await h.as(await h.provinceUser('pimpinan'));
    c.provinceManajer = await h.as(await h.provinceUser('manajer'));
  });
  afterAll(async () => h?.close());

  describe('agreements', () => {
    let id: string;
    let version: number;

    it('an existing single-partner agreement lists the Dinas as pihak pertama and the partner as pihak kedua', async () => {
      const r = await c.admin!.get('/api/v1/agreements');
      expect(r.status).toBe(200);
      expect(r.body.items).toHaveLength(1);
      expect(r.body.items[0].partyOrgs).toEqual([
        expect.objectContaining({ orgId: lebak.dinas.id, role: 'pihak_pertama' }),
        expect.objectContaining({ orgId: lebak.police.id, role: 'pihak_kedua' }),
      ]);
      expect(r.body.items[0]).toMatchObject({ orgId: lebak.police.id, canManage: true });
      // the police partner is a party: it sees it, read-only
      const mine = await c.police!.get('/api/v1/agreements');
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((a: { id: string }) => a.id)).toEqual([r.body.items[0].id]);
      expect(mine.body.items[0].canManage).toBe(false);
    });

    it('records a naskah kerja sama with three parties; only the parties’ staff see it', async () => {
      const body = {
        orgId: rsud.id,
        kind: 'naskah',
        number: '400.14/301/DP3A/2026',
        subject: 'Layanan terpadu bagi perempuan dan anak korban kekerasan',
        startsOn: day(-10),
        endsOn: day(700),
        partyOrgs: [
          { orgId: lebak.dinas.id, role: 'pihak_pertama' },
          { orgId: rsud.id, role: 'pihak_kedua' },
          { orgId: lebak.police.id, role: 'pihak_ketiga' },
        ],
      };
      const dup = await c.admin!.post('/api/v1/agreements', {
        ...body,
        partyOrgs: [...body.partyOrgs, { orgId: rsud.id, role: 'mengetahui' }],
      });
      expect(dup.status).toBe(400);
      expect(dup.body.error.fieldCodes['partyOrgs.3.orgId']).toBe('duplicate_party');
      const foreign = await c.admin!.post('/api/v1/agreements', {
        ...body,
        partyOrgs: [...body.partyOrgs, { orgId: serangOrg.id, role: 'pihak_keempat' }],
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.error.fieldCodes['partyOrgs.3.orgId']).toBe('unknown_organisation');
      // one organisation per position: two "Pihak Kedua" refused; several "Mengetahui" allowed
      const twice = await c.admin!.post('/api/v1/agreements', {
        ...body,
        partyOrgs: [
          { orgId: lebak.dinas.id, role: 'pihak_pertama' },
          { orgId: rsud.id, role: 'pihak_kedua' },
          { orgId: lebak.police.id, role: 'pihak_kedua' },
        ],
      });
      expect(twice.status).toBe(400);
      expect(twice.body.error.fieldCodes['partyOrgs.2.role']).toBe('duplicate_role');
      expect(twice.body.error.fields['partyOrgs.2.role']).toMatch(/sudah dipegang lembaga lain/);
      expect((await c.manajer!.post('/api/v1/agreements', body)).status).toBe(403);
      expect((await c.rsud!.post('/api/v1/agreements', body)).status).toBe(403);

      const r = await c.admin!.post('/api/v1/agreements', body);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.partyOrgs.map((p: { orgId: string; role: string }) => [p.orgId, p.role])).toEqual([
        [lebak.dinas.id, 'pihak_pertama'],
        [rsud.id, 'pihak_kedua'],
        [lebak.police.id, 'pihak_ketiga'],
      ]);
      // the parties as the text names them, made from the organisations
      expect(r.body.parties).toBe(`${lebak.dinas.name}, RSUD Uji Lebak dan ${lebak.police.name}`);
      id = r.body.id;
      version = r.body.version;

      for (const who of ['rsud', 'police', 'manajer', 'pimpinan', 'pendamping'])
        expect((await c[who]!.get(`/api/v1/agreements/${id}`)).status, who).toBe(200);
      expect((await c.province!.get(`/api/v1/agreements/${id}`)).status).toBe(200);
      for (const who of ['lbh', 'serangAdmin', 'serangMitra'])
        expect((await c[who]!.get(`/api/v1/agreements/${id}`)).status, who).toBe(404);
      expect((await c.lbh!.get('/api/v1/agreements')).body.items).toEqual([]);
      expect((await c.auditor!.get('/api/v1/agreements')).status).toBe(403);
      // a party reads it but does not change it
      expect((await c.rsud!.patch(`/api/v1/agreements/${id}`, { version, subject: 'x' })).status).toBe(403);
      expect(
        (await c.rsud!.req('PUT', `/api/v1/agreements/${id}/parties`, { version, partyOrgs: [] })).status,
      ).toBe(400);
    });

    it('adds and removes parties: who sees it follows, and the directory shows the agreement for a new party', async () => {
      const entry = async (org: string) => (await c.pendamping!.get(`/api/v1/directory/${org}`)).body;
      expect((await entry(lbh.id)).activeAgreement).toBeNull();
      const put = (body: unknown) => c.admin!.req('PUT', `/api/v1/agreements/${id}/parties`, body);
      const next = [
        { orgId: lebak.dinas.id, role: 'pihak_pertama' },
        { orgId: rsud.id, role: 'pihak_kedua' },
        { orgId: lbh.id, role: 'pihak_ketiga' },
      ];
      const r = await put({ version, partyOrgs: next });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.partyOrgs).toHaveLength(3);
      expect(r.body.version).toBe(version + 1);
      expect((await put({ version, partyOrgs: next })).status).toBe(409);
      version = r.body.version;
      const sameRole = await put({
        version,
        partyOrgs: [...next.slice(0, 2), { orgId: lbh.id, role: 'pihak_kedua' }],
      });
      expect(sameRole.status).toBe(400);
      expect(sameRole.body.error.fieldCodes['partyOrgs.2.role']).toBe('duplicate_role');
      expect((await c.lbh!.get(`/api/v1/agreements/${id}`)).status).toBe(200);
      expect((await c.police!.get(`/api/v1/agreements/${id}`)).status).toBe(404);
      // "has an active agreement" (directory, referral suggestions) holds for any party
      expect((await entry(lbh.id)).activeAgreement).toMatchObject({ number: '400.14/301/DP3A/2026' });
      // the Dinas is a party to every agreement it signs, but never its own partner
      expect((await entry(lebak.dinas.id)).activeAgreement).toBeNull();

      // removing the partner it was recorded with: the next party that is not the Dinas takes its place
      const lead = await put({
        version,
        partyOrgs: [
          { orgId: lebak.dinas.id, role: 'pihak_pertama' },
          { orgId: lbh.id, role: 'pihak_kedua' },
        ],
      });
      expect(lead.status).toBe(200);
      expect(lead.body).toMatchObject({ orgId: lbh.id, orgName: 'LBH Uji Lebak' });
      version = lead.body.version;
      expect((await c.rsud!.get(`/api/v1/agreements/${id}`)).status).toBe(404);
      expect((await c.rsud!.get('/api/v1/agreements')).body.items).toEqual([]);
      const audited = await h.svc.conn.db
        .selectFrom('audit_event')
        .select('action')
        .where('entity_id', '=', id)
        .execute();
      expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['agreement.parties']));
      // another kab/kota's administrator cannot reach it
      expect(
        (await c.serangAdmin!.req('PUT', `/api/v1/agreements/${id}/parties`, { version, partyOrgs: next }))
          .status,
      ).toBe(404);
    });

    it('of 50 party lists sent at once with one version, one is kept whole and the rest are 409', async () => {
      const lists = Array.from({ length: 50 }, (_, i) => [
        { orgId: lebak.dinas.id, role: 'pihak_pertama' },
        { orgId: lbh.id, role: 'pihak_kedua' },
        ...(i % 2 === 0 ? [{ orgId: rsud.id, role: 'pihak_ketiga' }] : []),
        ...(i % 3 === 0 ? [{ orgId: lebak.police.id, role: 'mengetahui' }] : []),
      ]);
      const answers = await Promise.all(
        lists.map((partyOrgs) =>
          c.admin!.req('PUT', `/api/v1/agreements/${id}/parties`, { version, partyOrgs }),
        ),
      );
      const ok = answers.filter((a) => a.status === 200);
      expect(ok).toHaveLength(1);
      expect(answers.filter((a) => a.status === 409)).toHaveLength(49);
      const kept = (await c.admin!.get(`/api/v1/agreements/${id}`)).body;
      expect(kept.partyOrgs.map((p: { orgId: string }) => p.orgId).sort()).toEqual(
        ok[0]!.body.partyOrgs.map((p: { orgId: string }) => p.orgId).sort(),
      );
      version = kept.version;
    });

    it('links the meeting that decided it: one of its own jurisdiction; partners see only the link', async () => {
      const meeting = async (jurisdiction: string, organiser: string, title: string) => {
        const mid = randomUUID();
        await h.svc.conn.db
          .insertInto('meeting')
          .values({
            id: mid,
            jurisdiction,
            kind: 'rakor_lintas_sektor',
            title,
            starts_at: new Date('2026-11-20T02:00:00Z'),
            organiser_org_id: organiser,
            created_at: h.now.value,
            updated_at: h.now.value,
          })
          .execute();
        return mid;
      };
      const here = await meeting('36.02', lebak.dinas.id, 'Rakor PPA Lebak November');
      const there = await meeting('36.73', serang.dinas.id, 'Rakor PPA Serang');
      const wrong = await c.admin!.patch(`/api/v1/agreements/${id}`, { version, meetingId: there });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.fieldCodes.meetingId).toBe('unknown_meeting');
      const ok = await c.admin!.patch(`/api/v1/agreements/${id}`, { version, meetingId: here });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body).toMatchObject({
        meetingId: here,
        meeting: { title: 'Rakor PPA Lebak November', startsAt: '2026-11-20T02:00:00.000Z' },
      });
      version = ok.body.version;
      expect((await c.pimpinan!.get(`/api/v1/agreements/${id}`)).body.meeting.title).toBe(
        'Rakor PPA Lebak November',
      );
      const partner = await c.lbh!.get(`/api/v1/agreements/${id}`);
      expect(partner.body).toMatchObject({ meetingId: here, meeting: null });
      // a new agreement may name it at once
      const created = await c.admin!.post('/api/v1/agreements', {
        orgId: rsud.id,
        kind: 'mou',
        number: '400.14/302/DP3A/2026',
        subject: 'Kesepahaman layanan visum',
        startsOn: day(0),
        endsOn: day(365),
        meetingId: here,
      });
      expect(created.status).toBe(201);
      expect(created.body.meetingId).toBe(here);
      const cleared = await c.admin!.patch(`/api/v1/agreements/${created.body.id}`, {
        version: created.body.version,
        meetingId: null,
      });
      expect(cleared.body).toMatchObject({ meetingId: null, meeting: null });
    });

    it('a burst of 100 POST /agreements with one Idempotency-Key records one agreement', async () => {
      const body = {
        orgId: lbh.id,
        kind: 'pks',
        number: '400.14/777/DP3A/2026',
        parties: 'Dinas PPPA Kabupaten Lebak dan LBH Uji Lebak',
        subject: 'Pendampingan hukum',
        startsOn: day(0),
        endsOn: day(365),
      };
      const key = randomUUID();
      const answers = await Promise.all(
        Array.from({ length: 100 }, () =>
          c.admin!.post('/api/v1/agreements', body, { 'Idempotency-Key': key }),
        ),
      );
      for (const a of answers) expect([201, 409], JSON.stringify(a.body)).toContain(a.status);
      const ok = answers.filter((a) => a.status === 201);
      expect(ok.length).toBeGreaterThan(0);
      expect(new Set(ok.map((a) => a.body.id)).size).toBe(1);
      for (const a of answers.filter((x) => x.status === 409))
        expect(a.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      const rows = await h.svc.conn.db
        .selectFrom('agreement')
        .select('id')
        .where('number', '=', body.number)
        .execute();
      expect(rows).toHaveLength(1);
      // the same key with another body is a conflict
      const other = await c.admin!.post(
        '/api/v1/agreements',
        { ...body, subject: 'Lain' },
        { 'Idempotency-Key': key },
      );
      expect(other.status).toBe(409);
      expect(other.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    });
  });

  describe('regulations', () => {
    let id: string;
    let version: number;
    const perbup = () => ({
      kind: 'perbup',
      number: 'Perbup Lebak No. 12 Tahun 2024',
      issuedOn: '2024-03-11',
      title: 'Kabupaten Layak Anak',
      authority: 'Bupati Lebak',
      reviewOn: day(30),
    });

    it('checks what it is told: dates in order, a known kind, not issued in the future', async () => {
      const back = await c.manajer!.post('/api/v1/regulations', { ...perbup(), reviewOn: '2024-01-01' });
      expect(back.status).toBe(400);
      expect(back.body.error.fieldCodes.reviewOn).toBe('review_before_date');
      const exp = await c.manajer!.post('/api/v1/regulations', { ...perbup(), expiresOn: '2023-12-31' });
      expect(exp.body.error.fieldCodes.expiresOn).toBe('expires_before_date');
      const future = await c.manajer!.post('/api/v1/regulations', { ...perbup(), issuedOn: day(2) });
      expect(future.body.error.fieldCodes.issuedOn).toBe('date_in_future');
      const kind = await c.manajer!.post('/api/v1/regulations', { ...perbup(), kind: 'undang_undang' });
      expect(kind.status).toBe(400);
      expect(kind.body.error.fieldCodes.kind).toBeDefined();
      const empty = await c.manajer!.post('/api/v1/regulations', { ...perbup(), title: '  ' });
      expect(empty.body.error.fieldCodes.title).toBe('required');
      const huge = await c.manajer!.post('/api/v1/regulations', { ...perbup(), title: 'x'.repeat(5000) });
      expect(huge.body.error.fieldCodes.title).toBe('too_long');
      const bad = await c.manajer!.post('/api/v1/regulations', { ...perbup(), issuedOn: '2024-02-30' });
      expect(bad.body.error.fieldCodes.issuedOn).toBe('invalid_date');
      expect(await h.svc.conn.db.selectFrom('regulation').select('id').execute()).toEqual([]);
    });

    it('is recorded by the Dinas’s coord:manage; read by its staff, leadership, partners and the province', async () => {
      expect((await c.pendamping!.post('/api/v1/regulations', perbup())).status).toBe(403);
      expect((await c.police!.post('/api/v1/regulations', perbup())).status).toBe(403);
      expect((await c.pimpinan!.post('/api/v1/regulations', perbup())).status).toBe(403);
      const r = await c.manajer!.post('/api/v1/regulations', perbup());
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toMatchObject({
        jurisdiction: '36.02',
        status: 'berlaku',
        file: null,
        canManage: true,
        next: { kind: 'review', on: day(30), daysLeft: 30, due: true },
      });
      id = r.body.id;
      version = r.body.version;
      const sk = await c.admin!.post('/api/v1/regulations', {
        kind: 'sk_satgas_ppa',
        number: '400/Kep.55-DP3A/2025',
        issuedOn: '2025-06-02',
        title: 'Pembentukan Satgas PPA Desa',
        authority: 'Kepala Dinas PPPA',
        expiresOn: day(400),
        status: 'dicabut',
      });
      expect(sk.status).toBe(201);
      expect(sk.body.next).toBeNull();

      for (const who of ['pimpinan', 'pendamping', 'police', 'admin', 'province']) {
        const list = await c[who]!.get('/api/v1/regulations');
        expect(list.status, who).toBe(200);
        expect(
          list.body.items.map((x: { id: string }) => x.id),
          who,
        ).toContain(id);
        expect((await c[who]!.get(`/api/v1/regulations/${id}`)).status, who).toBe(200);
      }
      expect((await c.pimpinan!.get(`/api/v1/regulations/${id}`)).body.canManage).toBe(false);
      for (const who of ['serangManajer', 'serangMitra']) {
        expect((await c[who]!.get('/api/v1/regulations')).body.items, who).toEqual([]);
        expect((await c[who]!.get(`/api/v1/regulations/${id}`)).status, who).toBe(404);
        expect((await c[who]!.patch(`/api/v1/regulations/${id}`, { version, title: 'x' })).status, who).toBe(
          404,
        );
      }
      expect((await c.auditor!.get('/api/v1/regulations')).status).toBe(403);
      // the province reads its kab/kota's but does not change them
      expect(
        (await c.provinceManajer!.patch(`/api/v1/regulations/${id}`, { version, title: 'x' })).status,
      ).toBe(403);
      // filters
      const kinds = await c.pimpinan!.get('/api/v1/regulations?kind=sk_satgas_ppa');
      expect(kinds.body.items.map((x: { number: string }) => x.number)).toEqual(['400/Kep.55-DP3A/2025']);
      const revoked = await c.pimpinan!.get('/api/v1/regulations?status=dicabut');
      expect(revoked.body.items).toHaveLength(1);
      const due = await c.pimpinan!.get('/api/v1/regulations?due=1');
      expect(due.body.items.map((x: { id: string }) => x.id)).toEqual([id]);
      expect((await c.pimpinan!.get('/api/v1/regulations?kind=sihir')).status).toBe(400);
    });

    it('changes with the current version only; the review date stays after the date issued', async () => {
      const ok = await c.manajer!.patch(`/api/v1/regulations/${id}`, { version, status: 'diganti' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'diganti', next: null });
      const stale = await c.manajer!.patch(`/api/v1/regulations/${id}`, { version, status: 'berlaku' });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('VERSION_CONFLICT');
      version = ok.body.version;
      const back = await c.manajer!.patch(`/api/v1/regulations/${id}`, { version, reviewOn: '2020-01-01' });
      expect(back.body.error.fieldCodes.reviewOn).toBe('review_before_date');
      const again = await c.manajer!.patch(`/api/v1/regulations/${id}`, { version, status: 'berlaku' });
      expect(again.status).toBe(200);
      version = again.body.version;
      expect((await c.manajer!.get(`/api/v1/regulations/${id}`)).body.status).toBe('berlaku');
    });

    it('keeps its signed text as a PDF: other types refused, downloaded by every reader', async () => {
      const png = await c.manajer!.req(
        'POST',
        `/api/v1/regulations/${id}/file`,
        form(PNG, 'perbup.pdf', 'application/pdf'),
      );
      expect(png.status).toBe(415);
      expect(png.body.error.code).toBe('FILE_TYPE_NOT_ALLOWED');
      expect(png.body.error.fieldCodes.file).toBe('pdf_only');
      // the words say PDF only, not another upload's list of types
      expect(png.body.error.fields.file).toBe('Hanya berkas PDF yang diterima di sini.');
      expect(JSON.stringify(png.body.error)).not.toMatch(/mp3|docx/i);
      expect(
        (
          await c.pimpinan!.req(
            'POST',
            `/api/v1/regulations/${id}/file`,
            form(PDF, 'a.pdf', 'application/pdf'),
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await c.serangManajer!.req(
            'POST',
            `/api/v1/regulations/${id}/file`,
            form(PDF, 'a.pdf', 'application/pdf'),
          )
        ).status,
      ).toBe(404);
      const up = await c.manajer!.req(
        'POST',
        `/api/v1/regulations/${id}/file`,
        form(PDF, 'Perbup KLA.pdf', 'application/pdf'),
      );
      expect(up.status, JSON.stringify(up.body)).toBe(200);
      expect(up.body.file).toMatchObject({ filename: 'Perbup KLA.pdf', mime: 'application/pdf' });
      expect(up.body.version).toBe(version + 1);
      version = up.body.version;
      // a second upload replaces the first
      const up2 = await c.manajer!.req(
        'POST',
        `/api/v1/regulations/${id}/file`,
        form(PDF, 'Perbup KLA (salinan).pdf', 'application/pdf'),
      );
      expect(up2.body.file.filename).toBe('Perbup KLA (salinan).pdf');
      version = up2.body.version;
      const stored = await h.svc.conn.db
        .selectFrom('coord_file')
        .select('id')
        .where('owner_kind', '=', 'regulation')
        .where('owner_id', '=', id)
        .execute();
      expect(stored).toHaveLength(1);
      for (const who of ['police', 'pimpinan', 'province']) {
        const got = await h.app.request(`/api/v1/regulations/${id}/file`, {
          headers: { cookie: c[who]!.cookie! },
        });
        expect(got.status, who).toBe(200);
        expect(got.headers.get('content-type')).toBe('application/pdf');
        expect(new Uint8Array(await got.arrayBuffer())).toEqual(PDF);
      }
      const foreign = await h.app.request(`/api/v1/regulations/${id}/file`, {
        headers: { cookie: c.serangMitra!.cookie! },
      });
      expect(foreign.status).toBe(404);
    });

    it('reminds the Dinas’s managers once before the review date, however many scans run at once', async () => {
      const due = await c.manajer!.post('/api/v1/regulations', {
        kind: 'sk_gugus_tugas_kla',
        number: '463/Kep.101-Huk/2025',
        issuedOn: '2025-01-15',
        title: 'Gugus Tugas Kabupaten Layak Anak',
        authority: 'Bupati Lebak',
        reviewOn: day(20),
        expiresOn: day(45),
      });
      expect(due.status).toBe(201);
      const counts = await Promise.all(Array.from({ length: 8 }, () => scanRegulationReminders(h.svc)));
      // the first Perbup (review in 30 days) and the SK Gugus Tugas (review and expiry): three reminders
      expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
      expect(await scanRegulationReminders(h.svc)).toBe(0);
      const notes = await h.svc.conn.db
        .selectFrom('notification')
        .select(['user_id', 'kind', 'ref'])
        .where('kind', 'in', ['regulasi_perlu_ditinjau', 'regulasi_akan_berakhir'])
        .execute();
      const byUser = (userId: string) =>
        notes
          .filter((n) => n.user_id === userId)
          .map((n) => `${n.kind} ${n.ref}`)
          .sort();
      const expected = [
        'regulasi_akan_berakhir 463/Kep.101-Huk/2025',
        'regulasi_perlu_ditinjau 463/Kep.101-Huk/2025',
        'regulasi_perlu_ditinjau Perbup Lebak No. 12 Tahun 2024',
      ];
      expect(byUser(u.manajer!.id)).toEqual(expected);
      expect(byUser(u.admin!.id)).toEqual(expected);
      // the date is told in the reader's language, not as "Tenggat 2026-…" on an English page
      const listed = (await c.manajer!.get('/api/v1/notifications')).body.items.find(
        (n: { kind: string; ref: string }) =>
          n.kind === 'regulasi_akan_berakhir' && n.ref === '463/Kep.101-Huk/2025',
      );
      expect(listed.topicLabel.id).toMatch(/^Tenggat \d{1,2} \p{L}+ \d{4}$/u);
      expect(listed.topicLabel.en).toMatch(/^Due \d{1,2} [A-Z][a-z]+ \d{4}$/);
      for (const who of ['pimpinan', 'pendamping', 'police', 'serangManajer'])
        expect(byUser(u[who]!.id), who).toEqual([]);
      // a new review date gets its own reminder
      const cur = (await c.manajer!.get(`/api/v1/regulations/${due.body.id}`)).body;
      expect(
        (
          await c.manajer!.patch(`/api/v1/regulations/${due.body.id}`, {
            version: cur.version,
            reviewOn: day(25),
          })
        ).status,
      ).toBe(200);
      expect(await scanRegulationReminders(h.svc)).toBe(1);
    });

    it('creates once per Idempotency-Key and deletes with the current version', async () => {
      const key = randomUUID();
      const body = { ...perbup(), kind: 'keputusan_kepala_dinas', number: 'Kep/Idem/1', reviewOn: null };
      const answers = await Promise.all(
        Array.from({ length: 30 }, () =>
          c.manajer!.post('/api/v1/regulations', body, { 'Idempotency-Key': key }),
        ),
      );
      const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id));
      expect(ids.size).toBe(1);
      const [rid] = [...ids];
      const n = await h.svc.conn.db
        .selectFrom('regulation')
        .select('id')
        .where('number', '=', 'Kep/Idem/1')
        .execute();
      expect(n).toHaveLength(1);
      const stale = await c.manajer!.req('DELETE', `/api/v1/regulations/${rid}?version=9`);
      expect(stale.status).toBe(409);
      expect((await c.pimpinan!.req('DELETE', `/api/v1/regulations/${rid}?version=1`)).status).toBe(403);
      expect((await c.manajer!.req('DELETE', `/api/v1/regulations/${rid}?version=1`)).status).toBe(204);
      expect((await c.manajer!.get(`/api/v1/regulations/${rid}`)).status).toBe(404);
    });
  });
});

/**
 * Migration 0028 on data written before it: every migration up to 0027 is applied by hand, an
 * organisation, the Dinas and a single-partner agreement are inserted as issue 4 wrote them, then
 * the migrator runs the rest.
 */
describe.each(ENGINES)('migration 0028 on single-partner agreements (%s)', (engine) => {
  it('makes the partner pihak kedua and the Dinas pihak pertama', async () => {
    let drop: (() => Promise<void>) | undefined;
    let conn: Awaited<ReturnType<typeof connect>>;
    if (engine === 'postgres') {
      const d = await newPgDatabase(process.env.TEST_DATABASE_URL!);
      drop = d.drop;
      conn = await connect({ databaseUrl: d.url });
    } else conn = await connect({ memory: true });
    try {
      const dir = new URL('../../src/db/migrations/', import.meta.url);
      await conn.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
        name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      for (const f of readdirSync(dir)
        .filter((x) => /^\d{4}_[a-z0-9_]+\.sql$/.test(x) && x < '0028')
        .sort()) {
        const text = readFileSync(new URL(f, dir), 'utf8');
        const sum = createHash('sha256').update(text).digest('hex');
        await conn.exec(
          `BEGIN;\n${text}\n;INSERT INTO schema_migration (name, checksum) VALUES ('${f}', '${sum}');\nCOMMIT;`,
        );
      }
      const db = conn.db;
      await sql`INSERT INTO region (code, parent_code, level, name) VALUES ('36', NULL, 1, 'BANTEN'), ('36.02', '36', 2, 'KABUPATEN LEBAK'), ('36.73', '36', 2, 'KOTA SERANG')`.execute(
        db,
      );
      const dinas = randomUUID();
      const partner = randomUUID();
      const serangDinas = randomUUID();
      const lone = randomUUID();
      for (const [oid, name, type, j] of [
        [dinas, 'Dinas PPPA Lebak', 'dinas_pppa', '36.02'],
        [partner, 'RSUD Lebak', 'rumah_sakit', '36.02'],
        [serangDinas, 'Dinas PPPA Serang', 'dinas_pppa', '36.73'],
        [lone, 'Polres Pandeglang', 'polisi_ppa', '36.01'],
      ] as const)
        await sql`INSERT INTO organisation (id, name, type, region_code, jurisdiction) VALUES (${oid}, ${name}, ${type}, ${j === '36.01' ? '36' : j}, ${j})`.execute(
          db,
        );
      const a1 = randomUUID();
      const a2 = randomUUID();
      for (const [aid, org, j] of [
        [a1, partner, '36.02'],
        [a2, lone, '36.01'],
      ] as const)
        await sql`INSERT INTO agreement (id, org_id, jurisdiction, kind, number, parties, subject, starts_on, ends_on)
          VALUES (${aid}, ${org}, ${j}, 'pks', ${`PKS/${aid.slice(0, 4)}`}, 'Dinas dan mitra', 'Rujukan', '2025-01-01', '2027-12-31')`.execute(
          db,
        );
      const r = await migrate(conn);
      expect(r.applied).toContain('0028_agreements_regulations.sql');
      const parties = await db
        .selectFrom('agreement_party')
        .select(['agreement_id', 'org_id', 'role'])
        .orderBy('agreement_id')
        .orderBy('role')
        .execute();
      // (ordered by role: kedua before pertama)
      expect(parties.filter((p) => p.agreement_id === a1).map((p) => [p.org_id, p.role])).toEqual([
        [partner, 'pihak_kedua'],
        [dinas, 'pihak_pertama'],
      ]);
      // a jurisdiction with no Dinas organisation: the partner alone
      expect(parties.filter((p) => p.agreement_id === a2).map((p) => [p.org_id, p.role])).toEqual([
        [lone, 'pihak_kedua'],
      ]);
    } finally {
      await conn.close();
      if (drop) await drop();
    }
  });
});
