/** The figures part of the API contract (see ./define.ts): the dashboard (issue 11 §1). */
import { z } from 'zod';
import {
  DashboardDto,
  DashboardQuery,
  DashboardTableQuery,
  PeriodicReportQuery,
  ReportSettingsDto,
  ReportSettingsInput,
} from '../stats-schemas.ts';
import { routes } from './define.ts';

/**
 * The leadership's "Koordinasi" card (issue 12 review M3): three counts of the actor's own
 * jurisdiction (a province: with its kab/kota), aggregates only.
 */
export const CoordinationSummaryDto = z.object({
  jurisdiction: z.string(),
  /** the local day the counts are of */
  today: z.string(),
  /** open follow-up actions past their due date */
  overdueFollowups: z.number().int(),
  /** prevention activities held this local month and reported (a partner's: accepted) */
  activitiesThisMonth: z.number().int(),
  /** the RAD plans covering this year, rolled up at this quarter; null: no plan */
  rad: z
    .object({
      year: z.number().int(),
      quarter: z.number().int(),
      activities: z.number().int(),
      onTrack: z.number().int(),
      onTrackShare: z.number().nullable(),
    })
    .nullable(),
});
export type CoordinationSummaryDto = z.infer<typeof CoordinationSummaryDto>;

const tags = ['Statistik'];

export const statsRoutes = routes({
  'GET /dashboard': {
    summary:
      'Dasbor: angka agregat wilayah (kab/kota, atau semua kab/kota provinsi; turun ke kecamatan dan desa) untuk rentang bulan penuh, dibandingkan dengan periode yang sama setahun sebelumnya; tanpa nama dan nomor kasus',
    tags,
    query: DashboardQuery,
    response: DashboardDto,
  },
  'GET /dashboard/table.xlsx': {
    summary:
      'Satu tabel dasbor sebagai XLSX (kunci tabel: ringkasan, wilayah, tren, ukuran tiap angka, hak, beban-kerja)',
    tags,
    query: DashboardTableQuery,
    response: { file: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
  },
  'GET /reports/periodic.pdf': {
    summary:
      'Laporan periodik untuk Bupati/Walikota dan DPRD (PDF): kop Dinas, narasi otomatis, tabel dan grafik dasbor; period = 2026, 2026-Q3 atau 2026-11',
    tags,
    query: PeriodicReportQuery,
    response: { file: ['application/pdf'] },
  },
  'GET /reports/periodic.html': {
    summary: 'Laporan periodik yang sama sebagai halaman siap cetak (HTML)',
    tags,
    query: PeriodicReportQuery,
    response: { file: ['text/html'] },
  },
  'GET /stats/coordination-summary': {
    summary:
      'Ringkasan koordinasi untuk beranda pimpinan: tindak lanjut rapat yang terlambat, kegiatan pencegahan bulan ini, bagian kegiatan RAD yang sesuai jadwal (agregat wilayah sendiri; hak coord:read lingkup wilayah)',
    tags,
    response: CoordinationSummaryDto,
  },
  'GET /report-settings': {
    summary: 'Kop laporan periodik Dinas (nama, alamat, kepala, NIP, ada logo?)',
    tags,
    response: ReportSettingsDto,
  },
  'PUT /report-settings': {
    summary: 'Ubah kop laporan periodik (admin Dinas; kirim versi yang dibaca, 0 bila belum ada)',
    tags,
    body: ReportSettingsInput,
    response: ReportSettingsDto,
  },
  'PUT /report-settings/logo': {
    summary: 'Unggah logo kop laporan (PNG atau JPEG, ≤ 512 KB; isi permintaan = berkas gambar)',
    tags,
    upload: 'raw',
    accepts: ['image/png', 'image/jpeg'],
    response: ReportSettingsDto,
  },
});
