/** The RAD plans a reader may see: a region's plans, or those with a partner's own activities. */
import { listPlans } from '../../db/rad.repository.ts';
import type { RadPlanSummaryDto } from '../../domain/contract/rad.ts';
import type { AuthedCtx } from '../context.ts';
import { radScope } from './access.ts';
import { planSummary } from './views.ts';

export async function listRadPlans(ctx: AuthedCtx): Promise<RadPlanSummaryDto[]> {
  const scope = radScope(ctx, 'rad.list');
  const rows = await listPlans(ctx.conn.db, scope);
  return rows.map((p) => planSummary(ctx, p, Number(p.activities ?? 0)));
}
