/**
 * Survivor safety on the public pages (issue 8 §1), through the real app on both engines:
 * every report lands in an inbox somebody reads (or is refused with a reason, never acknowledged
 * into nowhere), the nightly check of reports no inbox can see, two-way messages with an
 * anonymous reporter, guesses limited per follow-up code, the one-time receipt, the quick exit
 * without JavaScript, and a safe house never located by a public page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOrphanIntake } from '../../src/app/intake/orphans.ts';
import { scanOverdueIntake } from '../../src/app/intake/overdue-intake.ts';
import { pruneExpired } from '../../src/app/jobs/scans.ts';
import { RATE_LIMITS } from '../../src/domain/intake.ts';
import { createApp } from '../../src/http/app.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

const EXIT = 'https://netral.example/cuaca';
type App = ReturnType<typeof createApp>;
type Fields = Record<string, string | string[]>;

let n = 0;
const token = () => `uji-aman-${Date.now().toString(36)}-${(n++).toString(36)}-xxxxxx`;
const valid = (over: Fields = {}): Fields => ({
  reporterType: 'anonim',
  victimSex: 'perempuan',
  victimAgeGroup: 'anak_13_17',
  forms: ['psikis'],
  description: 'Anak diancam tetangga (uji keselamatan).',
  prov: '36',
  kab: '36.02',
  dangerNow: 'tidak',
  contactMethod: 'tidak',
  submissionToken: token(),
  ...over,
});

async function post(app: App, path: string, fields: Fields) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  const r = await app.request(path, {
    method: 'POST',
    body: p,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { status: r.status, text: await r.text(), headers: r.headers };
}
async function get(app: App, path: string) {
  const r = await app.request(path);
  return { status: r.status, text: await r.text(), headers: r.headers };
}
/** Checks a report on the status page as a browser does: the POST, then the one-time view it leads to. */
async function status(app: App, fields: Fields) {
  const r = await post(app, '/lapor/status', fields);
  if (r.status !== 303) return r;
  return get(app, r.headers.get('location')!);
}

/** Answers on a view just shown, with the pass its form carries, and opens the view that follows. */
async function answer(app: App, viewHtml: string, body: string) {
  const lanjut = viewHtml.match(/name="lanjut" value="([^"]+)"/)?.[1] ?? '';
  const r = await post(app, '/lapor/status/balas', { lanjut, body });
  if (r.status !== 303) return r;
  return get(app, r.headers.get('location')!);
}

const textOf = (html: string, id: string) => html.match(new RegExp(`id="${id}"[^>]*>([^<]*)<`))?.[1] ?? null;

