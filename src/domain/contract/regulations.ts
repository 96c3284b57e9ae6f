/**
 * Local regulations (issue 12 §5, decision 033): Perda, Perbup/Perwal, Pergub, SK Gugus Tugas
 * KLA, SK Satgas PPA, … as records with their signed PDF.
 */
import { z } from 'zod';
import {
  REGULATION_KINDS,
  REGULATION_STATUSES,
  RegulationInput,
  RegulationListQuery,
  RegulationUpdate,
} from '../regulations.ts';
import { uuid } from '../schemas.ts';
import { CoordFileDto } from './coord-files.ts';
import { listOf, routes } from './define.ts';

export const RegulationDto = z
  .object({
    id: z.string(),
    /** the Dinas that keeps it (a kab/kota or a province) */
    jurisdiction: z.string(),
    jurisdictionName: z.string().nullable(),
    kind: z.enum(REGULATION_KINDS),
    number: z.string(),
    /** the date it was issued (penetapan), as told */
    issuedOn: z.string(),
    title: z.string(),
    /** who issued it (Bupati Lebak, Kepala Dinas PPPA, …) */
    authority: z.string(),
    status: z.enum(REGULATION_STATUSES),
    expiresOn: z.string().nullable(),
    reviewOn: z.string().nullable(),
    note: z.string().nullable(),
    /** in force: its next review or expiry date, days left, and whether that is within 60 days or past */
    next: z
      .object({
        kind: z.enum(['review', 'expiry']),
        on: z.string(),
        daysLeft: z.number().int(),
        due: z.boolean(),
      })
      .nullable(),
    /** the signed text (a PDF), when uploaded */
    file: CoordFileDto.nullable(),
    /** the reader may change it (its own Dinas's coord:manage) */
    canManage: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'RegulationDto' });
export type RegulationDto = z.infer<typeof RegulationDto>;

const Id = z.object({ id: uuid });
const tags = ['Regulasi daerah'];

export const regulationsRoutes = routes({
  'GET /regulations': {
    summary: 'Regulasi daerah (Perda, Perbup/Perwal, SK Gugus Tugas KLA, SK Satgas PPA, …)',
    tags,
    query: RegulationListQuery,
    response: listOf(RegulationDto),
  },
  'POST /regulations': {
    summary: 'Catat regulasi daerah (header Idempotency-Key diterima)',
    tags,
    body: RegulationInput,
    response: RegulationDto,
    status: 201,
  },
  'GET /regulations/{id}': { summary: 'Satu regulasi', tags, params: Id, response: RegulationDto },
  'PATCH /regulations/{id}': {
    summary: 'Ubah regulasi (status berlaku/dicabut/diganti, tanggal tinjau, …)',
    tags,
    params: Id,
    body: RegulationUpdate,
    response: RegulationDto,
  },
  'DELETE /regulations/{id}': {
    summary: 'Hapus regulasi yang salah dicatat',
    tags,
    params: Id,
    query: z.strictObject({ version: z.coerce.number().int().min(1) }),
    response: null,
  },
  'POST /regulations/{id}/file': {
    summary: 'Unggah naskah regulasi (PDF, ≤ 20 MB; menggantikan yang lama)',
    tags,
    params: Id,
    upload: 'multipart',
    response: RegulationDto,
  },
  'GET /regulations/{id}/file': {
    summary: 'Unduh naskah regulasi',
    tags,
    params: Id,
    response: { file: ['application/pdf'] },
  },
});
