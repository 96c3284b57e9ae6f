/**
 * The training part of the API contract (see ./define.ts; issue 12 §2, decision 030): training
 * types, events with participants and attendance, each person's record, the Dinas's required
 * types and the gap view, and the certificate PDF of a participant who completed.
 */
import { z } from 'zod';
import { uuid } from '../schemas.ts';
import {
  ParticipantInput,
  ParticipantPatch,
  RequirementsInput,
  TrainingEventInput,
  TrainingEventPatch,
  TrainingEventQuery,
  TrainingTypeInput,
  TrainingTypePatch,
} from '../training.ts';
import { CoordFileDto } from './coord-files.ts';
import { listOf, routes } from './define.ts';

const tags = ['Pelatihan'];

export const TrainingTypeDto = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    active: z.boolean(),
    /** null: the default list; otherwise the Dinas that added it */
    jurisdiction: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'TrainingTypeDto' });
export type TrainingTypeDto = z.infer<typeof TrainingTypeDto>;

const Ref = z.object({ id: z.string(), name: z.string() });

export const TrainingEventDto = z
  .object({
    id: z.string(),
    jurisdiction: z.string(),
    title: z.string(),
    type: Ref,
    topics: z.array(z.string()),
    /** YYYY-MM-DD, local days as told */
    startsOn: z.string(),
    endsOn: z.string(),
    mode: z.string(),
    place: z.string().nullable(),
    organiser: Ref,
    trainers: z.array(z.object({ name: z.string(), institution: z.string().nullable() })),
    participants: z.number().int(),
    attended: z.number().int(),
    completed: z.number().int(),
    version: z.number().int(),
    /** the actor may change it, its participants and their attendance */
    canManage: z.boolean(),
  })
  .meta({ id: 'TrainingEventDto' });
export type TrainingEventDto = z.infer<typeof TrainingEventDto>;

export const TrainingParticipantDto = z
  .object({
    id: z.string(),
    /** null: partner staff without a Simpul account */
    userId: z.string().nullable(),
    name: z.string(),
    role: z.string().nullable(),
    org: Ref,
    attendance: z.string(),
    completed: z.boolean(),
    /** a certificate can be downloaded (completed) */
    certificate: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'TrainingParticipantDto' });
export type TrainingParticipantDto = z.infer<typeof TrainingParticipantDto>;

