/**
 * The referral network in the browser (issue 4 §6): the Lebak case manager refers a victim to the
 * RSUD (health care and a visum, sharing the chronology only, with the victim's consent) and to
 * the police PPA unit (duty to report under UU TPKS). The RSUD user sees only what was shared,
 * accepts, records the visum and completes; the police user declines with a reason; the case
 * manager sees both outcomes and prints the referral letter.
 *
 * Partners keep their own record (decision 010): the police unit accepts naming its officer and an
 * appointment, records the police report number, is told to record a service before completing,
 * completes, and still sees its own actions, services and messages while the victim's data is
 * closed with the reason in words, and downloads the letter; the case manager re-refers a
 * declined referral from a form filled in from it.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backgroundSettled } from '../src/app/background.ts';
import { caseWithVictim, fact, signIn, signOut } from './helpers/flows.ts';
import { notSee, see, seePath, seeText, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

const VICTIM = { name: 'Sekar Ayuningtyas', nik: '3602015203950004', birthDate: '1995-03-12' };
const CHRONOLOGY = 'Korban didorong hingga jatuh oleh terlapor di dapur rumah (uji e2e rujukan).';
const RSUD = 'RSUD Lebak (demo)';
const POLICE = 'Unit PPA Polres Lebak';

let env: E2E;
let caseId = '';
let caseNumber = '';

beforeAll(async () => {
  env = await start({ cases: 0 });
  // a case with one victim and one incident, recorded through the API (the case pages have their own test)
  const c = await caseWithVictim(
    env,
    { ...VICTIM, regionCode: '36.02.01.2002' },
    { risk: 'tinggi', regionCode: '36.02' },
  );
  caseId = c.id;
  caseNumber = c.number;
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const i = await c.api.post(`/api/v1/cases/${caseId}/incidents`, {
    date: today,
    placeCategory: 'rumah_tangga',
    forms: ['fisik'],
    chronology: CHRONOLOGY,
  });
  expect(i.status, `add incident: ${JSON.stringify(i.body)}`).toBe(201);
});

afterAll(async () => {
  if (env) await backgroundSettled(env.h.svc);
  await stop(env);
});

async function openCaseReferrals(page: Page): Promise<Locator> {
  await page.goto(`/kasus/${caseId}`);
  await page
    .getByRole('navigation', { name: 'Bagian kasus' })
    .getByRole('link', { name: 'Rujukan', exact: true })
    .click();
  const panel = page.getByRole('region', { name: 'Rujukan', exact: true });
  await see(page, panel, 'the case tab "Rujukan"');
  return panel;
}

/** Fills and sends the "Buat rujukan" form; returns the referral number from the confirmation. */
async function refer(
  page: Page,
  panel: Locator,
  o: {
    services: string[];
    recipient: string;
    urgency: string;
    purpose: string;
    sections: string[];
    basis: RegExp;
    note?: string;
    expectNoAgreement?: boolean;
  },
): Promise<string> {
  await panel.getByRole('button', { name: 'Buat rujukan' }).click();
  const form = page.getByRole('form', { name: 'Buat rujukan' });
  await see(page, form, 'the new referral form');
  // the only victim is chosen already
  expect(
    await form
      .getByRole('group', { name: /Korban yang dirujuk/ })
      .getByRole('radio', { name: VICTIM.name })
      .isChecked(),
    'the only victim preselected',
  ).toBe(true);
  const services = form.getByRole('group', { name: /^Layanan/ });
  for (const s of o.services) await services.getByRole('checkbox', { name: s, exact: true }).check();
  const recipients = form.getByRole('group', { name: /Lembaga tujuan/ });
  const choice = recipients.getByRole('radio', { name: o.recipient, exact: true });
  await see(page, choice, `"${o.recipient}" among the suggested recipients`);
  if (o.expectNoAgreement)
    await see(
      page,
      recipients
        .getByRole('listitem')
        .filter({ hasText: o.recipient })
        .getByText('Tidak ada perjanjian kerja sama aktif'),
      `the no-agreement warning for ${o.recipient}`,
    );
  await choice.check();
  await form
    .getByRole('group', { name: /Tingkat urgensi/ })
    .getByRole('radio', { name: o.urgency })
    .check();
  await form.getByLabel('Tujuan rujukan').fill(o.purpose);
  const sections = form.getByRole('group', { name: /Informasi yang dibagikan/ }).getByRole('checkbox');
  expect(await sections.count(), 'the sections offered for sharing').toBe(5);
  for (let n = 0; n < 5; n++)
    expect(await sections.nth(n).isChecked(), 'every section unchecked by default').toBe(false);
  for (const s of o.sections)
    await form
      .getByRole('group', { name: /Informasi yang dibagikan/ })
      .getByRole('checkbox', { name: s })
      .check();
  await form
    .getByRole('group', { name: /Dasar berbagi informasi/ })
    .getByRole('radio', { name: o.basis })
    .check();
  if (o.note) await form.getByLabel('Catatan', { exact: true }).fill(o.note);
  await form.getByRole('button', { name: 'Kirim rujukan' }).click();
  await notSee(page, form, 'the referral form after sending (did the server refuse?)');
  const done = panel.getByRole('status').filter({ hasText: `terkirim ke ${o.recipient}` });
  await see(page, done, `the confirmation for the referral to ${o.recipient}`);
  const text = (await done.textContent()) ?? '';
  return text.match(/RJK\/[\d.]+\/\d{4}\/\d{5}/)?.[0] ?? '';
}

