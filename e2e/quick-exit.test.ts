/**
 * Back after quick exit never shows the report (issue 8 §1), in Chromium with its back/forward
 * cache switched on as in a real browser: with and without JavaScript, by the button and by Esc
 * twice, from a draft, from the one-time receipt after sending, from the status page and after
 * wandering to another public page. After leaving, the Back button (pressed again and again)
 * must never show the story typed, the follow-up code or the secret number — neither in the page
 * nor in a form field restored by the browser.
 * The "neutral site" is a tiny local server, so nothing leaves the machine.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { see } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

let env: E2E;
let neutral: Server;
let neutralUrl: string;
let beforeUrl: string;

beforeAll(async () => {
  neutral = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="id"><title>Cuaca</title><h1>${req.url?.includes('sebelum') ? 'Berita hari ini' : 'Prakiraan cuaca'}</h1></html>`,
    );
  });
  const port = await new Promise<number>((resolve) =>
    neutral.listen(0, '127.0.0.1', () => resolve((neutral.address() as AddressInfo).port)),
  );
  neutralUrl = `http://127.0.0.1:${port}/cuaca`;
  beforeUrl = `http://127.0.0.1:${port}/sebelum`;
  env = await start({ cases: 0, app: { quickExitUrl: neutralUrl }, bfcache: true });
});

afterAll(async () => {
  await stop(env);
  await new Promise((r) => neutral?.close(r));
});

const STORY = 'Ayah tiri memukul saya tiap malam (cerita uji rahasia)';
const NAME = 'Nama Pelapor Uji Rahasia';

/** Everything a person could read on the page: its text and every form field's value. */
async function readable(page: Page): Promise<string> {
  return page
    .evaluate(() => {
      const fields = [...document.querySelectorAll('input, textarea, select')].map((e) => {
        const el = e as HTMLInputElement;
        return el.type === 'checkbox' || el.type === 'radio'
          ? el.checked
            ? `[x]${el.value}`
            : ''
          : el.value;
      });
      return `${document.title}\n${document.body?.textContent ?? ''}\n${fields.join('\n')}`;
    })
    .catch(() => '');
}

/** Presses Back as often as there is history, and checks what each page shows. */
async function backShowsNothing(page: Page, secrets: string[], how: string) {
  const seen: string[] = [];
  for (let i = 0; i < 10; i++) {
    const before = page.url();
    await page.goBack({ waitUntil: 'commit', timeout: 5000 }).catch(() => null);
    // a page shown from the back/forward cache reloads itself; give it the time to
    await page.waitForLoadState('load', { timeout: 5000 }).catch(() => null);
    await page.waitForTimeout(400);
    const text = await readable(page);
    seen.push(`${page.url()}: ${text.slice(0, 120).replace(/\s+/g, ' ')}`);
    for (const s of secrets)
      expect(text, `${how}: Back #${i + 1} (${page.url()}) shows "${s}"\n${seen.join('\n')}`).not.toContain(
        s,
      );
    if (page.url() === before || page.url() === beforeUrl) break;
  }
  expect(page.url(), `${how}: Back ends at the page before the report\n${seen.join('\n')}`).toBe(beforeUrl);
}

async function leave(page: Page, how: 'button' | 'esc') {
  if (how === 'button') await page.locator('#keluar').click();
  else {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
  }
  await page.waitForURL(neutralUrl, { timeout: 10_000 });
  await see(page, page.getByRole('heading', { name: 'Prakiraan cuaca' }), 'the neutral site');
}

async function typeDraft(page: Page) {
  await page.goto(beforeUrl);
  await page.goto('/lapor');
  await page.getByLabel('Saya melaporkan orang lain').check();
  await page.getByLabel('Nama Anda (boleh dikosongkan)').fill(NAME);
  await page.getByLabel('Ceritakan singkat').fill(STORY);
  await page.getByLabel('Dipukul, ditendang, dilukai').check();
}

async function send(page: Page, js: boolean): Promise<{ code: string; secret: string }> {
  await typeDraft(page);
  await page.getByLabel('Provinsi').selectOption({ label: 'Banten' });
  if (!js) await page.getByRole('button', { name: 'Pilih' }).first().click();
  await page.locator('#f-kab:not([disabled])').waitFor();
  await expect
    .poll(() => page.locator('#f-kab option').allTextContents(), { timeout: 10_000 })
    .toContain('Kabupaten Lebak');
  await page.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Lebak' });
  await page.getByLabel('Jangan hubungi saya').check();
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await see(page, page.getByRole('heading', { name: 'Laporan Anda sudah diterima' }), 'the receipt');
  expect(page.url()).toMatch(/\/lapor\/terkirim\//);
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText
  const code = (await page.locator('#kode').innerText()).trim();
  // biome-ignore lint/performance/useDomNodeTextContent: as above
  const secret = (await page.locator('#rahasia').innerText()).trim();
  expect(secret).toMatch(/^\d{5} \d{5} \d{5}$/);
  return { code, secret };
}

for (const js of [true, false]) {
  const mode = js ? 'with JavaScript' : 'without JavaScript';
  const exits: Array<'button' | 'esc'> = js ? ['button', 'esc'] : ['button'];
  describe(`quick exit ${mode}`, () => {
    for (const how of exits) {
      test(`from a draft (${how}): Back never shows what was typed`, async () => {
        const { page } = await env.newPage({ javaScriptEnabled: js });
        await typeDraft(page);
        await leave(page, how);
        await backShowsNothing(page, [STORY, NAME], `draft, ${mode}, ${how}`);
      });

      test(`from the receipt after sending (${how}): Back never shows the story, the code or the secret`, async () => {
        const { page } = await env.newPage({ javaScriptEnabled: js });
        const { code, secret } = await send(page, js);
        await leave(page, how);
        await backShowsNothing(
          page,
          [STORY, NAME, code, secret, secret.replace(/ /g, '')],
          `receipt, ${mode}, ${how}`,
        );
      });
    }

    test('from the status page after checking: Back never shows the code or the secret', async () => {
      const { page } = await env.newPage({ javaScriptEnabled: js });
      const { code, secret } = await send(page, js);
      await page.getByRole('link', { name: 'Cek laporan' }).first().click();
      await page.getByLabel('Kode tindak lanjut').fill(code);
      await page.getByLabel('Nomor rahasia').fill(secret);
      await page.getByRole('button', { name: 'Lihat status' }).click();
      await see(page, page.locator('#status'), 'the status of the report');
      await leave(page, 'button');
      await backShowsNothing(page, [STORY, NAME, code, secret, secret.replace(/ /g, '')], `status, ${mode}`);
    });

    test('after going on to another public page: Back never shows the draft left behind', async () => {
      const { page } = await env.newPage({ javaScriptEnabled: js });
      await typeDraft(page);
      await page.getByRole('link', { name: 'Tempat layanan' }).click();
      await see(page, page.getByRole('heading', { name: 'Tempat layanan', level: 1 }), 'the service points');
      await leave(page, 'button');
      await backShowsNothing(page, [STORY, NAME], `draft left for /layanan, ${mode}`);
    });
  });
}

test('the form still works normally: an error round trip keeps what was typed', async () => {
  const { page } = await env.newPage({ javaScriptEnabled: false });
  await page.goto('/lapor');
  await page.getByLabel('Ceritakan singkat').fill(STORY);
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await see(page, page.getByRole('alert').filter({ hasText: 'Ada yang perlu diperbaiki' }), 'the errors');
  expect(await page.getByLabel('Ceritakan singkat').inputValue()).toBe(STORY);
});
