/**
 * What a user must NOT see, and getting in and out: another region's case behind its URL,
 * unknown addresses, signing out, and signing in with the keyboard alone.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openSignIn, signIn, signOut, submitSignIn } from './helpers/flows.ts';
import { describeFocus, notSee, see, seePath, step } from './helpers/see.ts';
import { DEMO_PASSWORD, type E2E, start, stop } from './helpers/server.ts';

let env: E2E;

beforeAll(async () => {
  env = await start({ cases: 3 });
});

afterAll(async () => {
  await stop(env);
});

const notFoundHeading = (page: Page) => page.getByRole('heading', { name: 'Data tidak ditemukan', level: 1 });

async function isFocused(l: Locator): Promise<boolean> {
  return l.evaluate((el) => el === document.activeElement).catch(() => false);
}

describe('scope and session', () => {
  test('a Serang manager opening the URL of a Lebak case sees the not-found page and none of its data', async () => {
    const lebak = await step('pick a Lebak case through the API', async () => {
      const c = await env.api('manajer@lebak.demo');
      const list = await c.get('/api/v1/cases?pageSize=5');
      expect(list.status, 'GET /cases as manajer@lebak.demo').toBe(200);
      expect(list.body.items.length, 'demo cases in Lebak').toBeGreaterThan(0);
      const id = list.body.items[0].id as string;
      const full = await c.get(`/api/v1/cases/${id}`);
      expect(full.status, 'GET /cases/:id as manajer@lebak.demo').toBe(200);
      expect(full.body.number, 'the Lebak case number').toMatch(/^PPA-3602-/);
      const names = (full.body.persons as Array<{ name: string }>).map((p) => p.name);
      expect(names.length, 'persons on the Lebak case').toBeGreaterThan(0);
      return { id, number: full.body.number as string, names };
    });

    const { page } = await env.newPage();
    await signIn(page, 'manajer@serang.demo');

    await step('open the Lebak case by its address', async () => {
      const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${lebak.id}`));
      await page.goto(`/kasus/${lebak.id}`);
      expect((await answer).status(), 'the API answer to the Serang manager').toBe(404);
      await see(page, notFoundHeading(page), 'the not-found page for another region’s case');
      await see(page, page.getByRole('link', { name: 'Pekerjaan saya' }).last(), 'a way back home');
      // textContent, not the rendered text: visually hidden text must not leak either
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text, 'the page must not show the Lebak case number').not.toContain(lebak.number);
      for (const name of lebak.names)
        expect(text, `the page must not show the name "${name}"`).not.toContain(name);
      await notSee(page, page.getByRole('navigation', { name: 'Bagian kasus' }), 'the case tabs');
      await notSee(page, page.getByRole('button', { name: 'Ubah tahap' }), 'the stage-change button');
    });

    await step('the Lebak case does not turn up in a search by its number either', async () => {
      await page.goto(`/kasus?${new URLSearchParams({ q: lebak.number })}`);
      await see(
        page,
        page.getByText('Tidak ada kasus yang cocok dengan pencarian ini.'),
        `no result when the Serang manager searches ${lebak.number}`,
      );
      expect((await page.locator('body').textContent()) ?? '', 'the search results').not.toContain(
        lebak.number,
      );
    });
  });

  test('an unknown address shows the not-found page', async () => {
    const { page } = await env.newPage();
    await signIn(page, 'manajer@lebak.demo');
    await page.goto('/halaman/yang-tidak-ada');
    await see(page, notFoundHeading(page), 'the not-found page for /halaman/yang-tidak-ada');
    await see(
      page,
      page.getByText(
        'Halaman atau data yang Anda cari tidak ada, atau Anda tidak memiliki akses ke data tersebut.',
      ),
      'the not-found explanation',
    );
    // a malformed case id is "not found" too, not an error page
    await page.goto('/kasus/bukan-id-kasus');
    await see(page, notFoundHeading(page), 'the not-found page for /kasus/bukan-id-kasus');
  });

  test('signing out returns to the sign-in page and the case list then asks to sign in', async () => {
    const { page } = await env.newPage();
    await signIn(page, 'manajer@serang.demo');
    await page
      .getByRole('navigation', { name: 'Menu utama' })
      .getByRole('link', { name: 'Kasus', exact: true })
      .click();
    await see(
      page,
      page.getByRole('heading', { name: 'Daftar kasus', level: 1 }),
      'the case list while signed in',
    );

    await step('sign out from the account menu', async () => {
      await signOut(page);
      await see(
        page,
        page.getByRole('heading', { name: 'Masuk ke Simpul', level: 1 }),
        'the sign-in heading',
      );
      await notSee(
        page,
        page.getByRole('navigation', { name: 'Menu utama' }),
        'the main menu after signing out',
      );
    });

    await step('the session is gone on the server too', async () => {
      const me = await page.request.get('/api/v1/auth/me');
      expect(me.status(), 'GET /auth/me after signing out').toBe(401);
    });

    await step('opening /kasus now redirects to /masuk', async () => {
      await page.goto('/kasus');
      await seePath(page, /^\/masuk(\?|$)/, '/kasus to redirect to the sign-in page');
      expect(new URL(page.url()).searchParams.get('next'), 'where to return after signing in').toBe('/kasus');
      await see(
        page,
        page.getByRole('heading', { name: 'Masuk ke Simpul', level: 1 }),
        'the sign-in heading',
      );
      await notSee(page, page.getByRole('heading', { name: 'Daftar kasus' }), 'the case list');
    });
  });

  test('a signed-in officer reloading while the server is busy is told so, not sent to the sign-in page', async () => {
    const { page } = await env.newPage();
    await signIn(page, 'manajer@lebak.demo');
    let refused = 0;
    await page.route('**/api/v1/auth/me', async (route) => {
      if (refused > 0) return route.continue();
      refused++;
      await route.fulfill({
        status: 503,
        headers: { 'content-type': 'application/json', 'retry-after': '5' },
        body: JSON.stringify({
          error: {
            code: 'SERVER_BUSY',
            message:
              'Simpul sedang melayani terlalu banyak permintaan. Tidak ada yang disimpan; coba lagi dalam beberapa detik.',
          },
        }),
      });
    });
    await page.goto('/kasus');
    await step('the busy message with "Coba lagi", not the sign-in page', async () => {
      await see(
        page,
        page.getByRole('alert').filter({ hasText: 'terlalu banyak permintaan' }),
        'the busy message',
      );
      await notSee(page, page.getByRole('heading', { name: 'Masuk ke Simpul' }), 'the sign-in page');
      expect(new URL(page.url()).pathname).toBe('/kasus');
    });
    await step('"Coba lagi" once the server answers: the case list, still signed in', async () => {
      await page.getByRole('button', { name: 'Coba lagi' }).click();
      await seePath(page, '/kasus', 'the case list');
      await see(page, page.getByRole('navigation', { name: 'Menu utama' }), 'the main menu');
    });
  });

  test('five wrong passwords: she is told how many tries there are, then for how long it is locked and what to do', async () => {
    const { page } = await env.newPage();
    const alert = page.getByRole('alert');
    await step(
      'a wrong password: says how many tries before a lock, and that a disabled account looks the same',
      async () => {
        await submitSignIn(page, 'pimpinan@lebak.demo', 'Salah-Ketik-Sandi-1');
        await see(
          page,
          alert.filter({ hasText: 'Setelah 5 kali salah, masuk dikunci 15 menit' }),
          'the message',
        );
        await see(page, alert.getByRole('heading', { name: 'Belum berhasil' }), 'the title of a refusal');
        await notSee(
          page,
          page.getByRole('heading', { name: 'Ada isian yang perlu diperbaiki' }),
          'a title about fields',
        );
      },
    );
    await step(
      'after the fifth, even the right password: locked for 15 minutes, ask an administrator',
      async () => {
        for (let i = 2; i <= 5; i++)
          await submitSignIn(page, 'pimpinan@lebak.demo', `Salah-Ketik-Sandi-${i}`);
        await submitSignIn(page, 'pimpinan@lebak.demo', DEMO_PASSWORD);
        await see(page, alert.filter({ hasText: 'Masuk dikunci 15 menit' }), 'the lock message');
        await see(page, alert.filter({ hasText: 'administrator menyetel ulang kata sandi' }), 'what to do');
      },
    );
  });

  test('signing in with the keyboard only', async () => {
    const { page } = await env.newPage();
    await openSignIn(page);
    const email = page.getByLabel('Email', { exact: true });
    const password = page.getByLabel('Kata sandi', { exact: true });
    const submit = page.getByRole('button', { name: 'Masuk', exact: true });

    await step('Tab reaches the email field', async () => {
      const seen: string[] = [];
      for (let i = 0; i < 10 && !(await isFocused(email)); i++) {
        await page.keyboard.press('Tab');
        seen.push(await describeFocus(page));
      }
      expect(
        await isFocused(email),
        `Tab never reached the email field; focus went: ${seen.join(' → ')}`,
      ).toBe(true);
      await page.keyboard.type('manajer@lebak.demo');
    });

    await step('the next Tab reaches the password field', async () => {
      await page.keyboard.press('Tab');
      expect(await isFocused(password), `focus after Tab is on ${await describeFocus(page)}`).toBe(true);
      await page.keyboard.type(DEMO_PASSWORD);
    });

    await step('the next Tab reaches the "Masuk" button', async () => {
      await page.keyboard.press('Tab');
      expect(await isFocused(submit), `focus after Tab is on ${await describeFocus(page)}`).toBe(true);
    });

    await step('Enter signs in', async () => {
      await page.keyboard.press('Enter');
      await see(
        page,
        page.getByRole('heading', { name: 'Pekerjaan saya', level: 1 }),
        'the home page after Enter',
      );
      await seePath(page, '/', 'the home page address');
    });
  });
});
