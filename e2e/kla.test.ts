/**
 * The KLA self-evaluation in Chromium (issue 13 §2–4), on the demo's Kota Palangka Raya 2026
 * evaluation (half-finished) and the Kalimantan Tengah province:
 * - an OPD member (Dinas Pendidikan) sees only its own indicators, is told clearly when a
 *   percentage is over 100, a denominator is 0 or evidence is of a wrong type, then fills an
 *   indicator with evidence;
 * - the Gugus Tugas coordinator sees the score and category change, reviews the answer to final
 *   and sends the evaluation to the province;
 * - the province asks for a fix on that indicator with a note and returns the evaluation;
 * - the coordinator sees the note, fixes it and sends it again; the export zip holds the evidence;
 * - the head of the Dinas, on a phone, compares with last year's verified score and downloads the
 *   summary for the Wali Kota.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoPdf } from '../src/app/demo/regulations.ts';
import { menuLink, signIn } from './helpers/flows.ts';
import { see, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

let env: E2E;

beforeAll(async () => {
  // Kota Palangka Raya and the province of Kalimantan Tengah
  env = await start({ regions: ['62'] });
});

afterAll(async () => {
  await stop(env);
});

const TITLE = 'Evaluasi KLA 2026 — Kota Palangkaraya';

async function openEvaluation(page: Page, year: number, title = TITLE): Promise<void> {
  await (await menuLink(page, 'Evaluasi KLA')).click();
  await page
    .getByRole('link', { name: `Buka evaluasi ${year}` })
    .first()
    .click();
  await see(page, page.getByRole('heading', { name: title, level: 1 }), `the ${year} evaluation`);
}

/** The self-assessed total as shown ("612,5"), and the category's line. */
async function score(page: Page): Promise<{ total: string; category: string }> {
  const box = page.locator('.kla-score').first();
  await see(page, box, 'the score');
  return {
    total: ((await box.locator('.kla-total strong').textContent()) ?? '').trim(),
    category: ((await box.getByText(/^Kategori: /).textContent()) ?? '').trim(),
  };
}

const card = (page: Page, n: number): Locator => page.locator(`#indikator-${n}`);

async function openCard(page: Page, n: number): Promise<Locator> {
  const c = card(page, n);
  if ((await c.getAttribute('open')) === null) await c.locator('summary').click();
  return c;
}

