/**
 * Two-way with an anonymous reporter, and reports that no inbox can see (issue 8 §1), in
 * Chromium as their users meet them: a teenager reports from a phone without giving a name; the
 * intake officer leaves her a message; she reads it on the status page with her code and secret
 * number and answers; the officer reads the answer. Then Kota Serang's officers leave, and the
 * admin moves a Serang report that nobody can see into an inbox somebody reads.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkOrphanIntake } from '../src/app/intake/orphans.ts';
import { signIn } from './helpers/flows.ts';
import { see, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

let env: E2E;
beforeAll(async () => {
  env = await start({ cases: 0 });
});
afterAll(async () => stop(env));

async function report(page: Page, kab: string, story: string) {
  await page.goto('/lapor');
  await page.getByLabel('Saya ingin tanpa nama').check();
  await page.getByLabel('Dihina, diancam, ditakut-takuti').check();
  await page.getByLabel('Ceritakan singkat').fill(story);
  await page.getByLabel('Provinsi').selectOption({ label: 'Banten' });
  await expect
    .poll(() => page.locator('#f-kab:not([disabled]) option').allTextContents(), { timeout: 10_000 })
    .toContain(kab);
  await page.getByLabel('Kabupaten/kota').selectOption({ label: kab });
  await page.getByLabel('Jangan hubungi saya').check();
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await see(page, page.getByRole('heading', { name: 'Laporan Anda sudah diterima' }), 'the receipt');
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText
  const code = (await page.locator('#kode').innerText()).trim();
  // biome-ignore lint/performance/useDomNodeTextContent: as above
  const secret = (await page.locator('#rahasia').innerText()).trim();
  return { code, secret };
}

test('the officer leaves a message, the anonymous reporter reads it with her code and answers', async () => {
  const { page: phone } = await env.newPage({ viewport: { width: 360, height: 740 } });
  const { code, secret } = await report(phone, 'Kabupaten Lebak', 'Saya diancam kakak kelas (uji dua arah).');

  const { page: desk } = await env.newPage();
  await step('the intake officer writes to the reporter from the inbox item', async () => {
    await signIn(desk, 'pengaduan@lebak.demo');
    await desk.goto('/pengaduan');
    await desk.getByRole('link', { name: code }).click();
    await see(desk, desk.getByRole('heading', { name: 'Pesan dan catatan' }), 'the messages of the item');
    await desk.getByLabel('Pesan untuk pelapor (tampil di halaman Cek laporan)').check();
    await see(
      desk,
      desk.getByText('Jangan menyebut nama pelaku atau alamat.'),
      'the advice on what to write',
    );
    await desk
      .getByLabel('Pesan untuk pelapor', { exact: true })
      .fill('Kamu bisa datang ke UPTD PPA Senin jam 10, ditemani guru BK (uji).');
    await desk.getByRole('button', { name: 'Kirim pesan ke pelapor' }).click();
    await see(desk, desk.getByText('Pesan untuk pelapor · belum dibaca'), 'the message, not read yet');
  });

  await step('the reporter checks the status and reads it', async () => {
    await phone.goto('/lapor/status');
    await phone.getByLabel('Kode tindak lanjut').fill(code.toLowerCase());
    await phone.getByLabel('Nomor rahasia').fill(secret.replace(/ /g, ''));
    await phone.getByRole('button', { name: 'Lihat status' }).click();
    await see(phone, phone.getByText('Ada pesan baru dari petugas.'), 'that there is a new message');
    await see(phone, phone.getByText('Kamu bisa datang ke UPTD PPA Senin jam 10'), 'the message');
    await phone
      .getByLabel('Pesan atau informasi tambahan untuk petugas')
      .fill('Baik, saya datang Senin (uji).');
    await phone.getByRole('button', { name: 'Kirim', exact: true }).click();
    await see(phone, phone.getByText('Terima kasih, pesan Anda sudah diteruskan ke petugas.'), 'the thanks');
    await see(phone, phone.getByText('Baik, saya datang Senin (uji).'), 'her own answer in the thread');
  });

  await step('the officer sees the answer and that the message was read', async () => {
    await desk.reload();
    await see(desk, desk.getByText('Baik, saya datang Senin (uji).'), 'the reporter’s answer');
    await see(desk, desk.getByText(/Pesan untuk pelapor · dibaca/), 'that the reporter read the message');
    await see(desk, desk.getByText('Pesan dikirim kepada pelapor'), 'the history entry');
  });
});

test('a report nobody can see any more is found by the nightly check and moved by the admin', async () => {
  const { page: phone } = await env.newPage({ viewport: { width: 360, height: 740 } });
  const { code } = await report(phone, 'Kota Serang', 'Laporan uji tanpa petugas.');
  const db = env.h.svc.conn.db;
  const staff = await db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.org_id')
    .select('u.id')
    .where('o.jurisdiction', '=', '36.73')
    .where('u.role', 'in', ['pengaduan', 'manajer'])
    .execute();
  await db
    .updateTable('app_user')
    .set({ disabled: true })
    .where(
      'id',
      'in',
      staff.map((s) => s.id),
    )
    .execute();
  const saved = env.h.now.value;
  env.h.now.value = new Date('2026-12-09T19:00:00Z');
  try {
    expect(await checkOrphanIntake(env.h.svc)).toBeGreaterThan(0);
  } finally {
    env.h.now.value = saved;
  }

  const { page } = await env.newPage();
  await signIn(page, 'admin@lebak.demo');
  await page.getByRole('link', { name: 'Laporan tanpa petugas' }).click();
  await see(
    page,
    page.getByRole('heading', { name: 'Laporan yang tidak masuk kotak masuk mana pun' }),
    'the list',
  );
  const card = page.getByRole('article').filter({ hasText: code });
  await see(page, card, `report ${code} in the list`);
  expect(await page.content()).not.toContain('Laporan uji tanpa petugas');
  await card.getByRole('button', { name: 'Pindahkan ke kotak masuk lain' }).click();
  const target = page.getByRole('group', { name: 'Wilayah tujuan' });
  await target.getByLabel('Provinsi').selectOption({ label: 'Banten' });
  const kab = target.locator('select').nth(1);
  await expect
    .poll(() => kab.locator('option').allTextContents(), { timeout: 10_000 })
    .toContain('Kabupaten Lebak');
  await kab.selectOption({ label: 'Kabupaten Lebak' });
  await page.getByRole('button', { name: 'Simpan' }).click();
  await see(page, page.getByText(`Laporan ${code} sudah dipindahkan`), 'the confirmation');

  const { page: lebak } = await env.newPage();
  await signIn(lebak, 'pengaduan@lebak.demo');
  await lebak.goto('/pengaduan');
  await see(lebak, lebak.getByRole('link', { name: code }), 'the moved report in the Lebak inbox');
});
