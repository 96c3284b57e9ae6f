/**
 * Case transfer (pelimpahan) in the browser (issue 4 §3): the victim moved from Kabupaten Lebak to
 * Kota Serang. The Lebak case manager transfers the whole case to the UPTD PPA Kota Serang; the
 * Serang case manager accepts it and now holds the case with its victim; the Lebak case manager
 * keeps the record of the transfer but can no longer open the case.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backgroundSettled } from '../src/app/background.ts';
import { caseWithVictim, signIn, signOut } from './helpers/flows.ts';
import { notSee, see, seePath, seeText, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

const VICTIM = { name: 'Wulan Pratiwi Rahayu', nik: '3602016104920005', birthDate: '1992-04-21' };
const REASON = 'Korban pindah domisili ke Kota Serang bersama orang tuanya (uji e2e pelimpahan).';
const SERANG_UPTD = /^UPTD PPA Kota Serang/;

let env: E2E;
let caseId = '';
let caseNumber = '';

beforeAll(async () => {
  env = await start({ cases: 0 });
  // a Lebak case with one victim, recorded through the API (the case pages have their own test)
  const c = await caseWithVictim(env, { ...VICTIM, regionCode: '36.02.01.2002' }, { regionCode: '36.02' });
  caseId = c.id;
  caseNumber = c.number;
});

afterAll(async () => {
  if (env) await backgroundSettled(env.h.svc);
  await stop(env);
});

/** Opens /pelimpahan from the main menu and then the "Masuk" or "Keluar" box; returns its table. */
async function openBox(page: Page, box: 'Masuk' | 'Keluar'): Promise<Locator> {
  await page
    .getByRole('navigation', { name: 'Menu utama' })
    .getByRole('link', { name: 'Pelimpahan', exact: true })
    .click();
  await see(page, page.getByRole('heading', { name: 'Pelimpahan kasus', level: 1 }), 'the transfer page');
  await page
    .getByRole('navigation', { name: 'Kotak pelimpahan' })
    .getByRole('link', { name: box, exact: true })
    .click();
  await seePath(page, box === 'Masuk' ? '/pelimpahan' : '/pelimpahan?box=keluar', `the "${box}" box`);
  const table = page.getByRole('table', { name: box });
  await see(page, table, `the "${box}" table`);
  return table;
}

function transferRow(table: Locator, page: Page): Locator {
  return table.getByRole('row').filter({ has: page.getByRole('rowheader').filter({ hasText: caseNumber }) });
}

const notFoundHeading = (page: Page) => page.getByRole('heading', { name: 'Data tidak ditemukan', level: 1 });

