/**
 * The referral letter carries only the shared sections: a name or chronology planted in a
 * section that is not shared must not appear anywhere in the PDF.
 */
import { describe, expect, it } from 'vitest';
import type { ReferralDto } from '../../src/domain/dto.ts';
import { anonymousVictim, referralLetterPdf } from '../../src/http/letters/referral-letter.ts';
import { pdfText } from '../helpers/pdf-text.ts';

const hexOf = (s: string) => Buffer.from(s, 'latin1').toString('hex');

function referral(over: Partial<ReferralDto> = {}): ReferralDto {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    number: 'RJK/36.02/2026/00007',
    caseId: '00000000-0000-4000-8000-000000000002',
    caseNumber: 'PPA-3602-2026-000001',
    fromOrg: { id: 'a', name: 'UPTD PPA Kabupaten Lebak' },
    toOrg: { id: 'b', name: 'RSUD Lebak (demo)', onSimpul: true },
    services: ['visum', 'psikologis'],
    urgency: 'segera',
    status: 'terkirim',
    external: false,
    sentAt: '2026-03-12T03:00:00.000Z',
    acceptDueAt: '2026-03-12T09:00:00.000Z',
    completeDueAt: '2026-03-15T09:00:00.000Z',
    acceptedAt: null,
    declinedAt: null,
    completedAt: null,
    cancelledAt: null,
    overdue: null,
    consentWithdrawn: false,
    victim: { sex: 'perempuan', ageGroup: '13-17', child: true },
    version: 1,
    side: 'pengirim',
    personId: null,
    closedReason: null,
    purpose: 'Pemeriksaan visum dan konseling awal.',
    sections: ['kronologi', 'layanan'],
    consent: {
      basis: 'persetujuan_wali',
      givenBy: 'Marlina Kusumawardani',
      relation: 'ibu',
      givenAt: '2026-03-12T02:00:00.000Z',
      withdrawnAt: null,
    },
    declineReason: null,
    declineNote: null,
    cancelReason: null,
    outcome: null,
    shared: {
      kronologi: [
        {
          date: '2026-03-01',
          dateText: { id: '1 Mar 2026', en: '1 Mar 2026' },
          placeCategory: 'rumah_tangga',
          placeText: null,
          regionName: 'Rangkasbitung',
          forms: ['seksual'],
          tpksOffences: [],
          chronology: 'Kejadian di rumah paman pada malam hari.',
        },
      ],
      layanan: [{ service: 'pengaduan', date: '2026-03-11', providerName: 'UPTD PPA Kabupaten Lebak' }],
    },
    handling: { officer: null, appointmentAt: null, appointmentPlace: null },
    police: null,
    rereferralOf: null,
    rereferredAs: null,
    planItem: null,
    delivered: [],
    events: [],
    verificationCode: 'K7QM-2XPA-9RTD',
    warnings: [],
    permissions: {
      accept: false,
      decline: false,
      recordService: false,
      complete: false,
      cancel: true,
      withdrawConsent: true,
      message: true,
      letter: true,
      handling: false,
      investigation: false,
      rerefer: false,
    },
    ...over,
  };
}

const opts = {
  issuedAt: new Date('2026-03-12T04:00:00Z'),
  fromOrgAddress: 'Jl. Pahlawan No. 1, Lebak',
  cityName: 'Lebak',
  signerName: 'Demo manajer lebak',
  publicUrl: 'https://simpul.example.go.id',
  compress: false,
};