export const TrainingRecordDto = z
  .object({
    person: z.object({ userId: z.string(), name: z.string(), role: z.string(), org: Ref }),
    items: z.array(
      z.object({
        participantId: z.string(),
        eventId: z.string(),
        title: z.string(),
        type: Ref,
        startsOn: z.string(),
        endsOn: z.string(),
        organiser: Ref,
        attendance: z.string(),
        completed: z.boolean(),
        certificate: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'TrainingRecordDto' });
export type TrainingRecordDto = z.infer<typeof TrainingRecordDto>;

export const TrainingRequirementsDto = z
  .object({
    jurisdiction: z.string(),
    /** send it back when saving (0: never saved) */
    version: z.number().int(),
    items: z.array(
      z.object({
        typeId: z.string(),
        typeName: z.string(),
        roles: z.array(z.string()),
        validYears: z.number().int().nullable(),
      }),
    ),
    /** the actor may change them (the Dinas's administrator) */
    canEdit: z.boolean(),
  })
  .meta({ id: 'TrainingRequirementsDto' });
export type TrainingRequirementsDto = z.infer<typeof TrainingRequirementsDto>;

export const TrainingGapsDto = z
  .object({
    jurisdiction: z.string(),
    /** the local day the gaps are counted on */
    today: z.string(),
    /** case officers and companions looked at */
    checked: z.number().int(),
    people: z.array(
      z.object({
        userId: z.string(),
        name: z.string(),
        role: z.string(),
        org: Ref,
        missing: z.array(
          z.object({
            typeId: z.string(),
            typeName: z.string(),
            /** belum: never completed; kedaluwarsa: the last completion's validity ended */
            status: z.enum(['belum', 'kedaluwarsa']),
            lastCompletedOn: z.string().nullable(),
            expiredOn: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'TrainingGapsDto' });
export type TrainingGapsDto = z.infer<typeof TrainingGapsDto>;

export const TrainingOptionsDto = z
  .object({
    types: z.array(TrainingTypeDto),
    /** organisations of the jurisdiction: organisers and participants' organisations */
    organisations: z.array(z.object({ id: z.string(), name: z.string(), type: z.string() })),
    /** Simpul users of those organisations who may be participants */
    users: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        role: z.string(),
        orgId: z.string(),
        orgName: z.string(),
      }),
    ),
  })
  .meta({ id: 'TrainingOptionsDto' });
export type TrainingOptionsDto = z.infer<typeof TrainingOptionsDto>;

const eventParams = z.object({ id: uuid });
const participantParams = z.object({ id: uuid, pid: uuid });
const versionQuery = z.strictObject({ version: z.coerce.number().int().positive() });

export const trainingRoutes = routes({
  'GET /training/types': {
    summary: 'Jenis pelatihan: daftar bawaan dan yang ditambahkan Dinas',
    tags,
    response: listOf(TrainingTypeDto),
  },
  'POST /training/types': {
    summary: 'Tambah jenis pelatihan Dinas (admin Dinas)',
    tags,
    body: TrainingTypeInput,
    response: TrainingTypeDto,
    status: 201,
  },
  'PATCH /training/types/{id}': {
    summary: 'Ubah atau nonaktifkan jenis pelatihan Dinas (dengan versi)',
    tags,
    params: eventParams,
    body: TrainingTypePatch,
    response: TrainingTypeDto,
  },
  'GET /training/options': {
    summary: 'Pilihan untuk formulir pelatihan: jenis, lembaga dan pengguna di wilayah kerja',
    tags,
    response: TrainingOptionsDto,
  },
  'GET /training/events': {
    summary: 'Daftar kegiatan pelatihan (Bimtek, pelatihan terpadu) yang boleh dilihat',
    tags,
    query: TrainingEventQuery,
    response: listOf(TrainingEventDto),
  },
  'POST /training/events': {
    summary: 'Buat kegiatan pelatihan (Idempotency-Key)',
    tags,
    body: TrainingEventInput,
    response: TrainingEventDto,
    status: 201,
  },
  'GET /training/events/{id}': {
    summary: 'Satu kegiatan pelatihan',
    tags,
    params: eventParams,
    response: TrainingEventDto,
  },
  'PATCH /training/events/{id}': {
    summary: 'Ubah kegiatan pelatihan (dengan versi)',
    tags,
    params: eventParams,
    body: TrainingEventPatch,
    response: TrainingEventDto,
  },
  'DELETE /training/events/{id}': {
    summary: 'Hapus kegiatan pelatihan yang belum menerbitkan sertifikat (dengan versi)',
    tags,
    params: eventParams,
    query: versionQuery,
    response: null,
  },
  'GET /training/events/{id}/participants': {
    summary: 'Peserta dan kehadiran satu pelatihan (memuat nama; tercatat di audit)',
    tags,
    params: eventParams,
    response: listOf(TrainingParticipantDto),
  },
  'POST /training/events/{id}/participants': {
    summary: 'Tambah peserta: pengguna Simpul atau staf mitra tanpa akun (Idempotency-Key)',
    tags,
    params: eventParams,
    body: ParticipantInput,
    response: TrainingParticipantDto,
    status: 201,
  },
  'PATCH /training/events/{id}/participants/{pid}': {
    summary: 'Catat kehadiran dan kelulusan peserta (dengan versi)',
    tags,
    params: participantParams,
    body: ParticipantPatch,
    response: TrainingParticipantDto,
  },
  'DELETE /training/events/{id}/participants/{pid}': {
    summary: 'Hapus peserta yang belum lulus (dengan versi)',
    tags,
    params: participantParams,
    query: versionQuery,
    response: null,
  },
  'GET /training/events/{id}/participants/{pid}/certificate.pdf': {
    summary: 'Sertifikat pelatihan (PDF) dengan kode verifikasi',
    tags,
    params: participantParams,
    response: { file: ['application/pdf'] },
  },
  'GET /training/events/{id}/files': {
    summary: 'Materi pelatihan (berkas) satu kegiatan',
    tags,
    params: eventParams,
    response: listOf(CoordFileDto),
  },
  'POST /training/events/{id}/files': {
    summary: 'Unggah materi pelatihan (PDF, gambar, Word, Excel, PowerPoint; ≤ 20 MB)',
    tags,
    params: eventParams,
    upload: 'multipart',
    response: CoordFileDto,
    status: 201,
  },
  'GET /training/events/{id}/files/{fileId}': {
    summary: 'Unduh materi pelatihan',
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
  'DELETE /training/events/{id}/files/{fileId}': {
    summary: 'Hapus materi pelatihan',
    tags,
    params: z.object({ id: uuid, fileId: uuid }),
    response: null,
  },
  'GET /training/records/me': {
    summary: 'Riwayat pelatihan saya',
    tags,
    response: TrainingRecordDto,
  },
  'GET /training/records/{userId}': {
    summary: 'Riwayat pelatihan seorang petugas',
    tags,
    params: z.object({ userId: uuid }),
    response: TrainingRecordDto,
  },
  'GET /training/requirements': {
    summary: 'Jenis pelatihan wajib per peran di wilayah kerja',
    tags,
    response: TrainingRequirementsDto,
  },
  'PUT /training/requirements': {
    summary: 'Atur jenis pelatihan wajib per peran dan masa berlakunya (admin Dinas, dengan versi)',
    tags,
    body: RequirementsInput,
    response: TrainingRequirementsDto,
  },
  'GET /training/gaps': {
    summary: 'Petugas kasus dan pendamping yang belum atau sudah kedaluwarsa pelatihan wajibnya',
    tags,
    response: TrainingGapsDto,
  },
});