describe.each(ENGINES)('survivor safety on %s', (engine) => {
  let h: Harness;
  let lebak: Client;
  let ip = 0;
  /** each report from its own address, so the per-address limits stay out of the way */
  const app = () =>
    createApp(h.svc, {
      clientIp: () => `10.30.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`,
      quickExitUrl: EXIT,
    });

  /** sends the form, follows the redirect to the one-time receipt, returns code and secret */
  async function report(over: Fields = {}) {
    const a = app();
    const r = await post(a, '/lapor', valid(over));
    expect(r.status, r.text.slice(0, 400)).toBe(303);
    const page = await get(a, r.headers.get('location')!);
    expect(page.status).toBe(200);
    return { code: textOf(page.text, 'kode')!, secret: textOf(page.text, 'rahasia')! };
  }
  async function itemOf(c: Client, code: string) {
    const list = await c.get('/api/v1/intake?pageSize=100');
    const summary = list.body.items.find((i: { code: string }) => i.code === code);
    return summary ? (await c.get(`/api/v1/intake/${summary.id}`)).body : undefined;
  }

  beforeAll(async () => {
    h = await createHarness(engine);
    // the demo's province case manager reads the province's inbox: these tests start without one
    await h.svc.conn.db
      .updateTable('app_user')
      .set({ disabled: true })
      .where('email', '=', 'manajer@banten.demo')
      .execute();
    lebak = await h.as('pengaduan@lebak.demo');
  });
  afterAll(async () => h?.close());

  describe('every report lands in an inbox somebody reads', () => {
    it('a kab/kota without anybody on Simpul, in a province without its own inbox: refused with a reason, nothing stored', async () => {
      const before = await h.svc.conn.db
        .selectFrom('intake')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      // Kabupaten Pandeglang (36.01) has no Dinas account in the demo, nor (with its manager away) the province
      const r = await post(app(), '/lapor', valid({ kab: '36.01' }));
      expect(r.status).toBe(400);
      expect(r.text).toContain('Layanan di wilayah ini belum memakai Simpul');
      expect(r.text).toContain('SAPA 129');
      // the story is kept on the form, not lost
      expect(r.text).toContain('Anak diancam tetangga (uji keselamatan).</textarea>');
      expect(r.text).not.toContain('id="kode"');
      const after = await h.svc.conn.db
        .selectFrom('intake')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('only a province, and the province has no inbox: the form asks for the kab/kota', async () => {
      const r = await post(app(), '/lapor', valid({ kab: '' }));
      expect(r.status).toBe(400);
      expect(r.text).toContain('Pilih kabupaten/kota');
      expect(r.text).toMatch(/id="f-prov"[^>]*aria-invalid="true"/);
    });

    it('forwarding into a kab/kota nobody reads is refused', async () => {
      const { code } = await report();
      const item = await itemOf(lebak, code);
      const r = await lebak.post(`/api/v1/intake/${item.id}/forward`, {
        version: item.version,
        toRegion: '36.01',
      });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('NO_INBOX');
      expect(r.body.error.fields.toRegion).toBeDefined();
      // and into one that has an inbox it works
      const ok = await lebak.post(`/api/v1/intake/${item.id}/forward`, {
        version: item.version,
        toRegion: '36.73',
      });
      expect(ok.status).toBe(200);
    });

    it('once the province has an intake officer: a province-only report, and one from an unserved kab/kota, land in the province inbox', async () => {
      const province = await h.as(await h.provinceUser('pengaduan'));
      const a = await report({ kab: '' });
      const b = await report({ kab: '36.01' });
      const itemA = await itemOf(province, a.code);
      const itemB = await itemOf(province, b.code);
      expect(itemA).toMatchObject({ jurisdiction: '36' });
      expect(itemB).toMatchObject({ jurisdiction: '36', regionCode: '36.01' });
      expect(await itemOf(lebak, b.code)).toBeUndefined();
      // a kab/kota with its own inbox still gets its own reports
      const c = await report();
      expect(await itemOf(lebak, c.code)).toMatchObject({ jurisdiction: '36.02' });
      // leave the province without its officer again for the other tests
      await h.svc.conn.db
        .updateTable('app_user')
        .set({ disabled: true })
        .where('email', '=', 'pengaduan@banten.test')
        .execute();
    });
  });

  describe('the nightly check of reports no inbox can see', () => {
    it('lists them once a day to the admins, who move them to an inbox somebody reads', async () => {
      const { code } = await report({ kab: '36.73' });
      // Kota Serang's intake officers and case managers leave: the report is now seen by nobody
      const serangStaff = await h.svc.conn.db
        .selectFrom('app_user as u')
        .innerJoin('organisation as o', 'o.id', 'u.org_id')
        .select('u.id')
        .where('o.jurisdiction', '=', '36.73')
        .where('u.role', 'in', ['pengaduan', 'manajer'])
        .where('u.disabled', '=', false)
        .execute();
      const ids = serangStaff.map((u) => u.id);
      await h.svc.conn.db.updateTable('app_user').set({ disabled: true }).where('id', 'in', ids).execute();
      try {
        const saved = h.now.value;
        // 00:30 WIB: not yet; 02:00 WIB: once, however many workers run it at the same moment
        h.now.value = new Date('2026-12-09T17:30:00Z');
        expect(await checkOrphanIntake(h.svc)).toBe(0);
        h.now.value = new Date('2026-12-09T19:00:00Z');
        const runs = await Promise.all(
          Array.from({ length: 10 }, () => checkOrphanIntake(h.svc).catch(() => -1)),
        );
        expect(runs.filter((x) => x > 0)).toHaveLength(1);
        expect(runs.filter((x) => x === -1)).toHaveLength(0);
        expect(await checkOrphanIntake(h.svc)).toBe(0);
        // the next night it runs again
        h.now.value = new Date('2026-12-10T19:00:00Z');
        expect(await checkOrphanIntake(h.svc)).toBeGreaterThan(0);
        h.now.value = saved;

        const admin = await h.as('admin@lebak.demo');
        const notes = await admin.get('/api/v1/notifications');
        expect(notes.body.items.map((x: { kind: string }) => x.kind)).toContain('laporan_tanpa_kotak');
        const serangAdmin = await h.as('admin-dinas@serang.demo');
        expect(
          (await serangAdmin.get('/api/v1/notifications')).body.items.map((x: { kind: string }) => x.kind),
        ).toContain('laporan_tanpa_kotak');
        // Lebak's Dinas admin is not told about Serang's
        const lebakAdmin = await h.as('admin-dinas@lebak.demo');
        expect(
          (await lebakAdmin.get('/api/v1/notifications')).body.items.map((x: { kind: string }) => x.kind),
        ).not.toContain('laporan_tanpa_kotak');

        const list = await admin.get('/api/v1/admin/orphan-intake');
        expect(list.status).toBe(200);
        const orphan = list.body.items.find((x: { code: string }) => x.code === code);
        expect(orphan).toMatchObject({
          channel: 'daring',
          jurisdiction: '36.73',
          jurisdictionName: 'Kota Serang',
        });
        // metadata only: nothing the reporter wrote
        expect(JSON.stringify(list.body)).not.toContain('uji keselamatan');
        expect((await lebakAdmin.get('/api/v1/admin/orphan-intake')).body.items).toEqual([]);
        expect((await lebak.get('/api/v1/admin/orphan-intake')).status).toBe(403);
        // moving it into an inbox nobody reads is refused; into Lebak's it works
        const bad = await admin.post(`/api/v1/admin/orphan-intake/${orphan.id}/route`, {
          version: orphan.version,
          toRegion: '36.01',
        });
        expect(bad.status).toBe(400);
        expect(bad.body.error.code).toBe('NO_INBOX');
        const moved = await admin.post(`/api/v1/admin/orphan-intake/${orphan.id}/route`, {
          version: orphan.version,
          toRegion: '36.02',
        });
        expect(moved.status).toBe(200);
        expect(await itemOf(lebak, code)).toMatchObject({ jurisdiction: '36.02', status: 'baru' });
        expect(
          (await admin.get('/api/v1/admin/orphan-intake')).body.items.map((x: { code: string }) => x.code),
        ).not.toContain(code);
        const stale = await admin.post(`/api/v1/admin/orphan-intake/${orphan.id}/route`, {
          version: orphan.version,
          toRegion: '36.02',
        });
        expect(stale.status).toBe(404);
      } finally {
        await h.svc.conn.db.updateTable('app_user').set({ disabled: false }).where('id', 'in', ids).execute();
      }
    });
  });

  describe('two-way with an anonymous reporter', () => {
    it('an officer leaves a message; the reporter reads it with code and secret and answers; all encrypted and audited', async () => {
      const { code, secret } = await report();
      const item = await itemOf(lebak, code);
      expect(item.reporterCanRead).toBe(true);
      const msg = 'Silakan datang ke UPTD PPA hari Senin jam 09.00, bawa teman yang Anda percaya (uji).';
      const sent = await lebak.post(`/api/v1/intake/${item.id}/reporter-messages`, { body: msg });
      expect(sent.status).toBe(201);
      const mine = sent.body.messages.find((m: { body: string }) => m.body === msg);
      expect(mine).toMatchObject({ author: 'ke_pelapor', seenAt: null, authorName: expect.any(String) });
      expect(sent.body.history.map((e: { type: string }) => e.type)).toContain('intake.to_reporter');

      const a = app();
      const st = await status(a, { code, secret, aksi: 'cek' });
      expect(st.status).toBe(200);
      expect(st.text).toContain('Ada pesan baru dari petugas.');
      expect(st.text).toContain('Silakan datang ke UPTD PPA hari Senin jam 09.00');
      expect(st.text).toMatch(/WIB<\/small>/);
      // shown again: no longer new
      const again = await status(a, { code, secret, aksi: 'cek' });
      expect(again.text).not.toContain('Ada pesan baru dari petugas.');
      expect(
        (await lebak.get(`/api/v1/intake/${item.id}`)).body.messages.find(
          (m: { body: string }) => m.body === msg,
        ).seenAt,
      ).toEqual(expect.any(String));

      const words = 'Baik, saya datang Senin (uji).';
      const reply = await answer(a, (await status(a, { code, secret, aksi: 'cek' })).text, words);
      expect(reply.status).toBe(200);
      expect(reply.text).toContain('Terima kasih, pesan Anda sudah diteruskan ke petugas.');
      expect(reply.text).toContain(words);
      const after = await lebak.get(`/api/v1/intake/${item.id}`);
      expect(after.body.messages.map((m: { author: string; body: string }) => [m.author, m.body])).toEqual(
        expect.arrayContaining([
          ['ke_pelapor', msg],
          ['pelapor', words],
        ]),
      );
      // officers' internal notes never reach the reporter
      await lebak.post(`/api/v1/intake/${item.id}/notes`, {
        body: 'Catatan internal: pelaku tetangga (uji).',
      });
      const st2 = await status(a, { code, secret, aksi: 'cek' });
      expect(st2.text).not.toContain('Catatan internal');
      // the inbox's intake officers are told (nobody holds the item)
      const notes = await lebak.get('/api/v1/notifications');
      expect(notes.body.items).toContainEqual(expect.objectContaining({ kind: 'pesan_pelapor', ref: code }));
      // stored encrypted
      const rows = await h.svc.conn.db
        .selectFrom('intake_message')
        .select('body_enc')
        .where('intake_id', '=', item.id)
        .execute();
      for (const r of rows) expect(r.body_enc).not.toContain('Senin');
      // audited on both sides
      const actions = await h.svc.conn.db
        .selectFrom('audit_event')
        .select('action')
        .where('entity_id', '=', item.id)
        .execute();
      expect(actions.map((x) => x.action)).toEqual(
        expect.arrayContaining(['intake.message_reporter', 'intake.status', 'intake.reporter_added']),
      );
    });

    it('bad input and places a message cannot go: empty, huge, another region, a report without a secret', async () => {
      const { code } = await report();
      const item = await itemOf(lebak, code);
      for (const body of [
        { body: '' },
        { body: '   ' },
        { body: 'x'.repeat(5001) },
        { body: 5 },
        {},
        { body: 'a', x: 1 },
      ]) {
        const r = await lebak.post(`/api/v1/intake/${item.id}/reporter-messages`, body);
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(r.body.error.code).toBe('VALIDATION_FAILED');
      }
      const serang = await h.as('pengaduan@serang.demo');
      expect((await serang.post(`/api/v1/intake/${item.id}/reporter-messages`, { body: 'hai' })).status).toBe(
        404,
      );
      const mitra = await h.as('mitra@lebak.demo');
      expect((await mitra.post(`/api/v1/intake/${item.id}/reporter-messages`, { body: 'hai' })).status).toBe(
        404,
      );
      const phone = await lebak.post('/api/v1/intake', {
        channel: 'telepon',
        reporterType: 'korban',
        forms: ['fisik'],
        description: 'Telepon (uji)',
        dangerNow: false,
        contactMethod: 'tidak',
        consentContact: false,
      });
      const r = await lebak.post(`/api/v1/intake/${phone.body.id}/reporter-messages`, { body: 'hai' });
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('REPORTER_UNREACHABLE');
    });
  });

  describe('the secret and the status page', () => {
    it('the secret is 15 digits in three groups, and typed with or without spaces it opens the status', async () => {
      const { code, secret } = await report();
      expect(secret).toMatch(/^\d{5} \d{5} \d{5}$/);
      const ok = await status(app(), { code, secret: secret.replace(/ /g, ''), aksi: 'cek' });
      expect(ok.status).toBe(200);
      const dashed = await status(app(), {
        code,
        secret: secret.replace(/ /g, '-'),
        aksi: 'cek',
      });
      expect(dashed.status).toBe(200);
    });

    it('guesses are limited per code, from any number of addresses, also when they arrive at once', async () => {
      const { code, secret } = await report();
      // 100 wrong guesses at the same moment, each from its own address
      const burst = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          status(app(), { code, secret: `${String(i).padStart(15, '0')}`, aksi: 'cek' }),
        ),
      );
      const statuses = burst.map((r) => r.status);
      expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(RATE_LIMITS.statusPerCodePerHour);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(
        100 - RATE_LIMITS.statusPerCodePerHour,
      );
      expect(statuses.every((s) => s === 404 || s === 429)).toBe(true);
      // now even the right secret must wait: the code is locked for the hour
      const locked = await status(app(), { code, secret, aksi: 'cek' });
      expect(locked.status).toBe(429);
      expect(locked.text).toContain('Terlalu banyak percobaan');
      expect(locked.text).not.toContain('Diterima —');
      // an hour later the reporter gets in
      const saved = h.now.value;
      h.now.value = new Date(saved.getTime() + 3600_000);
      try {
        const later = await status(app(), { code, secret, aksi: 'cek' });
        expect(later.status).toBe(200);
      } finally {
        h.now.value = saved;
      }
    });

    it('the one-time receipt expires after 15 minutes unseen, and its secret is then deleted', async () => {
      const a = app();
      const r = await post(a, '/lapor', valid());
      const location = r.headers.get('location')!;
      const saved = h.now.value;
      h.now.value = new Date(saved.getTime() + 16 * 60_000);
      try {
        const page = await get(a, location);
        expect(page.status).toBe(404);
        expect(page.text).not.toMatch(/\d{5} \d{5} \d{5}/);
        await post(a, '/lapor', valid());
        await pruneExpired(h.svc);
        const left = await h.svc.conn.db
          .selectFrom('intake_receipt')
          .select('expires_at')
          .where('expires_at', '<=', h.now.value)
          .execute();
        expect(left).toEqual([]);
      } finally {
        h.now.value = saved;
      }
    });
  });

  describe('found by the review of issue 8', () => {
    it('a "someone is in danger now" report nobody has assessed opens as a high-risk case: the 1-hour deadline stays', async () => {
      const { code } = await report({ dangerNow: 'ya' });
      const item = await itemOf(lebak, code);
      expect(item).toMatchObject({ risk: null, dangerNow: true });
      const opened = await lebak.post(`/api/v1/intake/${item.id}/open-case`, { version: item.version });
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      expect(opened.body.risk).toBe('tinggi');
      expect(opened.body.tasks.map((t: { rule: string }) => t.rule)).toContain('respon_risiko_tinggi');
      // an officer's own assessment is kept as it is
      const b = await itemOf(lebak, (await report({ dangerNow: 'ya' })).code);
      const upd = await lebak.patch(`/api/v1/intake/${b.id}`, { version: b.version, risk: 'sedang' });
      const c = await lebak.post(`/api/v1/intake/${b.id}/open-case`, { version: upd.body.version });
      expect(c.body.risk).toBe('sedang');
    });

    it('a HEAD request does not spend the one-time receipt', async () => {
      const a = app();
      const r = await post(a, '/lapor', valid());
      const location = r.headers.get('location')!;
      const head = await a.request(location, { method: 'HEAD' });
      expect(head.status).toBe(200);
      const page = await get(a, location);
      expect(page.status).toBe(200);
      expect(textOf(page.text, 'rahasia')).toMatch(/^\d{5} \d{5} \d{5}$/);
    });

    it('the audit log keeps no public reporter’s address or browser in clear', async () => {
      const before = new Date(h.now.value.getTime() - 1);
      const { code, secret } = await report();
      await status(app(), { code, secret, aksi: 'cek' });
      await status(app(), { code: 'QQQQ-QQQQ', secret: '1', aksi: 'cek' });
      const rows = await h.svc.conn.db
        .selectFrom('audit_event')
        .select(['action', 'ip', 'user_agent'])
        .where('at', '>=', before)
        .where('action', 'in', ['intake.submit', 'intake.receipt', 'intake.status'])
        .execute();
      expect(rows.length).toBeGreaterThanOrEqual(4);
      for (const r of rows) {
        expect(r.ip ?? '', r.action).toMatch(/^src:[A-Za-z0-9_-]{16}$/);
        expect(r.ip ?? '').not.toContain('10.30.');
        expect(r.user_agent, r.action).toBeNull();
      }
    });

    it('the reporter’s answer reaches the case managers when the inbox has no intake officer, never a disabled holder', async () => {
      const { code, secret } = await report({ kab: '36.73' });
      const db = h.svc.conn.db;
      const serangIntake = await db
        .selectFrom('app_user as u')
        .innerJoin('organisation as o', 'o.id', 'u.org_id')
        .select('u.id')
        .where('o.jurisdiction', '=', '36.73')
        .where('u.role', '=', 'pengaduan')
        .execute();
      const ids = serangIntake.map((u) => u.id);
      await db.updateTable('app_user').set({ disabled: true }).where('id', 'in', ids).execute();
      try {
        const m = await h.as('manajer@serang.demo');
        const count = async () =>
          (await m.get('/api/v1/notifications')).body.items.filter(
            (n: { kind: string }) => n.kind === 'pesan_pelapor',
          ).length;
        const n0 = await count();
        {
          const a = app();
          await answer(
            a,
            (await status(a, { code, secret, aksi: 'cek' })).text,
            'Tolong hubungi saya (uji).',
          );
        }
        expect(await count()).toBe(n0 + 1);
      } finally {
        await db.updateTable('app_user').set({ disabled: false }).where('id', 'in', ids).execute();
      }
    });

    it('with more than 200 messages the reporter sees the latest, and only what she was shown is marked read', async () => {
      const { code, secret } = await report();
      const item = await itemOf(lebak, code);
      const t0 = h.now.value.getTime();
      const rows = Array.from({ length: 205 }, (_, i) => ({
        id: crypto.randomUUID(),
        intake_id: item.id,
        at: new Date(t0 + i * 1000),
        author: 'ke_pelapor',
        author_id: null,
        body_enc: h.svc.keys.encrypt(i === 204 ? 'PESAN TERAKHIR: datang besok jam 9' : `Pesan ${i}`),
      }));
      await h.svc.conn.db.insertInto('intake_message').values(rows).execute();
      const st = await status(app(), { code, secret, aksi: 'cek' });
      expect(st.text).toContain('PESAN TERAKHIR: datang besok jam 9');
      const unseen = await h.svc.conn.db
        .selectFrom('intake_message')
        .select('id')
        .where('intake_id', '=', item.id)
        .where('seen_at', 'is', null)
        .execute();
      expect(unseen).toHaveLength(5);
    });

    it('the status page leaves nothing in history: a view opens once, an answer is stored once even when tapped twice', async () => {
      const { code, secret } = await report();
      const a = app();
      const check = await post(a, '/lapor/status', { code, secret, aksi: 'cek' });
      expect(check.status).toBe(303);
      const view = check.headers.get('location')!;
      expect(view).toMatch(/^\/lapor\/status\/lihat\/[A-Za-z0-9_-]{16,64}$/);
      const shown = await get(a, view);
      expect(shown.status).toBe(200);
      // the form carries a pass, never the code's secret
      expect(shown.text).not.toContain(secret.replace(/ /g, ''));
      expect(shown.text).not.toContain(secret);
      // Back, a reload, the history: the view is spent and says nothing about the report
      const again = await get(a, view);
      expect(again.status).toBe(404);
      expect(again.text).not.toContain(code);
      // two taps on "Kirim": one message; the second also leads to a fresh view
      const lanjut = shown.text.match(/name="lanjut" value="([^"]+)"/)![1]!;
      const [x, y] = await Promise.all([
        post(a, '/lapor/status/balas', { lanjut, body: 'Satu kali saja (uji dua ketuk).' }),
        post(a, '/lapor/status/balas', { lanjut, body: 'Satu kali saja (uji dua ketuk).' }),
      ]);
      expect([x.status, y.status]).toEqual([303, 303]);
      const last = await get(a, y.headers.get('location')!);
      expect(last.status).toBe(200);
      expect(last.text).toContain('Satu kali saja (uji dua ketuk).');
      const item = await itemOf(lebak, code);
      expect(
        item.messages.filter((m: { body: string }) => m.body === 'Satu kali saja (uji dua ketuk).'),
      ).toHaveLength(1);
      // much later the same pass stores nothing and shows nothing
      const saved = h.now.value;
      h.now.value = new Date(saved.getTime() + 3 * 60_000);
      try {
        const late = await post(a, '/lapor/status/balas', { lanjut, body: 'Terlambat (uji).' });
        expect(late.status).toBe(404);
      } finally {
        h.now.value = saved;
      }
      // a HEAD does not spend a view
      const v2 = (await post(a, '/lapor/status', { code, secret, aksi: 'cek' })).headers.get('location')!;
      expect((await a.request(v2, { method: 'HEAD' })).status).toBe(200);
      expect((await get(a, v2)).status).toBe(200);
    });

    it('a reporter who checks and answers often is never locked out by her own visits', async () => {
      const { code, secret } = await report();
      const a = app();
      for (let i = 0; i < RATE_LIMITS.statusPerCodePerHour + 5; i++) {
        const v = await status(a, { code, secret, aksi: 'cek' });
        expect(v.status, `visit ${i + 1}`).toBe(200);
      }
      // secrets as people write them: dots between the groups, full-width digits
      expect((await status(a, { code, secret: secret.replace(/ /g, '.'), aksi: 'cek' })).status).toBe(200);
      const wide = secret.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
      expect((await status(a, { code, secret: wide, aksi: 'cek' })).status).toBe(200);
    });

    it('a double tap on a slow phone: the second answer shows a new secret once, and the first stops working', async () => {
      const a = app();
      const f = valid();
      const first = await post(a, '/lapor', f);
      const seen = await get(a, first.headers.get('location')!);
      const code = textOf(seen.text, 'kode')!;
      const oldSecret = textOf(seen.text, 'rahasia')!;
      // the browser threw that page away when the second tap's answer came
      const second = await post(a, '/lapor', f);
      expect(second.headers.get('location')).toBe(first.headers.get('location'));
      const shown = await get(a, second.headers.get('location')!);
      expect(shown.status).toBe(200);
      const newSecret = textOf(shown.text, 'rahasia')!;
      expect(newSecret).toMatch(/^\d{5} \d{5} \d{5}$/);
      expect(newSecret).not.toBe(oldSecret);
      expect((await status(a, { code, secret: newSecret, aksi: 'cek' })).status).toBe(200);
      expect((await status(a, { code, secret: oldSecret, aksi: 'cek' })).status).toBe(404);
      // the form shown again from the history carries a new token: sending it makes a new report
      const page1 = await get(a, '/lapor');
      const page2 = await get(a, '/lapor');
      const tok = (t: string) => t.match(/name="submissionToken" value="([^"]+)"/)![1];
      expect(tok(page1.text)).not.toBe(tok(page2.text));
      const step = await post(a, '/lapor', { ...f, _pilih: 'prov' });
      expect(tok(step.text)).not.toBe(f.submissionToken);
      // three minutes on, the same form shows nothing again
      const saved = h.now.value;
      h.now.value = new Date(saved.getTime() + 3 * 60_000);
      try {
        const third = await post(a, '/lapor', f);
        expect((await get(a, third.headers.get('location')!)).status).toBe(404);
      } finally {
        h.now.value = saved;
      }
    });

    it('a victim reporting herself keeps her name and number in the case; where it happened is not where she lives; officers’ messages stay theirs', async () => {
      const { code } = await report({
        reporterType: 'korban',
        reporterName: 'Rina Uji Sendiri',
        contactMethod: 'whatsapp',
        contactPhone: '0812 7777 0001',
        consentContact: '1',
        kec: '36.02.01',
      });
      const item = await itemOf(lebak, code);
      await lebak.post(`/api/v1/intake/${item.id}/reporter-messages`, {
        body: 'Apakah kamu aman sekarang? (uji)',
      });
      const fresh = await itemOf(lebak, code);
      const opened = await lebak.post(`/api/v1/intake/${item.id}/open-case`, { version: fresh.version });
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      const victim = opened.body.persons.find((p: { role: string }) => p.role === 'korban');
      expect(victim.name).toBe('Rina Uji Sendiri');
      expect(victim.phone).toMatch(/081277770001|0812 7777 0001|6281277770001/);
      expect(victim.regionCode).toBeNull();
      expect(opened.body.incidents[0].regionCode).toBe('36.02.01');
      const notes = opened.body.records.filter((r: { kind: string }) => r.kind === 'note');
      const toReporter = notes.find((n: { body?: string; data: { writtenBy?: string } }) =>
        JSON.stringify(n).includes('Apakah kamu aman sekarang'),
      );
      expect(toReporter.data.writtenBy).toBe('ke_pelapor');
    });

    it('disabling an inbox’s last reader while reports wait there tells the admins at once; a moved report tells its new inbox', async () => {
      const { code } = await report({ kab: '36.73' });
      const db = h.svc.conn.db;
      const readers = await db
        .selectFrom('app_user as u')
        .innerJoin('organisation as o', 'o.id', 'u.org_id')
        .select(['u.id', 'u.version'])
        .where('o.jurisdiction', '=', '36.73')
        .where('u.role', 'in', ['pengaduan', 'manajer'])
        .where('u.disabled', '=', false)
        .execute();
      const serangAdmin = await h.as('admin-dinas@serang.demo');
      const kinds = async () =>
        (await serangAdmin.get('/api/v1/notifications')).body.items.filter(
          (n: { kind: string }) => n.kind === 'laporan_tanpa_kotak',
        ).length;
      const before = await kinds();
      try {
        for (const [i, r] of readers.entries()) {
          const res = await serangAdmin.patch(`/api/v1/admin/users/${r.id}`, {
            version: r.version,
            disabled: true,
          });
          expect(res.status).toBe(200);
          // only the last one empties the inbox
          expect(await kinds()).toBe(i === readers.length - 1 ? before + 1 : before);
        }
        const admin = await h.as('admin@lebak.demo');
        const orphan = (await admin.get('/api/v1/admin/orphan-intake')).body.items.find(
          (x: { code: string }) => x.code === code,
        );
        await admin.post(`/api/v1/admin/orphan-intake/${orphan.id}/route`, {
          version: orphan.version,
          toRegion: '36.02',
        });
        const moved = (await lebak.get('/api/v1/notifications')).body.items.filter(
          (n: { kind: string; ref: string }) => n.kind === 'laporan_dipindahkan' && n.ref === code,
        );
        expect(moved.length).toBe(1);
      } finally {
        await db
          .updateTable('app_user')
          .set({ disabled: false })
          .where(
            'id',
            'in',
            readers.map((r) => r.id),
          )
          .execute();
      }
    });

    it('the case’s access log shows who opened the report it came from', async () => {
      const { code } = await report();
      const item = await itemOf(lebak, code); // the intake officer reads the report
      const opened = await lebak.post(`/api/v1/intake/${item.id}/open-case`, { version: item.version });
      const m = await h.as('manajer@lebak.demo');
      await m.get(`/api/v1/intake/${item.id}`);
      const log = await m.get(`/api/v1/cases/${opened.body.id}/access-log?pageSize=100`);
      expect(log.status).toBe(200);
      const actions = log.body.items.flatMap((g: { items: Array<{ action: string }> }) =>
        g.items.map((i) => i.action),
      );
      expect(actions).toContain('intake.read');
    });

    it('a danger-now report tells the inbox at once; an untouched item past its deadline tells it once more', async () => {
      const m = await h.as('manajer@lebak.demo');
      const kinds = async (c: Client, kind: string, ref: string) =>
        (await c.get('/api/v1/notifications')).body.items.filter(
          (n: { kind: string; ref: string }) => n.kind === kind && n.ref === ref,
        ).length;
      const { code } = await report({ dangerNow: 'ya' });
      expect(await kinds(lebak, 'laporan_darurat', code)).toBe(1);
      expect(await kinds(m, 'laporan_darurat', code)).toBe(1);
      expect(await kinds(await h.as('pengaduan@serang.demo'), 'laporan_darurat', code)).toBe(0);
      const quiet = (await report()).code;
      expect(await kinds(lebak, 'laporan_darurat', quiet)).toBe(0);
      // an hour and a minute later, still untouched: told once, however many scans run at once
      const touched = await report({ dangerNow: 'ya' });
      const t = await itemOf(lebak, touched.code);
      await lebak.patch(`/api/v1/intake/${t.id}`, { version: t.version, risk: 'tinggi' });
      const saved = h.now.value;
      h.now.value = new Date(saved.getTime() + 61 * 60_000);
      try {
        const runs = await Promise.all(Array.from({ length: 5 }, () => scanOverdueIntake(h.svc)));
        expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
        expect(await scanOverdueIntake(h.svc)).toBe(0);
      } finally {
        h.now.value = saved;
      }
      expect(await kinds(lebak, 'pengaduan_terlambat', code)).toBe(1);
      expect(await kinds(m, 'pengaduan_terlambat', code)).toBe(1);
      // one being handled is not overdue-noticed; one without danger waits for its own deadline
      expect(await kinds(lebak, 'pengaduan_terlambat', touched.code)).toBe(0);
      expect(await kinds(lebak, 'pengaduan_terlambat', quiet)).toBe(0);
    });

    it('NUL in the auditor’s filters is a clear 400, not a server error', async () => {
      const auditor = await h.as('auditor@lebak.demo');
      for (const q of ['name=%00', 'entityId=%00', 'action=a%00', 'entity=%00']) {
        const r = await auditor.get(`/api/v1/audit?${q}`);
        expect(r.status, q).toBe(400);
        expect(JSON.stringify(r.body.error.fieldCodes)).toContain('invalid_characters');
      }
    });
  });

  describe('quick exit without JavaScript', () => {
    it('the link goes through /keluar: a redirect to the neutral site with a one-second cookie that identifies nothing', async () => {
      const page = await get(app(), '/lapor');
      expect(page.text).toMatch(
        /<a id="keluar" class="exit" href="\/keluar" data-u="https:\/\/netral\.example\/cuaca"/,
      );
      const a = await get(app(), '/keluar');
      const b = await get(app(), '/keluar');
      expect(a.status).toBe(303);
      expect(a.headers.get('location')).toBe(EXIT);
      expect(a.headers.get('cache-control')).toBe('no-store');
      expect(a.headers.get('referrer-policy')).toBe('no-referrer');
      const cookie = a.headers.get('set-cookie') ?? '';
      // Secure: the harness serves https://simpul.test
      expect(cookie).toMatch(/^k=[A-Za-z0-9_-]{8}; Max-Age=1; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
      // a new value each time (a change is what empties the back/forward cache)
      expect(b.headers.get('set-cookie')).not.toBe(cookie);
    });
  });

  describe('a safe house is never located by a public page', () => {
    const ADDRESS = 'Jl. Rahasia Nomor 7 RT 02 RW 05 (uji)';
    const PHONE = '0252 555 0199';
    beforeAll(async () => {
      await h.svc.conn.db
        .updateTable('organisation')
        .set({ address: ADDRESS, phone: PHONE })
        .where('type', '=', 'rumah_aman')
        .where('jurisdiction', '=', '36.02')
        .execute();
    });

    it('/layanan shows its name and what it helps with, and sends people to the UPTD PPA', async () => {
      const r = await get(app(), '/layanan?wilayah=36.02');
      expect(r.status).toBe(200);
      expect(r.text).toContain('Rumah Aman Lebak (demo)');
      expect(r.text).toContain('Lokasi tempat ini dirahasiakan');
      expect(r.text).toContain('UPTD PPA Kabupaten Lebak');
      const section = r.text.slice(r.text.indexOf('Rumah Aman Lebak (demo)'));
      const end = section.indexOf('</section>');
      expect(section.slice(0, end)).not.toContain('Jam layanan');
      expect(r.text).not.toContain('Jl. Rahasia');
      expect(r.text).not.toContain('555 0199');
      const en = await get(app(), '/layanan?wilayah=36.02&lang=en');
      expect(en.text).toContain('kept secret');
      expect(en.text).not.toContain('Jl. Rahasia');
    });

    it('no public page, in either language, carries its address or phone', async () => {
      const paths = [
        '/lapor',
        '/lapor?lang=en',
        '/lapor/status',
        '/layanan',
        '/layanan?prov=36',
        '/layanan?wilayah=36.02',
        '/layanan?wilayah=36.02.01',
        '/layanan?wilayah=36.02&lang=en',
        '/gabung',
        '/verifikasi',
        '/lapor/wilayah?parent=36',
      ];
      for (const p of paths) {
        const r = await get(app(), p);
        expect(r.text, p).not.toContain('Jl. Rahasia');
        expect(r.text, p).not.toContain('555 0199');
      }
    });

    it('the staff directory withholds it from other kab/kota and marks the fields; its own kab/kota sees it', async () => {
      const serang = await h.as('manajer@serang.demo');
      const list = await serang.get('/api/v1/directory?type=rumah_aman&pageSize=100');
      const entry = list.body.items.find((e: { name: string }) => e.name === 'Rumah Aman Lebak (demo)');
      expect(entry).toMatchObject({ address: null, phone: null, restrictedFields: ['address', 'phone'] });
      expect(JSON.stringify(list.body)).not.toContain('Jl. Rahasia');
      const one = await serang.get(`/api/v1/directory/${entry.id}`);
      expect(one.body).toMatchObject({ address: null, phone: null, restrictedFields: ['address', 'phone'] });
      const orgs = await serang.get('/api/v1/organisations?q=Rumah');
      expect(JSON.stringify(orgs.body)).not.toContain('Jl. Rahasia');
      const manajer = await h.as('manajer@lebak.demo');
      const own = await manajer.get(`/api/v1/directory/${entry.id}`);
      expect(own.body).toMatchObject({ address: ADDRESS, phone: PHONE, restrictedFields: [] });
      // other organisations are not restricted anywhere
      const police = (await serang.get('/api/v1/directory?type=polisi_ppa&pageSize=100')).body.items.find(
        (e: { jurisdiction: string }) => e.jurisdiction === '36.02',
      );
      expect(police.restrictedFields).toEqual([]);
      // an administrator outside the kab/kota (here: at the province) sees it withheld, and saving
      // the organisation without those fields keeps them
      const admin = await h.as(await h.provinceUser('admin'));
      const adm = (await admin.get('/api/v1/admin/organisations')).body;
      const row = adm.items.find((o: { id: string }) => o.id === entry.id);
      expect(row).toMatchObject({ address: null, phone: null, restrictedFields: ['address', 'phone'] });
      const saved = await admin.patch(`/api/v1/admin/organisations/${entry.id}`, {
        version: row.version,
        hours: 'Hubungi UPTD PPA (uji)',
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body).toMatchObject({ address: null, restrictedFields: ['address', 'phone'] });
      expect((await manajer.get(`/api/v1/directory/${entry.id}`)).body).toMatchObject({
        address: ADDRESS,
        phone: PHONE,
        hours: 'Hubungi UPTD PPA (uji)',
      });
    });

    it('staff of other kab/kota learn only its kab/kota: no desa, no kecamatan, by any field or filter', async () => {
      const db = h.svc.conn.db;
      await db
        .updateTable('organisation')
        .set({ region_code: '36.02.01.2002', areas: ['36.02.01.2002', '36.02.01'] })
        .where('type', '=', 'rumah_aman')
        .where('jurisdiction', '=', '36.02')
        .execute();
      const serang = await h.as('manajer@serang.demo');
      const all = (await serang.get('/api/v1/directory?type=rumah_aman&pageSize=100')).body.items;
      const entry = all.find((e: { name: string }) => e.name === 'Rumah Aman Lebak (demo)');
      expect(entry).toMatchObject({ regionCode: '36.02', regionName: 'Kabupaten Lebak', areas: ['36.02'] });
      expect(JSON.stringify(entry)).not.toMatch(/36\.02\.01|Malingping|Cilangkahan/);
      const orgs = (await serang.get('/api/v1/organisations?q=Rumah Aman Lebak')).body;
      expect(JSON.stringify(orgs)).not.toMatch(/36\.02\.01|Cilangkahan/);
      // the region filter answers the same for every kecamatan and desa of Lebak
      const found = async (region: string) =>
        (await serang.get(`/api/v1/directory?type=rumah_aman&region=${region}&pageSize=100`)).body.items.some(
          (e: { id: string }) => e.id === entry.id,
        );
      for (const probe of ['36.02', '36.02.01', '36.02.01.2002', '36.02.01.2001', '36.02.02', '36.02.05'])
        expect(await found(probe), probe).toBe(true);
      expect(await found('36.73')).toBe(false);
      // its own kab/kota sees the desa
      const lebakM = await h.as('manajer@lebak.demo');
      expect((await lebakM.get(`/api/v1/directory/${entry.id}`)).body).toMatchObject({
        regionCode: '36.02.01.2002',
      });
      expect(
        await (async () => {
          const r = await lebakM.get('/api/v1/directory?type=rumah_aman&region=36.02.02&pageSize=100');
          return r.body.items.some((e: { id: string }) => e.id === entry.id);
        })(),
      ).toBe(false);
    });

    it('a safe house asking to join: its address and phone only for its own kab/kota’s administrators', async () => {
      const a = app();
      const page = await get(a, '/gabung');
      const tokenField = page.text.match(/name="submissionToken" value="([^"]+)"/)?.[1];
      const r = await post(a, '/gabung', {
        orgName: 'Rumah Singgah Uji',
        orgType: 'rumah_aman',
        prov: '36',
        kab: '36.02',
        services: ['rumah_aman'],
        address: 'Jl. GABUNG-RAHASIA 5',
        phone: '0252 555 0177',
        email: 'rumah.singgah@uji.example',
        contactName: 'Ibu Pengelola Uji',
        ...(tokenField ? { submissionToken: tokenField } : {}),
      });
      expect(r.status, r.text.slice(0, 300)).toBeLessThan(400);
      const own = await h.as('admin-dinas@lebak.demo');
      const mine = (await own.get('/api/v1/join-requests')).body.items.find(
        (j: { orgName: string }) => j.orgName === 'Rumah Singgah Uji',
      );
      expect(mine).toMatchObject({ address: 'Jl. GABUNG-RAHASIA 5', restrictedFields: [] });
      const outside = await h.as(await h.provinceUser('admin'));
      const theirs = (await outside.get('/api/v1/join-requests')).body.items.find(
        (j: { orgName: string }) => j.orgName === 'Rumah Singgah Uji',
      );
      expect(theirs).toMatchObject({ address: null, phone: null, restrictedFields: ['address', 'phone'] });
    });
  });
});
