/**
 * The KLA indicator set Simpul ships (issue 13 §1): the 24 indicators of Permen PPPA 12/2022 as
 * domain.md §4.2 records them. Indicators 1–6 are quoted from KemenPPPA's own slides and marked
 * confirmed; the wording of 7–24 and every weight and score option are NOT confirmed (the
 * ministry publishes them only inside its KLA application) and are marked so, for an `admin` to
 * replace with an imported set. The old 31-indicator set (Permen PPPA 12/2011) is never used.
 */
import type { KlaGroup, KlaIndicator, KlaIndicatorSet, KlaScoring } from './kla.ts';

/** A percentage whose points rise with it: none below 20 %, the full weight from 80 %. */
function rising(weight: number): KlaScoring {
  return {
    kind: 'percent',
    bands: [
      { from: 0, points: 0 },
      { from: 20, points: weight * 0.25 },
      { from: 40, points: weight * 0.5 },
      { from: 60, points: weight * 0.75 },
      { from: 80, points: weight },
    ],
  };
}

/** A percentage where less is better (child marriage): the full weight at 0 %, none from 10 %. */
function falling(weight: number): KlaScoring {
  return {
    kind: 'percent',
    bands: [
      { from: 0, points: weight },
      { from: 0.01, points: weight * 0.75 },
      { from: 2, points: weight * 0.5 },
      { from: 5, points: weight * 0.25 },
      { from: 10, points: 0 },
    ],
  };
}

/** Present and working / present on paper / being prepared / absent. */
function available(weight: number, what: [full: string, partial: string, started: string]): KlaScoring {
  return {
    kind: 'options',
    options: [
      { code: 'ada_berfungsi', label: what[0], points: weight },
      { code: 'ada', label: what[1], points: weight * 0.6 },
      { code: 'proses', label: what[2], points: weight * 0.25 },
      { code: 'belum', label: 'Belum ada', points: 0 },
    ],
  };
}

type Row = [
  number,
  KlaGroup,
  number,
  string,
  string,
  string,
  KlaScoring,
  boolean,
  KlaIndicator['autoSource']?,
];

