/**
 * Code lists used across Simpul (domain.md §1.3, §3.1, §3.5, §5.3).
 * Codes are stable identifiers stored in the database and exported; labels are for people
 * (Bahasa Indonesia first, English second).
 */

export type Label = { id: string; en: string };
export type CodeList<C extends string> = ReadonlyArray<{ code: C; label: Label }>;

function list<const C extends string>(items: ReadonlyArray<readonly [C, string, string]>): CodeList<C> {
  return items.map(([code, id, en]) => ({ code, label: { id, en } }));
}

export function codes<C extends string>(l: CodeList<C>): [C, ...C[]] {
  return l.map((x) => x.code) as [C, ...C[]];
}

/** Bentuk kekerasan (SIMFONI-PPA). Multi-select per incident. */
export const FORMS_OF_VIOLENCE = list([
  ['fisik', 'Fisik', 'Physical'],
  ['psikis', 'Psikis', 'Psychological'],
  ['seksual', 'Seksual', 'Sexual'],
  ['eksploitasi', 'Eksploitasi', 'Exploitation'],
  ['trafficking', 'Trafficking (TPPO)', 'Trafficking'],
  ['penelantaran', 'Penelantaran', 'Neglect'],
  ['lainnya', 'Lainnya', 'Other'],
] as const);

/** Tempat kejadian (SIMFONI-PPA). */
export const PLACES = list([
  ['rumah_tangga', 'Rumah Tangga', 'Household'],
  ['tempat_kerja', 'Tempat Kerja', 'Workplace'],
  ['sekolah', 'Sekolah', 'School'],
  ['fasilitas_umum', 'Fasilitas Umum', 'Public facility'],
  ['lembaga_pendidikan_kilat', 'Lembaga Pendidikan Kilat', 'Short-course institution'],
  ['daring', 'Daring / media elektronik', 'Online / electronic media'],
  ['lainnya', 'Lainnya', 'Other'],
] as const);

/** Hubungan pelaku dengan korban (SIMFONI-PPA). */
export const RELATIONSHIPS = list([
  ['orang_tua', 'Orang Tua', 'Parent'],
  ['keluarga', 'Keluarga/Saudara', 'Family/relative'],
  ['suami_istri', 'Suami/Istri', 'Husband/wife'],
  ['pacar_teman', 'Pacar/Teman', 'Partner/friend'],
  ['tetangga', 'Tetangga', 'Neighbour'],
  ['guru', 'Guru', 'Teacher'],
  ['rekan_kerja', 'Rekan Kerja', 'Co-worker'],
  ['majikan', 'Majikan', 'Employer'],
  ['lainnya', 'Lainnya', 'Other'],
  ['tidak_diketahui', 'N/A (tidak diketahui)', 'N/A (unknown)'],
] as const);

/** UU 12/2022 (TPKS) Pasal 4 ayat (1) dan (2). */
export const TPKS_OFFENCES = list([
  ['pelecehan_nonfisik', 'Pelecehan seksual nonfisik', 'Non-physical sexual harassment'],
  ['pelecehan_fisik', 'Pelecehan seksual fisik', 'Physical sexual harassment'],
  ['pemaksaan_kontrasepsi', 'Pemaksaan kontrasepsi', 'Forced contraception'],
  ['pemaksaan_sterilisasi', 'Pemaksaan sterilisasi', 'Forced sterilisation'],
  ['pemaksaan_perkawinan', 'Pemaksaan perkawinan', 'Forced marriage'],
  ['penyiksaan_seksual', 'Penyiksaan seksual', 'Sexual torture'],
  ['eksploitasi_seksual', 'Eksploitasi seksual', 'Sexual exploitation'],
  ['perbudakan_seksual', 'Perbudakan seksual', 'Sexual slavery'],
  ['ksbe', 'Kekerasan seksual berbasis elektronik (KSBE)', 'Electronic sexual violence'],
  ['perkosaan', 'Perkosaan', 'Rape'],
  ['perbuatan_cabul', 'Perbuatan cabul', 'Indecent acts'],
  [
    'persetubuhan_anak',
    'Persetubuhan, perbuatan cabul, atau eksploitasi seksual terhadap anak',
    'Intercourse, indecent acts or sexual exploitation of a child',
  ],
  [
    'melanggar_kesusilaan',
    'Perbuatan melanggar kesusilaan di luar kehendak korban',
    'Indecent acts against the victim’s will',
  ],
  [
    'pornografi',
    'Pornografi yang melibatkan anak atau bermuatan kekerasan seksual',
    'Pornography involving children or sexual violence',
  ],
  ['pemaksaan_pelacuran', 'Pemaksaan pelacuran', 'Forced prostitution'],
  ['tppo_seksual', 'TPPO untuk eksploitasi seksual', 'Trafficking for sexual exploitation'],
  ['ks_rumah_tangga', 'Kekerasan seksual dalam lingkup rumah tangga', 'Sexual violence in the household'],
  [
    'pencucian_uang_tpks',
    'Pencucian uang dengan tindak pidana asal TPKS',
    'Money laundering with TPKS predicate',
  ],
  ['lainnya', 'Tindak pidana lain yang dinyatakan sebagai TPKS', 'Other offence declared TPKS'],
] as const);

