/**
 * /gabung: an organisation that is not yet in Simpul asks to join the referral network. A plain
 * form that works without JavaScript (the region is chosen step by step like on /lapor), errors
 * next to the fields with a summary on top, a honeypot, and a thank-you page.
 */

import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import type { Ctx, Services } from '../app/context.ts';
import { submitJoinRequest } from '../app/directory/join-requests.ts';
import { JoinRequestInput } from '../domain/directory.ts';
import { AppError } from '../domain/errors.ts';
import { fieldMessage } from '../domain/field-messages.ts';
import { ORG_TYPES, SERVICE_TYPES } from '../domain/taxonomies.ts';
import type { AppEnv } from '../http/context.ts';
import type { Key } from './i18n.ts';
import { carry, type Html, href, messagePage, on, page, type View } from './layout.ts';
import { type FieldErrors, fieldErrors, type Region } from './report-form.ts';

type Filled = { a: Record<string, string>; services: string[] };

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function readJoinForm(body: Record<string, unknown>): Filled {
  const a: Record<string, string> = {};
  let services: string[] = [];
  for (const [k, raw] of Object.entries(body)) {
    const values = (Array.isArray(raw) ? raw : [raw]).filter((x): x is string => typeof x === 'string');
    if (k === 'services') services = values.map((s) => s.replace(CONTROL, '').trim()).slice(0, 40);
    else if (values[0] !== undefined) a[k] = values[0].replace(CONTROL, '').trim().slice(0, 5000);
  }
  return { a, services };
}

function chosenRegion(a: Record<string, string>) {
  const prov = /^\d{2}$/.test(a.prov ?? '') ? a.prov! : '';
  const kab = prov && /^\d{2}\.\d{2}$/.test(a.kab ?? '') && a.kab!.startsWith(`${prov}.`) ? a.kab! : '';
  return { prov, kab };
}

const orNull = (s: string | undefined) => (s ? s : null);

export function validateJoin(
  f: Filled,
): { ok: true; input: JoinRequestInput } | { ok: false; errors: FieldErrors } {
  const a = f.a;
  const r = JoinRequestInput.safeParse({
    orgName: a.orgName ?? '',
    orgType: a.orgType || undefined,
    regionCode: chosenRegion(a).kab,
    services: f.services,
    address: a.address ?? '',
    phone: a.phone ?? '',
    email: a.email ?? '',
    contactName: a.contactName ?? '',
    contactPosition: orNull(a.contactPosition),
    message: orNull(a.message),
    ...(a.website ? { website: a.website.slice(0, 200) } : {}),
  });
  if (r.success) return { ok: true, input: r.data };
  const errors = fieldErrors(r.error);
  if (errors.email && !a.email) errors.email = 'required';
  if (errors.phone && !a.phone) errors.phone = 'required';
  return { ok: false, errors };
}

/** Where each field's error is shown and which words name it in the summary. */
const FIELDS: Record<string, { anchor: string; label: Key }> = {
  orgName: { anchor: 'f-orgName', label: 'joinOrgName' },
  orgType: { anchor: 'f-orgType', label: 'joinOrgType' },
  regionCode: { anchor: 'f-prov', label: 'joinWhereLegend' },
  services: { anchor: `f-services-${SERVICE_TYPES[0]!.code}`, label: 'joinServicesLegend' },
  address: { anchor: 'f-address', label: 'joinAddress' },
  phone: { anchor: 'f-phone', label: 'joinPhone' },
  email: { anchor: 'f-email', label: 'joinEmail' },
  contactName: { anchor: 'f-contactName', label: 'joinContactName' },
  contactPosition: { anchor: 'f-contactPosition', label: 'joinContactPosition' },
  message: { anchor: 'f-message', label: 'joinMessage' },
};

const plain = (s: string) => s.replace(/\s*\*$/, '').replace(/\s*\(.*\)$/, '');

function summary(v: View, errors: FieldErrors): Html {
  const entries = Object.entries(errors).filter(([k]) => k !== 'website');
  if (entries.length === 0) return html``;
  return html`<div class="summary" id="ringkasan" role="alert" tabindex="-1" autofocus>
<h2>${v.t.errorSummary}</h2><ul>${entries.map(([k, code]) => {
    const f = FIELDS[k] ?? { anchor: 'kirim', label: 'joinSubmit' as Key };
    return html`<li><a href="#${f.anchor}">${plain(v.t[f.label])}: ${fieldMessage(code, v.lang)}</a></li>`;
  })}</ul></div>`;
}

