/** A year's national holidays and cuti bersama, as the administrator enters them (issue 10 §2). */
import { z } from 'zod';
import { isoDate, reqText } from './schemas.ts';

export const HOLIDAY_KINDS = ['libur_nasional', 'cuti_bersama'] as const;

export const HolidayYear = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const HolidayYearInput = z
  .strictObject({
    days: z
      .array(
        z.strictObject({
          date: isoDate,
          name: reqText(200),
          kind: z.enum(HOLIDAY_KINDS, { message: 'invalid_value' }),
        }),
      )
      .max(60, 'too_many'),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.days.forEach((d, i) => {
      if (seen.has(d.date)) ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: 'duplicate' });
      seen.add(d.date);
    });
  });
export type HolidayYearInput = z.infer<typeof HolidayYearInput>;
