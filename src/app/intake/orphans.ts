/**
 * Reports that no inbox can see: open items whose jurisdiction has nobody active with an inbox
 * role (the Dinas's accounts were disabled after the report came in, the WhatsApp default region
 * has nobody on Simpul, data from before routing checked this…). Once a day (after 01:00 WIB)
 * the check tells the installation's admins and the Dinas admins of the place; they see the
 * list (metadata only: code, channel, region, time — never the content) and move each item to
 * an inbox that somebody reads.
 */
import { sql } from 'kysely';
import {
  addIntakeEvent,
  findIntakeMeta,
  orphanIntake,
  servedJurisdictions,
  updateIntakeRow,
} from '../../db/intake.repository.ts';
import { activeUsersInJurisdiction } from '../../db/notification.repository.ts';
import { getRegion } from '../../db/region.repository.ts';
import type { OrphanIntakeDto } from '../../domain/contract/admin.ts';
import { type List, wholeList } from '../../domain/contract/define.ts';
import { AppError } from '../../domain/errors.ts';
import { INBOX_ROLES } from '../../domain/intake.ts';
import { isWithin, jurisdictionOf } from '../../domain/policy.ts';
import { localDate, localHour } from '../../domain/time.ts';
import { requireAdmin } from '../admin/require-admin.ts';
import { type AuthedCtx, audit, type Services, type Tx } from '../context.ts';
import { notify } from '../notifications/notify.ts';

const LIST_LIMIT = 500;

/** The whole list (at most LIST_LIMIT reports). */
export async function listOrphanIntake(ctx: AuthedCtx): Promise<List<OrphanIntakeDto>> {
  const root = requireAdmin(ctx);
  const rows = await orphanIntake(ctx.conn.db, INBOX_ROLES, root, LIST_LIMIT);
  await audit(ctx, ctx.conn.db, {
    action: 'intake.orphan_list',
    entity: 'intake',
    entityId: null,
    outcome: 'ok',
    detail: { ids: rows.map((r) => r.id) },
  });
  return wholeList(
    rows.map((r) => ({
      id: r.id,
      code: r.code,
      channel: r.channel,
      jurisdiction: r.jurisdiction,
      jurisdictionName: r.jurisdiction_name,
      status: r.status,
      receivedAt: new Date(r.received_at).toISOString(),
      dangerNow: r.danger_now,
      version: r.version,
    })),
  );
}

/**
 * Moves an item that no inbox can see into one that somebody reads: the installation admin
 * anywhere, a Dinas admin within its province.
 */
export async function rerouteOrphanIntake(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; toRegion: string },
): Promise<{ jurisdiction: string }> {
  const root = requireAdmin(ctx);
  const db = ctx.conn.db;
  const item = await findIntakeMeta(db, id);
  const orphan = item
    ? (await orphanIntake(db, INBOX_ROLES, item.jurisdiction, LIST_LIMIT)).some((r) => r.id === id)
    : false;
  if (!item || !orphan || (root !== '' && !isWithin(item.jurisdiction, root)))
    throw new AppError('NOT_FOUND', undefined, {
      action: 'intake.reroute',
      entity: 'intake',
      entityId: id,
      outcome: 'not_found',
    });
  const target = jurisdictionOf(input.toRegion);
  if (!(await getRegion(db, target))) throw new AppError('UNKNOWN_REGION', { toRegion: 'unknown_region' });
  if (root !== '' && !isWithin(target, root.slice(0, 2)))
    throw new AppError('REGION_OUT_OF_JURISDICTION', { toRegion: 'out_of_jurisdiction' });
  if (!(await servedJurisdictions(db, target.slice(0, 2), INBOX_ROLES)).has(target))
    throw new AppError('NO_INBOX', { toRegion: 'no_inbox' });
  const now = ctx.clock();
  await db.transaction().execute(async (trx) => {
    const set = { jurisdiction: target, status: 'baru' as const, assigned_to: null };
    if (!(await updateIntakeRow(trx, id, input.version, set, now))) throw new AppError('VERSION_CONFLICT');
    const event = { from: item.jurisdiction, to: target };
    await addIntakeEvent(trx, id, ctx.actor.userId, 'intake.rerouted', now, event);
    // the inbox it lands in is told, like a forwarded report
    await notify(
      trx,
      await activeUsersInJurisdiction(trx, target, INBOX_ROLES),
      { kind: 'laporan_dipindahkan', link: `/pengaduan/${id}`, ref: item.code },
      now,
    );
    await audit(ctx, trx, {
      action: 'intake.reroute',
      entity: 'intake',
      entityId: id,
      outcome: 'ok',
      detail: event,
    });
  });
  return { jurisdiction: target };
}