/** UU 35/2014 Pasal 59 ayat (2): 15 kategori Anak yang Memerlukan Perlindungan Khusus. */
export const AMPK_CATEGORIES = list([
  ['a_situasi_darurat', 'Anak dalam situasi darurat', 'Child in an emergency'],
  ['b_berhadapan_hukum', 'Anak yang berhadapan dengan hukum (ABH)', 'Child in contact with the law'],
  [
    'c_minoritas_terisolasi',
    'Anak dari kelompok minoritas dan terisolasi',
    'Child from a minority or isolated group',
  ],
  [
    'd_eksploitasi',
    'Anak yang dieksploitasi secara ekonomi dan/atau seksual',
    'Economically and/or sexually exploited child',
  ],
  [
    'e_napza',
    'Anak korban penyalahgunaan narkotika, alkohol, psikotropika, dan zat adiktif',
    'Child victim of substance abuse',
  ],
  ['f_pornografi', 'Anak korban pornografi', 'Child victim of pornography'],
  ['g_hiv_aids', 'Anak dengan HIV/AIDS', 'Child with HIV/AIDS'],
  [
    'h_penculikan_perdagangan',
    'Anak korban penculikan, penjualan, dan/atau perdagangan',
    'Child victim of abduction, sale or trafficking',
  ],
  [
    'i_kekerasan_fisik_psikis',
    'Anak korban kekerasan fisik dan/atau psikis',
    'Child victim of physical and/or psychological violence',
  ],
  ['j_kejahatan_seksual', 'Anak korban kejahatan seksual', 'Child victim of sexual crime'],
  ['k_terorisme', 'Anak korban jaringan terorisme', 'Child victim of terrorism networks'],
  ['l_disabilitas', 'Anak penyandang disabilitas', 'Child with disability'],
  [
    'm_perlakuan_salah',
    'Anak korban perlakuan salah dan penelantaran',
    'Child victim of maltreatment and neglect',
  ],
  ['n_perilaku_menyimpang', 'Anak dengan perilaku sosial menyimpang', 'Child with deviant social behaviour'],
  [
    'o_stigmatisasi',
    'Anak korban stigmatisasi dari pelabelan terkait kondisi orang tuanya',
    'Child stigmatised because of their parents’ condition',
  ],
] as const);

export const SEXES = list([
  ['perempuan', 'Perempuan', 'Female'],
  ['laki_laki', 'Laki-laki', 'Male'],
] as const);

export const EDUCATION = list([
  ['belum_sekolah', 'Belum sekolah', 'Not yet in school'],
  ['tk_paud', 'TK/PAUD', 'Kindergarten'],
  ['sd', 'SD/sederajat', 'Primary'],
  ['sltp', 'SLTP/sederajat', 'Junior secondary'],
  ['slta', 'SLTA/sederajat', 'Senior secondary'],
  ['perguruan_tinggi', 'Perguruan Tinggi', 'Higher education'],
  ['putus_sekolah', 'Putus sekolah', 'Dropped out'],
  ['tidak_sekolah', 'Tidak sekolah', 'No schooling'],
  ['tidak_diketahui', 'Tidak diketahui', 'Unknown'],
] as const);

export const OCCUPATIONS = list([
  ['pelajar', 'Pelajar/Mahasiswa', 'Student'],
  ['ibu_rumah_tangga', 'Ibu Rumah Tangga', 'Homemaker'],
  ['tidak_bekerja', 'Tidak Bekerja', 'Not working'],
  ['swasta_buruh', 'Swasta/Buruh', 'Private sector/labourer'],
  ['pns_tni_polri', 'PNS/TNI/Polri', 'Civil servant/military/police'],
  ['pedagang_tani_nelayan', 'Pedagang/Tani/Nelayan', 'Trader/farmer/fisher'],
  ['bekerja_lainnya', 'Bekerja (lainnya)', 'Working (other)'],
  ['tidak_diketahui', 'N/A', 'N/A'],
] as const);

