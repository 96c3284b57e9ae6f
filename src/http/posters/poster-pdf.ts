/**
 * Printable posters and cards for a kab/kota (issue 12 §6, decision 034): the Dinas letterhead,
 * a few short, survivor-safe lines in Bahasa Indonesia, the UPTD PPA's contacts, SAPA 129, the
 * /lapor address (with the poster code when there is one) and its QR code. Drawn with pdfkit and
 * the Noto fonts of the letters, in the occasional worker (decision 020). The QR code is made
 * here, locally, by `qrcode` (never an outside service): a PNG embedded as an image, which any
 * PDF reader (and the tests, through pdf.js) can take out again and decode.
 *
 * - a4: a poster (A4 portrait);
 * - a5: a card or leaflet (A5 portrait), the same layout smaller;
 * - kartu: eight wallet cards (85.6 × 54 mm) on an A4 sheet, with cut marks.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { POSTER_WORDS, type PosterSheet, SAPA_129 } from '../../domain/posters.ts';
import { faceFont, primaryFace } from '../letters/fonts.ts';

export type { PosterSheet };

const INK = '#1f1f1f';
const ACCENT = '#5b2a86';
const MUTED = '#555555';

type Doc = PDFKit.PDFDocument;
/**
 * The QR code's PNG opened once (pdfkit's `openImage`, missing from its type definitions), so it
 * is embedded once however often it is drawn; `doc.image` takes it as it takes the bytes.
 */
type QrImage = Buffer;
const openImage = (doc: Doc, png: Buffer): QrImage =>
  (doc as unknown as { openImage(src: Buffer): QrImage }).openImage(png);

/** A font size at most `max` at which `text` fits `width` on one line. */
function fitSize(doc: Doc, font: string, text: string, width: number, max: number): number {
  let size = max;
  doc.font(font);
  while (size > 5 && doc.fontSize(size).widthOfString(text) > width) size -= 0.5;
  return size;
}

function logoAt(doc: Doc, logo: Uint8Array | null, x: number, y: number, side: number): boolean {
  if (!logo) return false;
  try {
    doc.image(Buffer.from(logo), x, y, { fit: [side, side] });
    return true;
  } catch {
    return false; // an unreadable image: the letterhead without it
  }
}

/** The kab/kota's name under the Dinas's, unless the Dinas's name already says it (printed once). */
export function headerPlace(dinasName: string, regionName: string): string | null {
  return dinasName.toLocaleLowerCase('id-ID').includes(regionName.toLocaleLowerCase('id-ID'))
    ? null
    : regionName;
}

/**
 * One poster page (A4 or A5): `s` scales every size from the A4 layout. The message at the top, the
 * contacts at the foot of the page, and between them the QR code and the address, as large as the
 * space left allows (the page is filled, not a third of it left blank).
 */
