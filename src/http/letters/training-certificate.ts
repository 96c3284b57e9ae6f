/**
 * A training certificate (sertifikat pelatihan, issue 12 §2) as PDF, A4 landscape: the Dinas's
 * letterhead from its report settings (logo, name, address), the participant's name and
 * organisation, the training, its type, dates, place, topics and trainers, the place and date, the
 * head of the Dinas's signature block (title and name from report_settings, as the periodic report),
 * and a box with the verification code, the full address of the check page with the code filled in
 * (<public address>/verifikasi?kode=<code>, which opens the result at once) and its QR code. The QR
 * code is made here, locally, by `qrcode` as the posters' is (decision 034): never an outside service.
 * Text in the Noto fonts of the referral letter (any script a name is written in).
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { TrainingCertificate } from '../../app/training/certificate.ts';
import { formatVerificationCode } from '../../domain/referrals.ts';
import { type FontStyle, faceFont, primaryFace, runs } from './fonts.ts';

export type CertificateOptions = {
  /**
   * the public address of Simpul (SIMPUL_PUBLIC_URL, or the address this server was reached at, as
   * the posters print); the check page is <publicUrl>/verifikasi
   */
  publicUrl: string;
  /** tests read the text of an uncompressed document */
  compress?: boolean;
};

/** A local day as told (YYYY-MM-DD) in Indonesian words. */
const day = (d: string) =>
  new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`));

export function datesInWords(startsOn: string, endsOn: string): string {
  return startsOn === endsOn ? day(startsOn) : `${day(startsOn)} s.d. ${day(endsOn)}`;
}

/** The check page with the code filled in: opening it shows the result at once. */
export function certificateCheckUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/verifikasi?kode=${formatVerificationCode(code)}`;
}

