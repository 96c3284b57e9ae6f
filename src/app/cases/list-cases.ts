/** The actor's cases, filtered, searched and paged. Search never needs a plaintext name. */

import { type CaseFilters, listCases as listCaseRows } from '../../db/case.repository.ts';
import { type List, pageOf } from '../../domain/contract/define.ts';
import type { CaseSummaryDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import { normaliseCode } from '../../domain/intake.ts';
import { isValidNik } from '../../domain/nik.ts';
import { can, caseScope } from '../../domain/policy.ts';
import type { CaseListQuery } from '../../domain/schemas.ts';
import type { Stage } from '../../domain/stages.ts';
import { localDayStart, localYear } from '../../domain/time.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { caseNumber } from './open-case.ts';
import { tasksForCases } from './tasks.ts';

/** Reads a free-text query as a case number, an intake follow-up code, NIK, phone number or name. */
export function searchFilters(ctx: AuthedCtx, q: string): CaseFilters {
  const s = q.trim();
  // a case number, whole or its beginning: "PPA-3602-2026-0001" or "3602-2026-0001"
  if (/^PPA-/i.test(s)) return { number: s.toUpperCase() };
  if (/^\d{4}-\d{4}(-\d{0,6})?$/.test(s)) return { number: `PPA-${s}` };
  // just the sequence ("123"): that case of the officer's kab/kota this year or last year
  const own = ctx.actor.jurisdiction;
  if (/^\d{1,6}$/.test(s) && own && own.length > 2) {
    const year = localYear(ctx.clock(), own);
    return { numberExact: [year, year - 1].map((y) => caseNumber(own, y, Number(s))) };
  }
  // a follow-up code as the reporter has it (ABCD-EFGH, any case); the dash tells it from a
  // two-part name such as "Nana Yuda", which is written with the code's letters too
  const code = /^[a-z0-9]{4}-[a-z0-9]{4}$/i.test(s) ? normaliseCode(s) : null;
  if (code) return { intakeCode: code };
  const digits = s.replace(/[\s\-+().]/g, '');
  if (/^\d{16}$/.test(digits) && isValidNik(digits)) return { nikHash: ctx.keys.nikHash(digits) };
  if (/^(62|0)\d{7,13}$/.test(digits)) return { phoneHash: ctx.keys.phoneHash(digits) };
  const { exact, phonetic } = ctx.keys.nameQuery(s);
  if (exact.length === 0) return { number: s };
  return { nameExact: exact, namePhonetic: phonetic };
}

export async function listCases(ctx: AuthedCtx, q: CaseListQuery): Promise<List<CaseSummaryDto>> {
  if (!can(ctx.actor, 'case:list')) throw new AppError('FORBIDDEN');
  const filters: CaseFilters = {
    stage: q.stage,
    risk: q.risk,
    form: q.form,
    region: q.region,
    // local days of the officer's own region (WIB/WITA/WIT)
    fromUtc: q.from ? localDayStart(q.from, ctx.actor.jurisdiction ?? '') : undefined,
    toUtc: q.to
      ? new Date(localDayStart(q.to, ctx.actor.jurisdiction ?? '').getTime() + 86_400_000)
      : undefined,
    mineUserId: q.mine === '1' ? ctx.actor.userId : undefined,
    openOnly: q.open === '1',
    ...(q.q ? searchFilters(ctx, q.q) : {}),
  };
  const db = ctx.conn.db;
  const scope = caseScope(ctx.actor);
  // a name: the exact spelling first; other spellings only when it finds nobody, so a common
  // name's sound-alikes never widen a search that already narrowed
  let found = await listCaseRows(db, scope, { ...filters, namePhonetic: undefined }, q.page, q.pageSize);
  if (found.rows.length === 0 && filters.namePhonetic?.length)
    found = await listCaseRows(db, scope, filters, q.page, q.pageSize);
  const { rows, ...count } = found;
  // the deadlines and the audit row in one round trip; the answer waits for both, so no list is
  // shown whose reading was not recorded
  const [tasks] = await Promise.all([
    tasksForCases(
      db,
      rows.map((r) => r.id),
      ctx.clock(),
    ),
    audit(ctx, db, {
      action: 'case.list',
      entity: 'case',
      entityId: null,
      outcome: 'ok',
      detail: { returned: rows.map((r) => r.id), searched: Boolean(q.q), page: q.page },
    }),
  ]);
  return pageOf(
    rows.map((r) => ({
      id: r.id,
      number: r.number,
      stage: r.stage as Stage,
      risk: r.risk,
      caseType: r.case_type,
      channel: r.channel,
      receivedAt: new Date(r.received_at).toISOString(),
      jurisdiction: r.jurisdiction,
      managerId: r.manager_id,
      managerName: r.manager_name,
      victimCount: Number(r.victim_count ?? 0),
      overdueCount: (tasks.get(r.id) ?? []).filter((t) => t.overdue).length,
      updatedAt: new Date(r.updated_at).toISOString(),
    })),
    q.page,
    q.pageSize,
    count,
  );
}
