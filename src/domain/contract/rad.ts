/**
 * The regional action plan (RAD PPA) part of the API contract (issue 12 §4, decision 032): plans,
 * their pillars → programmes → activities with yearly targets and budgets, quarterly progress with
 * evidence, the roll-up by pillar, programme and organisation, automatic indicators filled from
 * Simpul's own data, and links to meeting decisions and prevention activities.
 */
import { z } from 'zod';
import {
  RadActivityInput,
  RadActivityUpdate,
  RadPillarInput,
  RadPillarUpdate,
  RadPlanInput,
  RadPlanQuery,
  RadPlanUpdate,
  RadProgrammeInput,
  RadProgrammeUpdate,
  RadProgressInput,
  RadProgressParams,
} from '../rad.ts';
import { uuid } from '../schemas.ts';
import { CoordFileDto } from './coord-files.ts';
import { listOf, routes } from './define.ts';

const tags = ['RAD PPA'];
const Label = z.object({ id: z.string(), en: z.string() });
const Id = z.object({ id: uuid });

export const RadPlanSummaryDto = z
  .object({
    id: z.string(),
    /** the Dinas's kab/kota or province that keeps it */
    jurisdiction: z.string(),
    title: z.string(),
    startYear: z.number().int(),
    endYear: z.number().int(),
    legalBasis: z.string().nullable(),
    version: z.number().int(),
    /** activities the reader sees (a partner: only its own) */
    activities: z.number().int(),
    /** the reader may edit the plan (coord:manage of its jurisdiction) */
    canManage: z.boolean(),
  })
  .meta({ id: 'RadPlanSummaryDto' });
export type RadPlanSummaryDto = z.infer<typeof RadPlanSummaryDto>;

export const RadTargetDto = z.object({
  year: z.number().int(),
  target: z.number(),
  budget: z.number(),
  budgetSource: z.string(),
});

export const RadStandingDto = z
  .object({
    /** the latest quarter reported up to the chosen one (null: none) */
    quarter: z.number().int().nullable(),
    /** the figure is the chosen quarter's own (false: the latest report is of an earlier quarter) */
    current: z.boolean(),
    /** realised for the year up to that quarter (an automatic indicator: computed) */
    realised: z.number().nullable(),
    budgetUsed: z.number(),
    status: z.string().nullable(),
    /** realised ÷ the year's target, 0–1 */
    achievement: z.number().nullable(),
    /** what the target asks by the end of the chosen quarter */
    expected: z.number().nullable(),
    onTrack: z.boolean(),
  })
  .meta({ id: 'RadStandingDto' });

export const RadActivitySummaryDto = z
  .object({
    id: z.string(),
    programmeId: z.string(),
    title: z.string(),
    responsibleOrg: z.object({ id: z.string(), name: z.string() }),
    partnerOrgs: z.array(z.object({ id: z.string(), name: z.string() })),
    indicator: z.string(),
    unit: z.string(),
    baseline: z.number().nullable(),
    /** the KLA indicator code it serves, as written (issue 13 makes KLA indicators data) */
    klaCode: z.string().nullable(),
    autoIndicator: z.string().nullable(),
    version: z.number().int(),
    targets: z.array(RadTargetDto),
    /** the chosen year's target and budget (null: none set) */
    target: z.number().nullable(),
    budget: z.number().nullable(),
    standing: RadStandingDto,
    /** the reader may report this activity's progress (its responsible organisation, or the Dinas) */
    canReport: z.boolean(),
  })
  .meta({ id: 'RadActivitySummaryDto' });
export type RadActivitySummaryDto = z.infer<typeof RadActivitySummaryDto>;

export const RadRollupGroupDto = z.object({
  key: z.string(),
  label: z.string(),
  activities: z.number().int(),
  onTrack: z.number().int(),
  onTrackShare: z.number().nullable(),
  achievement: z.number().nullable(),
  budgetPlanned: z.number(),
  budgetUsed: z.number(),
  budgetShare: z.number().nullable(),
});

export const RadHeadingDto = z
  .object({ id: z.string(), code: z.string(), title: z.string(), version: z.number().int() })
  .meta({ id: 'RadHeadingDto' });

