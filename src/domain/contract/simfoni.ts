/**
 * The SIMFONI-PPA part of the API contract (see ./define.ts; issue 11 §4): the data officer's work
 * list, the per-case entry mark, and the guarded export with names and NIK.
 */
import { z } from 'zod';
import { uuid } from '../schemas.ts';
import {
  IDENTITY_COLUMNS,
  SIMFONI_COLUMNS,
  SimfoniCaseQuery,
  type SimfoniColumn,
  SimfoniEntryInput,
  SimfoniExportQuery,
} from '../simfoni.ts';
import { listOf, routes } from './define.ts';

const tags = ['SIMFONI-PPA'];

/** The export's columns that a page may show (no name, NIK or birth date, no row number). */
export const FACT_COLUMNS = SIMFONI_COLUMNS.map(([k]) => k).filter(
  (k) => k !== 'no' && !IDENTITY_COLUMNS.includes(k),
) as Array<
  Exclude<SimfoniColumn, 'no' | 'victimName' | 'victimNik' | 'victimBirthDate' | 'perpetratorNames'>
>;
export type FactColumn = (typeof FACT_COLUMNS)[number];

export const SimfoniEntryDto = z
  .object({
    /** YYYY-MM-DD: the day it was entered into SIMFONI */
    enteredOn: z.string(),
    simfoniNumber: z.string(),
    /** who marked it (null when that account is gone) */
    enteredBy: z.string().nullable(),
    /** when it was marked in Simpul */
    recordedAt: z.string(),
  })
  .meta({ id: 'SimfoniEntryDto' });

/** A case as the data officer sees it: its number, the facts SIMFONI asks for, no identity. */
export const SimfoniCaseDto = z
  .object({
    id: z.string(),
    number: z.string(),
    /** the kab/kota (or province) that handles it; times are read in its zone */
    jurisdiction: z.string(),
    receivedAt: z.string(),
    /** YYYY-MM-DD: the local day of the report (SIMFONI counts by it) */
    reportDate: z.string(),
    stage: z.string(),
    /** the case's version: send it back when marking the case entered */
    version: z.number().int(),
    entry: SimfoniEntryDto.nullable(),
    /** one row per victim × incident, with SIMFONI's labels */
    rows: z.array(z.record(z.enum(FACT_COLUMNS as [FactColumn, ...FactColumn[]]), z.string())),
    /** what SIMFONI asks for that the case does not say yet */
    gaps: z.array(z.string()),
  })
  .meta({ id: 'SimfoniCaseDto' });
export type SimfoniCaseDto = z.infer<typeof SimfoniCaseDto>;

export const SimfoniCaseListDto = listOf(SimfoniCaseDto)
  .extend({
    /** the headings of `rows`, in order */
    columns: z.array(z.object({ key: z.string(), label: z.string() })),
    /** this session was signed in with a second factor: the export is open to it */
    twoFactor: z.boolean(),
  })
  .meta({ id: 'SimfoniCaseListDto' });
export type SimfoniCaseListDto = z.infer<typeof SimfoniCaseListDto>;

export const simfoniRoutes = routes({
  'GET /simfoni/cases': {
    summary:
      'Kasus untuk diinput ke SIMFONI-PPA (belum/sudah): nomor kasus dan fakta yang diminta SIMFONI, tanpa identitas (peran data)',
    tags,
    query: SimfoniCaseQuery,
    response: SimfoniCaseListDto,
  },
  'PUT /simfoni/cases/{id}/entry': {
    summary: 'Tandai kasus sudah diinput ke SIMFONI-PPA (tanggal, nomor SIMFONI) dengan versi kasus',
    tags,
    params: z.object({ id: uuid }),
    body: SimfoniEntryInput,
    response: SimfoniCaseDto,
  },
  'GET /exports/simfoni': {
    summary:
      'Ekspor SIMFONI-PPA (CSV UTF-8 dengan BOM atau XLSX): satu baris per korban × kejadian menurut tanggal pelaporan; memuat nama dan NIK, jadi hanya peran data dengan sesi dua langkah dan alasan; tercatat di audit dengan jumlah baris',
    tags,
    query: SimfoniExportQuery,
    response: {
      file: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    },
  },
});
