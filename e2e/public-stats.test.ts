/**
 * The public statistics with JavaScript off (issue 11 §3, §7): someone without an account opens
 * /statistik, reads the published tables of a kab/kota and a closed year, changes the year with the
 * plain form, and downloads the same table as CSV; no cookie is set and small counts show as "<5".
 * The figures come from the snapshot the job worker publishes each month: this test publishes it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { publishDueSnapshot } from '../src/app/stats/publish-snapshot.ts';
import { refreshStats } from '../src/app/stats/refresh.ts';
import { see, seePath, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

let env: E2E;

beforeAll(async () => {
  env = await start({ cases: 40 });
  await refreshStats(env.h.svc);
  const r = await publishDueSnapshot(env.h.svc, 5);
  expect(r.published, JSON.stringify(r)).toBe(true);
});

afterAll(async () => {
  await stop(env);
});

describe('public statistics (/statistik)', () => {
  test('works without JavaScript or cookies, and the CSV says the same', async () => {
    const { context, page } = await env.newPage({ javaScriptEnabled: false, acceptDownloads: true });
    const year = new Date().getFullYear() - 1;
    await step('open the page from the public footer', async () => {
      await page.goto('/lapor');
      await page.getByRole('link', { name: 'Statistik', exact: true }).click();
      await see(
        page,
        page.getByRole('heading', { name: 'Statistik kekerasan terhadap perempuan dan anak', level: 1 }),
        'the statistics page',
      );
      await see(page, page.getByText(/^Data sampai dengan akhir/), 'the date of the snapshot');
    });
    await step(`choose Kabupaten Lebak and the year ${year} with the plain form`, async () => {
      await page.getByLabel('Wilayah').selectOption('36.02');
      await page.getByLabel('Tahun').selectOption(String(year));
      await page.getByLabel('Periode').selectOption({ index: 0 });
      await page.getByRole('button', { name: 'Tampilkan' }).click();
      await seePath(page, new RegExp(`/statistik\\?.*tahun=${year}`), 'the choice in the address');
      await see(
        page,
        page.getByRole('heading', { name: new RegExp(`Lebak.*${year}`), level: 2 }),
        'the heading',
      );
    });
    const tables = page.locator('table');
    expect(await tables.count(), 'the published tables').toBeGreaterThanOrEqual(4);
    const cells = (await page.locator('td').allTextContents()).map((x) => x.trim());
    // a count from 1 to 4 is never printed: it is "<5"
    expect(
      cells.filter((x) => /^[1-4]$/.test(x)),
      'small counts printed as numbers',
    ).toEqual([]);
    await step('download the same table as CSV', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Unduh tabel ini (CSV)' }).click(),
      ]);
      const text = readFileSync((await download.path())!, 'utf8');
      expect(text.charCodeAt(0), 'UTF-8 BOM').toBe(0xfeff);
      for (const v of cells.filter((x) => x === '<5').slice(0, 1)) expect(text).toContain(v);
      expect(
        text.split(/\r?\n/).some((l) => /^\S.*,[1-4]$/.test(l)),
        'a small count in the CSV',
      ).toBe(false);
    });
    expect(await context.cookies(), 'cookies set by the public page').toEqual([]);
  });
});
