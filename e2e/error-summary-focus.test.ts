/**
 * After a refused form the error summary takes the focus at once, in the same task that shows it,
 * and never later: a user who has already gone back into a field and is typing keeps every
 * character. The page's clock (timers and animation frames) is held still between showing the
 * error and typing, as on a phone too busy to paint, so an effect waiting for the next paint is
 * still pending when the user is back in the field. It then runs either when the frame comes or,
 * earlier, when the first keystroke re-renders the form (Preact runs a component's pending
 * effects before rendering it again): the focus jumps to the summary and the next keys are lost.
 * The frame landing between fill()'s select and its text insert is what once turned
 * `fill('305562')` into "3" in e2e/case-flow.test.ts under CPU load: Chromium inserted the text
 * into the still-selected field that had lost focus and cut it to maxlength (7) minus the old
 * length (6).
 */
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { submitSignIn } from './helpers/flows.ts';
import { see, seePath } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

const PASSWORD = 'Kuat-Sekali-Sandi-2026!';

let env: E2E;
let orgId: string;

beforeAll(async () => {
  env = await start({ cases: 1 });
  const manager = await env.api('manajer@lebak.demo');
  orgId = (await manager.get('/api/v1/auth/me')).body.user.orgId;
});

afterAll(async () => {
  await stop(env);
});

/** A new case manager (two-factor enrolment required) on the enrolment page, with the secret. */
async function enrolmentPage(page: Page, email: string): Promise<string> {
  const admin = await env.api('admin@lebak.demo');
  const created = await admin.post('/api/v1/admin/users', {
    email,
    name: 'Dewi Lestari',
    role: 'manajer',
    orgId,
    password: PASSWORD,
  });
  expect(created.status, `create user: ${JSON.stringify(created.body)}`).toBe(201);
  await page.clock.install();
  await submitSignIn(page, email, PASSWORD);
  await seePath(page, '/keamanan/2fa', 'the two-factor enrolment page');
  await page.getByRole('button', { name: 'Mulai aktivasi' }).click();
  const secret = page
    .getByRole('paragraph')
    .filter({ hasText: /^Kunci rahasia:/ })
    .getByRole('code');
  await see(page, secret, 'the secret key');
  return ((await secret.textContent()) ?? '').replace(/\s/g, '');
}

async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className}` : '(none)';
  });
}

/** Sends a wrong code with the page's clock held still; the summary must have the focus already. */
async function refuseWrongCode(page: Page, code: string): Promise<void> {
  const typo = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
  await page.getByLabel('Kode 6 digit').fill(typo);
  await page.clock.pauseAt(Date.now() + 1_000);
  await page.getByRole('button', { name: 'Aktifkan', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Kode verifikasi salah' });
  await see(page, alert, 'the error for a wrong code');
  expect(await focused(page), 'the focus on the error summary as soon as it is shown').toBe(
    'div.error-summary',
  );
}

async function finish(page: Page): Promise<void> {
  await page.clock.resume();
  await page.getByRole('button', { name: 'Aktifkan', exact: true }).click();
  await see(
    page,
    page.getByRole('heading', { name: 'Verifikasi dua langkah aktif', level: 1 }),
    'confirmation that two-factor is on (the full code was sent)',
  );
}

describe('the error summary takes the focus only when it appears', () => {
  test('a code filled over the selected wrong one right after the error is kept whole', async () => {
    const { page } = await env.newPage();
    const secret = await enrolmentPage(page, 'dewi.fill@lebak.e2e.test');
    const code = await generate({ secret, epoch: Math.floor(env.h.now.value.getTime() / 1000) });
    await refuseWrongCode(page, code);

    // what fill() does, with the delayed frame landing between selecting and inserting
    const field = page.getByLabel('Kode 6 digit');
    await field.selectText();
    await page.clock.runFor(500);
    expect(await focused(page), 'the focus still in the field the user went back to').toBe(
      'input#totp-code.',
    );
    await page.keyboard.insertText(code);
    expect(await field.inputValue(), 'the code in the field').toBe(code);
    await finish(page);
  });

  test('a code typed key by key while the page is slow to paint loses no digit', async () => {
    const { page } = await env.newPage();
    const secret = await enrolmentPage(page, 'dewi.type@lebak.e2e.test');
    const code = await generate({ secret, epoch: Math.floor(env.h.now.value.getTime() / 1000) });
    await refuseWrongCode(page, code);

    const field = page.getByLabel('Kode 6 digit');
    await field.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(code.slice(0, 3));
    await page.clock.runFor(500);
    await page.keyboard.type(code.slice(3));
    expect(await field.inputValue(), 'every digit typed').toBe(code);
    await finish(page);
  });
});