function posterPage(doc: Doc, p: PosterSheet, qr: QrImage, s: number) {
  const m = 40 * s;
  const left = m;
  const width = doc.page.width - 2 * m;
  const bottom = doc.page.height - m;
  let y = m;

  // kop: logo, Dinas, and the kab/kota when the Dinas's name does not already say it
  const hasLogo = logoAt(doc, p.logo, left, y, 46 * s);
  const tx = hasLogo ? left + 56 * s : left;
  doc
    .fillColor(INK)
    .font('bold')
    .fontSize(11 * s)
    .text(p.dinasName, tx, y, { width: width - (tx - left) });
  const place = headerPlace(p.dinasName, p.regionName);
  if (place)
    doc
      .font('regular')
      .fontSize(9 * s)
      .fillColor(MUTED)
      .text(place, tx, doc.y, { width: width - (tx - left) });
  y = Math.max(doc.y, y + 46 * s) + 8 * s;
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .lineWidth(1.5 * s)
    .strokeColor(ACCENT)
    .stroke();
  y += 22 * s;

  // the message
  doc
    .fillColor(ACCENT)
    .font('bold')
    .fontSize(40 * s)
    .text(POSTER_WORDS.title, left, y, { width });
  doc.moveDown(0.25);
  doc
    .fillColor(INK)
    .font('regular')
    .fontSize(17 * s)
    .text(POSTER_WORDS.lead, left, doc.y, { width });
  doc.moveDown(0.6);
  for (const point of POSTER_WORDS.points)
    doc
      .font('bold')
      .fontSize(14 * s)
      .text(`•  ${point}`, left + 6 * s, doc.y + 2 * s, { width: width - 6 * s });
  if (p.campaign) {
    doc.moveDown(0.7);
    doc
      .fillColor(ACCENT)
      .font('bold')
      .fontSize(13 * s)
      .text(p.campaign, left, doc.y, { width });
  }
  const messageEnd = doc.y;

  // the foot, measured first so it can stand at the bottom of the page: contacts, danger, address
  const colW = (width - 16 * s) / 2;
  const uptdTitle = p.uptd ? p.uptd.name : `${POSTER_WORDS.uptd} ${p.regionName}`;
  const uptdLines = p.uptd
    ? [p.uptd.phone ? `Telepon: ${p.uptd.phone}` : null, p.uptd.address].filter((l): l is string => !!l)
    : ['Hubungi Dinas PPPA setempat.'];
  const sapaLines = [`Telepon: ${SAPA_129.phone}`, `WhatsApp: ${SAPA_129.whatsapp}`];
  const colHeight = (title: string, lines: string[]) =>
    doc
      .font('bold')
      .fontSize(12 * s)
      .heightOfString(title, { width: colW }) +
    lines.reduce(
      (h, l) =>
        h +
        doc
          .font('regular')
          .fontSize(11 * s)
          .heightOfString(l, { width: colW }),
      0,
    );
  const contactsH = Math.max(colHeight(uptdTitle, uptdLines), colHeight(POSTER_WORDS.sapa, sapaLines));
  const dangerH = doc
    .font('bold')
    .fontSize(12 * s)
    .heightOfString(POSTER_WORDS.danger, { width });
  const addressH = p.dinasAddress ? 14 * s : 0;
  const footTop = bottom - addressH - dangerH - 12 * s - contactsH - 12 * s;

  // the QR code and the address, centred in the space between the message and the foot
  const scanH = doc
    .font('regular')
    .fontSize(12 * s)
    .heightOfString(POSTER_WORDS.scan, { width });
  const urlSize = fitSize(doc, 'bold', p.url, width, 20 * s);
  const urlH = urlSize * 1.3;
  const room = footTop - messageEnd - 24 * s;
  const side = Math.max(120 * s, Math.min(300 * s, room - scanH - urlH - 14 * s));
  const blockH = side + 6 * s + scanH + 2 * s + urlH;
  const qy = messageEnd + 12 * s + Math.max(0, (room - blockH) / 2);
  doc.image(qr, left + (width - side) / 2, qy, { width: side, height: side });
  doc
    .fillColor(INK)
    .font('regular')
    .fontSize(12 * s)
    .text(POSTER_WORDS.scan, left, qy + side + 6 * s, { width, align: 'center' });
  doc
    .font('bold')
    .fontSize(urlSize)
    .fillColor(ACCENT)
    .text(p.url, left, doc.y + 2 * s, { width, align: 'center', link: p.url, lineBreak: false });

  // contacts: the UPTD PPA and SAPA 129, at the foot (below the address when it ran long)
  const cy = Math.max(footTop, doc.y + 14 * s);
  doc
    .moveTo(left, cy - 6 * s)
    .lineTo(left + width, cy - 6 * s)
    .lineWidth(0.5)
    .strokeColor('#bbbbbb')
    .stroke();
  doc
    .fillColor(INK)
    .font('bold')
    .fontSize(12 * s)
    .text(uptdTitle, left, cy, { width: colW });
  for (const l of uptdLines)
    doc
      .font('regular')
      .fontSize(11 * s)
      .text(l, left, doc.y, { width: colW });
  const leftEnd = doc.y;
  const rx = left + colW + 16 * s;
  doc
    .font('bold')
    .fontSize(12 * s)
    .text(POSTER_WORDS.sapa, rx, cy, { width: colW });
  for (const l of sapaLines)
    doc
      .font('regular')
      .fontSize(11 * s)
      .text(l, rx, doc.y, { width: colW });
  doc.y = Math.max(leftEnd, doc.y) + 12 * s;
  doc
    .font('bold')
    .fontSize(12 * s)
    .fillColor(ACCENT)
    .text(POSTER_WORDS.danger, left, doc.y, { width, align: 'center' });
  // the Dinas's address at the foot, on one line, when the page has room left for it
  const footY = bottom - 10 * s;
  if (p.dinasAddress && doc.y < footY - 2 * s)
    doc
      .font('regular')
      .fontSize(7.5 * s)
      .fillColor(MUTED)
      .text(p.dinasAddress, left, footY, { width, align: 'center', height: 10 * s, ellipsis: true });
}