describe('case transfer (pelimpahan)', () => {
  test('Lebak transfers a case to Kota Serang; Serang accepts and holds it; Lebak keeps only the record', async () => {
    const { page } = await env.newPage();

    await step('the Lebak case manager transfers the case to the UPTD PPA Kota Serang', async () => {
      await signIn(page, 'manajer@lebak.demo');
      await page.goto(`/kasus/${caseId}`);
      await seeText(
        page,
        page.getByRole('heading', { level: 1 }),
        new RegExp(caseNumber),
        'the case heading',
      );
      await page.getByRole('button', { name: 'Limpahkan kasus' }).click();
      const dialog = page.getByRole('dialog', { name: 'Limpahkan kasus' });
      await see(page, dialog, 'the transfer dialog');
      await dialog
        .getByRole('group', { name: /Tujuan pelimpahan/ })
        .getByRole('radio', { name: 'Ke kabupaten/kota lain', exact: true })
        .check();
      const target = dialog.getByLabel('UPTD PPA penerima');
      await see(page, target, 'the choice of the receiving UPTD PPA');
      const serang = target.getByRole('option', { name: SERANG_UPTD });
      await serang.waitFor({ state: 'attached' });
      const options = await target.getByRole('option').allTextContents();
      expect(
        options.some((o) => /Lebak/.test(o)),
        `the own office must not be offered: ${options}`,
      ).toBe(false);
      await target.selectOption({ label: (await serang.textContent())!.trim() });
      await dialog.getByLabel('Alasan pelimpahan').fill(REASON);
      await dialog.getByRole('button', { name: 'Ajukan pelimpahan' }).click();
      await notSee(page, dialog, 'the transfer dialog after sending (did the server refuse?)');
      await see(
        page,
        page.getByRole('status').filter({ hasText: 'Pelimpahan diajukan.' }),
        'the confirmation that the transfer was requested',
      );
    });

    await step('it is listed under Keluar as "Diajukan"', async () => {
      const table = await openBox(page, 'Keluar');
      const row = transferRow(table, page);
      await see(page, row, `the transfer of ${caseNumber} in "Keluar"`);
      await see(page, row.getByText('Ke kabupaten/kota lain'), 'the transfer level');
      await see(page, row.getByText(SERANG_UPTD), 'the receiving office');
      await see(page, row.getByText(REASON), 'the reason');
      await see(page, row.getByText('Diajukan', { exact: true }), 'the status "Diajukan"');
      await see(page, row.getByRole('button', { name: `Batalkan pelimpahan kasus ${caseNumber}` }), 'cancel');
      await signOut(page);
    });

    await step('the Serang case manager accepts it under Masuk', async () => {
      await signIn(page, 'manajer@serang.demo');
      const table = await openBox(page, 'Masuk');
      const row = transferRow(table, page);
      await see(page, row, `the transfer of ${caseNumber} in "Masuk"`);
      await see(page, row.getByText('Kabupaten Lebak'), 'where it comes from');
      await see(page, row.getByText('Diajukan', { exact: true }), 'the status before accepting');
      await row.getByRole('button', { name: `Terima pelimpahan kasus ${caseNumber}` }).click();
      await see(
        page,
        page.getByRole('status').filter({ hasText: `Pelimpahan kasus ${caseNumber} diterima.` }),
        'the confirmation of the acceptance',
      );
      await see(page, row.getByText('Diterima', { exact: true }), 'the status after accepting');
      await notSee(page, row.getByRole('button', { name: /^Terima pelimpahan/ }), 'the accept button');
    });

    await step('the case is in the Serang case list, with its victim', async () => {
      await page
        .getByRole('navigation', { name: 'Menu utama' })
        .getByRole('link', { name: 'Kasus', exact: true })
        .click();
      await see(page, page.getByRole('heading', { name: 'Daftar kasus', level: 1 }), 'the case list');
      const results = page.getByRole('table', { name: 'Daftar kasus' });
      await see(page, results.getByRole('link', { name: caseNumber }), `case ${caseNumber} in Serang's list`);
      await results.getByRole('link', { name: caseNumber }).click();
      await seePath(page, `/kasus/${caseId}`, 'the case page');
      await page
        .getByRole('navigation', { name: 'Bagian kasus' })
        .getByRole('link', { name: 'Orang', exact: true })
        .click();
      const victims = page
        .getByRole('region', { name: 'Orang', exact: true })
        .getByRole('region', { name: 'Korban', exact: true });
      await see(page, victims.getByRole('heading', { name: VICTIM.name }), `the victim ${VICTIM.name}`);
      await signOut(page);
    });

    await step('the Lebak case manager can no longer open the case', async () => {
      await signIn(page, 'manajer@lebak.demo');
      const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${caseId}`));
      await page.goto(`/kasus/${caseId}`);
      expect((await answer).status(), 'the API answer to the Lebak manager').toBe(404);
      await see(page, notFoundHeading(page), 'the not-found page for the transferred case');
      // textContent, not the rendered text: visually hidden text must not leak either
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text, 'the page must not show the case number').not.toContain(caseNumber);
      expect(text, 'the page must not show the victim name').not.toContain(VICTIM.name);
      expect(text, 'the page must not show the victim NIK').not.toContain(VICTIM.nik);
      await notSee(page, page.getByRole('navigation', { name: 'Bagian kasus' }), 'the case tabs');
      await notSee(page, page.getByRole('button', { name: 'Limpahkan kasus' }), 'the transfer button');
    });

    await step('but keeps the record of the transfer under Keluar, now "Diterima"', async () => {
      const table = await openBox(page, 'Keluar');
      const row = transferRow(table, page);
      await see(page, row, `the transfer of ${caseNumber} still in "Keluar"`);
      await see(page, row.getByText('Diterima', { exact: true }), 'the status "Diterima"');
      await see(page, row.getByText(REASON), 'the reason');
      await notSee(
        page,
        row.getByRole('link', { name: caseNumber }),
        'a link to the case it no longer holds',
      );
      await notSee(page, row.getByRole('button', { name: /^Batalkan pelimpahan/ }), 'the cancel button');
      expect((await page.locator('body').textContent()) ?? '', 'the transfer list').not.toContain(
        VICTIM.name,
      );
    });
  });
});