export const MARITAL_STATUSES = list([
  ['belum_kawin', 'Belum kawin', 'Not married'],
  ['kawin', 'Kawin', 'Married'],
  ['cerai_hidup', 'Cerai hidup', 'Divorced'],
  ['cerai_mati', 'Cerai mati', 'Widowed'],
  ['tidak_diketahui', 'Tidak diketahui', 'Unknown'],
] as const);

export const DISABILITY_TYPES = list([
  ['fisik', 'Disabilitas fisik', 'Physical disability'],
  ['intelektual', 'Disabilitas intelektual', 'Intellectual disability'],
  ['mental', 'Disabilitas mental', 'Mental/psychosocial disability'],
  ['sensorik_netra', 'Sensorik netra', 'Visual impairment'],
  ['sensorik_rungu', 'Sensorik rungu', 'Hearing impairment'],
  ['sensorik_wicara', 'Sensorik wicara', 'Speech impairment'],
  ['ganda', 'Disabilitas ganda', 'Multiple disabilities'],
] as const);

export const NATIONALITIES = list([
  ['wni', 'WNI', 'Indonesian citizen'],
  ['wna', 'WNA', 'Foreign national'],
] as const);

export const CASE_TYPES = list([
  ['ktp', 'Kekerasan terhadap Perempuan (KtP)', 'Violence against women'],
  ['ampk', 'Anak yang Memerlukan Perlindungan Khusus (AMPK)', 'Child needing special protection'],
  ['ktp_ampk', 'KtP dan AMPK', 'Both'],
] as const);

export const RISK_LEVELS = list([
  ['tinggi', 'Tinggi', 'High'],
  ['sedang', 'Sedang', 'Medium'],
  ['rendah', 'Rendah', 'Low'],
] as const);

export const AUTHORITIES = list([
  ['daerah', 'Kewenangan daerah', 'Regional authority'],
  [
    'pusat',
    'Kewenangan pusat (rujukan akhir KemenPPPA/SAPA 129)',
    'Central (final referral to KemenPPPA/SAPA 129)',
  ],
] as const);

export const INTAKE_CHANNELS = list([
  ['datang_langsung', 'Datang langsung', 'Walk-in'],
  ['telepon', 'Telepon/hotline', 'Phone/hotline'],
  ['whatsapp', 'WhatsApp', 'WhatsApp'],
  ['surat', 'Surat', 'Letter'],
  ['email', 'E-mail', 'E-mail'],
  ['laporan_pihak_ketiga', 'Laporan pihak ketiga', 'Third-party report'],
  ['penjangkauan', 'Penjangkauan', 'Outreach'],
  ['rujukan', 'Rujukan', 'Referral'],
  ['pelimpahan', 'Pelimpahan', 'Transfer'],
  ['daring', 'Formulir daring', 'Online form'],
] as const);

export const CLOSURE_REASONS = list([
  ['kebutuhan_terpenuhi', 'Kebutuhan layanan terpenuhi', 'Service needs met'],
  [
    'dirujuk_tuntas',
    'Dirujuk/dilimpahkan dan diterima lembaga lain',
    'Referred or transferred and accepted elsewhere',
  ],
  ['permintaan_penerima_manfaat', 'Atas permintaan penerima manfaat', 'At the beneficiary’s request'],
  ['tidak_dapat_dihubungi', 'Penerima manfaat tidak dapat dihubungi', 'Beneficiary cannot be reached'],
  ['di_luar_kewenangan', 'Di luar kewenangan/standar layanan', 'Outside the authority or service standard'],
  ['meninggal_dunia', 'Penerima manfaat meninggal dunia', 'Beneficiary died'],
  ['lainnya', 'Lainnya', 'Other'],
] as const);

