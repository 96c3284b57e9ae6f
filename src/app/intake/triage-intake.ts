/**
 * Triage of an inbox item: mark risk, assign, note; then open a case from it (facts carried
 * over), attach it to an existing case, forward it to another kab/kota (it moves to that inbox
 * with its history), refer it to the national level (SAPA 129), or close it with a reason.
 * Nothing is merged automatically.
 */

import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import { addCaseEvent, getScopedCase } from '../../db/case.repository.ts';
import {
  addIntakeEvent,
  insertIntakeMessage,
  servedJurisdictions,
  updateIntakeRow,
} from '../../db/intake.repository.ts';
import { getRegion } from '../../db/region.repository.ts';
import type { IntakeTable } from '../../db/schema.ts';
import { findStaffByIds } from '../../db/user.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { caseRiskFromIntake, INBOX_ROLES, type IntakeStatus, isOpen } from '../../domain/intake.ts';
import { can, canTakeIntake, caseScope, jurisdictionOf, type Role } from '../../domain/policy.ts';
import { getCase } from '../cases/get-case.ts';
import { createCaseIn } from '../cases/open-case.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { carryIntakeFacts } from './carry-facts.ts';
import { getIntake, loadIntake } from './get-intake.ts';

type Row = Awaited<ReturnType<typeof loadIntake>>;

async function change(
  ctx: AuthedCtx,
  id: string,
  version: number,
  action: string,
  run: (
    trx: Tx,
    row: Row,
    now: Date,
  ) => Promise<{ set: Record<string, unknown>; event: Record<string, unknown> }>,
  opts: { requireOpen?: boolean } = { requireOpen: true },
) {
  const row = await loadIntake(ctx, id, action);
  if (opts.requireOpen !== false && !isOpen(row.status as IntakeStatus))
    throw new AppError('STAGE_TRANSITION_NOT_ALLOWED');
  const now = ctx.clock();
  await ctx.conn.db.transaction().execute(async (trx) => {
    const { set, event } = await run(trx, row, now);
    if (!(await updateIntakeRow(trx, id, version, set, now))) throw new AppError('VERSION_CONFLICT');
    await addIntakeEvent(trx, id, ctx.actor.userId, action, now, event);
    await audit(ctx, trx, { action, entity: 'intake', entityId: id, outcome: 'ok', detail: event });
  });
}

export async function updateIntake(
  ctx: AuthedCtx,
  id: string,
  input: {
    version: number;
    risk?: string | null | undefined;
    assignedTo?: string | null | undefined;
    callType?: string | null | undefined;
    forms?: string[] | undefined;
    suspectedSpam?: boolean | undefined;
  },
) {
  await change(ctx, id, input.version, 'intake.update', async (trx, row) => {
    const set: Updateable<IntakeTable> = {};
    if (input.risk !== undefined) set.risk = input.risk;
    if (input.callType !== undefined) set.call_type = input.callType;
    if (input.forms !== undefined) set.forms = input.forms;
    if (input.suspectedSpam !== undefined) set.suspected_spam = input.suspectedSpam;
    if (input.assignedTo !== undefined) {
      if (input.assignedTo) {
        const [u] = await findStaffByIds(trx, [input.assignedTo]);
        if (!u || u.disabled || !canTakeIntake({ role: u.role as Role, jurisdiction: u.jurisdiction }, row)) {
          throw new AppError('INVALID_ASSIGNEE', { assignedTo: 'invalid_assignee' });
        }
      }
      set.assigned_to = input.assignedTo;
    }
    if (row.status === 'baru') set.status = 'ditangani';
    return {
      set,
      event: {
        fields: Object.keys(set).filter((k) => k !== 'status'),
        ...(input.risk !== undefined ? { risk: input.risk } : {}),
      },
    };
  });
  return getIntake(ctx, id);
}

/** An officer writes on the item: an internal note, or a message the reporter reads. */
async function writeOnItem(
  ctx: AuthedCtx,
  id: string,
  body: string,
  kind: { author: 'petugas' | 'ke_pelapor'; action: string; event: string },
) {
  const row = await loadIntake(ctx, id, kind.action);
  if (kind.author === 'ke_pelapor' && !row.secret_hash) throw new AppError('REPORTER_UNREACHABLE');
  const now = ctx.clock();
  await ctx.conn.db.transaction().execute(async (trx) => {
    await insertIntakeMessage(trx, {
      id: randomUUID(),
      intakeId: row.id,
      at: now,
      author: kind.author,
      authorId: ctx.actor.userId,
      bodyEnc: ctx.keys.encrypt(body),
    });
    await addIntakeEvent(trx, row.id, ctx.actor.userId, kind.event, now);
    await audit(ctx, trx, { action: kind.action, entity: 'intake', entityId: row.id, outcome: 'ok' });
  });
  return getIntake(ctx, id);
}

/** An internal note: officers only, never shown to the reporter. */
export function addIntakeNote(ctx: AuthedCtx, id: string, body: string) {
  return writeOnItem(ctx, id, body, { author: 'petugas', action: 'intake.note', event: 'intake.note' });
}

/**
 * An officer leaves a message for the reporter (advice, where and when to come, a question). It is
 * shown on the public status page to whoever has the follow-up code and the secret, so only items
 * reported through the public form (which have a secret) can carry one.
 */
export function messageReporter(ctx: AuthedCtx, id: string, body: string) {
  return writeOnItem(ctx, id, body, {
    author: 'ke_pelapor',
    action: 'intake.message_reporter',
    event: 'intake.to_reporter',
  });
}

