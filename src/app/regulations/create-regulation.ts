import { randomUUID } from 'node:crypto';
import { insertRegulation } from '../../db/regulation.repository.ts';
import type { RegulationDto } from '../../domain/contract/regulations.ts';
import { AppError } from '../../domain/errors.ts';
import { canManageRegulation } from '../../domain/policy.ts';
import type { RegulationInput } from '../../domain/regulations.ts';
import { localDate } from '../../domain/time.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { loadRegulation, regulationDto } from './regulation-dto.ts';

/**
 * Records a regulation of the actor's own jurisdiction (coord:manage). Issued on a date not yet
 * come is refused (the date as told, in the region's own calendar). With an Idempotency-Key the
 * same request again creates nothing and answers the first regulation.
 */
export async function createRegulation(
  ctx: AuthedCtx,
  input: RegulationInput,
  key?: IdempotencyKey,
): Promise<RegulationDto> {
  const jurisdiction = ctx.actor.jurisdiction;
  if (!canManageRegulation(ctx.actor, jurisdiction)) throw new AppError('FORBIDDEN');
  const now = ctx.clock();
  if (input.issuedOn > localDate(now, jurisdiction))
    throw new AppError('VALIDATION_FAILED', { issuedOn: 'date_in_future' });
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async (r) => void (await loadRegulation(ctx, trx, r.id)),
        audit: (r) => ({ action: 'regulation.create', entity: 'regulation', entityId: r.id }),
      },
      async () => {
        const id = randomUUID();
        await insertRegulation(trx, {
          id,
          jurisdiction,
          kind: input.kind,
          number: input.number,
          issued_on: input.issuedOn,
          title: input.title,
          authority: input.authority,
          status: input.status,
          expires_on: input.expiresOn ?? null,
          review_on: input.reviewOn ?? null,
          note: input.note || null,
          created_by: ctx.actor.userId,
          created_at: now,
          updated_at: now,
        });
        await audit(ctx, trx, {
          action: 'regulation.create',
          entity: 'regulation',
          entityId: id,
          outcome: 'ok',
          detail: { kind: input.kind },
        });
        return regulationDto(ctx, trx, id);
      },
    ),
  );
}
