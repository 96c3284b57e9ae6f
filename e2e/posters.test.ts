/**
 * Posters and poster codes in Chromium (issue 12 §6): a Lebak case manager creates a placement on
 * /sebaran, downloads its A4 poster (a PDF whose text and QR code carry the /lapor address with the
 * code), someone opens that address, sends a report, and the placement's count rises on the page.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pdfQrTexts } from '../test/helpers/pdf-qr.ts';
import { pdfText } from '../test/helpers/pdf-text.ts';
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

const LABEL = 'Poster Balai Desa Uji Peramban';

describe('posters and poster codes (/sebaran)', () => {
  test('create a placement, print its poster, a report through its QR address counts', async () => {
    const { page } = await env.newPage({ acceptDownloads: true, viewport: { width: 360, height: 800 } });
    await signIn(page, 'manajer@lebak.demo');
    await (await menuLink(page, 'Poster & QR')).click();
    await see(page, page.getByRole('heading', { name: /Sebaran kanal pengaduan/, level: 1 }), 'the page');
    await see(
      page,
      page.getByRole('note').filter({ hasText: 'SIMPUL_PUBLIC_URL' }),
      'the unset public address',
    );

    const code = await step(
      'an empty name is refused with a summary, then the placement is created',
      async () => {
        await page.getByRole('button', { name: 'Buat titik sebar' }).click();
        await see(page, page.getByRole('alert').filter({ hasText: 'Nama titik sebar' }), 'the error summary');
        await page.getByLabel('Nama titik sebar').fill(LABEL);
        await page.getByLabel('Kalimat kampanye').fill('Stop Kekerasan terhadap Anak 2027');
        // the desa picker starts at Lebak's kecamatan, never at the 38 provinces
        const form = page.getByRole('form', { name: 'Titik sebar baru' });
        await expect.poll(() => form.getByLabel('Provinsi', { exact: true }).count()).toBe(0);
        const kec = form.getByLabel('Kecamatan', { exact: true });
        await expect.poll(() => kec.locator('option').count()).toBeGreaterThan(10);
        const kecNames = await kec.locator('option').allTextContents();
        expect(kecNames).toContain('Cigemblong');
        expect(kecNames).not.toContain('Banten');
        await kec.selectOption({ label: 'Cigemblong' });
        const desa = form.getByLabel('Desa/Kelurahan', { exact: true });
        await expect.poll(() => desa.locator('option').count()).toBeGreaterThan(2);
        await desa.selectOption({ index: 1 });
        await page.getByRole('button', { name: 'Buat titik sebar' }).click();
        const notice = page.getByText(`Titik sebar "${LABEL}" dibuat dengan kode`);
        await see(page, notice, 'the notice with the code');
        // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, the rendered text
        const text = await notice.innerText();
        return text.match(/kode ([a-z0-9]{6})/)![1]!;
      },
    );
    const url = `${env.baseUrl}/lapor?s=${code}`;
    const card = page.getByRole('article', { name: LABEL });
    await see(page, card.getByText(url), 'the printed address on the card');

    await step(
      'the A4 poster downloads: a PDF naming Lebak, SAPA 129 and the address, its QR opens it',
      async () => {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          card.getByRole('link', { name: `Poster A4 (PDF): ${LABEL}` }).click(),
        ]);
        const pdf = readFileSync((await download.path())!);
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
        expect(text).toContain('Lebak');
        expect(text).toContain('08111-129-129');
        expect(text).toContain(url);
        expect(await pdfQrTexts(pdf)).toEqual([url]);
      },
    );

    await step(
      'someone opens the QR address and sends a report; the address bar forgets the code',
      async () => {
        const { page: pub } = await env.newPage({ viewport: { width: 360, height: 740 } });
        await pub.goto(url);
        await see(pub, pub.getByRole('heading', { name: 'Lapor kekerasan', level: 1 }), 'the report form');
        await expect.poll(() => pub.url()).toBe(`${env.baseUrl}/lapor`);
        expect(await pub.locator('input[name=s]').inputValue()).toBe(code);
        await pub.getByLabel('Saya melaporkan orang lain').check();
        await pub.getByLabel('Dipukul, ditendang, dilukai').check();
        await pub.getByLabel('Provinsi').selectOption({ label: 'Banten' });
        await expect
          .poll(() => pub.locator('#f-kab:not([disabled]) option').allTextContents(), { timeout: 10_000 })
          .toContain('Kabupaten Lebak');
        await pub.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Lebak' });
        await pub.getByLabel('Tidak', { exact: true }).check();
        await pub.getByLabel('Jangan hubungi saya').check();
        await pub.getByRole('button', { name: 'Kirim laporan' }).click();
        await see(pub, pub.getByRole('heading', { name: 'Laporan Anda sudah diterima' }), 'the confirmation');
        expect(pub.url()).not.toContain(code);
      },
    );

    await step('the placement now counts one visit and one report', async () => {
      await page.reload();
      const again = page.getByRole('article', { name: LABEL });
      await see(page, again, 'the placement after reloading');
      await expect.poll(() => again.getByTestId('reports').textContent()).toBe('1');
      expect(await again.getByTestId('views').textContent()).toBe('1');
      await again.getByText('Per bulan', { exact: true }).click();
      await see(
        page,
        again.getByRole('table', { name: `Kunjungan dan laporan per bulan: ${LABEL}` }),
        'the months',
      );
    });

    await step('the placement is renamed; its code and printed address stay', async () => {
      await page.getByRole('button', { name: `Ubah titik sebar: ${LABEL}` }).click();
      const form = page.getByRole('form', { name: `Ubah titik sebar: ${LABEL}` });
      await form.getByLabel('Nama titik sebar').fill(`${LABEL} (pintu utara)`);
      await form.getByRole('button', { name: 'Simpan' }).click();
      await see(page, page.getByText(`Titik sebar "${LABEL} (pintu utara)" disimpan`), 'the saved notice');
      const renamed = page.getByRole('article', { name: `${LABEL} (pintu utara)` });
      await see(page, renamed.getByText(url), 'the same printed address');
    });
  });
});
