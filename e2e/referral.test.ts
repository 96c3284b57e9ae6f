/**
 * The referral network in the browser (issue 4 §6): the Lebak case manager refers a victim to the
 * RSUD (health care and a visum, sharing the chronology only, with the victim's consent) and to
 * the police PPA unit (duty to report under UU TPKS). The RSUD user sees only what was shared,
 * accepts, records the visum and completes; the police user declines with a reason; the case
 * manager sees both outcomes and prints the referral letter.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backgroundSettled } from '../src/app/background.ts';
import { caseWithVictim, fact, signIn, signOut } from './helpers/flows.ts';
import { notSee, see, seePath, seeText, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

const VICTIM = { name: 'Sekar Ayuningtyas', nik: '3602015203950004', birthDate: '1995-03-12' };
const CHRONOLOGY = 'Korban didorong hingga jatuh oleh terlapor di dapur rumah (uji e2e rujukan).';
const RSUD = 'RSUD Lebak (demo)';
const POLICE = 'Unit PPA Polres Lebak';

let env: E2E;
let caseId = '';
let caseNumber = '';

beforeAll(async () => {
  env = await start({ cases: 0 });
  // a case with one victim and one incident, recorded through the API (the case pages have their own test)
  const c = await caseWithVictim(
    env,
    { ...VICTIM, regionCode: '36.02.01.2002' },
    { risk: 'tinggi', regionCode: '36.02' },
  );
  caseId = c.id;
  caseNumber = c.number;
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const i = await c.api.post(`/api/v1/cases/${caseId}/incidents`, {
    date: today,
    placeCategory: 'rumah_tangga',
    forms: ['fisik'],
    chronology: CHRONOLOGY,
  });
  expect(i.status, `add incident: ${JSON.stringify(i.body)}`).toBe(201);
});

afterAll(async () => {
  if (env) await backgroundSettled(env.h.svc);
  await stop(env);
});

async function openCaseReferrals(page: Page): Promise<Locator> {
  await page.goto(`/kasus/${caseId}`);
  await page
    .getByRole('navigation', { name: 'Bagian kasus' })
    .getByRole('link', { name: 'Rujukan', exact: true })
    .click();
  const panel = page.getByRole('region', { name: 'Rujukan', exact: true });
  await see(page, panel, 'the case tab "Rujukan"');
  return panel;
}

/** Fills and sends the "Buat rujukan" form; returns the referral number from the confirmation. */
async function refer(
  page: Page,
  panel: Locator,
  o: {
    services: string[];
    recipient: string;
    urgency: string;
    purpose: string;
    sections: string[];
    basis: RegExp;
    note?: string;
    expectNoAgreement?: boolean;
  },
): Promise<string> {
  await panel.getByRole('button', { name: 'Buat rujukan' }).click();
  const form = page.getByRole('form', { name: 'Buat rujukan' });
  await see(page, form, 'the new referral form');
  // the only victim is chosen already
  expect(
    await form
      .getByRole('group', { name: /Korban yang dirujuk/ })
      .getByRole('radio', { name: VICTIM.name })
      .isChecked(),
    'the only victim preselected',
  ).toBe(true);
  const services = form.getByRole('group', { name: /^Layanan/ });
  for (const s of o.services) await services.getByRole('checkbox', { name: s, exact: true }).check();
  const recipients = form.getByRole('group', { name: /Lembaga tujuan/ });
  const choice = recipients.getByRole('radio', { name: o.recipient, exact: true });
  await see(page, choice, `"${o.recipient}" among the suggested recipients`);
  if (o.expectNoAgreement)
    await see(
      page,
      recipients
        .getByRole('listitem')
        .filter({ hasText: o.recipient })
        .getByText('Tidak ada perjanjian kerja sama aktif'),
      `the no-agreement warning for ${o.recipient}`,
    );
  await choice.check();
  await form
    .getByRole('group', { name: /Tingkat urgensi/ })
    .getByRole('radio', { name: o.urgency })
    .check();
  await form.getByLabel('Tujuan rujukan').fill(o.purpose);
  const sections = form.getByRole('group', { name: /Informasi yang dibagikan/ }).getByRole('checkbox');
  expect(await sections.count(), 'the sections offered for sharing').toBe(5);
  for (let n = 0; n < 5; n++)
    expect(await sections.nth(n).isChecked(), 'every section unchecked by default').toBe(false);
  for (const s of o.sections)
    await form
      .getByRole('group', { name: /Informasi yang dibagikan/ })
      .getByRole('checkbox', { name: s })
      .check();
  await form
    .getByRole('group', { name: /Dasar berbagi informasi/ })
    .getByRole('radio', { name: o.basis })
    .check();
  if (o.note) await form.getByLabel('Catatan', { exact: true }).fill(o.note);
  await form.getByRole('button', { name: 'Kirim rujukan' }).click();
  await notSee(page, form, 'the referral form after sending (did the server refuse?)');
  const done = panel.getByRole('status').filter({ hasText: `terkirim ke ${o.recipient}` });
  await see(page, done, `the confirmation for the referral to ${o.recipient}`);
  const text = (await done.textContent()) ?? '';
  return text.match(/RJK\/[\d.]+\/\d{4}\/\d{5}/)?.[0] ?? '';
}

