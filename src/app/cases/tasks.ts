/** Deadline tasks for a set of cases, from the rules in src/domain/deadlines.ts. */

import { deadlineFactsRows, listCases } from '../../db/case.repository.ts';
import { holidayDates } from '../../db/holiday.repository.ts';
import { computeTasks, DEADLINE_LABELS, firstResponseService, stageAtLeast } from '../../domain/deadlines.ts';
import type { TaskDto } from '../../domain/dto.ts';
import { caseScope, tasksOwner } from '../../domain/policy.ts';
import type { Stage } from '../../domain/stages.ts';
import { startOfLocalDay } from '../../domain/time.ts';
import type { AuthedCtx, Tx } from '../context.ts';

const d = (v: unknown): Date | null => (v ? new Date(v as string) : null);

export async function tasksForCases(
  db: Tx,
  caseIds: readonly string[],
  now: Date,
): Promise<Map<string, TaskDto[]>> {
  // both at once: the page waits for one round trip, not two
  const [{ cases, sexual, records }, holidays] = await Promise.all([
    deadlineFactsRows(db, caseIds),
    caseIds.length > 0 ? holidayDates(db) : undefined,
  ]);
  const out = new Map<string, TaskDto[]>();
  for (const c of cases) {
    const recs = records.filter((r) => r.case_id === c.id);
    // services and rights are recorded with a date only: the rules compare the start of that day
    // in the unit's zone, and a task done by one says the date, never a made-up 00:00
    const dateOnly = new Map<number, string>();
    const day = (date: string) => {
      const at = startOfLocalDay(date, c.jurisdiction);
      dateOnly.set(at.getTime(), date);
      return at;
    };
    const services = recs
      .filter((r) => r.kind === 'service')
      .map((r) => r.data as { service: string; date: string });
    const serviceDates = services.map((s) => day(s.date)).sort((a, b) => a.getTime() - b.getTime());
    const police = services.filter((s) => s.service === 'lapor_polisi').map((s) => day(s.date));
    const rights = recs
      .filter(
        (r) =>
          r.kind === 'right' &&
          (r.data as { right?: string }).right === 'restitusi' &&
          (r.data as { decisionDate?: string }).decisionDate,
      )
      .map((r) => {
        const x = r.data as { victimId: string; decisionDate: string; status: string; date?: string };
        return {
          victimId: x.victimId,
          decisionDate: startOfLocalDay(x.decisionDate, c.jurisdiction),
          fulfilledAt: x.status === 'terpenuhi' ? day(x.date ?? x.decisionDate) : null,
        };
      });
    const assessmentStartedAt =
      d(c.assessment_started_at) ?? (stageAtLeast(c.stage as Stage, 'asesmen') ? d(c.received_at) : null);
    const tasks = computeTasks(
      {
        receivedAt: new Date(c.received_at),
        regionCode: c.jurisdiction,
        holidays,
        stage: c.stage as Stage,
        risk: c.risk,
        sexualViolence: sexual.has(c.id),
        firstServiceAt: firstResponseService(serviceDates, new Date(c.received_at), c.jurisdiction),
        assessmentStartedAt,
        policeReportedAt: police[0] ?? null,
        restitutions: rights,
        closedAt: d(c.closed_at),
      },
      now,
    );
    out.set(
      c.id,
      tasks.map((t) => ({
        caseId: c.id,
        caseNumber: c.number,
        rule: t.rule,
        label: DEADLINE_LABELS[t.rule],
        dueAt: t.dueAt.toISOString(),
        doneAt: t.doneAt ? (dateOnly.get(t.doneAt.getTime()) ?? t.doneAt.toISOString()) : null,
        overdue: t.overdue,
        ...(t.subjectId ? { subjectId: t.subjectId } : {}),
      })),
    );
  }
  return out;
}

/** Open tasks of the cases the actor manages or accompanies (or, for intake, all new cases in scope). */
export async function myTasks(ctx: AuthedCtx): Promise<TaskDto[]> {
  const db = ctx.conn.db;
  const scope = caseScope(ctx.actor);
  const mine = tasksOwner(ctx.actor) ?? undefined;
  const open = await listCases(
    db,
    scope,
    { mineUserId: mine, ...(mine ? {} : { stage: 'penerimaan' }) },
    1,
    100,
  );
  const ids = open.rows.filter((r) => r.stage !== 'terminasi').map((r) => r.id);
  const byCase = await tasksForCases(db, ids, ctx.clock());
  const all = [...byCase.values()].flat().filter((t) => t.doneAt === null);
  all.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt));
  return all;
}
