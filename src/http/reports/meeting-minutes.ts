/**
 * "Notulen Rapat Koordinasi …" as PDF (A4) in the Dinas's letter style: the letterhead of
 * report_settings, the meeting, attendance, agenda, general minutes, decisions and follow-ups with
 * owner, due date and status, and the signature blocks: the head of the Dinas (report_settings);
 * minutes another unit organised (the UPTD PPA) are signed by its notulis, the head acknowledging. The case part of a case conference is
 * never printed (decision 031): the PDF says it exists and is read in Simpul by those allowed.
 * Drawn with pdfkit in the occasional worker (decision 020); names print in any script the letters
 * print (src/http/letters/fonts.ts).
 */
import PDFDocument from 'pdfkit';
import type { MinutesDocument } from '../../app/meetings/minutes.ts';
import { MEETING_STATUS_LABELS } from '../../domain/meetings.ts';
import { dateWords } from '../../domain/report.ts';
import { zoneOfRegion } from '../../domain/time.ts';
import { type FontStyle, faceFont, primaryFace, runs } from '../letters/fonts.ts';
import { drawLetterhead } from './letterhead.ts';

export function meetingMinutesPdf(d: MinutesDocument, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const m = d.meeting;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 56, right: 56 },
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
    o: PDFKit.Mixins.TextOptions & { x?: number } = {},
  ) => {
    const { x, ...rest } = o;
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
        continued: i < parts.length - 1 ? true : (rest.continued ?? false),
      };
      if (i === 0 && x !== undefined) doc.text(part.text, x, doc.y, options);
      else doc.text(part.text, options);
    });
  };
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const room = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };
  const h = d.letterhead;

  // kop surat
  drawLetterhead(doc, h, {
    left,
    width,
    write: (text, style, size, x, w) => write(text, style, size, { x, width: w }),
  });
  write(d.title.toUpperCase(), 'bold', 12, { x: left, width, align: 'center' });
  doc.moveDown(0.6);

  const field = (label: string, value: string) => {
    room(16);
    const y = doc.y;
    write(label, 'regular', 10, { x: left, width: 120 });
    doc.y = y;
    write(`: ${value}`, 'regular', 10, { x: left + 125, width: width - 125 });
  };
  field('Jenis rapat', d.kindLabel);
  field(
    'Hari, tanggal',
    `${new Intl.DateTimeFormat('id-ID', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${m.date}T00:00:00Z`))}, ${dateWords(m.date)}`,
  );
  field('Waktu', `${m.startTime}${m.endTime ? `–${m.endTime}` : ''} ${m.zone}`);
  field('Tempat', [m.place, m.onlineLink].filter(Boolean).join(' / ') || '–');
  field('Penyelenggara', m.organiserName);
  field('Status', MEETING_STATUS_LABELS[m.status].id);

  const heading = (t: string) => {
    room(40);
    doc.moveDown(0.8);
    write(t, 'bold', 11, { x: left, width });
    doc.moveDown(0.2);
  };

  heading('A. Daftar hadir');
  const present = m.participants.filter((p) => p.attended);
  if (present.length === 0) write('Belum ada daftar hadir.', 'regular', 10, { x: left, width });
  present.forEach((p, i) => {
    room(14);
    write(`${i + 1}. ${p.name}${p.orgName ? ` — ${p.orgName}` : ''}`, 'regular', 10, {
      x: left + 8,
      width: width - 8,
    });
  });
  // those invited who did not come are not in the attendance list (review M2): named apart
  const absent = m.participants.filter((p) => p.invited && !p.attended);
  if (absent.length) {
    doc.moveDown(0.3);
    write('Diundang, tidak hadir:', 'regular', 9.5, { x: left, width });
    absent.forEach((p, i) => {
      room(14);
      write(`${i + 1}. ${p.name}${p.orgName ? ` — ${p.orgName}` : ''}`, 'regular', 9.5, {
        x: left + 8,
        width: width - 8,
      });
    });
  }
  if (m.invitedOrgs.length) {
    doc.moveDown(0.3);
    write(`Lembaga yang diundang: ${m.invitedOrgs.map((o) => o.name).join('; ')}.`, 'regular', 9, {
      x: left,
      width,
    });
  }

  heading('B. Agenda');
  if (m.agenda.length === 0) write('–', 'regular', 10, { x: left, width });
  m.agenda.forEach((a, i) => {
    room(14);
    write(`${i + 1}. ${a}`, 'regular', 10, { x: left + 8, width: width - 8 });
  });

  heading('C. Notulen');
  write(m.minutes ?? 'Notulen belum ditulis.', 'regular', 10, { x: left, width, align: 'justify' });
  if (m.caseParts.total > 0) {
    doc.moveDown(0.4);
    doc.fillColor('#444');
    write(
      `Bagian kasus (${m.caseParts.total} kasus) tidak dicetak: disimpan terenkripsi di Simpul dan hanya dapat dibaca oleh petugas yang berwenang atas kasus tersebut.`,
      'italic',
      9,
      { x: left, width },
    );
    doc.fillColor('#000');
  }

  heading('D. Keputusan dan tindak lanjut');
  if (m.decisions.length === 0) write('Belum ada keputusan.', 'regular', 10, { x: left, width });
  for (const dec of m.decisions) {
    room(30);
    write(`Keputusan ${dec.number}. ${dec.body}`, 'bold', 10, { x: left, width });
    for (const f of dec.followups) {
      room(26);
      const status = d.statusLabels[f.status] ?? f.status;
      const late = f.overdueDays > 0 ? `, terlambat ${f.overdueDays} hari` : '';
      write(`• ${f.action}`, 'regular', 9.5, { x: left + 12, width: width - 12 });
      doc.fillColor('#333');
      write(
        `Penanggung jawab: ${f.ownerOrgName}${f.ownerUserName ? ` (${f.ownerUserName})` : ''}; tenggat ${dateWords(f.dueOn)}; status: ${status}${late}.`,
        'regular',
        8.5,
        { x: left + 20, width: width - 20 },
      );
      doc.fillColor('#000');
    }
    doc.moveDown(0.3);
  }

  // signatures (decision 031): the head of the Dinas (report_settings, as the periodic report)
  // signs minutes the Dinas organised; minutes another unit organised (the UPTD PPA, a partner)
  // are signed by that organiser's notulis, and the head of the Dinas acknowledges ("Mengetahui")
  room(130);
  doc.moveDown(2);
  const sx = left + width * 0.55;
  const sw = width * 0.45;
  const issued = new Intl.DateTimeFormat('id-ID', {
    dateStyle: 'long',
    timeZone: zoneOfRegion(m.jurisdiction),
  }).format(new Date(d.issuedAt));
  const top = doc.y;
  write(issued, 'regular', 10, { x: sx, width: sw });
  if (!d.organiserIsDinas) {
    const y = doc.y;
    doc.y = top;
    write(m.organiserName, 'regular', 10, { x: left, width: width * 0.42 });
    write('Notulis,', 'regular', 10, { x: left, width: width * 0.42 });
    doc.moveDown(3);
    write('……………………………', 'bold', 10, { x: left, width: width * 0.42 });
    doc.y = y;
    write('Mengetahui,', 'regular', 10, { x: sx, width: sw });
  }
  write(h.headTitle, 'regular', 10, { x: sx, width: sw });
  doc.moveDown(3);
  write(h.headName, 'bold', 10, { x: sx, width: sw });
  if (h.headNip) write(`NIP ${h.headNip}`, 'regular', 10, { x: sx, width: sw });
  doc.end();
  return done;
}
