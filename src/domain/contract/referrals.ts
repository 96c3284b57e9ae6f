/** The referrals part of the API contract (see ./define.ts): rujukan and their time standards. */
import { z } from 'zod';
import { ReferralDto, ReferralSuggestionDto, ReferralSummaryDto } from '../dto.ts';
import {
  AcceptInput,
  CancelInput,
  CompleteInput,
  DeclineInput,
  DeliveredServiceInput,
  HandlingInput,
  InvestigationInput,
  MessageInput,
  ReferralCreateInput,
  ReferralListQuery,
  SlaInput,
  SuggestionQuery,
  WithdrawConsentInput,
} from '../referral-schemas.ts';
import { URGENCIES } from '../referrals.ts';
import { uuid } from '../schemas.ts';
import { listOf, routes } from './define.ts';

const Id = z.object({ id: uuid });
const tags = ['Rujukan'];

/** A member of the receiving organisation's staff who can be named to handle a referral. */
export const ReferralOfficerDto = z
  .object({ id: z.string(), name: z.string() })
  .meta({ id: 'ReferralOfficerDto' });
export type ReferralOfficerDto = z.infer<typeof ReferralOfficerDto>;

/** One region override of a referral time standard; service `*`: every service of that urgency. */
export const SlaOverrideDto = z
  .object({
    urgency: z.enum(URGENCIES),
    service: z.string(),
    acceptHours: z.number().int(),
    completeDays: z.number().int(),
  })
  .meta({ id: 'SlaOverrideDto' });
export type SlaOverrideDto = z.infer<typeof SlaOverrideDto>;

/** The referral time standards of a kab/kota: the defaults and the region's own overrides. */
export const ReferralSlaDto = z
  .object({
    jurisdiction: z.string(),
    defaults: z.array(
      z.object({
        urgency: z.enum(URGENCIES),
        acceptHours: z.number().int(),
        completeDays: z.number().int(),
        /** services whose completion window is shorter than the urgency's, in days */
        serviceCompleteDays: z.record(z.string(), z.number().int()),
      }),
    ),
    overrides: z.array(SlaOverrideDto),
  })
  .meta({ id: 'ReferralSlaDto' });
export type ReferralSlaDto = z.infer<typeof ReferralSlaDto>;

export const referralsRoutes = routes({
  'GET /cases/{id}/referrals': {
    summary: 'Rujukan dari satu kasus',
    tags,
    params: Id,
    response: listOf(ReferralSummaryDto),
  },
  'POST /cases/{id}/referrals': {
    summary: 'Rujuk korban ke lembaga (dengan persetujuan dan data minimum)',
    tags,
    params: Id,
    body: ReferralCreateInput,
    response: ReferralDto,
    status: 201,
  },
  'GET /cases/{id}/referral-suggestions': {
    summary: 'Saran lembaga tujuan rujukan',
    tags,
    params: Id,
    query: SuggestionQuery,
    response: listOf(ReferralSuggestionDto),
  },
  'GET /referrals': {
    summary: 'Rujukan masuk atau keluar',
    tags,
    query: ReferralListQuery,
    response: listOf(ReferralSummaryDto),
  },
  'GET /referrals/{id}': {
    summary: 'Satu rujukan (sesuai pihak pembaca)',
    tags,
    params: Id,
    response: ReferralDto,
  },
  'POST /referrals/{id}/accept': {
    summary: 'Terima rujukan',
    tags,
    params: Id,
    body: AcceptInput,
    response: ReferralDto,
  },
  'POST /referrals/{id}/decline': {
    summary: 'Tolak rujukan dengan alasan',
    tags,
    params: Id,
    body: DeclineInput,
    response: ReferralDto,
  },
  'POST /referrals/{id}/handling': {
    summary: 'Ubah petugas atau jadwal pertemuan',
    tags,
    params: Id,
    body: HandlingInput,
    response: ReferralDto,
  },
  'POST /referrals/{id}/investigation': {
    summary: 'Catat nomor laporan polisi dan status penyidikan (Unit PPA kepolisian)',
    tags,
    params: Id,
    body: InvestigationInput,
    response: ReferralDto,
    status: 201,
  },
  'GET /referrals/{id}/officers': {
    summary: 'Petugas lembaga penerima yang dapat ditunjuk',
    tags,
    params: Id,
    response: listOf(ReferralOfficerDto),
  },
  'POST /referrals/{id}/services': {
    summary: 'Catat layanan yang diberikan',
    tags,
    params: Id,
    body: DeliveredServiceInput,
    response: ReferralDto,
    status: 201,
  },
  'POST /referrals/{id}/complete': {
    summary: 'Selesaikan rujukan',
    tags,
    params: Id,
    body: CompleteInput,
    response: ReferralDto,
  },
  'POST /referrals/{id}/cancel': {
    summary: 'Batalkan rujukan',
    tags,
    params: Id,
    body: CancelInput,
    response: ReferralDto,
  },
  'POST /referrals/{id}/withdraw-consent': {
    summary: 'Cabut persetujuan',
    tags,
    params: Id,
    body: WithdrawConsentInput,
    response: ReferralDto,
  },
  'POST /referrals/{id}/messages': {
    summary: 'Kirim pesan atau pertanyaan',
    tags,
    params: Id,
    body: MessageInput,
    response: ReferralDto,
    status: 201,
  },
  'GET /referral-sla': {
    summary: 'Standar waktu rujukan wilayah Anda',
    tags,
    response: ReferralSlaDto,
  },
  'PUT /referral-sla': {
    summary: 'Atur standar waktu rujukan (administrator dinas)',
    tags,
    body: SlaInput,
    response: ReferralSlaDto,
  },
});
