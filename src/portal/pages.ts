/** The answer to a report, the status page and the service points (/layanan). */
import { html } from 'hono/html';
import type { StatusView } from '../app/intake/report-status.ts';
import { fieldMessage } from '../domain/field-messages.ts';
import { PUBLIC_STATUS_LABELS } from '../domain/intake.ts';
import { ORG_TYPES, SERVICE_TYPES } from '../domain/taxonomies.ts';
import { type IndonesianZone, ZONE_ABBR } from '../domain/time.ts';
import { fill } from './i18n.ts';
import { carry, type Html, href, on, page, type View } from './layout.ts';
import type { Region } from './report-form.ts';

export function receivedPage(
  v: View,
  r: { code: string; secret: string; dangerNow: boolean; contact: boolean },
): Html {
  const t = v.t;
  const body = html`<h1>${t.receivedTitle}</h1><div class="ok">
<p>${t.receivedCode}:</p><p class="code" id="kode">${r.code}</p>
<p>${t.receivedSecret}:</p><p class="code" id="rahasia">${r.secret}</p>
<p><strong>${t.receivedAdvice}</strong></p></div>
<p>${t.receivedNext}</p><p>${r.contact ? t.receivedContact : t.receivedNoContact}</p>
<p><a href="${href(v, '/lapor/status')}">${t.navStatus}</a></p>`;
  // no language switch: leaving this page loses the secret, which is shown only once
  return page(v, { title: t.titleReport, body, danger: r.dangerNow ? 'shown' : 'none', switchTo: null });
}

/** A spent or unknown one-time page: says nothing about any report. */
export function spentPage(v: View): Html {
  return page(v, { title: v.t.spentTitle, body: html`<h1>${v.t.spentTitle}</h1>` });
}

export type StatusPageData = {
  code?: string;
  problem?: 'wrong' | 'limited';
  /** a one-time view of the report (after the code and secret were checked) */
  view?: StatusView;
};

function dateOf(iso: string, lang: 'id' | 'en', zone: IndonesianZone, withTime = false): string {
  const s = new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: zone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  });
  return withTime ? `${s} ${ZONE_ABBR[zone]}` : s;
}

function thread(v: View, st: StatusView): Html {
  const t = v.t;
  if (st.messages.length === 0) return html`<h2>${t.messagesTitle}</h2><p>${t.messagesNone}</p>`;
  return html`<h2>${t.messagesTitle}</h2>${st.unseen ? html`<p class="ok" role="status">${t.messagesNew}</p>` : ''}${st.messages.map(
    (m) =>
      html`<section class="place"><p><strong>${m.from === 'petugas' ? t.fromOfficer : t.fromYou}</strong> · <small>${dateOf(m.at, v.lang, st.zone, true)}</small></p><p class="msg">${m.body}</p></section>`,
  )}`;
}

export function statusPage(v: View, s: StatusPageData): Html {
  const t = v.t;
  const st = s.view;
  if (st) {
    const problem = st.problem ? fieldMessage(st.problem, v.lang) : null;
    const body = html`<h1>${fill(t.statusOf, { code: st.code })}</h1>
${st.added ? html`<p class="ok" role="status">${t.addInfoDone}</p>` : ''}
<p class="ok" id="status">${PUBLIC_STATUS_LABELS[st.status][v.lang]}</p>
<p>${fill(t.statusReceivedOn, { date: dateOf(st.receivedAt, v.lang, st.zone) })}</p>
${thread(v, st)}
${problem ? html`<div class="summary" role="alert"><p>${problem}</p></div>` : ''}
<form method="post" action="${href(v, '/lapor/status/balas')}" autocomplete="off" novalidate><h2>${t.addInfo}</h2>
<input type="hidden" name="lanjut" value="${st.answerPass}">${carry(v)}
<label for="f-body">${t.addInfoLabel}</label><textarea id="f-body" name="body" rows="4" maxlength="5000" autocomplete="off"${on(problem !== null, 'aria-invalid="true"')}></textarea>
<p><button type="submit" data-busy="${t.sending}">${t.addInfoSend}</button></p></form>`;
    // no language switch: the view opens once
    return page(v, { title: t.titleStatus, body, switchTo: null });
  }
  const problem = s.problem === 'wrong' ? t.statusWrong : s.problem === 'limited' ? t.statusLimited : null;
  const body = html`<h1>${t.titleStatus}</h1>
${problem ? html`<div class="summary" id="ringkasan" role="alert" tabindex="-1" autofocus><p>${problem}</p></div>` : ''}
<p>${t.statusIntro}</p>
<form method="post" action="${href(v, '/lapor/status')}" autocomplete="off" novalidate>
<label for="f-code">${t.code}</label><input type="text" id="f-code" name="code" maxlength="20" autocomplete="off" autocapitalize="characters" spellcheck="false" value="${s.code ?? ''}">
<label for="f-secret">${t.secret}</label><input type="text" id="f-secret" name="secret" maxlength="30" autocomplete="off" inputmode="numeric" spellcheck="false" value="">
<input type="hidden" name="aksi" value="cek">${carry(v)}
<p><button type="submit" data-busy="${t.sending}">${t.check}</button></p></form>`;
  return page(v, {
    title: t.titleStatus,
    body,
    switchTo: href(v, '/lapor/status', {}, v.lang === 'en' ? 'id' : 'en'),
  });
}