/** Opens a referral from the "Masuk" list of a partner organisation. */
async function openIncoming(page: Page, number: string): Promise<void> {
  await seePath(page, '/rujukan', 'the referral list as the home page of a partner');
  const table = page.getByRole('table', { name: 'Masuk' });
  const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: number, exact: true }) });
  await see(page, row, `referral ${number} in "Masuk"`);
  await seeText(page, row.getByRole('cell').filter({ hasText: 'Terkirim' }), /Terkirim/, 'its status');
  await row.getByRole('link', { name: number, exact: true }).click();
  await see(
    page,
    page.getByRole('heading', { name: new RegExp(number.replace(/[./]/g, '\\$&')), level: 1 }),
    'the referral page',
  );
}

/** "Terima" opens the acceptance form (officer and appointment optional); accept without them. */
async function acceptAsIs(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Terima', exact: true }).click();
  const form = page.getByRole('form', { name: 'Terima rujukan' });
  await see(page, form, 'the acceptance form');
  await form.getByRole('button', { name: 'Terima', exact: true }).click();
  await notSee(page, form, 'the acceptance form after sending (did the server refuse?)');
  await seeText(page, fact(page, 'Status'), /^Diterima/, 'the status after accepting');
}

describe('referral network', () => {
  test('refer to the RSUD and the police; the RSUD completes, the police declines; the manager prints the letter', async () => {
    const { page } = await env.newPage();
    let rsudNo = '';
    let policeNo = '';

    await step('the case manager refers the victim to the RSUD and to the police', async () => {
      await signIn(page, 'manajer@lebak.demo');
      const panel = await openCaseReferrals(page);
      await see(page, panel.getByText('Belum ada rujukan untuk kasus ini.'), 'no referral yet');
      rsudNo = await refer(page, panel, {
        services: ['Kesehatan', 'Visum et repertum'],
        recipient: RSUD,
        urgency: 'Segera',
        purpose: 'Mohon pemeriksaan kesehatan dan visum et repertum atas luka korban.',
        sections: ['Kronologi kejadian'],
        basis: /^Persetujuan korban/,
      });
      expect(rsudNo, 'the RSUD referral number').toMatch(/^RJK\//);
      policeNo = await refer(page, panel, {
        services: ['Pelaporan ke kepolisian'],
        recipient: POLICE,
        urgency: 'Darurat',
        purpose: 'Pemberitahuan dugaan tindak pidana kekerasan seksual sesuai kewajiban melapor.',
        sections: [],
        basis: /^Kewajiban melapor ke kepolisian/,
        note: 'Korban dalam perawatan; laporan dibuat oleh UPTD PPA dalam 3×24 jam.',
      });
      const table = panel.getByRole('table', { name: 'Rujukan' });
      for (const [no, org] of [
        [rsudNo, RSUD],
        [policeNo, POLICE],
      ] as const) {
        const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: no, exact: true }) });
        await see(page, row.getByText(org), `the referral to ${org} in the case list`);
        await see(page, row.getByText('Terkirim', { exact: true }), `the status of the referral to ${org}`);
      }
      await signOut(page);
    });

    await step('the RSUD sees only the chronology, accepts, records a visum and completes', async () => {
      await signIn(page, 'rsud@lebak.demo', { home: 'Rujukan' });
      await openIncoming(page, rsudNo);
      await see(page, page.getByText(CHRONOLOGY), 'the shared chronology');
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text a user sees
      const body = await page.locator('body').innerText();
      expect(body, 'the victim name must not be shown to the RSUD').not.toContain(VICTIM.name);
      expect(body, 'the victim NIK must not be shown to the RSUD').not.toContain(VICTIM.nik);
      await see(
        page,
        page.getByRole('link', { name: 'Unduh surat rujukan' }),
        'the letter addressed to the RSUD, to download',
      );

      await acceptAsIs(page);

      await page.getByRole('button', { name: 'Catat layanan' }).click();
      const svc = page.getByRole('form', { name: 'Catat layanan' });
      await svc.getByLabel('Jenis layanan').selectOption({ label: 'Visum et repertum' });
      await svc.getByLabel('Hasil layanan').fill('Visum dilakukan; hasil dikirim ke penyidik.');
      await svc.getByRole('button', { name: 'Simpan' }).click();
      await notSee(page, svc, 'the service form after saving (did the server refuse?)');
      await seeText(page, fact(page, 'Status'), /^Dalam layanan/, 'the status after the first service');
      await see(
        page,
        page.getByRole('table', { name: 'Layanan yang diberikan' }).getByText('Visum et repertum'),
        'the visum in the delivered services',
      );

      await page.getByRole('button', { name: 'Selesaikan' }).click();
      const done = page.getByRole('form', { name: 'Selesaikan rujukan' });
      await done.getByLabel('Hasil rujukan').fill('Pemeriksaan dan visum selesai; korban dirawat jalan.');
      await done.getByRole('button', { name: 'Selesaikan' }).click();
      await notSee(page, done, 'the completion form after saving (did the server refuse?)');
      await seeText(page, fact(page, 'Status'), /^Selesai/, 'the status after completing');
      await signOut(page);
    });

    await step('the police declines with a reason', async () => {
      await signIn(page, 'mitra@lebak.demo', { home: 'Rujukan' });
      await openIncoming(page, policeNo);
      expect(
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text a user sees
        await page.locator('body').innerText(),
        'the victim name must not be shown without the identity section',
      ).not.toContain(VICTIM.name);
      await page.getByRole('button', { name: 'Tolak', exact: true }).click();
      const form = page.getByRole('form', { name: 'Tolak rujukan' });
      await form.getByLabel('Alasan').selectOption({ label: 'Informasi belum cukup' });
      await form
        .getByLabel('Catatan (opsional)')
        .fill('Mohon identitas dan kontak korban untuk pemanggilan.');
      await form.getByRole('button', { name: 'Tolak' }).click();
      await notSee(page, form, 'the decline form after sending (did the server refuse?)');
      await seeText(page, fact(page, 'Status'), /^Ditolak/, 'the status after declining');
      await signOut(page);
    });

    await step('the case manager sees both outcomes and prints the letter', async () => {
      await signIn(page, 'manajer@lebak.demo');
      const panel = await openCaseReferrals(page);
      const table = panel.getByRole('table', { name: 'Rujukan' });
      const row = (no: string) =>
        table.getByRole('row').filter({ has: page.getByRole('link', { name: no, exact: true }) });
      await see(page, row(rsudNo).getByText('Selesai', { exact: true }), 'the RSUD referral completed');
      await see(page, row(policeNo).getByText('Ditolak', { exact: true }), 'the police referral declined');

      await row(policeNo).getByRole('link', { name: policeNo, exact: true }).click();
      await see(page, page.getByText('Ditolak: Informasi belum cukup'), 'the decline reason');
      await see(
        page,
        page.getByText('Mohon identitas dan kontak korban untuk pemanggilan.'),
        'the decline note',
      );
      await see(page, page.getByRole('link', { name: caseNumber }), 'the link back to the case');

      await page.goBack();
      await row(rsudNo).getByRole('link', { name: rsudNo, exact: true }).click();
      await see(page, page.getByText('Pemeriksaan dan visum selesai; korban dirawat jalan.'), 'the outcome');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Cetak surat rujukan' }).click(),
      ]);
      const path = await download.path();
      const head = (await readFile(path)).subarray(0, 5).toString('latin1');
      expect(head, `the letter file ${download.suggestedFilename()}`).toBe('%PDF-');
    });
  });

  test('the police keeps its own record after completing; the manager re-refers a declined referral', async () => {
    const VICTIM2 = { name: 'Ratih Kumalasari', birthDate: '1998-07-02' };
    const CHRONO2 =
      'Korban dipukul dengan gagang sapu oleh terlapor di halaman rumah (uji e2e catatan mitra).';
    const PURPOSE_RSUD = 'Mohon pemeriksaan luka memar di lengan kiri korban.';
    const LP = 'LP/B/123/XII/2026/SPKT/POLRES LEBAK';
    const OFFICER = 'Bripka Rahmawati Uji';
    const appointment = new Date(Date.now() + 2 * 86_400_000 + 7 * 3600_000).toISOString().slice(0, 10);

    // recorded through the API: a case with a victim and an incident, a referral to the police
    // sharing the chronology with a message from the manager, and one to the RSUD it declined
    const c = await caseWithVictim(env, { ...VICTIM2, regionCode: '36.02.01.2002' }, { regionCode: '36.02' });
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const inc = await c.api.post(`/api/v1/cases/${c.id}/incidents`, {
      date: today,
      placeCategory: 'rumah_tangga',
      forms: ['fisik'],
      chronology: CHRONO2,
    });
    expect(inc.status, JSON.stringify(inc.body)).toBe(201);
    // an intervention-plan item the RSUD referral carries out
    const plan = await c.api.post(`/api/v1/cases/${c.id}/records/plan_item`, {
      service: 'kesehatan',
      agreedWithBeneficiary: true,
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const consent = { basis: 'persetujuan_korban', givenBy: VICTIM2.name, givenAt: new Date().toISOString() };
    const toPolice = await c.api.post(`/api/v1/cases/${c.id}/referrals`, {
      personId: c.victimId,
      toOrgId: (
        await env.h.svc.conn.db
          .selectFrom('organisation')
          .select('id')
          .where('name', '=', POLICE)
          .executeTakeFirstOrThrow()
      ).id,
      services: ['lapor_polisi'],
      urgency: 'segera',
      purpose: 'Pendampingan pembuatan laporan polisi atas penganiayaan.',
      sections: ['kronologi'],
      consent,
    });
    expect(toPolice.status, JSON.stringify(toPolice.body)).toBe(201);
    const policeNo = toPolice.body.number as string;
    const managerMsg = `Korban ${VICTIM2.name} akan datang bersama kakaknya.`;
    expect(
      (await c.api.post(`/api/v1/referrals/${toPolice.body.id}/messages`, { body: managerMsg })).status,
    ).toBe(201);
    const toRsud = await c.api.post(`/api/v1/cases/${c.id}/referrals`, {
      personId: c.victimId,
      toOrgId: (
        await env.h.svc.conn.db
          .selectFrom('organisation')
          .select('id')
          .where('name', '=', RSUD)
          .executeTakeFirstOrThrow()
      ).id,
      services: ['kesehatan'],
      urgency: 'segera',
      purpose: PURPOSE_RSUD,
      sections: ['kronologi'],
      consent,
      planItemId: plan.body.id,
    });
    expect(toRsud.status, JSON.stringify(toRsud.body)).toBe(201);
    const rsudApi = await env.api('rsud@lebak.demo');
    const dec = await rsudApi.post(`/api/v1/referrals/${toRsud.body.id}/decline`, {
      version: toRsud.body.version,
      reason: 'kapasitas_penuh',
    });
    expect(dec.status, JSON.stringify(dec.body)).toBe(200);
    const rsudNo = toRsud.body.number as string;
    // a second officer of the police unit, to be named on acceptance
    const admin = await env.api('admin-dinas@lebak.demo');
    const officer = await admin.post('/api/v1/admin/users', {
      email: 'penyidik.e2e@lebak.demo',
      name: OFFICER,
      role: 'mitra',
      orgId: toPolice.body.toOrg.id,
      password: 'Penyidik-Uji-2026!',
    });
    expect(officer.status, JSON.stringify(officer.body)).toBe(201);

    const { page } = await env.newPage();

    await step('the police accepts, naming its officer and an appointment', async () => {
      await signIn(page, 'mitra@lebak.demo', { home: 'Rujukan' });
      await openIncoming(page, policeNo);
      await see(page, page.getByText(CHRONO2), 'the shared chronology while the referral is open');
      await page.getByRole('button', { name: 'Terima', exact: true }).click();
      const form = page.getByRole('form', { name: 'Terima rujukan' });
      await see(page, form.getByLabel('Petugas lembaga Anda'), 'the officers of the unit to choose from');
      await form.getByLabel('Petugas lembaga Anda').selectOption({ label: OFFICER });
      await form.getByLabel('Jadwal pertemuan dengan korban').fill(`${appointment}T10:00`);
      await form.getByLabel('Tempat pertemuan').fill('Ruang Unit PPA Polres Lebak');
      await form.getByRole('button', { name: 'Terima', exact: true }).click();
      await notSee(page, form, 'the acceptance form after sending (did the server refuse?)');
      await seeText(page, fact(page, 'Status'), /^Diterima/, 'the status after accepting');
      const handling = page.getByRole('region', { name: 'Penanganan' });
      await seeText(page, fact(handling, 'Petugas yang menangani'), OFFICER, 'the officer named');
      await seeText(
        page,
        fact(handling, 'Jadwal pertemuan'),
        /Ruang Unit PPA Polres Lebak/,
        'the appointment',
      );
    });

    await step('the police records the LP number; a malformed one is refused with an example', async () => {
      await page.getByRole('button', { name: 'Catat perkembangan proses hukum' }).click();
      const form = page.getByRole('form', { name: 'Catat nomor LP dan status penyidikan' });
      await form.getByLabel('Nomor laporan polisi (LP)').fill('LP 123 Polres');
      await form.getByRole('button', { name: 'Simpan' }).click();
      await see(
        page,
        form.getByRole('alert').getByText(/contoh: LP\/B\/123\/XII\/2026\/SPKT\/POLRES LEBAK/),
        'the format error with an example',
      );
      await form.getByLabel('Nomor laporan polisi (LP)').fill(LP);
      await form.getByLabel('Status penyidikan').selectOption({ label: 'Laporan diterima' });
      await form.getByRole('button', { name: 'Simpan' }).click();
      await notSee(page, form, 'the LP form after saving (did the server refuse?)');
      const legal = page.getByRole('region', { name: 'Proses hukum' });
      await seeText(page, fact(legal, 'Nomor laporan polisi \\(LP\\)'), LP, 'the LP number recorded');
      await seeText(page, fact(legal, 'Status penyidikan'), 'Laporan diterima', 'the investigation status');
    });

    await step('completing without a service explains why and offers to record one', async () => {
      await page.getByRole('button', { name: 'Selesaikan' }).click();
      await see(
        page,
        page.getByText('Rujukan baru dapat diselesaikan setelah minimal satu layanan dicatat.', {
          exact: false,
        }),
        'the explanation that a service must be recorded first',
      );
      await page.getByRole('button', { name: 'Catat layanan sekarang' }).click();
      const svc = page.getByRole('form', { name: 'Catat layanan' });
      await svc.getByLabel('Jenis layanan').selectOption({ label: 'Pelaporan ke kepolisian' });
      await svc.getByLabel('Hasil layanan').fill('Laporan polisi dibuat; korban didampingi penyidik.');
      await svc.getByRole('button', { name: 'Simpan' }).click();
      await notSee(page, svc, 'the service form after saving (did the server refuse?)');
      await seeText(page, fact(page, 'Status'), /^Dalam layanan/, 'the status after the service');
    });

    await step('the police writes in the thread and completes', async () => {
      const thread = page.getByRole('region', { name: 'Pertanyaan dan pesan' });
      await thread.getByLabel('Pesan', { exact: true }).fill('Mohon korban membawa KTP saat datang.');
      await thread.getByRole('button', { name: 'Kirim pesan' }).click();
      await see(page, thread.getByRole('status').filter({ hasText: 'Pesan terkirim.' }), 'the message sent');
      await page.getByRole('button', { name: 'Selesaikan' }).click();
      const done = page.getByRole('form', { name: 'Selesaikan rujukan' });
      await done.getByLabel('Hasil rujukan').fill('Laporan polisi diterima, penyelidikan dimulai.');
      await done.getByRole('button', { name: 'Selesaikan' }).click();
      await notSee(page, done, 'the completion form after saving (did the server refuse?)');
      await seeText(page, fact(page, 'Status'), /^Selesai/, 'the status after completing');
    });

    await step(
      'after completion the police still sees its own record; the victim’s data is closed with the reason',
      async () => {
        await page.reload();
        await seeText(page, fact(page, 'Status'), /^Selesai/, 'the status after reloading');
        await see(
          page,
          page.getByText(
            'Rujukan ini sudah selesai, sehingga tujuan rujukan dan informasi korban tidak ditampilkan lagi.',
            {
              exact: false,
            },
          ),
          'the reason the victim’s data is no longer shown',
        );
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text a user sees
        const body = await page.locator('body').innerText();
        expect(body, 'consent was not withdrawn: the page must not say so').not.toMatch(
          /Persetujuan (telah |korban )?dicabut/,
        );
        expect(body, 'the chronology is closed').not.toContain(CHRONO2);
        expect(body, 'the manager’s message is closed').not.toContain(managerMsg);
        await see(
          page,
          page
            .getByRole('table', { name: 'Layanan yang diberikan' })
            .getByText('Laporan polisi dibuat; korban didampingi penyidik.'),
          'its service and its result',
        );
        await see(page, page.getByText('Laporan polisi diterima, penyelidikan dimulai.'), 'its outcome');
        await see(
          page,
          page
            .getByRole('region', { name: 'Pertanyaan dan pesan' })
            .getByText('Mohon korban membawa KTP saat datang.'),
          'its own message',
        );
        await seeText(
          page,
          fact(page.getByRole('region', { name: 'Proses hukum' }), 'Nomor laporan polisi \\(LP\\)'),
          LP,
          'its LP number',
        );
        await see(
          page,
          page.getByRole('region', { name: 'Riwayat' }).getByText(/^Status berubah: Diterima/),
          'its actions in the history',
        );

        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Unduh surat rujukan' }).click(),
        ]);
        const head = (await readFile(await download.path())).subarray(0, 5).toString('latin1');
        expect(head, `the letter file ${download.suggestedFilename()}`).toBe('%PDF-');
        await signOut(page);
      },
    );

    await step(
      'the manager sees the police record, then re-refers the declined RSUD referral from a filled-in form',
      async () => {
        await signIn(page, 'manajer@lebak.demo');
        await page.goto(`/rujukan/${toPolice.body.id}`);
        await seeText(
          page,
          fact(page.getByRole('region', { name: 'Penanganan' }), 'Petugas yang menangani'),
          OFFICER,
          'the officer, for the referring side',
        );
        await seeText(
          page,
          fact(page.getByRole('region', { name: 'Proses hukum' }), 'Nomor laporan polisi \\(LP\\)'),
          LP,
          'the LP number, for the referring side',
        );

        await page.goto(`/rujukan/${toRsud.body.id}`);
        await see(page, page.getByText('Ditolak: Kapasitas penuh'), 'the decline reason');
        await page.getByRole('link', { name: 'Rujuk ulang' }).click();
        const form = page.getByRole('form', { name: `Rujuk ulang ${rsudNo}` });
        await see(page, form, 'the re-referral form');
        // filled in from the declined referral
        expect(
          await form
            .getByRole('group', { name: /^Layanan/ })
            .getByRole('checkbox', { name: 'Kesehatan', exact: true })
            .isChecked(),
          'the service copied',
        ).toBe(true);
        expect(
          await form
            .getByRole('group', { name: /Tingkat urgensi/ })
            .getByRole('radio', { name: 'Segera' })
            .isChecked(),
          'the urgency copied',
        ).toBe(true);
        expect(await form.getByLabel('Tujuan rujukan').inputValue(), 'the purpose copied').toBe(PURPOSE_RSUD);
        expect(
          await form
            .getByRole('group', { name: /Informasi yang dibagikan/ })
            .getByRole('checkbox', { name: 'Kronologi kejadian' })
            .isChecked(),
          'the shared sections copied',
        ).toBe(true);
        expect(
          await form
            .getByRole('group', { name: /Dasar berbagi informasi/ })
            .getByRole('radio', { name: /^Persetujuan korban/ })
            .isChecked(),
          'the consent basis copied',
        ).toBe(true);
        expect(
          await form.getByLabel('Rencana intervensi yang dilaksanakan').inputValue(),
          'the plan item copied',
        ).toBe(plan.body.id);
        const recipients = form.getByRole('group', { name: /Lembaga tujuan/ });
        const other = recipients.getByRole('radio', { name: 'RSUD Serang (demo)', exact: true });
        await see(page, other, 'another hospital among the suggestions');
        await other.check();
        // the consent must cover the new recipient: without the confirmation it is refused
        await form.getByRole('button', { name: 'Kirim rujukan' }).click();
        await see(
          page,
          form
            .getByRole('alert')
            .getByText(/mencakup lembaga tujuan yang baru/)
            .first(),
          'the request to confirm consent for the new recipient',
        );
        await form
          .getByRole('checkbox', {
            name: /menyetujui informasinya dibagikan kepada lembaga tujuan yang baru/,
          })
          .check();
        await form.getByRole('button', { name: 'Kirim rujukan' }).click();
        await notSee(page, form, 'the re-referral form after sending (did the server refuse?)');
        const panel = page.getByRole('region', { name: 'Rujukan', exact: true });
        const done = panel.getByRole('status').filter({ hasText: 'terkirim ke RSUD Serang (demo)' });
        await see(page, done, 'the confirmation of the re-referral');
        await done.getByRole('link', { name: 'Buka rujukan' }).click();
        await seeText(
          page,
          fact(page, 'Rujukan ulang dari'),
          new RegExp(`^${rsudNo.replace(/[./]/g, '\\$&')} ke RSUD Lebak \\(demo\\) \\(Ditolak\\)`),
          'the link to the declined referral',
        );

        // the plan item shows both referrals carrying it out, with their state
        await page.goto(`/kasus/${c.id}/rencana`);
        const item = page
          .getByRole('listitem')
          .filter({ has: page.getByRole('heading', { name: 'Kesehatan' }) });
        const refs = item.getByRole('listitem');
        await see(
          page,
          refs.filter({ hasText: rsudNo }).getByText('Ditolak'),
          'the declined referral on the plan item',
        );
        await see(
          page,
          refs.filter({ hasText: 'ke RSUD Serang (demo)' }).getByText('Terkirim'),
          'the re-referral on the plan item',
        );
      },
    );
  });
});
