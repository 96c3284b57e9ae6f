/**
 * The text of a pdfkit document, for tests: pdfkit writes text as hex glyph codes (WinAnsi for
 * the standard fonts) in TJ arrays, split where it kerns; a compressed document (the default, what
 * the API sends) has them in FlateDecode streams, which are inflated first.
 */
import { inflateSync } from 'node:zlib';

const WIN_ANSI: Record<number, string> = { 145: '‘', 146: '’', 147: '“', 148: '”', 150: '–', 151: '—' };

function contentOf(pdf: Buffer): string {
  const src = pdf.toString('latin1');
  const parts = [src];
  for (const m of src.matchAll(/\/FlateDecode[^>]*>>\s*stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = src.indexOf('endstream', start);
    if (end < 0) continue;
    try {
      parts.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a content stream pdfkit compressed (a font, an image): nothing to read
    }
  }
  return parts.join('\n');
}

export function pdfText(pdf: Buffer): string {
  const lines: string[] = [];
  for (const m of contentOf(pdf).matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    let line = '';
    for (const t of (m[1] ?? '').matchAll(/<([0-9a-fA-F]*)>|(-?[\d.]+)/g)) {
      if (t[1] !== undefined)
        for (const b of Buffer.from(t[1], 'hex')) line += WIN_ANSI[b] ?? String.fromCharCode(b);
      // a justified line puts word spaces as large negative adjustments instead of space glyphs
      else if (Number(t[2]) < -100) line += ' ';
    }
    lines.push(line);
  }
  return lines.join('\n');
}