export const RadPlanDto = RadPlanSummaryDto.extend({
  /** the year and quarter the figures are for */
  year: z.number().int(),
  quarter: z.number().int(),
  pillars: z.array(
    RadHeadingDto.extend({
      programmes: z.array(RadHeadingDto.extend({ activities: z.array(RadActivitySummaryDto) })),
    }),
  ),
  rollup: z.object({
    total: RadRollupGroupDto,
    byPillar: z.array(RadRollupGroupDto),
    byProgramme: z.array(RadRollupGroupDto),
    byOrganisation: z.array(RadRollupGroupDto),
  }),
  /** the organisations an activity may name (only for those who manage the plan) */
  organisations: z.array(z.object({ id: z.string(), name: z.string() })),
}).meta({ id: 'RadPlanDto' });
export type RadPlanDto = z.infer<typeof RadPlanDto>;

export const RadAutoValueDto = z
  .object({
    quarter: z.number().int(),
    /** the local days counted: the year up to the end of the quarter (or today) */
    from: z.string(),
    to: z.string(),
    /** null: the quarter has not begun */
    value: z.number().nullable(),
    /** the numbers behind it (aggregates only) */
    parts: z.array(z.object({ label: Label, n: z.number() })),
  })
  .meta({ id: 'RadAutoValueDto' });

export const RadProgressDto = z
  .object({
    /** null: not reported yet */
    id: z.string().nullable(),
    year: z.number().int(),
    quarter: z.number().int(),
    /** for an automatic indicator: the computed value */
    realised: z.number().nullable(),
    budgetUsed: z.number(),
    status: z.string().nullable(),
    note: z.string().nullable(),
    /** send it back when saving; 0 = none yet */
    version: z.number().int(),
    updatedAt: z.string().nullable(),
    evidence: z.array(CoordFileDto),
    /** the quarter has begun (it may be reported) */
    open: z.boolean(),
    auto: RadAutoValueDto.nullable(),
  })
  .meta({ id: 'RadProgressDto' });

export const RadLinkDto = z
  .object({
    id: z.string(),
    kind: z.enum(['meeting_decision', 'prevention_activity']),
    targetId: z.string(),
    /** what the linked record says of itself (the decision's text, the activity's title and date) */
    title: z.string(),
    /** where it opens in the staff app */
    href: z.string(),
  })
  .meta({ id: 'RadLinkDto' });
export type RadLinkDto = z.infer<typeof RadLinkDto>;

export const RadActivityDto = RadActivitySummaryDto.extend({
  planId: z.string(),
  planTitle: z.string(),
  jurisdiction: z.string(),
  startYear: z.number().int(),
  endYear: z.number().int(),
  pillar: RadHeadingDto,
  programme: RadHeadingDto,
  year: z.number().int(),
  quarter: z.number().int(),
  /** the four quarters of the chosen year */
  progress: z.array(RadProgressDto),
  automatic: z.object({ code: z.string(), label: Label, formula: Label, unit: z.string() }).nullable(),
  links: z.array(RadLinkDto),
  canManage: z.boolean(),
}).meta({ id: 'RadActivityDto' });
export type RadActivityDto = z.infer<typeof RadActivityDto>;

export const RadLinkInput = z.strictObject({
  kind: z.enum(['meeting_decision', 'prevention_activity']),
  targetId: uuid,
});