const ROWS: Row[] = [
  [
    1,
    'kelembagaan',
    50,
    'Peraturan Daerah (Perda) tentang KLA',
    'Local regulation (Perda) on KLA',
    'Salinan Perda/Perbup/Perwal tentang KLA yang ditandatangani, dengan nomor dan tanggal.',
    available(50, [
      'Perda KLA sudah ditetapkan',
      'Perbup/Perwal KLA (belum Perda)',
      'Rancangan sedang dibahas',
    ]),
    true,
  ],
  [
    2,
    'kelembagaan',
    60,
    'Penguatan Kelembagaan KLA (Gugus Tugas KLA dan lainnya)',
    'Strengthening KLA institutions (KLA task force etc.)',
    'SK Gugus Tugas KLA yang berlaku, rencana aksi daerah, notulen rapat Gugus Tugas tahun berjalan.',
    available(60, ['SK Gugus Tugas, RAD dan rapat rutin', 'SK Gugus Tugas ada', 'SK sedang disusun']),
    true,
  ],
  [
    3,
    'kelembagaan',
    40,
    'Keterlibatan Lembaga Masyarakat, Dunia Usaha, dan Media dalam Pemenuhan Hak Anak dan Perlindungan Khusus Anak',
    'Involvement of civil society, business and media in child rights and special protection',
    'Daftar lembaga masyarakat, dunia usaha dan media yang terlibat, dengan bukti kegiatan atau perjanjian kerja sama.',
    available(40, ['Terlibat dan ada kegiatan bersama', 'Terlibat (tercatat)', 'Mulai dijajaki']),
    true,
  ],
  [
    4,
    'I',
    50,
    'Kepemilikan Kutipan Akta Kelahiran',
    'Birth certificate ownership',
    'Data Disdukcapil: jumlah anak 0–17 tahun yang memiliki kutipan akta kelahiran dan jumlah seluruh anak.',
    rising(50),
    true,
  ],
  [
    5,
    'I',
    35,
    'Ketersediaan Fasilitas Informasi Layak Anak (ILA)',
    'Child-friendly information facilities (ILA)',
    'Daftar fasilitas informasi layak anak (perpustakaan, pojok baca, taman cerdas) dengan foto dan SK.',
    available(35, ['Tersedia dan dimanfaatkan', 'Tersedia', 'Direncanakan']),
    true,
  ],
  [
    6,
    'I',
    45,
    'Pelembagaan Partisipasi Anak (Forum Anak)',
    'Institutionalised child participation (Forum Anak)',
    'SK Forum Anak kab/kota, kecamatan dan desa; bukti keterlibatan dalam musrenbang.',
    available(45, ['Forum Anak aktif sampai kecamatan/desa', 'Forum Anak kab/kota ada', 'Sedang dibentuk']),
    true,
  ],
  [
    7,
    'II',
    50,
    'Persentase perkawinan anak',
    'Percentage of child marriage',
    'Data Kemenag/Pengadilan Agama: perkawinan dengan salah satu pihak di bawah 19 tahun dibanding seluruh perkawinan.',
    falling(50),
    false,
  ],
  [
    8,
    'II',
    40,
    'Tersedia lembaga konsultasi penyedia layanan pengasuhan anak bagi orang tua/keluarga (PUSPAGA)',
    'Family consultation service on parenting (PUSPAGA)',
    'SK PUSPAGA, daftar konselor, laporan layanan tahun berjalan.',
    available(40, ['PUSPAGA berjalan dengan konselor', 'PUSPAGA ada (SK)', 'Sedang dibentuk']),
    false,
  ],
  [
    9,
    'II',
    30,
    'Persentase lembaga pengasuhan alternatif (LKSA) terstandarisasi',
    'Share of standardised alternative care institutions (LKSA)',
    'Data Dinas Sosial: LKSA terakreditasi/terstandar dibanding seluruh LKSA.',
    rising(30),
    false,
  ],
  [
    10,
    'II',
    30,
    'Tersedia infrastruktur (sarana dan prasarana) di ruang publik yang ramah anak',
    'Child-friendly public infrastructure',
    'Daftar ruang bermain ramah anak dan sarana publik ramah anak dengan foto.',
    available(30, ['Tersedia dan terstandar', 'Tersedia', 'Direncanakan']),
    false,
  ],
  [
    11,
    'III',
    35,
    'Persentase persalinan di fasilitas kesehatan',
    'Share of births in health facilities',
    'Data Dinas Kesehatan: persalinan di fasilitas kesehatan dibanding seluruh persalinan.',
    rising(35),
    false,
  ],
  [
    12,
    'III',
    40,
    'Prevalensi status gizi balita',
    'Prevalence of under-five nutritional status',
    'Data Dinas Kesehatan (e-PPGBM): balita dengan gizi baik dibanding balita yang ditimbang.',
    rising(40),
    false,
  ],
  [
    13,
    'III',
    30,
    'Persentase cakupan pemberian makan pada bayi dan anak (PMBA) usia < 2 tahun',
    'Infant and young child feeding coverage under 2',
    'Data Dinas Kesehatan: cakupan PMBA.',
    rising(30),
    false,
  ],
  [
    14,
    'III',
    30,
    'Persentase fasilitas kesehatan dengan pelayanan ramah anak',
    'Share of child-friendly health facilities',
    'Daftar puskesmas ramah anak (SK) dibanding seluruh puskesmas.',
    rising(30),
    false,
  ],
  [
    15,
    'III',
    35,
    'Persentase rumah tangga dengan akses air minum dan sanitasi layak',
    'Households with safe drinking water and sanitation',
    'Data BPS/Dinas PUPR/Dinas Kesehatan.',
    rising(35),
    false,
  ],
  [
    16,
    'III',
    30,
    'Tersedia kawasan tanpa rokok dan tidak ada iklan, promosi, dan sponsor rokok',
    'Smoke-free areas and no tobacco advertising, promotion or sponsorship',
    'Perda/Perbup Kawasan Tanpa Rokok dan bukti penegakan; pernyataan tidak ada iklan rokok.',
    available(30, ['KTR ditetapkan dan ditegakkan, tanpa iklan rokok', 'KTR ditetapkan', 'Rancangan KTR']),
    false,
  ],
  [
    17,
    'IV',
    40,
    'Persentase pengembangan anak usia dini holistik integratif (PAUD-HI)',
    'Holistic integrated early childhood development (PAUD-HI)',
    'Data Dinas Pendidikan: lembaga PAUD-HI dibanding seluruh lembaga PAUD.',
    rising(40),
    false,
  ],
  [
    18,
    'IV',
    45,
    'Persentase wajib belajar 12 tahun',
    '12-year compulsory education',
    'Data Dinas Pendidikan/BPS: angka partisipasi sekolah usia 7–18 tahun.',
    rising(45),
    false,
  ],
  [
    19,
    'IV',
    50,
    'Persentase sekolah ramah anak',
    'Share of child-friendly schools',
    'SK sekolah ramah anak dibanding seluruh sekolah.',
    rising(50),
    false,
  ],
  [
    20,
    'IV',
    35,
    'Tersedia fasilitas kegiatan budaya, kreativitas, dan rekreatif yang ramah anak',
    'Child-friendly cultural, creative and recreational facilities',
    'Daftar fasilitas dengan foto dan jadwal kegiatan.',
    available(35, ['Tersedia dan ada kegiatan rutin', 'Tersedia', 'Direncanakan']),
    false,
  ],
  [
    21,
    'V',
    70,
    'Persentase anak korban kekerasan, eksploitasi, penelantaran dan perlakuan salah lainnya (AMPK) yang terlayani',
    'Share of child victims of violence, exploitation, neglect and other mistreatment (AMPK) who were served',
    'Data kasus UPTD PPA: anak korban yang mendapat layanan dibanding seluruh anak korban yang dilaporkan, menurut kategori AMPK.',
    rising(70),
    false,
    'ampk_served',
  ],
  [
    22,
    'V',
    40,
    'Persentase anak yang dibebaskan dari pekerja anak dan bentuk-bentuk pekerjaan terburuk untuk anak',
    'Share of children withdrawn from child labour and its worst forms',
    'Data Dinas Tenaga Kerja/Dinas Sosial.',
    rising(40),
    false,
  ],
  [
    23,
    'V',
    50,
    'Persentase kasus anak berhadapan dengan hukum (ABH) yang diselesaikan dengan pendekatan keadilan restoratif (diversi)',
    'Share of cases of children in conflict with the law resolved through restorative justice (diversion)',
    'Data kasus ABH: kasus dengan hasil diversi dibanding seluruh kasus ABH yang selesai; penetapan diversi pengadilan.',
    rising(50),
    false,
    'abh_diversion',
  ],
  [
    24,
    'V',
    40,
    'Adanya mekanisme penanggulangan bencana yang memperhatikan kepentingan anak',
    'Disaster management that considers children',
    'SOP/SK BPBD yang memuat perlindungan anak dalam bencana.',
    available(40, ['Ada dan dilatihkan', 'Ada (SOP/SK)', 'Sedang disusun']),
    false,
  ],
];

