/**
 * An urgent case never waits unseen (decision 013): the intake officer of the Lebak UPTD PPA
 * records a high-risk case and leaves the case manager open. A case manager signs in: the case is
 * at the top of her home page under "Belum ada manajer kasus", with what is due and how soon,
 * the bell shows the notice about it; she takes it ("Ambil"), it leaves that queue and becomes
 * one of her cases.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fact, signIn, signOut } from './helpers/flows.ts';
import { notSee, see, seePath, seeText, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

let env: E2E;

beforeAll(async () => {
  env = await start({ cases: 0 });
});
afterAll(async () => {
  await stop(env);
});

const HOUR = 3_600_000;

/**
 * A receipt time (Jakarta wall time for `datetime-local`) half an hour before the server's clock,
 * kept inside today so the one-hour deadline falls today (and never after the clock).
 */
function receivedToday(): string {
  const now = env.h.now.value.getTime();
  const wib = now + 7 * HOUR;
  const dayStart = wib - (wib % (24 * HOUR));
  const at = Math.min(Math.max(wib - 0.5 * HOUR, dayStart), dayStart + 22.5 * HOUR);
  return new Date(at).toISOString().slice(0, 16);
}

async function homeSection(page: Page, heading: string) {
  const h2 = page.getByRole('heading', { name: heading, level: 2 });
  await see(page, h2, `the "${heading}" section`);
  return page.locator('section[aria-labelledby]').filter({ has: h2 });
}

describe('urgent cases', () => {
  test('a high-risk case opened without a manager heads the managers’ home until one takes it', async () => {
    const { page } = await env.newPage();

    const caseNumber = await step(
      'the intake officer opens a high-risk case and leaves the manager open',
      async () => {
        await signIn(page, 'pengaduan@lebak.demo');
        await page
          .getByRole('navigation', { name: 'Menu utama' })
          .getByRole('link', { name: 'Kasus baru' })
          .click();
        await see(page, page.getByRole('heading', { name: 'Pengaduan baru', level: 1 }), 'the new-case form');
        await page.getByLabel('Saluran pengaduan').selectOption({ label: 'Telepon/hotline' });
        await page.getByLabel('Waktu diterima').fill(receivedToday());
        await page.getByLabel('Tingkat risiko').selectOption({ label: 'Tinggi' });
        const manager = page.getByLabel('Manajer kasus');
        // the case managers of Lebak are offered; the default for an intake officer is "not yet"
        await seeText(page, manager, /Demo manajer lebak/, 'Lebak’s case manager among the choices');
        expect(await manager.locator('option', { hasText: 'serang' }).count()).toBe(0);
        expect(await manager.inputValue()).toBe('');
        await page.getByRole('button', { name: 'Buat kasus' }).click();
        await seePath(page, /^\/kasus\/[0-9a-f-]{36}$/, 'the new case page');
        const heading = page.getByRole('heading', { level: 1 });
        await seeText(page, heading, /PPA-3602-\d{4}-\d{6}/, 'the case number heading');
        await seeText(page, fact(page, 'Manajer kasus'), 'Belum ditetapkan', 'no case manager yet');
        const number = ((await heading.textContent()) ?? '').match(/PPA-3602-\d{4}-\d{6}/)![0];
        await signOut(page);
        return number;
      },
    );

    await step('a case manager sees it at the top of her home, under "Belum ada manajer kasus"', async () => {
      await signIn(page, 'manajer@lebak.demo');
      const first = page.locator('main h2').first();
      await seeText(page, first, 'Belum ada manajer kasus', 'the first section of the home page');
      const queue = await homeSection(page, 'Belum ada manajer kasus');
      const row = queue.getByRole('listitem').first();
      await seeText(page, row, new RegExp(caseNumber), 'the case at the top of the queue');
      await seeText(page, row, /Tinggi/, 'its risk');
      await seeText(page, row, /Layani segera \(risiko tinggi\)/, 'what is due');
      await seeText(page, row, /\d+ menit lagi|terlambat/, 'how long until it is due');
      await see(page, row.getByRole('link', { name: caseNumber }), 'a link to the case');
      const due = await homeSection(page, 'Jatuh tempo hari ini');
      await seeText(page, due, new RegExp(caseNumber), 'the case’s deadline among today’s');
    });

    await step('the bell shows the notice about it', async () => {
      const bell = page.getByRole('link', { name: 'Notifikasi: 1 belum dibaca' });
      await see(page, bell, 'one unread notification on the bell');
      await bell.click();
      await seePath(page, '/notifikasi', 'the notifications page');
      await see(
        page,
        page.getByRole('link', {
          name: new RegExp(`Kasus baru belum memiliki manajer kasus — ${caseNumber}`),
        }),
        'the notice naming the case number',
      );
      // the notice opens the case, which says it has no manager and offers to take it
      const href = await page
        .getByRole('link', { name: new RegExp(`Kasus baru belum memiliki manajer kasus — ${caseNumber}`) })
        .getAttribute('href');
      await page.goto(href!);
      await see(
        page,
        page.getByRole('button', { name: `Ambil kasus ${caseNumber}: jadikan saya manajer kasusnya` }),
        '"Ambil" on the case page',
      );
      await page
        .getByRole('navigation', { name: 'Menu utama' })
        .getByRole('link', { name: 'Pekerjaan saya' })
        .click();
      await see(page, page.getByRole('heading', { name: 'Pekerjaan saya', level: 1 }), 'the home page again');
    });

    await step('she takes it: it leaves the queue and becomes hers', async () => {
      const queue = await homeSection(page, 'Belum ada manajer kasus');
      await queue
        .getByRole('button', { name: `Ambil kasus ${caseNumber}: jadikan saya manajer kasusnya` })
        .click();
      await see(
        page,
        page.getByRole('status').filter({ hasText: `Kasus ${caseNumber} sekarang Anda tangani.` }),
        'the confirmation',
      );
      await see(
        page,
        queue.getByText('Semua kasus terbuka sudah memiliki manajer kasus.'),
        'the empty queue',
      );
      await notSee(page, queue.getByRole('link', { name: caseNumber }), 'the case in the queue');
      const due = await homeSection(page, 'Jatuh tempo hari ini');
      await seeText(
        page,
        due.getByRole('listitem').filter({ hasText: caseNumber }),
        /Manajer kasus: Demo manajer lebak/,
        'who manages it now',
      );
      const mine = await homeSection(page, 'Kasus saya yang masih berjalan');
      await see(page, mine.getByRole('link', { name: caseNumber }), 'the case among her own');
    });

    await step('after a reload it is still hers and not in the queue', async () => {
      await page.reload();
      const queue = await homeSection(page, 'Belum ada manajer kasus');
      await see(
        page,
        queue.getByText('Semua kasus terbuka sudah memiliki manajer kasus.'),
        'the empty queue after reload',
      );
    });
  });
});