const err = (v: View, e: FieldErrors, field: string) =>
  e[field] ? html`<p class="err" id="e-${field}">${fieldMessage(e[field]!, v.lang)}</p>` : html``;
const described = (e: FieldErrors, field: string) =>
  e[field] ? html` aria-invalid="true" aria-describedby="e-${field}"` : '';

function textField(
  v: View,
  f: Filled,
  e: FieldErrors,
  name: string,
  label: Key,
  o: { max: number; type?: string; mode?: string; auto?: string } = { max: 200 },
): Html {
  return html`<label for="f-${name}">${v.t[label]}</label><input type="${o.type ?? 'text'}" id="f-${name}" name="${name}" maxlength="${o.max}" autocomplete="${o.auto ?? 'off'}"${
    o.mode ? html` inputmode="${o.mode}"` : ''
  } value="${f.a[name] ?? ''}"${described(e, name)}>${err(v, e, name)}`;
}

function regionSelect(
  v: View,
  name: string,
  label: string,
  options: Region[] | null,
  value: string,
  o: { child?: string; errors?: FieldErrors; focus?: boolean },
): Html {
  const t = v.t;
  return html`<label for="f-${name}">${label}</label><div class="row"><select id="f-${name}" name="${name}"${
    o.child ? html` data-child="f-${o.child}"` : ''
  } data-ph="${t.choosePlaceholder}" data-ph0="${t.chooseParentFirst}"${on(options === null, 'disabled')}${on(o.focus === true, 'autofocus')}${
    o.errors ? described(o.errors, 'regionCode') : ''
  }><option value="">${options ? t.choosePlaceholder : t.chooseParentFirst}</option>${(options ?? []).map(
    (r) => html`<option value="${r.code}"${on(r.code === value, 'selected')}>${r.name}</option>`,
  )}</select>${
    o.child
      ? html`<button class="pilih" type="submit" name="_pilih" value="${name}" formaction="${href(v, '/gabung')}#f-${o.child}" formnovalidate>${t.choose}</button>`
      : ''
  }</div>`;
}

export function joinFormPage(
  v: View,
  d: {
    filled: Filled;
    errors: FieldErrors;
    regions: { provinces: Region[]; regencies: Region[] | null };
    focus?: string;
    limited?: boolean;
  },
): Html {
  const t = v.t;
  const f = d.filled;
  const e = d.errors;
  const r = chosenRegion(f.a);
  const body = html`<h1>${t.titleJoin}</h1>
<p>${t.joinIntro}</p>
${d.limited ? html`<div class="summary" id="ringkasan" role="alert"><p>${t.joinLimited}</p></div>` : ''}
${summary(v, e)}
<form method="post" action="${href(v, '/gabung')}" accept-charset="utf-8" novalidate>
<fieldset><legend>${t.joinOrgLegend}</legend>
${textField(v, f, e, 'orgName', 'joinOrgName', { max: 200, auto: 'organization' })}
<label for="f-orgType">${t.joinOrgType}</label><select id="f-orgType" name="orgType"${described(e, 'orgType')}><option value="">${t.choosePlaceholder}</option>${ORG_TYPES.map(
    (o) =>
      html`<option value="${o.code}"${on(o.code === f.a.orgType, 'selected')}>${o.label[v.lang]}</option>`,
  )}</select>${err(v, e, 'orgType')}
${textField(v, f, e, 'address', 'joinAddress', { max: 500, auto: 'street-address' })}
${textField(v, f, e, 'phone', 'joinPhone', { max: 30, type: 'tel', mode: 'tel', auto: 'tel' })}
${textField(v, f, e, 'email', 'joinEmail', { max: 254, mode: 'email', auto: 'email' })}
</fieldset>
<fieldset id="wilayah"><legend>${t.joinWhereLegend}</legend><p class="hint">${t.joinWhereHint}</p>${err(v, e, 'regionCode')}
${regionSelect(v, 'prov', t.province, d.regions.provinces, r.prov, { child: 'kab', errors: e })}
${regionSelect(v, 'kab', t.regency, d.regions.regencies, r.kab, { focus: d.focus === 'kab' })}
</fieldset>
<fieldset><legend>${t.joinServicesLegend}</legend>${err(v, e, 'services')}${SERVICE_TYPES.map(
    (s) =>
      html`<div class="opt"><input type="checkbox" id="f-services-${s.code}" name="services" value="${s.code}"${on(f.services.includes(s.code), 'checked')}${described(e, 'services')}><label for="f-services-${s.code}">${s.label[v.lang]}</label></div>`,
  )}</fieldset>
<fieldset><legend>${t.joinContactLegend}</legend>
${textField(v, f, e, 'contactName', 'joinContactName', { max: 200, auto: 'name' })}
${textField(v, f, e, 'contactPosition', 'joinContactPosition', { max: 200, auto: 'organization-title' })}
<label for="f-message">${t.joinMessage}</label><textarea id="f-message" name="message" rows="4" maxlength="3000"${described(e, 'message')}>${f.a.message ?? ''}</textarea>${err(v, e, 'message')}
</fieldset>
<div class="hp" aria-hidden="true"><label for="f-website">${t.honeypot}</label><input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off" value=""></div>
${carry(v, { neutral: false })}
<p><button type="submit" id="kirim" data-busy="${t.sending}">${t.joinSubmit}</button></p>
</form>`;
  return page(v, {
    title: t.titleJoin,
    body,
    switchTo: href(v, '/gabung', {}, v.lang === 'en' ? 'id' : 'en'),
  });
}

