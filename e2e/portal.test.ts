/**
 * The public report pages in Chromium: a report sent with JavaScript off (regions chosen by
 * server round trips) and on (regions fetched, emergency numbers shown at once), the status
 * page, and the quick exit by button and by Esc twice, with no way back by the Back button.
 * The "neutral site" is a tiny local server, so nothing leaves the machine.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { notSee, see, seeText, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

let env: E2E;
let neutral: Server;
let neutralUrl: string;

beforeAll(async () => {
  neutral = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="id"><title>Cuaca</title><h1>Prakiraan cuaca</h1></html>');
  });
  const port = await new Promise<number>((resolve) =>
    neutral.listen(0, '127.0.0.1', () => resolve((neutral.address() as AddressInfo).port)),
  );
  neutralUrl = `http://127.0.0.1:${port}/cuaca`;
  env = await start({ cases: 0, app: { quickExitUrl: neutralUrl } });
});

afterAll(async () => {
  await stop(env);
  await new Promise((r) => neutral?.close(r));
});

async function inLebakInbox(code: string) {
  const c = await env.api('pengaduan@lebak.demo');
  const list = await c.get('/api/v1/intake?pageSize=100');
  expect(list.status, 'GET /api/v1/intake as pengaduan@lebak.demo').toBe(200);
  return list.body.items.find((i: { code: string }) => i.code === code);
}

async function readCodes(page: Page) {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, the rendered text
  const code = (await page.locator('#kode').innerText()).trim();
  // biome-ignore lint/performance/useDomNodeTextContent: as above
  const secret = (await page.locator('#rahasia').innerText()).trim();
  expect(code, 'the follow-up code').toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  expect(secret, 'the secret').toMatch(/^\d{5} \d{5} \d{5}$/);
  return { code, secret };
}

let sent: { code: string; secret: string } | undefined;

describe('public report pages', () => {
  test('a report sent with JavaScript switched off, choosing the region step by step', async () => {
    const { page } = await env.newPage({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    await page.goto('/lapor');
    await see(page, page.getByRole('heading', { name: 'Lapor kekerasan', level: 1 }), 'the report form');
    await see(page, page.getByRole('link', { name: 'Keluar cepat' }), 'the quick-exit link');
    await notSee(page, page.locator('#darurat'), 'the emergency box before anyone says there is danger');
    await step('who and what', async () => {
      await page.getByLabel('Saya melaporkan orang lain').check();
      await page.getByLabel('Perempuan', { exact: true }).check();
      await page.getByLabel('Anak 6–12 tahun').check();
      await page.getByLabel('Dihina, diancam, ditakut-takuti').check();
      await page
        .getByLabel('Ceritakan singkat')
        .fill('Anak dimarahi dan diancam setiap malam (uji e2e tanpa JS).');
    });
    await step('the region, one server round trip per level', async () => {
      await page.getByLabel('Provinsi').selectOption({ label: 'Banten' });
      await page.getByRole('button', { name: 'Pilih' }).first().click();
      await see(
        page,
        page.locator('#f-kab:not([disabled])'),
        'the kab/kota list after choosing the province',
      );
      await page.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Lebak' });
      await page.getByRole('button', { name: 'Pilih' }).nth(1).click();
      await see(
        page,
        page.locator('#f-kec:not([disabled])'),
        'the kecamatan list after choosing the kab/kota',
      );
      await page.getByLabel('Kecamatan').selectOption({ label: 'Malingping' });
      // what was entered before the round trips is still there
      expect(await page.getByLabel('Saya melaporkan orang lain').isChecked()).toBe(true);
      expect(await page.getByLabel('Ceritakan singkat').inputValue()).toContain('uji e2e tanpa JS');
    });
    await step('danger now, no contact, send', async () => {
      await page.getByLabel('Ya', { exact: true }).check();
      await page.getByLabel('Jangan hubungi saya').check();
      await page.getByRole('button', { name: 'Kirim laporan' }).click();
      await see(page, page.getByRole('heading', { name: 'Laporan Anda sudah diterima' }), 'the confirmation');
    });
    await step('emergency numbers come first; code and secret are shown', async () => {
      const sos = page.locator('#darurat');
      await see(page, sos, 'the emergency numbers on the confirmation');
      await seeText(page, sos, /110[\s\S]*112[\s\S]*SAPA 129/, 'the emergency box');
      const boxTop = (await sos.boundingBox())!.y;
      const h1Top = (await page.locator('h1').boundingBox())!.y;
      expect(boxTop, 'the emergency box is above the heading').toBeLessThan(h1Top);
      const { code } = await readCodes(page);
      const item = await inLebakInbox(code);
      expect(item, 'the report in the Lebak inbox').toMatchObject({
        dangerNow: true,
        regionCode: '36.02.01',
      });
    });
  });

  test('a report sent with JavaScript on: regions fetched in place, emergency numbers at once', async () => {
    const { page } = await env.newPage({ viewport: { width: 360, height: 740 } });
    // a blocked style or script (CSP) or a script error shows up here
    const problems: string[] = [];
    // (the form shown again with its errors is a 400 answer, which Chromium also logs: not a problem)
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 400/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto('/lapor');
    await see(page, page.getByRole('heading', { name: 'Lapor kekerasan', level: 1 }), 'the report form');
    await notSee(page, page.getByRole('button', { name: 'Pilih' }), 'the no-JavaScript "Pilih" buttons');
    await page.getByLabel('Saya sendiri korban').check();
    await page.getByLabel('Dipukul, ditendang, dilukai').check();
    await page.getByLabel('Provinsi').selectOption({ label: 'Banten' });
    await expect
      .poll(() => page.locator('#f-kab:not([disabled]) option').allTextContents(), { timeout: 10_000 })
      .toContain('Kabupaten Lebak');
    await page.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Lebak' });
    await expect
      .poll(() => page.locator('#f-kec:not([disabled]) option').allTextContents(), { timeout: 10_000 })
      .toContain('Bayah');
    await page.getByLabel('Kecamatan').selectOption({ label: 'Bayah' });
    expect(page.url(), 'no page load while choosing').toMatch(/\/lapor$/);
    await page.getByLabel('Ya', { exact: true }).check();
    await see(page, page.getByRole('alert').filter({ hasText: '112' }), 'the emergency numbers right away');
    await page.getByLabel('Tidak', { exact: true }).check();
    await notSee(page, page.locator('#darurat'), 'the emergency box after answering "no"');
    await page.getByLabel('WhatsApp', { exact: true }).check();
    await page.getByLabel('Nomor HP / WhatsApp').fill('0812 3456 7890');
    await page.getByLabel('Waktu yang aman').fill('pagi jam 9–11');
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await step('consent is missing: the summary says so and its link leads to the field', async () => {
      const summary = page.getByRole('alert').filter({ hasText: 'Ada yang perlu diperbaiki' });
      await see(page, summary, 'the error summary');
      await summary.getByRole('link', { name: /Centang persetujuan/ }).click();
      expect(page.url()).toContain('#f-consentContact');
      await page.getByLabel('Saya setuju dihubungi').check();
      // the region chosen with the script survived the round trip
      expect(await page.getByLabel('Kecamatan').inputValue()).toBe('36.02.03');
      await page.getByRole('button', { name: 'Kirim laporan' }).click();
    });
    await see(page, page.getByRole('heading', { name: 'Laporan Anda sudah diterima' }), 'the confirmation');
    sent = await readCodes(page);
    const item = await inLebakInbox(sent.code);
    expect(item).toMatchObject({ dangerNow: false, regionCode: '36.02.03', channel: 'daring' });
    expect(problems, 'browser errors').toEqual([]);
  });

  test('the status page shows the state in plain words and takes more information', async () => {
    expect(sent, 'a report from the previous test').toBeDefined();
    const { page } = await env.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto('/lapor/status');
    await page.getByLabel('Kode tindak lanjut').fill(sent!.code);
    await page.getByLabel('Nomor rahasia').fill('00000 00000 00000');
    await page.getByRole('button', { name: 'Lihat status' }).click();
    await see(
      page,
      page.getByText('Kode tindak lanjut atau nomor rahasia tidak cocok.'),
      'one message for a wrong secret',
    );
    await page.getByLabel('Nomor rahasia').fill(sent!.secret.toLowerCase());
    await page.getByRole('button', { name: 'Lihat status' }).click();
    await see(page, page.getByText('Diterima — laporan Anda sudah masuk dan menunggu petugas.'), 'the state');
    await page
      .getByLabel('Pesan atau informasi tambahan untuk petugas')
      .fill('Pelaku pulang malam ini (uji).');
    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    await see(page, page.getByText('Terima kasih, pesan Anda sudah diteruskan ke petugas.'), 'the thanks');
    const item = await inLebakInbox(sent!.code);
    const c = await env.api('pengaduan@lebak.demo');
    const full = await c.get(`/api/v1/intake/${item.id}`);
    expect(full.body.messages.map((m: { body: string }) => m.body)).toContain(
      'Pelaku pulang malam ini (uji).',
    );
  });

  for (const how of ['button', 'Esc twice'] as const) {
    test(`quick exit by ${how} leaves for the neutral site, and Back does not return to the report page`, async () => {
      const { page } = await env.newPage();
      const before = `${neutralUrl}?sebelum`;
      await page.goto(before);
      await page.goto('/lapor');
      await page.getByLabel('Ceritakan singkat').fill('sesuatu yang rahasia');
      if (how === 'button') await page.getByRole('link', { name: 'Keluar cepat' }).click();
      else {
        await page.getByLabel('Ceritakan singkat').press('Escape');
        await page.keyboard.press('Escape');
      }
      await page.waitForURL(neutralUrl, { timeout: 10_000 });
      await see(page, page.getByRole('heading', { name: 'Prakiraan cuaca' }), 'the neutral site');
      await page.goBack();
      await page.waitForLoadState();
      expect(page.url(), 'Back leads to the page before, not to the report form').toBe(before);
      expect(page.url()).not.toContain('/lapor');
    });
  }
});

test('on a slow network a second tap on "Kirim laporan" sends nothing twice, and the receipt shows the secret', async () => {
  const { page } = await env.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto('/lapor');
  await page.getByLabel('Saya ingin tanpa nama').check();
  await page.getByLabel('Dipukul, ditendang, dilukai').check();
  await page.getByLabel('Provinsi').selectOption({ label: 'Banten' });
  await expect
    .poll(() => page.locator('#f-kab:not([disabled]) option').allTextContents(), { timeout: 10_000 })
    .toContain('Kabupaten Lebak');
  await page.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Lebak' });
  await page.getByLabel('Jangan hubungi saya').check();
  // the report takes 1.5 s to leave the phone
  const posts: string[] = [];
  await page.route('**/lapor', async (route) => {
    if (route.request().method() === 'POST') {
      posts.push(route.request().url());
      await new Promise((r) => setTimeout(r, 1500));
    }
    await route.continue();
  });
  // two taps half a second apart, as a person does when nothing seems to happen (done inside the
  // page: the browser driver itself waits while a navigation is pending)
  await page.evaluate(() => {
    const b = document.getElementById('kirim') as HTMLButtonElement;
    b.click();
    setTimeout(() => b.click(), 500);
  });
  await see(page, page.getByRole('heading', { name: 'Laporan Anda sudah diterima' }), 'the receipt');
  expect(posts, 'one POST for two taps').toHaveLength(1);
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText
  expect((await page.locator('#rahasia').innerText()).trim()).toMatch(/^\d{5} \d{5} \d{5}$/);
});