describe('referral letter PDF', () => {
  it('is a PDF laid out as a surat rujukan with the verification code', async () => {
    const pdf = await referralLetterPdf(referral(), opts);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    for (const s of [
      'UPTD PPA KABUPATEN LEBAK',
      'Nomor',
      'RJK/36.02/2026/00007',
      'Lampiran',
      'Perihal',
      'Rujukan',
      'Lebak, 12 Maret 2026',
      'Kepada Yth.',
      'RSUD Lebak (demo)',
      'Visum et repertum',
      'Segera',
      'Pemeriksaan visum dan konseling awal.',
      'korban (perempuan, usia 13',
      'Kronologi kejadian',
      'Kejadian di rumah paman pada malam hari.',
      'Layanan yang sudah diberikan',
      'Persetujuan orang tua/wali (anak)',
      'Demo manajer lebak',
      'K7QM-2XPA-9RTD',
      'https://simpul.example.go.id/verifikasi',
      // every page: number, code, page of pages
      'halaman 1 dari',
    ])
      expect(text.replace(/\s+/g, ' '), s).toContain(s);
  });

  it('prints nothing of the sections that are not shared', async () => {
    const r = referral({
      sections: ['layanan'],
      shared: {
        layanan: [{ service: 'pengaduan', date: '2026-03-11', providerName: null }],
      },
    });
    // identity and chronology planted in the DTO although the referral does not share them
    const planted: ReferralDto = {
      ...r,
      shared: {
        ...r.shared,
        identitas: {
          name: 'Marlina Kusumawardani',
          nik: '3602014105110001',
          birthDate: '2011-05-01',
          age: 14,
          ageText: { id: '14 tahun (lahir 1 Mei 2011)', en: '14 years (born 1 May 2011)' },
          sex: 'perempuan',
          disability: false,
          disabilityTypes: [],
          accommodationNeeds: null,
        },
        kronologi: [
          {
            date: '2026-03-01',
            dateText: { id: '1 Mar 2026', en: '1 Mar 2026' },
            placeCategory: 'rumah_tangga',
            placeText: null,
            regionName: 'Rangkasbitung',
            forms: ['seksual'],
            tpksOffences: [],
            chronology: 'Kejadian di rumah paman pada malam hari.',
          },
        ],
      },
    };
    const pdf = await referralLetterPdf(planted, opts);
    const text = await pdfText(pdf);
    const raw = pdf.toString('latin1');
    for (const secret of ['Marlina', 'Kusumawardani', '3602014105110001', 'paman', 'Rangkasbitung']) {
      expect(text).not.toContain(secret);
      expect(raw).not.toContain(secret);
      expect(raw.toLowerCase()).not.toContain(hexOf(secret).toLowerCase());
    }
    for (const heading of ['Identitas korban', 'Kronologi kejadian', 'Hasil asesmen', 'Kontak dan alamat']) {
      expect(text).not.toContain(heading);
    }
    expect(text).toContain('Layanan yang sudah diberikan');
    expect(text).toContain('K7QM-2XPA-9RTD');
    // without the identity the letter speaks of the victim by sex and age group only
    expect(text.replace(/\s+/g, ' ')).toContain('korban (perempuan, usia 13–17 tahun)');
  });

  it('names the victim and who consented only when the identity is shared', async () => {
    const r = referral({
      sections: ['identitas'],
      shared: {
        identitas: {
          name: 'Putri Anggraeni',
          nik: null,
          birthDate: '2011-05-02',
          age: 14,
          ageText: { id: '14 tahun (lahir 2 Mei 2011)', en: '14 years (born 2 May 2011)' },
          sex: 'perempuan',
          disability: false,
          disabilityTypes: [],
          accommodationNeeds: null,
        },
      },
    });
    const text = (await pdfText(await referralLetterPdf(r, opts))).replace(/\s+/g, ' ');
    expect(text).toContain('Putri Anggraeni');
    expect(text).toContain('Marlina Kusumawardani');
    expect(text).not.toContain('Kejadian di rumah paman');
  });

  it('the recipient’s copy after its view closed says so and carries no purpose and no section', async () => {
    const r = referral({
      side: 'penerima',
      status: 'selesai',
      closedReason: 'selesai',
      purpose: null,
      shared: null,
      consent: { ...referral().consent, givenBy: null },
    });
    const text = (
      await pdfText(
        await referralLetterPdf(r, {
          ...opts,
          archiveNote:
            'Salinan arsip RSUD Lebak (demo). Rujukan selesai: tujuan rujukan dan data korban tidak lagi dicantumkan.',
        }),
      )
    ).replace(/\s+/g, ' ');
    expect(text).toContain('Salinan arsip RSUD Lebak (demo)');
    expect(text).toContain('RJK/36.02/2026/00007');
    expect(text).toContain('korban (perempuan, usia 13–17 tahun)');
    expect(text).not.toContain('Pemeriksaan visum dan konseling awal');
    expect(text).not.toContain('Kejadian di rumah paman');
    expect(text).not.toContain('Marlina');
  });

  it('keeps personal data out of the document title', async () => {
    const pdf = await referralLetterPdf(referral(), opts);
    const raw = pdf.toString('latin1');
    const ref = /\/Title (\d+) 0 R/.exec(raw)?.[1];
    const decoded = ref ? (new RegExp(`\\n${ref} 0 obj\\n\\((.*)\\)\\nendobj`).exec(raw)?.[1] ?? '') : '';
    expect(decoded).toBe('Surat rujukan RJK/36.02/2026/00007');
    expect(decoded).not.toMatch(/Marlina|paman/);
  });

  describe('names in any script (Noto fonts, src/http/letters/fonts.ts)', () => {
    /** a letter sharing the identity, with the victim's name and the consent giver's as given */
    const letterFor = (name: string, givenBy = 'Marlina Kusumawardani') =>
      referralLetterPdf(
        referral({
          sections: ['identitas'],
          consent: { ...referral().consent, givenBy },
          shared: {
            identitas: {
              name,
              nik: null,
              birthDate: null,
              age: null,
              ageText: null,
              sex: 'perempuan',
              disability: null,
              disabilityTypes: [],
              accommodationNeeds: null,
            },
          },
        }),
        { ...opts, compress: true },
      );
    /**
     * Whether the PDF's text holds `s` with every character as written. Spaces are compared
     * loosely: a PDF has no space characters between runs of different fonts, and the reader
     * (pdf.js) guesses them from the gaps, sometimes one too many or one too few.
     */
    const holds = (text: string, s: string) => text.replace(/\s+/g, '').includes(s.replace(/\s+/g, ''));

    it('a name in aksara Jawa and one with an emoji come out of the PDF as written', async () => {
      const jawa = 'ꦱꦸꦤꦂꦠꦶ';
      const emoji = 'Ayu 🌸 Lestari';
      const pdf = await letterFor(`${jawa} (Sunarti)`, emoji);
      const text = await pdfText(pdf);
      expect(holds(text, `Nama : ${jawa} (Sunarti)`), text).toBe(true);
      expect(holds(text, `korban atas nama ${jawa} (Sunarti) yang sedang`), text).toBe(true);
      expect(text.replace(/\s+/g, ' ')).toContain(`oleh ${emoji} (Ibu)`);
      // the fonts are embedded (subsets), not the standard Helvetica that has no such glyphs
      const raw = pdf.toString('latin1');
      expect(raw).toMatch(/\/FontFile2/);
      expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
      expect(raw).toMatch(/NotoSansJavanese/);
      expect(raw).toMatch(/NotoEmoji/);
    });

    it('aksara Bali, Sunda and Lontara, Vietnamese Latin: as written', async () => {
      for (const name of ['ᬅᬓ᭄ᬱᬭᬩᬮᬶ', 'ᮞᮥᮔ᮪ᮓ', 'ᨔᨘᨒᨗ', 'Nguyễn Thị Ánh', 'Ni Luh Putu Ayu Dewi']) {
        const text = await pdfText(await letterFor(name));
        expect(holds(text, `Nama : ${name} Jenis kelamin`), `${name}: ${text}`).toBe(true);
      }
    });

    it('Pegon/Jawi (Arabic script): each word shaped, the words set right to left', async () => {
      const text = await pdfText(await letterFor('محمد عبد الله'));
      // the page shows the words from right to left, so they are read out from left to right;
      // the font draws some dots as marks of their own that map to no character (fonts.ts)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping those characters is the point
      const readable = text.replace(/[\u0000-\u0008\u000e-\u001f]/g, '');
      expect(holds(readable, 'Nama : الله عبد محمد Jenis kelamin'), text).toBe(true);
    });

    it('a script no font covers is named in a placeholder instead of empty boxes', async () => {
      const text = await pdfText(await letterFor('ᯘᯮᯒᯖ᯲ Sitompul'));
      expect(text.replace(/\s+/g, ' ')).toContain('Nama : [aksara Batak] Sitompul');
    });
  });

  it('describes the victim without identity', () => {
    expect(anonymousVictim({ sex: 'perempuan', ageGroup: '13-17', child: true })).toBe(
      'korban (perempuan, usia 13–17 tahun)',
    );
    expect(anonymousVictim({ sex: null, ageGroup: null, child: null })).toBe('korban');
    expect(anonymousVictim({ sex: 'laki_laki', ageGroup: '60+', child: false })).toBe(
      'korban (laki-laki, usia 60 tahun ke atas)',
    );
  });
});
