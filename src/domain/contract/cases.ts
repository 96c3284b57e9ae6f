/** The case-management part of the API contract (Permen PPPA 2/2022 stages). */
import { z } from 'zod';
import { AccessLogQuery } from '../audit-schemas.ts';
import {
  AccessLogDto,
  CaseDto,
  CaseSummaryDto,
  IncidentDto,
  PersonDto,
  RecordDto,
  TaskDto,
  TimelineEntryDto,
  WorkQueueDto,
} from '../dto.ts';
import { ROLES } from '../policy.ts';
import {
  AssignInput,
  CaseCreateInput,
  CaseListQuery,
  CaseUpdateInput,
  IncidentInput,
  IncidentUpdate,
  PersonInput,
  PersonUpdate,
  RECORD_KIND_NAMES,
  RECORD_KINDS,
  RelationshipInput,
  recordUpdate,
  TransitionInput,
  uuid,
} from '../schemas.ts';
import { listOf, routes } from './define.ts';

const CaseId = z.object({ id: uuid });
const KindParams = z.object({ id: uuid, kind: z.enum(RECORD_KIND_NAMES) });
const KindRecParams = KindParams.extend({ rid: uuid });
const tags = ['Kasus'];

/** A member of staff who can be chosen (case manager, pendamping). */
export const StaffOptionDto = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  orgName: z.string(),
});
export type StaffOptionDto = z.infer<typeof StaffOptionDto>;

export const RelationshipDto = z.object({
  id: z.string(),
  victimId: z.string(),
  perpetratorId: z.string(),
  relationship: z.string(),
});

export const AttachmentDto = z.object({
  id: z.string(),
  filename: z.string(),
  mime: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});

/** Any record kind's fields (the path's `kind` says which; the handler validates by kind). */
const AnyRecordInput = z.union(
  RECORD_KIND_NAMES.map((k) => RECORD_KINDS[k].schema) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]],
);
const AnyRecordUpdate = z.union(
  RECORD_KIND_NAMES.map((k) => recordUpdate(k)) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]],
);

export const caseRoutes = routes({
  'GET /cases': {
    summary: 'Daftar kasus (sesuai wilayah dan penugasan)',
    tags,
    query: CaseListQuery,
    response: listOf(CaseSummaryDto),
  },
  'POST /cases': { summary: 'Buka kasus baru', tags, body: CaseCreateInput, response: CaseDto, status: 201 },
  'GET /cases/{id}': { summary: 'Satu kasus lengkap', tags, params: CaseId, response: CaseDto },
  'PATCH /cases/{id}': {
    summary: 'Ubah data identifikasi kasus',
    tags,
    params: CaseId,
    body: CaseUpdateInput,
    response: CaseDto,
  },
  'POST /cases/{id}/transition': {
    summary: 'Pindah tahap penanganan',
    tags,
    params: CaseId,
    body: TransitionInput,
    response: CaseDto,
  },
  'POST /cases/{id}/assign': {
    summary: 'Tugaskan manajer kasus dan pendamping',
    tags,
    params: CaseId,
    body: AssignInput,
    response: CaseDto,
  },
  'POST /cases/{id}/take': {
    summary: 'Ambil kasus yang belum memiliki manajer kasus (menjadi manajernya)',
    tags,
    params: CaseId,
    response: CaseDto,
  },
  'POST /cases/{id}/persons': {
    summary: 'Tambah korban, terlapor, atau pelapor',
    tags,
    params: CaseId,
    body: PersonInput,
    response: PersonDto,
    status: 201,
  },
  'PATCH /cases/{id}/persons/{pid}': {
    summary: 'Ubah data orang',
    tags,
    params: z.object({ id: uuid, pid: uuid }),
    body: PersonUpdate,
    response: PersonDto,
  },
  'POST /cases/{id}/relationships': {
    summary: 'Hubungan terlapor dengan korban',
    tags,
    params: CaseId,
    body: RelationshipInput,
    response: RelationshipDto,
    status: 201,
  },
  'POST /cases/{id}/incidents': {
    summary: 'Tambah kejadian',
    tags,
    params: CaseId,
    body: IncidentInput,
    response: IncidentDto,
    status: 201,
  },
  'PATCH /cases/{id}/incidents/{iid}': {
    summary: 'Ubah kejadian',
    tags,
    params: z.object({ id: uuid, iid: uuid }),
    body: IncidentUpdate,
    response: IncidentDto,
  },
  'POST /cases/{id}/records/{kind}': {
    summary: 'Tambah asesmen, rencana, layanan, hak korban, atau catatan',
    tags,
    params: KindParams,
    body: AnyRecordInput,
    bodyCheckedBy: 'handler',
    response: RecordDto,
    status: 201,
  },
  'PATCH /cases/{id}/records/{kind}/{rid}': {
    summary: 'Ubah catatan kasus',
    tags,
    params: KindRecParams,
    body: AnyRecordUpdate,
    bodyCheckedBy: 'handler',
    response: RecordDto,
  },
  'POST /cases/{id}/attachments': {
    summary: 'Unggah lampiran (≤ 20 MB)',
    tags,
    params: CaseId,
    upload: 'multipart',
    response: AttachmentDto,
    status: 201,
  },
  'GET /cases/{id}/attachments/{aid}': {
    summary: 'Unduh lampiran',
    tags,
    params: z.object({ id: uuid, aid: uuid }),
    response: {
      file: [
        'application/pdf',
        'image/jpeg',
        'image/png',
        'audio/mpeg',
        'audio/mp4',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
    },
  },
  'GET /cases/{id}/timeline': {
    summary: 'Linimasa kasus',
    tags,
    params: CaseId,
    response: listOf(TimelineEntryDto),
  },
  'GET /cases/{id}/access-log': {
    summary:
      'Log akses kasus: siapa melihat data orang ini (staf dan lembaga mitra), per orang per hari (manajer kasus)',
    tags,
    params: CaseId,
    query: AccessLogQuery,
    response: AccessLogDto,
  },
  'GET /tasks': { summary: 'Tugas dan tenggat saya', tags, response: listOf(TaskDto) },
  'GET /work-queue': {
    summary: 'Antrean manajer kasus: kasus tanpa manajer dan tugas jatuh tempo hari ini',
    tags,
    response: WorkQueueDto,
  },
  'GET /users/case-managers': {
    summary: 'Manajer kasus yang dapat dipilih saat membuka kasus',
    tags,
    response: listOf(StaffOptionDto),
  },
  'GET /users/assignable': {
    summary: 'Petugas yang dapat ditugaskan pada kasus',
    tags,
    query: z.object({ caseId: uuid }),
    response: listOf(StaffOptionDto),
  },
});
