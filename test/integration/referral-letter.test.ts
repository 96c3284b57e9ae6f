/**
 * The referral letter: the PDF download (only the referring side, audited) and the public check
 * page /verifikasi, which shows only number, date, organisations and status, answers 404 for an
 * unknown code, survives garbage, and is rate-limited.
 */

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferralStatus } from '../../src/domain/referrals.ts';
import { type MadeUser, makeFullCase, makeOrg, makeRegionWorld, makeUser } from '../helpers/factories.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

describe.each(ENGINES)('referral letter and its public check on %s', (engine) => {
  let h: Harness;
  let m: Client;
  let caseId: string;
  let victimId: string;
  let lebakUptd: string;
  let rsud: string;
  let manajer: MadeUser;
  /** staff of a partner of Lebak that is not the recipient (the police unit), and of Serang */
  let policeMitra: MadeUser;
  let serangManajer: MadeUser;

  const page = async (path: string, ip?: string) => {
    const r = await h.app.request(path, { headers: { 'x-test-ip': ip ?? '10.0.0.1' } });
    return { status: r.status, text: await r.text() };
  };

  const insertReferral = async (code: string, number: string, status: ReferralStatus = 'diterima') => {
    const id = randomUUID();
    const now = h.now.value;
    await h.svc.conn.db
      .insertInto('referral')
      .values({
        id,
        number,
        case_id: caseId,
        person_id: victimId,
        from_org_id: lebakUptd,
        from_jurisdiction: '36.02',
        to_org_id: rsud,
        services: ['visum'],
        urgency: 'segera',
        purpose_enc: h.svc.keys.encrypt('Tujuan rahasia: visum untuk Sari Wulandari'),
        sections: [],
        consent_basis: 'persetujuan_korban',
        consent_by_enc: h.svc.keys.encrypt('Sari Wulandari'),
        consent_at: new Date('2026-03-12T02:00:00Z'),
        status,
        sent_at: new Date('2026-03-12T03:00:00Z'),
        accept_due_at: new Date(now.getTime() + 6 * 3600_000),
        complete_due_at: new Date(now.getTime() + 14 * 86400_000),
        verification_code: code,
        created_by: manajer.id,
      })
      .execute();
    return id;
  };

  beforeAll(async () => {
    h = await createHarness(engine, {
      app: { clientIp: (c) => c.req.header('x-test-ip') ?? '127.0.0.9' },
      seed: 'none',
    });
    const lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    const serang = await makeRegionWorld(h.svc, { kabKota: '36.73' });
    const hospital = await makeOrg(h.svc, {
      kabKota: '36.02',
      type: 'rumah_sakit',
      name: 'RSUD Lebak (uji)',
      services: ['kesehatan', 'visum'],
    });
    manajer = await makeUser(h.svc, { role: 'manajer', org: lebak.uptd });
    policeMitra = await makeUser(h.svc, { role: 'mitra', org: lebak.police });
    serangManajer = await makeUser(h.svc, { role: 'manajer', org: serang.uptd });
    m = await h.as(manajer.email, manajer.password);
    ({ id: caseId, victimId } = await makeFullCase(h.svc, manajer, { victim: { name: 'Sari Wulandari' } }));
    lebakUptd = lebak.uptd.id;
    rsud = hospital.id;
  });
  afterAll(async () => h?.close());

  it('shows a form without a code', async () => {
    const r = await page('/verifikasi');
    expect(r.status).toBe(200);
    expect(r.text).toContain('Periksa keaslian surat rujukan atau sertifikat');
    expect(r.text).toContain('name="kode"');
  });

  it('confirms a genuine letter with number, date, organisations and status only', async () => {
    await insertReferral('K7QM2XPA9RTD', 'RJK/36.02/2026/00001');
    for (const typed of ['K7QM-2XPA-9RTD', 'k7qm 2xpa 9rtd']) {
      const r = await page(`/verifikasi?kode=${encodeURIComponent(typed)}`);
      expect(r.status).toBe(200);
      expect(r.text).toContain('Surat rujukan ini asli');
      expect(r.text).toContain('RJK/36.02/2026/00001');
      expect(r.text).toContain('12 Maret 2026');
      expect(r.text).toContain('UPTD PPA Kabupaten Lebak');
      expect(r.text).toContain('RSUD Lebak (uji)');
      expect(r.text).toContain('Diterima');
      for (const secret of ['Sari', 'Wulandari', 'visum', 'Visum', 'Tujuan rahasia', 'PPA-3602'])
        expect(r.text).not.toContain(secret);
    }
    const en = await page('/verifikasi?kode=K7QM-2XPA-9RTD&lang=en');
    expect(en.text).toContain('This referral letter is genuine');
    expect(en.text).toContain('Accepted');
    const audited = await h.svc.conn.db
      .selectFrom('audit_event')
      .select(['outcome'])
      .where('action', '=', 'referral.verify')
      .execute();
    expect(audited.some((a) => a.outcome === 'ok')).toBe(true);
  });

  it('answers 404 with the same page for an unknown code, and survives garbage', async () => {
    const unknown = await page('/verifikasi?kode=AAAA-BBBB-CCCC');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Kode tidak dikenal');
    expect(unknown.text).toContain('name="kode"');
    for (const junk of [
      'x'.repeat(5000),
      'ÄÖÜ-😀-漢字',
      "'; DROP TABLE referral; --",
      '<script>alert(1)</script>',
      '%00',
    ]) {
      const r = await page(`/verifikasi?kode=${encodeURIComponent(junk)}`, '10.0.0.2');
      expect(r.status, junk.slice(0, 20)).toBe(404);
      expect(r.text).toContain('Kode tidak dikenal');
      expect(r.text).not.toContain('<script>alert(1)</script>');
    }
    expect((await page('/verifikasi/lain')).status).toBe(404);
  });

  it('limits guessing per address', async () => {
    const ip = '10.9.9.9';
    let last = 0;
    for (let i = 0; i < 22; i++)
      last = (await page(`/verifikasi?kode=ZZZZ-ZZZZ-ZZ${i < 10 ? '2' : '3'}${(i % 8) + 2}`, ip)).status;
    expect(last).toBe(429);
    const limited = await page('/verifikasi?kode=K7QM-2XPA-9RTD', ip);
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('Terlalu banyak percobaan');
    // another address is not affected
    expect((await page('/verifikasi?kode=K7QM-2XPA-9RTD', '10.9.9.10')).status).toBe(200);
  });

  it('lets the referring side download the letter as PDF, and nobody else', async () => {
    const id = await insertReferral('P3QM2XPA9RTD', 'RJK/36.02/2026/00002', 'terkirim');
    const r = await m.req('GET', `/api/v1/referrals/${id}/letter.pdf`);
    if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('content-disposition')).toBe(
      'attachment; filename="surat-rujukan-RJK-36.02-2026-00002.pdf"',
    );
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(String(r.body).startsWith('%PDF-')).toBe(true);
    const audited = await h.svc.conn.db
      .selectFrom('audit_event')
      .select(['outcome'])
      .where('action', '=', 'referral.letter')
      .where('entity_id', '=', id)
      .execute();
    expect(audited.map((a) => a.outcome)).toEqual(['ok']);
    // another partner of the kab/kota (the police unit) and other regions do not get the letter
    const mitra = await (await h.as(policeMitra.email, policeMitra.password)).get(
      `/api/v1/referrals/${id}/letter.pdf`,
    );
    expect([403, 404]).toContain(mitra.status);
    const serang = await (await h.as(serangManajer.email, serangManajer.password)).get(
      `/api/v1/referrals/${id}/letter.pdf`,
    );
    expect(serang.status).toBe(404);
    expect((await m.get(`/api/v1/referrals/${randomUUID()}/letter.pdf`)).status).toBe(404);
  });
});
