/**
 * Shared by the training use cases: loading an event through the actor's coordination scope
 * (out of scope → 404, audited), the answers' shapes, and the checks on types and organisations.
 */
import {
  findOrganisationBrief,
  findTrainingEvent,
  findTrainingType,
  type ParticipantRow,
  type TrainingEventRow,
} from '../../db/training.repository.ts';
import type {
  TrainingEventDto,
  TrainingParticipantDto,
  TrainingTypeDto,
} from '../../domain/contract/training.ts';
import { AppError } from '../../domain/errors.ts';
import { type Actor, canManageCoordination, coordinationScope, isWithin } from '../../domain/policy.ts';
import type { AuthedCtx, Tx } from '../context.ts';
import type { Keyring } from '../crypto.ts';

export const ENTITY = 'training_event';

export function typeDto(t: {
  id: string;
  code: string;
  name: string;
  description: string | null;
  active: boolean;
  jurisdiction: string | null;
  version: number;
}): TrainingTypeDto {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    description: t.description,
    active: t.active,
    jurisdiction: t.jurisdiction,
    version: t.version,
  };
}

export function eventDto(actor: Actor, e: TrainingEventRow): TrainingEventDto {
  return {
    id: e.id,
    jurisdiction: e.jurisdiction,
    title: e.title,
    type: { id: e.type_id, name: e.type_name },
    topics: e.topics,
    startsOn: e.starts_on,
    endsOn: e.ends_on,
    mode: e.mode,
    place: e.place,
    organiser: { id: e.organiser_org_id, name: e.organiser_name },
    trainers: e.trainers.map((t) => ({ name: t.name, institution: t.institution ?? null })),
    participants: Number(e.participant_count ?? 0),
    attended: Number(e.attended_count ?? 0),
    completed: Number(e.completed_count ?? 0),
    version: e.version,
    canManage: canManageCoordination(actor, { jurisdiction: e.jurisdiction }),
  };
}

/** The name of a participant: the account's, or the typed name of someone without one. */
export function participantName(keys: Keyring, p: { user_name: string | null; name_enc: string | null }) {
  return p.user_name ?? (p.name_enc ? keys.decrypt(p.name_enc) : '');
}

export function participantDto(keys: Keyring, p: ParticipantRow): TrainingParticipantDto {
  return {
    id: p.id,
    userId: p.user_id,
    name: participantName(keys, p),
    role: p.user_role ?? null,
    org: { id: p.org_id, name: p.org_name },
    attendance: p.attendance,
    completed: p.completed,
    certificate: p.completed && p.certificate_code !== null,
    version: p.version,
  };
}

/** The event if the actor's scope reaches it; else 404 (recorded with `action`). */
export async function loadEvent(ctx: AuthedCtx, db: Tx, id: string, action: string) {
  const scope = coordinationScope(ctx.actor);
  if (scope.kind === 'none')
    throw new AppError('FORBIDDEN', undefined, { action, entity: ENTITY, entityId: id, outcome: 'denied' });
  const e = await findTrainingEvent(db, scope, id);
  if (!e)
    throw new AppError('NOT_FOUND', undefined, {
      action,
      entity: ENTITY,
      entityId: id,
      outcome: 'not_found',
    });
  return e;
}

/** The event, for a change: readable and managed by the actor (its own jurisdiction, coord:manage). */
export async function loadEventForWrite(ctx: AuthedCtx, db: Tx, id: string, action: string) {
  const e = await loadEvent(ctx, db, id, action);
  if (!canManageCoordination(ctx.actor, { jurisdiction: e.jurisdiction }))
    throw new AppError('FORBIDDEN', undefined, { action, entity: ENTITY, entityId: id, outcome: 'denied' });
  return e;
}

/** Two jurisdictions that belong together: one lies within the other (a kab/kota and its province). */
export function related(a: string, b: string): boolean {
  return isWithin(a, b) || isWithin(b, a);
}

/** A training type usable for an event of `jurisdiction`: the default list or a related Dinas's own, active. */
export async function checkType(db: Tx, typeId: string, jurisdiction: string, field = 'typeId') {
  const t = await findTrainingType(db, typeId);
  if (!t || (t.jurisdiction !== null && !related(t.jurisdiction, jurisdiction)))
    throw new AppError('VALIDATION_FAILED', { [field]: 'invalid_value' });
  if (!t.active) throw new AppError('VALIDATION_FAILED', { [field]: 'inactive_type' });
  return t;
}

/** An active organisation of the jurisdiction (or of its province, or of a kab/kota within it). */
export async function checkOrg(db: Tx, orgId: string, jurisdiction: string, field: string) {
  const o = await findOrganisationBrief(db, orgId);
  if (!o?.active || !related(o.jurisdiction, jurisdiction))
    throw new AppError('VALIDATION_FAILED', { [field]: 'unknown_organisation' });
  return o;
}
