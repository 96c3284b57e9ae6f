/**
 * Notifications and the background job queue: in-app rows and delivery jobs written in the
 * caller's transaction, e-mail to a real SMTP server started by the test (and WhatsApp templates
 * to the fake Graph API), retries with backoff, the deadline scans, and the notification API.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScans } from '../../src/app/jobs/scans.ts';
import { runDueJobs } from '../../src/app/jobs/worker.ts';
import { notify } from '../../src/app/notifications/notify.ts';
import { JOB_BACKOFF_MS, MAX_JOB_ATTEMPTS } from '../../src/domain/notifications.ts';
import { type FakeGraph, startFakeGraph } from '../helpers/fake-graph.ts';
import { createHarness, ENGINES, type Harness, openFullCase } from '../helpers/harness.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';

const ACCESS_TOKEN = 'EAAG-token-akses-notifikasi-01';
const TEMPLATE = 'simpul_pemberitahuan';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

// planted personal data that must never leave Simpul in a notification
const VICTIM = 'Ratna Kusumaningrum';
const VICTIM_PHONE = '081299887766';
const PURPOSE = 'Korban Ratna Kusumaningrum perlu pemeriksaan visum segera';

describe.each(ENGINES)('notifications and jobs on %s', (engine) => {
  let h: Harness;
  let smtp: TestSmtp;
  let graph: FakeGraph;
  const db = () => h.svc.conn.db;
  const later = (ms: number) => {
    h.now.value = new Date(h.now.value.getTime() + ms);
  };
  const userId = async (email: string) =>
    (await db().selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const orgOf = async (email: string) =>
    (await db().selectFrom('app_user').select('org_id').where('email', '=', email).executeTakeFirstOrThrow())
      .org_id;
  const notifyNow = (ids: string[], link: string, ref: string) =>
    db()
      .transaction()
      .execute((trx) => notify(trx, ids, { kind: 'rujukan_baru', link, ref }, h.now.value));
  const jobsFor = (notificationId: string) =>
    db()
      .selectFrom('job')
      .selectAll()
      .where(sql<boolean>`payload->>'notificationId' = ${notificationId}`)
      .orderBy('id')
      .execute();
  const latestNotification = (uid: string) =>
    db()
      .selectFrom('notification')
      .selectAll()
      .where('user_id', '=', uid)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
  const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));

  beforeAll(async () => {
    smtp = await startTestSmtp();
    graph = await startFakeGraph(ACCESS_TOKEN);
    h = await createHarness(engine, {
      mail: { url: smtp.url, from: 'Simpul <no-reply@simpul.test>' },
      whatsapp: {
        verifyToken: 'verifikasi-notif-01',
        appSecret: 'rahasia-notif-0001',
        accessToken: ACCESS_TOKEN,
        phoneNumberId: '100200300400',
        graphUrl: graph.url,
        defaultRegion: '36.02',
        notifyTemplate: { name: TEMPLATE, language: 'id' },
      },
    });
    // whatever the demo data causes (e.g. a seeded agreement about to end) is not this file's business
    await runScans(h.svc);
    await runDueJobs(h.svc, 10_000);
    smtp.mails.length = 0;
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.stop();
    await graph?.close();
  });

  it('a notification whose transaction rolls back leaves no row and no job', async () => {
    const uid = await userId('mitra@lebak.demo');
    const before = await db()
      .selectFrom('job')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await notify(
            trx,
            [uid],
            { kind: 'rujukan_baru', link: '/rujukan/x', ref: 'RJK/BATAL' },
            h.now.value,
          );
          throw new Error('perubahan dibatalkan');
        }),
    ).rejects.toThrow('perubahan dibatalkan');
    const rows = await db().selectFrom('notification').selectAll().where('ref', '=', 'RJK/BATAL').execute();
    expect(rows).toHaveLength(0);
    const after = await db()
      .selectFrom('job')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await runDueJobs(h.svc, 100)).toBe(0);
    expect(smtp.mails).toHaveLength(0);
  });

  it('a committed notification is e-mailed once: label, number and link, no personal data', async () => {
    const manajer = await h.as('manajer@lebak.demo');
    const kase = await openFullCase(manajer, { name: VICTIM, phone: VICTIM_PHONE });
    await db()
      .updateTable('person')
      .set({ phone_enc: h.svc.keys.encrypt(VICTIM_PHONE) })
      .where('id', '=', kase.victimId)
      .execute();
    const uid = await userId('mitra@lebak.demo');
    await notifyNow([uid, uid], '/rujukan/aaaa-1111', 'RJK/36.02/2026/00001');
    const n = await latestNotification(uid);
    expect(n).toMatchObject({ kind: 'rujukan_baru', link: '/rujukan/aaaa-1111', read_at: null });
    const jobs = await jobsFor(n.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: 'notification.deliver', status: 'antri', attempts: 0 });

    expect(await runDueJobs(h.svc, 100)).toBe(1);
    const mails = mailsTo('mitra@lebak.demo');
    expect(mails).toHaveLength(1);
    const m = mails[0]!;
    expect(m.from).toBe('no-reply@simpul.test');
    expect(m.subject).toContain('Rujukan baru untuk lembaga Anda');
    expect(m.subject).toContain('RJK/36.02/2026/00001');
    expect(m.text).toContain('https://simpul.test/rujukan/aaaa-1111');
    expect(m.text).toContain('RJK/36.02/2026/00001');
    expect(m.text).toContain('New referral to your organisation');
    for (const secret of [VICTIM, 'Ratna', VICTIM_PHONE, '1299887766', 'visum', 'Tono'])
      expect(m.raw.toLowerCase()).not.toContain(secret.toLowerCase());
    const [job] = await jobsFor(n.id);
    expect(job).toMatchObject({ status: 'selesai', attempts: 0, last_error: null });
    expect(job!.done_at).not.toBeNull();
    // nothing runs twice
    expect(await runDueJobs(h.svc, 100)).toBe(0);
    expect(mailsTo('mitra@lebak.demo')).toHaveLength(1);
  });

  it('SMTP down: the job is retried with backoff and delivered when the server is back', async () => {
    const email = 'pendamping@lebak.demo';
    const uid = await userId(email);
    await smtp.stop();
    await notifyNow([uid], '/rujukan/bbbb-2222', 'RJK/36.02/2026/00002');
    const n = await latestNotification(uid);

    const t0 = h.now.value.getTime();
    expect(await runDueJobs(h.svc, 100)).toBe(1);
    let [job] = await jobsFor(n.id);
    expect(job).toMatchObject({ status: 'antri', attempts: 1, locked_until: null });
    expect(new Date(job!.run_at).getTime()).toBe(t0 + JOB_BACKOFF_MS[0]!);
    expect(job!.last_error).toMatch(/^smtp /);
    expect(job!.last_error).not.toContain('@');
    // not due yet: nothing runs
    expect(await runDueJobs(h.svc, 100)).toBe(0);

    later(JOB_BACKOFF_MS[0]!);
    expect(await runDueJobs(h.svc, 100)).toBe(1);
    [job] = await jobsFor(n.id);
    expect(job).toMatchObject({ status: 'antri', attempts: 2 });
    expect(new Date(job!.run_at).getTime()).toBe(h.now.value.getTime() + JOB_BACKOFF_MS[1]!);

    await smtp.start();
    later(JOB_BACKOFF_MS[1]!);
    expect(await runDueJobs(h.svc, 100)).toBe(1);
    [job] = await jobsFor(n.id);
    expect(job).toMatchObject({ status: 'selesai', attempts: 2 });
    expect(mailsTo(email)).toHaveLength(1);
    expect(mailsTo(email)[0]!.text).toContain('https://simpul.test/rujukan/bbbb-2222');
  });

  it(`a job that keeps failing is given up after ${MAX_JOB_ATTEMPTS} attempts`, async () => {
    const email = 'pengaduan@lebak.demo';
    const uid = await userId(email);
    await smtp.stop();
    try {
      await notifyNow([uid], '/rujukan/cccc-3333', 'RJK/36.02/2026/00003');
      const n = await latestNotification(uid);
      for (let i = 1; i <= MAX_JOB_ATTEMPTS; i++) {
        expect(await runDueJobs(h.svc, 100)).toBe(1);
        later(12 * HOUR);
      }
      const [job] = await jobsFor(n.id);
      expect(job).toMatchObject({ status: 'gagal', attempts: MAX_JOB_ATTEMPTS });
      expect(await runDueJobs(h.svc, 100)).toBe(0);
    } finally {
      await smtp.start();
    }
    expect(mailsTo(email)).toHaveLength(0);
    // the in-app notification is still there
    const c = await h.as(email);
    const list = await c.get('/api/v1/notifications');
    expect(list.body.items.some((i: { ref: string }) => i.ref === 'RJK/36.02/2026/00003')).toBe(true);
  });

  it('a job of an unknown kind fails at once without retries', async () => {
    await db()
      .insertInto('job')
      .values({ kind: 'tidak.dikenal', payload: '{}', run_at: h.now.value, created_at: h.now.value })
      .execute();
    expect(await runDueJobs(h.svc, 100)).toBe(1);
    const j = await db()
      .selectFrom('job')
      .selectAll()
      .where('kind', '=', 'tidak.dikenal')
      .executeTakeFirstOrThrow();
    expect(j).toMatchObject({ status: 'gagal', attempts: 1 });
  });

  it('a disabled user gets no e-mail', async () => {
    const email = await h.provinceUser('pimpinan');
    const uid = await userId(email);
    await db().updateTable('app_user').set({ disabled: true }).where('id', '=', uid).execute();
    await notifyNow([uid], '/rujukan/dddd-4444', 'RJK/36.02/2026/00004');
    const n = await latestNotification(uid);
    expect(await runDueJobs(h.svc, 100)).toBe(1);
    expect(mailsTo(email)).toHaveLength(0);
    expect((await jobsFor(n.id))[0]).toMatchObject({ status: 'selesai' });
  });

  it('e-mail switched off: no e-mail, the in-app notification stays', async () => {
    const email = 'pimpinan@lebak.demo';
    const c = await h.as(email);
    const r = await c.patch('/api/v1/auth/me/notifications', { email: false, whatsappPhone: null });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ email: false, whatsappPhone: null });
    await notifyNow([await userId(email)], '/rujukan/eeee-5555', 'RJK/36.02/2026/00005');
    expect(await runDueJobs(h.svc, 100)).toBe(1);
    expect(mailsTo(email)).toHaveLength(0);
    const list = await c.get('/api/v1/notifications?unread=1');
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ ref: 'RJK/36.02/2026/00005', readAt: null });
  });

  it('WhatsApp template to a user who gave a number; a WhatsApp failure does not repeat the e-mail', async () => {
    const email = 'mitra@serang.demo';
    const c = await h.as(email);
    const r = await c.patch('/api/v1/auth/me/notifications', {
      email: true,
      whatsappPhone: '0812-3456-7890',
    });
    expect(r.status).toBe(200);
    graph.failNext('send', { status: 500 });
    const sentBefore = graph.requests.length;
    await notifyNow([await userId(email)], '/rujukan/ffff-6666', 'RJK/36.73/2026/00006');
    const n = await latestNotification(await userId(email));
    expect(await runDueJobs(h.svc, 100)).toBe(2); // e-mail done, WhatsApp failed
    expect(mailsTo(email)).toHaveLength(1);
    const wa = (await jobsFor(n.id)).find((j) => j.kind === 'notification.whatsapp')!;
    expect(wa).toMatchObject({ status: 'antri', attempts: 1 });
    expect(wa.last_error).toContain('whatsapp');
    expect(wa.last_error).not.toContain('6281234567890');

    later(JOB_BACKOFF_MS[0]!);
    expect(await runDueJobs(h.svc, 100)).toBe(1);
    expect(mailsTo(email)).toHaveLength(1);
    const sends = graph.requests.slice(sentBefore).filter((q) => q.method === 'POST');
    expect(sends).toHaveLength(2);
    const body = sends[1]!.body as {
      to: string;
      type: string;
      template: { name: string; language: { code: string }; components: unknown };
    };
    expect(body).toMatchObject({ to: '6281234567890', type: 'template' });
    expect(body.template).toMatchObject({
      name: TEMPLATE,
      language: { code: 'id' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Rujukan baru untuk lembaga Anda (RJK/36.73/2026/00006)' },
            { type: 'text', text: 'https://simpul.test/rujukan/ffff-6666' },
          ],
        },
      ],
    });
    expect((await jobsFor(n.id)).map((j) => j.status)).toEqual(['selesai', 'selesai']);
  });

  it('an overdue referral is escalated once to its sender, the case manager and the recipient', async () => {
    const manajer = await h.as('manajer@lebak.demo');
    const kase = await openFullCase(manajer, { name: VICTIM });
    // the case itself is being handled (assessed): its own deadlines tell nobody in this test
    await db()
      .updateTable('case_file')
      .set({ assessment_started_at: h.now.value })
      .where('id', '=', kase.id)
      .execute();
    const managerId = await userId('manajer@lebak.demo');
    const policeOrg = await orgOf('mitra@lebak.demo');
    const sentAt = h.now.value;
    const id = randomUUID();
    await db()
      .insertInto('referral')
      .values({
        id,
        number: 'RJK/36.02/2026/00042',
        case_id: kase.id,
        person_id: kase.victimId,
        from_org_id: await orgOf('manajer@lebak.demo'),
        from_jurisdiction: '36.02',
        to_org_id: policeOrg,
        services: ['lapor_polisi'],
        urgency: 'segera',
        purpose_enc: h.svc.keys.encrypt(PURPOSE),
        consent_basis: 'persetujuan_korban',
        consent_by_enc: h.svc.keys.encrypt(VICTIM),
        consent_at: sentAt,
        sent_at: sentAt,
        accept_due_at: new Date(sentAt.getTime() + 6 * HOUR),
        complete_due_at: new Date(sentAt.getTime() + 6 * HOUR + 3 * DAY),
        verification_code: `UJI${randomUUID().slice(0, 9).toUpperCase()}`,
        created_by: managerId,
      })
      .execute();
    const recipients = [
      managerId,
      ...(
        await db()
          .selectFrom('app_user')
          .select('id')
          .where('org_id', '=', policeOrg)
          .where('role', 'in', ['mitra', 'manajer'])
          .where('disabled', '=', false)
          .execute()
      ).map((u) => u.id),
    ].sort();
    const overdueFor = () =>
      db()
        .selectFrom('notification')
        .select(['user_id', 'link', 'ref'])
        .where('kind', '=', 'rujukan_terlambat')
        .where('ref', '=', 'RJK/36.02/2026/00042')
        .execute();

    // not yet due: no escalation, only the halfway reminder to the recipient's staff
    later(5 * HOUR);
    expect(await runScans(h.svc)).toMatchObject({ referralsReminded: 1, referralsOverdue: 0 });
    expect(await overdueFor()).toHaveLength(0);
    const reminded = await db()
      .selectFrom('notification')
      .select('user_id')
      .where('kind', '=', 'rujukan_pengingat')
      .where('ref', '=', 'RJK/36.02/2026/00042')
      .execute();
    expect(reminded.map((r) => r.user_id).sort()).toEqual(recipients.filter((u) => u !== managerId));
    await runDueJobs(h.svc, 100);

    later(2 * HOUR);
    smtp.mails.length = 0;
    expect(await runScans(h.svc)).toMatchObject({ referralsOverdue: 1 });
    expect(await runScans(h.svc)).toMatchObject({ referralsOverdue: 0 });
    let rows = await overdueFor();
    expect(rows.map((r) => r.user_id).sort()).toEqual(recipients);
    expect(rows.every((r) => r.link === `/rujukan/${id}`)).toBe(true);
    const ref = await db().selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(ref.accept_overdue_notified_at).not.toBeNull();
    expect(ref.version).toBe(1);

    expect(await runDueJobs(h.svc, 100)).toBe(recipients.length);
    expect(mailsTo('manajer@lebak.demo')).toHaveLength(1);
    expect(mailsTo('mitra@lebak.demo')).toHaveLength(1);
    for (const m of smtp.mails) {
      expect(m.text).toContain(`https://simpul.test/rujukan/${id}`);
      expect(m.raw).not.toContain('Ratna');
    }

    // accepted but not completed in time: the completion notice, also once
    await db()
      .updateTable('referral')
      .set({ status: 'diterima', accepted_at: h.now.value })
      .where('id', '=', id)
      .execute();
    later(3 * DAY);
    expect(await runScans(h.svc)).toMatchObject({ referralsOverdue: 1 });
    expect(await runScans(h.svc)).toMatchObject({ referralsOverdue: 0 });
    rows = await overdueFor();
    expect(rows).toHaveLength(2 * recipients.length);
  });

  it('an agreement ending within 60 days is announced once to the Dinas admins', async () => {
    const adminDinas = await userId('admin-dinas@lebak.demo');
    const org = await orgOf('mitra@lebak.demo');
    const day = (offset: number) => new Date(h.now.value.getTime() + offset * DAY).toISOString().slice(0, 10);
    const agreement = (number: string, endsOn: string) => ({
      id: randomUUID(),
      org_id: org,
      jurisdiction: '36.02',
      kind: 'pks',
      number,
      parties: 'Dinas PPPA Kabupaten Lebak dan Polres Lebak',
      subject: 'Penanganan perkara kekerasan terhadap perempuan dan anak',
      starts_on: '2024-01-01',
      ends_on: endsOn,
      created_at: h.now.value,
      updated_at: h.now.value,
    });
    await db()
      .insertInto('agreement')
      .values([
        agreement('PKS/UJI/2024/001', day(30)),
        agreement('PKS/UJI/2024/002', day(90)),
        agreement('PKS/UJI/2023/003', day(-10)),
      ])
      .execute();
    expect(await runScans(h.svc)).toMatchObject({ agreementsEnding: 1 });
    expect(await runScans(h.svc)).toMatchObject({ agreementsEnding: 0 });
    const rows = await db()
      .selectFrom('notification')
      .select(['user_id', 'link', 'ref'])
      .where('kind', '=', 'kerja_sama_berakhir')
      .where('ref', 'like', 'PKS/UJI/%')
      .execute();
    expect(rows).toEqual([{ user_id: adminDinas, link: '/direktori/kerja-sama', ref: 'PKS/UJI/2024/001' }]);
    // 31 days later the second one comes within 60 days
    later(31 * DAY);
    expect(await runScans(h.svc)).toMatchObject({ agreementsEnding: 1 });
    smtp.mails.length = 0;
    await runDueJobs(h.svc, 100);
    // the first warning's e-mail and the second's, one each (the Dinas admin also hears of the
    // long-overdue tasks of this file's cases by now: not this test's business)
    const subjects = mailsTo('admin-dinas@lebak.demo')
      .map((m) => m.subject)
      .filter((s) => s.includes('PKS/UJI/'));
    expect(subjects.filter((s) => s.includes('PKS/UJI/2024/001'))).toHaveLength(1);
    expect(subjects.filter((s) => s.includes('PKS/UJI/2024/002'))).toHaveLength(1);
    expect(subjects.every((s) => s.includes('Perjanjian kerja sama akan berakhir'))).toBe(true);
  });

  it('API: list, count, read one, read all; someone else’s notification is not found', async () => {
    const email = 'pendamping@serang.demo';
    const uid = await userId(email);
    for (const i of [1, 2, 3]) {
      later(1000);
      await notifyNow([uid], `/rujukan/api-${i}`, `RJK/36.73/2026/0010${i}`);
    }
    const c = await h.as(email);
    let count = await c.get('/api/v1/notifications/count');
    expect(count).toMatchObject({ status: 200, body: { unread: 3 } });
    const list = await c.get('/api/v1/notifications');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 3, totalCapped: false, hasMore: false, unread: 3, page: 1 });
    expect(list.body.items.map((i: { ref: string }) => i.ref)).toEqual([
      'RJK/36.73/2026/00103',
      'RJK/36.73/2026/00102',
      'RJK/36.73/2026/00101',
    ]);
    expect(list.body.items[0]).toMatchObject({
      kind: 'rujukan_baru',
      label: { id: 'Rujukan baru untuk lembaga Anda', en: 'New referral to your organisation' },
      link: '/rujukan/api-3',
      readAt: null,
    });
    expect(typeof list.body.items[0].createdAt).toBe('string');

    const first = list.body.items[2].id as string;
    const read = await c.post(`/api/v1/notifications/${first}/read`);
    expect(read).toMatchObject({ status: 200, body: { unread: 2 } });
    const unread = await c.get('/api/v1/notifications?unread=1');
    expect(unread.body.items).toHaveLength(2);
    expect(unread.body.items.some((i: { id: string }) => i.id === first)).toBe(false);

    // another user cannot see or mark it
    const other = await h.as('pendamping@lebak.demo');
    const theirs = await other.post(`/api/v1/notifications/${list.body.items[0].id}/read`);
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('NOT_FOUND');
    expect((await other.post(`/api/v1/notifications/${randomUUID()}/read`)).status).toBe(404);
    const otherList = await other.get('/api/v1/notifications');
    expect(otherList.body.items.some((i: { ref: string }) => i.ref.startsWith('RJK/36.73/2026/001'))).toBe(
      false,
    );

    const all = await c.post('/api/v1/notifications/read-all');
    expect(all).toMatchObject({ status: 200, body: { marked: 2, unread: 0 } });
    count = await c.get('/api/v1/notifications/count');
    expect(count.body.unread).toBe(0);
    expect((await c.get('/api/v1/notifications')).body.items.every((i: { readAt: string }) => i.readAt)).toBe(
      true,
    );
    expect((await c.get('/api/v1/notifications?page=0')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await h.anon.get('/api/v1/notifications/count')).status).toBe(401);
  });

  it('notification settings round-trip; the number is stored encrypted; a bad number is refused', async () => {
    const email = 'manajer@serang.demo';
    const c = await h.as(email);
    let r = await c.get('/api/v1/auth/me/notifications');
    expect(r).toMatchObject({
      status: 200,
      body: { email: true, whatsappPhone: null, emailAvailable: true, whatsappAvailable: true },
    });
    r = await c.patch('/api/v1/auth/me/notifications', { email: false, whatsappPhone: '+62 813 1111 2222' });
    expect(r).toMatchObject({ status: 200, body: { email: false, whatsappPhone: '+6281311112222' } });
    r = await c.get('/api/v1/auth/me/notifications');
    expect(r.body).toMatchObject({ email: false, whatsappPhone: '+6281311112222' });
    const row = await db()
      .selectFrom('app_user')
      .select(['notify_email', 'notify_wa_phone_enc'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(row.notify_email).toBe(false);
    expect(row.notify_wa_phone_enc).toMatch(/^v1\./);
    expect(row.notify_wa_phone_enc).not.toContain('81311112222');

    for (const bad of ['12345', '0254-123456', 'nomor saya', '0812345678901234567']) {
      const b = await c.patch('/api/v1/auth/me/notifications', { email: true, whatsappPhone: bad });
      expect(b.status, bad).toBe(400);
      expect(b.body.error.code).toBe('VALIDATION_FAILED');
      expect(b.body.error.fields).toHaveProperty('whatsappPhone');
    }
    for (const bad of [{ email: 'ya', whatsappPhone: null }, { whatsappPhone: null }, { email: true }]) {
      const b = await c.patch('/api/v1/auth/me/notifications', bad);
      expect(b.status).toBe(400);
      expect(b.body.error.code).toBe('VALIDATION_FAILED');
    }
    r = await c.patch('/api/v1/auth/me/notifications', { email: true, whatsappPhone: null });
    expect(r.body).toMatchObject({ email: true, whatsappPhone: null });
    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('action', '=', 'user.notification_settings.update')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audit)).not.toContain('81311112222');
  });
});