/** Layanan (Permen PPPA 2/2022 background; SIMFONI "layanan yang diterima"). */
export const SERVICE_TYPES = list([
  ['pengaduan', 'Pengaduan', 'Complaint handling'],
  ['kesehatan', 'Kesehatan', 'Health'],
  ['visum', 'Visum et repertum', 'Forensic medical report'],
  ['psikologis', 'Penguatan psikologis / konseling', 'Psychological support'],
  ['bantuan_hukum', 'Bantuan hukum', 'Legal aid'],
  ['lapor_polisi', 'Pelaporan ke kepolisian', 'Report to police'],
  ['penegakan_hukum', 'Penegakan hukum', 'Law enforcement'],
  ['rehabilitasi_sosial', 'Rehabilitasi sosial', 'Social rehabilitation'],
  ['reintegrasi_sosial', 'Reintegrasi sosial', 'Social reintegration'],
  ['pemulangan', 'Pemulangan', 'Repatriation'],
  ['rumah_aman', 'Penampungan sementara / rumah aman', 'Temporary shelter / safe house'],
  ['mediasi', 'Mediasi', 'Mediation'],
  ['pendampingan', 'Pendampingan', 'Accompaniment'],
  ['pendampingan_tokoh_agama', 'Pendampingan tokoh agama', 'Faith-leader accompaniment'],
  ['bantuan_sosial', 'Bantuan sosial', 'Social aid'],
  ['pendidikan', 'Layanan pendidikan', 'Education support'],
  ['lainnya', 'Lainnya', 'Other'],
] as const);

/** Hak korban yang dipantau per korban (UU TPKS Pasal 67–70; UU 35/2014 Pasal 59A, 71D). */
export const VICTIM_RIGHTS = list([
  ['rehabilitasi_medis', 'Rehabilitasi medis', 'Medical rehabilitation'],
  ['rehabilitasi_psikologis', 'Rehabilitasi mental/psikologis', 'Psychological rehabilitation'],
  ['rehabilitasi_sosial', 'Rehabilitasi sosial', 'Social rehabilitation'],
  ['bantuan_sosial', 'Bantuan sosial', 'Social aid'],
  ['keberlanjutan_pendidikan', 'Keberlanjutan pendidikan', 'Continued schooling'],
  ['pendampingan', 'Pendampingan di setiap tahap', 'Accompaniment at every stage'],
  ['restitusi', 'Restitusi', 'Restitution'],
  ['kerahasiaan_identitas', 'Kerahasiaan identitas', 'Identity confidentiality'],
] as const);

export const RIGHT_STATUSES = list([
  ['belum_dinilai', 'Belum dinilai', 'Not assessed'],
  ['tidak_diperlukan', 'Tidak diperlukan', 'Not needed'],
  ['direncanakan', 'Direncanakan', 'Planned'],
  ['dalam_proses', 'Dalam proses', 'In progress'],
  ['terpenuhi', 'Terpenuhi', 'Fulfilled'],
  ['tidak_terpenuhi', 'Tidak terpenuhi', 'Not fulfilled'],
] as const);

/**
 * Organisation types whose location is secret (a safe house: the people staying there hide from
 * someone). No public page shows their address, phone or hours — only the name, what they help
 * with and the UPTD PPA to contact — and the staff directory shows RESTRICTED_LOCATION_FIELDS only
 * to staff of the same kab/kota (policy.mayLocate).
 */
export const LOCATION_SECRET_ORG_TYPES: readonly string[] = ['rumah_aman'];
export const RESTRICTED_LOCATION_FIELDS = ['address', 'phone'] as const;

export function locationIsSecret(orgType: string): boolean {
  return LOCATION_SECRET_ORG_TYPES.includes(orgType);
}

/** A region code cut to its kab/kota (or province): where a safe house is, as far as others may know. */
export function kabKotaOf(code: string): string {
  return code.split('.').slice(0, 2).join('.');
}

/**
 * Where an organisation is, for a reader who may not locate it (policy.mayLocate): its region and
 * its areas cut to kab/kota level, so no desa or kecamatan (and no address or phone) narrows it.
 */
export function coarseLocation(o: { jurisdiction: string; areas: readonly string[] }): {
  regionCode: string;
  areas: string[];
} {
  return { regionCode: o.jurisdiction, areas: [...new Set(o.areas.map(kabKotaOf))] };
}

