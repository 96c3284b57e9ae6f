/**
 * The report form (/lapor): reading a plain form POST into the shape of PublicReportInput, the
 * field errors next to the fields with a summary on top, and the step-by-step region choice
 * (server round trips without JavaScript, a small fetch with it).
 */
import { randomBytes } from 'node:crypto';
import { html } from 'hono/html';
import type { z } from 'zod';
import { fieldMessage } from '../domain/field-messages.ts';
import {
  CONTACT_METHODS,
  EVERYDAY_FORMS,
  OCCURRED_WHEN,
  REPORTER_TYPES,
  VICTIM_AGE_GROUPS,
} from '../domain/intake.ts';
import { PublicReportInput } from '../domain/intake-schemas.ts';
import type { Label } from '../domain/taxonomies.ts';
import { zodFieldCodes } from '../http/errors.ts';
import type { Key } from './i18n.ts';
import { carry, type Html, href, on, page, type View } from './layout.ts';

export type Region = { code: string; name: string };
/** What the person typed or chose, as strings, so the form can be shown again unchanged. */
export type Filled = { a: Record<string, string>; forms: string[] };

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Reads a parsed form body (`parseBody({ all: true })`): first value of each field, trimmed. */
export function readForm(body: Record<string, unknown>): Filled {
  const a: Record<string, string> = {};
  let forms: string[] = [];
  for (const [k, raw] of Object.entries(body)) {
    const values = (Array.isArray(raw) ? raw : [raw]).filter((x): x is string => typeof x === 'string');
    if (k === 'forms') forms = values.map((s) => s.replace(CONTROL, '').trim()).slice(0, 20);
    else if (values[0] !== undefined) a[k] = values[0].replace(CONTROL, '').trim();
  }
  return { a, forms };
}

export const newToken = () => randomBytes(18).toString('base64url');

/** The chosen region: the deepest level consistent with the levels above it. */
export function regionOf(a: Record<string, string>): { prov: string; kab: string; kec: string } {
  const prov = a.prov ?? '';
  const kab = /^\d{2}\.\d{2}$/.test(a.kab ?? '') && a.kab!.startsWith(`${prov}.`) ? a.kab! : '';
  const kec = kab && /^\d{2}\.\d{2}\.\d{2}$/.test(a.kec ?? '') && a.kec!.startsWith(`${kab}.`) ? a.kec! : '';
  return { prov, kab, kec };
}

const orNull = (s: string | undefined) => (s ? s : null);

export function toInput(f: Filled): unknown {
  const a = f.a;
  const r = regionOf(a);
  const contactMethod = a.contactMethod || 'tidak';
  return {
    reporterType: a.reporterType || undefined,
    reporterName: orNull(a.reporterName),
    victimSex: orNull(a.victimSex),
    victimAgeGroup: orNull(a.victimAgeGroup),
    forms: f.forms,
    description: orNull(a.description),
    regionCode: orNull(r.kec || r.kab || r.prov),
    placeText: orNull(a.placeText),
    occurredWhen: orNull(a.occurredWhen),
    dangerNow: a.dangerNow === 'ya',
    contactMethod,
    contactPhone: contactMethod === 'tidak' ? null : orNull(a.contactPhone),
    safeTimes: contactMethod === 'tidak' ? null : orNull(a.safeTimes),
    consentContact: a.consentContact === '1',
    submissionToken: a.submissionToken ?? '',
    // the honeypot only needs to be non-empty to mark spam; its length must not refuse a report
    ...(a.website ? { website: a.website.slice(0, 200) } : {}),
  };
}

export type FieldErrors = Record<string, string>;

/** Valid values standing in for wrong ones while the cross-field rules are checked. */
const STAND_IN: Record<string, unknown> = {
  reporterType: 'anonim',
  reporterName: null,
  victimSex: null,
  victimAgeGroup: null,
  forms: ['lainnya'],
  description: 'x',
  regionCode: null,
  placeText: null,
  occurredWhen: null,
  contactMethod: 'tidak',
  contactPhone: '081200000000',
  safeTimes: null,
  submissionToken: 'x'.repeat(16),
  website: undefined,
};

