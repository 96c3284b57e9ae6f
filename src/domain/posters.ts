/**
 * Spreading the channels (issue 12 §6, decision 034): printed posters and cards that point to the
 * public report form, and the Dinas's poster codes ("titik sebar") carried on their link
 * (`/lapor?s=<code>`) so it can see, per month, how often the form was opened from each and how
 * many reports were sent from it — aggregates only, never tied to a report or a person.
 */
import { z } from 'zod';
import { regionCode, text } from './schemas.ts';
import { localDate } from './time.ts';

/** Letters and digits that cannot be mistaken for one another when typed from paper (no i l o 0 1). */
export const POSTER_CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const POSTER_CODE_LENGTH = 6;
const CODE_RE = /^[a-hjkmnp-z2-9]{6}$/;
/** The query parameter of /lapor that carries a code. */
export const POSTER_PARAM = 's';

/**
 * A code as typed or scanned, or null. Anything else — absent, empty, too long, another
 * alphabet, several values — is no code at all: the form ignores it without a word.
 */
export function posterCodeFrom(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 16) return null;
  const c = raw.trim().toLowerCase();
  return CODE_RE.test(c) ? c : null;
}

/** A new code from random bytes (one byte per letter; the 31-letter alphabet is drawn without bias). */
export function drawPosterCode(randomBytes: (n: number) => Uint8Array): string {
  const n = POSTER_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let out = '';
  while (out.length < POSTER_CODE_LENGTH) {
    for (const b of randomBytes(16)) {
      if (b >= limit) continue;
      out += POSTER_CODE_ALPHABET[b % n];
      if (out.length === POSTER_CODE_LENGTH) break;
    }
  }
  return out;
}

/** SAPA 129 of KemenPPPA (domain.md §5.1): the same numbers the public pages give. */
export const SAPA_129 = { phone: '129', whatsapp: '08111-129-129' } as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const line = (max: number) => text(max).refine((s) => !CONTROL.test(s), 'invalid_characters');

export const PosterCodeInput = z.strictObject({
  /** where the poster hangs or which print run it is, e.g. "Poster SMPN 1 Rangkasbitung" */
  label: line(120).superRefine((s, ctx) => {
    if (s.length < 3)
      ctx.addIssue({ code: 'custom', message: s.length === 0 ? 'required' : 'poster_label_short' });
  }),
  /** the campaign line printed on the poster, e.g. "Stop Kekerasan terhadap Anak 2027" */
  campaign: line(160)
    .nullish()
    .transform((s) => (s ? s : null)),
  /** the desa/kelurahan where it hangs (inside the Dinas's jurisdiction) */
  desaCode: regionCode.nullish().transform((s) => s ?? null),
});
export type PosterCodeInput = z.infer<typeof PosterCodeInput>;

/** A code's label, campaign line and desa changed with the version read (stale: 409). The code itself never changes. */
export const PosterCodeUpdate = PosterCodeInput.extend({
  version: z.number('version_required').int('invalid_value').min(1, 'invalid_value'),
});
export type PosterCodeUpdate = z.infer<typeof PosterCodeUpdate>;

export const POSTER_SIZES = ['a4', 'a5', 'kartu'] as const;
export type PosterSize = (typeof POSTER_SIZES)[number];

export const PosterPdfQuery = z.strictObject({
  /** a4: poster; a5: card/leaflet; kartu: eight wallet cards on an A4 sheet to cut */
  size: z.enum(POSTER_SIZES, 'invalid_value').default('a4'),
});

export const PosterListQuery = z.strictObject({
  /** how many months back from this one the counts cover (1–24; default 12) */
  months: z.coerce.number().int('invalid_value').min(1, 'invalid_value').max(24, 'invalid_value').default(12),
  page: z.coerce.number().int('invalid_value').min(1, 'invalid_value').max(1000, 'invalid_value').default(1),
});

/** YYYY-MM of `at` in the zone of `regionCode` (domain/time.ts): counts are kept per local month. */
export function localMonth(at: Date, regionCode: string): string {
  return localDate(at, regionCode).slice(0, 7);
}

/** The `n` months ending with `month` (YYYY-MM), newest first. */
export function monthsBack(month: string, n: number): string[] {
  let y = Number(month.slice(0, 4));
  let m = Number(month.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

/** What a printed poster or card says (src/http/posters/poster-pdf.ts draws it). */
export type PosterSheet = {
  size: 'a4' | 'a5' | 'kartu';
  /** "Kabupaten Lebak" */
  regionName: string;
  dinasName: string;
  dinasAddress: string | null;
  logo: Uint8Array | null;
  /** the UPTD PPA of the jurisdiction; address null when its location is secret */
  uptd: { name: string; phone: string | null; address: string | null } | null;
  campaign: string | null;
  /** the /lapor address (with ?s=<code> for a poster code) */
  url: string;
};

/** The address printed on a poster and carried by its QR code. */
export function posterUrl(base: string, code: string | null): string {
  const root = `${base.replace(/\/+$/, '')}/lapor`;
  return code ? `${root}?${POSTER_PARAM}=${code}` : root;
}

/** The words of a poster: short, safe to read in front of others, no blame (Bahasa Indonesia). */
export const POSTER_WORDS = {
  title: 'Kamu tidak sendiri.',
  lead: 'Mengalami atau melihat kekerasan terhadap perempuan atau anak? Ceritakan kepada kami.',
  points: [
    'Laporan dijaga kerahasiaannya.',
    'Gratis, tanpa biaya apa pun.',
    'Boleh tanpa menyebut nama.',
    'Bukan salahmu. Petugas akan mendengarkan dan membantu.',
  ],
  scan: 'Pindai kode QR atau buka:',
  uptd: 'UPTD PPA',
  sapa: 'SAPA 129 (Kementerian PPPA)',
  danger: 'Dalam bahaya sekarang? Telepon 112 atau 110 (Polisi).',
} as const;
