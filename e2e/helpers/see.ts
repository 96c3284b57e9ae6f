/**
 * Waiting assertions for playwright-core (which has no `expect`): each one retries until it
 * holds or times out, and then fails with a sentence saying what the user should have seen,
 * on which page, and what the page showed instead.
 */
import type { Locator, Page } from 'playwright-core';

const TIMEOUT = 10_000;

async function where(page: Page): Promise<string> {
  const h1 = await page
    .locator('h1')
    .first()
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, the rendered text a user sees
    .innerText({ timeout: 500 })
    .catch(() => '(no h1)');
  const alerts = await page
    .getByRole('alert')
    .allInnerTexts()
    .catch(() => [] as string[]);
  const alertText =
    alerts.length > 0 ? `; alert(s) shown: ${alerts.map((a) => JSON.stringify(a)).join(', ')}` : '';
  return `on ${page.url()} (heading: ${JSON.stringify(h1)}${alertText})`;
}

/** The locator becomes visible. */
export async function see(page: Page, locator: Locator, what: string, timeout = TIMEOUT): Promise<void> {
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch (e) {
    throw new Error(
      `Expected to see ${what} within ${timeout} ms, but did not ${await where(page)}.\n` +
        `  locator: ${locator}\n  cause: ${(e as Error).message.split('\n')[0]}`,
    );
  }
}

/** Nothing matching the locator is visible (it may never have appeared). */
export async function notSee(page: Page, locator: Locator, what: string, timeout = TIMEOUT): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'hidden', timeout });
  } catch {
    throw new Error(
      `Expected NOT to see ${what}, but it is shown ${await where(page)}.\n  locator: ${locator}`,
    );
  }
}

/** The locator's visible text matches (exact string after trimming, or a RegExp). */
export async function seeText(
  page: Page,
  locator: Locator,
  expected: string | RegExp,
  what: string,
  timeout = TIMEOUT,
): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = '(element not found)';
  const ok = (s: string) => (typeof expected === 'string' ? s.trim() === expected : expected.test(s));
  for (;;) {
    try {
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, the rendered text a user sees
      last = await locator.innerText({ timeout: 500 });
      if (ok(last)) return;
    } catch {
      /* not there yet */
    }
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `Expected ${what} to read ${expected instanceof RegExp ? expected : JSON.stringify(expected)}, ` +
      `but it read ${JSON.stringify(last)} ${await where(page)}.`,
  );
}

/** The page's path (without origin) becomes the expected one. */
export async function seePath(page: Page, expected: string | RegExp, what: string, timeout = TIMEOUT) {
  const test = (u: URL) =>
    typeof expected === 'string' ? u.pathname + u.search === expected : expected.test(u.pathname + u.search);
  try {
    await page.waitForURL(test, { timeout });
  } catch {
    throw new Error(`Expected ${what} (path ${expected}), but the browser is ${await where(page)}.`);
  }
}

/** The element focused in the page, described for messages. */
export function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '(nothing focused)';
    const label =
      el.getAttribute('aria-label') ??
      (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
      el.textContent?.trim().slice(0, 40) ??
      '';
    return `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}> "${label}"`;
  });
}

/** Runs one step of a longer flow; a failure names the step it happened in. */
export async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    err.message = `[step: ${name}] ${err.message}`;
    throw err;
  }
}
