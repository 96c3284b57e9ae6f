/**
 * One case, start to finish, the way a new case manager at the Lebak UPTD PPA would work it:
 * first sign-in with mandatory two-factor enrolment, a new complaint, victim / alleged
 * perpetrator / incident, identification, then every stage of the handling process up to
 * closure, and finally finding the case again by the victim's name.
 */
import { generate } from 'otplib';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { submitSignIn } from './helpers/flows.ts';
import { notSee, see, seePath, seeText, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

const USER = {
  email: 'rina.handayani@lebak.e2e.test',
  name: 'Rina Handayani',
  password: 'Kuat-Sekali-Sandi-2026!',
};
const VICTIM = { name: 'Melati Kusumawardani', nik: '3602014507900003', birthDate: '1990-07-05' };
const PERPETRATOR = 'Bambang Sutrisno';

let env: E2E;

beforeAll(async () => {
  env = await start({ cases: 3 });
});

afterAll(async () => {
  await stop(env);
});

/** A calendar date (Jakarta) `n` days before the server's frozen clock, as `YYYY-MM-DD`. */
function daysAgo(n: number): string {
  return new Date(env.h.now.value.getTime() + 7 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);
}

/** The value shown next to a term (`<dt>`) in the case header facts, e.g. "Tahap". */
function fact(page: Page, term: string): Locator {
  return page
    .locator('dl > div')
    .filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) })
    .getByRole('definition');
}

async function openTab(page: Page, name: string): Promise<Locator> {
  await page
    .getByRole('navigation', { name: 'Bagian kasus' })
    .getByRole('link', { name, exact: true })
    .click();
  const panel = page.getByRole('region', { name, exact: true });
  await see(page, panel, `the case tab "${name}"`);
  return panel;
}