/**
 * Tells the installation's admins and the Dinas admins of these places (and their provinces) that
 * reports wait where nobody reads them; returns how many were told.
 */
async function tellAdmins(trx: Tx, places: readonly string[], now: Date): Promise<number> {
  const provinces = [...new Set(places.map((p) => p.slice(0, 2)))];
  const admins = await trx
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.org_id')
    .select('u.id')
    .where('u.disabled', '=', false)
    .where((eb) =>
      eb.or([
        eb('u.role', '=', 'admin'),
        eb.and([eb('u.role', '=', 'admin-dinas'), eb('o.jurisdiction', 'in', [...places, ...provinces])]),
      ]),
    )
    .execute();
  await notify(
    trx,
    admins.map((a) => a.id),
    { kind: 'laporan_tanpa_kotak', link: '/admin/laporan-tanpa-kotak', ref: null },
    now,
  );
  return admins.length;
}

/**
 * Right after an account change (disabled, another role, an organisation switched off): when this
 * jurisdiction's inbox has lost its last reader while reports are open in it, the admins are told
 * now, not at the next nightly check. Returns how many reports wait there.
 */
export async function warnIfInboxEmptied(ctx: AuthedCtx, trx: Tx, jurisdiction: string): Promise<number> {
  const rows = await orphanIntake(trx, INBOX_ROLES, jurisdiction, LIST_LIMIT);
  const here = rows.filter((r) => r.jurisdiction === jurisdiction);
  if (here.length === 0) return 0;
  const now = ctx.clock();
  const told = await tellAdmins(trx, [jurisdiction], now);
  await audit(ctx, trx, {
    action: 'intake.orphan_check',
    entity: 'intake',
    entityId: null,
    outcome: 'ok',
    detail: { count: here.length, jurisdictions: [jurisdiction], recipients: told, trigger: 'account' },
  });
  return here.length;
}

async function claimDay(trx: Tx, name: string, day: string, now: Date): Promise<boolean> {
  const r = await sql<{ name: string }>`
    INSERT INTO daily_check (name, last_day, ran_at) VALUES (${name}, ${day}, ${now})
    ON CONFLICT (name) DO UPDATE SET last_day = excluded.last_day, ran_at = excluded.ran_at
    WHERE daily_check.last_day < excluded.last_day
    RETURNING name`.execute(trx);
  return r.rows.length > 0;
}

/**
 * The nightly check. Runs at most once per WIB day (claimed in the database, so two processes
 * run it once), after 01:00 WIB. Returns how many reports no inbox can see (0 when not run).
 */
export async function checkOrphanIntake(svc: Services): Promise<number> {
  const now = svc.clock();
  if (localHour(now, '') < 1) return 0;
  const day = localDate(now, '');
  return svc.conn.db.transaction().execute(async (trx) => {
    if (!(await claimDay(trx, 'laporan_tanpa_kotak', day, now))) return 0;
    const rows = await orphanIntake(trx, INBOX_ROLES, '', LIST_LIMIT);
    if (rows.length === 0) return 0;
    const places = [...new Set(rows.map((r) => r.jurisdiction))];
    const admins = await tellAdmins(trx, places, now);
    await audit({ ...svc, actor: null, meta: { ip: null, userAgent: null, requestId: null } }, trx, {
      action: 'intake.orphan_check',
      entity: 'intake',
      entityId: null,
      outcome: 'ok',
      detail: { count: rows.length, jurisdictions: places, recipients: admins },
    });
    svc.log.warn({ count: rows.length, jurisdictions: places }, 'reports that no inbox can see');
    return rows.length;
  });
}
