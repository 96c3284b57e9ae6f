/**
 * The periodic report as a printable page and as PDF (issue 11 §2): the Dinas letterhead, the
 * narrative, and each table with a bar chart drawn from the same numbers (the table is the record;
 * the chart is a picture of it). No personal data: the dashboard's aggregates only.
 */
import PDFDocument from 'pdfkit';
import type { PeriodicReport } from '../../app/stats/periodic-report.ts';
import { barChart, lineChart, type SvgNode, svgString } from '../../domain/charts.ts';
import { type Cell, momentWords, type ReportTable, rangeWords } from '../../domain/report.ts';

/** The title of the report's prevention and coordination part (issue 12 review M3). */
export const COORDINATION_TITLE = 'Pencegahan dan koordinasi';

import { zoneOfRegion } from '../../domain/time.ts';
import { faceFont, primaryFace } from '../letters/fonts.ts';
import { drawLetterhead, plainWriter } from './letterhead.ts';

const num = new Intl.NumberFormat('id-ID');
const cellText = (c: Cell) => (c === null ? '–' : typeof c === 'number' ? num.format(c) : c);
const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
/** What the report covers and against what, in words. */
function periodLine(r: PeriodicReport): string {
  const d = r.dashboard;
  const now = rangeWords({ from: d.period.from, to: d.through ?? d.period.to });
  return `Periode ${now} (waktu ${d.region.zone})${d.through ? ', periode belum berakhir' : ''}, dibandingkan dengan ${rangeWords(d.compare)}. Sumber: Simpul, data per ${momentWords(d.asOf, d.region.code, d.region.zone)}. Angka agregat; tidak memuat data pribadi.`;
}
const TYPE_TITLE: Record<string, string> = {
  semua: 'KEKERASAN TERHADAP PEREMPUAN DAN ANAK',
  ktp: 'KEKERASAN TERHADAP PEREMPUAN (KtP)',
  ampk: 'ANAK YANG MEMERLUKAN PERLINDUNGAN KHUSUS (AMPK)',
};
const issued = (r: PeriodicReport) =>
  new Intl.DateTimeFormat('id-ID', {
    dateStyle: 'long',
    timeZone: zoneOfRegion(r.dashboard.region.code),
  }).format(new Date(r.issuedAt));

/**
 * The chart of a table, from the same module the dashboard draws with (src/domain/charts.ts,
 * decision 027): the 24-month trend as lines, a figure's rows as bars beside the year before.
 */
function chartOf(t: ReportTable, width: number, fontSize: number): SvgNode | null {
  const format = (n: number) => num.format(n);
  if (t.key === 'tren')
    return lineChart(
      [
        { name: 'Kasus', values: t.rows.map((r) => Number(r[1] ?? 0)) },
        { name: 'Korban', values: t.rows.map((r) => Number(r[2] ?? 0)) },
      ],
      { width, fontSize, format, height: 120, labels: t.rows.map((r) => String(r[0] ?? '')) },
    );
  if (t.key === 'ringkasan' || t.key === 'beban-kerja' || t.key === 'hak' || t.key.startsWith('pk-'))
    return null;
  const [now, before] = t.key === 'wilayah' ? [2, 4] : [1, t.head.length > 2 ? 2 : -1];
  const rows = t.rows
    .filter(
      (r) => r[0] !== 'Jumlah' && (Number(r[now] ?? 0) > 0 || (before > 0 && Number(r[before] ?? 0) > 0)),
    )
    .map((r) => ({
      label: String(r[0] ?? ''),
      value: Number(r[now] ?? 0),
      ...(before > 0 ? { before: Number(r[before] ?? 0) } : {}),
    }));
  if (rows.length === 0) return null;
  return barChart(rows, {
    width,
    fontSize,
    format,
    legend: { now: 'Periode ini', before: 'Setahun sebelumnya' },
  });
}

/**
 * Draws a chart's SVG tree with pdfkit at (x, y): rectangles, lines, paths, circles and text —
 * the only elements src/domain/charts.ts makes. Text is set from its baseline, as SVG does.
 */
