/**
 * Training in Chromium (issue 12 §2): a Lebak case manager sees who misses a required training,
 * creates a "perspektif korban" training (a reversed date is refused first), adds the companion,
 * records attendance and completion, downloads the certificate (a PDF with the companion's name and
 * a code), and the gap view has one missing training fewer.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pngBytes } from '../test/helpers/files.ts';
import { pdfQrTexts } from '../test/helpers/pdf-qr.ts';
import { pdfText } from '../test/helpers/pdf-text.ts';
import { menuLink, signIn } from './helpers/flows.ts';
import { see, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

let env: E2E;

beforeAll(async () => {
  env = await start({ cases: 0 });
});

afterAll(async () => {
  await stop(env);
});

const TITLE = 'Pelatihan Perspektif Korban Uji Peramban';
const COMPANION = 'Demo pendamping lebak';

async function missingCount(page: import('playwright-core').Page): Promise<number> {
  await page.goto('/pelatihan/kebutuhan');
  const summary = page.locator('#tr-gap-summary');
  await see(page, summary, 'the gap summary');
  const m = /\((\d+) pelatihan kurang\)/.exec((await summary.textContent()) ?? '');
  return Number(m?.[1] ?? Number.NaN);
}

describe('training (/pelatihan)', () => {
  test('create an event, record attendance, download a certificate, the gap view shrinks', async () => {
    const { page } = await env.newPage({ acceptDownloads: true, viewport: { width: 360, height: 800 } });
    await signIn(page, 'manajer@lebak.demo');
    await (await menuLink(page, 'Pelatihan')).click();
    await see(
      page,
      page.getByRole('heading', { name: 'Pelatihan dan peningkatan kapasitas', level: 1 }),
      'the page',
    );

    const before = await missingCount(page);
    expect(before).toBeGreaterThan(0);
    const row = page.getByRole('row').filter({ hasText: COMPANION });
    await see(
      page,
      row.getByText(/Perspektif korban dan gender: belum pernah/),
      'the companion’s missing training',
    );

    await step('a reversed date is refused with a clear error', async () => {
      await page.goto('/pelatihan');
      await page.getByText('Buat kegiatan pelatihan baru').click();
      await page.getByLabel('Judul kegiatan').fill(TITLE);
      await page.getByLabel('Jenis pelatihan').selectOption({ label: 'Perspektif korban dan gender' });
      await page.getByLabel('Tanggal mulai').fill('2026-11-25');
      await page.getByLabel('Tanggal selesai').fill('2026-11-24');
      await page.getByLabel('Penyelenggara').selectOption({ label: 'Dinas PPPA Kabupaten Lebak' });
      await page.getByLabel('Narasumber/pelatih').fill('Maria Ulfah; WCC Uji');
      await page.getByRole('button', { name: 'Simpan kegiatan pelatihan' }).click();
      await see(
        page,
        page.getByRole('alert').getByText(/Tanggal berakhir tidak boleh sebelum tanggal mulai/),
        'the date error in the summary',
      );
    });

    await step('with the dates in order the event is created and opens', async () => {
      await page.getByLabel('Tanggal selesai').fill('2026-11-26');
      await page.getByRole('button', { name: 'Simpan kegiatan pelatihan' }).click();
      await see(page, page.getByRole('heading', { name: TITLE, level: 1 }), 'the new event');
    });

    await step('a material is uploaded and listed for download', async () => {
      await page.getByLabel('Berkas materi').setInputFiles({
        name: 'materi-perspektif.png',
        mimeType: 'image/png',
        buffer: Buffer.from(pngBytes()),
      });
      await page.getByRole('button', { name: 'Unggah materi' }).click();
      await see(page, page.getByRole('link', { name: 'materi-perspektif.png' }), 'the material');
    });

    await step('the companion is added, attends and completes', async () => {
      await page
        .getByLabel('Pengguna Simpul')
        .selectOption({ label: `${COMPANION} — UPTD PPA Kabupaten Lebak` });
      await page.getByRole('button', { name: 'Tambah peserta' }).click();
      await see(page, page.getByText(`${COMPANION} ditambahkan.`), 'the participant added');
      // someone on the list is not offered again
      await expect
        .poll(() => page.getByLabel('Pengguna Simpul').locator('option', { hasText: COMPANION }).count())
        .toBe(0);
      // at 360 px the row's column heading says "Kehadiran": the name is for screen readers only
      const attendanceLabel = page.locator('label', { hasText: `Kehadiran ${COMPANION}` });
      expect((await attendanceLabel.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
      await page.getByLabel(`Kehadiran ${COMPANION}`, { exact: true }).selectOption('hadir');
      await page.getByLabel(`Lulus/selesai: ${COMPANION}`).check();
      // each row's button is named for its participant
      await page.getByRole('button', { name: `Simpan kehadiran ${COMPANION}`, exact: true }).click();
      await see(
        page,
        page.getByRole('link', { name: `Unduh sertifikat ${COMPANION} (PDF)` }),
        'the certificate link',
      );
    });

    await step('a participant added by mistake is removed; one with a certificate is not', async () => {
      const guest = 'Peserta Keliru Uji';
      await page.getByLabel('Nama peserta tanpa akun').fill(guest);
      await page.getByLabel('Lembaga peserta').selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Tambah peserta' }).click();
      await see(page, page.getByText(`${guest} ditambahkan.`), 'the guest added');
      page.once('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: `Hapus peserta ${guest}`, exact: true }).click();
      await see(page, page.getByText(`${guest} dihapus dari daftar peserta.`), 'the guest removed');
      // the list reloads after the message: wait for the row to go
      await page.getByRole('row').filter({ hasText: guest }).waitFor({ state: 'detached', timeout: 10_000 });
      // the companion completed: no remove button, a note instead
      expect(await page.getByRole('button', { name: `Hapus peserta ${COMPANION}` }).count()).toBe(0);
    });

    await step('the certificate downloads with the name, the training and a code', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: `Unduh sertifikat ${COMPANION} (PDF)` }).click(),
      ]);
      const text = (await pdfText(readFileSync((await download.path())!))).replace(/\s+/g, ' ');
      expect(text).toContain(COMPANION);
      expect(text).toContain(TITLE);
      expect(text).toMatch(/Kode verifikasi: [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
      // the full address of the check page with the code, and its QR code opening the result
      const qrs = await pdfQrTexts(readFileSync((await download.path())!));
      expect(qrs).toHaveLength(1);
      expect(qrs[0]).toMatch(
        new RegExp(`^${env.baseUrl}/verifikasi\\?kode=[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$`),
      );
      expect(text.replace(/\s+/g, '')).toContain(qrs[0]!.replace(/\s+/g, ''));
      const check = (await env.newPage()).page;
      await check.goto(qrs[0]!);
      await see(
        check,
        check.getByRole('heading', { name: 'Sertifikat pelatihan ini asli' }),
        'the check result',
      );
      await see(check, check.getByText(COMPANION), 'the name on the check page');
    });

    await step('the gap view has one missing training fewer', async () => {
      expect(await missingCount(page)).toBe(before - 1);
      await see(
        page,
        page
          .getByRole('row')
          .filter({ hasText: COMPANION })
          .getByText(/Manajemen kasus: belum pernah/),
        'the companion still missing case management',
      );
    });
  });
  test('the Dinas administrator adds its own training type and makes it required', async () => {
    const { page } = await env.newPage({ viewport: { width: 360, height: 800 } });
    await signIn(page, 'admin-dinas@lebak.demo', { home: null });
    await page.goto('/pelatihan/kebutuhan');
    await page.getByLabel('Nama jenis pelatihan').fill('Konvensi Hak Anak');
    await page.getByLabel('Kode singkat').fill('Konvensi Hak Anak');
    await page.getByRole('button', { name: 'Tambah jenis pelatihan' }).click();
    await see(page, page.getByRole('alert').getByText('Kode singkat'), 'the code refused in the summary');
    await page.getByLabel('Kode singkat').fill('konvensi_hak_anak');
    await page.getByRole('button', { name: 'Tambah jenis pelatihan' }).click();
    await see(page, page.getByText('Konvensi Hak Anak ditambahkan.'), 'the type added');
    await page.getByLabel('Konvensi Hak Anak wajib untuk Pendamping').check();
    await page.getByRole('button', { name: 'Simpan pelatihan wajib' }).click();
    await see(page, page.getByText('Pelatihan wajib disimpan.'), 'the requirements saved');
    await see(
      page,
      page
        .getByRole('row')
        .filter({ hasText: 'Demo pendamping lebak' })
        .getByText(/Konvensi Hak Anak: belum pernah/),
      'the new requirement in the gap view',
    );
  });
});
