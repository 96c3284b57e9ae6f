/**
 * The directory of services in the browser (issue 4 §1, §2, §5): the Lebak Dinas administrator
 * reads the directory (the RSUD's visum, the safe house due for re-verification) and sets a
 * regional referral time standard; a public visitor asks to join the network from /gabung and the
 * administrator approves the request, seeing the first user's temporary password once; the
 * regional leader (pimpinan) reads the partner performance table, on a phone too.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backgroundSettled } from '../src/app/background.ts';
import { caseWithVictim, signIn } from './helpers/flows.ts';
import { notSee, see, seePath, seeText, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

const RSUD = 'RSUD Lebak (demo)';
const SAFE_HOUSE = 'Rumah Aman Lebak (demo)';
const NEW_ORG = 'LBH Pelita Banten Selatan (uji e2e)';

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

/** A directory entry (an article named by the organisation), found with the search field. */
async function entry(page: Page, name: string): Promise<Locator> {
  await page.getByLabel('Cari nama lembaga').fill(name);
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  const card = page.getByRole('article', { name, exact: true });
  await see(page, card, `the directory entry of ${name}`);
  return card;
}

describe('directory of services', () => {
  test('the Dinas admin reads the directory and sets a regional referral time standard', async () => {
    const { page } = await env.newPage();
    await signIn(page, 'admin-dinas@lebak.demo', { home: null });

    await step('the directory shows the RSUD visum and the safe house due for re-verification', async () => {
      await menu(page, 'Direktori layanan').click();
      await see(page, page.getByRole('heading', { name: 'Direktori layanan', level: 1 }), 'the directory');
      const rsud = await entry(page, RSUD);
      await see(page, rsud.getByText(/Visum et repertum/), 'the visum among the RSUD services');
      const house = await entry(page, SAFE_HOUSE);
      await see(page, house.getByText('Perlu verifikasi ulang'), 'the re-verification flag');
      await notSee(page, rsud.getByText('Perlu verifikasi ulang'), 'a flag on the recently verified RSUD');
    });

    await step('the defaults are shown; an override is refused, then saved', async () => {
      await menu(page, 'Standar waktu rujukan').click();
      await see(
        page,
        page.getByRole('heading', { name: 'Standar waktu rujukan', level: 1 }),
        'the time standards page',
      );
      expect(
        await menu(page, 'Standar waktu rujukan').getAttribute('aria-current'),
        'the menu marks the page',
      ).toBe('page');
      expect(
        await menu(page, 'Direktori layanan').getAttribute('aria-current'),
        'the directory entry not marked',
      ).toBeNull();
      const defaults = page.getByRole('table', { name: 'Standar bawaan' });
      const segera = defaults
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: 'Segera' }) });
      await seeText(page, segera, /6 jam\s+14 hari\s+Visum et repertum: 3 hari/, 'the default for "Segera"');
      await see(
        page,
        page.getByText('Belum ada standar khusus; standar bawaan berlaku.'),
        'no regional standard yet',
      );

      await page.getByRole('button', { name: 'Ubah standar khusus' }).click();
      const form = page.getByRole('form', { name: 'Ubah standar khusus wilayah ini' });
      await see(page, form, 'the override form');
      await form.getByRole('button', { name: 'Tambah standar khusus' }).click();
      const row = form.getByRole('group', { name: 'Standar khusus 1' });
      await row.getByLabel('Urgensi').selectOption({ label: 'Segera' });
      expect(await row.getByLabel('Layanan').inputValue(), '"Semua layanan" chosen by default').toBe('*');
      await row.getByLabel('Batas diterima (jam)').fill('0');
      await row.getByLabel('Batas selesai (hari)').fill('5');
      await form.getByRole('button', { name: 'Simpan', exact: true }).click();
      const summary = form.getByRole('alert');
      await see(
        page,
        summary.getByRole('link', { name: /^Standar khusus 1 · Batas diterima \(jam\): / }),
        'the refused hours named in the error summary',
      );
      expect(
        await row.getByLabel('Batas diterima (jam)').getAttribute('aria-invalid'),
        'the hours field marked',
      ).toBe('true');

      await row.getByLabel('Batas diterima (jam)').fill('2');
      await form.getByRole('button', { name: 'Simpan', exact: true }).click();
      await notSee(page, form, 'the form after saving (did the server refuse?)');
      await see(
        page,
        page.getByRole('status').filter({ hasText: 'Standar waktu rujukan tersimpan.' }),
        'the saved notice',
      );
    });

    await step('after a reload the override is there', async () => {
      await page.reload();
      const table = page.getByRole('table', { name: 'Standar khusus wilayah ini' });
      const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Segera' }) });
      await seeText(page, row, /Segera\s+Semua layanan\s+2 jam\s+5 hari/, 'the saved override');
      const api = await env.api('admin-dinas@lebak.demo');
      const sla = await api.get('/api/v1/referral-sla');
      expect(sla.body.overrides, 'the override stored for Lebak').toEqual([
        { urgency: 'segera', service: '*', acceptHours: 2, completeDays: 5 },
      ]);
    });
  });

  test('the Dinas admin records a cooperation agreement and uploads its signed PDF', async () => {
    const { page } = await env.newPage();
    await signIn(page, 'admin-dinas@lebak.demo', { home: null });
    const number = 'PKS/E2E/2026/001';

    await step('the agreement is recorded from the directory', async () => {
      await menu(page, 'Direktori layanan').click();
      await page.getByRole('link', { name: 'Perjanjian kerja sama', exact: true }).click();
      await see(
        page,
        page.getByRole('heading', { name: 'Perjanjian kerja sama (MoU/PKS)', level: 1 }),
        'the agreements page',
      );
      await page.getByRole('button', { name: 'Catat perjanjian' }).click();
      const form = page.getByRole('form', { name: 'Catat perjanjian' });
      await see(page, form, 'the agreement form');
      await form.getByLabel('Lembaga mitra').selectOption({ label: RSUD });
      await form.getByLabel('Nomor').fill(number);
      await form.getByLabel('Para pihak').fill('Dinas PPPA Kabupaten Lebak dan RSUD Lebak');
      await form.getByLabel('Perihal').fill('Layanan visum et repertum bagi korban');
      await form.getByLabel('Mulai berlaku').fill('2026-01-01');
      await form.getByLabel('Berakhir').fill('2028-12-31');
      await form.getByRole('button', { name: 'Simpan', exact: true }).click();
      await notSee(page, form, 'the form after saving (did the server refuse?)');
      await see(page, page.getByRole('row').filter({ hasText: number }), 'the new agreement in the list');
    });

    await step('its signed PDF is uploaded and offered for download', async () => {
      const row = page.getByRole('row').filter({ hasText: number });
      await see(page, row.getByText('Belum ada dokumen'), 'no document yet');
      await row.getByLabel('Unggah PDF (maks. 10 MB)').setInputFiles({
        name: 'PKS RSUD Lebak.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n% uji e2e\n%%EOF\n'),
      });
      await see(
        page,
        page.getByRole('status').filter({ hasText: `Dokumen perjanjian ${number} tersimpan.` }),
        'the saved notice',
      );
      const link = row.getByRole('link', { name: 'PKS RSUD Lebak.pdf' });
      await see(page, link, 'the document link');
      const api = await env.api('admin-dinas@lebak.demo');
      const stored = (await api.get('/api/v1/agreements')).body.items.find(
        (x: { number: string }) => x.number === number,
      );
      expect(stored.documentName, 'the file name kept').toBe('PKS RSUD Lebak.pdf');
      const file = await api.get(`/api/v1/agreements/${stored.id}/document`);
      expect(file.status, 'the document downloads').toBe(200);
      expect(String(file.body), 'the bytes sent').toMatch(/^%PDF-1\.4/);
    });
  });

  test('a public visitor asks to join; the Dinas admin approves and sees the password once', async () => {
    await step('the visitor fills /gabung without signing in', async () => {
      const { page, context } = await env.newPage();
      await page.goto('/gabung');
      await see(
        page,
        page.getByRole('heading', { name: 'Bergabung dengan jejaring layanan', level: 1 }),
        'the join form',
      );
      await page.getByLabel('Nama lembaga').fill(NEW_ORG);
      await page.getByLabel('Jenis lembaga').selectOption({ label: 'LBH / advokat / paralegal' });
      await page.getByLabel('Alamat *', { exact: true }).fill('Jl. Multatuli No. 12, Rangkasbitung');
      await page.getByLabel('Nomor telepon lembaga').fill('0252 201234');
      await page.getByLabel('Alamat email').fill('pelita.e2e@contoh.test');
      await page.getByLabel('Provinsi').selectOption({ label: 'Banten' });
      await see(page, page.locator('#f-kab:not([disabled])'), 'the regencies of Banten');
      await page.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Lebak' });
      await page.getByLabel('Bantuan hukum', { exact: true }).check();
      await page.getByLabel('Pendampingan', { exact: true }).check();
      await page.getByLabel('Nama narahubung').fill('Wulan Pratiwi Uji');
      await page.getByLabel('Jabatan').fill('Koordinator');
      await page.getByRole('button', { name: 'Kirim permohonan' }).click();
      await see(
        page,
        page.getByRole('heading', { name: 'Terima kasih, permohonan Anda sudah kami terima', level: 1 }),
        'the thank-you page',
      );
      await context.close();
    });

    const { page } = await env.newPage();
    let password = '';
    await step('the Dinas admin approves the request', async () => {
      await signIn(page, 'admin-dinas@lebak.demo', { home: null });
      await page.goto('/direktori/permohonan');
      await see(page, page.getByRole('heading', { name: 'Permohonan bergabung', level: 1 }), 'the requests');
      const card = page.getByRole('article', { name: NEW_ORG, exact: true });
      await see(page, card.getByText('Wulan Pratiwi Uji, Koordinator'), 'the contact person of the request');
      await card.getByRole('button', { name: 'Terima dan buat akun' }).click();
      const form = card.getByRole('form', { name: `Terima ${NEW_ORG} dan buat akun pertamanya` });
      expect(await form.getByLabel('Email pengguna pertama').inputValue(), 'the e-mail prefilled').toBe(
        'pelita.e2e@contoh.test',
      );
      await form.getByRole('button', { name: 'Simpan', exact: true }).click();
      const done = page.getByRole('status').filter({ hasText: 'Kata sandi sementara' });
      await see(page, done, 'the temporary password notice');
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text a user sees
      password = (await done.locator('code').innerText()).trim();
      expect(password.length, 'a temporary password shown').toBeGreaterThanOrEqual(10);
      await see(page, card.getByText('Diterima', { exact: true }), 'the request marked approved');
    });

    await step('the password is not shown again; the organisation is in the directory', async () => {
      await page.reload();
      await see(
        page,
        page.getByRole('article', { name: NEW_ORG, exact: true }),
        'the request after a reload',
      );
      await notSee(page, page.getByText(password), 'the temporary password after a reload');
      await menu(page, 'Direktori layanan').click();
      const card = await entry(page, NEW_ORG);
      await see(page, card.getByText(/Bantuan hukum/), 'the new organisation with its services');
      // the first user can sign in with the temporary password
      const first = await env.api('pelita.e2e@contoh.test', password);
      const me = await first.get('/api/v1/auth/me');
      expect(me.body.user.role, 'the first user of the new organisation').toBe('mitra');
    });
  });

  test('the regional leader reads partner performance, on a phone too', async () => {
    await step('a referral to the RSUD is sent and accepted (API)', async () => {
      const k = await caseWithVictim(
        env,
        { name: 'Ayu Lestari Uji', birthDate: '1994-07-21', regionCode: '36.02.01.2002' },
        { regionCode: '36.02' },
      );
      const m = k.api;
      const dir = await m.get(`/api/v1/directory?q=${encodeURIComponent(RSUD)}`);
      const rsudId = dir.body.items.find((o: { name: string }) => o.name === RSUD)?.id;
      expect(rsudId, 'the RSUD in the directory').toBeTruthy();
      const r = await m.post(`/api/v1/cases/${k.id}/referrals`, {
        personId: k.victimId,
        toOrgId: rsudId,
        services: ['kesehatan', 'visum'],
        urgency: 'biasa',
        purpose: 'Pemeriksaan kesehatan dan visum (uji e2e kinerja mitra).',
        sections: [],
        consent: {
          basis: 'persetujuan_korban',
          givenBy: 'Korban sendiri',
          givenAt: new Date().toISOString(),
        },
      });
      expect(r.status, `refer: ${JSON.stringify(r.body)}`).toBe(201);
      const rsud = await env.api('rsud@lebak.demo');
      const a = await rsud.post(`/api/v1/referrals/${r.body.id}/accept`, { version: r.body.version });
      expect(a.status, `accept: ${JSON.stringify(a.body)}`).toBe(200);
      // the partner sees only its own organisation; a companion (pendamping) none
      const own = await rsud.get('/api/v1/partner-performance?from=2020-01-01&to=2099-12-31');
      expect(own.status).toBe(200);
      expect(new Set(own.body.rows.map((x: { orgName: string }) => x.orgName))).toEqual(new Set([RSUD]));
      const p = await env.api('pendamping@lebak.demo');
      expect((await p.get('/api/v1/partner-performance?from=2020-01-01&to=2099-12-31')).status).toBe(403);
    });

    const { page } = await env.newPage();
    await signIn(page, 'pimpinan@lebak.demo', { home: null });
    await step('the table per organisation and service', async () => {
      await notSee(page, menu(page, 'Standar waktu rujukan'), 'the time standards in the leader menu');
      await menu(page, 'Kinerja mitra').click();
      await see(
        page,
        page.getByRole('heading', { name: 'Kinerja lembaga mitra', level: 1 }),
        'the performance page',
      );
      const table = page.getByRole('table', { name: /^Rujukan per lembaga dan layanan, dikirim / });
      await see(page, table, 'the performance table');
      const head = await table.getByRole('columnheader').allInnerTexts();
      expect(head, 'the column heads').toEqual([
        'Lembaga',
        'Layanan',
        'Rujukan masuk',
        'Diterima',
        'Ditolak',
        'Selesai',
        'Dibatalkan',
        'Median jam sampai diterima',
        'Median hari sampai selesai',
        'Terlambat',
      ]);
      await see(page, table.getByRole('rowheader', { name: RSUD }), 'the RSUD heading its rows');
      const visum = table
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: 'Visum et repertum' }) });
      // received 1, accepted 1, declined 0, completed 0, cancelled 0, median accept 0 h, no completion yet, none late
      await seeText(page, visum, /Visum et repertum\s+1\s+1\s+0\s+0\s+0\s+0\s+—\s+0\s*$/, 'the visum row');
    });

    await step('an empty period and a reversed period', async () => {
      await page.getByLabel('Dari tanggal').fill('2020-01-01');
      await page.getByLabel('Sampai tanggal').fill('2020-12-31');
      await page.getByRole('button', { name: 'Tampilkan' }).click();
      await seePath(page, '/direktori/kinerja?from=2020-01-01&to=2020-12-31', 'the period in the address');
      await see(page, page.getByText(/^Belum ada rujukan ke lembaga mitra yang dikirim /), 'the empty state');
      await page.getByLabel('Dari tanggal').fill('2020-12-31');
      await page.getByLabel('Sampai tanggal').fill('2020-01-01');
      await page.getByRole('button', { name: 'Tampilkan' }).click();
      await see(
        page,
        page.getByRole('alert').getByRole('link', { name: /^Sampai tanggal: / }),
        'the range error',
      );
    });

    await step('at 360 px the table scrolls inside its box, not the page', async () => {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto('/direktori/kinerja');
      const table = page.getByRole('table', { name: /^Rujukan per lembaga dan layanan/ });
      await see(page, table, 'the table on a phone');
      const widths = await page.evaluate(() => {
        const wrap = document.querySelector('table.perf')!.parentElement!;
        return {
          page: document.documentElement.scrollWidth,
          wrapScroll: wrap.scrollWidth,
          wrapClient: wrap.clientWidth,
        };
      });
      expect(widths.page, 'the page does not scroll sideways').toBeLessThanOrEqual(360);
      expect(widths.wrapScroll, 'the table box scrolls').toBeGreaterThan(widths.wrapClient);
    });
  });
});
