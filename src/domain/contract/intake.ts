/** The intake part of the API contract (see ./define.ts): the inbox of reports from every channel. */
import { z } from 'zod';
import { CaseDto } from '../dto.ts';
import { INTAKE_STATUSES } from '../intake.ts';
import {
  IntakeAttach,
  IntakeClose,
  IntakeForward,
  IntakeListQuery,
  IntakeNational,
  IntakeNote,
  IntakeOpenCase,
  IntakeUpdate,
  StaffIntakeInput,
} from '../intake-schemas.ts';
import { uuid } from '../schemas.ts';
import { StaffOptionDto } from './cases.ts';
import { listOf, routes } from './define.ts';

const Id = z.object({ id: uuid });
const tags = ['Pengaduan masuk'];

/** One report as the inbox lists it. */
export const IntakeSummaryDto = z
  .object({
    id: z.string(),
    /** the follow-up code the reporter holds */
    code: z.string(),
    channel: z.string(),
    callType: z.string().nullable(),
    status: z.enum(INTAKE_STATUSES),
    risk: z.string().nullable(),
    dangerNow: z.boolean(),
    forms: z.array(z.string()),
    regionCode: z.string().nullable(),
    jurisdiction: z.string(),
    receivedAt: z.string(),
    /** the response deadline; null once the item is no longer open */
    dueAt: z.string().nullable(),
    overdue: z.boolean(),
    assignedTo: z.string().nullable(),
    assignedName: z.string().nullable(),
    suspectedSpam: z.boolean(),
    victimAgeGroup: z.string().nullable(),
    victimSex: z.string().nullable(),
    caseId: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'IntakeSummaryDto' });
export type IntakeSummaryDto = z.infer<typeof IntakeSummaryDto>;

/** A flood of public reports into an inbox (src/domain/intake.ts `regionalFlood`). */
export const RegionalFloodDto = z
  .object({
    /** public reports since the flood began */
    reports: z.number().int(),
    /** the start of the first hour over the limit */
    since: z.string(),
    /** reports per hour above which it is a flood */
    perHour: z.number().int(),
  })
  .meta({ id: 'RegionalFloodDto' });
export type RegionalFloodDto = z.infer<typeof RegionalFloodDto>;

export const IntakeMessageDto = z
  .object({
    id: z.string(),
    at: z.string(),
    /** pelapor: from the reporter; petugas: an officers' note; ke_pelapor: an officer to the reporter */
    author: z.enum(['pelapor', 'petugas', 'ke_pelapor']),
    authorName: z.string().nullable(),
    body: z.string(),
    /** when the reporter was shown it (messages to the reporter) */
    seenAt: z.string().nullable(),
  })
  .meta({ id: 'IntakeMessageDto' });

