/**
 * A file of a prevention or coordination record (src/app/coord-files.ts): what a page shows of it.
 * Each module's contract uses this DTO for its own upload and list operations.
 */
import { z } from 'zod';

export const CoordFilePurpose = z.enum(['materi', 'foto', 'dokumen', 'bukti']);

export const CoordFileDto = z
  .object({
    id: z.string(),
    /** materi (materials used), foto (photos), dokumen (documents), bukti (evidence) */
    purpose: CoordFilePurpose,
    filename: z.string(),
    /** the type read from the bytes */
    mime: z.string(),
    size: z.number().int(),
    /** the user who uploaded it (null when that account is gone) */
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'CoordFileDto' });
export type CoordFileDto = z.infer<typeof CoordFileDto>;
