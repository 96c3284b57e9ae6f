/**
 * The referral letter (surat rujukan) as PDF, in the form Indonesian offices write letters: kop
 * surat, Nomor / Lampiran / Perihal, place and date, "Kepada Yth.", the request, the information
 * shared — only the sections the referral shares, nothing about the others — the consent basis,
 * the closing and signature, and a box with the verification code for the public check page.
 * Printed in Noto fonts embedded as subsets, so names in aksara Jawa, Bali, Sunda, Lontara, in
 * Pegon/Jawi and with emoji print as written (src/http/letters/fonts.ts says what is covered);
 * the document title holds no personal data.
 */
import PDFDocument from 'pdfkit';
import type { ReferralDto } from '../../domain/dto.ts';
import {
  CONSENT_BASIS_LABELS,
  type ConsentBasis,
  formatVerificationCode,
  GUARDIAN_RELATION_LABELS,
  normaliseVerificationCode,
  sharedForReferral,
  URGENCY_LABELS,
} from '../../domain/referrals.ts';
import {
  DISABILITY_TYPES,
  FORMS_OF_VIOLENCE,
  PLACES,
  SERVICE_TYPES,
  SEXES,
  TPKS_OFFENCES,
} from '../../domain/taxonomies.ts';
import { zoneOfRegion } from '../../domain/time.ts';
import { type FontStyle, faceFont, primaryFace, runs } from './fonts.ts';

export type LetterOptions = {
  issuedAt: Date;
  fromOrgAddress?: string | null;
  /** the place written before the date ("Lebak, 12 Maret 2026") */
  cityName: string;
  /** the referring officer who signs */
  signerName: string;
  /** the public address of Simpul; the check page is <publicUrl>/verifikasi */
  publicUrl: string | null;
  /** the recipient's archive copy after its view closed: said under the heading, in place of the withheld data */
  archiveNote?: string | null;
  /** tests read the text of an uncompressed document */
  compress?: boolean;
};

const label = (list: ReadonlyArray<{ code: string; label: { id: string } }>, code: string | null) =>
  code === null ? '-' : (list.find((x) => x.code === code)?.label.id ?? code);

function zoneOfNumber(number: string) {
  // RJK/<kab-kota code>/<year>/<serial>
  const code = number.split('/')[1] ?? '';
  return /^\d{2}/.test(code) ? zoneOfRegion(code) : 'Asia/Jakarta';
}

const dateId = (d: Date | string, zone: string) =>
  new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: zone }).format(new Date(d));
const dateTimeId = (d: Date | string, zone: string) =>
  new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone: zone }).format(
    new Date(d),
  );
const zoneAbbr = (zone: string) =>
  zone === 'Asia/Jayapura' ? 'WIT' : zone === 'Asia/Makassar' ? 'WITA' : 'WIB';

/** "korban (perempuan, usia 13–17 tahun)": the victim without identity. */
export function anonymousVictim(v: ReferralDto['victim']): string {
  const parts: string[] = [];
  if (v.sex) parts.push(label(SEXES, v.sex).toLowerCase());
  if (v.ageGroup)
    parts.push(
      `usia ${v.ageGroup.replace('-', '–').replace('+', ' tahun ke atas')}${v.ageGroup.endsWith('+') ? '' : ' tahun'}`,
    );
  else if (v.child !== null) parts.push(v.child ? 'anak' : 'dewasa');
  return parts.length > 0 ? `korban (${parts.join(', ')})` : 'korban';
}