/** Opens a referral from the "Masuk" list of a partner organisation. */
async function openIncoming(page: Page, number: string): Promise<void> {
  await seePath(page, '/rujukan', 'the referral list as the home page of a partner');
  const table = page.getByRole('table', { name: 'Masuk' });
  const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: number, exact: true }) });
  await see(page, row, `referral ${number} in "Masuk"`);
  await seeText(page, row.getByRole('cell').filter({ hasText: 'Terkirim' }), /Terkirim/, 'its status');
  await row.getByRole('link', { name: number, exact: true }).click();
  await see(
    page,
    page.getByRole('heading', { name: new RegExp(number.replace(/[./]/g, '\\$&')), level: 1 }),
    'the referral page',
  );
}

describe('referral network', () => {
  test('refer to the RSUD and the police; the RSUD completes, the police declines; the manager prints the letter', async () => {
    const { page } = await env.newPage();
    let rsudNo = '';
    let policeNo = '';

    await step('the case manager refers the victim to the RSUD and to the police', async () => {
      await signIn(page, 'manajer@lebak.demo');
      const panel = await openCaseReferrals(page);
      await see(page, panel.getByText('Belum ada rujukan untuk kasus ini.'), 'no referral yet');
      rsudNo = await refer(page, panel, {
        services: ['Kesehatan', 'Visum et repertum'],
        recipient: RSUD,
        urgency: 'Segera',
        purpose: 'Mohon pemeriksaan kesehatan dan visum et repertum atas luka korban.',
        sections: ['Kronologi kejadian'],
        basis: /^Persetujuan korban/,
      });
      expect(rsudNo, 'the RSUD referral number').toMatch(/^RJK\//);
      policeNo = await refer(page, panel, {
        services: ['Pelaporan ke kepolisian'],
        recipient: POLICE,
        urgency: 'Darurat',
        purpose: 'Pemberitahuan dugaan tindak pidana kekerasan seksual sesuai kewajiban melapor.',
        sections: [],
        basis: /^Kewajiban melapor ke kepolisian/,
        note: 'Korban dalam perawatan; laporan dibuat oleh UPTD PPA dalam 3×24 jam.',
      });
      const table = panel.getByRole('table', { name: 'Rujukan' });
      for (const [no, org] of [
        [rsudNo, RSUD],
        [policeNo, POLICE],
      ] as const) {
        const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: no, exact: true }) });
        await see(page, row.getByText(org), `the referral to ${org} in the case list`);
        await see(page, row.getByText('Terkirim', { exact: true }), `the status of the referral to ${org}`);
      }
      await signOut(page);
    });

    await step('the RSUD sees only the chronology, accepts, records a visum and completes', async () => {
      await signIn(page, 'rsud@lebak.demo', { home: 'Rujukan' });
      await openIncoming(page, rsudNo);
      await see(page, page.getByText(CHRONOLOGY), 'the shared chronology');
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text a user sees
      const body = await page.locator('body').innerText();
      expect(body, 'the victim name must not be shown to the RSUD').not.toContain(VICTIM.name);
      expect(body, 'the victim NIK must not be shown to the RSUD').not.toContain(VICTIM.nik);
      await notSee(
        page,
        page.getByRole('link', { name: 'Cetak surat rujukan' }),
        'the letter link (sender only)',
      );

      await page.getByRole('button', { name: 'Terima', exact: true }).click();
      await seeText(page, fact(page, 'Status'), /^Diterima/, 'the status after accepting');

      await page.getByRole('button', { name: 'Catat layanan' }).click();
      const svc = page.getByRole('form', { name: 'Catat layanan' });
      await svc.getByLabel('Jenis layanan').selectOption({ label: 'Visum et repertum' });
      await svc.getByLabel('Hasil layanan').fill('Visum dilakukan; hasil dikirim ke penyidik.');
      await svc.getByRole('button', { name: 'Simpan' }).click();
      await notSee(page, svc, 'the service form after saving (did the server refuse?)');
      await seeText(page, fact(page, 'Status'), /^Dalam layanan/, 'the status after the first service');
      await see(
        page,
        page.getByRole('table', { name: 'Layanan yang diberikan' }).getByText('Visum et repertum'),
        'the visum in the delivered services',
      );

      await page.getByRole('button', { name: 'Selesaikan' }).click();
      const done = page.getByRole('form', { name: 'Selesaikan rujukan' });
      await done.getByLabel('Hasil rujukan').fill('Pemeriksaan dan visum selesai; korban dirawat jalan.');
      await done.getByRole('button', { name: 'Selesaikan' }).click();
      await notSee(page, done, 'the completion form after saving (did the server refuse?)');
      await seeText(page, fact(page, 'Status'), /^Selesai/, 'the status after completing');
      await signOut(page);
    });

    await step('the police declines with a reason', async () => {
      await signIn(page, 'mitra@lebak.demo', { home: 'Rujukan' });
      await openIncoming(page, policeNo);
      expect(
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text a user sees
        await page.locator('body').innerText(),
        'the victim name must not be shown without the identity section',
      ).not.toContain(VICTIM.name);
      await page.getByRole('button', { name: 'Tolak', exact: true }).click();
      const form = page.getByRole('form', { name: 'Tolak rujukan' });
      await form.getByLabel('Alasan').selectOption({ label: 'Informasi belum cukup' });
      await form
        .getByLabel('Catatan (opsional)')
        .fill('Mohon identitas dan kontak korban untuk pemanggilan.');
      await form.getByRole('button', { name: 'Tolak' }).click();
      await notSee(page, form, 'the decline form after sending (did the server refuse?)');
      await seeText(page, fact(page, 'Status'), /^Ditolak/, 'the status after declining');
      await signOut(page);
    });

    await step('the case manager sees both outcomes and prints the letter', async () => {
      await signIn(page, 'manajer@lebak.demo');
      const panel = await openCaseReferrals(page);
      const table = panel.getByRole('table', { name: 'Rujukan' });
      const row = (no: string) =>
        table.getByRole('row').filter({ has: page.getByRole('link', { name: no, exact: true }) });
      await see(page, row(rsudNo).getByText('Selesai', { exact: true }), 'the RSUD referral completed');
      await see(page, row(policeNo).getByText('Ditolak', { exact: true }), 'the police referral declined');

      await row(policeNo).getByRole('link', { name: policeNo, exact: true }).click();
      await see(page, page.getByText('Ditolak: Informasi belum cukup'), 'the decline reason');
      await see(
        page,
        page.getByText('Mohon identitas dan kontak korban untuk pemanggilan.'),
        'the decline note',
      );
      await see(page, page.getByRole('link', { name: caseNumber }), 'the link back to the case');

      await page.goBack();
      await row(rsudNo).getByRole('link', { name: rsudNo, exact: true }).click();
      await see(page, page.getByText('Pemeriksaan dan visum selesai; korban dirawat jalan.'), 'the outcome');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Cetak surat rujukan' }).click(),
      ]);
      const path = await download.path();
      const head = (await readFile(path)).subarray(0, 5).toString('latin1');
      expect(head, `the letter file ${download.suggestedFilename()}`).toBe('%PDF-');
    });
  });
});