/** Schema field errors keyed by the field they are shown next to (forms.3 → forms). */
export function validate(
  f: Filled,
): { ok: true; input: PublicReportInput } | { ok: false; errors: FieldErrors } {
  const input = toInput(f) as Record<string, unknown>;
  const r = PublicReportInput.safeParse(input);
  const errors: FieldErrors = r.success ? {} : fieldErrors(r.error);
  if (!r.success) {
    // zod runs the schema's cross-field rules (what happened, phone and consent for contact) only
    // when every field is valid; run them again with the wrong fields stood in for, so a person
    // sees every problem in one round, not one after another
    const stand = { ...input };
    for (const k of Object.keys(errors)) if (k in STAND_IN) stand[k] = STAND_IN[k];
    const again = PublicReportInput.safeParse(stand);
    if (!again.success) for (const [k, code] of Object.entries(fieldErrors(again.error))) errors[k] ??= code;
  }
  // an empty choice is "required", not "unknown choice"
  if (errors.reporterType && !f.a.reporterType) errors.reporterType = 'required';
  // the use case asks for the region too; say it now rather than after another round
  if (!input.regionCode && !errors.regionCode) errors.regionCode = 'region_required';
  if (r.success && Object.keys(errors).length === 0) return { ok: true, input: r.data };
  return { ok: false, errors };
}

export function fieldErrors(err: z.ZodError | Record<string, string>): FieldErrors {
  const codes = err instanceof Error ? zodFieldCodes(err) : err;
  const out: FieldErrors = {};
  for (const [k, code] of Object.entries(codes)) {
    const field = k.split('.')[0]!;
    out[field] ??= code;
  }
  return out;
}

/** Where each field's error is shown and which words name it in the summary. */
const FIELDS: Record<string, { anchor: string; label: Key }> = {
  reporterType: { anchor: 'f-reporterType-korban', label: 'whoLegend' },
  reporterName: { anchor: 'f-reporterName', label: 'reporterName' },
  victimSex: { anchor: 'f-victimSex-perempuan', label: 'victimSex' },
  victimAgeGroup: { anchor: 'f-victimAgeGroup-anak_0_5', label: 'victimAge' },
  forms: { anchor: 'f-forms-fisik', label: 'whatLegend' },
  description: { anchor: 'f-description', label: 'whatLegend' },
  regionCode: { anchor: 'f-prov', label: 'whereLegend' },
  placeText: { anchor: 'f-placeText', label: 'placeText' },
  occurredWhen: { anchor: 'f-occurredWhen', label: 'whenLegend' },
  dangerNow: { anchor: 'f-dangerNow-ya', label: 'dangerLegend' },
  contactMethod: { anchor: 'f-contactMethod-telepon', label: 'contactLegend' },
  contactPhone: { anchor: 'f-contactPhone', label: 'contactPhone' },
  safeTimes: { anchor: 'f-safeTimes', label: 'safeTimes' },
  consentContact: { anchor: 'f-consentContact', label: 'consent' },
  submissionToken: { anchor: 'kirim', label: 'submit' },
  website: { anchor: 'kirim', label: 'submit' },
};

const plain = (s: string) => s.replace(/\s*\*$/, '');

export function errorSummary(v: View, errors: FieldErrors): Html {
  const entries = Object.entries(errors);
  if (entries.length === 0) return html``;
  return html`<div class="summary" id="ringkasan" role="alert" tabindex="-1" autofocus>
<h2>${v.t.errorSummary}</h2><ul>${entries.map(([k, code]) => {
    const f = FIELDS[k] ?? { anchor: 'kirim', label: 'submit' as Key };
    // a missing or forged submission token: the form shown again carries a new one
    const msg =
      k === 'submissionToken' ? v.t.resend : `${plain(v.t[f.label])}: ${fieldMessage(code, v.lang)}`;
    return html`<li><a href="#${f.anchor}">${msg}</a></li>`;
  })}</ul></div>`;
}

function err(v: View, errors: FieldErrors, field: string): Html {
  const code = errors[field];
  return code ? html`<p class="err" id="e-${field}">${fieldMessage(code, v.lang)}</p>` : html``;
}

const described = (errors: FieldErrors, field: string) =>
  errors[field] ? html` aria-invalid="true" aria-describedby="e-${field}"` : '';

