/** The KLA evaluations the reader sees (its kab/kota's; a province: its kab/kota's once submitted). */
import { listEvaluations } from '../../db/kla.repository.ts';
import type { KlaEvaluationSummaryDto } from '../../domain/contract/kla.ts';
import type { AuthedCtx } from '../context.ts';
import { klaReadScope } from './access.ts';
import { summaryDto } from './views.ts';

export async function listKlaEvaluations(
  ctx: AuthedCtx,
  q: { year?: number | undefined },
): Promise<KlaEvaluationSummaryDto[]> {
  const scope = klaReadScope(ctx, 'kla.evaluation.list');
  return (await listEvaluations(ctx.conn.db, scope, q.year)).map(summaryDto);
}