describe('KLA self-evaluation (/kla)', () => {
  test('an OPD fills with evidence, the coordinator reviews and sends, the province asks a fix, the kab/kota resubmits, the export downloads', async () => {
    const coord = (await env.newPage()).page;
    const opd = (await env.newPage()).page;
    const prov = (await env.newPage()).page;
    let before = { total: '', category: '' };
    await step('the coordinator reads the score before', async () => {
      await signIn(coord, 'admin-dinas@palangkaraya.demo');
      await openEvaluation(coord, 2026);
      before = await score(coord);
      // last year's verified evaluation is beside it
      await see(coord, coord.getByRole('heading', { name: 'Tahun lalu (2025)' }), "last year's score");
      // the institutional indicators sit beside the coordination module's documents
      const inst = coord.getByRole('region', { name: 'Dokumen kelembagaan dari modul koordinasi' });
      await see(coord, inst.getByText('SK Gugus Tugas KLA', { exact: true }), 'the SK Gugus Tugas KLA');
      await see(coord, inst.getByRole('link', { name: /RAD PPA/ }).first(), 'the RAD covering the year');
    });
    let n = 0;
    await step('the OPD member sees only its own indicators', async () => {
      await signIn(opd, 'disdik@palangkaraya.demo', { home: null });
      // its first page (the partner's referrals) says there is KLA work and leads to it
      await see(
        opd,
        opd.getByText(/Evaluasi KLA 2026 \(Kota Palangkaraya\): lembaga Anda ditugaskan/),
        'the KLA work',
      );
      await opd.getByRole('link', { name: 'Buka indikator KLA 2026' }).click();
      await see(opd, opd.getByRole('heading', { name: TITLE, level: 1 }), 'the 2026 evaluation');
      const cards = opd.locator('details.kla-indicator');
      const count = await cards.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++)
        await expect(cards.nth(i).textContent()).resolves.toContain('Dinas Pendidikan');
      // no score, no other OPD's answers, no downloads for a member
      expect(await opd.locator('.kla-score').count()).toBe(0);
      const open = cards.filter({ hasText: 'Belum diisi' }).first();
      await see(opd, open, 'an indicator still to fill');
      n = Number(((await open.getAttribute('id')) ?? '').replace('indikator-', ''));
      expect(n).toBeGreaterThan(0);
    });
    await step('bad input is refused clearly, then the answer is saved', async () => {
      const c = await openCard(opd, n);
      const percent = (await c.getByLabel('Persentase saja').count()) > 0;
      if (percent) {
        await c.getByLabel('Persentase saja').check();
        await c.getByLabel('Persentase (%)').fill('120');
        await c.getByRole('button', { name: 'Simpan jawaban' }).click();
        await see(opd, c.getByText('Persentase tidak boleh lebih dari 100.').first(), 'over 100 refused');
        await c.getByLabel('Dengan pembilang dan penyebut').check();
        await c.getByLabel('Pembilang', { exact: true }).fill('12');
        await c.getByLabel('Penyebut', { exact: true }).fill('0');
        await c.getByRole('button', { name: 'Simpan jawaban' }).click();
        await see(opd, c.getByText('Penyebut tidak boleh 0.').first(), 'a denominator of 0 refused');
        await c.getByLabel('Pembilang', { exact: true }).fill('95');
        await c.getByLabel('Penyebut', { exact: true }).fill('100');
      } else {
        await c.getByRole('radio').first().check();
      }
      await c.getByLabel('Narasi').fill('Data Dapodik per Desember; rekap terlampir.');
      await c.getByRole('button', { name: 'Simpan jawaban' }).click();
      await see(opd, opd.getByText(`Jawaban indikator ${n} disimpan.`), 'saved');
      await see(opd, c.locator('summary').getByText('Diisi', { exact: true }), 'filled');
    });
    await step('evidence of a wrong type is refused; a PDF is kept', async () => {
      const c = await openCard(opd, n);
      const file = c.getByLabel(`Berkas bukti indikator ${n}`);
      await file.setInputFiles({
        name: 'catatan.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('bukan bukti'),
      });
      await c.getByRole('button', { name: 'Unggah bukti' }).click();
      await see(opd, c.getByText(/Jenis berkas tidak diizinkan/).first(), 'a text file refused');
      // over 20 MB: refused at the field before anything is sent
      await file.setInputFiles({
        name: 'pindaian-besar.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.alloc(21 * 1024 * 1024, 0x25),
      });
      await c.getByRole('button', { name: 'Unggah bukti' }).click();
      await see(
        opd,
        c.locator('.field-error').getByText('Berkas melebihi 20 MB.'),
        'a file too large refused',
      );
      await file.setInputFiles({
        name: 'rekap-dapodik.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(demoPdf('Rekap Dapodik')),
      });
      await c.getByRole('button', { name: 'Unggah bukti' }).click();
      await see(opd, c.getByRole('link', { name: 'rekap-dapodik.pdf' }), 'the evidence listed');
    });
    await step('the coordinator sees the score change, reviews to final and sends', async () => {
      await coord.reload();
      const after = await score(coord);
      expect(after.total).not.toBe(before.total);
      expect(after.category, `${before.category} → ${after.category}`).not.toBe(before.category);
      const c = await openCard(coord, n);
      await see(coord, c.getByRole('link', { name: 'rekap-dapodik.pdf' }), 'the evidence');
      await c.getByRole('button', { name: 'Tandai diperiksa' }).click();
      await c.getByRole('button', { name: 'Tetapkan final' }).click();
      await see(coord, c.locator('summary').getByText('Final', { exact: true }), 'final');
      const send = coord.getByRole('form', { name: 'Kirim ke provinsi' });
      await send.getByRole('button', { name: 'Kirim ke provinsi' }).click();
      // not every indicator is final: it must be said on purpose
      await see(
        coord,
        send.getByText(/Indikator [0-9]+: Indikator ini belum final\./).first(),
        'told which are not final',
      );
      await send.getByLabel(/Kirim juga/).check();
      await send.getByRole('button', { name: 'Kirim ke provinsi' }).click();
      await see(coord, coord.getByText('Evaluasi dikirim ke provinsi.'), 'sent');
      await see(coord, coord.getByText(/terkunci/).first(), 'locked');
    });
    await step('the province asks for a fix and returns the evaluation', async () => {
      await signIn(prov, 'admin-dinas@kalteng.demo');
      await (await menuLink(prov, 'Evaluasi KLA')).click();
      const row = prov.getByRole('row').filter({ hasText: 'Kota Palangkaraya' }).filter({ hasText: '2026' });
      await see(prov, row.getByText('Dikirim ke provinsi'), 'the submission listed');
      await row.getByRole('link', { name: 'Buka evaluasi 2026' }).click();
      await see(prov, prov.getByRole('heading', { name: TITLE, level: 1 }), 'the submission');
      // the province starts on what it has not decided yet
      await expect(prov.getByLabel('Tampilkan').inputValue()).resolves.toBe('undecided');
      const c = await openCard(prov, n);
      const form = c.getByRole('form', { name: 'Verifikasi provinsi' });
      await form.getByLabel('Minta perbaikan').check();
      await form.getByRole('button', { name: 'Simpan verifikasi' }).click();
      await see(prov, form.locator('.field-error').first(), 'a note is required');
      await form.getByLabel('Catatan untuk kabupaten/kota').fill('Lampirkan rekap per kecamatan.');
      await form.getByRole('button', { name: 'Simpan verifikasi' }).click();
      await see(prov, prov.getByText(`Verifikasi indikator ${n} disimpan.`), 'decided');
      // decided, it leaves the list of what is left; all indicators show it asked to be fixed
      await prov.getByLabel('Tampilkan').selectOption('all');
      await see(prov, card(prov, n).locator('summary').getByText('Perlu perbaikan'), 'fix asked');
      await prov.getByRole('button', { name: 'Kembalikan untuk perbaikan' }).click();
      await see(prov, prov.getByText('Evaluasi dikembalikan untuk perbaikan.'), 'returned');
    });
    await step('the coordinator fixes the indicator and sends it again', async () => {
      await coord.reload();
      await see(coord, coord.getByText('Dikembalikan untuk perbaikan').first(), 'returned');
      const c = await openCard(coord, n);
      await see(
        coord,
        c.getByText('Catatan provinsi: Lampirkan rekap per kecamatan.'),
        "the province's note",
      );
      await c.getByLabel('Narasi').fill('Data Dapodik per Desember; rekap per kecamatan terlampir.');
      await c.getByRole('button', { name: 'Simpan jawaban' }).click();
      await see(coord, coord.getByText(`Jawaban indikator ${n} disimpan.`), 'saved');
      await c.getByRole('button', { name: 'Tandai diperiksa' }).click();
      await c.getByRole('button', { name: 'Tetapkan final' }).click();
      await see(coord, c.locator('summary').getByText('Final', { exact: true }), 'final again');
      const send = coord.getByRole('form', { name: 'Kirim ke provinsi' });
      const mark = send.getByLabel(/Kirim juga/);
      if ((await mark.count()) > 0) await mark.check();
      await send.getByRole('button', { name: 'Kirim kembali ke provinsi' }).click();
      await see(coord, coord.getByText('Evaluasi dikirim ke provinsi.'), 'sent again');
    });
    await step('the export for the ministry holds the answer and its evidence', async () => {
      const [download] = await Promise.all([
        coord.waitForEvent('download'),
        coord.getByRole('link', { name: /Berkas untuk kementerian/ }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('KLA-62.71-2026.zip');
      const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
      const names = Object.keys(files);
      expect(names.some((x) => x.endsWith('rekap-dapodik.pdf'))).toBe(true);
      const csv = strFromU8(files[names.find((x) => x.endsWith('jawaban.csv'))!]!);
      expect(csv).toContain('rekap per kecamatan');
    });
  });

  test('the head of the Dinas, on a phone, compares with last year and downloads the summary', async () => {
    const { page } = await env.newPage({ viewport: { width: 360, height: 800 } });
    await signIn(page, 'pimpinan@palangkaraya.demo');
    await openEvaluation(page, 2025, 'Evaluasi KLA 2025 — Kota Palangkaraya');
    await see(page, page.getByText('Terverifikasi').first(), 'verified');
    const self = await score(page);
    const verified = page.locator('.kla-score').filter({ hasText: 'Nilai terverifikasi provinsi' });
    await see(page, verified, 'the verified score beside the self-assessed one');
    const v = ((await verified.locator('.kla-total strong').textContent()) ?? '').trim();
    const num = (s: string) => Number(s.replace(/\./g, '').replace(',', '.'));
    expect(num(v)).toBeLessThan(num(self.total));
    // no horizontal scrolling on a phone
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(360);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Ringkasan untuk Bupati/ }).click(),
    ]);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
