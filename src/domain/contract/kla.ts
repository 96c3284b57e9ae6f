/**
 * The KLA self-evaluation part of the API contract (issue 13 §1–3, decision 035): indicator sets
 * per year (an `admin` imports a corrected one as JSON or XLSX), a kab/kota's evaluation per year
 * with its Gugus Tugas assignments, answers with evidence and history, the live score beside last
 * year's, submission (then locked), the province's verification per indicator with the verified
 * score beside the self-assessed one, the export zip and the summary PDF.
 */
import { z } from 'zod';
import {
  KLA_ANSWER_STATUSES,
  KLA_EVALUATION_STATUSES,
  KLA_GROUPS,
  KLA_VERIFY_DECISIONS,
  KlaAnswerInput,
  KlaIndicator,
  KlaIndicatorSetInput,
  KlaVerifyInput,
} from '../kla.ts';
import { uuid } from '../schemas.ts';
import { CoordFileDto } from './coord-files.ts';
import { listOf, routes } from './define.ts';

const tags = ['KLA'];
const Label = z.object({ id: z.string(), en: z.string() });
const Id = z.object({ id: uuid });
const Year = z.object({ year: z.coerce.number().int().min(2019).max(2100) });

export const KlaSetDto = z
  .object({
    year: z.number().int(),
    /** 0: the set Simpul ships (used for a year with no imported set) */
    version: z.number().int(),
    shipped: z.boolean(),
    label: z.string(),
    source: z.string(),
    importedAt: z.string().nullable(),
    set: KlaIndicatorSetInput,
    /** the year's imported versions, newest first */
    versions: z.array(
      z.object({
        version: z.number().int(),
        label: z.string(),
        importedAt: z.string(),
        importedBy: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'KlaSetDto' });
export type KlaSetDto = z.infer<typeof KlaSetDto>;

const CategoryDto = z.object({ code: z.string(), label: z.string(), min: z.number() });

export const KlaScoreDto = z
  .object({
    total: z.number(),
    category: CategoryDto,
    /** the next category up and the points it still needs (null at the top) */
    next: z.object({ category: CategoryDto, missing: z.number() }).nullable(),
    groups: z.array(
      z.object({
        code: z.enum(KLA_GROUPS),
        points: z.number(),
        max: z.number(),
        answered: z.number().int(),
        count: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'KlaScoreDto' });
export type KlaScoreDto = z.infer<typeof KlaScoreDto>;

export const KlaAnswerDto = z
  .object({
    id: z.string(),
    status: z.enum(KLA_ANSWER_STATUSES),
    option: z.string().nullable(),
    value: z.number().nullable(),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    /** the percentage the answer states (a percent indicator) */
    percent: z.number().nullable(),
    narrative: z.string().nullable(),
    /** the calculation from Simpul's case data when it was applied (aggregates only) */
    autoCalc: z
      .object({
        numerator: z.number(),
        denominator: z.number(),
        parts: z.array(z.object({ label: Label, n: z.number() })),
        appliedAt: z.string(),
      })
      .nullable(),
    /** points it earns as entered (null: not answered) */
    points: z.number().nullable(),
    verifyStatus: z.enum(KLA_VERIFY_DECISIONS).nullable(),
    verifyNote: z.string().nullable(),
    /** the coordinator's note when it sent the answer back (until its next review step) */
    reviewNote: z.string().nullable(),
    /** points the province counts (null: not decided yet) */
    verifiedPoints: z.number().nullable(),
    evidence: z.array(CoordFileDto),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'KlaAnswerDto' });
export type KlaAnswerDto = z.infer<typeof KlaAnswerDto>;

export const KlaIndicatorViewDto = z
  .object({
    indicator: KlaIndicator,
    assignment: z
      .object({
        orgId: z.string(),
        orgName: z.string(),
        userId: z.string().nullable(),
        userName: z.string().nullable(),
      })
      .nullable(),
    /** null: the reader is a member not assigned this indicator */
    answer: KlaAnswerDto.nullable(),
    canFill: z.boolean(),
    canReview: z.boolean(),
    canVerify: z.boolean(),
  })
  .meta({ id: 'KlaIndicatorViewDto' });

export const KlaEvaluationSummaryDto = z
  .object({
    id: z.string(),
    jurisdiction: z.string(),
    jurisdictionName: z.string(),
    year: z.number().int(),
    setVersion: z.number().int(),
    status: z.enum(KLA_EVALUATION_STATUSES),
    submittedAt: z.string().nullable(),
    verifiedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'KlaEvaluationSummaryDto' });
export type KlaEvaluationSummaryDto = z.infer<typeof KlaEvaluationSummaryDto>;

export const KlaEvaluationDto = KlaEvaluationSummaryDto.extend({
  setLabel: z.string(),
  groups: z.array(z.object({ code: z.enum(KLA_GROUPS), label: z.string(), labelEn: z.string() })),
  /** the indicators the coordinator marked as missing when submitting */
  missingNumbers: z.array(z.number().int()),
  indicators: z.array(KlaIndicatorViewDto),
  score: KlaScoreDto,
  /**
   * Where the next category's points can come from: each indicator still below its weight and
   * the points it could add, most first (as entered; an unanswered one can add its whole weight).
   */
  gains: z.array(z.object({ number: z.number().int(), available: z.number() })),
  /** the province's score (accepted indicators only) once it has begun verifying; else null */
  verifiedScore: KlaScoreDto.nullable(),
  /** last year's evaluation of the same kab/kota, when there is one the reader sees */
  lastYear: z
    .object({
      id: z.string(),
      year: z.number().int(),
      status: z.enum(KLA_EVALUATION_STATUSES),
      score: KlaScoreDto,
      verifiedScore: KlaScoreDto.nullable(),
    })
    .nullable(),
  /**
   * What the coordination module holds for the institutional indicators (Kelembagaan): the
   * regulations in force (Perda/Perbup/Perwal, SK, the SK Gugus Tugas KLA) and the RAD PPA
   * covering the year — links to open as evidence. Empty for an OPD member.
   */
  institutional: z.object({
    regulations: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        number: z.string(),
        title: z.string(),
        issuedOn: z.string(),
        /** the SK Gugus Tugas KLA (indicator "Penguatan Kelembagaan KLA") */
        gugusTugas: z.boolean(),
        href: z.string(),
      }),
    ),
    radPlans: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        startYear: z.number().int(),
        endYear: z.number().int(),
        href: z.string(),
      }),
    ),
  }),
  canCoordinate: z.boolean(),
  canVerify: z.boolean(),
  canReadHistory: z.boolean(),
  /** every indicator is final (the coordinator may submit without marking any missing) */
  complete: z.boolean(),
}).meta({ id: 'KlaEvaluationDto' });
export type KlaEvaluationDto = z.infer<typeof KlaEvaluationDto>;