const CHANNEL_TO_CASE: Record<string, string> = {
  daring: 'daring',
  telepon: 'telepon',
  datang_langsung: 'datang_langsung',
  surat: 'surat',
  email: 'email',
  penjangkauan: 'penjangkauan',
  rujukan: 'rujukan',
  whatsapp: 'whatsapp',
};

/**
 * Opens a case with what the report says, as it was told (./carry-facts.ts): victim, reporter,
 * the incident, the safety requests and the notes. One transaction. `managerId` names the case
 * manager (see createCaseIn; INVALID_ASSIGNEE when not allowed).
 */
export async function openCaseFromIntake(
  ctx: AuthedCtx,
  id: string,
  version: number,
  opts: { managerId?: string | null | undefined } = {},
) {
  let caseId = '';
  await change(ctx, id, version, 'intake.open_case', async (trx, row, now) => {
    // the item is in the actor's inbox (else 404 above); its case opens in the same jurisdiction
    if (!can(ctx.actor, 'case:create')) throw new AppError('FORBIDDEN');
    const child = row.victim_age_group?.startsWith('anak_') ?? false;
    caseId = await createCaseIn(ctx, trx, {
      channel: (CHANNEL_TO_CASE[row.channel] ?? 'laporan_pihak_ketiga') as never,
      receivedAt: new Date(row.received_at).toISOString(),
      risk: caseRiskFromIntake({ risk: row.risk, dangerNow: row.danger_now }) as never,
      caseType: row.victim_age_group === 'dewasa' ? 'ktp' : child ? 'ampk' : null,
      managerId: opts.managerId,
    });
    const { notes } = await carryIntakeFacts(ctx, trx, row, caseId, now);
    await addCaseEvent(trx, caseId, ctx.actor.userId, 'case.from_intake', now, {
      intakeId: row.id,
      code: row.code,
      notes,
    });
    return { set: { status: 'menjadi_kasus', case_id: caseId }, event: { caseId } };
  });
  return getCase(ctx, caseId);
}

export async function attachIntake(ctx: AuthedCtx, id: string, version: number, caseId: string) {
  await change(ctx, id, version, 'intake.attach', async (trx, row, now) => {
    const c = await getScopedCase(trx, caseScope(ctx.actor), caseId);
    if (!c || c.jurisdiction !== row.jurisdiction)
      throw new AppError('VALIDATION_FAILED', { caseId: 'not_found' });
    await addCaseEvent(trx, caseId, ctx.actor.userId, 'case.intake_attached', now, {
      intakeId: row.id,
      code: row.code,
    });
    return { set: { status: 'digabung', case_id: caseId }, event: { caseId } };
  });
  return getIntake(ctx, id);
}

/** Moves the item to another region's inbox; this inbox keeps no access to it. */
export async function forwardIntake(
  ctx: AuthedCtx,
  id: string,
  version: number,
  toRegion: string,
  note: string | null | undefined,
) {
  const target = jurisdictionOf(toRegion);
  await change(ctx, id, version, 'intake.forward', async (trx, row) => {
    if (!(await getRegion(trx, target))) throw new AppError('UNKNOWN_REGION', { toRegion: 'unknown_region' });
    if (target === row.jurisdiction) throw new AppError('VALIDATION_FAILED', { toRegion: 'same_region' });
    // never forward into an inbox that nobody reads
    if (!(await servedJurisdictions(trx, target.slice(0, 2), INBOX_ROLES)).has(target))
      throw new AppError('NO_INBOX', { toRegion: 'no_inbox' });
    if (note) {
      await insertIntakeMessage(trx, {
        id: randomUUID(),
        intakeId: row.id,
        at: ctx.clock(),
        author: 'petugas',
        authorId: ctx.actor.userId,
        bodyEnc: ctx.keys.encrypt(note),
      });
    }
    return {
      set: { jurisdiction: target, status: 'baru', assigned_to: null },
      event: { from: row.jurisdiction, to: target },
    };
  });
  return { forwardedTo: target };
}

export async function referIntakeNationally(
  ctx: AuthedCtx,
  id: string,
  version: number,
  note: string | null | undefined,
) {
  await change(ctx, id, version, 'intake.national', async (trx, row) => {
    if (note) {
      await insertIntakeMessage(trx, {
        id: randomUUID(),
        intakeId: row.id,
        at: ctx.clock(),
        author: 'petugas',
        authorId: ctx.actor.userId,
        bodyEnc: ctx.keys.encrypt(note),
      });
    }
    return { set: { status: 'rujukan_pusat' }, event: { to: 'SAPA 129' } };
  });
  return getIntake(ctx, id);
}

export async function closeIntake(
  ctx: AuthedCtx,
  id: string,
  version: number,
  reason: string,
  note: string | null | undefined,
) {
  await change(ctx, id, version, 'intake.close', async (trx, row) => {
    if (note) {
      await insertIntakeMessage(trx, {
        id: randomUUID(),
        intakeId: row.id,
        at: ctx.clock(),
        author: 'petugas',
        authorId: ctx.actor.userId,
        bodyEnc: ctx.keys.encrypt(note),
      });
    }
    return {
      set: {
        status: 'ditutup',
        closed_reason: reason,
        ...(reason === 'spam' ? { suspected_spam: true } : {}),
      },
      event: { reason },
    };
  });
  return getIntake(ctx, id);
}
