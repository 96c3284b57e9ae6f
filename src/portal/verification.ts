/**
 * /verifikasi: the public check of a printed referral letter, or of a training certificate
 * (issue 12 §2), by its verification code.
 */
import { html } from 'hono/html';
import type { LetterCheck } from '../app/letters/verify-letter.ts';
import type { CertificateCheck } from '../app/training/verify-certificate.ts';
import { carry, type Html, href, page, type View } from './layout.ts';

export type VerifyView = {
  /** what was typed, shown back in the field (already cut to a sane length) */
  code?: string;
  result?: LetterCheck | CertificateCheck | 'unknown' | 'limited';
};

/** A certificate's local days as told (YYYY-MM-DD), in words: "3–5 Maret 2026" stays two dates. */
const dayOf = (d: string, lang: 'id' | 'en') =>
  new Date(`${d}T12:00:00Z`).toLocaleDateString(lang === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });

const dateOf = (iso: string, lang: 'id' | 'en') =>
  new Date(iso).toLocaleDateString(lang === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: 'Asia/Jakarta',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });

export function verifyPage(v: View, d: VerifyView): Html {
  const t = v.t;
  const form = html`<form method="get" action="/verifikasi">${carry(v)}
<label for="f-kode">${t.verifyCode}</label><input type="text" id="f-kode" name="kode" maxlength="20" autocomplete="off" autocapitalize="characters" spellcheck="false" value="${d.code ?? ''}">
<p><button type="submit">${t.verifyCheck}</button></p></form>`;
  const r = d.result;
  let body: Html;
  if (r === undefined)
    body = html`<h1>${t.titleVerify}</h1><p>${t.verifyIntro}</p><p>${t.verifyIntroCert}</p>${form}`;
  else if (r === 'unknown' || r === 'limited')
    body = html`<h1>${r === 'unknown' ? t.verifyUnknown : t.titleVerify}</h1>
<div class="summary" id="ringkasan" role="alert"><p>${r === 'unknown' ? t.verifyUnknownBody : t.verifyLimited}</p></div>
${form}`;
  else if (r.kind === 'certificate')
    body = html`<h1>${t.certGenuine}</h1><div class="ok" id="hasil"><dl>
<dt>${t.certName}</dt><dd id="nama">${r.name}</dd>
<dt>${t.certTraining}</dt><dd>${r.title}</dd>
<dt>${t.certType}</dt><dd>${r.typeName}</dd>
<dt>${t.certDates}</dt><dd>${r.startsOn === r.endsOn ? dayOf(r.startsOn, v.lang) : `${dayOf(r.startsOn, v.lang)} – ${dayOf(r.endsOn, v.lang)}`}</dd>
<dt>${t.certIssuer}</dt><dd>${r.issuer}</dd>
<dt>${t.certStatus}</dt><dd id="status">${r.valid ? t.certValid : t.certWithdrawn}</dd>
</dl></div><p><a href="${href(v, '/verifikasi')}">${t.verifyAgain}</a></p>`;
  else
    body = html`<h1>${t.verifyGenuine}</h1><div class="ok" id="hasil"><dl>
<dt>${t.verifyNumber}</dt><dd id="nomor">${r.number}</dd>
<dt>${t.verifySent}</dt><dd>${dateOf(r.sentAt, v.lang)}</dd>
<dt>${t.verifyFrom}</dt><dd>${r.fromOrgName}</dd>
<dt>${t.verifyTo}</dt><dd>${r.toOrgName}</dd>
<dt>${t.verifyStatus}</dt><dd id="status">${r.statusLabel[v.lang]}</dd>
</dl></div><p><a href="${href(v, '/verifikasi')}">${t.verifyAgain}</a></p>`;
  return page(v, {
    title: t.titleVerify,
    body,
    switchTo: href(v, '/verifikasi', d.code ? { kode: d.code } : {}, v.lang === 'en' ? 'id' : 'en'),
  });
}