function drawSvg(doc: PDFKit.PDFDocument, node: SvgNode, x: number, y: number, fontSize: number): void {
  const a = node.attrs;
  const n = (k: string) => Number(a[k] ?? 0);
  const fill = typeof a.fill === 'string' && a.fill !== 'none' ? a.fill : null;
  const stroke = typeof a.stroke === 'string' && a.stroke !== 'none' ? a.stroke : null;
  const fs = a['font-size'] !== undefined ? Number(a['font-size']) : fontSize;
  switch (node.tag) {
    case 'rect':
      if (n('width') > 0 && n('height') > 0)
        doc.rect(x + n('x'), y + n('y'), n('width'), n('height')).fill(fill ?? '#000');
      return;
    case 'line':
      doc
        .moveTo(x + n('x1'), y + n('y1'))
        .lineTo(x + n('x2'), y + n('y2'))
        .lineWidth(Number(a['stroke-width'] ?? 0.5))
        .stroke(stroke ?? '#999');
      return;
    case 'path': {
      doc
        .save()
        .translate(x, y)
        .path(String(a.d ?? ''));
      if (a['stroke-dasharray']) doc.dash(2, { space: 2 });
      if (stroke) doc.lineWidth(Number(a['stroke-width'] ?? 1)).stroke(stroke);
      else if (fill) doc.fill(fill);
      doc.undash().restore();
      return;
    }
    case 'circle':
      doc.circle(x + n('cx'), y + n('cy'), n('r')).fill(fill ?? '#000');
      return;
    case 'text': {
      const s = node.text ?? '';
      doc
        .font('regular')
        .fontSize(fs)
        .fillColor(fill ?? '#000');
      const w = doc.widthOfString(s);
      const anchor = a['text-anchor'];
      const tx = x + n('x') - (anchor === 'end' ? w : anchor === 'middle' ? w / 2 : 0);
      doc.text(s, tx, y + n('y') - fs * 0.8, { lineBreak: false });
      return;
    }
    case 'title':
      return;
    default:
      for (const c of node.children ?? []) drawSvg(doc, c, x, y, fs);
  }
}

