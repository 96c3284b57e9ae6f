/**
 * A regional flood, as the intake officer of the Lebak UPTD PPA meets it: two hundred reports
 * from the public form have come in within the hour from many senders. A woman reports that someone is
 * in danger now. The officer's bell has the notice; her inbox shows the flood once, as a banner
 * above the list, and the danger report heads the list without a "Dugaan spam" mark.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RATE_LIMITS } from '../src/domain/intake.ts';
import { menuLink, signIn } from './helpers/flows.ts';
import { see, seePath, seeText, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

let env: E2E;

beforeAll(async () => {
  env = await start({ cases: 0 });
});
afterAll(async () => {
  await stop(env);
});

describe('a regional flood in the inbox', () => {
  test('one banner for the flood; the danger report is announced and heads the inbox, unmarked', async () => {
    await step('two hundred reports from other senders in the last minutes (closed already)', async () => {
      const now = env.h.now.value;
      await sql`
        INSERT INTO intake (id, code, jurisdiction, channel, reporter_type, status, received_at, created_at, updated_at)
        SELECT gen_random_uuid(), 'BJ' || lpad(g::text, 7, '0'), '36.02', 'daring', 'anonim', 'ditutup',
               ${now}::timestamptz - g * interval '1 second', now(), now()
        FROM generate_series(1, ${RATE_LIMITS.perRegionPerHour}::int) AS g`.execute(env.h.svc.conn.db);
    });

    const code = await step('a reporter says someone is in danger now, through the public form', async () => {
      const { page } = await env.newPage({ viewport: { width: 360, height: 740 } });
      await page.goto('/lapor');
      await page.getByLabel('Saya melaporkan orang lain').check();
      await page.getByLabel('Perempuan', { exact: true }).check();
      await page.getByLabel('Anak 13–17 tahun').check();
      await page.getByLabel('Dipukul, ditendang, dilukai').check();
      await page
        .getByLabel('Ceritakan singkat')
        .fill('Tetangga sedang memukul anaknya sekarang (uji banjir).');
      await page.getByLabel('Provinsi').selectOption({ label: 'Banten' });
      await see(page, page.locator('#f-kab:not([disabled])'), 'the kab/kota list');
      await page.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Lebak' });
      await see(page, page.locator('#f-kec:not([disabled])'), 'the kecamatan list');
      await page.getByLabel('Kecamatan').selectOption({ label: 'Malingping' });
      await page.getByLabel('Ya', { exact: true }).check();
      await page.getByLabel('Jangan hubungi saya').check();
      await page.getByRole('button', { name: 'Kirim laporan' }).click();
      await see(page, page.getByRole('heading', { name: 'Laporan Anda sudah diterima' }), 'the confirmation');
      return ((await page.locator('#kode').textContent()) ?? '').trim();
    });

    const { page } = await env.newPage();
    await step('the intake officer has the danger notice on her bell', async () => {
      await signIn(page, 'pengaduan@lebak.demo');
      const api = await env.api('pengaduan@lebak.demo');
      const notes = (await api.get('/api/v1/notifications')).body.items as Array<{
        kind: string;
        ref: string;
      }>;
      expect(notes.filter((x) => x.kind === 'laporan_darurat' && x.ref === code)).toHaveLength(1);
    });

    await step('her home page names the danger report, with its deadline, above the counts', async () => {
      const danger = page.getByRole('region', { name: /^Bahaya sekarang: 1 laporan belum ditangani/ });
      await see(page, danger, 'the danger-now block on the home page');
      await see(page, danger.getByRole('link', { name: code }), 'the link to the report');
      await seeText(page, danger, /tanggapi sebelum/, 'its deadline');
    });

    await step('her inbox shows the flood once, above the list', async () => {
      await (await menuLink(page, 'Pengaduan masuk')).click();
      await seePath(page, '/pengaduan', 'the inbox');
      const banner = page.getByRole('status').filter({
        has: page.getByRole('heading', { name: 'Banjir laporan daring di kotak masuk ini' }),
      });
      await see(page, banner, 'the flood banner');
      await seeText(
        page,
        banner,
        new RegExp(`${RATE_LIMITS.perRegionPerHour + 1} laporan masuk dari formulir publik sejak`),
        'how many reports the flood brought',
      );
      await seeText(page, banner, /tetap diberitahukan segera/, 'that danger reports are still announced');
      expect(
        await page.getByRole('heading', { name: 'Banjir laporan daring di kotak masuk ini' }).count(),
      ).toBe(1);
    });

    await step('the danger report heads the list and is not marked as suspected spam', async () => {
      const first = page.locator('table.inbox tbody tr').first();
      await seeText(page, first, new RegExp(code), 'the danger report in the first row');
      expect(await first.getByText('Dugaan spam').count()).toBe(0);
      expect(await page.locator('table.inbox').getByText('Dugaan spam').count()).toBe(0);
    });
  });
});
