/**
 * "Daftar Tindak Lanjut Rapat Koordinasi" as PDF (A4 landscape, review M3): the Dinas letterhead of
 * report_settings, the filters applied, then one row per follow-up — the action, the meeting and
 * decision it comes from, the owner, the due date, the status and how many days late — and the
 * date it was printed. Drawn with pdfkit in the occasional worker (decision 020), names in any
 * script the letters print (src/http/letters/fonts.ts).
 */
import PDFDocument from 'pdfkit';
import type { FollowupsDocument } from '../../app/meetings/followups-report.ts';
import { dateWords } from '../../domain/report.ts';
import { zoneOfRegion } from '../../domain/time.ts';
import { type FontStyle, faceFont, primaryFace, runs } from '../letters/fonts.ts';
import { drawLetterhead } from './letterhead.ts';

export function followupsListPdf(d: FollowupsDocument, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 40, bottom: 40, left: 40, right: 40 },
    compress: opts.compress ?? true,
    lang: 'id-ID',
    info: { Title: d.title, Creator: 'Simpul' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const registered = new Set<string>();
  const write = (
    text: string,
    style: FontStyle,
    size: number,
    o: PDFKit.Mixins.TextOptions & { x: number; y?: number },
  ) => {
    const { x, y, ...rest } = o;
    const parts = runs(text, style);
    if (parts.length === 0) parts.push({ face: primaryFace(style), text: '', rtl: false, features: {} });
    doc.fontSize(size);
    parts.forEach((part, i) => {
      if (!registered.has(part.face)) {
        doc.registerFont(part.face, faceFont(part.face) as unknown as Buffer);
        registered.add(part.face);
      }
      doc.font(part.face);
      const options = {
        ...rest,
        features: part.features as unknown as PDFKit.Mixins.TextOptions['features'],
        continued: i < parts.length - 1,
      };
      if (i === 0) doc.text(part.text, x, y ?? doc.y, options);
      else doc.text(part.text, options);
    });
  };
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const h = d.letterhead;

  // kop surat
  drawLetterhead(doc, h, {
    left,
    width,
    size: 'compact',
    write: (text, style, size, x, w) => write(text, style, size, { x, width: w }),
  });
  write(d.title.toUpperCase(), 'bold', 12, { x: left, width, align: 'center' });
  const issued = new Intl.DateTimeFormat('id-ID', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: zoneOfRegion(d.jurisdiction),
  }).format(new Date(d.issuedAt));
  write(`Dicetak ${issued}`, 'regular', 9, { x: left, width, align: 'center' });
  doc.moveDown(0.4);
  write(
    `Saringan: ${d.filters.length ? d.filters.join('; ') : 'semua tindak lanjut'}. Jumlah: ${d.items.length}${d.cut ? ' (daftar dipotong; persempit saringan untuk melihat semuanya)' : ''}.`,
    'regular',
    9.5,
    { x: left, width },
  );
  doc.moveDown(0.6);

  // the table
  const cols = [
    { head: 'No.', w: 0.04 },
    { head: 'Tindak lanjut', w: 0.3 },
    { head: 'Rapat dan keputusan', w: 0.24 },
    { head: 'Penanggung jawab', w: 0.17 },
    { head: 'Tenggat', w: 0.1 },
    { head: 'Status', w: 0.15 },
  ].map((c) => ({ ...c, w: c.w * width }));
  const pad = 3;
  const rowHeight = (cells: string[], size: number) => {
    doc.fontSize(size).font(primaryFace('regular'));
    return Math.max(...cells.map((t, i) => doc.heightOfString(t, { width: cols[i]!.w - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], style: FontStyle, size: number, shade: boolean) => {
    const hgt = rowHeight(cells, size);
    if (doc.y + hgt > bottom()) {
      doc.addPage();
      doc.y = doc.page.margins.top;
      drawRow(
        cols.map((c) => c.head),
        'bold',
        9,
        true,
      );
    }
    const y = doc.y;
    if (shade) doc.rect(left, y, width, hgt).fill('#eeeeee').fillColor('#000');
    let x = left;
    cells.forEach((t, i) => {
      write(t, style, size, { x: x + pad, y: y + pad, width: cols[i]!.w - 2 * pad });
      x += cols[i]!.w;
    });
    doc
      .moveTo(left, y + hgt)
      .lineTo(left + width, y + hgt)
      .lineWidth(0.5)
      .stroke();
    doc.y = y + hgt;
  };
  drawRow(
    cols.map((c) => c.head),
    'bold',
    9,
    true,
  );
  if (d.items.length === 0) {
    doc.moveDown(0.5);
    write('Tidak ada tindak lanjut yang sesuai saringan.', 'regular', 10, { x: left, width });
  }
  d.items.forEach((f, i) => {
    const status = d.statusLabels[f.status] ?? f.status;
    const late =
      f.overdueDays > 0
        ? `\nTerlambat ${f.overdueDays} hari${f.escalated ? '; dieskalasi ke penyelenggara' : ''}`
        : '';
    drawRow(
      [
        String(i + 1),
        f.action,
        `${f.meetingTitle} (${dateWords(f.meetingDate)}) · Keputusan ${f.decisionNumber}`,
        `${f.ownerOrgName}${f.ownerUserName ? ` (${f.ownerUserName})` : ''}`,
        dateWords(f.dueOn),
        `${status}${late}`,
      ],
      'regular',
      9,
      false,
    );
  });
  doc.end();
  return done;
}
