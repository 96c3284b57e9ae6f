/**
 * The Dinas's required training types per case role (with an optional validity in years), set by
 * its administrator (`training:settings`) as one whole list with the version read; read by its
 * staff. And the gap view: the jurisdiction's case officers and companions who have not completed
 * a required type, or whose last completion expired — for the Dinas's managers and `pimpinan`.
 */
import {
  completionsOf,
  findRequirementSet,
  findTrainingType,
  listRequirements,
  replaceRequirements,
  usersWithin,
} from '../../db/training.repository.ts';
import type { TrainingGapsDto, TrainingRequirementsDto } from '../../domain/contract/training.ts';
import { AppError } from '../../domain/errors.ts';
import {
  canReadTrainingOfPeople,
  canSetTrainingRequirements,
  coordinationScope,
  jurisdictionOf,
} from '../../domain/policy.ts';
import { localDate } from '../../domain/time.ts';
import { CASE_ROLES, type CaseRole, type RequirementsInput, trainingGaps } from '../../domain/training.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { related } from './access.ts';

async function requirementsOf(
  ctx: AuthedCtx,
  db: Tx,
  jurisdiction: string,
): Promise<TrainingRequirementsDto> {
  const set = await findRequirementSet(db, jurisdiction);
  const rows = await listRequirements(db, [jurisdiction]);
  const byType = new Map<string, TrainingRequirementsDto['items'][number]>();
  for (const r of rows) {
    const item = byType.get(r.type_id) ?? {
      typeId: r.type_id,
      typeName: r.type_name,
      roles: [],
      validYears: r.valid_years,
    };
    item.roles.push(r.role);
    byType.set(r.type_id, item);
  }
  return {
    jurisdiction,
    version: set?.version ?? 0,
    items: [...byType.values()],
    canEdit: canSetTrainingRequirements(ctx.actor, jurisdiction),
  };
}

export async function getRequirements(ctx: AuthedCtx): Promise<TrainingRequirementsDto> {
  if (coordinationScope(ctx.actor).kind === 'none') throw new AppError('FORBIDDEN');
  return requirementsOf(ctx, ctx.conn.db, ctx.actor.jurisdiction);
}

export async function setRequirements(
  ctx: AuthedCtx,
  input: RequirementsInput,
): Promise<TrainingRequirementsDto> {
  const jurisdiction = ctx.actor.jurisdiction;
  if (!canSetTrainingRequirements(ctx.actor, jurisdiction))
    throw new AppError('FORBIDDEN', undefined, {
      action: 'training.requirements',
      entity: 'training_requirement',
      entityId: null,
      outcome: 'denied',
    });
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute(async (trx) => {
    // one row per (type, role); a type listed twice keeps the union of its roles and its first validity
    const rows = new Map<string, { typeId: string; role: CaseRole; validYears: number | null }>();
    for (const [i, item] of input.items.entries()) {
      const t = await findTrainingType(trx, item.typeId);
      if (!t || (t.jurisdiction !== null && !related(t.jurisdiction, jurisdiction)))
        throw new AppError('VALIDATION_FAILED', { [`items.${i}.typeId`]: 'invalid_value' });
      if (!t.active) throw new AppError('VALIDATION_FAILED', { [`items.${i}.typeId`]: 'inactive_type' });
      for (const role of item.roles) {
        const k = `${item.typeId}:${role}`;
        if (!rows.has(k)) rows.set(k, { typeId: item.typeId, role, validYears: item.validYears });
      }
    }
    const ok = await replaceRequirements(
      trx,
      jurisdiction,
      input.version,
      [...rows.values()],
      ctx.actor.userId,
      now,
    );
    if (!ok) throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, {
      action: 'training.requirements',
      entity: 'training_requirement',
      entityId: null,
      outcome: 'ok',
      detail: { jurisdiction, count: rows.size },
    });
    return requirementsOf(ctx, trx, jurisdiction);
  });
}

export async function trainingGapView(ctx: AuthedCtx): Promise<TrainingGapsDto> {
  const root = ctx.actor.jurisdiction;
  if (!canReadTrainingOfPeople(ctx.actor, root))
    throw new AppError('FORBIDDEN', undefined, {
      action: 'training.gaps_read',
      entity: 'training_requirement',
      entityId: null,
      outcome: 'denied',
    });
  const db = ctx.conn.db;
  const today = localDate(ctx.clock(), root);
  const people = await usersWithin(db, root, CASE_ROLES);
  // each person is held to the requirements of their own kab/kota (or province) Dinas
  const jurisdictions = [...new Set(people.map((p) => jurisdictionOf(p.jurisdiction)))];
  const reqs = await listRequirements(db, jurisdictions);
  const typeNames = new Map(reqs.map((r) => [r.type_id, r.type_name]));
  const done = await completionsOf(
    db,
    people.map((p) => p.id),
  );
  const byUser = new Map<string, Array<{ typeId: string; completedOn: string }>>();
  for (const c of done) {
    if (!c.user_id) continue;
    const list = byUser.get(c.user_id) ?? [];
    list.push({ typeId: c.type_id, completedOn: c.ends_on });
    byUser.set(c.user_id, list);
  }
  const out: TrainingGapsDto['people'] = [];
  for (const p of people) {
    const mine = reqs
      .filter((r) => r.jurisdiction === jurisdictionOf(p.jurisdiction))
      .map((r) => ({ typeId: r.type_id, role: r.role, validYears: r.valid_years }));
    const missing = trainingGaps(p.role, mine, byUser.get(p.id) ?? [], today);
    if (missing.length > 0)
      out.push({
        userId: p.id,
        name: p.name,
        role: p.role,
        org: { id: p.org_id, name: p.org_name },
        missing: missing.map((m) => ({ ...m, typeName: typeNames.get(m.typeId) ?? '' })),
      });
  }
  await audit(ctx, db, {
    action: 'training.gaps_read',
    entity: 'training_requirement',
    entityId: null,
    outcome: 'ok',
    detail: { jurisdiction: root, people: out.length },
  });
  return { jurisdiction: root, today, checked: people.length, people: out };
}