/** Uses the "Ubah tahap" dialog and checks that the stage shown on the case page changed. */
async function changeStage(page: Page, from: string, to: string, closureReason?: string): Promise<void> {
  await step(`change the stage: ${from} → ${to}`, async () => {
    await seeText(page, fact(page, 'Tahap'), from, `the case stage before moving to "${to}"`);
    await page.getByRole('button', { name: 'Ubah tahap' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ubah tahap' });
    await see(page, dialog, 'the stage-change dialog');
    await seeText(
      page,
      dialog.getByText(/^Tahap sekarang:/),
      `Tahap sekarang: ${from}`,
      'the current stage in the dialog',
    );
    await dialog.getByRole('radio', { name: to, exact: true }).check();
    if (closureReason) await dialog.getByLabel('Alasan terminasi').selectOption({ label: closureReason });
    await dialog.getByRole('textbox', { name: 'Catatan (opsional)' }).fill(`Pindah ke tahap ${to}.`);
    await dialog.getByRole('button', { name: 'Konfirmasi' }).click();
    await notSee(page, dialog, `the stage-change dialog after confirming "${to}" (did the server refuse?)`);
    await seeText(page, fact(page, 'Tahap'), to, `the case stage after moving to "${to}"`);
  });
}

describe('a new case manager works a case from intake to closure', () => {
  test('sign-in with 2FA enrolment, new case, every stage, then find it by name', async () => {
    const { page } = await env.newPage();

    const orgName = await step('create the user through the admin API', async () => {
      const manager = await env.api('manajer@lebak.demo');
      const me = await manager.get('/api/v1/auth/me');
      expect(me.status, 'GET /auth/me as manajer@lebak.demo').toBe(200);
      const admin = await env.api('admin@lebak.demo');
      const created = await admin.post('/api/v1/admin/users', {
        email: USER.email,
        name: USER.name,
        role: 'manajer',
        orgId: me.body.user.orgId,
        password: USER.password,
      });
      expect(created.status, `create user: ${JSON.stringify(created.body)}`).toBe(201);
      return me.body.user.orgName as string;
    });

    await step('sign in and land on two-factor enrolment', async () => {
      await submitSignIn(page, USER.email, USER.password);
      await seePath(page, '/keamanan/2fa', 'the two-factor enrolment page after the first sign-in');
      await see(
        page,
        page.getByRole('heading', { name: 'Verifikasi dua langkah', level: 1 }),
        'the enrolment heading',
      );
      // a role that reads victims' data may not skip this
      await notSee(
        page,
        page.getByRole('link', { name: 'Lewati untuk saat ini' }),
        'a way to skip enrolment',
      );
      await notSee(
        page,
        page.getByRole('navigation', { name: 'Menu utama' }),
        'the main menu before enrolment',
      );
    });

    await step('enrol an authenticator and keep the recovery codes', async () => {
      await page.getByRole('button', { name: 'Mulai aktivasi' }).click();
      const qr = page.getByRole('img', { name: 'Kode QR untuk aplikasi autentikator' });
      await see(page, qr, 'the QR code to scan');
      await see(page, qr.locator('svg'), 'the QR code drawn as an <svg>');
      const secretText = await page
        .getByRole('paragraph')
        .filter({ hasText: /^Kunci rahasia:/ })
        .getByRole('code')
        .textContent();
      const secret = (secretText ?? '').replace(/\s/g, '');
      expect(secret, 'the secret key shown for manual entry').toMatch(/^[A-Z2-7]{16,}$/);
      const code = await generate({ secret, epoch: Math.floor(env.h.now.value.getTime() / 1000) });

      // a mistyped code is refused with a message, and the user stays signed in on this page
      const typo = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
      await page.getByLabel('Kode 6 digit').fill(typo);
      await page.getByRole('button', { name: 'Aktifkan', exact: true }).click();
      await see(
        page,
        page.getByRole('alert').filter({ hasText: 'Kode verifikasi salah' }),
        'the error for a wrong code',
      );
      await seePath(page, '/keamanan/2fa', 'still the enrolment page after a wrong code');

      const codeField = page.getByLabel('Kode 6 digit');
      await codeField.fill(code);
      expect(await codeField.inputValue(), 'the right code in the field before sending it').toBe(code);
      await page.getByRole('button', { name: 'Aktifkan', exact: true }).click();
      await see(
        page,
        page.getByRole('heading', { name: 'Verifikasi dua langkah aktif', level: 1 }),
        'confirmation that two-factor is on',
      );
      const codes = page.getByRole('list', { name: 'Kode pemulihan' }).getByRole('listitem');
      await see(page, codes.first(), 'the recovery codes');
      expect(await codes.count(), 'number of recovery codes shown').toBe(10);
      await page.getByRole('button', { name: 'Saya sudah menyimpan kode ini, lanjutkan' }).click();
      await seePath(page, '/', 'the home page after enrolment');
      await see(
        page,
        page.getByRole('heading', { name: 'Pekerjaan saya', level: 1 }),
        'the home page "Pekerjaan saya"',
      );
    });

    const caseNumber = await step('record a new complaint', async () => {
      await page
        .getByRole('navigation', { name: 'Menu utama' })
        .getByRole('link', { name: 'Kasus baru' })
        .click();
      await see(
        page,
        page.getByRole('heading', { name: 'Pengaduan baru', level: 1 }),
        'the new-complaint form',
      );
      await page.getByLabel('Saluran pengaduan').selectOption({ label: 'Datang langsung' });
      await page.getByLabel('Waktu diterima').fill(`${daysAgo(3)}T09:30`);
      await page
        .getByLabel('Ringkasan singkat')
        .fill('Korban datang langsung ke UPTD PPA didampingi kakaknya.');
      await page.getByRole('button', { name: 'Buat kasus' }).click();
      await seePath(page, /^\/kasus\/[0-9a-f-]{36}$/, 'the new case page');
      const heading = page.getByRole('heading', { level: 1 });
      await seeText(page, heading, /PPA-3602-\d{4}-\d{6}/, 'the case number heading');
      const number = ((await heading.textContent()) ?? '').match(/PPA-3602-\d{4}-\d{6}/)![0];
      await seeText(page, fact(page, 'Manajer kasus'), USER.name, 'the case manager (the creator)');
      return number;
    });
    const caseUrl = new URL(page.url()).pathname;

    await changeStage(page, 'Penerimaan pengaduan', 'Identifikasi');

    await step('the assessment cannot start before the identification is complete', async () => {
      await page.getByRole('button', { name: 'Ubah tahap' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ubah tahap' });
      await dialog.getByRole('radio', { name: 'Asesmen biopsikososial', exact: true }).check();
      await dialog.getByRole('button', { name: 'Konfirmasi' }).click();
      await see(
        page,
        dialog
          .getByRole('alert')
          .filter({ hasText: 'Lengkapi jenis kasus, tingkat risiko, dan kewenangan terlebih dahulu.' }),
        'why the stage cannot change yet',
      );
      await dialog.getByRole('button', { name: 'Batal' }).click();
      await notSee(page, dialog, 'the stage-change dialog after "Batal"');
      await seeText(page, fact(page, 'Tahap'), 'Identifikasi', 'the case stage after the refused change');
    });

    await step('add the victim', async () => {
      const tab = await openTab(page, 'Orang');
      const victims = tab.getByRole('region', { name: 'Korban', exact: true });
      await see(page, victims.getByText('Belum ada data korban.'), 'the empty victim list');
      await victims.getByRole('button', { name: 'Tambah korban' }).click();
      const form = page.getByRole('form', { name: 'Tambah korban' });
      await form.getByLabel('Nama', { exact: true }).fill(VICTIM.name);
      await form.getByLabel('Jenis kelamin').selectOption({ label: 'Perempuan' });
      await form.getByLabel('Tanggal lahir').fill(VICTIM.birthDate);
      await form.getByLabel('NIK', { exact: true }).fill(VICTIM.nik);
      await form.getByLabel('Pekerjaan').selectOption({ label: 'Ibu Rumah Tangga' });
      await form.getByRole('button', { name: 'Simpan' }).click();
      await notSee(page, form, 'the victim form after saving (did the server refuse?)');
      const card = victims
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: VICTIM.name }) });
      await see(page, card, `the victim card for ${VICTIM.name}`);
      await seeText(
        page,
        card.locator('dl > div').filter({ hasText: 'NIK' }).getByRole('definition'),
        VICTIM.nik,
        'the victim NIK',
      );
    });

    await step('add the alleged perpetrator and the relationship', async () => {
      const tab = page.getByRole('region', { name: 'Orang', exact: true });
      const perps = tab.getByRole('region', { name: 'Terlapor (terduga pelaku)' });
      await perps.getByRole('button', { name: 'Tambah terlapor' }).click();
      const form = page.getByRole('form', { name: 'Tambah terlapor' });
      await form.getByLabel('Nama', { exact: true }).fill(PERPETRATOR);
      await form.getByLabel('Jenis kelamin').selectOption({ label: 'Laki-laki' });
      await form.getByLabel('Perkiraan usia (tahun)').fill('41');
      await form.getByLabel('Hubungan dengan korban').fill('Suami');
      await form.getByRole('button', { name: 'Simpan' }).click();
      await notSee(page, form, 'the perpetrator form after saving (did the server refuse?)');
      await see(
        page,
        perps.getByRole('heading', { name: PERPETRATOR }),
        `the perpetrator card for ${PERPETRATOR}`,
      );

      await tab
        .getByLabel(`Hubungan ${PERPETRATOR} dengan korban ${VICTIM.name}`)
        .selectOption({ label: 'Suami/Istri' });
      await tab.getByRole('button', { name: `Simpan hubungan ${PERPETRATOR} dengan ${VICTIM.name}` }).click();
      await see(
        page,
        tab.getByRole('status').filter({ hasText: 'Perubahan tersimpan.' }),
        'the relationship saved',
      );
    });

    await step('record the incident', async () => {
      const tab = await openTab(page, 'Kejadian');
      await tab.getByRole('button', { name: 'Tambah kejadian' }).click();
      const form = page.getByRole('form', { name: 'Tambah kejadian' });
      await form.getByLabel('Tanggal kejadian').fill(daysAgo(5));
      await form.getByLabel('Tempat kejadian').selectOption({ label: 'Rumah Tangga' });
      const forms = form.getByRole('group', { name: /Bentuk kekerasan/ });
      await forms.getByRole('checkbox', { name: 'Fisik', exact: true }).check();
      await forms.getByRole('checkbox', { name: 'Psikis', exact: true }).check();
      await form
        .getByLabel('Kronologi')
        .fill('Terlapor memukul korban di rumah setelah bertengkar soal uang belanja.');
      await form.getByRole('button', { name: 'Simpan' }).click();
      await notSee(page, form, 'the incident form after saving (did the server refuse?)');
      const card = tab
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: /Rumah Tangga/ }) });
      await see(page, card, 'the incident card');
      await seeText(
        page,
        card.locator('dl > div').filter({ hasText: 'Bentuk kekerasan' }).getByRole('definition'),
        'Fisik, Psikis',
        'the forms of violence of the incident',
      );
    });

    await step('complete the identification: case type, risk, authority', async () => {
      const tab = await openTab(page, 'Ringkasan');
      const form = tab.getByRole('form', { name: 'Identifikasi kasus' });
      await form.getByLabel('Jenis kasus').selectOption({ label: 'Kekerasan terhadap Perempuan (KtP)' });
      await form.getByLabel('Tingkat risiko').selectOption({ label: 'Tinggi' });
      await form.getByLabel('Kewenangan').selectOption({ label: 'Kewenangan daerah' });
      await form.getByRole('button', { name: 'Simpan' }).click();
      await see(
        page,
        form.getByRole('status').filter({ hasText: 'Perubahan tersimpan.' }),
        'the identification saved',
      );
      await seeText(page, fact(page, 'Tingkat risiko'), 'Tinggi', 'the risk level in the case header');
    });

    await changeStage(page, 'Identifikasi', 'Asesmen biopsikososial');

    await step('fill the biopsychosocial assessment', async () => {
      const tab = await openTab(page, 'Asesmen');
      await tab.getByLabel('Tanggal asesmen').fill(daysAgo(2));
      await tab.getByLabel('Kondisi fisik').fill('Memar di lengan kiri, sudah diobati di puskesmas.');
      await tab.getByLabel('Kondisi psikologis').fill('Cemas dan sulit tidur sejak kejadian.');
      await tab.getByLabel('Kondisi sosial').fill('Tinggal bersama dua anak; kakak korban siap membantu.');
      await tab.getByLabel('Kondisi ekonomi').fill('Bergantung pada penghasilan terlapor.');
      await tab.getByLabel('Pendidikan', { exact: true }).fill('SLTA.');
      await tab.getByLabel('Kebutuhan layanan').fill('Konseling psikologis dan pendampingan hukum.');
      await tab.getByRole('button', { name: 'Simpan' }).click();
      await see(
        page,
        tab.getByRole('status').filter({ hasText: 'Perubahan tersimpan.' }),
        'the assessment saved',
      );
      await see(page, tab.getByText(`Dicatat oleh ${USER.name}`), 'who recorded the assessment');
    });

    await changeStage(page, 'Asesmen biopsikososial', 'Rencana intervensi');

    await step('add a plan item agreed with the beneficiary', async () => {
      const tab = await openTab(page, 'Rencana intervensi');
      await tab.getByRole('button', { name: 'Tambah rencana' }).click();
      const form = page.getByRole('form', { name: 'Tambah rencana' });
      await form
        .getByLabel('Layanan', { exact: true })
        .selectOption({ label: 'Penguatan psikologis / konseling' });
      await form.getByLabel('Lembaga penanggung jawab').selectOption({ label: orgName });
      await form.getByLabel('Target tanggal').fill(daysAgo(0));
      await form.getByRole('checkbox', { name: 'Disepakati bersama penerima manfaat' }).check();
      await form.getByRole('button', { name: 'Simpan' }).click();
      await notSee(page, form, 'the plan form after saving (did the server refuse?)');
      await see(
        page,
        tab.getByText('1 dari 1 rencana sudah disepakati bersama penerima manfaat.'),
        'the plan summary',
      );
    });

    await changeStage(page, 'Rencana intervensi', 'Pelaksanaan layanan');

    await step('record a service delivered', async () => {
      const tab = await openTab(page, 'Layanan');
      await tab.getByRole('button', { name: 'Catat layanan' }).click();
      const form = page.getByRole('form', { name: 'Catat layanan' });
      await form.getByLabel('Jenis layanan').selectOption({ label: 'Penguatan psikologis / konseling' });
      await form.getByLabel('Tanggal layanan').fill(daysAgo(1));
      await form.getByLabel('Nama pemberi layanan').fill('Psikolog UPTD PPA Lebak');
      await form.getByLabel('Hasil layanan').fill('Sesi konseling pertama; korban lebih tenang.');
      await form.getByRole('button', { name: 'Simpan' }).click();
      await notSee(page, form, 'the service form after saving (did the server refuse?)');
      const row = tab.getByRole('row').filter({ hasText: 'Psikolog UPTD PPA Lebak' });
      await see(page, row, 'the delivered service in the table');
      await see(
        page,
        row.getByRole('rowheader', { name: 'Penguatan psikologis / konseling' }),
        'the service type',
      );
    });

    await changeStage(page, 'Pelaksanaan layanan', 'Pemantauan dan evaluasi');
    await changeStage(page, 'Pemantauan dan evaluasi', 'Terminasi', 'Kebutuhan layanan terpenuhi');

    await step('see the case closed', async () => {
      await see(
        page,
        page.getByText(/^Kasus diterminasi \(Kebutuhan layanan terpenuhi\) pada /),
        'the closure notice',
      );
    });

    await step('find the case by the victim name and open it', async () => {
      await page
        .getByRole('navigation', { name: 'Menu utama' })
        .getByRole('link', { name: 'Kasus', exact: true })
        .click();
      await see(page, page.getByRole('heading', { name: 'Daftar kasus', level: 1 }), 'the case list');
      const search = page.getByRole('searchbox', { name: 'Cari kasus' });
      const results = page.getByRole('table', { name: 'Daftar kasus' });

      for (const q of [VICTIM.name, 'kusumawardani', VICTIM.nik]) {
        await search.fill(q);
        await page.getByRole('button', { name: 'Cari', exact: true }).click();
        await seePath(page, `/kasus?${new URLSearchParams({ q })}`, `the search for "${q}" in the address`);
        await see(page, page.getByText('1 kasus ditemukan.'), `exactly one result for "${q}"`);
        await see(
          page,
          results.getByRole('link', { name: caseNumber }),
          `case ${caseNumber} in the results for "${q}"`,
        );
        await seeText(
          page,
          results.getByRole('row').filter({ hasText: caseNumber }).getByRole('cell').first(),
          'Terminasi',
          'the stage column of the found case',
        );
      }

      await results.getByRole('link', { name: caseNumber }).click();
      await seePath(page, caseUrl, 'the case page opened from the results');
      await seeText(
        page,
        page.getByRole('heading', { level: 1 }),
        new RegExp(caseNumber),
        'the case number heading',
      );
      await seeText(page, fact(page, 'Tahap'), 'Terminasi', 'the stage of the reopened case page');
    });
  });
});
