/**
 * The data officer's work list (issue 11 §4): the cases of the kab/kota not yet entered into
 * SIMFONI-PPA (or those already entered), newest report first, each with its number and the facts
 * SIMFONI asks for, in SIMFONI's labels — no name, NIK or birth date (those only leave in the
 * guarded export). Audited as one list read.
 */
import { listSimfoniCases, type SimfoniCaseRow } from '../../db/simfoni.repository.ts';
import { pageOf } from '../../domain/contract/define.ts';
import { FACT_COLUMNS, type SimfoniCaseDto, type SimfoniCaseListDto } from '../../domain/contract/simfoni.ts';
import { AppError } from '../../domain/errors.ts';
import { simfoniScope } from '../../domain/policy.ts';
import {
  SIMFONI_COLUMNS,
  type SimfoniCaseFacts,
  type SimfoniCaseQuery,
  simfoniGaps,
  simfoniRows,
} from '../../domain/simfoni.ts';
import { localDayStart } from '../../domain/time.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { gatherSimfoniFacts } from './facts.ts';

const DAY = 86_400_000;
const LABELS = new Map<string, string>(SIMFONI_COLUMNS.map(([k, label]) => [k, label]));

export function simfoniCaseDto(
  c: SimfoniCaseRow & { entered_by_name: string | null },
  f: SimfoniCaseFacts,
): SimfoniCaseDto {
  return {
    id: c.id,
    number: c.number,
    jurisdiction: c.jurisdiction,
    receivedAt: new Date(c.received_at).toISOString(),
    reportDate: f.reportDate,
    stage: c.stage,
    version: c.version,
    entry:
      c.simfoni_entered_on && c.simfoni_number && c.simfoni_recorded_at
        ? {
            enteredOn: c.simfoni_entered_on,
            simfoniNumber: c.simfoni_number,
            enteredBy: c.entered_by_name,
            recordedAt: new Date(c.simfoni_recorded_at).toISOString(),
          }
        : null,
    rows: simfoniRows(f).map(
      (r) => Object.fromEntries(FACT_COLUMNS.map((k) => [k, r[k]])) as SimfoniCaseDto['rows'][number],
    ),
    gaps: simfoniGaps(f),
  };
}

export async function listCasesForSimfoni(
  ctx: AuthedCtx,
  q: SimfoniCaseQuery,
  session: { twoFactor: boolean },
): Promise<SimfoniCaseListDto> {
  const scope = simfoniScope(ctx.actor);
  if (!scope)
    throw new AppError('FORBIDDEN', undefined, {
      action: 'simfoni.list',
      entity: 'case',
      entityId: null,
      outcome: 'denied',
    });
  const db = ctx.conn.db;
  const j = scope.jurisdiction;
  const page = await listSimfoniCases(
    db,
    scope,
    {
      entered: q.status === 'sudah',
      fromUtc: q.from ? localDayStart(q.from, j) : undefined,
      toUtc: q.to ? new Date(localDayStart(q.to, j).getTime() + DAY) : undefined,
    },
    q.page,
    q.pageSize,
  );
  const facts = await gatherSimfoniFacts(db, ctx.keys, page.rows, { identity: false });
  await audit(ctx, db, {
    action: 'simfoni.list',
    entity: 'case',
    entityId: null,
    outcome: 'ok',
    detail: { status: q.status, from: q.from ?? null, to: q.to ?? null, shown: page.rows.length },
  });
  return {
    ...pageOf(
      page.rows.map((c) => simfoniCaseDto(c, facts.get(c.id)!)),
      q.page,
      q.pageSize,
      { ...page.count, hasMore: page.hasMore },
    ),
    columns: FACT_COLUMNS.map((key) => ({ key, label: LABELS.get(key)! })),
    twoFactor: session.twoFactor,
  };
}
