/**
 * Urgent cases never wait unseen (decision 013): a case opened without a manager is announced to
 * every case manager of the kab/kota (in-app and by e-mail, in the opening transaction); the
 * opener may name the manager instead; near and overdue response deadlines and overdue tasks are
 * told by the five-minute scan once per case, task and phase, even when scans run at the same
 * time; long-overdue tasks are escalated to the leadership and the Dinas admin; the managers' work
 * queue lists unassigned and due-today work of their own kab/kota, high risk first; "Ambil" gives
 * the case to exactly one manager.
 */

import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScans } from '../../src/app/jobs/scans.ts';
import { runDueJobs } from '../../src/app/jobs/worker.ts';
import { hashPassword } from '../../src/app/passwords.ts';
import type { Role } from '../../src/domain/policy.ts';
import { type Client, createHarness, DEMO_PASSWORD, ENGINES, type Harness } from '../helpers/harness.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/**
 * The test's clock starts on a Tuesday, 10:00 WIB (a working day, far from midnight), after the
 * real now: the demo accounts' passwords are set at the real now, and older sessions are refused.
 */
const T0 = (() => {
  const wib = new Date(Date.now() + 2 * DAY + 7 * HOUR);
  const toTuesday = (2 - wib.getUTCDay() + 7) % 7;
  return new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth(), wib.getUTCDate() + toTuesday, 3));
})();
/** the WIB calendar date `ms` after T0 */
const wibDate = (ms: number) => new Date(T0.getTime() + ms + 7 * HOUR).toISOString().slice(0, 10);
/** today's real date: the latest a service or an incident may be dated */
const realToday = new Date().toISOString().slice(0, 10);
// planted personal data that must never leave Simpul in a notification
const SUMMARY = 'Ibu Wartini Sukmawati dipukul suaminya, anak ikut terluka';

