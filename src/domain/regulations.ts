/**
 * Local regulations as records (issue 12 §5, decision 033): a Perda, Perbup/Perwal, Pergub, an SK
 * of the Bupati/Walikota, of the Gugus Tugas KLA or the Satgas PPA, a Keputusan Kepala Dinas —
 * with its number, the date it was issued (as told), subject, issuing authority, status, and an
 * optional expiry and review date. Input schemas and pure rules (no I/O).
 */
import { z } from 'zod';
import { isoDate, reqText, text, version } from './schemas.ts';

export const REGULATION_KINDS = [
  'perda',
  'perbup',
  'perwal',
  'pergub',
  'sk_kepala_daerah',
  'sk_gugus_tugas_kla',
  'sk_satgas_ppa',
  'keputusan_kepala_dinas',
  'lainnya',
] as const;
export type RegulationKind = (typeof REGULATION_KINDS)[number];

export const REGULATION_KIND_LABELS: Record<RegulationKind, { id: string; en: string }> = {
  perda: { id: 'Peraturan Daerah (Perda)', en: 'Regional regulation (Perda)' },
  perbup: { id: 'Peraturan Bupati (Perbup)', en: 'Regent regulation (Perbup)' },
  perwal: { id: 'Peraturan Wali Kota (Perwal)', en: 'Mayor regulation (Perwal)' },
  pergub: { id: 'Peraturan Gubernur (Pergub)', en: 'Governor regulation (Pergub)' },
  sk_kepala_daerah: { id: 'SK Bupati/Wali Kota', en: 'Decree of the Regent/Mayor' },
  sk_gugus_tugas_kla: { id: 'SK Gugus Tugas KLA', en: 'Decree on the child-friendly city task force' },
  sk_satgas_ppa: { id: 'SK Satgas PPA', en: 'Decree on the PPA task force' },
  keputusan_kepala_dinas: { id: 'Keputusan Kepala Dinas', en: 'Decree of the head of the Dinas' },
  lainnya: { id: 'Lainnya', en: 'Other' },
};

export const REGULATION_STATUSES = ['berlaku', 'dicabut', 'diganti'] as const;
export type RegulationStatus = (typeof REGULATION_STATUSES)[number];

/** The Dinas's managers are reminded this many days before a review or expiry date (once each). */
export const REGULATION_WARN_DAYS = 60;

const fields = {
  kind: z.enum(REGULATION_KINDS),
  number: reqText(150),
  issuedOn: isoDate,
  title: reqText(1000),
  authority: reqText(200),
  status: z.enum(REGULATION_STATUSES),
  expiresOn: isoDate.nullable(),
  reviewOn: isoDate.nullable(),
  note: text(2000).nullable(),
};

type Dates = {
  issuedOn?: string | undefined;
  reviewOn?: string | null | undefined;
  expiresOn?: string | null | undefined;
};

/** Field errors of dates out of order (review or expiry before the date it was issued). */
export function regulationDateProblems(d: Dates): Record<string, string> | null {
  const out: Record<string, string> = {};
  if (d.issuedOn && d.reviewOn && d.reviewOn < d.issuedOn) out.reviewOn = 'review_before_date';
  if (d.issuedOn && d.expiresOn && d.expiresOn < d.issuedOn) out.expiresOn = 'expires_before_date';
  return Object.keys(out).length > 0 ? out : null;
}

function checkDates(d: Dates, ctx: z.RefinementCtx) {
  for (const [path, message] of Object.entries(regulationDateProblems(d) ?? {}))
    ctx.addIssue({ code: 'custom', message, path: [path] });
}

export const RegulationInput = z
  .strictObject({
    ...fields,
    status: fields.status.default('berlaku'),
    expiresOn: fields.expiresOn.optional(),
    reviewOn: fields.reviewOn.optional(),
    note: fields.note.optional(),
  })
  .superRefine(checkDates);
export type RegulationInput = z.infer<typeof RegulationInput>;

export const RegulationUpdate = z
  .strictObject({ ...fields, version })
  .partial()
  .required({ version: true })
  .superRefine(checkDates);
export type RegulationUpdate = z.infer<typeof RegulationUpdate>;

export const RegulationListQuery = z.strictObject({
  kind: z.enum(REGULATION_KINDS).optional(),
  status: z.enum(REGULATION_STATUSES).optional(),
  /** only those whose review or expiry date is within REGULATION_WARN_DAYS or has passed */
  due: z.enum(['1']).optional(),
});
export type RegulationListQuery = z.infer<typeof RegulationListQuery>;

export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * What comes next for a regulation in force: its review or its expiry, whichever is sooner, and
 * whether it is due (within REGULATION_WARN_DAYS, or passed). Null when revoked/replaced or
 * without dates.
 */
export function regulationDue(
  r: { status: string; reviewOn: string | null; expiresOn: string | null },
  today: string,
): { kind: 'review' | 'expiry'; on: string; daysLeft: number; due: boolean } | null {
  if (r.status !== 'berlaku') return null;
  const next = [
    r.reviewOn ? { kind: 'review' as const, on: r.reviewOn } : null,
    r.expiresOn ? { kind: 'expiry' as const, on: r.expiresOn } : null,
  ]
    .filter((x) => x !== null)
    .sort((a, b) => a.on.localeCompare(b.on))[0];
  if (!next) return null;
  const daysLeft = daysFrom(today, next.on);
  return { ...next, daysLeft, due: daysLeft <= REGULATION_WARN_DAYS };
}