export async function trainingCertificatePdf(
  c: TrainingCertificate,
  opts: CertificateOptions,
): Promise<Buffer> {
  const checkUrl = certificateCheckUrl(opts.publicUrl, c.code);
  const qrPng = await QRCode.toBuffer(checkUrl, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 2,
    scale: 6,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 40, bottom: 40, left: 56, right: 56 },
    compress: opts.compress ?? true,
    lang: 'id-ID',
    info: { Title: 'Sertifikat pelatihan', Subject: c.title, Creator: 'Simpul' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const registered = new Set<string>();
  const write = (
    style: FontStyle,
    text: string,
    x?: number,
    y?: number,
    o: PDFKit.Mixins.TextOptions = {},
  ) => {
    const parts = runs(text, style);
    if (parts.length === 0) parts.push({ face: primaryFace(style), text: '', rtl: false, features: {} });
    parts.forEach((part, i) => {
      if (!registered.has(part.face)) {
        doc.registerFont(part.face, faceFont(part.face) as unknown as Buffer);
        registered.add(part.face);
      }
      doc.font(part.face);
      const options = {
        ...o,
        features: part.features as unknown as PDFKit.Mixins.TextOptions['features'],
        continued: i < parts.length - 1 ? true : (o.continued ?? false),
      };
      if (i === 0 && x !== undefined) doc.text(part.text, x, y, options);
      else doc.text(part.text, options);
    });
  };
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const h = c.letterhead;

  // a frame
  doc
    .rect(20, 20, doc.page.width - 40, doc.page.height - 40)
    .lineWidth(2)
    .stroke('#1f4e79')
    .rect(26, 26, doc.page.width - 52, doc.page.height - 52)
    .lineWidth(0.6)
    .stroke('#1f4e79')
    .strokeColor('#000');

  // ---- kop
  let textX = left;
  if (h.logo) {
    try {
      doc.image(Buffer.from(h.logo), left, 40, { fit: [52, 52] });
      textX = left + 64;
    } catch {
      // an unreadable image: the letterhead without it
    }
  }
  doc.fontSize(13);
  write('bold', h.dinasName.toUpperCase(), textX, 44, { width: width - (textX - left), align: 'center' });
  if (h.address) {
    doc.fontSize(8.5);
    write('regular', h.address, textX, doc.y, { width: width - (textX - left), align: 'center' });
  }
  const line = Math.max(doc.y, 92) + 4;
  doc
    .moveTo(left, line)
    .lineTo(left + width, line)
    .lineWidth(1.5)
    .stroke();
  doc.y = line + 16;

  // ---- title and holder
  doc.fontSize(26).fillColor('#1f4e79');
  write('bold', 'SERTIFIKAT', left, doc.y, { width, align: 'center' });
  doc.fillColor('#000').fontSize(10);
  write('regular', `Kode verifikasi ${formatVerificationCode(c.code)}`, left, doc.y, {
    width,
    align: 'center',
  });
  doc.moveDown(0.8);
  doc.fontSize(12);
  write('regular', 'diberikan kepada', left, doc.y, { width, align: 'center' });
  doc.moveDown(0.3);
  doc.fontSize(22);
  write('bold', c.name, left, doc.y, { width, align: 'center' });
  doc.fontSize(11);
  write('regular', c.orgName, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.8);
  doc.fontSize(12);
  write('regular', 'atas keikutsertaan dan telah menyelesaikan', left, doc.y, { width, align: 'center' });
  doc.moveDown(0.2);
  doc.fontSize(15);
  write('bold', c.title, left, doc.y, { width, align: 'center' });
  doc.fontSize(11);
  write('regular', `(${c.typeName})`, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.3);
  const where = c.place ? ` di ${c.place}` : '';
  write(
    'regular',
    `yang diselenggarakan oleh ${c.organiserName} pada ${datesInWords(c.startsOn, c.endsOn)}${where}.`,
    left + 40,
    doc.y,
    { width: width - 80, align: 'center' },
  );
  doc.moveDown(0.5);
  doc.fontSize(9);
  if (c.topics.length > 0)
    write('regular', `Materi: ${c.topics.join('; ')}`, left + 40, doc.y, {
      width: width - 80,
      align: 'center',
    });
  if (c.trainers.length > 0)
    write(
      'regular',
      `Narasumber: ${c.trainers.map((t) => (t.institution ? `${t.name} (${t.institution})` : t.name)).join('; ')}`,
      left + 40,
      doc.y,
      { width: width - 80, align: 'center' },
    );

  // ---- verification box (left: QR code, code, full address) and signature (right), at the foot
  const footY = doc.page.height - doc.page.margins.bottom - 120;
  const boxW = width / 2 - 10;
  const pad = 8;
  const qrSide = 84;
  const boxY = footY + 22;
  doc.image(qrPng, left + pad, boxY + pad, { width: qrSide, height: qrSide });
  const tx = left + pad + qrSide + pad;
  const tw = boxW - (tx - left) - pad;
  doc.fontSize(10);
  write('bold', `Kode verifikasi: ${formatVerificationCode(c.code)}`, tx, boxY + pad, { width: tw });
  doc.fontSize(8);
  write(
    'regular',
    'Pindai kode QR atau buka alamat ini untuk memeriksa keaslian sertifikat:',
    tx,
    doc.y + 2,
    {
      width: tw,
    },
  );
  doc.fontSize(8.5).fillColor('#1f4e79');
  write('bold', checkUrl, tx, doc.y + 1, { width: tw, link: checkUrl });
  doc.fillColor('#000').fontSize(7.5);
  write(
    'regular',
    'Halaman itu hanya menunjukkan nama, pelatihan, tanggal, penyelenggara dan status sertifikat.',
    tx,
    doc.y + 2,
    { width: tw },
  );
  const boxBottom = Math.max(doc.y, boxY + pad + qrSide) + pad;
  doc
    .rect(left, boxY, boxW, boxBottom - boxY)
    .lineWidth(0.8)
    .stroke();

  const signX = left + width / 2 + 40;
  const signW = width / 2 - 40;
  doc.fontSize(11);
  write('regular', `${c.cityName ? `${c.cityName}, ` : ''}${day(c.endsOn)}`, signX, footY, {
    width: signW,
    align: 'center',
  });
  write('regular', h.headTitle, signX, doc.y, { width: signW, align: 'center' });
  doc.moveDown(3);
  write('bold', h.headName, signX, doc.y, { width: signW, align: 'center', underline: true });
  if (h.headNip) write('regular', `NIP ${h.headNip}`, signX, doc.y, { width: signW, align: 'center' });

  doc.end();
  return done;
}
