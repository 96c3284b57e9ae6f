/**
 * The code lists of prevention activities (issue 12 §1; decision 029), with Indonesian and English
 * labels. No imports, so the staff app's pages can show the labels without the schemas.
 */
type Item<C extends string> = { code: C; label: { id: string; en: string } };
function list<const C extends string>(
  items: ReadonlyArray<readonly [C, string, string]>,
): ReadonlyArray<Item<C>> {
  return items.map(([code, id, en]) => ({ code, label: { id, en } }));
}

/** Jenis kegiatan pencegahan. */
export const ACTIVITY_KINDS = list([
  ['sosialisasi', 'Sosialisasi', 'Awareness session'],
  ['edukasi_sekolah', 'Edukasi di sekolah', 'School education'],
  ['parenting', 'Parenting / pengasuhan keluarga', 'Parenting / family'],
  ['kampanye', 'Kampanye', 'Campaign event'],
  ['pelatihan_kader', 'Pelatihan kader', 'Volunteer (kader) training'],
  ['forum_anak', 'Forum anak', "Children's forum"],
  ['konseling_keliling', 'Konseling keliling', 'Mobile counselling'],
  ['lainnya', 'Lainnya', 'Other'],
]);

/** Tempat/latar kegiatan (UU TPKS Pasal 79: satuan pendidikan, panti sosial, tempat lain berisiko). */
export const ACTIVITY_SETTINGS = list([
  ['sekolah', 'Sekolah', 'School'],
  ['pesantren', 'Pesantren', 'Islamic boarding school'],
  ['rumah_ibadah', 'Rumah ibadah', 'House of worship'],
  ['balai_desa', 'Balai desa / kantor kelurahan', 'Village hall'],
  ['panti', 'Panti sosial', 'Social care home'],
  ['posyandu', 'Posyandu', 'Community health post (posyandu)'],
  ['online', 'Daring (online)', 'Online'],
  ['lainnya', 'Lainnya', 'Other'],
]);

/** Settings whose place is a school: their activities count as schools reached. */
export const SCHOOL_SETTINGS: readonly string[] = ['sekolah', 'pesantren'];

/**
 * Bidang pencegahan, UU 12/2022 (TPKS) Pasal 79 ayat (3) (domain.md §3.1): pendidikan; sarana dan
 * prasarana publik; pemerintahan dan tata kelola kelembagaan; ekonomi dan ketenagakerjaan;
 * kesejahteraan sosial; budaya; teknologi informatika; keagamaan; keluarga.
 */
export const PREVENTION_FIELDS = list([
  ['pendidikan', 'Pendidikan', 'Education'],
  ['sarana_publik', 'Sarana dan prasarana publik', 'Public facilities'],
  ['pemerintahan', 'Pemerintahan dan tata kelola kelembagaan', 'Governance and institutions'],
  ['ekonomi', 'Ekonomi dan ketenagakerjaan', 'Economy and employment'],
  ['kesejahteraan_sosial', 'Kesejahteraan sosial', 'Social welfare'],
  ['budaya', 'Budaya', 'Culture'],
  ['teknologi_informatika', 'Teknologi informatika', 'Information technology'],
  ['keagamaan', 'Keagamaan', 'Religion'],
  ['keluarga', 'Keluarga', 'Family'],
]);

/** Sasaran kegiatan. */
export const TARGET_GROUPS = list([
  ['anak', 'Anak', 'Children'],
  ['remaja', 'Remaja', 'Adolescents'],
  ['orang_tua', 'Orang tua / keluarga', 'Parents / families'],
  ['guru', 'Guru dan tenaga kependidikan', 'Teachers and school staff'],
  ['perempuan', 'Perempuan', 'Women'],
  ['tokoh_masyarakat', 'Tokoh masyarakat / tokoh agama', 'Community and religious leaders'],
  ['aparat_desa', 'Aparat desa / kelurahan', 'Village officials'],
  ['kader', 'Kader (PATBM, posyandu, PKK)', 'Volunteers (PATBM, posyandu, PKK)'],
  ['masyarakat_umum', 'Masyarakat umum', 'General public'],
]);

/** Status kegiatan: direncanakan → terlaksana → dilaporkan, atau dibatalkan. */
export const ACTIVITY_STATUSES = list([
  ['direncanakan', 'Direncanakan', 'Planned'],
  ['terlaksana', 'Terlaksana', 'Held'],
  ['dilaporkan', 'Dilaporkan', 'Reported'],
  ['dibatalkan', 'Dibatalkan', 'Cancelled'],
]);

/** The Dinas's review of a partner's report. */
export const REVIEW_STATES = list([
  ['menunggu', 'Menunggu penerimaan Dinas', 'Awaiting acceptance'],
  ['diterima', 'Diterima Dinas', 'Accepted'],
  ['dikembalikan', 'Dikembalikan untuk diperbaiki', 'Returned for correction'],
]);

export const FOLLOWUP_STATUSES = list([
  ['belum', 'Belum', 'Not started'],
  ['berjalan', 'Berjalan', 'In progress'],
  ['selesai', 'Selesai', 'Done'],
  ['batal', 'Batal', 'Dropped'],
]);

export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number]['code'];
export type ReviewState = (typeof REVIEW_STATES)[number]['code'];

/** The label of a code in one of the lists above (the code itself when unknown). */
export function labelOf(
  items: ReadonlyArray<{ code: string; label: { id: string; en: string } }>,
  code: string | null | undefined,
  lang: 'id' | 'en' = 'id',
): string {
  if (!code) return '';
  return items.find((x) => x.code === code)?.label[lang] ?? code;
}