/** The printable page (Ctrl+P): self-contained, inline styles, the logo as a data URI. */
export function periodicReportHtml(r: PeriodicReport): string {
  const h = r.letterhead;
  const logo =
    h.logo && h.logoMime
      ? `<img class="logo" alt="" src="data:${h.logoMime};base64,${Buffer.from(h.logo).toString('base64')}">`
      : '';
  const tableHtml = (t: ReportTable, level: 2 | 3) => {
    const node = chartOf(t, 640, 11);
    const chart = node ? svgString({ ...node, attrs: { ...node.attrs, class: 'chart' } }) : '';
    return `<section><h${level}>${esc(t.title)}</h${level}>${t.note ? `<p class="note">${esc(t.note)}</p>` : ''}${chart}
<table><thead><tr>${t.head.map((x) => `<th scope="col">${esc(x)}</th>`).join('')}</tr></thead>
<tbody>${t.rows.map((row) => `<tr>${row.map((c, i) => (i === 0 ? `<th scope="row">${esc(cellText(c))}</th>` : `<td>${esc(cellText(c))}</td>`)).join('')}</tr>`).join('')}</tbody></table></section>`;
  };
  const tables = r.tables.map((t) => tableHtml(t, 2)).join('\n');
  const coordination = r.coordination
    ? `<section class="part" aria-labelledby="pk"><h2 id="pk">${COORDINATION_TITLE}</h2>${r.coordination.narrative.map((p) => `<p>${esc(p)}</p>`).join('')}
${r.coordination.tables.map((t) => tableHtml(t, 3)).join('\n')}</section>`
    : '';
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Laporan ${esc(r.period.label.id)} — ${esc(r.dashboard.region.name)}</title>
<style>
body{font-family:"Noto Sans",Arial,sans-serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem;color:#1d1d1f;font-size:11pt}
header.kop{display:flex;gap:1rem;align-items:center;border-bottom:3px double #000;padding-bottom:.5rem;margin-bottom:1rem}
header.kop .logo{height:4.5rem}header.kop h1{font-size:14pt;margin:0}header.kop p{margin:.1rem 0}
h2{font-size:12pt;margin:1.4rem 0 .3rem}h3{font-size:11pt;margin:1.1rem 0 .3rem}section.part{break-inside:auto}section.part>h2{border-top:1px solid #999;padding-top:.6rem}.note{font-size:9pt;color:#555;margin:.2rem 0}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #999;padding:.2rem .4rem;font-size:9.5pt}
td{text-align:right}thead th{background:#f0eaf4}tbody th{text-align:left;font-weight:normal}
.chart{max-width:100%;height:auto;display:block;margin:.3rem 0}.sign{margin-top:2.5rem;margin-left:55%}
section{break-inside:avoid}@page{size:A4;margin:15mm}@media print{body{margin:0;max-width:none}a{color:inherit}}
</style></head><body>
<header class="kop">${logo}<div><h1>${esc(h.dinasName)}</h1>${h.address ? `<p>${esc(h.address)}</p>` : ''}</div></header>
<h1 style="font-size:13pt;text-align:center">LAPORAN ${esc(r.period.label.id.toUpperCase())}<br>${esc(TYPE_TITLE[r.dashboard.caseType] ?? '')}<br>${esc(r.dashboard.region.name.toUpperCase())} (${esc(r.dashboard.region.code)})</h1>
<p class="note">${esc(periodLine(r))}</p>
<section><h2>Ringkasan naratif</h2>${r.narrative.map((p) => `<p>${esc(p)}</p>`).join('')}</section>
${tables}
${coordination}
<div class="sign"><p>${esc(issued(r))}</p><p>${esc(h.headTitle)}</p><br><br><p><strong>${esc(h.headName)}</strong></p>${h.headNip ? `<p>NIP ${esc(h.headNip)}</p>` : ''}</div>
</body></html>`;
}

/** The same report as PDF (A4), drawn with pdfkit in the occasional worker (decision 020). */
export function periodicReportPdf(r: PeriodicReport, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 56, right: 56 },
    compress: opts.compress ?? true,
    lang: 'id-ID',
    info: { Title: `Laporan ${r.period.label.id} — ${r.dashboard.region.name}`, Creator: 'Simpul' },
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
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const room = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };
  const h = r.letterhead;

  // kop surat
  drawLetterhead(doc, h, { left, width, write: plainWriter(doc) });
  doc
    .font('bold')
    .fontSize(12)
    .text(`LAPORAN ${r.period.label.id.toUpperCase()}`, left, doc.y, { width, align: 'center' })
    .text(TYPE_TITLE[r.dashboard.caseType] ?? '', { width, align: 'center' })
    .text(`${r.dashboard.region.name.toUpperCase()} (${r.dashboard.region.code})`, {
      width,
      align: 'center',
    });
  doc.moveDown(0.5);
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor('#444')
    .text(periodLine(r), left, doc.y, { width })
    .fillColor('#000');
  doc.moveDown(0.6);
  doc.font('bold').fontSize(11).text('Ringkasan naratif', left, doc.y, { width });
  for (const p of r.narrative)
    doc.font('regular').fontSize(10).text(p, left, doc.y, { width, align: 'justify' }).moveDown(0.3);

  const drawTable = (t: ReportTable) => {
    const chart = chartOf(t, width, 8);
    room(60);
    doc.moveDown(0.6);
    doc.font('bold').fontSize(11).text(t.title, left, doc.y, { width });
    if (t.note)
      doc
        .font('regular')
        .fontSize(8)
        .fillColor('#444')
        .text(t.note, left, doc.y, { width })
        .fillColor('#000');
    doc.moveDown(0.2);
    if (chart) {
      const height = Number(chart.attrs.height ?? 0);
      room(height + 6);
      const top = doc.y;
      drawSvg(doc, chart, left, top, 8);
      doc.fillColor('#000').strokeColor('#000');
      doc.y = top + height + 6;
    }
    // the table
    const cols = t.head.length;
    const first = Math.min(220, width * (cols > 4 ? 0.3 : 0.42));
    const other = (width - first) / Math.max(1, cols - 1);
    const x = (i: number) => left + (i === 0 ? 0 : first + (i - 1) * other);
    const w = (i: number) => (i === 0 ? first : other) - 4;
    const row = (cells: Cell[] | string[], bold: boolean) => {
      doc.font(bold ? 'bold' : 'regular').fontSize(bold ? 7 : 8);
      const hgt =
        Math.max(...cells.map((c, i) => doc.heightOfString(cellText(c as Cell), { width: w(i) }))) + 4;
      room(hgt);
      const y = doc.y;
      cells.forEach((c, i) => {
        doc.text(cellText(c as Cell), x(i) + 2, y + 2, { width: w(i), align: i === 0 ? 'left' : 'right' });
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
    row(t.head, true);
    for (const cells of t.rows) row(cells, false);
  };
  for (const t of r.tables) drawTable(t);
  if (r.coordination) {
    room(120);
    doc.moveDown(1.2);
    doc.font('bold').fontSize(12).text(COORDINATION_TITLE, left, doc.y, { width });
    doc.moveDown(0.3);
    for (const p of r.coordination.narrative)
      doc.font('regular').fontSize(10).text(p, left, doc.y, { width, align: 'justify' }).moveDown(0.3);
    for (const t of r.coordination.tables) drawTable(t);
  }
  room(110);
  doc.moveDown(2);
  const sx = left + width * 0.55;
  doc.font('regular').fontSize(10).text(issued(r), sx, doc.y).text(h.headTitle, sx);
  doc.moveDown(3);
  doc.font('bold').text(h.headName, sx);
  if (h.headNip) doc.font('regular').text(`NIP ${h.headNip}`, sx);
  doc.end();
  return done;
}
