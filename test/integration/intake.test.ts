import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReceipt } from '../../src/app/intake/open-receipt.ts';
import { answerReport, checkReport, openStatusView } from '../../src/app/intake/report-status.ts';
import { submitPublicReport } from '../../src/app/intake/submit-public-report.ts';
import { COUNT_CAP } from '../../src/domain/contract/define.ts';
import { type Client, createHarness, ENGINES, type Harness, openFullCase } from '../helpers/harness.ts';

describe.each(ENGINES)('intake and triage on %s', (engine) => {
  let h: Harness;
  let officer: Client;
  const meta = { ip: '10.1.2.3', userAgent: 'uji', requestId: null };
  /** checks code and secret and opens the one-time view, as the status page does */
  const getReportStatus = async (ctx: Parameters<typeof checkReport>[0], code: string, secret: string) => {
    const { view } = await checkReport(ctx, code, secret);
    const v = await openStatusView(ctx, view);
    if (!v) throw new Error('the view did not open');
    return v;
  };
  const addReporterInformation = async (
    ctx: Parameters<typeof checkReport>[0],
    code: string,
    secret: string,
    body: string,
  ) => answerReport(ctx, (await getReportStatus(ctx, code, secret)).answerPass, { body });
  /** submits a report and opens its one-time receipt page, as the browser does after the redirect */
  const report = async (over: Record<string, unknown> = {}) => {
    const r = await send(over);
    const shown = await openReceipt({ ...h.svc, actor: null, meta }, r.receipt);
    return { ...r, code: shown?.code ?? '', secret: shown?.secret ?? null };
  };
  const send = (over: Record<string, unknown> = {}) =>
    submitPublicReport({ ...h.svc, actor: null, meta }, {
      reporterType: 'orang_lain',
      victimSex: 'perempuan',
      victimAgeGroup: 'anak_13_17',
      forms: ['seksual'],
      description: 'Tetangga melihat anak dilecehkan (uji).',
      regionCode: '36.02.01',
      dangerNow: false,
      contactMethod: 'tidak',
      consentContact: false,
      submissionToken: `tok-${Math.random().toString(36).slice(2)}xxxxxxxxxx`,
      ...over,
    } as never);

  beforeAll(async () => {
    h = await createHarness(engine);
    officer = await h.as('pengaduan@lebak.demo');
  });
  afterAll(async () => h?.close());

  it('a public report lands in the Lebak inbox with a follow-up code and secret; the reporter sees “diterima”', async () => {
    const r = await report({ dangerNow: true });
    expect(r.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(r.secret).toMatch(/^\d{5} \d{5} \d{5}$/);
    const inbox = await officer.get('/api/v1/intake');
    expect(inbox.status).toBe(200);
    const item = inbox.body.items.find((i: { code: string }) => i.code === r.code);
    expect(item).toMatchObject({ status: 'baru', channel: 'daring', dangerNow: true, jurisdiction: '36.02' });
    expect(inbox.body.items[0].code).toBe(r.code); // danger now comes first
    const st = await getReportStatus(
      { ...h.svc, actor: null, meta },
      r.code.toLowerCase().replace('-', ' '),
      r.secret!,
    );
    expect(st.status).toBe('diterima');
    await expect(
      getReportStatus({ ...h.svc, actor: null, meta }, r.code, 'SALAHSALAH'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await addReporterInformation(
      { ...h.svc, actor: null, meta },
      r.code,
      r.secret!,
      'Info tambahan dari pelapor',
    );
    const full = await officer.get(`/api/v1/intake/${item.id}`);
    expect(full.body.messages.map((m: { body: string }) => m.body)).toContain('Info tambahan dari pelapor');
    expect((await (await h.as('pengaduan@serang.demo')).get(`/api/v1/intake/${item.id}`)).status).toBe(404);
  });

  it('the same submission token twice creates one report and leads to the same one-time receipt', async () => {
    const token = 'sama-token-0123456789';
    const a = await send({ submissionToken: token });
    const b = await send({ submissionToken: token });
    expect(b).toMatchObject({ receipt: a.receipt, duplicate: true });
    // the first answer was lost (a double tap): the second shows the code and secret once
    const shown = await openReceipt({ ...h.svc, actor: null, meta }, b.receipt);
    expect(shown?.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(shown?.secret).toMatch(/^\d{5} \d{5} \d{5}$/);
    // shown once: opening it again (Back, reload, history) shows nothing
    expect(await openReceipt({ ...h.svc, actor: null, meta }, b.receipt)).toBeNull();
    // sent again minutes later: still one report, and nothing shown
    const saved = h.now.value;
    h.now.value = new Date(saved.getTime() + 3 * 60_000);
    const c = await send({ submissionToken: token }).finally(() => {
      h.now.value = saved;
    });
    expect(c.duplicate).toBe(true);
    expect(await openReceipt({ ...h.svc, actor: null, meta }, c.receipt)).toBeNull();
    const n = await h.svc.conn.db
      .selectFrom('intake')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('submission_token', '=', token)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('a flood from one address is kept but marked as suspected spam, and slows the sender', async () => {
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await report({ description: `Banjir ${i}` }));
    expect(results.at(-1)!.slowDownMs).toBeGreaterThan(0);
    const spam = await officer.get('/api/v1/intake?spam=1&pageSize=100');
    expect(spam.body.items.map((i: { code: string }) => i.code)).toContain(results.at(-1)!.code);
    // the one list shape: a page, whether another follows, and a count (capped, not reached here)
    const first = await officer.get('/api/v1/intake?spam=1&pageSize=2');
    expect(first.body).toMatchObject({ page: 1, pageSize: 2, hasMore: true, totalCapped: false });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.total).toBe(spam.body.total);
    expect(first.body.total).toBeGreaterThan(2);
    const last = await officer.get(
      `/api/v1/intake?spam=1&pageSize=2&page=${Math.ceil(first.body.total / 2)}`,
    );
    expect(last.body.hasMore).toBe(false);
    expect(last.body.items.length).toBeGreaterThan(0);
  });

  it('an officer triages, opens a case with the facts carried over, and the reporter sees “sedang ditangani”', async () => {
    const r = await report({
      reporterName: 'Bu Guru (uji)',
      contactMethod: 'whatsapp',
      contactPhone: '081311112222',
      consentContact: true,
    });
    const list = await officer.get('/api/v1/intake');
    let item = list.body.items.find((i: { code: string }) => i.code === r.code);
    const upd = await officer.patch(`/api/v1/intake/${item.id}`, { version: item.version, risk: 'tinggi' });
    expect(upd.status).toBe(200);
    expect(upd.body.status).toBe('ditangani');
    const stale = await officer.post(`/api/v1/intake/${item.id}/open-case`, { version: item.version });
    expect(stale.status).toBe(409);
    item = upd.body;
    const opened = await officer.post(`/api/v1/intake/${item.id}/open-case`, { version: item.version });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.risk).toBe('tinggi');
    expect(opened.body.persons.map((p: { role: string }) => p.role).sort()).toEqual(['korban', 'pelapor']);
    expect(opened.body.incidents[0].forms).toEqual(['seksual']);
    expect(opened.body.incidents[0].chronology).toContain('dilecehkan');
    const st = await getReportStatus({ ...h.svc, actor: null, meta }, r.code, r.secret!);
    expect(st.status).toBe('sedang_ditangani');
  });

  it('forwards to another kab/kota with its history, and closes spam with a reason', async () => {
    const r = await report();
    let item = (await officer.get('/api/v1/intake')).body.items.find(
      (i: { code: string }) => i.code === r.code,
    );
    const fw = await officer.post(`/api/v1/intake/${item.id}/forward`, {
      version: item.version,
      toRegion: '36.73',
      note: 'Korban tinggal di Kota Serang',
    });
    expect(fw.status).toBe(200);
    expect((await officer.get(`/api/v1/intake/${item.id}`)).status).toBe(404);
    const serang = await h.as('pengaduan@serang.demo');
    const there = await serang.get(`/api/v1/intake/${item.id}`);
    expect(there.status).toBe(200);
    expect(there.body.history.map((e: { type: string }) => e.type)).toContain('intake.forward');
    item = there.body;
    const closed = await serang.post(`/api/v1/intake/${item.id}/close`, {
      version: item.version,
      reason: 'spam',
    });
    expect(closed.body).toMatchObject({ status: 'ditutup', closedReason: 'spam', suspectedSpam: true });
  });

  it('shows possible existing cases by NIK, phone or name, and merges nothing by itself', async () => {
    const m = await h.as('manajer@lebak.demo');
    const { id: caseId } = await openFullCase(m, {
      name: 'Rukmini Hartati',
      nik: '3602015010880007',
      phone: '085277778888',
    });
    const rec = await officer.post('/api/v1/intake', {
      channel: 'telepon',
      callType: 'laporan_baru_tindak_lanjut',
      reporterType: 'korban',
      victimName: 'Roekmini Hartati',
      victimPhone: '+62 852 7777 8888',
      forms: ['psikis'],
      dangerNow: false,
      contactMethod: 'telepon',
      contactPhone: '085277778888',
      consentContact: true,
    });
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);
    const dup = rec.body.possibleDuplicates.find((d: { caseId: string }) => d.caseId === caseId);
    expect(dup.reasons).toEqual(expect.arrayContaining(['telepon', 'nama_mirip']));
    expect(rec.body.status).toBe('baru');
    const att = await officer.post(`/api/v1/intake/${rec.body.id}/attach`, {
      version: rec.body.version,
      caseId,
    });
    expect(att.body).toMatchObject({ status: 'digabung', caseId });
  });

  it('refers a report to SAPA 129 with a printable letter that names nobody', async () => {
    const r = await report({
      reporterName: 'Nama Pelapor Rahasia',
      description: 'Korban dibawa ke luar negeri <script>alert(1)</script>',
    });
    const item = (await officer.get('/api/v1/intake')).body.items.find(
      (i: { code: string }) => i.code === r.code,
    );
    expect((await officer.get(`/api/v1/intake/${item.id}/letter`)).status).toBe(409);
    const n = await officer.post(`/api/v1/intake/${item.id}/national`, {
      version: item.version,
      note: 'Perlu koordinasi lintas negara <b>x</b>',
    });
    expect(n.body.status).toBe('rujukan_pusat');
    const letter = await officer.get(`/api/v1/intake/${item.id}/letter`);
    expect(letter.status).toBe(200);
    expect(letter.headers.get('content-type')).toMatch(/text\/html/);
    expect(letter.body).toContain(r.code);
    expect(letter.body).toContain('SAPA 129');
    expect(letter.body).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(letter.body).not.toContain('Nama Pelapor Rahasia');
    expect(letter.body).not.toContain('<script>');
    expect((await getReportStatus({ ...h.svc, actor: null, meta }, r.code, r.secret!)).status).toBe(
      'sedang_ditangani',
    );
  });

  it('lists the officers an item can be assigned to, and refuses anyone else', async () => {
    const officers = (await officer.get('/api/v1/intake/officers')).body.items as Array<{
      id: string;
      role: string;
    }>;
    expect(officers.map((o) => o.role).sort()).toEqual(['manajer', 'pengaduan']);
    const r = await report();
    const item = (await officer.get('/api/v1/intake')).body.items.find(
      (i: { code: string }) => i.code === r.code,
    );
    const mgr = officers.find((o) => o.role === 'manajer')!;
    const ok = await officer.patch(`/api/v1/intake/${item.id}`, {
      version: item.version,
      assignedTo: mgr.id,
    });
    expect(ok.body.assignedTo).toBe(mgr.id);
    const serangOfficer = (await (await h.as('pengaduan@serang.demo')).get('/api/v1/intake/officers')).body
      .items[0];
    const bad = await officer.patch(`/api/v1/intake/${item.id}`, {
      version: ok.body.version,
      assignedTo: serangOfficer.id,
    });
    expect(bad.body.error.code).toBe('INVALID_ASSIGNEE');
  });

  it('counts open and overdue items of the inbox, and dates a night report by local time', async () => {
    const before = (await officer.get('/api/v1/intake/counts')).body as { open: number; overdue: number };
    const saved = h.now.value;
    // 01:30 WIB on 10 March 2026 is still 9 March in UTC
    h.now.value = new Date('2026-03-09T18:30:00Z');
    const r = await report({ dangerNow: true, occurredWhen: 'hari_ini' });
    h.now.value = saved;
    const after = (await officer.get('/api/v1/intake/counts')).body;
    expect(after.open).toBe(before.open + 1);
    expect(after.overdue).toBe(before.overdue + 1); // danger now: one hour, long past
    const item = (await officer.get('/api/v1/intake?pageSize=100')).body.items.find(
      (i: { code: string }) => i.code === r.code,
    );
    const c = await officer.post(`/api/v1/intake/${item.id}/open-case`, { version: item.version });
    // "hari ini" is said of the local day of the report; the report date is not made the incident date
    expect(c.body.incidents[0]).toMatchObject({
      date: null,
      datePrecision: 'kurun',
      toldWhen: 'hari_ini',
      referenceDate: '2026-03-10',
    });
    expect((await officer.get('/api/v1/intake/counts')).body.open).toBe(before.open);
  });

  it('roles without an inbox are refused', async () => {
    for (const role of ['pendamping', 'mitra', 'pimpinan', 'auditor', 'admin']) {
      expect((await (await h.as(`${role}@lebak.demo`)).get('/api/v1/intake')).status).toBe(403);
    }
  });

  // last: it fills the Lebak inbox with closed letters
  it('counts the inbox up to the cap and says so ("1.000+"); pages say whether another follows', async () => {
    const MANY = COUNT_CAP + 5;
    await sql`
      INSERT INTO intake (id, code, jurisdiction, channel, reporter_type, status, received_at, created_at, updated_at)
      SELECT gen_random_uuid(), 'CP' || lpad(g::text, 7, '0'), '36.02', 'surat', 'anonim', 'ditutup',
             now() - make_interval(days => 400, mins => g), now(), now()
      FROM generate_series(1, ${MANY}::int) AS g`.execute(h.svc.conn.db);
    const r = await officer.get('/api/v1/intake?status=selesai&channel=surat&pageSize=20');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      page: 1,
      pageSize: 20,
      hasMore: true,
      total: COUNT_CAP,
      totalCapped: true,
    });
    expect(r.body.items).toHaveLength(20);
    const last = await officer.get(
      `/api/v1/intake?status=selesai&channel=surat&pageSize=100&page=${Math.ceil(MANY / 100)}`,
    );
    expect(last.body.items.length).toBeGreaterThanOrEqual(MANY % 100);
    expect(last.body.hasMore).toBe(false);
    expect(last.body.totalCapped).toBe(true);
  });
});
