/**
 * Coordination meetings, case conferences, decisions and follow-up actions (issue 12 §3, decision
 * 031): the API contract (see ./define.ts).
 */
import { z } from 'zod';
import {
  CasePartInput,
  DecisionInput,
  DecisionUpdate,
  FOLLOWUP_STATUSES,
  FollowupInput,
  FollowupListQuery,
  FollowupProgressInput,
  FollowupReportQuery,
  FollowupUpdate,
  MEETING_KINDS,
  MEETING_STATUSES,
  MeetingInput,
  MeetingListQuery,
  MeetingStatusInput,
  MeetingUpdate,
  ParticipantsInput,
} from '../meetings.ts';
import { uuid } from '../schemas.ts';
import { CoordFileDto } from './coord-files.ts';
import { listOf, routes } from './define.ts';

const tags = ['Rapat koordinasi'];
const Id = z.object({ id: uuid });

export const FollowupDto = z
  .object({
    id: z.string(),
    meetingId: z.string(),
    meetingTitle: z.string(),
    /** the meeting's local date */
    meetingDate: z.string(),
    decisionId: z.string(),
    decisionNumber: z.number().int(),
    decisionBody: z.string(),
    jurisdiction: z.string(),
    action: z.string(),
    ownerOrgId: z.string(),
    ownerOrgName: z.string(),
    ownerUserId: z.string().nullable(),
    ownerUserName: z.string().nullable(),
    /** local day */
    dueOn: z.string(),
    status: z.enum(FOLLOWUP_STATUSES),
    /** what was done (selesai) or why it was dropped (batal) */
    statusNote: z.string().nullable(),
    doneOn: z.string().nullable(),
    /** local days past the due date while open (0: not overdue) */
    overdueDays: z.number().int(),
    /** overdue long enough to be escalated to the organiser */
    escalated: z.boolean(),
    /** the actor may write progress / change the status */
    mayUpdate: z.boolean(),
    /** the actor may change the action, owner and due date */
    mayManage: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'FollowupDto' });
export type FollowupDto = z.infer<typeof FollowupDto>;

export const FollowupNoteDto = z.object({
  id: z.string(),
  body: z.string(),
  status: z.enum(FOLLOWUP_STATUSES).nullable(),
  by: z.string().nullable(),
  at: z.string(),
});

export const FollowupDetailDto = FollowupDto.extend({
  notes: z.array(FollowupNoteDto),
  files: z.array(CoordFileDto),
}).meta({ id: 'FollowupDetailDto' });
export type FollowupDetailDto = z.infer<typeof FollowupDetailDto>;

export const MeetingSummaryDto = z
  .object({
    id: z.string(),
    jurisdiction: z.string(),
    kind: z.enum(MEETING_KINDS),
    title: z.string(),
    /** local date and times in the jurisdiction's zone */
    date: z.string(),
    startTime: z.string(),
    endTime: z.string().nullable(),
    zone: z.string(),
    place: z.string().nullable(),
    onlineLink: z.string().nullable(),
    organiserOrgId: z.string(),
    organiserName: z.string(),
    status: z.enum(MEETING_STATUSES),
    decisions: z.number().int(),
    openFollowups: z.number().int(),
    overdueFollowups: z.number().int(),
    mayManage: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'MeetingSummaryDto' });
export type MeetingSummaryDto = z.infer<typeof MeetingSummaryDto>;

export const ParticipantDto = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  name: z.string(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  invited: z.boolean(),
  attended: z.boolean(),
});

export const DecisionDto = z.object({
  id: z.string(),
  number: z.number().int(),
  body: z.string(),
  version: z.number().int(),
  followups: z.array(FollowupDto),
});

export const MeetingDto = MeetingSummaryDto.extend({
  agenda: z.array(z.string()),
  /** the general minutes, written without names */
  minutes: z.string().nullable(),
  minutesFinalAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  invitedOrgs: z.array(z.object({ id: z.string(), name: z.string() })),
  /** names of people invited and present (reading them is audited) */
  participants: z.array(ParticipantDto),
  decisions: z.array(DecisionDto),
  files: z.array(CoordFileDto),
  /** a case conference's case part: how many cases it has, and how many of them the actor may not read */
  caseParts: z.object({ total: z.number().int(), hidden: z.number().int() }),
}).meta({ id: 'MeetingDto' });
export type MeetingDto = z.infer<typeof MeetingDto>;