export const radRoutes = routes({
  'GET /rad/plans': {
    summary: 'Daftar rencana aksi daerah (RAD PPA) yang boleh dibaca (seluruhnya, tanpa halaman)',
    tags,
    query: z.strictObject({}),
    response: listOf(RadPlanSummaryDto),
  },
  'POST /rad/plans': {
    summary: 'Buat RAD PPA untuk satu periode tahun (paling lama 10 tahun) di wilayah Dinas sendiri',
    tags,
    body: RadPlanInput,
    response: RadPlanSummaryDto,
    status: 201,
  },
  'GET /rad/plans/{id}': {
    summary:
      'Satu RAD PPA: pilar → program → kegiatan dengan target per tahun, dan capaian per pilar, program dan lembaga pada tahun dan triwulan yang dipilih',
    tags,
    params: Id,
    query: RadPlanQuery,
    response: RadPlanDto,
  },
  'GET /rad/plans/{id}/rollup.xlsx': {
    summary:
      'Capaian RAD PPA sebagai XLSX (lembar: ringkasan per pilar, program dan lembaga; kegiatan dengan target, realisasi, status dan anggaran) pada tahun dan triwulan yang dipilih',
    tags,
    params: Id,
    query: RadPlanQuery,
    response: { file: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
  },
  'PATCH /rad/plans/{id}': {
    summary: 'Ubah judul, periode atau dasar hukum RAD PPA (dengan versi)',
    tags,
    params: Id,
    body: RadPlanUpdate,
    response: RadPlanSummaryDto,
  },
  'POST /rad/plans/{id}/pillars': {
    summary: 'Tambah pilar/strategi pada RAD PPA',
    tags,
    params: Id,
    body: RadPillarInput,
    response: RadHeadingDto,
    status: 201,
  },
  'PATCH /rad/pillars/{id}': {
    summary: 'Ubah pilar/strategi (dengan versi)',
    tags,
    params: Id,
    body: RadPillarUpdate,
    response: RadHeadingDto,
  },
  'POST /rad/pillars/{id}/programmes': {
    summary: 'Tambah program pada pilar',
    tags,
    params: Id,
    body: RadProgrammeInput,
    response: RadHeadingDto,
    status: 201,
  },
  'PATCH /rad/programmes/{id}': {
    summary: 'Ubah program (dengan versi)',
    tags,
    params: Id,
    body: RadProgrammeUpdate,
    response: RadHeadingDto,
  },
  'POST /rad/programmes/{id}/activities': {
    summary:
      'Tambah kegiatan: lembaga penanggung jawab, mitra, indikator, baseline, target dan anggaran per tahun dengan sumbernya, kode indikator KLA, indikator otomatis',
    tags,
    params: Id,
    body: RadActivityInput,
    response: RadActivityDto,
    status: 201,
  },
  'GET /rad/activities/{id}': {
    summary:
      'Satu kegiatan RAD: target, capaian per triwulan dengan bukti, perhitungan indikator otomatis, tautan',
    tags,
    params: Id,
    query: RadPlanQuery,
    response: RadActivityDto,
  },
  'PATCH /rad/activities/{id}': {
    summary: 'Ubah kegiatan RAD beserta target dan anggaran per tahun (dengan versi)',
    tags,
    params: Id,
    body: RadActivityUpdate,
    response: RadActivityDto,
  },
  'PUT /rad/activities/{id}/progress/{year}/{quarter}': {
    summary:
      'Laporkan capaian triwulan (kumulatif tahun berjalan): nilai realisasi, anggaran terpakai, status dan catatan; versi 0 untuk laporan pertama',
    tags,
    params: RadProgressParams,
    body: RadProgressInput,
    response: RadActivityDto,
  },
  'POST /rad/progress/{id}/files': {
    summary: 'Unggah bukti capaian triwulan (PDF, gambar, Word, Excel, PowerPoint; ≤ 20 MB)',
    tags,
    params: Id,
    upload: 'multipart',
    response: CoordFileDto,
    status: 201,
  },
  'GET /rad/progress/{id}/files/{fileId}': {
    summary: 'Unduh bukti capaian triwulan',
    tags,
    params: z.object({ id: uuid, fileId: uuid }),
    response: {
      file: [
        'application/pdf',
        'image/jpeg',
        'image/png',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      ],
    },
  },
  'POST /rad/activities/{id}/links': {
    summary: 'Tautkan kegiatan RAD ke keputusan rapat atau kegiatan pencegahan di wilayah yang sama',
    tags,
    params: Id,
    body: RadLinkInput,
    response: RadActivityDto,
    status: 201,
  },
  'GET /rad/activities/{id}/link-options': {
    summary: 'Keputusan rapat dan kegiatan pencegahan di wilayah yang sama yang dapat ditautkan (Dinas)',
    tags,
    params: Id,
    response: z.object({
      decisions: z.array(z.object({ id: z.string(), title: z.string() })),
      preventionActivities: z.array(z.object({ id: z.string(), title: z.string() })),
    }),
  },
  'DELETE /rad/activities/{id}/links/{linkId}': {
    summary: 'Hapus tautan kegiatan RAD',
    tags,
    params: z.object({ id: uuid, linkId: uuid }),
    response: null,
  },
  'DELETE /rad/progress/{id}/files/{fileId}': {
    summary: 'Hapus bukti capaian triwulan',
    tags,
    params: z.object({ id: uuid, fileId: uuid }),
    response: null,
  },
});
