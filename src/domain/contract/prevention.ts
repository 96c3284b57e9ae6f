/**
 * The prevention part of the API contract (issue 12 §1; decision 029): campaigns, activities with
 * their status changes, the Dinas's acceptance of a partner's report, materials and photos, and
 * the coverage of a kab/kota (JSON, printable HTML, XLSX).
 */
import { z } from 'zod';
import {
  ActivityInput,
  ActivityListQuery,
  ActivityReview,
  ActivityTransition,
  ActivityUpdate,
  CampaignInput,
  CampaignUpdate,
  CoverageQuery,
  Participants,
} from '../prevention.ts';
import { uuid } from '../schemas.ts';
import { CoordFileDto } from './coord-files.ts';
import { listOf, routes } from './define.ts';

/** The text field of an activity's upload: what the file is (materials used, or a photo). */
export const ActivityFileFields = z.strictObject({ purpose: z.enum(['materi', 'foto']) });

const tags = ['Pencegahan'];
const Id = z.object({ id: uuid });
const FileId = z.object({ id: uuid, fileId: uuid });
const Named = z.object({ id: z.string(), name: z.string() });
const Place = z.object({ code: z.string(), name: z.string(), district: z.string() });

export const ActivityDto = z
  .object({
    id: z.string(),
    jurisdiction: z.string(),
    campaign: Named.nullable(),
    title: z.string(),
    kind: z.string(),
    kindOther: z.string().nullable(),
    field: z.string(),
    setting: z.string(),
    targetGroups: z.array(z.string()),
    /** instants (ISO) and the same as local `YYYY-MM-DDTHH:mm` in the region's zone */
    startsAt: z.string(),
    endsAt: z.string(),
    startsLocal: z.string(),
    endsLocal: z.string(),
    /** WIB, WITA or WIT */
    zone: z.string(),
    place: Place,
    rtRw: z.string().nullable(),
    placeName: z.string().nullable(),
    school: z.object({ orgId: z.string().nullable(), name: z.string() }).nullable(),
    organiser: Named,
    partners: z.array(Named),
    /** names of the facilitators: only in one activity's view (audited), null in lists */
    facilitators: z.array(z.object({ userId: z.string().nullable(), name: z.string() })).nullable(),
    facilitatorCount: z.number().int(),
    description: z.string(),
    status: z.enum(['direncanakan', 'terlaksana', 'dilaporkan', 'dibatalkan']),
    cancelReason: z.string().nullable(),
    /** null: kept by the Dinas; else the Dinas's acceptance of a partner's report */
    review: z.enum(['menunggu', 'diterima', 'dikembalikan']).nullable(),
    reviewNote: z.string().nullable(),
    reportNotes: z.string().nullable(),
    participants: Participants.nullable(),
    participantTotal: z.number().int(),
    followups: z.array(z.object({ id: z.string(), text: z.string(), status: z.string() })),
    /** materials and photos (only in one activity's view) */
    files: z.array(CoordFileDto).nullable(),
    /** its start has passed (by the server's clock): only then may it be marked held or reported */
    started: z.boolean(),
    /** counted in the coverage (reported and, for a partner's report, accepted) */
    counted: z.boolean(),
    /** the actor may change it / accept or return its report */
    canEdit: z.boolean(),
    canReview: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PreventionActivityDto' });
export type ActivityDto = z.infer<typeof ActivityDto>;

export const CampaignDto = z
  .object({
    id: z.string(),
    jurisdiction: z.string(),
    name: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    description: z.string(),
    targetDesa: z.array(Place),
    targetSchools: z.array(z.object({ orgId: z.string().nullable(), name: z.string() })),
    targets: z.object({
      children: z.number().int().nullable(),
      adults: z.number().int().nullable(),
      activities: z.number().int().nullable(),
      desa: z.number().int().nullable(),
      schools: z.number().int().nullable(),
    }),
    /** every activity naming it, whatever its status (planned and cancelled too) */
    activityCount: z.number().int(),
    /** of those, the ones the coverage counts (reported; a partner's report accepted) */
    countedActivityCount: z.number().int(),
    canEdit: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PreventionCampaignDto' });
export type CampaignDto = z.infer<typeof CampaignDto>;

const People = z.object({
  activities: z.number().int(),
  childrenMale: z.number().int(),
  childrenFemale: z.number().int(),
  adultsMale: z.number().int(),
  adultsFemale: z.number().int(),
  children: z.number().int(),
  adults: z.number().int(),
  people: z.number().int(),
});
export type CoveragePeople = z.infer<typeof People>;

export const CoverageDto = z
  .object({
    region: z.object({ code: z.string(), name: z.string() }),
    from: z.string(),
    to: z.string(),
    campaign: Named.nullable(),
    totals: People.extend({
      desaReached: z.number().int(),
      desaTotal: z.number().int(),
      schoolsReached: z.number().int(),
    }),
    /** the campaign's targets (null without a campaign) */
    targets: z
      .object({
        children: z.number().int().nullable(),
        adults: z.number().int().nullable(),
        activities: z.number().int().nullable(),
        desa: z.number().int().nullable(),
        schools: z.number().int().nullable(),
        /** of the campaign's target desa: how many were reached, and which not */
        targetDesaTotal: z.number().int(),
        targetDesaReached: z.number().int(),
        targetDesaNotReached: z.array(Place),
      })
      .nullable(),
    desa: z.array(Place.extend(People.shape)),
    schools: z.array(
      z.object({ orgId: z.string().nullable(), name: z.string(), desa: z.string() }).extend(People.shape),
    ),
    neverReached: z.array(Place),
    /** desa with ≥ threshold cases in the 12 months to `to` and no counted activity then (aggregates only) */
    highCase: z.object({
      threshold: z.number().int(),
      from: z.string(),
      to: z.string(),
      items: z.array(Place.extend({ cases: z.number().int() })),
    }),
  })
  .meta({ id: 'PreventionCoverageDto' });
export type CoverageDto = z.infer<typeof CoverageDto>;

/** What the activity form offers: organisations, Simpul users (facilitators) and campaigns of the jurisdiction. */
export const PreventionOptionsDto = z
  .object({
    jurisdiction: z.string(),
    /** the actor organises its own activities only (a partner) */
    ownOrgOnly: z.boolean(),
    organisations: z.array(z.object({ id: z.string(), name: z.string(), type: z.string() })),
    users: z.array(z.object({ id: z.string(), name: z.string(), orgName: z.string() })),
    campaigns: z.array(Named),
  })
  .meta({ id: 'PreventionOptionsDto' });
export type PreventionOptionsDto = z.infer<typeof PreventionOptionsDto>;

export const preventionRoutes = routes({
  'GET /prevention/options': {
    summary:
      'Pilihan formulir kegiatan pencegahan: lembaga, pengguna (fasilitator) dan kampanye wilayah kerja',
    tags,
    response: PreventionOptionsDto,
  },
  'GET /prevention/campaigns': {
    summary: 'Daftar kampanye pencegahan wilayah kerja (seluruhnya, tanpa halaman)',
    tags,
    query: z.strictObject({}),
    response: listOf(CampaignDto),
  },
  'POST /prevention/campaigns': {
    summary: 'Buat kampanye pencegahan (periode, desa dan sekolah sasaran, target)',
    tags,
    body: CampaignInput,
    response: CampaignDto,
    status: 201,
  },
  'GET /prevention/campaigns/{id}': {
    summary: 'Satu kampanye pencegahan',
    tags,
    params: Id,
    response: CampaignDto,
  },
  'PATCH /prevention/campaigns/{id}': {
    summary: 'Ubah kampanye pencegahan (dengan versi)',
    tags,
    params: Id,
    body: CampaignUpdate,
    response: CampaignDto,
  },
  'DELETE /prevention/campaigns/{id}': {
    summary: 'Hapus kampanye yang belum memiliki kegiatan (dengan versi)',
    tags,
    params: Id,
    query: z.strictObject({ version: z.coerce.number().int().min(1).max(2_147_483_647) }),
    response: null,
  },
  'GET /prevention/activities': {
    summary: 'Daftar kegiatan pencegahan (saring: kampanye, status, jenis, wilayah, periode, penerimaan)',
    tags,
    query: ActivityListQuery,
    response: listOf(ActivityDto),
  },
  'POST /prevention/activities': {
    summary: 'Rencanakan kegiatan pencegahan (Dinas; mitra untuk kegiatan lembaganya sendiri)',
    tags,
    body: ActivityInput,
    response: ActivityDto,
    status: 201,
  },
  'GET /prevention/activities/{id}': {
    summary: 'Satu kegiatan pencegahan dengan fasilitator dan berkas (tercatat di audit)',
    tags,
    params: Id,
    response: ActivityDto,
  },
  'PATCH /prevention/activities/{id}': {
    summary: 'Ubah kegiatan pencegahan (dengan versi)',
    tags,
    params: Id,
    body: ActivityUpdate,
    response: ActivityDto,
  },
  'POST /prevention/activities/{id}/status': {
    summary:
      'Ubah status kegiatan: terlaksana, dilaporkan (dengan jumlah peserta) atau dibatalkan (dengan alasan)',
    tags,
    params: Id,
    body: ActivityTransition,
    response: ActivityDto,
  },
  'POST /prevention/activities/{id}/review': {
    summary: 'Dinas menerima atau mengembalikan (dengan catatan) laporan kegiatan dari mitra',
    tags,
    params: Id,
    body: ActivityReview,
    response: ActivityDto,
  },
  'POST /prevention/activities/{id}/files': {
    summary:
      'Unggah materi atau foto kegiatan (formulir: file, purpose = materi | foto; ≤ 20 MB; PDF, JPG, PNG, DOCX, XLSX, PPTX; foto: JPG/PNG)',
    tags,
    params: Id,
    upload: 'multipart',
    uploadFields: ActivityFileFields,
    response: CoordFileDto,
    status: 201,
  },
  'GET /prevention/activities/{id}/files/{fileId}': {
    summary: 'Unduh materi atau foto kegiatan',
    tags,
    params: FileId,
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
  'DELETE /prevention/activities/{id}/files/{fileId}': {
    summary: 'Hapus materi atau foto kegiatan',
    tags,
    params: FileId,
    response: null,
  },
  'GET /prevention/coverage': {
    summary:
      'Cakupan pencegahan kab/kota dalam periode: desa dan sekolah terjangkau, peserta per kelompok, capaian target kampanye, desa belum terjangkau, desa dengan banyak kasus tanpa kegiatan 12 bulan terakhir (agregat)',
    tags,
    query: CoverageQuery,
    response: CoverageDto,
  },
  'GET /prevention/coverage.xlsx': {
    summary:
      'Cakupan pencegahan sebagai XLSX (lembar: ringkasan, desa, sekolah, belum terjangkau, desa rawan)',
    tags,
    query: CoverageQuery,
    response: { file: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
  },
  'GET /prevention/coverage.html': {
    summary: 'Cakupan pencegahan sebagai halaman cetak (HTML)',
    tags,
    query: CoverageQuery,
    response: { file: ['text/html'] },
  },
});
