/**
 * Steps that many browser tests share: signing in and out through the pages a user sees, and a
 * case with one victim recorded through the API when the case pages are not what a test is about.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { see, seePath } from './see.ts';
import { type ApiClient, DEMO_PASSWORD, type E2E } from './server.ts';

/** Opens /masuk and waits for the sign-in page. */
export async function openSignIn(page: Page): Promise<void> {
  await page.goto('/masuk');
  await see(page, page.getByRole('heading', { name: 'Masuk ke Simpul', level: 1 }), 'the sign-in page');
}

/** Opens /masuk, types the e-mail address and password and presses "Masuk"; checks nothing after. */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await openSignIn(page);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Kata sandi', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

export type SignInOptions = {
  /** default: the demo password */
  password?: string;
  /** the level-1 heading of the first page after signing in (default "Pekerjaan saya");
   *  `null` waits only for the main menu, whatever the first page is */
  home?: string | null;
};

/** Signs in through the sign-in page and waits for the first page (or the main menu). */
export async function signIn(page: Page, email: string, opts: SignInOptions = {}): Promise<void> {
  await submitSignIn(page, email, opts.password);
  const home = opts.home === undefined ? 'Pekerjaan saya' : opts.home;
  if (home === null)
    await see(page, page.getByRole('navigation', { name: 'Menu utama' }), `the main menu for ${email}`);
  else await see(page, page.getByRole('heading', { name: home, level: 1 }), `the home page for ${email}`);
}

/** Signs out from the account menu and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.locator('summary').filter({ hasText: 'Menu akun' }).click();
  await page.getByRole('button', { name: 'Keluar' }).click();
  await seePath(page, /^\/masuk(\?|$)/, 'the sign-in page after signing out');
}

/**
 * The main menu's link named `name`. At narrow widths the menu folds behind its "Menu" button
 * (decision 037): the button is pressed first when it shows and the list is closed.
 */
export async function menuLink(page: Page, name: string, exact = false): Promise<Locator> {
  const nav = page.getByRole('navigation', { name: 'Menu utama' });
  const toggle = nav.getByRole('button', { name: 'Menu', exact: true });
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true')
    await toggle.click();
  return nav.getByRole('link', { name, exact });
}

/**
 * The first value shown next to a term (`<dt>`) in a list of facts, e.g. "Status"; `scope` may be
 * the page or a part of it (a section). `term` is a regular expression source, matched whole.
 */
export function fact(scope: Page | Locator, term: string): Locator {
  // the inner locator of `has` is matched inside each row, so it starts from the page, not the scope
  const page = 'goto' in scope ? scope : scope.page();
  return scope
    .locator('dl > div')
    .filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) })
    .getByRole('definition')
    .first();
}

export type Victim = {
  name: string;
  birthDate: string;
  sex?: 'perempuan' | 'laki_laki';
  nik?: string;
  phone?: string;
  /** village code, e.g. '36.02.01.2002' */
  regionCode?: string;
};

/**
 * A case (walk-in, KtP, regional authority) with one victim, recorded through the API by `as`
 * (default the Lebak case manager). Returns the case, the victim's person id and the API client
 * of the user who recorded it, for further API steps.
 */
export async function caseWithVictim(
  env: E2E,
  victim: Victim,
  opts: { as?: string; risk?: 'rendah' | 'sedang' | 'tinggi'; regionCode?: string } = {},
): Promise<{ id: string; number: string; victimId: string; api: ApiClient }> {
  const api = await env.api(opts.as ?? 'manajer@lebak.demo');
  const c = await api.post('/api/v1/cases', {
    channel: 'datang_langsung',
    risk: opts.risk ?? 'sedang',
    caseType: 'ktp',
    authority: 'daerah',
    ...(opts.regionCode ? { regionCode: opts.regionCode } : {}),
  });
  expect(c.status, `create case: ${JSON.stringify(c.body)}`).toBe(201);
  const { sex = 'perempuan', ...rest } = victim;
  const v = await api.post(`/api/v1/cases/${c.body.id}/persons`, { role: 'korban', sex, ...rest });
  expect(v.status, `add victim: ${JSON.stringify(v.body)}`).toBe(201);
  return { id: c.body.id as string, number: c.body.number as string, victimId: v.body.id as string, api };
}