/** Wallet cards (85.6 × 54 mm), eight on an A4 sheet, cut marks between them. */
function cardSheet(doc: Doc, p: PosterSheet, qr: QrImage) {
  const mm = 72 / 25.4;
  const cw = 85.6 * mm;
  const ch = 54 * mm;
  const cols = 2;
  const rows = 4;
  const x0 = (doc.page.width - cols * cw) / 2;
  const y0 = (doc.page.height - rows * ch) / 2;
  // cut lines
  doc.lineWidth(0.3).strokeColor('#999999').dash(3, { space: 3 });
  for (let c = 0; c <= cols; c++)
    doc
      .moveTo(x0 + c * cw, y0 - 10)
      .lineTo(x0 + c * cw, y0 + rows * ch + 10)
      .stroke();
  for (let r = 0; r <= rows; r++)
    doc
      .moveTo(x0 - 10, y0 + r * ch)
      .lineTo(x0 + cols * cw + 10, y0 + r * ch)
      .stroke();
  doc.undash();
  const phone = p.uptd?.phone ? `${p.uptd.name}: ${p.uptd.phone}` : `${POSTER_WORDS.uptd} ${p.regionName}`;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const x = x0 + c * cw + 8;
      const y = y0 + r * ch + 8;
      const w = cw - 16;
      const side = 74;
      const textW = w - side - 6;
      doc.image(qr, x + w - side, y + 14, { width: side, height: side });
      doc.fillColor(ACCENT).font('bold').fontSize(12).text(POSTER_WORDS.title, x, y, { width: textW });
      doc
        .fillColor(INK)
        .font('regular')
        .fontSize(7)
        .text(
          'Laporan kekerasan terhadap perempuan dan anak: rahasia, gratis, boleh tanpa nama. Bukan salahmu.',
          x,
          doc.y + 1,
          {
            width: textW,
          },
        );
      doc
        .font('bold')
        .fontSize(6.5)
        .text(phone, x, doc.y + 3, { width: textW })
        .font('regular')
        .text(`SAPA 129: telepon ${SAPA_129.phone} · WA ${SAPA_129.whatsapp}`, x, doc.y + 1, {
          width: textW,
        });
      const urlW = w;
      doc
        .font('bold')
        .fontSize(fitSize(doc, 'bold', p.url, urlW, 8))
        .fillColor(ACCENT)
        .text(p.url, x, y + ch - 16 - 10, { width: urlW, lineBreak: false, link: p.url });
    }
}

export async function posterPdf(p: PosterSheet, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const qr = await QRCode.toBuffer(p.url, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 4,
    scale: 10,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
  const doc = new PDFDocument({
    size: p.size === 'a5' ? 'A5' : 'A4',
    margin: 0,
    compress: opts.compress ?? true,
    lang: 'id-ID',
    info: { Title: `Lapor kekerasan — ${p.regionName}`, Creator: 'Simpul' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', faceFont(primaryFace('regular')) as unknown as Buffer);
  doc.registerFont('bold', faceFont(primaryFace('bold')) as unknown as Buffer);
  const image = openImage(doc, qr);
  if (p.size === 'kartu') cardSheet(doc, p, image);
  else posterPage(doc, p, image, p.size === 'a5' ? 420 / 595 : 1);
  doc.end();
  return done;
}