export const DEFAULT_KLA_SET: KlaIndicatorSet = {
  year: 2026,
  label: 'Indikator KLA Permen PPPA 12/2022 (24 indikator; bobot belum terkonfirmasi)',
  source:
    'Indikator 1–6: paparan Deputi KemenPPPA "Indikator KLA". Indikator 7–24 dan seluruh bobot serta opsi nilai: belum dicocokkan dengan Permen PPPA 12/2022 dan aplikasi KLA; ganti dengan impor set yang benar.',
  groups: [
    { code: 'kelembagaan', label: 'Kelembagaan', labelEn: 'Institutions' },
    {
      code: 'I',
      label: 'Klaster I: Hak Sipil dan Kebebasan',
      labelEn: 'Cluster I: Civil rights and freedoms',
    },
    {
      code: 'II',
      label: 'Klaster II: Lingkungan Keluarga dan Pengasuhan Alternatif',
      labelEn: 'Cluster II: Family environment and alternative care',
    },
    {
      code: 'III',
      label: 'Klaster III: Kesehatan Dasar dan Kesejahteraan',
      labelEn: 'Cluster III: Basic health and welfare',
    },
    {
      code: 'IV',
      label: 'Klaster IV: Pendidikan, Pemanfaatan Waktu Luang, dan Kegiatan Budaya',
      labelEn: 'Cluster IV: Education, leisure and cultural activities',
    },
    { code: 'V', label: 'Klaster V: Perlindungan Khusus', labelEn: 'Cluster V: Special protection' },
  ],
  categories: [
    { code: 'belum', label: 'Belum berperingkat', min: 0 },
    { code: 'pratama', label: 'Pratama', min: 500 },
    { code: 'madya', label: 'Madya', min: 601 },
    { code: 'nindya', label: 'Nindya', min: 701 },
    { code: 'utama', label: 'Utama', min: 801 },
    { code: 'kla', label: 'KLA', min: 901 },
  ],
  indicators: ROWS.map(
    ([number, group, weight, wording, wordingEn, evidence, scoring, wordingConfirmed, autoSource]) => ({
      number,
      group,
      weight,
      wording,
      wordingEn,
      evidence,
      scoring,
      wordingConfirmed,
      weightConfirmed: false,
      autoSource: autoSource ?? null,
    }),
  ),
};