/** One report in full, decrypted for the officer, with the cases it may be about. */
export const IntakeDto = IntakeSummaryDto.extend({
  receivedByName: z.string().nullable(),
  caseNumber: z.string().nullable(),
  caseStage: z.string().nullable(),
  reporterType: z.string(),
  reporterName: z.string().nullable(),
  reporterRelation: z.string().nullable(),
  contactMethod: z.string(),
  contactPhone: z.string().nullable(),
  safeTimes: z.string().nullable(),
  consentContact: z.boolean(),
  victimName: z.string().nullable(),
  victimNik: z.string().nullable(),
  victimPhone: z.string().nullable(),
  victimBirthDate: z.string().nullable(),
  description: z.string().nullable(),
  placeText: z.string().nullable(),
  occurredOn: z.string().nullable(),
  occurredWhen: z.string().nullable(),
  closedReason: z.string().nullable(),
  /** reported through the public form (it has a secret): a message to the reporter can be read */
  reporterCanRead: z.boolean(),
  history: z.array(
    z.object({
      at: z.string(),
      type: z.string(),
      actorName: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
  messages: z.array(IntakeMessageDto),
  possibleDuplicates: z.array(
    z.object({
      caseId: z.string(),
      number: z.string(),
      stage: z.string(),
      personName: z.string(),
      /** nik, telepon, nama, nama_mirip, tanggal_lahir_wilayah */
      reasons: z.array(z.string()),
    }),
  ),
}).meta({ id: 'IntakeDto' });
export type IntakeDto = z.infer<typeof IntakeDto>;

/** The inbox: a page of reports, and the flood banner (one, instead of a mark on every report). */
export const IntakeListDto = listOf(IntakeSummaryDto).extend({ flood: RegionalFloodDto.nullable() });

/** How many items of the inbox are open, and how many of those are past their response deadline. */
export const InboxCountsDto = z
  .object({
    open: z.number().int(),
    overdue: z.number().int(),
    /** "someone is in danger now" reports nobody has taken up yet, oldest first (at most 10) */
    dangerNow: z.array(
      z.object({
        id: z.string(),
        code: z.string(),
        receivedAt: z.string(),
        dueAt: z.string(),
        overdue: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'InboxCountsDto' });
export type InboxCountsDto = z.infer<typeof InboxCountsDto>;

export const IntakeForwardedDto = z.object({
  /** the kab/kota whose inbox has the item now */
  forwardedTo: z.string(),
});

export const intakeRoutes = routes({
  'GET /intake': {
    summary: 'Kotak masuk pengaduan (semua saluran)',
    tags,
    query: IntakeListQuery,
    response: IntakeListDto,
  },
  'POST /intake': {
    summary: 'Catat pengaduan (telepon, datang langsung, surat, e-mail, penjangkauan, rujukan)',
    tags,
    body: StaffIntakeInput,
    response: IntakeDto,
    status: 201,
  },
  'GET /intake/counts': {
    summary: 'Jumlah pengaduan terbuka dan yang melewati batas respons',
    tags,
    response: InboxCountsDto,
  },
  'GET /intake/officers': {
    summary: 'Petugas yang dapat menangani pengaduan di kotak masuk ini',
    tags,
    response: listOf(StaffOptionDto),
  },
  'GET /intake/{id}': {
    summary: 'Satu pengaduan lengkap, dengan kemungkinan kasus yang sama',
    tags,
    params: Id,
    response: IntakeDto,
  },
  'PATCH /intake/{id}': {
    summary: 'Triase: risiko, petugas, jenis panggilan',
    tags,
    params: Id,
    body: IntakeUpdate,
    response: IntakeDto,
  },
  'POST /intake/{id}/notes': {
    summary: 'Catatan petugas',
    tags,
    params: Id,
    body: IntakeNote,
    response: IntakeDto,
    status: 201,
  },
  'POST /intake/{id}/reporter-messages': {
    summary: 'Pesan untuk pelapor (tampil di halaman Cek laporan)',
    tags,
    params: Id,
    body: IntakeNote,
    response: IntakeDto,
    status: 201,
  },
  'POST /intake/{id}/open-case': {
    summary: 'Jadikan kasus (data dibawa)',
    tags,
    params: Id,
    body: IntakeOpenCase,
    response: CaseDto,
    status: 201,
  },
  'POST /intake/{id}/attach': {
    summary: 'Gabungkan ke kasus yang ada',
    tags,
    params: Id,
    body: IntakeAttach,
    response: IntakeDto,
  },
  'POST /intake/{id}/forward': {
    summary: 'Teruskan ke kabupaten/kota lain',
    tags,
    params: Id,
    body: IntakeForward,
    response: IntakeForwardedDto,
  },
  'POST /intake/{id}/national': {
    summary: 'Rujuk ke tingkat pusat (SAPA 129)',
    tags,
    params: Id,
    body: IntakeNational,
    response: IntakeDto,
  },
  'POST /intake/{id}/close': {
    summary: 'Tutup (spam, salah sambung, informasi…) dengan alasan',
    tags,
    params: Id,
    body: IntakeClose,
    response: IntakeDto,
  },
  'GET /intake/{id}/letter': {
    summary: 'Surat rujukan ke SAPA 129 (HTML untuk dicetak)',
    tags,
    params: Id,
    response: { file: ['text/html'] },
  },
});
