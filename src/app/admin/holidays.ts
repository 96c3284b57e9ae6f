/**
 * National holidays and cuti bersama, entered by the installation's administrator each year from
 * the SKB of the three ministers (issue 10 §2). Working-day deadlines skip them; nothing is
 * shipped as code, because the list changes every year.
 */

import { holidaysOfYear, replaceHolidaysOfYear } from '../../db/holiday.repository.ts';
import type { HolidayYearDto } from '../../domain/contract/admin.ts';
import { wholeList } from '../../domain/contract/define.ts';
import { AppError } from '../../domain/errors.ts';
import type { HolidayYearInput } from '../../domain/holiday-schemas.ts';
import { can } from '../../domain/policy.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { requireAdmin } from './require-admin.ts';

/** A year's whole list (a few dozen days). */
export async function listHolidays(ctx: AuthedCtx, year: number): Promise<HolidayYearDto> {
  requireAdmin(ctx);
  const rows = await holidaysOfYear(ctx.conn.db, year);
  return {
    ...wholeList(rows.map((r) => ({ date: String(r.date), name: r.name, kind: r.kind }))),
    year,
  };
}

export async function setHolidays(
  ctx: AuthedCtx,
  year: number,
  input: HolidayYearInput,
): Promise<HolidayYearDto> {
  // one national list: only the administrator of the whole installation changes it
  if (!can(ctx.actor, 'holiday:edit')) throw new AppError('FORBIDDEN');
  const outside = input.days.findIndex((d) => !d.date.startsWith(`${year}-`));
  if (outside >= 0) throw new AppError('VALIDATION_FAILED', { [`days.${outside}.date`]: 'not_in_year' });
  const now = ctx.clock();
  await ctx.conn.db.transaction().execute(async (trx) => {
    await replaceHolidaysOfYear(trx, year, input.days, ctx.actor.userId, now);
    await audit(ctx, trx, {
      action: 'calendar.update',
      entity: 'holiday',
      entityId: String(year),
      outcome: 'ok',
      detail: { days: input.days.length },
    });
  });
  return listHolidays(ctx, year);
}