export type ServicePoint = {
  name: string;
  type: string;
  address: string | null;
  phone: string | null;
  hours: string | null;
  services: string[];
  /** a safe house: no address, phone or hours; the UPTD PPA is the way in */
  locationSecret: boolean;
};

export function servicesPage(
  v: View,
  d: {
    provinces: Region[];
    prov: string;
    regencies: Region[] | null;
    wilayah: string;
    result:
      | {
          region: { name: string };
          organisations: ServicePoint[];
          /** the UPTD PPA (or Dinas PPPA) to contact for a place whose location is secret */
          contact: { name: string; phone: string | null } | null;
        }
      | null
      | 'unknown';
  },
): Html {
  const t = v.t;
  const typeLabel = (code: string) => ORG_TYPES.find((o) => o.code === code)?.label[v.lang] ?? code;
  const list =
    d.result === 'unknown'
      ? html`<p class="summary" role="alert">${t.servicesUnknown}</p>`
      : d.result
        ? html`<h2 id="hasil">${fill(t.servicesOf, { region: d.result.region.name })}</h2>${
            d.result.organisations.length === 0
              ? html`<p>${t.servicesNone}</p>`
              : d.result.organisations.map(
                  (o) => html`<section class="place"><h3>${o.name}</h3><dl>
<dt>${t.helpsWith}</dt><dd>${typeLabel(o.type)}</dd>
${o.locationSecret ? secretPlace(v, d.result !== 'unknown' && d.result ? d.result.contact : null) : ''}
${o.address ? html`<dt>${t.address}</dt><dd>${o.address}</dd>` : ''}
${o.phone ? html`<dt>${t.phone}</dt><dd><a href="tel:${o.phone.replace(/[^\d+]/g, '')}">${o.phone}</a></dd>` : ''}
${
  o.services.length > 0
    ? html`<dt>${t.servicesOffered}</dt><dd>${o.services
        .map((c) => SERVICE_TYPES.find((x) => x.code === c)?.label[v.lang] ?? c)
        .join(', ')}</dd>`
    : ''
}
${o.locationSecret ? '' : html`<dt>${t.hours}</dt><dd>${o.hours ?? t.hoursAsk}</dd>`}</dl></section>`,
                )
          }`
        : '';
  const sel = (name: string, label: string, opts: Region[] | null, value: string, child?: string) =>
    html`<label for="f-${name}">${label}</label><div class="row"><select id="f-${name}" name="${name}"${
      child ? html` data-child="f-${child}"` : ''
    } data-ph="${t.choosePlaceholder}" data-ph0="${t.chooseParentFirst}"${on(opts === null, 'disabled')}><option value="">${
      opts ? t.choosePlaceholder : t.chooseParentFirst
    }</option>${(opts ?? []).map((r) => html`<option value="${r.code}"${on(r.code === value, 'selected')}>${r.name}</option>`)}</select>${
      child ? html`<button class="pilih" type="submit">${t.choose}</button>` : ''
    }</div>`;
  const body = html`<h1>${t.titleServices}</h1><p>${t.servicesIntro}</p>
<form method="get" action="/layanan">${carry(v)}
${sel('prov', t.province, d.provinces, d.prov, 'wilayah')}
${sel('wilayah', t.regency, d.regencies, d.wilayah)}
<p><button type="submit">${t.show}</button></p></form>
${list}`;
  return page(v, {
    title: t.titleServices,
    body,
    switchTo: href(v, '/layanan', d.wilayah ? { wilayah: d.wilayah } : {}, v.lang === 'en' ? 'id' : 'en'),
  });
}

function secretPlace(v: View, contact: { name: string; phone: string | null } | null): Html {
  if (!contact) return html`<dt>${v.t.address}</dt><dd>${v.t.secretPlaceNoUptd}</dd>`;
  return html`<dt>${v.t.address}</dt><dd>${v.t.secretPlace} ${contact.name}${
    contact.phone ? html`, <a href="tel:${contact.phone.replace(/[^\d+]/g, '')}">${contact.phone}</a>` : ''
  }</dd>`;
}
