/**
 * Add or edit a victim, alleged perpetrator or reporter. Identifying fields are encrypted; NIK
 * and phone get a keyed hash and the name keyed tokens for search (invariant 3).
 */

import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import { addCaseEvent, updateVersioned } from '../../db/case.repository.ts';
import { findPerson, findPersonRoles, insertPerson, upsertRelationship } from '../../db/person.repository.ts';
import { getRegion } from '../../db/region.repository.ts';
import type { PersonTable } from '../../db/schema.ts';
import { AppError } from '../../domain/errors.ts';
import type { PersonInput } from '../../domain/schemas.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import type { Keyring } from '../crypto.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { loadForWrite, replayOnCase } from './access.ts';
import { personDto } from './mappers.ts';

async function checkRegion(db: Tx, code: string | null | undefined, field: string) {
  if (code && !(await getRegion(db, code)))
    throw new AppError('UNKNOWN_REGION', { [field]: 'unknown_region' });
}

export function personColumns(k: Keyring, p: Partial<PersonInput>) {
  const set: Updateable<PersonTable> = {};
  const has = (key: keyof PersonInput) => Object.hasOwn(p, key) && p[key] !== undefined;
  if (has('name')) {
    set.name_enc = k.encrypt(p.name!);
    set.name_tokens = k.nameTokens(p.name!);
  }
  if (has('nik')) {
    set.nik_enc = k.encrypt(p.nik ?? null);
    set.nik_hash = p.nik ? k.nikHash(p.nik) : null;
  }
  if (has('phone')) {
    set.phone_enc = k.encrypt(p.phone ?? null);
    set.phone_hash = p.phone ? k.phoneHash(p.phone) : null;
  }
  if (has('addressDetail')) set.address_enc = k.encrypt(p.addressDetail ?? null);
  if (has('accommodationNeeds')) set.accommodation_enc = k.encrypt(p.accommodationNeeds ?? null);
  // each column by name: a misspelt column or a value of the wrong type does not compile
  if (has('sex')) set.sex = p.sex ?? null;
  if (has('birthDate')) set.birth_date = p.birthDate ?? null;
  if (has('estimatedAge')) set.estimated_age = p.estimatedAge ?? null;
  if (has('ageGroup')) set.age_group = p.ageGroup ?? null;
  if (has('regionCode')) set.region_code = p.regionCode ?? null;
  if (has('education')) set.education = p.education ?? null;
  if (has('occupation')) set.occupation = p.occupation ?? null;
  if (has('maritalStatus')) set.marital_status = p.maritalStatus ?? null;
  if (has('disability')) set.disability = p.disability ?? null;
  if (has('nationality')) set.nationality = p.nationality ?? null;
  if (has('relationToVictim')) set.relation_to_victim = p.relationToVictim ?? null;
  if (has('disabilityTypes')) set.disability_types = p.disabilityTypes ?? [];
  return set;
}

export async function addPerson(ctx: AuthedCtx, caseId: string, input: PersonInput, key?: IdempotencyKey) {
  const now = ctx.clock();
  const id = randomUUID();
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(ctx, trx, key, replayOnCase(ctx, trx, caseId, 'person.create', 'person'), async () => {
      const c = await loadForWrite(ctx, trx, caseId, 'update', 'person.create');
      await checkRegion(trx, input.regionCode, 'regionCode');
      const row = await insertPerson(
        trx,
        {
          id,
          case_id: caseId,
          jurisdiction: c.jurisdiction,
          role: input.role,
          created_at: now,
          updated_at: now,
        },
        personColumns(ctx.keys, input),
      );
      await addCaseEvent(trx, caseId, ctx.actor.userId, 'person.added', now, {
        personId: id,
        role: input.role,
      });
      await audit(ctx, trx, {
        action: 'person.create',
        entity: 'person',
        entityId: id,
        outcome: 'ok',
        detail: { caseId },
      });
      return personDto(ctx.keys, row, new Map(), now);
    }),
  );
}

export async function updatePerson(
  ctx: AuthedCtx,
  caseId: string,
  personId: string,
  input: Partial<PersonInput> & { version: number },
) {
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute(async (trx) => {
    await loadForWrite(ctx, trx, caseId, 'update', 'person.update');
    await checkRegion(trx, input.regionCode, 'regionCode');
    const { version, ...rest } = input;
    const r = await updateVersioned(
      trx,
      'person',
      personId,
      caseId,
      version,
      personColumns(ctx.keys, rest),
      now,
    );
    if (r === 'missing') throw new AppError('NOT_FOUND');
    if (r === 'conflict') throw new AppError('VERSION_CONFLICT');
    await addCaseEvent(trx, caseId, ctx.actor.userId, 'person.updated', now, {
      personId,
      fields: Object.keys(rest),
    });
    await audit(ctx, trx, {
      action: 'person.update',
      entity: 'person',
      entityId: personId,
      outcome: 'ok',
      detail: { caseId },
    });
    const row = await findPerson(trx, personId);
    return personDto(ctx.keys, row, new Map(), now);
  });
}

export async function addRelationship(
  ctx: AuthedCtx,
  caseId: string,
  input: { victimId: string; perpetratorId: string; relationship: string },
) {
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute(async (trx) => {
    await loadForWrite(ctx, trx, caseId, 'update', 'relationship.create');
    const people = await findPersonRoles(trx, caseId, [input.victimId, input.perpetratorId]);
    const role = new Map(people.map((p) => [p.id, p.role]));
    if (role.get(input.victimId) !== 'korban')
      throw new AppError('VALIDATION_FAILED', { victimId: 'not_a_victim' });
    if (role.get(input.perpetratorId) !== 'terlapor')
      throw new AppError('VALIDATION_FAILED', { perpetratorId: 'not_a_perpetrator' });
    const id = randomUUID();
    const row = await upsertRelationship(trx, {
      id,
      case_id: caseId,
      victim_id: input.victimId,
      perpetrator_id: input.perpetratorId,
      relationship: input.relationship,
    });
    await addCaseEvent(trx, caseId, ctx.actor.userId, 'relationship.set', now, {
      relationship: input.relationship,
    });
    await audit(ctx, trx, { action: 'relationship.set', entity: 'case', entityId: caseId, outcome: 'ok' });
    return {
      id: row.id,
      victimId: row.victim_id,
      perpetratorId: row.perpetrator_id,
      relationship: row.relationship,
    };
  });
}