function choices(
  v: View,
  name: string,
  list: ReadonlyArray<{ code: string; label: Label }>,
  type: 'radio' | 'checkbox',
  isOn: (code: string) => boolean,
  errors: FieldErrors,
): Html {
  return html`${list.map(
    (o) =>
      html`<div class="opt"><input type="${type}" id="f-${name}-${o.code}" name="${name}" value="${o.code}" autocomplete="off"${on(isOn(o.code), 'checked')}${described(errors, name)}><label for="f-${name}-${o.code}">${o.label[v.lang]}</label></div>`,
  )}`;
}

function regionSelect(
  v: View,
  o: {
    name: string;
    label: string;
    options: Region[] | null;
    value: string;
    child?: string;
    errors?: FieldErrors;
    errorField?: string;
    action: string;
    focus?: boolean;
  },
): Html {
  const t = v.t;
  const enabled = o.options !== null;
  const ef = o.errorField ?? o.name;
  return html`<label for="f-${o.name}">${o.label}</label><div class="row"><select id="f-${o.name}" name="${o.name}" autocomplete="off"${
    o.child ? html` data-child="f-${o.child}"` : ''
  } data-ph="${t.choosePlaceholder}" data-ph0="${t.chooseParentFirst}"${on(!enabled, 'disabled')}${on(o.focus === true, 'autofocus')}${described(o.errors ?? {}, ef)}><option value="">${
    enabled ? t.choosePlaceholder : t.chooseParentFirst
  }</option>${(o.options ?? []).map(
    (r) => html`<option value="${r.code}"${on(r.code === o.value, 'selected')}>${r.name}</option>`,
  )}</select>${
    o.child
      ? html`<button class="pilih" type="submit" name="_pilih" value="${o.name}" formaction="${o.action}" formnovalidate>${t.choose}</button>`
      : ''
  }</div>`;
}

export type ReportFormData = {
  filled: Filled;
  errors: FieldErrors;
  regions: { provinces: Region[]; regencies: Region[] | null; districts: Region[] | null };
  /** the select to put the focus on after a step of the region choice */
  focus?: string;
  /** a poster's code the form carries to its report (decision 034); never stored with the report */
  poster?: string | null;
};

