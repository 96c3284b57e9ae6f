/**
 * The rows of the first sheet of an XLSX workbook, as text, numbers and booleans (decision 035).
 * An XLSX file is a zip of XML parts; an indicator sheet needs only cell values, so this reads
 * `xl/workbook.xml` (the first sheet), its relationship to the worksheet part, the shared strings
 * and the cells — no formulas evaluated (their cached value is read), no styles. Unzipped with
 * fflate (already used for the export zip), limited in size so a zip bomb cannot fill memory.
 */
import { unzipSync } from 'fflate';
import { AppError } from '../../domain/errors.ts';

/** The most a workbook may hold unpacked (an indicator sheet is a few kilobytes). */
const MAX_UNPACKED = 20 * 1024 * 1024;

/** A character XML allows (tab, line feed, carriage return and the printable ranges). */
const xmlChar = (cp: number) =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

const badCharacter = () => new AppError('VALIDATION_FAILED', { file: 'kla_sheet_bad_character' });

const decode = (s: string) => {
  // a control character typed into the XML itself is no more allowed than one written as &#…;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x9 && c !== 0xa && c !== 0xd) throw badCharacter();
  }
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const l = e.toLowerCase();
    if (l === 'amp') return '&';
    if (l === 'lt') return '<';
    if (l === 'gt') return '>';
    if (l === 'quot') return '"';
    if (l === 'apos') return "'";
    const cp = l.startsWith('#x') ? Number.parseInt(l.slice(2), 16) : Number(l.slice(1));
    if (!Number.isSafeInteger(cp) || !xmlChar(cp)) throw badCharacter();
    return String.fromCodePoint(cp);
  });
};

/** All `<t>` text of an element (a shared string may be rich text in runs). */
const texts = (xml: string) =>
  [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => decode(m[1]!)).join('');

const colIndex = (ref: string) => {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
};

const notXlsx = () => new AppError('VALIDATION_FAILED', { file: 'kla_sheet_unreadable' });

export function sheetRows(bytes: Uint8Array): unknown[][] {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_UNPACKED) throw notXlsx();
        return (f.name.startsWith('xl/') && f.name.endsWith('.xml')) || f.name.endsWith('.rels');
      },
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw notXlsx();
  }
  const text = (name: string) => (files[name] ? new TextDecoder().decode(files[name]) : null);
  const workbook = text('xl/workbook.xml');
  if (!workbook) throw notXlsx();
  const rid = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
  const rels = text('xl/_rels/workbook.xml.rels') ?? '';
  let target = rid
    ? (new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
      new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1])
    : undefined;
  target = target ? (target.startsWith('/') ? target.slice(1) : `xl/${target}`) : 'xl/worksheets/sheet1.xml';
  const sheet = text(target);
  if (!sheet) throw notXlsx();
  const shared = [...(text('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    texts(m[1]!),
  );
  const rows: unknown[][] = [];
  for (const r of sheet.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const row: unknown[] = [];
    for (const c of r[1]!.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]!;
      const body = c[2] ?? '';
      const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
      const t = /\bt="([^"]+)"/.exec(attrs)?.[1] ?? 'n';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: unknown = null;
      if (t === 's') value = v === undefined ? null : (shared[Number(v)] ?? null);
      else if (t === 'inlineStr') value = texts(body);
      else if (t === 'str') value = v === undefined ? null : decode(v);
      else if (t === 'b') value = v === '1';
      else if (v !== undefined) value = Number(v);
      row[ref ? colIndex(ref) : row.length] = value;
    }
    rows.push(Array.from(row, (x) => x ?? null));
  }
  return rows;
}
