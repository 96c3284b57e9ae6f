/**
 * The KLA evaluation summary as PDF for the Bupati/Wali Kota (issue 13 §3; decision 035): the
 * Dinas letterhead, the total and category, a table of the clusters (points of the maximum, this
 * year beside last year's self-assessed figures), what the next category still needs and where the
 * points can come from, the province's verified score and its notes when there are, and the head
 * of the Dinas to sign, with place and date. Aggregates only.
 */
import PDFDocument from 'pdfkit';
import type { KlaSummary } from '../../app/kla/summary.ts';
import { zoneOfRegion } from '../../domain/time.ts';
import { faceFont, primaryFace } from '../letters/fonts.ts';
import { drawLetterhead, plainWriter } from './letterhead.ts';

const num = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
const STATUS: Record<string, string> = {
  draft: 'draf (belum dikirim ke provinsi)',
  submitted: 'dikirim ke provinsi, menunggu verifikasi',
  returned: 'dikembalikan provinsi untuk perbaikan',
  verified: 'terverifikasi provinsi',
};

export function klaSummaryPdf(s: KlaSummary, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const e = s.evaluation;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 56, right: 56 },
    compress: opts.compress ?? true,
    lang: 'id-ID',
    info: { Title: `Ringkasan evaluasi KLA ${e.year} — ${e.jurisdictionName}`, Creator: 'Simpul' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', faceFont(primaryFace('regular')) as unknown as Buffer);
  doc.registerFont('bold', faceFont(primaryFace('bold')) as unknown as Buffer);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const h = s.letterhead;

  drawLetterhead(doc, h, { left, width, write: plainWriter(doc) });
  doc
    .font('bold')
    .fontSize(12)
    .text('RINGKASAN EVALUASI MANDIRI KABUPATEN/KOTA LAYAK ANAK (KLA)', left, doc.y, {
      width,
      align: 'center',
    })
    .text(`${e.jurisdictionName.toUpperCase()} — TAHUN ${e.year}`, { width, align: 'center' });
  doc.moveDown(0.5);
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor('#444')
    .text(
      `Set indikator: ${e.setLabel}. Status: ${STATUS[e.status] ?? e.status}. Sumber: Simpul. Nilai dari 1.000; angka agregat, tidak memuat data pribadi.`,
      left,
      doc.y,
      { width },
    )
    .fillColor('#000');
  doc.moveDown(0.8);

  const sc = e.score;
  doc.font('bold').fontSize(11).text('Nilai evaluasi mandiri', left, doc.y, { width });
  doc
    .font('regular')
    .fontSize(10)
    .text(
      `Total ${num.format(sc.total)} — kategori ${sc.category.label}. ` +
        (sc.next
          ? `Untuk mencapai kategori ${sc.next.category.label} (mulai ${num.format(sc.next.category.min)}) masih kurang ${num.format(sc.next.missing)} poin.`
          : 'Kategori tertinggi telah tercapai.') +
        (e.unanswered ? ` ${e.unanswered} dari ${e.indicators} indikator belum bernilai.` : ''),
      left,
      doc.y,
      { width },
    );
  if (e.verifiedScore)
    doc.text(
      `Nilai terverifikasi provinsi: ${num.format(e.verifiedScore.total)} — kategori ${e.verifiedScore.category.label}.`,
      left,
      doc.y,
      { width },
    );
  if (e.lastYear) {
    // like with like: this year's self-assessed score against last year's self-assessed one
    const diff = Math.round((sc.total - e.lastYear.score.total) * 10) / 10;
    doc.text(
      `Tahun ${e.lastYear.year}: nilai mandiri ${num.format(e.lastYear.score.total)} (${e.lastYear.score.category.label})` +
        (e.lastYear.verifiedScore
          ? `, terverifikasi ${num.format(e.lastYear.verifiedScore.total)} (${e.lastYear.verifiedScore.category.label})`
          : '') +
        (e.unanswered < e.indicators
          ? `; nilai mandiri tahun ini ${diff >= 0 ? '+' : '−'}${num.format(Math.abs(diff))} poin dibanding nilai mandiri tahun lalu.`
          : '.'),
      left,
      doc.y,
      { width },
    );
  }
  doc.moveDown(0.8);

  // the clusters
  const head = ['Kelembagaan / klaster', 'Nilai', 'Maks.', 'Terisi'];
  if (e.verifiedScore) head.push('Terverifikasi');
  if (e.lastYear) head.push(`Tahun ${e.lastYear.year}`);
  const first = width * 0.42;
  const other = (width - first) / (head.length - 1);
  const x = (i: number) => left + (i === 0 ? 0 : first + (i - 1) * other);
  const w = (i: number) => (i === 0 ? first : other) - 4;
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(bold ? 8 : 9);
    const hgt = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: w(i) }))) + 4;
    const y = doc.y;
    cells.forEach((c, i) => {
      doc.text(c, x(i) + 2, y + 2, { width: w(i), align: i === 0 ? 'left' : 'right' });
    });
    doc
      .moveTo(left, y + hgt)
      .lineTo(left + width, y + hgt)
      .lineWidth(0.3)
      .strokeColor('#999')
      .stroke()
      .strokeColor('#000');
    doc.y = y + hgt;
  };
  row(head, true);
  for (const g of sc.groups) {
    const label = e.groups.find((x) => x.code === g.code)?.label ?? g.code;
    const cells = [label, num.format(g.points), num.format(g.max), `${g.answered}/${g.count}`];
    if (e.verifiedScore)
      cells.push(num.format(e.verifiedScore.groups.find((x) => x.code === g.code)?.points ?? 0));
    if (e.lastYear)
      cells.push(num.format(e.lastYear.score.groups.find((x) => x.code === g.code)?.points ?? 0));
    row(cells, false);
  }
  const total = ['Jumlah', num.format(sc.total), '1.000', ''];
  if (e.verifiedScore) total.push(num.format(e.verifiedScore.total));
  if (e.lastYear) total.push(num.format(e.lastYear.score.total));
  row(total, true);
  if (e.missingNumbers.length) {
    doc.moveDown(0.5);
    doc
      .font('regular')
      .fontSize(9)
      .text(`Indikator yang dikirim tanpa jawaban final: ${e.missingNumbers.join(', ')}.`, left, doc.y, {
        width,
      });
  }

  const list = (title: string, items: string[]) => {
    if (!items.length) return;
    doc.moveDown(0.8);
    doc.font('bold').fontSize(11).text(title, left, doc.y, { width });
    doc.font('regular').fontSize(9.5);
    for (const it of items) doc.text(`• ${it}`, left + 8, doc.y, { width: width - 8 });
  };
  list(
    'Catatan verifikasi provinsi',
    e.attention.map(
      (a) =>
        `Indikator ${a.number} (${a.wording}): ${a.decision === 'fix' ? 'diminta perbaikan' : 'ditolak'}${a.note ? ` — ${a.note.replace(/[.。]+\s*$/, '')}` : ''}.`,
    ),
  );
  // a verified year is closed: where points could have come from no longer helps
  list(
    sc.next && e.status !== 'verified'
      ? `Peluang menambah nilai menuju kategori ${sc.next.category.label}`
      : '',
    (e.status === 'verified' ? [] : e.gains).map(
      (g) => `Indikator ${g.number} (${g.wording}): sampai ${num.format(g.available)} poin.`,
    ),
  );

  doc.moveDown(2);
  const sx = left + width * 0.55;
  const issued = new Intl.DateTimeFormat('id-ID', {
    dateStyle: 'long',
    timeZone: zoneOfRegion(e.jurisdiction),
  }).format(new Date(s.issuedAt));
  const place = e.jurisdictionName.replace(/^(Kabupaten|Kota) /, '');
  doc.font('regular').fontSize(10).text(`${place}, ${issued}`, sx, doc.y).text(h.headTitle, sx);
  doc.moveDown(3);
  doc.font('bold').text(h.headName, sx);
  if (h.headNip) doc.font('regular').text(`NIP ${h.headNip}`, sx);
  doc.end();
  return done;
}