export function reportFormPage(v: View, d: ReportFormData): Html {
  const t = v.t;
  const a = d.filled.a;
  const e = d.errors;
  const r = regionOf(a);
  // a new submission token at every render: a double tap of this form is one report, but a form
  // shown again from the history (a region step, errors) and sent is a new one, and can never lead
  // to the receipt of a report sent before (decision 015)
  const token = newToken();
  const contact = a.contactMethod || '';
  const danger = a.dangerNow === 'ya';
  const body = html`<h1>${t.titleReport}</h1>
<p>${t.intro}</p>
${errorSummary(v, e)}
<form method="post" action="${href(v, '/lapor')}" accept-charset="utf-8" autocomplete="off" novalidate>
<fieldset><legend>${t.dangerLegend}</legend>${err(v, e, 'dangerNow')}<div class="opt"><input type="radio" id="f-dangerNow-ya" name="dangerNow" value="ya" autocomplete="off"${on(danger, 'checked')}><label for="f-dangerNow-ya">${t.yes}</label></div><div class="opt"><input type="radio" id="f-dangerNow-tidak" name="dangerNow" value="tidak" autocomplete="off"${on(a.dangerNow === 'tidak', 'checked')}><label for="f-dangerNow-tidak">${t.no}</label></div><p class="hint">${t.dangerHint}</p></fieldset>
<fieldset><legend>${t.whoLegend}</legend>${err(v, e, 'reporterType')}${choices(v, 'reporterType', REPORTER_TYPES, 'radio', (c) => c === a.reporterType, e)}
<label for="f-reporterName">${t.reporterName}</label><input type="text" id="f-reporterName" name="reporterName" maxlength="100" autocomplete="off" value="${a.reporterName ?? ''}"${described(e, 'reporterName')}>${err(v, e, 'reporterName')}</fieldset>
<fieldset><legend>${t.victimSex}</legend>${err(v, e, 'victimSex')}${choices(
    v,
    'victimSex',
    [
      { code: 'perempuan', label: { id: t.sexFemale, en: t.sexFemale } },
      { code: 'laki_laki', label: { id: t.sexMale, en: t.sexMale } },
      { code: 'tidak_tahu', label: { id: t.sexUnknown, en: t.sexUnknown } },
    ],
    'radio',
    (c) => c === a.victimSex,
    e,
  )}</fieldset>
<fieldset><legend>${t.victimAge}</legend>${err(v, e, 'victimAgeGroup')}${choices(v, 'victimAgeGroup', VICTIM_AGE_GROUPS, 'radio', (c) => c === a.victimAgeGroup, e)}</fieldset>
<fieldset><legend>${t.whatLegend}</legend><p class="hint">${t.whatHint}</p>${err(v, e, 'forms')}${choices(
    v,
    'forms',
    EVERYDAY_FORMS,
    'checkbox',
    (c) => d.filled.forms.includes(c),
    e,
  )}
<label for="f-description">${t.description}</label><textarea id="f-description" name="description" rows="4" maxlength="5000" autocomplete="off"${described(e, 'description')}>${a.description ?? ''}</textarea>${err(v, e, 'description')}</fieldset>
<fieldset id="wilayah"><legend>${t.whereLegend}</legend><p class="hint">${t.whereHint}</p>${err(v, e, 'regionCode')}
${regionSelect(v, { name: 'prov', label: t.province, options: d.regions.provinces, value: r.prov, child: 'kab', errors: e, errorField: 'regionCode', action: `${href(v, '/lapor')}#f-kab` })}
${regionSelect(v, { name: 'kab', label: t.regency, options: d.regions.regencies, value: r.kab, child: 'kec', focus: d.focus === 'kab', action: `${href(v, '/lapor')}#f-kec` })}
${regionSelect(v, { name: 'kec', label: t.district, options: d.regions.districts, value: r.kec, focus: d.focus === 'kec', action: '' })}
<label for="f-placeText">${t.placeText}</label><input type="text" id="f-placeText" name="placeText" maxlength="300" autocomplete="off" value="${a.placeText ?? ''}"${described(e, 'placeText')}>${err(v, e, 'placeText')}</fieldset>
<fieldset><legend>${t.whenLegend}</legend><label for="f-occurredWhen">${t.whenLegend}</label><select id="f-occurredWhen" name="occurredWhen" autocomplete="off"${described(e, 'occurredWhen')}><option value="">${t.choosePlaceholder}</option>${OCCURRED_WHEN.map(
    (o) =>
      html`<option value="${o.code}"${on(o.code === a.occurredWhen, 'selected')}>${o.label[v.lang]}</option>`,
  )}</select>${err(v, e, 'occurredWhen')}</fieldset>
<fieldset><legend>${t.contactLegend}</legend><p class="hint">${t.contactHint}</p>${err(v, e, 'contactMethod')}${choices(v, 'contactMethod', CONTACT_METHODS, 'radio', (c) => c === contact, e)}
<label for="f-contactPhone">${t.contactPhone}</label><input type="tel" id="f-contactPhone" name="contactPhone" maxlength="30" autocomplete="off" inputmode="tel" value="${a.contactPhone ?? ''}"${described(e, 'contactPhone')}>${err(v, e, 'contactPhone')}
<label for="f-safeTimes">${t.safeTimes}</label><input type="text" id="f-safeTimes" name="safeTimes" maxlength="200" autocomplete="off" value="${a.safeTimes ?? ''}"${described(e, 'safeTimes')}>${err(v, e, 'safeTimes')}
<div class="opt"><input type="checkbox" id="f-consentContact" name="consentContact" value="1" autocomplete="off"${on(a.consentContact === '1', 'checked')}${described(e, 'consentContact')}><label for="f-consentContact">${t.consent}</label></div>${err(v, e, 'consentContact')}</fieldset>
<div class="opt"><input type="checkbox" id="f-judul" name="judul" value="netral" autocomplete="off"${on(v.neutral, 'checked')}><label for="f-judul">${t.neutralTitle}</label></div>
<div class="hp" aria-hidden="true"><label for="f-website">${t.honeypot}</label><input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off" value=""></div>
<input type="hidden" name="submissionToken" value="${token}">${d.poster ? html`<input type="hidden" name="s" value="${d.poster}">` : ''}${carry(v, { neutral: false })}
<p><button type="submit" id="kirim" data-busy="${t.sending}">${t.submit}</button></p>
</form>`;
  return page(v, {
    title: t.titleReport,
    body,
    danger: danger ? 'shown' : 'hidden',
    switchTo: href(v, '/lapor', d.poster ? { s: d.poster } : {}, v.lang === 'en' ? 'id' : 'en'),
  });
}
