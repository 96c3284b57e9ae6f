/**
 * RAD PPA in Chromium (issue 12 §4, §7): a Lebak case manager opens the demo's "RAD PPA 2026–2030"
 * at 2026 Q4, reads the roll-up of the prevention pillar, reports Q4 of the school campaign (a
 * number over 100 % of a percentage is not involved: it is a count), sees the quarter saved, and
 * back on the plan the pillar has one more activity on track; the police unit's partner sees only
 * its own activities and reports its own.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pngBytes } from '../test/helpers/files.ts';
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

const PILLAR = '1. Pencegahan kekerasan terhadap perempuan dan anak';
const CAMPAIGN = 'Kampanye "Stop Kekerasan terhadap Anak" di sekolah';

describe('RAD PPA (/rad)', () => {
  test('enter a quarter’s progress and see the roll-up change', async () => {
    const { page } = await env.newPage({ viewport: { width: 360, height: 800 } });
    await signIn(page, 'manajer@lebak.demo');
    const onTrack = async () => {
      const table = page.getByRole('table', { name: 'Capaian per pilar' });
      await see(page, table, 'the roll-up by pillar');
      const text = (await table.getByRole('row').filter({ hasText: PILLAR }).textContent()) ?? '';
      const m = /(\d+) dari (\d+) kegiatan sesuai target/.exec(text);
      return { n: Number(m?.[1]), of: Number(m?.[2]), text };
    };
    let before = { n: 0, of: 0, text: '' };
    await step('the plan at 2026 Q4', async () => {
      await (await menuLink(page, 'RAD PPA')).click();
      await page.getByRole('link', { name: 'RAD PPA 2026–2030' }).click();
      await see(page, page.getByRole('heading', { name: 'RAD PPA 2026–2030', level: 1 }), 'the plan');
      await page.getByLabel('Tahun', { exact: true }).selectOption('2026');
      await page.getByLabel('Triwulan', { exact: true }).selectOption('4');
      await page.getByRole('button', { name: 'Tampilkan' }).click();
      await see(
        page,
        page.getByRole('heading', { name: 'Capaian tahun 2026 sampai triwulan 4' }),
        'Q4 chosen',
      );
      before = await onTrack();
      expect(before.of, before.text).toBe(3);
      // the bar's words say the budget too
      await see(
        page,
        page
          .getByRole('table', { name: 'Capaian per lembaga penanggung jawab' })
          .getByText(/Rp .* dari Rp /)
          .first(),
        'the budget used in words',
      );
    });
    await step('report Q4 of the school campaign', async () => {
      await page.getByRole('link', { name: CAMPAIGN }).click();
      await see(page, page.getByRole('heading', { name: CAMPAIGN, level: 1 }), 'the activity');
      await see(page, page.getByRole('heading', { name: 'Triwulan 3 tahun 2026' }), 'the reported quarters');
      // Q4 not reported yet: the standing says the figure is Q3's, not Q4's (review 15)
      await see(
        page,
        page.getByText(/^Laporan terakhir \(triwulan 3\): .*; triwulan 4 belum dilaporkan\.$/),
        'the standing names the quarter of its figure',
      );
      await see(page, page.getByText('Triwulan 4 belum dilaporkan').first(), 'not judged on track');
      // a figure that is not a number is refused in the page, and the saved Q3 figure stays (review M1)
      const q3 = page.getByRole('region', { name: 'Triwulan 3 tahun 2026' });
      const q3Before = (await q3.getByText(/^Realisasi: /).textContent()) ?? '';
      const q3Form = page.getByRole('form', { name: 'Laporan capaian triwulan 3 tahun 2026' });
      await q3Form.getByLabel('Realisasi s.d. triwulan 3').fill('abc');
      await q3Form.getByRole('button', { name: 'Simpan capaian triwulan 3' }).click();
      await see(page, q3Form.getByText('Isi angka, mis. 40 atau 76,5.').first(), '"abc" refused');
      // emptying it asks for the erasure to be chosen
      await q3Form.getByLabel('Realisasi s.d. triwulan 3').fill('');
      await see(
        page,
        q3Form.getByLabel(/Hapus angka realisasi triwulan 3 yang tersimpan/),
        'the erase choice',
      );
      await q3Form.getByRole('button', { name: 'Simpan capaian triwulan 3' }).click();
      await see(page, q3Form.getByText(/Isi angka realisasi, atau pilih/).first(), 'erasing must be chosen');
      await page.reload();
      await see(page, page.getByRole('heading', { name: 'Triwulan 3 tahun 2026' }), 'reloaded');
      expect(
        await page
          .getByRole('region', { name: 'Triwulan 3 tahun 2026' })
          .getByText(/^Realisasi: /)
          .textContent(),
      ).toBe(q3Before);
      const form = page.getByRole('form', { name: 'Laporan capaian triwulan 4 tahun 2026' });
      await form.getByLabel('Realisasi s.d. triwulan 4').fill('-3');
      await form.getByRole('button', { name: 'Simpan capaian triwulan 4' }).click();
      await see(page, form.getByText('Tidak boleh negatif.').first(), 'a negative value refused');
      await form.getByLabel('Realisasi s.d. triwulan 4').fill('42');
      await form.getByLabel('Anggaran terpakai s.d. triwulan 4 (Rp)').fill('110000000');
      await form.getByLabel('Status triwulan 4').selectOption('selesai');
      await form
        .getByLabel('Catatan triwulan 4')
        .fill('Seluruh sekolah sasaran sudah dikunjungi (uji peramban).');
      await form.getByRole('button', { name: 'Simpan capaian triwulan 4' }).click();
      await see(page, page.getByText('Capaian triwulan 4 disimpan.'), 'the quarter saved');
      await see(page, page.getByText('Sampai triwulan 4: 42 dari target 40 (100%)'), 'the standing');
      // evidence for the quarter, kept encrypted and listed with it
      const q4 = page.getByRole('region', { name: 'Triwulan 4 tahun 2026' });
      await q4.getByLabel('Berkas bukti triwulan 4').setInputFiles({
        name: 'daftar-hadir-sekolah.png',
        mimeType: 'image/png',
        buffer: Buffer.from(pngBytes()),
      });
      await q4.getByRole('button', { name: 'Unggah bukti' }).click();
      await see(page, q4.getByRole('link', { name: 'daftar-hadir-sekolah.png' }), 'the evidence listed');
      // the Dinas links the activity to the demo's meeting decision
      await page.getByRole('button', { name: 'Tautkan keputusan rapat atau kegiatan pencegahan' }).click();
      const link = page.getByRole('form', { name: 'Tautkan keputusan rapat atau kegiatan pencegahan' });
      await link.getByLabel('Jenis yang ditautkan').selectOption('meeting_decision');
      await link.getByLabel('Yang ditautkan', { exact: true }).selectOption({ index: 1 });
      await link.getByRole('button', { name: 'Tautkan keputusan rapat atau kegiatan pencegahan' }).click();
      await see(page, page.getByText('Tautan diperbarui.'), 'the link saved');
      await see(
        page,
        page.getByRole('listitem').filter({ hasText: 'Keputusan rapat:' }).first(),
        'the decision listed',
      );
    });
    await step('the pillar has one more activity on track', async () => {
      await page.getByRole('link', { name: 'RAD PPA 2026–2030' }).click();
      await see(
        page,
        page.getByRole('heading', { name: 'Capaian tahun 2026 sampai triwulan 4' }),
        'back at Q4',
      );
      const after = await onTrack();
      expect(after.n, after.text).toBe(before.n + 1);
    });
    await step('the roll-up prints without its forms and downloads as XLSX (review M3)', async () => {
      const xlsx = page.getByRole('link', { name: 'Unduh XLSX' });
      expect(await xlsx.getAttribute('href')).toMatch(
        /\/api\/v1\/rad\/plans\/[0-9a-f-]{36}\/rollup\.xlsx\?year=2026&quarter=4$/,
      );
      const download = page.waitForEvent('download');
      await xlsx.click();
      expect((await download).suggestedFilename()).toMatch(/-2026-tw4\.xlsx$/);
      await page.emulateMedia({ media: 'print' });
      await see(
        page,
        page.getByText(/^Capaian tahun 2026 sampai triwulan 4 · Dicetak /),
        'the printed heading',
      );
      await expect.poll(() => page.getByRole('button', { name: 'Tampilkan' }).isVisible()).toBe(false);
      await expect.poll(() => page.getByRole('button', { name: 'Cetak' }).isVisible()).toBe(false);
      await page.emulateMedia({ media: 'screen' });
    });
  });

  test('the police unit sees only its own activities and reports its own', async () => {
    const { page } = await env.newPage();
    await signIn(page, 'mitra@lebak.demo', { home: null });
    await page.goto('/rad');
    await page.getByRole('link', { name: 'RAD PPA 2026–2030' }).click();
    await see(page, page.getByRole('heading', { name: 'RAD PPA 2026–2030', level: 1 }), 'the plan');
    await expect
      .poll(async () => page.getByRole('link', { name: 'Bantuan hukum gratis bagi korban' }).count())
      .toBe(0);
    await page.getByRole('link', { name: 'Penanganan laporan polisi kasus TPKS dalam 3×24 jam' }).click();
    const form = page.getByRole('form', { name: /Laporan capaian triwulan 4 tahun/ });
    await form.getByLabel('Realisasi s.d. triwulan 4').fill('82,5');
    await form.getByRole('button', { name: 'Simpan capaian triwulan 4' }).click();
    await see(page, page.getByText('Capaian triwulan 4 disimpan.'), 'the partner’s quarter saved');
  });
});
