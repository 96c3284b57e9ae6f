/**
 * The RAD's code lists (decision 032): units, budget sources, progress statuses and the automatic
 * indicators, with Indonesian and English labels. No zod here: the staff app imports this module.
 */
import type { CodeList, Label } from './taxonomies.ts';

export const RAD_UNITS: CodeList<
  'jumlah' | 'persen' | 'orang' | 'kegiatan' | 'desa' | 'dokumen' | 'lembaga'
> = [
  { code: 'jumlah', label: { id: 'jumlah', en: 'count' } },
  { code: 'persen', label: { id: 'persen (%)', en: 'percent (%)' } },
  { code: 'orang', label: { id: 'orang', en: 'people' } },
  { code: 'kegiatan', label: { id: 'kegiatan', en: 'activities' } },
  { code: 'desa', label: { id: 'desa/kelurahan', en: 'villages' } },
  { code: 'dokumen', label: { id: 'dokumen', en: 'documents' } },
  { code: 'lembaga', label: { id: 'lembaga', en: 'organisations' } },
];
export type RadUnit = (typeof RAD_UNITS)[number]['code'];

export const RAD_BUDGET_SOURCES: CodeList<
  'apbd' | 'dak_nonfisik_ppa' | 'apbdes' | 'csr' | 'apbn' | 'lainnya'
> = [
  { code: 'apbd', label: { id: 'APBD', en: 'Regional budget (APBD)' } },
  {
    code: 'dak_nonfisik_ppa',
    label: { id: 'DAK Non-Fisik PPA', en: 'Special allocation fund (DAK Non-Fisik PPA)' },
  },
  { code: 'apbdes', label: { id: 'APBDes', en: 'Village budget (APBDes)' } },
  { code: 'csr', label: { id: 'CSR', en: 'Corporate social responsibility (CSR)' } },
  { code: 'apbn', label: { id: 'APBN', en: 'National budget (APBN)' } },
  { code: 'lainnya', label: { id: 'Lainnya', en: 'Other' } },
];
export type RadBudgetSource = (typeof RAD_BUDGET_SOURCES)[number]['code'];

export const RAD_STATUSES: CodeList<'belum_mulai' | 'berjalan' | 'selesai' | 'terhambat'> = [
  { code: 'belum_mulai', label: { id: 'Belum mulai', en: 'Not started' } },
  { code: 'berjalan', label: { id: 'Berjalan', en: 'In progress' } },
  { code: 'selesai', label: { id: 'Selesai', en: 'Done' } },
  { code: 'terhambat', label: { id: 'Terhambat', en: 'Blocked' } },
];
export type RadStatus = (typeof RAD_STATUSES)[number]['code'];

/**
 * Indicators Simpul fills itself from its own data for the plan's jurisdiction and the year up to
 * the end of a quarter. Case figures come from the dashboard's monthly rollup (decision 024);
 * prevention figures from the prevention activities held (issue 12 §1).
 */
export type AutoIndicatorDef = {
  code:
    | 'kasus_tepat_waktu'
    | 'kasus_diterima'
    | 'korban_tercatat'
    | 'desa_terjangkau_pencegahan'
    | 'kegiatan_pencegahan_terlaksana';
  label: Label;
  unit: RadUnit;
  /** how it is computed, in words */
  formula: Label;
};
export const AUTO_INDICATORS: readonly AutoIndicatorDef[] = [
  {
    code: 'kasus_tepat_waktu',
    label: {
      id: 'Persentase kasus ditangani dalam batas waktu',
      en: 'Share of cases handled within the deadline',
    },
    unit: 'persen',
    formula: {
      id: 'Kasus risiko tinggi/sedang yang direspons tepat waktu (tinggi 1 jam, sedang 6 jam) ÷ semua kasus risiko tinggi/sedang yang diterima, × 100 — angka dasbor',
      en: 'High/medium-risk cases responded to within the deadline (high 1 h, medium 6 h) ÷ all high/medium-risk cases received, × 100 — the dashboard’s figure',
    },
  },
  {
    code: 'kasus_diterima',
    label: { id: 'Jumlah kasus kekerasan yang ditangani', en: 'Number of violence cases handled' },
    unit: 'jumlah',
    formula: {
      id: 'Kasus yang diterima sejak awal tahun sampai akhir triwulan — angka dasbor',
      en: 'Cases received from the start of the year to the end of the quarter — the dashboard’s figure',
    },
  },
  {
    code: 'korban_tercatat',
    label: { id: 'Jumlah korban yang mendapat layanan', en: 'Number of victims served' },
    unit: 'orang',
    formula: {
      id: 'Korban tercatat pada kasus yang diterima sejak awal tahun sampai akhir triwulan — angka dasbor',
      en: 'Victims recorded in cases received from the start of the year to the end of the quarter — the dashboard’s figure',
    },
  },
  {
    code: 'desa_terjangkau_pencegahan',
    label: {
      id: 'Jumlah desa/kelurahan terjangkau kegiatan pencegahan',
      en: 'Number of villages reached by prevention activities',
    },
    unit: 'desa',
    formula: {
      id: 'Desa/kelurahan berbeda tempat kegiatan pencegahan yang sudah dilaporkan (laporan mitra: sudah diterima Dinas) sejak awal tahun sampai akhir triwulan, seperti cakupan pencegahan',
      en: 'Distinct villages of prevention activities reported (a partner’s report: accepted by the Dinas) from the start of the year to the end of the quarter, as in the prevention coverage',
    },
  },
  {
    code: 'kegiatan_pencegahan_terlaksana',
    label: { id: 'Jumlah kegiatan pencegahan terlaksana', en: 'Number of prevention activities held' },
    unit: 'kegiatan',
    formula: {
      id: 'Kegiatan pencegahan yang sudah dilaporkan (laporan mitra: sudah diterima Dinas) sejak awal tahun sampai akhir triwulan, seperti cakupan pencegahan',
      en: 'Prevention activities reported (a partner’s report: accepted by the Dinas) from the start of the year to the end of the quarter, as in the prevention coverage',
    },
  },
];
export type AutoIndicator = AutoIndicatorDef['code'];
export const AUTO_INDICATOR_CODES = AUTO_INDICATORS.map((a) => a.code) as [AutoIndicator, ...AutoIndicator[]];
export function autoIndicator(code: string | null): AutoIndicatorDef | null {
  return AUTO_INDICATORS.find((a) => a.code === code) ?? null;
}
