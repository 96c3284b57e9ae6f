/**
 * Holidays as data, in the browser (issue 10 §2): the installation's administrator enters a day
 * off at Admin → Hari libur; a mistake in the list is named on its field; the Dinas administrator
 * reads the list and cannot change it. (The deadlines that skip it: test/integration/holidays.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './helpers/flows.ts';
import { notSee, see, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

let env: E2E;
const year = new Date().getFullYear();

beforeAll(async () => {
  env = await start({ cases: 0 });
});
afterAll(async () => {
  await stop(env);
});

describe('holidays', () => {
  test('the administrator enters a day off; a mistake is named; the Dinas administrator only reads', async () => {
    const { page } = await env.newPage();
    await signIn(page, 'admin@lebak.demo');
    await step('the page from the menu, empty for this year', async () => {
      await page
        .getByRole('navigation', { name: 'Menu utama' })
        .getByRole('link', { name: 'Hari libur' })
        .click();
      await see(
        page,
        page.getByRole('heading', { name: 'Hari libur nasional dan cuti bersama', level: 1 }),
        'the page',
      );
      await see(page, page.getByText(`Belum ada hari libur untuk tahun ${year}`), 'the empty list');
    });
    await step('a date of another year is named on its field, and nothing is saved', async () => {
      await page.getByRole('button', { name: 'Tambah hari libur' }).click();
      await page.getByLabel('Tanggal').fill(`${year + 1}-01-01`);
      await page.getByLabel('Nama hari libur').fill('Tahun Baru (salah tahun)');
      await page.getByRole('button', { name: `Simpan daftar tahun ${year}` }).click();
      await see(
        page,
        page.getByRole('alert').getByText('Tanggal ini tidak termasuk tahun yang diubah.').first(),
        'the field error',
      );
    });
    await step('corrected, it is saved', async () => {
      await page.getByLabel('Tanggal').fill(`${year}-12-24`);
      await page.getByLabel('Nama hari libur').fill('Cuti bersama Natal (uji)');
      await page.getByLabel('Jenis').selectOption({ label: 'Cuti bersama' });
      await page.getByRole('button', { name: `Simpan daftar tahun ${year}` }).click();
      await see(
        page,
        page.getByText(`Daftar hari libur tahun ${year} disimpan (1 hari).`),
        'the confirmation',
      );
    });
    const rows = await env.h.svc.conn.db.selectFrom('holiday').select(['date', 'kind']).execute();
    expect(rows.map((r) => [String(r.date), r.kind])).toEqual([[`${year}-12-24`, 'cuti_bersama']]);

    const { page: dinas } = await env.newPage();
    await signIn(dinas, 'admin-dinas@lebak.demo');
    await step('the Dinas administrator reads the list, with no way to change it', async () => {
      await dinas.goto('/admin/hari-libur');
      const table = dinas.getByRole('table', { name: `Hari libur tahun ${year}` });
      await see(dinas, table.getByRole('cell', { name: 'Cuti bersama Natal (uji)' }), 'the day in the table');
      await notSee(dinas, dinas.getByRole('button', { name: 'Tambah hari libur' }), 'the add button');
    });
  });
});
