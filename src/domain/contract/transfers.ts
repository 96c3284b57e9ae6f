/** The transfers part of the API contract (see ./define.ts): pelimpahan of whole cases. */
import { z } from 'zod';
import { TransferDto } from '../dto.ts';
import { TransferCreateInput, TransferDecisionInput, TransferListQuery } from '../referral-schemas.ts';
import { uuid } from '../schemas.ts';
import { listOf, routes } from './define.ts';

const CaseId = z.object({ id: uuid });
const TransferId = z.object({ tid: uuid });
/** accept and cancel take only the version (decline adds a reason) */
const VersionInput = TransferDecisionInput.pick({ version: true });
const tags = ['Pelimpahan'];

export const transfersRoutes = routes({
  'POST /cases/{id}/transfers': {
    summary: 'Ajukan pelimpahan kasus (kab/kota lain, provinsi) atau tandai untuk tingkat nasional',
    tags,
    params: CaseId,
    body: TransferCreateInput,
    response: TransferDto,
    status: 201,
  },
  'GET /cases/{id}/transfers': {
    summary: 'Riwayat pelimpahan satu kasus',
    tags,
    params: CaseId,
    response: listOf(TransferDto),
  },
  'GET /transfers': {
    summary: 'Pelimpahan masuk (ke wilayah Anda) atau keluar (dari wilayah Anda)',
    tags,
    query: TransferListQuery,
    response: listOf(TransferDto),
  },
  'POST /transfers/{tid}/accept': {
    summary: 'Terima pelimpahan: kasus pindah ke UPTD penerima',
    tags,
    params: TransferId,
    body: VersionInput,
    response: TransferDto,
  },
  'POST /transfers/{tid}/decline': {
    summary: 'Tolak pelimpahan (dengan alasan)',
    tags,
    params: TransferId,
    body: TransferDecisionInput,
    response: TransferDto,
  },
  'POST /transfers/{tid}/cancel': {
    summary: 'Batalkan pelimpahan yang belum diputuskan (pengirim)',
    tags,
    params: TransferId,
    body: VersionInput,
    response: TransferDto,
  },
});