export const CasePartDto = z
  .object({
    caseId: z.string(),
    caseNumber: z.string(),
    discussion: z.string(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CasePartDto' });

export const CasePartsDto = z
  .object({
    items: z.array(CasePartDto),
    /** cases of the conference the actor may not read: their part is not shown */
    hidden: z.number().int(),
  })
  .meta({ id: 'CasePartsDto' });
export type CasePartsDto = z.infer<typeof CasePartsDto>;

export const MeetingOptionsDto = z
  .object({
    orgs: z.array(z.object({ id: z.string(), name: z.string(), type: z.string() })),
    users: z.array(z.object({ id: z.string(), name: z.string(), orgId: z.string() })),
  })
  .meta({ id: 'MeetingOptionsDto' });

const FILE_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
] as const;
const FileParams = z.object({ id: uuid, fileId: uuid });

export const meetingsRoutes = routes({
  'GET /meetings': {
    summary:
      'Daftar rapat koordinasi dan case conference di wilayah kerja (mitra: yang diselenggarakan atau diundang)',
    tags,
    query: MeetingListQuery,
    response: listOf(MeetingSummaryDto),
  },
  'GET /meetings/options': {
    summary:
      'Lembaga dan pengguna wilayah kerja untuk undangan, daftar hadir dan penanggung jawab tindak lanjut',
    tags,
    response: MeetingOptionsDto,
  },
  'POST /meetings': {
    summary:
      'Rencanakan rapat (jenis, tanggal dan jam waktu setempat, tempat atau tautan daring, undangan, agenda)',
    tags,
    body: MeetingInput,
    response: MeetingDto,
    status: 201,
  },
  'GET /meetings/{id}': {
    summary:
      'Satu rapat: undangan dan daftar hadir (dicatat di audit), agenda, notulen umum, keputusan dan tindak lanjut, dokumen',
    tags,
    params: Id,
    response: MeetingDto,
  },
  'PATCH /meetings/{id}': {
    summary: 'Ubah rapat: data, agenda, undangan lembaga, notulen umum (dengan versi)',
    tags,
    params: Id,
    body: MeetingUpdate,
    response: MeetingDto,
  },
  'POST /meetings/{id}/status': {
    summary: 'Ubah status rapat: berlangsung, selesai (notulen final) atau dibatalkan (dengan alasan)',
    tags,
    params: Id,
    body: MeetingStatusInput,
    response: MeetingDto,
  },
  'PUT /meetings/{id}/participants': {
    summary: 'Simpan daftar undangan dan hadir (pengguna Simpul atau nama yang diketik, dienkripsi)',
    tags,
    params: Id,
    body: ParticipantsInput,
    response: MeetingDto,
  },
  'POST /meetings/{id}/decisions': {
    summary: 'Catat keputusan rapat (bernomor) dengan tindak lanjutnya',
    tags,
    params: Id,
    body: DecisionInput,
    response: MeetingDto,
    status: 201,
  },
  'PATCH /meetings/{id}/decisions/{decisionId}': {
    summary: 'Ubah bunyi keputusan (dengan versi)',
    tags,
    params: z.object({ id: uuid, decisionId: uuid }),
    body: DecisionUpdate,
    response: MeetingDto,
  },
  'POST /meetings/{id}/decisions/{decisionId}/followups': {
    summary: 'Tambah tindak lanjut pada keputusan: lembaga penanggung jawab, orang (opsional), tenggat',
    tags,
    params: z.object({ id: uuid, decisionId: uuid }),
    body: FollowupInput,
    response: FollowupDto,
    status: 201,
  },
  'GET /meetings/{id}/cases': {
    summary:
      'Bagian kasus case conference: hanya kasus yang boleh Anda baca (setiap pembacaan dicatat di audit)',
    tags,
    params: Id,
    response: CasePartsDto,
  },
  'PUT /meetings/{id}/cases/{caseId}': {
    summary:
      'Tulis bagian kasus case conference untuk satu kasus (dienkripsi; hanya bila Anda boleh membaca kasusnya)',
    tags,
    params: z.object({ id: uuid, caseId: uuid }),
    body: CasePartInput,
    response: CasePartsDto,
  },
  'POST /meetings/{id}/files': {
    summary: 'Lampirkan dokumen rapat (PDF, gambar, dokumen kantor; dienkripsi)',
    tags,
    params: Id,
    upload: 'multipart',
    response: CoordFileDto,
    status: 201,
  },
  'GET /meetings/{id}/files/{fileId}': {
    summary: 'Unduh dokumen rapat',
    tags,
    params: FileParams,
    response: { file: FILE_TYPES },
  },
  'GET /meetings/{id}/minutes.pdf': {
    summary:
      'Notulen Rapat Koordinasi (PDF, kop Dinas): daftar hadir, agenda, notulen umum, keputusan dan tindak lanjut; tanpa bagian kasus',
    tags,
    params: Id,
    response: { file: ['application/pdf'] },
  },
  'GET /followups': {
    summary:
      'Daftar tindak lanjut keputusan rapat di wilayah kerja (mitra: milik lembaganya) dengan saringan status, lembaga, terlambat',
    tags,
    query: FollowupListQuery,
    response: listOf(FollowupDto),
  },
  'GET /followups.pdf': {
    summary:
      'Daftar Tindak Lanjut Rapat Koordinasi sebagai PDF berkop Dinas, dengan saringan daftar (status, lembaga, terlambat, milik lembaga saya)',
    tags,
    query: FollowupReportQuery,
    response: { file: ['application/pdf'] },
  },
  'GET /followups/{id}': {
    summary: 'Satu tindak lanjut dengan catatan perkembangan dan bukti',
    tags,
    params: Id,
    response: FollowupDetailDto,
  },
  'PATCH /followups/{id}': {
    summary: 'Ubah tindak lanjut: uraian, lembaga/orang penanggung jawab, tenggat (Dinas, dengan versi)',
    tags,
    params: Id,
    body: FollowupUpdate,
    response: FollowupDetailDto,
  },
  'POST /followups/{id}/progress': {
    summary: 'Catat perkembangan dan/atau ubah status (selesai: catatan hasil atau bukti; batal: alasan)',
    tags,
    params: Id,
    body: FollowupProgressInput,
    response: FollowupDetailDto,
  },
  'POST /followups/{id}/files': {
    summary: 'Lampirkan bukti tindak lanjut (dienkripsi)',
    tags,
    params: Id,
    upload: 'multipart',
    response: CoordFileDto,
    status: 201,
  },
  'GET /followups/{id}/files/{fileId}': {
    summary: 'Unduh bukti tindak lanjut',
    tags,
    params: FileParams,
    response: { file: FILE_TYPES },
  },
});
