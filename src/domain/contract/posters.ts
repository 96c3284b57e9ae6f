/**
 * Spreading the channels (issue 12 §6, decision 034): the Dinas's poster codes ("titik sebar"),
 * their monthly counts of visits and reports (aggregates only), and the printable posters and
 * cards (PDF) with the UPTD PPA's contacts, SAPA 129, the /lapor address and its QR code.
 */
import { z } from 'zod';
import { PosterCodeInput, PosterCodeUpdate, PosterListQuery, PosterPdfQuery } from '../posters.ts';
import { uuid } from '../schemas.ts';
import { listOf, routes } from './define.ts';

const tags = ['Sebaran kanal'];

export const PosterMonthDto = z
  .object({
    /** YYYY-MM, the local month of the code's kab/kota */
    month: z.string(),
    /** times /lapor was opened with the code */
    views: z.number().int(),
    /** public reports sent from a form opened with the code */
    reports: z.number().int(),
  })
  .meta({ id: 'PosterMonthDto' });

export const PosterCodeDto = z
  .object({
    id: z.string(),
    jurisdiction: z.string(),
    /** the short code carried by the link (/lapor?s=<code>) */
    code: z.string(),
    label: z.string(),
    campaign: z.string().nullable(),
    desaCode: z.string().nullable(),
    desaName: z.string().nullable(),
    /** the address printed on its posters and carried by their QR code */
    url: z.string(),
    createdAt: z.string(),
    version: z.number().int(),
    /** all months together */
    totals: z.object({ views: z.number().int(), reports: z.number().int() }),
    /** the months asked for, newest first, zeros included; never per day */
    months: z.array(PosterMonthDto),
  })
  .meta({ id: 'PosterCodeDto' });
export type PosterCodeDto = z.infer<typeof PosterCodeDto>;

export const PosterCodeListDto = listOf(PosterCodeDto)
  .extend({
    /** the months the counts cover, newest first */
    months: z.array(z.string()),
    /** the actor may create codes and print posters (its own Dinas's managers) */
    canManage: z.boolean(),
    /** the /lapor address posters print (SIMPUL_PUBLIC_URL, or this server's address when unset) */
    reportUrl: z.string(),
    /** false: SIMPUL_PUBLIC_URL is not set, the printed address is the one this page was opened at */
    publicUrlConfigured: z.boolean(),
  })
  .meta({ id: 'PosterCodeListDto' });
export type PosterCodeListDto = z.infer<typeof PosterCodeListDto>;

const pdf = { file: ['application/pdf'] } as const;

export const postersRoutes = routes({
  'GET /posters/codes': {
    summary:
      'Titik sebar poster/QR wilayah Anda dengan jumlah kunjungan /lapor dan laporan per bulan (agregat, tanpa data orang; tidak per hari)',
    tags,
    query: PosterListQuery,
    response: PosterCodeListDto,
  },
  'POST /posters/codes': {
    summary:
      'Buat titik sebar (poster, penempatan QR, atau cetakan) dengan kode acak pendek (Dinas, coord:manage)',
    tags,
    body: PosterCodeInput,
    response: PosterCodeDto,
    status: 201,
  },
  'GET /posters/codes/{id}': {
    summary: 'Satu titik sebar dengan jumlah per bulan',
    tags,
    params: z.object({ id: uuid }),
    query: PosterListQuery,
    response: PosterCodeDto,
  },
  'PATCH /posters/codes/{id}': {
    summary:
      'Ubah nama, kalimat kampanye atau desa titik sebar dengan versinya (kodenya tetap; versi usang: 409)',
    tags,
    params: z.object({ id: uuid }),
    body: PosterCodeUpdate,
    response: PosterCodeDto,
  },
  'GET /posters/codes/{id}/poster.pdf': {
    summary:
      'Poster A4, kartu A5, atau kartu saku (8 per lembar A4) untuk titik sebar ini: kop Dinas, kontak UPTD PPA, SAPA 129, alamat /lapor dengan kodenya dan kode QR',
    tags,
    params: z.object({ id: uuid }),
    query: PosterPdfQuery,
    response: pdf,
  },
  'GET /posters/poster.pdf': {
    summary:
      'Poster A4, kartu A5, atau kartu saku tanpa kode titik sebar: kop Dinas, kontak UPTD PPA, SAPA 129, alamat /lapor dan kode QR',
    tags,
    query: PosterPdfQuery,
    response: pdf,
  },
});
