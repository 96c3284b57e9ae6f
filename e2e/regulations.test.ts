/**
 * Regulations and agreements in the browser (issue 12 §5): the Lebak case manager opens
 * "Regulasi & kerja sama", sees the SK Gugus Tugas KLA due for review highlighted and filtered,
 * records a Perbup (a review date before the date issued is refused with a clear message, then
 * fixed), uploads its PDF and downloads it again; the Dinas administrator adds a third party to an
 * agreement and the new party's staff see it.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backgroundSettled } from '../src/app/background.ts';
import { signIn } from './helpers/flows.ts';
import { notSee, see, seePath, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

const NUMBER = 'Perbup Lebak No. 31 Tahun 2026 (uji e2e)';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

let env: E2E;

beforeAll(async () => {
  env = await start({ cases: 0 });
});

afterAll(async () => {
  if (env) await backgroundSettled(env.h.svc);
  await stop(env);
});

function menu(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name, exact: true });
}

describe('regulations and agreements', () => {
  test('the case manager records a Perbup with its PDF and downloads it', async () => {
    const { page } = await env.newPage();
    await signIn(page, 'manajer@lebak.demo', { home: null });

    await step(
      'the regulations page shows the demo regulations, the one due for review highlighted',
      async () => {
        await menu(page, 'Regulasi & kerja sama').click();
        await seePath(page, '/regulasi', 'the regulations page');
        await see(page, page.getByRole('heading', { name: 'Regulasi daerah', level: 1 }), 'the heading');
        const due = page.getByRole('row').filter({ hasText: 'Gugus Tugas Kabupaten Layak Anak' });
        await see(page, due.getByText('Perlu perhatian'), 'the SK Gugus Tugas KLA due for review');
        await page.getByLabel('Hanya yang perlu ditinjau').check();
        await page.getByRole('button', { name: 'Terapkan' }).click();
        await notSee(
          page,
          page.getByRole('row').filter({ hasText: 'Satuan Tugas Perlindungan Perempuan dan Anak' }),
          'the SK Satgas PPA (not due) after filtering',
        );
        await see(page, due, 'the due regulation still listed');
        // the reminder's link opens the list filtered the same way
        await page.goto('/regulasi?due=1');
        await see(page, due, 'the due regulation from the reminder link');
        await notSee(
          page,
          page.getByRole('row').filter({ hasText: 'Satuan Tugas Perlindungan Perempuan dan Anak' }),
          'a regulation not due, from the reminder link',
        );
        expect(await page.getByLabel('Hanya yang perlu ditinjau').isChecked()).toBe(true);
        await page.getByLabel('Hanya yang perlu ditinjau').uncheck();
        await page.getByRole('button', { name: 'Terapkan' }).click();
        await see(
          page,
          page.getByRole('row').filter({ hasText: 'Satuan Tugas Perlindungan Perempuan dan Anak' }),
          'every regulation again',
        );
      },
    );

    await step('a review date before the date issued is refused, then the Perbup is saved', async () => {
      await page.getByRole('button', { name: 'Catat regulasi' }).click();
      const form = page.getByRole('form', { name: 'Catat regulasi' });
      await see(page, form, 'the regulation form');
      await form.getByLabel('Jenis').selectOption({ label: 'Peraturan Bupati (Perbup)' });
      await form.getByLabel('Nomor').fill(NUMBER);
      await form.getByLabel('Tentang (judul)').fill('Pencegahan Perkawinan Anak');
      await form.getByLabel('Tanggal penetapan').fill('2026-06-15');
      await form.getByLabel('Ditetapkan oleh').fill('Bupati Lebak');
      await form.getByLabel('Tanggal peninjauan').fill('2026-01-10');
      await form.getByRole('button', { name: 'Simpan', exact: true }).click();
      await see(
        page,
        form.getByText('Tanggal peninjauan tidak boleh sebelum tanggal penetapan.').first(),
        'the field error on the review date',
      );
      await form.getByLabel('Tanggal peninjauan').fill('2029-06-15');
      await form.getByRole('button', { name: 'Simpan', exact: true }).click();
      await notSee(page, form, 'the form after saving (did the server refuse?)');
      await see(page, page.getByRole('row').filter({ hasText: NUMBER }), 'the new Perbup in the list');
    });

    await step('its PDF is uploaded and downloads with the same bytes', async () => {
      const row = page.getByRole('row').filter({ hasText: NUMBER });
      await see(page, row.getByText('Belum ada naskah'), 'no text yet');
      await row.getByLabel('Unggah naskah PDF (maks. 20 MB)').setInputFiles({
        name: 'Perbup 31 2026.pdf',
        mimeType: 'application/pdf',
        buffer: PDF,
      });
      await see(
        page,
        page.getByRole('status').filter({ hasText: `Naskah regulasi ${NUMBER} tersimpan.` }),
        'the saved notice',
      );
      const link = row.getByRole('link', { name: 'Perbup 31 2026.pdf' });
      await see(page, link, 'the download link');
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(readFileSync((await download.path())!)).toEqual(PDF);
    });
  });

  test('the Dinas administrator adds a party to an agreement; the new party sees it', async () => {
    const { page } = await env.newPage();
    await signIn(page, 'admin-dinas@lebak.demo', { home: null });
    const api = await env.api('admin-dinas@lebak.demo');
    const agreements = (await api.get('/api/v1/agreements')).body.items as Array<{
      id: string;
      number: string;
      orgName: string;
      partyOrgs: Array<{ orgName: string }>;
    }>;
    const rsud = agreements.find((a) => a.orgName === 'RSUD Lebak (demo)')!;
    expect(rsud.partyOrgs).toHaveLength(2);

    await step('the agreements page lists every party', async () => {
      await page.goto('/direktori/kerja-sama');
      await see(
        page,
        page.getByRole('heading', { name: 'Perjanjian kerja sama (MoU/PKS)', level: 1 }),
        'the page',
      );
      const three = page.getByRole('row').filter({ hasText: 'Pihak ketiga:' });
      await see(page, three.getByText(/UPTD PPA/), 'the three-party agreement with the UPTD PPA');
      await see(page, three.getByRole('link', { name: /Rakor/i }), 'the meeting that decided it');
      // the demo naskah starts after the rakor that decided it: no "held after" note
      expect(await three.getByText('rapat ini diadakan setelah perjanjian mulai berlaku').count()).toBe(0);
      // the subjects are words, never service codes
      expect(await page.getByText('rumah_aman').count()).toBe(0);
    });

    await step('a third party is added to the RSUD agreement', async () => {
      await page.getByRole('button', { name: `Ubah para pihak perjanjian ${rsud.number}` }).click();
      const form = page.getByRole('form', { name: `Para pihak perjanjian ${rsud.number}` });
      await see(page, form, 'the parties form');
      await form
        .getByLabel('Lembaga yang ditambahkan', { exact: true })
        .selectOption({ label: 'Unit PPA Polres Lebak' });
      // positions already held (Pihak pertama, Pihak kedua) are not offered; Mengetahui always is
      const addRole = form.getByLabel('Kedudukan lembaga yang ditambahkan', { exact: true });
      const offered = await addRole.locator('option').allTextContents();
      expect(offered).not.toContain('Pihak pertama');
      expect(offered).not.toContain('Pihak kedua');
      expect(offered).toContain('Mengetahui');
      await addRole.selectOption({ label: 'Pihak ketiga' });
      await form.getByRole('button', { name: 'Tambah pihak' }).click();
      await see(
        page,
        form.getByLabel('Kedudukan Unit PPA Polres Lebak'),
        'the police unit among the parties before saving',
      );
      // a second "Pihak kedua" is refused on its field
      await form.getByLabel('Kedudukan Unit PPA Polres Lebak').selectOption({ label: 'Pihak kedua' });
      await form.getByRole('button', { name: 'Simpan', exact: true }).click();
      await see(
        page,
        form
          .getByRole('alert')
          .getByText(/sudah dipegang lembaga lain/)
          .first(),
        'the duplicate position refused',
      );
      await form.getByLabel('Kedudukan Unit PPA Polres Lebak').selectOption({ label: 'Pihak ketiga' });
      await form.getByRole('button', { name: 'Simpan', exact: true }).click();
      await see(
        page,
        page.getByRole('status').filter({ hasText: `Para pihak perjanjian ${rsud.number} tersimpan.` }),
        'the saved notice',
      );
      const row = page.getByRole('row').filter({ hasText: rsud.number });
      await see(page, row.getByText('Unit PPA Polres Lebak'), 'the new party in the row');
    });

    await step('the police unit’s staff now read the agreement', async () => {
      const police = await env.api('mitra@lebak.demo');
      const r = await police.get(`/api/v1/agreements/${rsud.id}`);
      expect(r.status).toBe(200);
      expect(r.body.partyOrgs.map((p: { role: string }) => p.role)).toEqual([
        'pihak_pertama',
        'pihak_kedua',
        'pihak_ketiga',
      ]);
    });
  });
});
