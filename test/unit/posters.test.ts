/** Poster codes (decision 034): what counts as a code, how codes are drawn, local months. */
import { randomBytes } from 'node:crypto';
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import {
  drawPosterCode,
  localMonth,
  monthsBack,
  POSTER_CODE_ALPHABET,
  posterCodeFrom,
  posterUrl,
} from '../../src/domain/posters.ts';
import { headerPlace, posterPdf } from '../../src/http/posters/poster-pdf.ts';
import { pdfQrTexts } from '../helpers/pdf-qr.ts';

describe('poster codes', () => {
  it('takes a code as typed or scanned, in any capitals, and nothing else', () => {
    expect(posterCodeFrom('k7f3q2')).toBe('k7f3q2');
    expect(posterCodeFrom(' K7F3Q2 ')).toBe('k7f3q2');
    for (const bad of [
      '',
      'k7f3q',
      'k7f3q22',
      'k7f3q0',
      'i7f3q2',
      'l7f3q2',
      'o7f3q2',
      'k7f3q1',
      'k7f-q2',
      'x'.repeat(10_000),
    ])
      expect(posterCodeFrom(bad), bad.slice(0, 12)).toBeNull();
    expect(posterCodeFrom(['k7f3q2'])).toBeNull();
    expect(posterCodeFrom(undefined)).toBeNull();
    expect(posterCodeFrom(42)).toBeNull();
  });

  it('draws codes from the alphabet without look-alikes, every letter about as often', () => {
    expect(POSTER_CODE_ALPHABET).not.toMatch(/[ilo01]/);
    const seen = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const c = drawPosterCode((n) => randomBytes(n));
      expect(posterCodeFrom(c)).toBe(c);
      for (const ch of c) seen.set(ch, (seen.get(ch) ?? 0) + 1);
    }
    expect(seen.size).toBe(POSTER_CODE_ALPHABET.length);
    // 18,000 letters over 31: about 580 each
    for (const n of seen.values()) expect(n).toBeGreaterThan(430);
    // a source that gives only bytes above the last whole alphabet still ends (draws again)
    let calls = 0;
    const code = drawPosterCode((n) => {
      calls++;
      return Uint8Array.from({ length: n }, (_, i) => (calls === 1 ? 255 : i));
    });
    expect(code).toBe('abcdef');
  });

  it('counts in the local month of the kab/kota and goes back across a year', () => {
    const at = new Date('2026-11-30T17:30:00Z');
    expect(localMonth(at, '36.02')).toBe('2026-12'); // 00:30 WIB
    expect(localMonth(new Date('2026-11-30T16:30:00Z'), '36.02')).toBe('2026-11'); // 23:30 WIB
    expect(localMonth(new Date('2026-11-30T16:30:00Z'), '64.74')).toBe('2026-12'); // 00:30 WITA
    expect(monthsBack('2026-02', 4)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
  });

  it('prints the address with or without its code', () => {
    expect(posterUrl('https://simpul.example.go.id/', 'k7f3q2')).toBe(
      'https://simpul.example.go.id/lapor?s=k7f3q2',
    );
    expect(posterUrl('https://simpul.example.go.id', null)).toBe('https://simpul.example.go.id/lapor');
  });
});

describe('the A4 poster page', () => {
  const sheet = {
    size: 'a4' as const,
    regionName: 'Kabupaten Lebak',
    dinasName: 'Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kabupaten Lebak',
    dinasAddress: 'Jl. Sintetis No. 9, Rangkasbitung',
    logo: null,
    uptd: { name: 'UPTD PPA Kabupaten Lebak', phone: '0252-100148', address: 'Jl. Contoh No. 14' },
    campaign: 'Stop Kekerasan terhadap Anak 2026',
    url: 'https://simpul.example.go.id/lapor?s=k7f3q2',
  };
  /** Each line of text with its height from the bottom of the page (pdf.js, as a reader draws it). */
  async function lines(pdf: Buffer) {
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    const page = await doc.getPage(1);
    const { height } = page.getViewport({ scale: 1 });
    const items = (await page.getTextContent()).items as Array<{ str: string; transform: number[] }>;
    return {
      height,
      items: items.filter((i) => i.str.trim()).map((i) => ({ s: i.str, y: i.transform[5]! })),
    };
  }

  it('names the kab/kota once in the header and fills the page down to its foot', async () => {
    const pdf = await posterPdf(sheet, { compress: false });
    const { height, items } = await lines(pdf);
    // "Kabupaten Lebak" is in the Dinas's name: not printed again under it
    expect(items.filter((i) => i.s.trim() === 'Kabupaten Lebak')).toHaveLength(0);
    expect(headerPlace(sheet.dinasName, sheet.regionName)).toBeNull();
    expect(headerPlace('Dinas P3A', 'Kabupaten Lebak')).toBe('Kabupaten Lebak');
    // the warning line and the contacts stand in the bottom fifth, not in the middle of the page
    const danger = items.find((i) => i.s.includes('Dalam bahaya sekarang'))!;
    expect(danger.y).toBeLessThan(height * 0.2);
    // the QR code still decodes to the address
    expect(await pdfQrTexts(pdf)).toEqual([sheet.url]);
  });

  it('keeps the kab/kota line when the Dinas’s name does not say it', async () => {
    const pdf = await posterPdf({ ...sheet, dinasName: 'Dinas P3A' }, { compress: false });
    const { items } = await lines(pdf);
    expect(items.filter((i) => i.s.trim() === 'Kabupaten Lebak')).toHaveLength(1);
  });
});
