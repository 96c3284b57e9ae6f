/** The letters part of the API contract (see ./define.ts): the referral letter as PDF. */
import { z } from 'zod';
import { uuid } from '../schemas.ts';
import { routes } from './define.ts';

export const lettersRoutes = routes({
  'GET /referrals/{id}/letter.pdf': {
    summary: 'Surat rujukan (PDF) dengan kode verifikasi',
    tags: ['Rujukan'],
    params: z.object({ id: uuid }),
    response: { file: ['application/pdf'] },
  },
});