export const KlaHistoryDto = z
  .object({
    id: z.string(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    indicatorNumber: z.number().int().nullable(),
    action: z.string(),
    /** what changed (field names with old and new values; a narrative only as "changed") */
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'KlaHistoryDto' });

export const KlaEvaluationCreate = z.strictObject({ year: z.number().int().min(2019).max(2100) });

export const KlaAssignmentsInput = z.strictObject({
  version: z.number().int().min(1),
  assignments: z
    .array(
      z.strictObject({
        number: z.number().int().min(1).max(99),
        orgId: uuid,
        userId: uuid.nullish(),
      }),
    )
    .max(60),
});
export type KlaAssignmentsInput = z.infer<typeof KlaAssignmentsInput>;

export const KlaReviewInput = z.strictObject({
  version: z.number().int().min(1),
  status: z.enum(['diisi', 'diperiksa', 'final']),
  /** why it goes back (sending it back to `diisi`); shown to whoever fills it */
  note: z.string().trim().max(2000).nullish(),
});
export type KlaReviewInput = z.infer<typeof KlaReviewInput>;

export const KlaSubmitInput = z.strictObject({
  version: z.number().int().min(1),
  /** submit although some indicators are not final: they are recorded as missing */
  markMissing: z.boolean().default(false),
});
export type KlaSubmitInput = z.infer<typeof KlaSubmitInput>;

export const KlaDecisionInput = z.strictObject({
  version: z.number().int().min(1),
  /** verified: every indicator decided, none waiting for a fix; returned: some asked to be fixed */
  outcome: z.enum(['verified', 'returned']),
});
export type KlaDecisionInput = z.infer<typeof KlaDecisionInput>;

export const KlaVersionInput = z.strictObject({ version: z.number().int().min(1) });

const FILE_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
] as const;