export const ORG_TYPES = list([
  ['dinas_pppa', 'Dinas PPPA', 'Women empowerment & child protection office'],
  ['uptd_ppa', 'UPTD PPA', 'UPTD PPA'],
  ['polisi_ppa', 'Unit PPA Polres/Polda', 'Police PPA unit'],
  ['rumah_sakit', 'Rumah sakit (PPT/PKT)', 'Hospital (integrated service centre)'],
  ['puskesmas', 'Puskesmas', 'Community health centre'],
  ['psikolog', 'Psikolog / HIMPSI', 'Psychologist / HIMPSI branch'],
  ['bantuan_hukum', 'LBH / advokat / paralegal', 'Legal aid / advocate / paralegal'],
  ['dinas_sosial', 'Dinas Sosial', 'Social services'],
  ['rumah_aman', 'Rumah aman', 'Safe house'],
  ['sekolah', 'Sekolah', 'School'],
  ['satgas_desa', 'Satgas PPA / PATBM', 'Village task force'],
  ['kejaksaan', 'Kejaksaan', 'Prosecutor'],
  ['pengadilan', 'Pengadilan', 'Court'],
  ['lpsk', 'LPSK', 'Witness and Victim Protection Agency (LPSK)'],
  ['puspaga', 'PUSPAGA', 'Family learning centre (PUSPAGA)'],
  ['dinas_pendidikan', 'Dinas Pendidikan', 'Education office'],
  ['wcc', 'Pusat krisis perempuan (WCC)', "Women's crisis centre"],
  ['keagamaan', 'Layanan berbasis keagamaan', 'Faith-based service'],
  ['lsm', 'Lembaga masyarakat', 'Community organisation'],
  ['opd', 'Perangkat daerah (OPD) lain', 'Other regional government office'],
  ['lainnya', 'Lainnya', 'Other'],
] as const);

export const PERSON_ROLES = list([
  ['korban', 'Korban', 'Victim'],
  ['terlapor', 'Terlapor (terduga pelaku)', 'Alleged perpetrator'],
  ['pelapor', 'Pelapor', 'Reporter'],
] as const);

/**
 * Diversion of a child in conflict with the law (UU 11/2012 SPPA): the stage of the proceedings
 * where it was tried, and how it ended (issue 13 §2; decision 036). Recorded on a case whose
 * incident is of AMPK category b (ABH).
 */
export const DIVERSION_STAGES = list([
  ['penyidikan', 'Penyidikan', 'Investigation'],
  ['penuntutan', 'Penuntutan', 'Prosecution'],
  ['pemeriksaan_pengadilan', 'Pemeriksaan di pengadilan', 'Court examination'],
] as const);

export const DIVERSION_RESULTS = list([
  ['berhasil', 'Berhasil (kesepakatan diversi)', 'Succeeded (diversion agreement)'],
  ['tidak_berhasil', 'Tidak berhasil', 'Did not succeed'],
  ['tidak_diupayakan', 'Tidak diupayakan', 'Not attempted'],
  ['masih_berjalan', 'Masih berjalan', 'Still in progress'],
] as const);

/** The AMPK category of children in contact with the law (anak yang berhadapan dengan hukum). */
export const ABH_CATEGORY = 'b_berhadapan_hukum';

export const AGE_GROUPS = ['0-5', '6-12', '13-17', '18-24', '25-44', '45-59', '60+'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export function ageGroup(age: number): AgeGroup {
  if (age <= 5) return '0-5';
  if (age <= 12) return '6-12';
  if (age <= 17) return '13-17';
  if (age <= 24) return '18-24';
  if (age <= 44) return '25-44';
  if (age <= 59) return '45-59';
  return '60+';
}

export const TAXONOMIES = {
  formsOfViolence: FORMS_OF_VIOLENCE,
  places: PLACES,
  relationships: RELATIONSHIPS,
  tpksOffences: TPKS_OFFENCES,
  ampkCategories: AMPK_CATEGORIES,
  sexes: SEXES,
  education: EDUCATION,
  occupations: OCCUPATIONS,
  maritalStatuses: MARITAL_STATUSES,
  disabilityTypes: DISABILITY_TYPES,
  nationalities: NATIONALITIES,
  caseTypes: CASE_TYPES,
  riskLevels: RISK_LEVELS,
  authorities: AUTHORITIES,
  intakeChannels: INTAKE_CHANNELS,
  closureReasons: CLOSURE_REASONS,
  serviceTypes: SERVICE_TYPES,
  victimRights: VICTIM_RIGHTS,
  rightStatuses: RIGHT_STATUSES,
  orgTypes: ORG_TYPES,
  personRoles: PERSON_ROLES,
  diversionStages: DIVERSION_STAGES,
  diversionResults: DIVERSION_RESULTS,
} as const;