export function referralLetterPdf(r: ReferralDto, opts: LetterOptions): Promise<Buffer> {
  const zone = zoneOfNumber(r.number);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 70, right: 62 },
    compress: opts.compress ?? true,
    lang: 'id-ID',
    bufferPages: true,
    info: {
      Title: `Surat rujukan ${r.number}`,
      Subject: 'Surat rujukan',
      Creator: 'Simpul',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // text in any script: each run in the first font that has its glyphs (fonts.ts)
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
        // fontkit takes features as an object too; @types/pdfkit knows only the list form
        features: part.features as unknown as PDFKit.Mixins.TextOptions['features'],
        continued: i < parts.length - 1 ? true : (o.continued ?? false),
      };
      if (i === 0 && x !== undefined) doc.text(part.text, x, y, options);
      else doc.text(part.text, options);
    });
  };

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  // a section is printed only when the referral shares it and its content is present
  const shared = sharedForReferral(r.shared ?? {}, r.sections) as NonNullable<ReferralDto['shared']>;
  const identity = shared.identitas;

  const para = (text: string, o: PDFKit.Mixins.TextOptions = {}) => {
    doc.fontSize(11);
    write('regular', text, left, doc.y, { width, align: 'justify', ...o });
    doc.moveDown(0.5);
  };
  const heading = (text: string) => {
    doc.moveDown(0.3);
    doc.fontSize(11);
    write('bold', text, left, doc.y, { width });
    doc.moveDown(0.2);
  };
  /** "Label : value" rows with aligned colons */
  const rows = (items: Array<[string, string | null | undefined]>, indent = 0, labelWidth = 130) => {
    for (const [k, v] of items) {
      if (v === null || v === undefined || v === '') continue;
      const y = doc.y;
      doc.fontSize(11);
      write('regular', k, left + indent, y, { width: labelWidth });
      const yAfterLabel = doc.y;
      write('regular', ':', left + indent + labelWidth, y, { width: 8 });
      write('regular', v, left + indent + labelWidth + 10, y, { width: width - indent - labelWidth - 10 });
      doc.y = Math.max(doc.y, yAfterLabel);
    }
  };

  // ---- kop surat
  doc.fontSize(14);
  write('bold', r.fromOrg.name.toUpperCase(), left, doc.y, { width, align: 'center' });
  if (opts.fromOrgAddress) {
    doc.fontSize(9);
    write('regular', opts.fromOrgAddress, undefined, undefined, { width, align: 'center' });
  }
  doc.moveDown(0.3);
  const lineY = doc.y;
  doc
    .moveTo(left, lineY)
    .lineTo(left + width, lineY)
    .lineWidth(2)
    .stroke();
  doc
    .moveTo(left, lineY + 3)
    .lineTo(left + width, lineY + 3)
    .lineWidth(0.5)
    .stroke();
  doc.y = lineY + 14;

  // ---- place and date (right), classification
  const top = doc.y;
  doc.fontSize(11);
  write('regular', `${opts.cityName}, ${dateId(opts.issuedAt, zone)}`, left, top, { width, align: 'right' });
  doc.fontSize(9);
  write('bold', 'RAHASIA', left, doc.y, { width, align: 'right' });
  doc.y = top;
  rows(
    [
      ['Nomor', r.number],
      ['Sifat', URGENCY_LABELS[r.urgency].id],
      ['Lampiran', '-'],
      ['Perihal', 'Rujukan'],
    ],
    0,
    60,
  );
  doc.moveDown(1);

  if (opts.archiveNote) {
    doc.fontSize(9);
    write('italic', opts.archiveNote, left, doc.y, { width });
    doc.moveDown(0.8);
  }

  // ---- recipient
  doc.fontSize(11);
  write('regular', 'Kepada Yth.', left, doc.y, { width });
  write('bold', `Pimpinan ${r.toOrg.name}`, undefined, undefined, { width });
  write('regular', 'di', undefined, undefined, { width });
  write('regular', 'Tempat', left + 20, doc.y, { width: width - 20 });
  doc.moveDown(1);

  // ---- body
  const who = identity ? `korban atas nama ${identity.name}` : anonymousVictim(r.victim);
  para('Dengan hormat,');
  para(
    `Bersama ini kami merujuk ${who} yang sedang kami tangani untuk mendapatkan layanan berikut dari lembaga Bapak/Ibu:`,
  );
  r.services.forEach((s, i) => {
    doc.fontSize(11);
    write('regular', `${i + 1}.  ${label(SERVICE_TYPES, s)}`, left + 20, doc.y, { width: width - 20 });
  });
  doc.moveDown(0.5);
  rows(
    [
      ['Tingkat urgensi', URGENCY_LABELS[r.urgency].id],
      ['Mohon ditanggapi sebelum', `${dateTimeId(r.acceptDueAt, zone)} ${zoneAbbr(zone)}`],
      ['Tujuan rujukan', r.purpose],
    ],
    0,
    160,
  );
  doc.moveDown(0.5);

  // ---- the shared sections, and only those
  if (identity) {
    heading('Identitas korban');
    rows(
      [
        ['Nama', identity.name],
        ['NIK', identity.nik],
        ['Tanggal lahir', identity.birthDate ? dateId(`${identity.birthDate}T12:00:00Z`, 'UTC') : null],
        // what is known, in words: a group told stays a group, an estimate says so
        ['Usia', identity.ageText?.id ?? null],
        ['Jenis kelamin', identity.sex ? label(SEXES, identity.sex) : null],
        [
          'Disabilitas',
          identity.disability === null
            ? null
            : identity.disability
              ? ['Ya', ...identity.disabilityTypes.map((d) => label(DISABILITY_TYPES, d).toLowerCase())].join(
                  ', ',
                )
              : 'Tidak',
        ],
        ['Kebutuhan akomodasi', identity.accommodationNeeds],
      ],
      20,
    );
  }
  if (shared.kontak) {
    const k = shared.kontak;
    heading('Kontak dan alamat korban');
    rows(
      [
        ['Telepon', k.phone],
        ['Alamat', k.address],
        ['Wilayah', k.regionName ?? k.regionCode],
      ],
      20,
    );
  }
  if (shared.kronologi && shared.kronologi.length > 0) {
    heading('Kronologi kejadian');
    for (const inc of shared.kronologi) {
      rows(
        [
          // as precisely as it is known: "sekitar Mei 2026", "tidak diketahui"
          ['Tanggal', inc.dateText.id],
          [
            'Tempat',
            [
              inc.placeCategory ? label(PLACES, inc.placeCategory) : 'kategori belum ditentukan',
              inc.placeText ? `"${inc.placeText}" (menurut pelapor)` : null,
              inc.regionName,
            ]
              .filter(Boolean)
              .join(', '),
          ],
          ['Bentuk kekerasan', inc.forms.map((f) => label(FORMS_OF_VIOLENCE, f)).join(', ') || null],
          [
            'Tindak pidana (UU TPKS)',
            inc.tpksOffences.map((f) => label(TPKS_OFFENCES, f)).join(', ') || null,
          ],
        ],
        20,
      );
      if (inc.chronology) para(inc.chronology, { indent: 0 });
      doc.moveDown(0.3);
    }
  }
  if (shared.asesmen && shared.asesmen.length > 0) {
    heading('Hasil asesmen');
    for (const a of shared.asesmen) {
      rows(
        [
          ['Tanggal asesmen', a.assessedOn ? dateId(`${a.assessedOn}T12:00:00Z`, 'UTC') : null],
          ['Kondisi fisik', a.physical],
          ['Kondisi psikologis', a.psychological],
          ['Kondisi sosial', a.social],
          ['Kondisi ekonomi', a.economic],
          ['Pendidikan', a.education],
          ['Kebutuhan', a.needs],
        ],
        20,
      );
      doc.moveDown(0.3);
    }
  }
  if (shared.layanan && shared.layanan.length > 0) {
    heading('Layanan yang sudah diberikan');
    for (const s of shared.layanan) {
      const by = s.providerName ? ` oleh ${s.providerName}` : '';
      doc.fontSize(11);
      write(
        'regular',
        `-  ${label(SERVICE_TYPES, s.service)}, ${dateId(`${s.date}T12:00:00Z`, 'UTC')}${by}`,
        left + 20,
        doc.y,
        { width: width - 20 },
      );
    }
    doc.moveDown(0.5);
  }

  // ---- consent basis: who gave it only together with the identity
  const basis = CONSENT_BASIS_LABELS[r.consent.basis as ConsentBasis]?.id ?? r.consent.basis;
  const giver =
    identity && r.consent.givenBy
      ? ` oleh ${r.consent.givenBy}${r.consent.relation ? ` (${GUARDIAN_RELATION_LABELS[r.consent.relation as keyof typeof GUARDIAN_RELATION_LABELS]?.id ?? r.consent.relation})` : ''}`
      : '';
  heading('Dasar penyampaian informasi');
  para(`${basis}${giver}, tanggal ${dateId(r.consent.givenAt, zone)}.`);
  para(
    'Informasi dalam surat ini bersifat rahasia dan hanya digunakan untuk memberikan layanan kepada korban. Mohon tidak diteruskan kepada pihak lain tanpa persetujuan kami.',
  );

  // ---- closing and signature
  para(
    'Demikian surat rujukan ini kami sampaikan. Mohon kiranya Bapak/Ibu berkenan memberikan layanan dan menyampaikan perkembangan penanganannya kepada kami. Atas perhatian dan kerja samanya kami ucapkan terima kasih.',
  );
  if (doc.y > doc.page.height - doc.page.margins.bottom - 200) doc.addPage();
  doc.moveDown(1);
  const signX = left + width / 2 + 20;
  const signW = width / 2 - 20;
  doc.fontSize(11);
  write('regular', 'Hormat kami,', signX, doc.y, { width: signW });
  write('regular', r.fromOrg.name, signX, doc.y, { width: signW });
  doc.moveDown(3.5);
  write('bold', opts.signerName, signX, doc.y, { width: signW, underline: true });
  write('regular', 'Petugas perujuk', signX, doc.y, { width: signW });
  doc.moveDown(1.5);

  // ---- verification box
  const code = formatVerificationCode(normaliseVerificationCode(r.verificationCode));
  const where = opts.publicUrl
    ? `${opts.publicUrl.replace(/\/+$/, '')}/verifikasi`
    : 'halaman /verifikasi Simpul';
  const boxY = doc.y;
  const pad = 8;
  doc.fontSize(10);
  write('bold', `Kode verifikasi: ${code}`, left + pad, boxY + pad, { width: width - 2 * pad });
  doc.fontSize(9);
  write(
    'regular',
    `Periksa keaslian surat ini di ${where} dengan kode di atas. Halaman itu hanya menunjukkan nomor, tanggal, lembaga pengirim dan penerima, serta status rujukan.`,
    left + pad,
    doc.y + 2,
    { width: width - 2 * pad },
  );
  doc
    .rect(left, boxY, width, doc.y - boxY + pad)
    .lineWidth(0.8)
    .stroke();

  // ---- every page carries the letter number, its code and "halaman i dari n", so a loose page
  // can be matched to its letter and checked
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not open a new page
    doc.fontSize(8).fillColor('#444444');
    write(
      'regular',
      `Surat rujukan ${r.number} · kode verifikasi ${code} · halaman ${i - range.start + 1} dari ${range.count}`,
      left,
      doc.page.height - bottom + 18,
      { width, align: 'center', lineBreak: false },
    );
    doc.page.margins.bottom = bottom;
  }

  doc.end();
  return done;
}