describe.each(ENGINES)('urgent cases on %s', (engine) => {
  let h: Harness;
  let smtp: TestSmtp;
  const db = () => h.svc.conn.db;
  /** sets the clock to T0 + ms and signs the intake officer and the manager in again (sessions
   *  time out after 30 idle minutes) */
  const at = async (ms: number) => {
    h.now.value = new Date(T0.getTime() + ms);
    intake = await h.as('pengaduan@lebak.demo');
    manager = await h.as('manajer@lebak.demo');
  };
  /** closes every case so far: earlier tests' cases are not the next test's business */
  const closeAll = () =>
    db().updateTable('case_file').set({ closed_at: h.now.value, stage: 'terminasi' }).execute();
  const userId = async (email: string) =>
    (await db().selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const noticesOf = (ref: string, kind?: string) => {
    let q = db()
      .selectFrom('notification')
      .innerJoin('app_user', 'app_user.id', 'notification.user_id')
      .select(['app_user.email', 'notification.kind', 'notification.link', 'notification.topic'])
      .where('notification.ref', '=', ref);
    if (kind) q = q.where('notification.kind', '=', kind);
    return q.orderBy('app_user.email').execute();
  };
  const emails = (rows: Array<{ email: string }>) => rows.map((r) => r.email).sort();

  /** another user of `role` in the organisation of `like` (same kab/kota) */
  async function colleague(like: string, email: string, role: Role, disabled = false) {
    const org = (
      await db().selectFrom('app_user').select('org_id').where('email', '=', like).executeTakeFirstOrThrow()
    ).org_id;
    const id = randomUUID();
    await db()
      .insertInto('app_user')
      .values({
        id,
        email,
        name: `Uji ${email}`,
        role,
        org_id: org,
        password_hash: await hashPassword(DEMO_PASSWORD),
        password_changed_at: h.now.value,
        demo: true,
        disabled,
      })
      .execute();
    return id;
  }

  let intake: Client;
  let manager: Client;
  const LEBAK_MANAGERS = ['manajer@lebak.demo', 'manajer2@lebak.test'].sort();

  beforeAll(async () => {
    smtp = await startTestSmtp();
    h = await createHarness(engine, { mail: { url: smtp.url, from: 'Simpul <no-reply@simpul.test>' } });
    h.now.value = T0;
    await colleague('manajer@lebak.demo', 'manajer2@lebak.test', 'manajer');
    await colleague('manajer@lebak.demo', 'manajer-nonaktif@lebak.test', 'manajer', true);
    // whatever the demo data causes is not this file's business
    await runScans(h.svc);
    await runDueJobs(h.svc, 10_000);
    smtp.mails.length = 0;
    await at(0);
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.stop();
  });

  /** Opens a case as `c` (default: the Lebak intake officer), received `agoMs` before the clock. */
  async function open(body: Record<string, unknown> = {}, c: Client = intake, agoMs = 0) {
    const r = await c.post('/api/v1/cases', {
      channel: 'telepon',
      receivedAt: new Date(h.now.value.getTime() - agoMs).toISOString(),
      risk: 'tinggi',
      summary: SUMMARY,
      ...body,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; number: string; managerId: string | null; version: number };
  }

  describe('opening a case', () => {
    it('without a manager: every active case manager of the kab/kota is told, in-app and by e-mail, nobody else', async () => {
      const k = await open();
      expect(k.managerId).toBeNull();
      const rows = await noticesOf(k.number);
      expect(rows.map((r) => r.kind)).toEqual(['kasus_tanpa_manajer', 'kasus_tanpa_manajer']);
      expect(emails(rows)).toEqual(LEBAK_MANAGERS);
      expect(rows.every((r) => r.link === `/kasus/${k.id}`)).toBe(true);
      // the delivery jobs are written with the notifications (transactional outbox)
      const jobs = await db()
        .selectFrom('job')
        .innerJoin('notification', (j) =>
          j.on(sql<boolean>`notification.id::text = job.payload->>'notificationId'`),
        )
        .select(['job.kind', 'job.status'])
        .where('notification.ref', '=', k.number)
        .execute();
      expect(jobs).toEqual([
        { kind: 'notification.deliver', status: 'antri' },
        { kind: 'notification.deliver', status: 'antri' },
      ]);
      await runDueJobs(h.svc, 100);
      const mails = smtp.mails.filter((m) => m.subject.includes(k.number));
      expect(mails.map((m) => m.to[0]).sort()).toEqual(LEBAK_MANAGERS);
      for (const m of mails) {
        expect(m.subject).toContain('Kasus baru belum memiliki manajer kasus');
        expect(m.text).toContain(`https://simpul.test/kasus/${k.id}`);
        expect(m.text).toContain('New case without a case manager');
        for (const secret of ['Wartini', 'Sukmawati', 'dipukul']) expect(m.raw).not.toContain(secret);
      }
      // the managers see it in their own list, the bell counts it
      const list = await manager.get('/api/v1/notifications?unread=1');
      expect(list.body.items.find((i: { ref: string }) => i.ref === k.number)).toMatchObject({
        kind: 'kasus_tanpa_manajer',
        label: { id: 'Kasus baru belum memiliki manajer kasus', en: 'New case without a case manager' },
        link: `/kasus/${k.id}`,
        topic: null,
      });
      expect((await manager.get('/api/v1/notifications/count')).body.unread).toBeGreaterThan(0);
    });

    it('by a case manager: the manager is the opener by default and nobody is told', async () => {
      const k = await open({}, manager);
      expect(k.managerId).toBe(await userId('manajer@lebak.demo'));
      expect(await noticesOf(k.number)).toEqual([]);
    });

    it('the intake officer may name the manager: the case is theirs and only they are told', async () => {
      const m2 = await userId('manajer2@lebak.test');
      const k = await open({ managerId: m2 });
      expect(k.managerId).toBe(m2);
      const rows = await noticesOf(k.number);
      expect(rows).toEqual([
        { email: 'manajer2@lebak.test', kind: 'kasus_ditugaskan', link: `/kasus/${k.id}`, topic: null },
      ]);
      // a case manager may open a case for the queue (explicitly nobody) and everybody is told
      const open2 = await open({ managerId: null }, manager);
      expect(open2.managerId).toBeNull();
      expect(emails(await noticesOf(open2.number, 'kasus_tanpa_manajer'))).toEqual(LEBAK_MANAGERS);
    });

    it('the managers to choose from: the active case managers of the own kab/kota only', async () => {
      const r = await intake.get('/api/v1/users/case-managers');
      expect(r.status).toBe(200);
      const ids = r.body.items.map((u: { id: string }) => u.id).sort();
      expect(ids).toEqual([await userId('manajer@lebak.demo'), await userId('manajer2@lebak.test')].sort());
      expect(r.body.items[0]).toEqual({
        id: expect.any(String),
        name: expect.any(String),
        role: 'manajer',
        orgName: expect.any(String),
      });
      for (const email of ['pendamping@lebak.demo', 'mitra@lebak.demo', 'pimpinan@lebak.demo']) {
        const c = await h.as(email);
        const denied = await c.get('/api/v1/users/case-managers');
        expect(denied.status, email).toBe(403);
        expect(denied.body.error.code).toBe('FORBIDDEN');
      }
    });

    it('a manager who may not manage the case is refused with a field code, and nothing is created', async () => {
      const count = async () =>
        Number(
          (
            await db()
              .selectFrom('case_file')
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const notices = async () =>
        Number(
          (
            await db()
              .selectFrom('notification')
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = [await count(), await notices()];
      const wrong = [
        await userId('pendamping@lebak.demo'), // not a case manager
        await userId('pengaduan@lebak.demo'),
        await userId('manajer@serang.demo'), // another kab/kota
        await userId('manajer-nonaktif@lebak.test'), // disabled
        randomUUID(), // nobody
      ];
      for (const managerId of wrong) {
        const r = await intake.post('/api/v1/cases', { channel: 'telepon', risk: 'tinggi', managerId });
        expect(r.status, managerId).toBe(400);
        expect(r.body.error.code).toBe('INVALID_ASSIGNEE');
        expect(r.body.error.fieldCodes).toEqual({ managerId: 'invalid_assignee' });
        expect(r.body.error.fields.managerId).toBe('Petugas ini tidak dapat ditugaskan.');
      }
      const bad = await intake.post('/api/v1/cases', { channel: 'telepon', managerId: 'bukan-id' });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        fieldCodes: { managerId: 'invalid_id' },
      });
      expect([await count(), await notices()]).toEqual(before);
    });

    it('from an inbox item: the manager may be named, a wrong one is refused and the item stays open', async () => {
      const report = async () => {
        const r = await intake.post('/api/v1/intake', {
          channel: 'telepon',
          callType: 'laporan_baru_tindak_lanjut',
          reporterType: 'korban',
          forms: ['fisik'],
          description: 'Laporan uji: kekerasan fisik di rumah.',
          risk: 'tinggi',
        });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        return r.body as { id: string; version: number; status: string };
      };
      const item = await report();
      const refused = await intake.post(`/api/v1/intake/${item.id}/open-case`, {
        version: item.version,
        managerId: await userId('manajer@serang.demo'),
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({
        code: 'INVALID_ASSIGNEE',
        fieldCodes: { managerId: 'invalid_assignee' },
      });
      const still = await intake.get(`/api/v1/intake/${item.id}`);
      expect(still.body).toMatchObject({ status: item.status, version: item.version });
      expect(still.body.caseId).toBeNull();

      const m2 = await userId('manajer2@lebak.test');
      const opened = await intake.post(`/api/v1/intake/${item.id}/open-case`, {
        version: item.version,
        managerId: m2,
      });
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      expect(opened.body.managerId).toBe(m2);
      expect(emails(await noticesOf(opened.body.number, 'kasus_ditugaskan'))).toEqual([
        'manajer2@lebak.test',
      ]);

      // without one: the managers are told, as when a case is opened directly
      const item2 = await report();
      const o2 = await intake.post(`/api/v1/intake/${item2.id}/open-case`, { version: item2.version });
      expect(o2.status).toBe(201);
      expect(o2.body.managerId).toBeNull();
      expect(emails(await noticesOf(o2.body.number, 'kasus_tanpa_manajer'))).toEqual(LEBAK_MANAGERS);
    });
  });

  describe('deadline scan', () => {
    /** runs `n` scans at the same time and returns the notices they sent together */
    const burst = async (n = 6) =>
      (await Promise.all(Array.from({ length: n }, () => runScans(h.svc)))).reduce(
        (s, r) => s + r.caseTaskNotices,
        0,
      );

    it('a high-risk response deadline: near, overdue and escalated, each told once even when scans run at once', async () => {
      await at(DAY); // Wednesday 10:00 WIB
      await closeAll();
      const k = await open();
      const t = h.now.value.getTime();
      await db().deleteFrom('notification').where('ref', '=', k.number).execute();
      const scanAt = async (ms: number) => {
        h.now.value = new Date(t + ms);
        return burst();
      };

      expect(await scanAt(10 * MIN)).toBe(0);
      expect(await noticesOf(k.number)).toEqual([]);

      // 30 minutes before the one-hour deadline: every case manager of Lebak, once
      expect(await scanAt(31 * MIN)).toBe(1);
      let rows = await noticesOf(k.number, 'tenggat_respons_dekat');
      expect(emails(rows)).toEqual(LEBAK_MANAGERS);
      expect(rows.every((r) => r.link === `/kasus/${k.id}` && r.topic === 'respon_risiko_tinggi')).toBe(true);
      expect(await scanAt(40 * MIN)).toBe(0);

      // past it: overdue, to the same people, once
      expect(await scanAt(61 * MIN)).toBe(1);
      rows = await noticesOf(k.number, 'tugas_kasus_terlambat');
      expect(emails(rows)).toEqual(LEBAK_MANAGERS);
      expect(await scanAt(90 * MIN)).toBe(0);

      // an hour past it: the leadership and the Dinas admin, with the number and what is overdue only
      smtp.mails.length = 0;
      await runDueJobs(h.svc, 1000);
      smtp.mails.length = 0;
      expect(await scanAt(2 * HOUR + MIN)).toBe(1);
      rows = await noticesOf(k.number, 'tugas_kasus_eskalasi');
      expect(rows).toEqual([
        {
          email: 'admin-dinas@lebak.demo',
          kind: 'tugas_kasus_eskalasi',
          link: '/',
          topic: 'respon_risiko_tinggi',
        },
        {
          email: 'pimpinan@lebak.demo',
          kind: 'tugas_kasus_eskalasi',
          link: '/',
          topic: 'respon_risiko_tinggi',
        },
      ]);
      expect(await scanAt(3 * HOUR)).toBe(0);
      await runDueJobs(h.svc, 1000);
      const mail = smtp.mails.find((m) => m.to.includes('pimpinan@lebak.demo'))!;
      expect(mail.subject).toBe(
        `[Simpul] Eskalasi: tugas kasus sudah lama melewati batas waktu — ${k.number}`,
      );
      expect(mail.text).toContain('Tugas: Layani segera (risiko tinggi)');
      expect(mail.text).toContain('Task: Serve immediately (high risk)');
      expect(mail.text).toContain('https://simpul.test/');
      expect(mail.text).not.toContain('/kasus/');
      for (const secret of ['Wartini', 'dipukul']) expect(mail.raw).not.toContain(secret);
      // the leadership's own list names the task, and its link is a page it may open
      const pimpinan = await h.as('pimpinan@lebak.demo');
      const item = (await pimpinan.get('/api/v1/notifications')).body.items.find(
        (i: { ref: string }) => i.ref === k.number,
      );
      expect(item).toMatchObject({
        kind: 'tugas_kasus_eskalasi',
        link: '/',
        topic: 'respon_risiko_tinggi',
        topicLabel: { id: 'Layani segera (risiko tinggi)', en: 'Serve immediately (high risk)' },
      });
      expect((await pimpinan.get(`/api/v1/cases/${k.id}`)).status).toBe(404);

      const claims = await db()
        .selectFrom('case_task_notice')
        .select(['rule', 'phase'])
        .where('case_id', '=', k.id)
        .orderBy('notified_at')
        .execute();
      expect(claims).toEqual([
        { rule: 'respon_risiko_tinggi', phase: 'dekat' },
        { rule: 'respon_risiko_tinggi', phase: 'terlambat' },
        { rule: 'respon_risiko_tinggi', phase: 'eskalasi' },
      ]);
      // the scans are in the case's access log
      const log = await db()
        .selectFrom('audit_event')
        .select('detail')
        .where('action', '=', 'case.deadline_notice')
        .where('entity_id', '=', k.id)
        .execute();
      expect(log).toHaveLength(3);
    });

    it('a case found already late is told it is overdue, not that the deadline is near', async () => {
      await at(2 * DAY);
      await closeAll();
      const k = await open({ risk: 'sedang' }, intake, 6 * HOUR + 10 * MIN);
      expect(await burst()).toBe(1);
      const rows = await noticesOf(k.number);
      expect(rows.filter((r) => r.kind === 'tenggat_respons_dekat')).toEqual([]);
      expect(emails(rows.filter((r) => r.kind === 'tugas_kasus_terlambat'))).toEqual(LEBAK_MANAGERS);
      expect(
        rows.every((r) => r.kind !== 'tugas_kasus_terlambat' || r.topic === 'respon_risiko_sedang'),
      ).toBe(true);
    });

    it('a response recorded in time stops the notices', async () => {
      await at(3 * DAY);
      await closeAll();
      const k = await open();
      const taken = await manager.post(`/api/v1/cases/${k.id}/take`);
      expect(taken.status).toBe(200);
      const svcRec = await manager.post(`/api/v1/cases/${k.id}/records/service`, {
        service: 'pendampingan',
        date: realToday,
      });
      expect(svcRec.status, JSON.stringify(svcRec.body)).toBe(201);
      h.now.value = new Date(h.now.value.getTime() + 3 * HOUR);
      await burst(2);
      expect((await noticesOf(k.number)).filter((r) => r.kind !== 'kasus_tanpa_manajer')).toEqual([]);
    });

    it('an overdue follow-up tells the case team only, then escalates to the leadership once', async () => {
      await at(10 * DAY); // Friday, 10:00 WIB
      await closeAll();
      const k = await open({ risk: 'rendah' }, manager);
      const comp = await userId('pendamping@lebak.demo');
      const assign = await manager.post(`/api/v1/cases/${k.id}/assign`, {
        version: (await manager.get(`/api/v1/cases/${k.id}`)).body.version,
        companionIds: [comp],
      });
      expect(assign.status).toBe(200);
      // three working days from Friday 10:00 is Wednesday 10:00
      const fri = h.now.value.getTime();
      h.now.value = new Date(fri + 4 * DAY + 23 * HOUR); // Tuesday 09:00: not yet
      expect(await burst()).toBe(0);
      h.now.value = new Date(fri + 5 * DAY + MIN); // Wednesday 10:01
      expect(await burst()).toBe(1);
      let rows = await noticesOf(k.number, 'tugas_kasus_terlambat');
      expect(emails(rows)).toEqual(['manajer@lebak.demo', 'pendamping@lebak.demo'].sort());
      expect(rows.every((r) => r.topic === 'tindak_lanjut' && r.link === `/kasus/${k.id}`)).toBe(true);
      h.now.value = new Date(fri + 6 * DAY);
      expect(await burst()).toBe(0);
      h.now.value = new Date(fri + 7 * DAY + 2 * MIN); // two days overdue
      expect(await burst()).toBe(1);
      expect(await burst()).toBe(0);
      rows = await noticesOf(k.number, 'tugas_kasus_eskalasi');
      expect(emails(rows)).toEqual(['admin-dinas@lebak.demo', 'pimpinan@lebak.demo']);
      expect(rows.every((r) => r.topic === 'tindak_lanjut' && r.link === '/')).toBe(true);
      // Kota Serang's people hear nothing of it
      expect((await noticesOf(k.number)).filter((r) => r.email.endsWith('@serang.demo'))).toEqual([]);
    });

    it('an overdue police report (TPKS) and an unpaid restitution are told too, once each', async () => {
      await at(20 * DAY);
      await closeAll();
      const k = await open({ risk: 'rendah' }, manager, 0);
      const victim = await manager.post(`/api/v1/cases/${k.id}/persons`, {
        role: 'korban',
        name: 'Korban Uji Restitusi',
        sex: 'perempuan',
      });
      expect(victim.status).toBe(201);
      const inc = await manager.post(`/api/v1/cases/${k.id}/incidents`, {
        date: realToday,
        placeCategory: 'rumah_tangga',
        forms: ['seksual'],
      });
      expect(inc.status, JSON.stringify(inc.body)).toBe(201);
      const right = await manager.post(`/api/v1/cases/${k.id}/records/right`, {
        victimId: victim.body.id,
        right: 'restitusi',
        status: 'dalam_proses',
        decisionDate: wibDate(20 * DAY - 40 * DAY),
      });
      expect(right.status, JSON.stringify(right.body)).toBe(201);
      // assessment done, so the follow-up is not what this is about
      await db()
        .updateTable('case_file')
        .set({ assessment_started_at: h.now.value })
        .where('id', '=', k.id)
        .execute();
      // restitution due ten days ago (and its 7 days to escalation passed): overdue and escalated now
      expect(await burst()).toBe(2);
      let rows = await noticesOf(k.number);
      expect(
        rows
          .filter((r) => r.topic === 'restitusi')
          .map((r) => r.kind)
          .sort(),
      ).toEqual(['tugas_kasus_eskalasi', 'tugas_kasus_eskalasi', 'tugas_kasus_terlambat']);
      h.now.value = new Date(h.now.value.getTime() + 3 * DAY + MIN);
      expect(await burst()).toBe(1);
      rows = await noticesOf(k.number, 'tugas_kasus_terlambat');
      expect(rows.filter((r) => r.topic === 'lapor_polisi_tpks').map((r) => r.email)).toEqual([
        'manajer@lebak.demo',
      ]);
      expect(await burst()).toBe(0);
    });
  });

  describe('work queue and "Ambil"', () => {
    it('lists unassigned and due-today work of the own kab/kota: high risk first, then by due time', async () => {
      await at(30 * DAY); // Thursday, 10:00 WIB
      await closeAll();
      const low = await open({ risk: 'rendah' }, intake, 2 * HOUR);
      const none = await open({ risk: null }, intake, 3 * HOUR);
      const medLater = await open({ risk: 'sedang' }, intake, 10 * MIN);
      const medSooner = await open({ risk: 'sedang' }, intake, 2 * HOUR);
      const high = await open({ risk: 'tinggi' }, intake, 20 * MIN);
      const mine = await open({ risk: 'tinggi' }, manager, 30 * MIN);
      const serang = await open({ risk: 'tinggi' }, await h.as('pengaduan@serang.demo'));

      const q = await manager.get('/api/v1/work-queue');
      expect(q.status, JSON.stringify(q.body)).toBe(200);
      expect(q.body.asOf).toBe(h.now.value.toISOString());
      expect(q.body.today).toBe(wibDate(30 * DAY));
      expect(q.body.unassigned.total).toBe(5);
      expect(q.body.unassigned.items.map((i: { caseNumber: string }) => i.caseNumber)).toEqual([
        high.number,
        medSooner.number,
        medLater.number,
        low.number,
        none.number,
      ]);
      const top = q.body.unassigned.items[0];
      expect(top).toMatchObject({
        caseId: high.id,
        risk: 'tinggi',
        stage: 'penerimaan',
        managerId: null,
        task: {
          rule: 'respon_risiko_tinggi',
          label: { id: 'Layani segera (risiko tinggi)', en: 'Serve immediately (high risk)' },
          dueAt: new Date(h.now.value.getTime() + 40 * MIN).toISOString(),
          overdue: false,
        },
      });
      // no risk: the follow-up is its next task
      expect(q.body.unassigned.items[4].task.rule).toBe('tindak_lanjut');

      // due today: the response deadlines of today, whoever manages the case; not Serang's
      const due = q.body.dueToday.items.map((i: { caseNumber: string; task: { rule: string } }) => [
        i.caseNumber,
        i.task.rule,
      ]);
      expect(due).toEqual([
        [mine.number, 'respon_risiko_tinggi'],
        [high.number, 'respon_risiko_tinggi'],
        [medSooner.number, 'respon_risiko_sedang'],
        [medLater.number, 'respon_risiko_sedang'],
      ]);
      expect(q.body.dueToday.total).toBe(4);
      expect(q.body.dueToday.items[0]).toMatchObject({ caseId: mine.id, managerName: 'Demo manajer lebak' });
      expect(JSON.stringify(q.body)).not.toContain(serang.number);
      expect(JSON.stringify(q.body)).not.toContain('Wartini');

      // Kota Serang's manager sees only Serang's
      const sq = (await (await h.as('manajer@serang.demo')).get('/api/v1/work-queue')).body;
      expect(sq.unassigned.items.map((i: { caseNumber: string }) => i.caseNumber)).toEqual([serang.number]);

      // the list is audited with what it showed
      const audited = await db()
        .selectFrom('audit_event')
        .select('detail')
        .where('action', '=', 'case.queue')
        .where('actor_id', '=', await userId('manajer@lebak.demo'))
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect((audited.detail as { returned: string[] }).returned).toContain(high.id);
    });

    it('only case managers have a queue', async () => {
      for (const email of [
        'pengaduan@lebak.demo',
        'pendamping@lebak.demo',
        'pimpinan@lebak.demo',
        'mitra@lebak.demo',
      ]) {
        const r = await (await h.as(email)).get('/api/v1/work-queue');
        expect(r.status, email).toBe(403);
        expect(r.body.error.code).toBe('FORBIDDEN');
      }
    });

    it('"Ambil": the case becomes the manager\'s and leaves the queue; only case managers of the kab/kota may', async () => {
      const k = await open({ risk: 'tinggi' });
      for (const [email, status] of [
        ['pengaduan@lebak.demo', 403],
        ['pendamping@lebak.demo', 404],
        ['manajer@serang.demo', 404],
        ['pimpinan@lebak.demo', 404],
      ] as const) {
        const r = await (await h.as(email)).post(`/api/v1/cases/${k.id}/take`);
        expect(r.status, email).toBe(status);
      }
      const m2 = await h.as('manajer2@lebak.test');
      const took = await m2.post(`/api/v1/cases/${k.id}/take`);
      expect(took.status).toBe(200);
      expect(took.body).toMatchObject({
        managerId: await userId('manajer2@lebak.test'),
        managerName: 'Uji manajer2@lebak.test',
      });
      const q = (await manager.get('/api/v1/work-queue')).body;
      expect(q.unassigned.items.some((i: { caseId: string }) => i.caseId === k.id)).toBe(false);
      const again = await manager.post(`/api/v1/cases/${k.id}/take`);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('CASE_ALREADY_TAKEN');
      expect(again.body.error.message).toContain('sudah memiliki manajer kasus');
      expect((await manager.post(`/api/v1/cases/${randomUUID()}/take`)).status).toBe(404);
      expect((await manager.post('/api/v1/cases/bukan-id/take')).status).toBe(400);
      const timeline = (await manager.get(`/api/v1/cases/${k.id}/timeline`)).body;
      expect(timeline.items[0]).toMatchObject({ type: 'case.assigned' });
    });

    it('ten managers pressing "Ambil" at once: exactly one gets the case', async () => {
      const emails10 = Array.from({ length: 10 }, (_, i) => `manajer-antre-${i}@lebak.test`);
      for (const e of emails10) await colleague('manajer@lebak.demo', e, 'manajer');
      const clients = await Promise.all(emails10.map((e) => h.as(e)));
      const k = await open({ risk: 'tinggi' });
      const results = await Promise.all(clients.map((c) => c.post(`/api/v1/cases/${k.id}/take`)));
      const ok = results.filter((r) => r.status === 200);
      expect(ok).toHaveLength(1);
      expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(
        Array(9).fill('CASE_ALREADY_TAKEN'),
      );
      const row = await db()
        .selectFrom('case_file')
        .select(['manager_id', 'version'])
        .where('id', '=', k.id)
        .executeTakeFirstOrThrow();
      expect(row.manager_id).toBe(ok[0]!.body.managerId);
      expect(row.version).toBe(k.version + 1);
    });

    it('a long queue shows the first 50 and how many more there are', async () => {
      for (let i = 0; i < 52; i++) await open({ risk: 'rendah' }, intake, i * MIN);
      const q = (await manager.get('/api/v1/work-queue')).body;
      expect(q.unassigned.items).toHaveLength(50);
      expect(q.unassigned.total).toBeGreaterThanOrEqual(52);
    });
  });
});