export function joinThanksPage(v: View): Html {
  const t = v.t;
  return page(v, {
    title: t.titleJoin,
    body: html`<h1>${t.joinThanksTitle}</h1><div class="ok" role="status"><p>${t.joinThanksBody}</p></div>`,
    switchTo: null,
  });
}

type Helpers = {
  viewOf: (c: Context<AppEnv>, lang?: string) => View;
  send: (
    c: Context<AppEnv>,
    body: Html,
    status?: 200 | 400 | 404 | 413 | 415 | 429 | 500,
  ) => Response | Promise<Response>;
  safe: (fn: (c: Context<AppEnv>) => Promise<Response>) => (c: Context<AppEnv>) => Promise<Response>;
  children: (parent: string | null) => Promise<Region[]>;
  ctxOf: (c: Context<AppEnv>) => Ctx;
};

export function joinRoutes(app: Hono<AppEnv>, _svc: Services, h: Helpers) {
  async function regionsFor(f: Filled) {
    const { prov } = chosenRegion(f.a);
    const provinces = await h.children(null);
    const regencies = prov ? await h.children(prov) : [];
    return { provinces, regencies: regencies.length > 0 ? regencies : null };
  }

  app.get(
    '/gabung',
    h.safe(async (c) => {
      const f: Filled = { a: {}, services: [] };
      return h.send(c, joinFormPage(h.viewOf(c), { filled: f, errors: {}, regions: await regionsFor(f) }));
    }),
  );

  app.post(
    '/gabung',
    h.safe(async (c) => {
      let f: Filled;
      try {
        f = readJoinForm(await c.req.parseBody({ all: true }));
      } catch {
        const v = h.viewOf(c);
        return h.send(c, messagePage(v, v.t.badTypeTitle, v.t.badTypeBody), 400);
      }
      const v = h.viewOf(c, f.a.lang);
      if (f.a._pilih)
        return h.send(
          c,
          joinFormPage(v, { filled: f, errors: {}, regions: await regionsFor(f), focus: 'kab' }),
        );
      const checked = validateJoin(f);
      if (!checked.ok)
        return h.send(
          c,
          joinFormPage(v, { filled: f, errors: checked.errors, regions: await regionsFor(f) }),
          400,
        );
      try {
        await submitJoinRequest(h.ctxOf(c), checked.input);
      } catch (e) {
        if (e instanceof AppError && e.code === 'RATE_LIMITED')
          return h.send(
            c,
            joinFormPage(v, { filled: f, errors: {}, regions: await regionsFor(f), limited: true }),
            429,
          );
        if (e instanceof AppError && e.fields)
          return h.send(
            c,
            joinFormPage(v, { filled: f, errors: fieldErrors(e.fields), regions: await regionsFor(f) }),
            400,
          );
        throw e;
      }
      return h.send(c, joinThanksPage(v));
    }),
  );
}
