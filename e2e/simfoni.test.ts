/**
 * The data officer downloads the SIMFONI export from /simfoni (issue 11 §4): in a session signed
 * in with two-step verification the file arrives as a real download (CSV with BOM, SIMFONI's
 * headings); without it the page says why and links to enrolment.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './helpers/flows.ts';
import { see, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

let env: E2E;

beforeAll(async () => {
  env = await start({ cases: 10 });
});

afterAll(async () => {
  await stop(env);
});

describe('SIMFONI export (/simfoni)', () => {
  test('the data officer gets the file only in a two-step session', async () => {
    const { page } = await env.newPage({ acceptDownloads: true });
    await signIn(page, 'data@lebak.demo', { home: null });
    await page.goto('/simfoni');
    await see(page, page.getByRole('heading', { name: 'Ekspor untuk SIMFONI' }), 'the export form');
    await see(page, page.getByRole('link', { name: 'Aktifkan verifikasi dua langkah' }), 'the way to enrol');

    await step('in a session verified by two-step sign-in, the export downloads', async () => {
      // as if this session had been signed in with a one-time code (the e2e demo skips enrolment)
      await env.h.svc.conn.db
        .updateTable('session')
        .set({ mfa_verified: true })
        .where(
          'user_id',
          '=',
          (
            await env.h.svc.conn.db
              .selectFrom('app_user')
              .select('id')
              .where('email', '=', 'data@lebak.demo')
              .executeTakeFirstOrThrow()
          ).id,
        )
        .execute();
      await page.reload();
      const year = new Date().getFullYear();
      await page.getByLabel('Dilaporkan dari tanggal').fill(`${year - 2}-01-01`);
      await page.getByLabel('Sampai tanggal').fill(`${year}-01-01`);
      await page.getByLabel('Alasan ekspor').fill('Input bulanan ke SIMFONI-PPA (uji peramban)');
      await page.getByLabel('Jenis berkas').selectOption('csv');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Unduh ekspor' }).click(),
      ]);
      const bytes = readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)], 'UTF-8 BOM').toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.subarray(3).toString('utf8').split('\r\n')[0]).toContain('Jenis kelamin');
    });
  });
});
