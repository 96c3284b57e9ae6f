/**
 * Prevention in Chromium (issue 12 §1 and §7): a Lebak case manager plans an activity on
 * /pencegahan in a desa picked inside the kab/kota, reports it with participant counts, and sees
 * the desa and its people in the coverage (/pencegahan/cakupan), whose XLSX downloads. At 360 px.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { menuLink, signIn } from './helpers/flows.ts';
import { notSee, see, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

let env: E2E;

beforeAll(async () => {
  env = await start({ cases: 0 });
});

afterAll(async () => {
  await stop(env);
});

const TITLE = 'Sosialisasi uji peramban di Cikaratuan';
// yesterday, local time (WIB)
const DAY = new Date(Date.now() + 7 * 3600_000 - 86_400_000).toISOString().slice(0, 10);

describe('prevention activities and coverage (/pencegahan)', () => {
  test('plan an activity, report it with counts, see it in the coverage', async () => {
    const { page } = await env.newPage({ acceptDownloads: true, viewport: { width: 360, height: 800 } });
    await signIn(page, 'manajer@lebak.demo');
    await (await menuLink(page, 'Pencegahan')).click();
    await see(
      page,
      page.getByRole('heading', { name: 'Kegiatan pencegahan', level: 1 }),
      'the prevention page',
    );
    // the demo's partner report waits for the Dinas
    await see(
      page,
      page.getByRole('heading', { name: 'Laporan mitra menunggu penerimaan' }),
      'the acceptance queue',
    );

    await step('plan the activity in a desa of Lebak', async () => {
      // opened from the keyboard, the form's heading takes the focus
      await page.getByRole('button', { name: 'Rencanakan kegiatan baru' }).focus();
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
        .toBe('Rencanakan kegiatan pencegahan');
      const form = page.getByRole('form', { name: 'Rencanakan kegiatan pencegahan' });
      // sent empty: every required field says "Wajib diisi", not "Pilihan tidak dikenal"
      await form.getByRole('button', { name: 'Simpan rencana kegiatan' }).click();
      const summary = page.getByRole('alert');
      await see(
        page,
        summary.filter({ hasText: 'Bidang pencegahan (UU TPKS Pasal 79): Wajib diisi.' }),
        'a blank select is required',
      );
      await see(
        page,
        summary.getByText('Jenis kegiatan: Wajib diisi.'),
        'the kind is not chosen for the user',
      );
      await see(page, summary.getByText('Mulai: Wajib diisi.'), 'a blank time is required');
      await see(page, summary.getByText('Desa/kelurahan: Wajib diisi.'), 'a blank desa is required');
      expect(await summary.getByText(/Pilihan tidak dikenal|Waktu tidak valid/).count()).toBe(0);
      await form.getByLabel('Nama kegiatan').fill(TITLE);
      await form.getByLabel('Jenis kegiatan').selectOption('sosialisasi');
      await form.getByLabel('Bidang pencegahan (UU TPKS Pasal 79)').selectOption('keluarga');
      await form.getByLabel('Mulai').fill(`${DAY}T09:00`);
      // the end before the start is refused with a clear message
      await form.getByLabel('Selesai').fill(`${DAY}T08:00`);
      await form.getByLabel('Kecamatan').selectOption({ label: 'Cigemblong' });
      await form.getByLabel('Desa/Kelurahan').selectOption({ label: 'Cikaratuan' });
      await form.getByLabel('Tempat/latar').selectOption('balai_desa');
      await form.getByRole('button', { name: 'Simpan rencana kegiatan' }).click();
      await see(
        page,
        page.getByRole('alert').filter({ hasText: 'Tanggal berakhir tidak boleh sebelum tanggal mulai' }),
        'the reversed dates refused',
      );
      await form.getByLabel('Selesai').fill(`${DAY}T11:30`);
      await form.getByRole('button', { name: 'Simpan rencana kegiatan' }).click();
      await see(page, page.getByRole('heading', { name: TITLE, level: 1 }), 'the planned activity');
      await see(page, page.getByText('Direncanakan', { exact: true }), 'its status');
    });

    await step('a failed upload is told, and its error goes once the report is sent', async () => {
      await page.getByLabel('Berkas', { exact: true }).setInputFiles({
        name: 'daftar-hadir.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('not a pdf at all'),
      });
      await page.getByRole('button', { name: 'Unggah berkas' }).click();
      await see(
        page,
        page.getByRole('form', { name: 'Unggah berkas' }).getByRole('alert'),
        'the refused upload',
      );
    });

    await step('report it with participant counts', async () => {
      await page.getByLabel('Anak laki-laki').fill('-2');
      await page.getByRole('button', { name: 'Kirim laporan kegiatan' }).click();
      await see(
        page,
        page.getByRole('alert').filter({ hasText: 'Jumlah tidak boleh negatif' }),
        'a negative count refused',
      );
      await page.getByLabel('Anak laki-laki').fill('12');
      await page.getByLabel('Anak perempuan').fill('15');
      await page.getByLabel('Dewasa laki-laki').fill('4');
      await page.getByLabel('Dewasa perempuan').fill('9');
      await page.getByRole('button', { name: 'Kirim laporan kegiatan' }).click();
      await see(page, page.getByText('Dilaporkan', { exact: true }), 'the reported status');
      await see(page, page.getByTestId('participants').filter({ hasText: 'jumlah 40 orang' }), 'the counts');
      // no stale error box of the upload before
      await notSee(page, page.getByRole('alert'), 'the stale upload error');
    });

    await step('the desa and its people are in the coverage', async () => {
      await page.goto('/pencegahan/cakupan');
      await see(
        page,
        page.getByRole('heading', { name: 'Cakupan pencegahan', level: 1 }),
        'the coverage page',
      );
      // the period from that day (the default, 1 January to today, would miss it on 1 January)
      await page.getByLabel('Dari tanggal').fill(DAY);
      await page.getByRole('button', { name: 'Tampilkan cakupan' }).click();
      const row = page
        .getByRole('table', { name: 'Desa/kelurahan terjangkau' })
        .getByRole('row', { name: /Cikaratuan/ });
      await see(page, row, 'the reached desa');
      expect((await row.getByRole('cell').last().textContent())?.trim()).toBe('40');
      await see(page, page.getByRole('link', { name: 'Cetak' }), 'the print link');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Unduh XLSX' }).click(),
      ]);
      const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
      const xml = Object.entries(files)
        .filter(([n]) => n.startsWith('xl/'))
        .map(([, b]) => strFromU8(b))
        .join('\n');
      expect(xml).toContain('Cikaratuan');
    });

    await step('printed: every list in full with the print date, no form, buttons or menu', async () => {
      await page.emulateMedia({ media: 'print' });
      await see(page, page.getByTestId('printed-on').filter({ hasText: /^Dicetak / }), 'the print date');
      await see(page, page.getByRole('heading', { name: /^Kabupaten Lebak, / }), 'the kab/kota and period');
      const never = page.getByTestId('never-reached-print');
      await see(page, never, 'the desa never reached, in full');
      expect(await never.getByRole('listitem').count()).toBeGreaterThan(300);
      await notSee(page, page.getByRole('button', { name: 'Tampilkan cakupan' }), 'the form');
      await notSee(page, page.getByLabel('Dari tanggal'), 'the filter fields');
      await notSee(page, page.getByRole('link', { name: 'Cetak' }), 'the buttons');
      await notSee(page, page.getByRole('navigation').first(), 'the menu');
      await page.emulateMedia({ media: 'screen' });
      await notSee(page, never, 'the printed list on screen');
    });
  });

  test('a planned activity offers neither "held" nor the report before it begins', async () => {
    const { page } = await env.newPage();
    await signIn(page, 'manajer@lebak.demo');
    await page.goto('/pencegahan');
    await page.getByRole('link', { name: 'Parenting daring untuk orang tua siswa' }).first().click();
    await see(
      page,
      page.getByRole('heading', { name: 'Parenting daring untuk orang tua siswa', level: 1 }),
      'the planned activity',
    );
    await see(page, page.getByTestId('report-later'), 'when it can be reported');
    expect(await page.getByRole('button', { name: 'Tandai terlaksana' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Laporkan kegiatan' }).count()).toBe(0);
    // it can still be cancelled
    await see(page, page.getByRole('button', { name: 'Batalkan kegiatan' }), 'the cancel button');
  });
});
