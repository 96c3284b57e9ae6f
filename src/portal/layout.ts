/**
 * The shell of every public page: the sticky quick-exit bar (a plain link without JavaScript),
 * the emergency numbers when someone is in danger, the page, and the footer with the note on
 * browser history. Rendered with hono/html: every interpolated value is escaped.
 */
import { html, raw } from 'hono/html';
import type { Locale } from '../domain/errors.ts';
import { CSS, SCRIPT } from './assets.ts';
import { CATALOGUES, type Catalogue } from './i18n.ts';

export type Html = ReturnType<typeof html>;

/** What every page needs to know: language, neutral title, and where the quick exit goes. */
export type View = { lang: Locale; neutral: boolean; t: Catalogue; exitUrl: string };

export function view(lang: string | undefined, judul: string | undefined, exitUrl: string): View {
  const l: Locale = lang === 'en' ? 'en' : 'id';
  return { lang: l, neutral: judul === 'netral', t: CATALOGUES[l], exitUrl };
}

/** A link that keeps the language and the neutral title. */
export function href(
  v: View,
  path: string,
  extra: Record<string, string> = {},
  lang: Locale = v.lang,
): string {
  const p = new URLSearchParams();
  if (lang === 'en') p.set('lang', 'en');
  if (v.neutral) p.set('judul', 'netral');
  for (const [k, val] of Object.entries(extra)) p.set(k, val);
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

/** Hidden fields that carry language and neutral title through a form. */
export function carry(v: View, opts: { neutral?: boolean } = { neutral: true }): Html {
  return html`${v.lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}${
    opts.neutral !== false && v.neutral ? html`<input type="hidden" name="judul" value="netral">` : ''
  }`;
}

export const on = (cond: boolean, attr: string) => (cond ? raw(` ${attr}`) : '');

export function emergency(v: View, shown: boolean): Html {
  const t = v.t;
  return html`<div id="darurat" class="sos" role="alert"${on(!shown, 'hidden')}>
<p>${t.emergencyTitle}</p>
<ul><li><a href="tel:110">${t.emergencyPolice}</a></li><li><a href="tel:112">${t.emergencyGeneral}</a></li><li><a href="tel:129">${t.emergencySapa}</a> · <a href="https://wa.me/628111129129" rel="noreferrer">WhatsApp</a></li></ul>
</div>`;
}

export function page(
  v: View,
  o: {
    title: string;
    body: Html;
    /** 'shown': danger now, first on the page; 'hidden': on the form, shown by the script */
    danger?: 'shown' | 'hidden' | 'none';
    /** the language switch goes here; null on pages whose content must not be navigated away from */
    switchTo?: string | null;
  },
): Html {
  const t = v.t;
  const title = v.neutral ? t.titleNeutral : o.title;
  const other: Locale = v.lang === 'en' ? 'id' : 'en';
  return html`<!doctype html>
<html lang="${v.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><meta name="robots" content="noindex"><link rel="icon" href="data:,"><title>${title}</title><style>${raw(CSS)}</style></head>
<body><header><div class="bar"><a id="keluar" class="exit" href="/keluar" data-u="${v.exitUrl}" rel="noreferrer">${t.quickExit}</a><small class="esc">${t.quickExitHint}</small>${
    o.switchTo
      ? html`<a href="${o.switchTo}" lang="${other}" hreflang="${other}">${CATALOGUES[v.lang].switchLang}</a>`
      : ''
  }</div>${o.danger && o.danger !== 'none' ? emergency(v, o.danger === 'shown') : ''}</header>
<main id="isi">${o.body}</main>
<footer><nav><a href="${href(v, '/lapor')}">${t.navReport}</a><a href="${href(v, '/lapor/status')}">${t.navStatus}</a><a href="${href(v, '/layanan')}">${t.navServices}</a><a href="${href(v, '/gabung')}">${t.navJoin}</a><a href="${href(v, '/statistik')}">${t.navStatistics}</a></nav><p>${t.historyNote}</p></footer>
<script>${raw(SCRIPT)}</script></body></html>`;
}

/** A page with a heading and a paragraph (errors, limits). */
export function messagePage(v: View, title: string, body: string, back = true): Html {
  return page(v, {
    title,
    body: html`<h1>${title}</h1><p>${body}</p>${back ? html`<p><a href="${href(v, '/lapor')}">${v.t.back}</a></p>` : ''}`,
  });
}
