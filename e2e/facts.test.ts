/**
 * Facts kept as they were told, in Chromium: a neighbour reports on her phone that a girl of
 * 13–17 was abused at home "this week" and asks not to be phoned at home. The intake officer —
 * whose laptop happens to be set to a far-away time zone — turns the report into a case and sees
 * the age group, not an age; the week before the report day, not a date; the place as told; the
 * safety request among the notes; a link back to the report; the case found by the report's code.
 * Editing the place leaves the date as it was, and the police report recorded for today shows as
 * done today, with no time.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localDate } from '../src/domain/time.ts';
import { fact, menuLink, signIn } from './helpers/flows.ts';
import { see, seePath, seeText, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

let env: E2E;

beforeAll(async () => {
  env = await start({ cases: 0 });
});

afterAll(async () => {
  await stop(env);
});

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
const dayId = (d: string) => `${Number(d.slice(8))} ${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;
const SAFE = 'Jangan telepon ke rumah, WA saja setelah jam 8 malam';

async function tab(page: Page, name: string) {
  await page
    .getByRole('navigation', { name: 'Bagian kasus' })
    .getByRole('link', { name, exact: true })
    .click();
  const panel = page.getByRole('region', { name, exact: true });
  await see(page, panel, `the "${name}" tab`);
  return panel;
}

describe('facts as told', () => {
  test('a report with an age group and "this week" becomes a case that keeps both', async () => {
    // the server's clock: the day the report is made, in Lebak (WIB)
    const day = localDate(env.h.now.value, '36.02');
    const week = `dalam minggu sebelum ${dayId(day)} (menurut pelapor)`;

    const code = await step('a neighbour reports from her phone', async () => {
      const { page } = await env.newPage({ viewport: { width: 360, height: 740 } });
      await page.goto('/lapor');
      await page.getByLabel('Saya melaporkan orang lain').check();
      await page.getByLabel('Perempuan', { exact: true }).check();
      await page.getByLabel('Anak 13–17 tahun').check();
      await page.getByLabel(/Disentuh, dipaksa, atau dilecehkan/).check();
      await page.getByLabel('Ceritakan singkat').fill('Anak tetangga dilecehkan pamannya (uji e2e fakta).');
      await page.getByLabel('Provinsi').selectOption({ label: 'Banten' });
      await expect
        .poll(() => page.locator('#f-kab:not([disabled]) option').allTextContents(), { timeout: 10_000 })
        .toContain('Kabupaten Lebak');
      await page.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Lebak' });
      await expect
        .poll(() => page.locator('#f-kec:not([disabled]) option').allTextContents(), { timeout: 10_000 })
        .toContain('Bayah');
      await page.getByLabel('Kecamatan').selectOption({ label: 'Bayah' });
      await page.getByLabel('Desa, jalan, atau tempat').fill('Rumah');
      await page.getByLabel('Kapan terjadi?').selectOption({ label: 'Minggu ini' });
      await page.getByLabel('Tidak', { exact: true }).check();
      await page.getByLabel('WhatsApp', { exact: true }).check();
      await page.getByLabel('Nomor HP / WhatsApp').fill('0812 3456 0099');
      await page.getByLabel('Waktu yang aman').fill(SAFE);
      await page.getByLabel('Saya setuju dihubungi').check();
      await page.getByRole('button', { name: 'Kirim laporan' }).click();
      await see(page, page.getByRole('heading', { name: 'Laporan Anda sudah diterima' }), 'the confirmation');
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, the rendered text
      return (await page.locator('#kode').innerText()).trim();
    });

    // an officer whose laptop clock is set to Los Angeles: dates must not move a day
    const { page } = await env.newPage({ timezoneId: 'America/Los_Angeles' });
    await signIn(page, 'pengaduan@lebak.demo');

    await step('open the report from the inbox and turn it into a case', async () => {
      await (await menuLink(page, 'Pengaduan masuk')).click();
      await page.getByRole('link', { name: code, exact: true }).click();
      await see(page, page.getByRole('heading', { name: `Pengaduan ${code}`, level: 1 }), 'the report');
      await page.getByRole('button', { name: 'Jadikan kasus' }).click();
      const dialog = page.getByRole('dialog', { name: 'Jadikan kasus' });
      await dialog.getByRole('button', { name: /^(Ya, jadikan kasus baru|Jadikan kasus)$/ }).click();
      await seePath(page, /^\/kasus\/[0-9a-f-]{36}$/, 'the new case page');
    });

    await step('the case links back to the report', async () => {
      const from = fact(page, 'Dari pengaduan');
      await see(page, from.getByRole('link', { name: code }), 'the link to the report');
      await seeText(page, from, /Formulir daring, diterima/, 'the channel and the time received');
    });

    await step('the victim’s age is the group the reporter gave, not an age', async () => {
      const persons = await tab(page, 'Orang');
      await see(page, persons.getByRole('heading', { name: 'Belum diketahui', level: 4 }), 'the victim');
      // the victims come first on the tab: the first "Usia" is hers
      await seeText(page, fact(page, 'Usia'), '13–17 tahun (menurut pelapor)', 'the age group as told');
    });

    await step('the incident is "in the week before" the report day, at the place as told', async () => {
      const incidents = await tab(page, 'Kejadian');
      await see(page, incidents.getByRole('heading', { name: `${week} — Rumah Tangga` }), 'the date as told');
      await seeText(page, fact(page, 'Tempat menurut pelapor'), 'Rumah', 'the place in the reporter’s words');
    });

    await step('changing the place leaves the date as told', async () => {
      const incidents = page.getByRole('region', { name: 'Kejadian', exact: true });
      await incidents.getByRole('button', { name: `Ubah kejadian ${week}` }).click();
      const form = incidents.getByRole('form', { name: `Ubah kejadian ${week}` });
      await seeText(
        page,
        form.getByLabel('Seberapa pasti tanggalnya').locator('option:checked'),
        'Kurun waktu menurut pelapor',
        'the precision in the form',
      );
      await form.getByLabel('Tempat menurut pelapor').fill('Rumah nenek korban');
      await form.getByRole('button', { name: 'Simpan' }).click();
      await see(
        page,
        incidents.getByRole('heading', { name: `${week} — Rumah Tangga` }),
        'the same date after saving',
      );
      await seeText(page, fact(page, 'Tempat menurut pelapor'), 'Rumah nenek korban', 'the new place');
    });

    await step('the safety request is among the case notes, marked as the reporter’s', async () => {
      const notes = await tab(page, 'Catatan');
      const note = notes.getByRole('listitem').filter({ hasText: SAFE });
      await see(page, note, 'the safety request as a note');
      await see(
        page,
        note.getByText(`Dari pengaduan ${code} — disampaikan pelapor`, { exact: false }),
        'its origin',
      );
    });

    await step('the police report recorded for today shows as done today, with no time', async () => {
      const services = await tab(page, 'Layanan');
      await services.getByRole('button', { name: 'Catat layanan' }).click();
      await services.getByLabel('Jenis layanan').selectOption({ label: 'Pelaporan ke kepolisian' });
      await services.getByLabel('Tanggal layanan').fill(day);
      await services.getByRole('button', { name: 'Simpan' }).click();
      await see(page, services.getByRole('cell', { name: dayId(day) }), 'the service date in the table');
      const summary = await tab(page, 'Ringkasan');
      const task = summary.getByRole('listitem').filter({ hasText: 'Laporkan ke kepolisian' });
      await seeText(page, task, new RegExp(`Selesai pada: ${dayId(day)}$`), 'done on the day, as recorded');
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, the rendered text
      const text = await task.innerText();
      expect(text, 'no made-up time on a date-only fact').not.toMatch(/Selesai pada: [^\n]*\d{2}[.:]\d{2}/);
    });

    await step('the case is found by the report’s follow-up code', async () => {
      const number = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').match(
        /PPA-3602-\d{4}-\d{6}/,
      )![0];
      await (await menuLink(page, 'Kasus', true)).click();
      await page.getByRole('searchbox', { name: 'Cari kasus' }).fill(code);
      await page.getByRole('button', { name: 'Cari', exact: true }).click();
      await see(page, page.getByText('1 kasus ditemukan.'), 'exactly one case for the code');
      await see(
        page,
        page.getByRole('table', { name: 'Daftar kasus' }).getByRole('link', { name: number }),
        'the case opened from the report',
      );
    });
  });
});