export const klaRoutes = routes({
  'GET /kla/sets/{year}': {
    summary:
      'Set indikator KLA yang berlaku untuk satu tahun evaluasi (impor terbaru, atau set bawaan Simpul bila belum ada impor)',
    tags,
    params: Year,
    response: KlaSetDto,
  },
  'POST /kla/sets': {
    summary:
      'Impor set indikator KLA yang sudah dikoreksi (JSON) sebagai versi baru tahunnya; setiap masalah dikembalikan dengan jalurnya (admin)',
    tags,
    body: KlaIndicatorSetInput,
    bodyCheckedBy: 'handler',
    response: KlaSetDto,
    status: 201,
  },
  'POST /kla/sets/xlsx': {
    summary:
      'Impor set indikator KLA dari XLSX: satu lembar indikator (number, group, wording, wordingEn, evidence, weight, scoring); tahun, label dan sumber di parameter (admin)',
    tags,
    /** checked with the sheet by parseIndicatorSet, so a missing one is reported at its path */
    query: z.object({
      year: z.string().max(10).optional(),
      label: z.string().max(500).optional(),
      source: z.string().max(2000).optional(),
    }),
    upload: 'multipart',
    response: KlaSetDto,
    status: 201,
  },
  'GET /kla/evaluations': {
    summary: 'Evaluasi KLA yang boleh dibaca (kab/kota sendiri; provinsi: yang sudah dikirim)',
    tags,
    // unknown parameters are refused, as on every list (a filter that is ignored misleads)
    query: z.strictObject({ year: Year.shape.year.optional() }),
    response: listOf(KlaEvaluationSummaryDto),
  },
  'POST /kla/evaluations': {
    summary:
      'Mulai evaluasi mandiri KLA kab/kota sendiri untuk satu tahun (koordinator Gugus Tugas KLA); memakai set indikator terbaru tahun itu',
    tags,
    body: KlaEvaluationCreate,
    response: KlaEvaluationDto,
    status: 201,
  },
  'GET /kla/evaluations/{id}': {
    summary:
      'Satu evaluasi KLA: indikator dengan jawaban, bukti dan penugasan; nilai per indikator, klaster dan total, kategori, kekurangan untuk kategori berikutnya, nilai terverifikasi, dan evaluasi tahun lalu',
    tags,
    params: Id,
    response: KlaEvaluationDto,
  },
  'GET /kla/evaluations/{id}/organisations': {
    summary: 'Lembaga di kab/kota yang dapat ditugaskan mengisi indikator (koordinator)',
    tags,
    params: Id,
    response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), type: z.string() })) }),
  },
  'PUT /kla/evaluations/{id}/assignments': {
    summary:
      'Tetapkan lembaga (dan orang) anggota Gugus Tugas KLA yang mengisi setiap indikator (dengan versi)',
    tags,
    params: Id,
    body: KlaAssignmentsInput,
    response: KlaEvaluationDto,
  },
  'POST /kla/evaluations/{id}/submit': {
    summary:
      'Kirim evaluasi ke provinsi bila semua indikator final (atau tandai yang belum sebagai kurang); setelah itu terkunci',
    tags,
    params: Id,
    body: KlaSubmitInput,
    response: KlaEvaluationDto,
  },
  'POST /kla/evaluations/{id}/decision': {
    summary: 'Provinsi: nyatakan evaluasi terverifikasi, atau kembalikan untuk perbaikan',
    tags,
    params: Id,
    body: KlaDecisionInput,
    response: KlaEvaluationDto,
  },
  'GET /kla/evaluations/{id}/history': {
    summary: 'Riwayat perubahan evaluasi: siapa, kapan, apa yang berubah (koordinator dan pimpinan)',
    tags,
    params: Id,
    response: listOf(KlaHistoryDto),
  },
  'GET /kla/evaluations/{id}/export.zip': {
    summary:
      'Unduh seluruh evaluasi untuk dikirim ke kementerian: jawaban, nilai, skor, daftar bukti (JSON dan CSV) dan berkas bukti per indikator',
    tags,
    params: Id,
    response: { file: ['application/zip'] },
  },
  'GET /kla/evaluations/{id}/summary.pdf': {
    summary:
      'Ringkasan evaluasi untuk Bupati/Wali Kota (PDF berkop Dinas): total, kategori, per klaster, kekurangan untuk kategori berikutnya, perbandingan dengan tahun lalu',
    tags,
    params: Id,
    response: { file: ['application/pdf'] },
  },
  'PUT /kla/answers/{id}': {
    summary:
      'Isi jawaban indikator: pilihan, atau nilai persen (dengan pembilang dan penyebut), dan narasi (anggota yang ditugaskan atau koordinator; dengan versi)',
    tags,
    params: Id,
    body: KlaAnswerInput,
    response: KlaEvaluationDto,
  },
  'POST /kla/answers/{id}/review': {
    summary: 'Koordinator: tandai jawaban diperiksa, final, atau kembalikan ke diisi (dengan versi)',
    tags,
    params: Id,
    body: KlaReviewInput,
    response: KlaEvaluationDto,
  },
  'POST /kla/answers/{id}/auto': {
    summary:
      'Koordinator: isi jawaban klaster V dari data kasus Simpul (agregat) dengan perhitungannya; bila tidak tersedia, isi manual dengan bukti',
    tags,
    params: Id,
    body: KlaVersionInput,
    response: KlaEvaluationDto,
  },
  'PUT /kla/answers/{id}/verification': {
    summary: 'Provinsi: terima, minta perbaikan (dengan catatan) atau tolak jawaban satu indikator',
    tags,
    params: Id,
    body: KlaVerifyInput,
    response: KlaEvaluationDto,
  },
  'POST /kla/answers/{id}/files': {
    summary: 'Unggah bukti jawaban (PDF, gambar, Word, Excel, PowerPoint; ≤ 20 MB)',
    tags,
    params: Id,
    upload: 'multipart',
    response: CoordFileDto,
    status: 201,
  },
  'GET /kla/answers/{id}/files/{fileId}': {
    summary: 'Unduh bukti jawaban (tercatat di log audit)',
    tags,
    params: z.object({ id: uuid, fileId: uuid }),
    response: { file: FILE_TYPES },
  },
  'DELETE /kla/answers/{id}/files/{fileId}': {
    summary: 'Hapus bukti jawaban',
    tags,
    params: z.object({ id: uuid, fileId: uuid }),
    response: null,
  },
});
