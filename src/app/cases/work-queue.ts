/**
 * The top of a case manager's home page (decision 013): "Belum ada manajer kasus" — open cases of
 * the kab/kota nobody manages yet — and "Jatuh tempo hari ini" — open tasks of the kab/kota's
 * cases due today in its own time zone. Both high risk first, then by due time, at most
 * QUEUE_LIMIT each with the total. The SQL reads only unassigned open cases and the cases of the
 * last few days (plus restitution decisions of one date), never all cases of the region.
 */
import { listCasesWithTasksIn, listUnassignedCases } from '../../db/case.repository.ts';
import {
  FOLLOW_UP_WORKING_DAYS,
  HIGH_RISK_RESPONSE_MS,
  POLICE_REPORT_MS,
  RESTITUTION_DAYS,
  riskRank,
} from '../../domain/deadlines.ts';
import type { QueueItemDto, TaskDto, WorkQueueDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import { caseScope, workQueueScope } from '../../domain/policy.ts';
import type { Stage } from '../../domain/stages.ts';
import { localDayBounds } from '../../domain/time.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { tasksForCases } from './tasks.ts';

export const QUEUE_LIMIT = 50;
const DAY = 86_400_000;
/** Deadlines running from receipt end at most this long after it (3 working days + a weekend). */
const LONGEST_FROM_RECEIPT = Math.max((FOLLOW_UP_WORKING_DAYS + 2) * DAY, POLICE_REPORT_MS);

type Row = {
  id: string;
  number: string;
  stage: string;
  risk: string | null;
  received_at: Date | string;
  manager_id: string | null;
  manager_name: string | null;
};

function item(r: Row, t: TaskDto | null): QueueItemDto {
  return {
    caseId: r.id,
    caseNumber: r.number,
    stage: r.stage as Stage,
    risk: r.risk,
    receivedAt: new Date(r.received_at).toISOString(),
    managerId: r.manager_id,
    managerName: r.manager_name,
    task: t
      ? {
          rule: t.rule,
          label: t.label,
          dueAt: t.dueAt,
          overdue: t.overdue,
          ...(t.subjectId ? { subjectId: t.subjectId } : {}),
        }
      : null,
  };
}

/** High risk first, then the earlier due time (no task last), then the earlier receipt. */
function byUrgency(a: QueueItemDto, b: QueueItemDto): number {
  return (
    riskRank(a.risk) - riskRank(b.risk) ||
    (a.task?.dueAt ?? '\uffff').localeCompare(b.task?.dueAt ?? '\uffff') ||
    a.receivedAt.localeCompare(b.receivedAt) ||
    a.caseId.localeCompare(b.caseId)
  );
}

function minusDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10);
}

export async function workQueue(ctx: AuthedCtx): Promise<WorkQueueDto> {
  const jurisdiction = workQueueScope(ctx.actor);
  if (jurisdiction === null) throw new AppError('FORBIDDEN');
  const db = ctx.conn.db;
  const now = ctx.clock();
  const scope = caseScope(ctx.actor);
  const day = localDayBounds(now, jurisdiction);
  const [unassigned, recent] = await Promise.all([
    listUnassignedCases(db, scope, QUEUE_LIMIT),
    listCasesWithTasksIn(
      db,
      scope,
      new Date(day.start.getTime() - LONGEST_FROM_RECEIPT),
      new Date(day.end.getTime() - HIGH_RISK_RESPONSE_MS),
      [minusDays(day.date, RESTITUTION_DAYS)],
    ),
  ]);
  const ids = [...new Set([...unassigned.rows, ...recent].map((r) => r.id))];
  const tasks = await tasksForCases(db, ids, now);
  const open = (id: string) => (tasks.get(id) ?? []).filter((t) => t.doneAt === null);

  const unassignedItems = unassigned.rows
    .map((r) => item(r, open(r.id).sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0] ?? null))
    .sort(byUrgency);
  const from = day.start.toISOString();
  const to = day.end.toISOString();
  const due = recent
    .flatMap((r) =>
      open(r.id)
        .filter((t) => t.dueAt >= from && t.dueAt < to)
        .map((t) => item(r, t)),
    )
    .sort(byUrgency);
  const dueItems = due.slice(0, QUEUE_LIMIT);

  await audit(ctx, db, {
    action: 'case.queue',
    entity: 'case',
    entityId: null,
    outcome: 'ok',
    detail: { returned: [...new Set([...unassignedItems, ...dueItems].map((i) => i.caseId))] },
  });
  return {
    asOf: now.toISOString(),
    today: day.date,
    unassigned: { items: unassignedItems, total: unassigned.total },
    dueToday: { items: dueItems, total: due.length },
  };
}
