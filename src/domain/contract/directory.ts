/**
 * The directory part of the API contract (see ./define.ts): organisations and services,
 * cooperation agreements (MoU/PKS), requests to join and partner performance.
 */
import { z } from 'zod';
import {
  AgreementInput,
  AgreementListQuery,
  AgreementPartiesInput,
  AgreementUpdate,
  CapacityInput,
  DirectoryQuery,
  JoinApproveInput,
  JoinRejectInput,
  JoinRequestListQuery,
  PerformanceQuery,
} from '../directory.ts';
import { AgreementDto, DirectoryEntryDto, JoinRequestDto, PartnerPerformanceDto } from '../dto.ts';
import { uuid } from '../schemas.ts';
import { listOf, routes } from './define.ts';

const Id = z.object({ id: uuid });
const tags = ['Direktori'];
const ktags = ['Kerja sama'];
const jtags = ['Permohonan bergabung'];

/** A request to join accepted: the organisation made and its first user, with the password shown once. */
export const JoinApprovalDto = z
  .object({
    request: JoinRequestDto,
    orgId: z.string(),
    user: z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      role: z.literal('mitra'),
    }),
    /** shown once; the user changes it at the first sign-in */
    temporaryPassword: z.string(),
  })
  .meta({ id: 'JoinApprovalDto' });
export type JoinApprovalDto = z.infer<typeof JoinApprovalDto>;

/** The file name of an uploaded agreement document (the body is the PDF itself). */
const DocumentQuery = z.object({ name: z.string().optional() });

export const directoryRoutes = routes({
  'GET /directory': {
    summary: 'Direktori lembaga dan layanan',
    tags,
    query: DirectoryQuery,
    response: listOf(DirectoryEntryDto),
  },
  'GET /directory/{id}': { summary: 'Satu entri direktori', tags, params: Id, response: DirectoryEntryDto },
  'POST /directory/{id}/verify': {
    summary: 'Tandai data lembaga sudah diverifikasi',
    tags,
    params: Id,
    response: DirectoryEntryDto,
  },
  'PATCH /directory/{id}/capacity': {
    summary: 'Perbarui kapasitas (tempat kosong)',
    tags,
    params: Id,
    body: CapacityInput,
    response: DirectoryEntryDto,
  },
  'GET /agreements': {
    summary: 'Perjanjian kerja sama (MoU/PKS)',
    tags: ktags,
    query: AgreementListQuery,
    response: listOf(AgreementDto),
  },
  'POST /agreements': {
    summary: 'Catat perjanjian kerja sama (header Idempotency-Key diterima)',
    tags: ktags,
    body: AgreementInput,
    response: AgreementDto,
    status: 201,
  },
  'GET /agreements/{id}': { summary: 'Satu perjanjian', tags: ktags, params: Id, response: AgreementDto },
  'PATCH /agreements/{id}': {
    summary: 'Ubah perjanjian kerja sama',
    tags: ktags,
    params: Id,
    body: AgreementUpdate,
    response: AgreementDto,
  },
  'PUT /agreements/{id}/parties': {
    summary: 'Tetapkan para pihak perjanjian (daftar lengkap: tambah atau hapus pihak)',
    tags: ktags,
    params: Id,
    body: AgreementPartiesInput,
    response: AgreementDto,
  },
  'PUT /agreements/{id}/document': {
    summary: 'Unggah dokumen perjanjian (PDF, ≤ 10 MB; isi permintaan = berkas PDF)',
    tags: ktags,
    params: Id,
    query: DocumentQuery,
    upload: 'raw',
    accepts: ['application/pdf'],
    response: AgreementDto,
  },
  'GET /agreements/{id}/document': {
    summary: 'Unduh dokumen perjanjian',
    tags: ktags,
    params: Id,
    response: { file: ['application/pdf'] },
  },
  'GET /join-requests': {
    summary: 'Permohonan bergabung',
    tags: jtags,
    query: JoinRequestListQuery,
    response: listOf(JoinRequestDto),
  },
  'POST /join-requests/{id}/approve': {
    summary: 'Terima permohonan: buat lembaga dan pengguna pertamanya',
    tags: jtags,
    params: Id,
    body: JoinApproveInput,
    response: JoinApprovalDto,
  },
  'POST /join-requests/{id}/reject': {
    summary: 'Tolak permohonan bergabung',
    tags: jtags,
    params: Id,
    body: JoinRejectInput,
    response: JoinRequestDto,
  },
  'GET /partner-performance': {
    summary: 'Kinerja lembaga mitra per layanan',
    tags: ['Kinerja mitra'],
    query: PerformanceQuery,
    response: PartnerPerformanceDto,
  },
});
