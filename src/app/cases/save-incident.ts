/**
 * Add or edit an incident: when (as precisely as it is known), where (the SIMFONI category and
 * the place as told), forms of violence, TPKS offences, AMPK, chronology.
 */

import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import { addCaseEvent, updateVersioned } from '../../db/case.repository.ts';
import { findIncident, findIncidentIn, insertIncident } from '../../db/incident.repository.ts';
import { getRegion } from '../../db/region.repository.ts';
import type { IncidentTable } from '../../db/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { type IncidentDateFacts, type IncidentDateInput, resolveIncidentDate } from '../../domain/facts.ts';
import type { IncidentInput } from '../../domain/schemas.ts';
import { type AuthedCtx, audit } from '../context.ts';
import type { Keyring } from '../crypto.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { loadForWrite, replayOnCase } from './access.ts';
import { incidentDto, storedDate } from './mappers.ts';

/** Columns of everything but the date (see `dateColumns`); only what `i` names. */
export function incidentColumns(k: Keyring, i: Partial<IncidentInput>) {
  const set: Updateable<IncidentTable> = {};
  if (i.placeCategory !== undefined) set.place_category = i.placeCategory ?? null;
  if (i.placeText !== undefined) set.place_text_enc = k.encrypt(i.placeText ?? null);
  if (i.regionCode !== undefined) set.region_code = i.regionCode ?? null;
  if (i.forms !== undefined) set.forms = [...new Set(i.forms)];
  if (i.tpksOffences !== undefined) set.tpks_offences = [...new Set(i.tpksOffences)];
  if (i.ampkCategories !== undefined) set.ampk_categories = [...new Set(i.ampkCategories)];
  if (i.chronology !== undefined) set.chronology_enc = k.encrypt(i.chronology ?? null);
  return set;
}

export function dateColumns(d: IncidentDateFacts) {
  return {
    date_precision: d.precision,
    occurred_on: d.occurredOn,
    told_when: d.toldWhen,
    reference_date: d.referenceDate,
  };
}

const touchesDate = (i: IncidentDateInput) =>
  i.datePrecision !== undefined ||
  i.date !== undefined ||
  i.toldWhen !== undefined ||
  i.referenceDate !== undefined;

/** The date after the request, or VALIDATION_FAILED naming the fields (decision 014). */
function resolveDate(stored: IncidentDateFacts | null, i: IncidentDateInput): IncidentDateFacts {
  const r = resolveIncidentDate(stored, i);
  if (!r.ok) throw new AppError('VALIDATION_FAILED', r.fields);
  return r.value;
}

export async function addIncident(
  ctx: AuthedCtx,
  caseId: string,
  input: IncidentInput,
  key?: IdempotencyKey,
) {
  const now = ctx.clock();
  const id = randomUUID();
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(ctx, trx, key, replayOnCase(ctx, trx, caseId, 'incident.create', 'incident'), async () => {
      await loadForWrite(ctx, trx, caseId, 'update', 'incident.create');
      if (input.regionCode && !(await getRegion(trx, input.regionCode)))
        throw new AppError('UNKNOWN_REGION', { regionCode: 'unknown_region' });
      const row = await insertIncident(
        trx,
        { id, case_id: caseId, created_at: now, updated_at: now },
        { ...incidentColumns(ctx.keys, input), ...dateColumns(resolveDate(null, input)) },
      );
      await addCaseEvent(trx, caseId, ctx.actor.userId, 'incident.added', now, {
        incidentId: id,
        forms: input.forms,
      });
      await audit(ctx, trx, {
        action: 'incident.create',
        entity: 'incident',
        entityId: id,
        outcome: 'ok',
        detail: { caseId },
      });
      return incidentDto(ctx.keys, row, new Map());
    }),
  );
}

export async function updateIncident(
  ctx: AuthedCtx,
  caseId: string,
  incidentId: string,
  input: Partial<IncidentInput> & { version: number },
) {
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute(async (trx) => {
    await loadForWrite(ctx, trx, caseId, 'update', 'incident.update');
    if (input.regionCode && !(await getRegion(trx, input.regionCode)))
      throw new AppError('UNKNOWN_REGION', { regionCode: 'unknown_region' });
    const { version, ...rest } = input;
    const set = incidentColumns(ctx.keys, rest);
    if (touchesDate(rest)) {
      // the precision changes only when the request names it; the rest of the date is checked
      // against what is stored (an unknown date stays unknown, a month stays a month)
      const stored = await findIncidentIn(trx, caseId, incidentId);
      if (!stored) throw new AppError('NOT_FOUND');
      if (stored.version !== version) throw new AppError('VERSION_CONFLICT');
      Object.assign(set, dateColumns(resolveDate(storedDate(stored), rest)));
    }
    const r = await updateVersioned(trx, 'incident', incidentId, caseId, version, set, now);
    if (r === 'missing') throw new AppError('NOT_FOUND');
    if (r === 'conflict') throw new AppError('VERSION_CONFLICT');
    await addCaseEvent(trx, caseId, ctx.actor.userId, 'incident.updated', now, {
      incidentId,
      fields: Object.keys(rest),
    });
    await audit(ctx, trx, {
      action: 'incident.update',
      entity: 'incident',
      entityId: incidentId,
      outcome: 'ok',
      detail: { caseId },
    });
    const row = await findIncident(trx, incidentId);
    return incidentDto(ctx.keys, row, new Map());
  });
}
