/**
 * Referral time standards of a kab/kota: the defaults (src/domain/referrals.ts) and the region's
 * own overrides, set by its Dinas administrator.
 */

import {
  deleteSlaOverrides,
  insertSlaOverrides,
  lockSlaOf,
  slaOverrides,
} from '../../db/referral.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { can } from '../../domain/policy.ts';
import {
  DEFAULT_ACCEPT_HOURS,
  DEFAULT_COMPLETE_DAYS,
  SERVICE_COMPLETE_DAYS,
  URGENCIES,
} from '../../domain/referrals.ts';
import { type AuthedCtx, audit } from '../context.ts';

function defaults() {
  return URGENCIES.map((urgency) => ({
    urgency,
    acceptHours: DEFAULT_ACCEPT_HOURS[urgency],
    completeDays: DEFAULT_COMPLETE_DAYS[urgency],
    serviceCompleteDays: SERVICE_COMPLETE_DAYS,
  }));
}

/** The jurisdiction whose standards the actor reads: its own (admins, managers). */
export async function getSla(ctx: AuthedCtx) {
  if (!can(ctx.actor, 'sla:read')) throw new AppError('FORBIDDEN');
  const jurisdiction = ctx.actor.jurisdiction;
  return { jurisdiction, defaults: defaults(), overrides: await slaOverrides(ctx.conn.db, jurisdiction) };
}

export async function setSla(
  ctx: AuthedCtx,
  input: {
    overrides: Array<{ urgency: string; service: string; acceptHours: number; completeDays: number }>;
  },
) {
  if (!can(ctx.actor, 'sla:edit')) throw new AppError('FORBIDDEN');
  const jurisdiction = ctx.actor.jurisdiction;
  const seen = new Set<string>();
  input.overrides.forEach((o, i) => {
    const key = `${o.urgency}:${o.service}`;
    if (seen.has(key)) throw new AppError('VALIDATION_FAILED', { [`overrides.${i}.service`]: 'taken' });
    seen.add(key);
  });
  const now = ctx.clock();
  await ctx.conn.db.transaction().execute(async (trx) => {
    await lockSlaOf(trx, jurisdiction);
    await deleteSlaOverrides(trx, jurisdiction);
    await insertSlaOverrides(trx, jurisdiction, input.overrides, ctx.actor.userId, now);
    await audit(ctx, trx, {
      action: 'referral.sla.update',
      entity: 'region',
      entityId: jurisdiction,
      outcome: 'ok',
      detail: { overrides: input.overrides.length },
    });
  });
  return getSla(ctx);
}
