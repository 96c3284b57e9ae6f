import type { Updateable } from 'kysely';
import { updateRegulationRow } from '../../db/regulation.repository.ts';
import type { RegulationTable } from '../../db/schema.ts';
import type { RegulationDto } from '../../domain/contract/regulations.ts';
import { AppError } from '../../domain/errors.ts';
import { type RegulationUpdate, regulationDateProblems } from '../../domain/regulations.ts';
import { localDate } from '../../domain/time.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { loadRegulation, regulationDto } from './regulation-dto.ts';

/**
 * Changes a regulation (its own Dinas's coord:manage; stale version → 409). A new review or
 * expiry date gets its own reminder.
 */
export async function updateRegulation(
  ctx: AuthedCtx,
  id: string,
  input: RegulationUpdate,
): Promise<RegulationDto> {
  return ctx.conn.db.transaction().execute(async (trx) => {
    const r = await loadRegulation(ctx, trx, id, true);
    const issuedOn = input.issuedOn ?? r.issued_on;
    const reviewOn = input.reviewOn !== undefined ? input.reviewOn : r.review_on;
    const expiresOn = input.expiresOn !== undefined ? input.expiresOn : r.expires_on;
    const problems = regulationDateProblems({ issuedOn, reviewOn, expiresOn });
    if (problems) throw new AppError('VALIDATION_FAILED', problems);
    const now = ctx.clock();
    if (input.issuedOn !== undefined && input.issuedOn > localDate(now, r.jurisdiction))
      throw new AppError('VALIDATION_FAILED', { issuedOn: 'date_in_future' });
    const set: Updateable<RegulationTable> = {};
    if (input.kind !== undefined) set.kind = input.kind;
    if (input.number !== undefined) set.number = input.number;
    if (input.issuedOn !== undefined) set.issued_on = input.issuedOn;
    if (input.title !== undefined) set.title = input.title;
    if (input.authority !== undefined) set.authority = input.authority;
    if (input.status !== undefined) set.status = input.status;
    if (input.note !== undefined) set.note = input.note || null;
    if (input.reviewOn !== undefined) {
      set.review_on = input.reviewOn;
      if (input.reviewOn !== r.review_on) set.review_warned_at = null;
    }
    if (input.expiresOn !== undefined) {
      set.expires_on = input.expiresOn;
      if (input.expiresOn !== r.expires_on) set.expiry_warned_at = null;
    }
    if (!(await updateRegulationRow(trx, id, input.version, set, now)))
      throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, {
      action: 'regulation.update',
      entity: 'regulation',
      entityId: id,
      outcome: 'ok',
      detail: { fields: Object.keys(set) },
    });
    return regulationDto(ctx, trx, id);
  });
}
