/**
 * Working a referral: the recipient accepts or declines, records services delivered and completes;
 * the referring side cancels, withdraws consent; both sides write in the thread. For a recipient
 * outside Simpul, the referring side records its steps by hand. Each change is conditional on the
 * state it was made from, so two people acting at once cannot both win.
 */

import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import { addCaseEvent } from '../../db/case.repository.ts';
import { activeUsersOfOrg, usersWorkingIn } from '../../db/notification.repository.ts';
import { insertRecord } from '../../db/record.repository.ts';
import {
  addReferralEvent,
  countDeliveredServices,
  findActiveOrgUser,
  lockReferral,
  updateReferral,
} from '../../db/referral.repository.ts';
import type { ReferralTable } from '../../db/schema.ts';
import type { ReferralDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import type { AcceptBody, HandlingBody, InvestigationBody } from '../../domain/referral-schemas.ts';
import {
  type NotificationKind,
  POLICE_ORG_TYPE,
  type ReferralStatus,
  recipientGrantActive,
} from '../../domain/referrals.ts';
import { localDate } from '../../domain/time.ts';
import { splitRecord } from '../cases/mappers.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { notify } from '../notifications/notify.ts';
import { actsAsRecipient, actsAsSender, denied, type LoadedReferral, loadReferral } from './access.ts';
import { getReferral } from './get-referral.ts';

type Change = {
  action: string;
  /** may this actor do it on this referral? */
  allowed: (ctx: AuthedCtx, l: LoadedReferral) => boolean;
  /** states it may be done from */
  from: readonly ReferralStatus[];
  version: number | null;
  /** columns to set (status included when it moves) */
  set: (l: LoadedReferral, now: Date) => Updateable<ReferralTable>;
  event: { type: string; data?: Record<string, unknown>; body?: string | null };
  /** who is told: the other side */
  notify?: NotificationKind;
  /** checks after the state and version, before anything is written (throws AppError) */
  guard?: (trx: Tx, l: LoadedReferral) => Promise<void>;
  /** extra writes in the same transaction */
  also?: (trx: Tx, l: LoadedReferral, now: Date) => Promise<void>;
  /** refused when consent was withdrawn */
  needsConsent?: boolean;
};

/**
 * One change in one transaction. Additions (a service, a message, an investigation step) take an
 * Idempotency-Key: a replay passes the same side, role and consent checks as the original.
 */
async function change(ctx: AuthedCtx, id: string, ch: Change, key?: IdempotencyKey): Promise<ReferralDto> {
  const now = ctx.clock();
  /** who may do this on the referral, as things stand */
  const mayAct = (l: LoadedReferral) => {
    if (!ch.allowed(ctx, l)) throw denied(l, ch.action);
    if (ch.needsConsent && l.r.consent_withdrawn_at !== null)
      throw new AppError('REFERRAL_CONSENT_WITHDRAWN');
  };
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async () => mayAct(await loadReferral(ctx, trx, id, ch.action)),
        audit: () => ({ action: ch.action, entity: 'referral', entityId: id }),
      },
      async () => {
        // wait for anyone else changing this referral, then judge against what they left
        const cur = await lockReferral(trx, id);
        const l = await loadReferral(ctx, trx, id, ch.action);
        if (!cur) throw new AppError('NOT_FOUND');
        mayAct(l);
        if (!ch.from.includes(cur.status as ReferralStatus)) throw new AppError('REFERRAL_STATE');
        if (ch.version !== null && cur.version !== ch.version) throw new AppError('VERSION_CONFLICT');
        await ch.guard?.(trx, l);
        const set = ch.set(l, now);
        if (Object.keys(set).length > 0 && !(await updateReferral(trx, id, ch.from, ch.version, set, now)))
          throw new AppError('VERSION_CONFLICT');
        await ch.also?.(trx, l, now);
        await addReferralEvent(trx, {
          referralId: id,
          at: now,
          actorId: ctx.actor.userId,
          actorOrgId: ctx.actor.orgId,
          type: ch.event.type,
          data: ch.event.data ?? {},
          bodyEnc: ctx.keys.encrypt(ch.event.body ?? null),
        });
        if (ch.notify) await tellOtherSide(ctx, trx, l, ch.notify, now);
        await audit(ctx, trx, { action: ch.action, entity: 'referral', entityId: id, outcome: 'ok' });
        return getReferral(ctx, id, trx);
      },
    ),
  );
}

/** The recipient's staff when the sender acted; the referring officer and case manager otherwise. */
async function tellOtherSide(ctx: AuthedCtx, trx: Tx, l: LoadedReferral, kind: NotificationKind, now: Date) {
  const toRecipient = ctx.actor.orgId !== l.r.to_org_id;
  const users = toRecipient
    ? l.r.external
      ? []
      : await activeUsersOfOrg(trx, l.r.to_org_id, ['mitra', 'manajer'])
    : await usersWorkingIn(trx, [l.r.created_by, l.r.case_manager_id], l.r.case_jurisdiction);
  const others = users.filter((u) => u !== ctx.actor.userId);
  await notify(trx, others, { kind, link: `/rujukan/${l.r.id}`, ref: l.r.number }, now);
}

const status = (to: ReferralStatus) => ({ type: 'status', data: { to } });

type Handling = Omit<HandlingBody, 'version'>;

/** The named officer must be active staff of the receiving organisation. */
async function checkOfficer(trx: Tx, l: LoadedReferral, h: Handling) {
  if (h.officerId && !(await findActiveOrgUser(trx, h.officerId, l.r.to_org_id)))
    throw new AppError('VALIDATION_FAILED', { officerId: 'officer_not_in_org' });
}

/** Columns for the officer and appointment fields given (undefined: unchanged, null: cleared). */
function handlingColumns(ctx: AuthedCtx, h: Handling): Updateable<ReferralTable> {
  const k = ctx.keys;
  const out: Updateable<ReferralTable> = {};
  // one officer: naming a user clears a typed name and the other way round
  if (h.officerId !== undefined || h.officerName !== undefined) {
    out.officer_id = h.officerId ?? null;
    out.officer_name_enc = h.officerId ? null : k.encrypt(h.officerName ?? null);
  }
  if (h.appointmentAt !== undefined) out.appointment_at = h.appointmentAt ? new Date(h.appointmentAt) : null;
  if (h.appointmentPlace !== undefined) out.appointment_place_enc = k.encrypt(h.appointmentPlace ?? null);
  if (h.appointmentAt === null) out.appointment_place_enc = null;
  return out;
}

/** What the history says of a handling change: that the officer changed, and the appointment time (never the place or a name). */
function handlingEventData(h: Handling): Record<string, unknown> {
  return {
    ...(h.officerId !== undefined || h.officerName !== undefined
      ? { officer: Boolean(h.officerId || h.officerName) }
      : {}),
    ...(h.appointmentAt !== undefined ? { appointmentAt: h.appointmentAt ?? null } : {}),
  };
}

/** Accepts; may name the officer who handles it and an appointment, which the referring side sees. */
export function acceptReferral(ctx: AuthedCtx, id: string, input: AcceptBody) {
  const { version, ...h } = input;
  return change(ctx, id, {
    action: 'referral.accept',
    allowed: actsAsRecipient,
    from: ['terkirim'],
    version,
    needsConsent: true,
    guard: (trx, l) => checkOfficer(trx, l, h),
    set: (_l, now) => ({
      status: 'diterima',
      accepted_at: now,
      accepted_by: ctx.actor.userId,
      ...handlingColumns(ctx, h),
    }),
    event: { type: 'status', data: { to: 'diterima', ...handlingEventData(h) } },
    notify: 'rujukan_diterima',
  });
}

/** Changes the officer or the appointment while the referral is being worked (versioned). */
export function updateHandling(ctx: AuthedCtx, id: string, input: HandlingBody) {
  const { version, ...h } = input;
  return change(ctx, id, {
    action: 'referral.handling',
    allowed: actsAsRecipient,
    from: ['diterima', 'dalam_layanan'],
    version,
    needsConsent: true,
    guard: async (trx, l) => {
      await checkOfficer(trx, l, h);
      // a place needs a time: the one given now or the one already set
      if (h.appointmentPlace && h.appointmentAt === undefined && l.r.appointment_at === null)
        throw new AppError('VALIDATION_FAILED', { appointmentAt: 'required' });
    },
    set: () => handlingColumns(ctx, h),
    event: { type: 'handling', data: handlingEventData(h) },
    notify: 'rujukan_perkembangan',
  });
}

/**
 * A police PPA unit records the police report number (LP) and the investigation's progress, a
 * history both sides see. It goes on after the referral's own service is done (the report is
 * made, the investigation takes months), so a completed referral takes it too.
 */
export function recordInvestigation(
  ctx: AuthedCtx,
  id: string,
  input: InvestigationBody,
  key?: IdempotencyKey,
) {
  const { version, lpNumber, status: st, date, note } = input;
  return change(
    ctx,
    id,
    {
      action: 'referral.investigation',
      allowed: actsAsRecipient,
      from: ['diterima', 'dalam_layanan', 'selesai'],
      version,
      guard: async (_trx, l) => {
        if (l.r.to_org_type !== POLICE_ORG_TYPE) throw new AppError('REFERRAL_NOT_POLICE');
      },
      set: () => ({
        ...(lpNumber ? { police_report_number_enc: ctx.keys.encrypt(lpNumber) } : {}),
        ...(st ? { investigation_status: st } : {}),
      }),
      event: {
        type: 'investigation',
        data: {
          ...(lpNumber ? { lpNumber: true } : {}),
          ...(st ? { status: st, date: date ?? localDate(ctx.clock(), ctx.actor.jurisdiction) } : {}),
        },
        body: st ? (note ?? null) : null,
      },
      notify: 'rujukan_perkembangan',
    },
    key,
  );
}

export function declineReferral(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; reason: string; note?: string | null | undefined },
) {
  return change(ctx, id, {
    action: 'referral.decline',
    allowed: actsAsRecipient,
    from: ['terkirim'],
    version: input.version,
    set: (_l, now) => ({
      status: 'ditolak',
      declined_at: now,
      decline_reason: input.reason,
      decline_note_enc: ctx.keys.encrypt(input.note ?? null),
    }),
    event: { type: 'status', data: { to: 'ditolak', reason: input.reason }, body: input.note ?? null },
    notify: 'rujukan_ditolak',
  });
}

/** Records a service delivered under the referral; the first one starts the service. */
export function recordDeliveredService(
  ctx: AuthedCtx,
  id: string,
  input: { service: string; date: string; outcome?: string | null | undefined },
  key?: IdempotencyKey,
) {
  return change(
    ctx,
    id,
    {
      action: 'referral.service',
      allowed: actsAsRecipient,
      from: ['diterima', 'dalam_layanan'],
      version: null,
      needsConsent: true,
      set: (l, now) => (l.r.status === 'diterima' ? { status: 'dalam_layanan', started_at: now } : {}),
      event: { type: 'service', data: { service: input.service, date: input.date } },
      also: async (trx, l, now) => {
        if (l.r.case_stage === 'terminasi') throw new AppError('CASE_CLOSED');
        const { plain, secretEnc } = splitRecord(ctx.keys, 'service', {
          service: input.service,
          providerOrgId: l.r.to_org_id,
          providerName: l.r.to_org_name,
          date: input.date,
          outcome: input.outcome ?? undefined,
        });
        const recordId = randomUUID();
        await insertRecord(trx, {
          id: recordId,
          case_id: l.r.case_id,
          kind: 'service',
          data: JSON.stringify(plain),
          secret_enc: secretEnc,
          referral_id: l.r.id,
          created_by: ctx.actor.userId,
          created_at: now,
          updated_at: now,
        });
        await addCaseEvent(trx, l.r.case_id, ctx.actor.userId, 'referral.service', now, {
          referralId: l.r.id,
          service: input.service,
        });
      },
    },
    key,
  );
}

/** Completes; only once a service was recorded under the referral (what was done is the record). */
export function completeReferral(ctx: AuthedCtx, id: string, input: { version: number; outcome: string }) {
  return change(ctx, id, {
    action: 'referral.complete',
    allowed: actsAsRecipient,
    from: ['diterima', 'dalam_layanan'],
    version: input.version,
    needsConsent: true,
    guard: async (trx) => {
      if ((await countDeliveredServices(trx, id)) === 0) throw new AppError('REFERRAL_NO_SERVICE');
    },
    set: (_l, now) => ({
      status: 'selesai',
      completed_at: now,
      outcome_enc: ctx.keys.encrypt(input.outcome),
    }),
    event: status('selesai'),
    notify: 'rujukan_selesai',
    also: (trx, l, now) =>
      addCaseEvent(trx, l.r.case_id, ctx.actor.userId, 'referral.completed', now, { referralId: l.r.id }),
  });
}

export function cancelReferral(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; reason: string; note?: string | null | undefined },
) {
  return change(ctx, id, {
    action: 'referral.cancel',
    allowed: actsAsSender,
    from: ['terkirim', 'diterima', 'dalam_layanan'],
    version: input.version,
    set: (_l, now) => ({ status: 'dibatalkan', cancelled_at: now, cancel_reason: input.reason }),
    event: { type: 'status', data: { to: 'dibatalkan', reason: input.reason }, body: input.note ?? null },
    notify: 'rujukan_dibatalkan',
    also: (trx, l, now) =>
      addCaseEvent(trx, l.r.case_id, ctx.actor.userId, 'referral.cancelled', now, { referralId: l.r.id }),
  });
}

/**
 * Withdraws consent: from this moment the recipient no longer sees the shared sections, the
 * purpose or the thread. An open referral is cancelled; services already recorded stay in the case.
 */
export function withdrawConsent(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; note?: string | null | undefined },
) {
  return change(ctx, id, {
    action: 'referral.consent_withdraw',
    allowed: (c, l) => actsAsSender(c, l) && l.r.consent_withdrawn_at === null,
    from: ['terkirim', 'diterima', 'dalam_layanan', 'selesai', 'ditolak', 'dibatalkan'],
    version: input.version,
    set: (l, now) => ({
      consent_withdrawn_at: now,
      consent_withdrawn_by: ctx.actor.userId,
      ...(l.r.status === 'terkirim' || l.r.status === 'diterima' || l.r.status === 'dalam_layanan'
        ? { status: 'dibatalkan', cancelled_at: now, cancel_reason: 'persetujuan_dicabut' }
        : {}),
    }),
    event: { type: 'consent_withdrawn', body: input.note ?? null },
    notify: 'rujukan_persetujuan_dicabut',
    also: (trx, l, now) =>
      addCaseEvent(trx, l.r.case_id, ctx.actor.userId, 'referral.consent_withdrawn', now, {
        referralId: l.r.id,
      }),
  });
}

export function postMessage(ctx: AuthedCtx, id: string, input: { body: string }, key?: IdempotencyKey) {
  return change(
    ctx,
    id,
    {
      action: 'referral.message',
      allowed: (c, l) => actsAsSender(c, l) || (l.side === 'penerima' && l.r.consent_withdrawn_at === null),
      from: ['terkirim', 'diterima', 'dalam_layanan', 'selesai', 'ditolak'],
      // both sides write only while the referral is open (as permissions.message says): after it
      // ends the recipient no longer sees the referring side's words, and its own record stays readable
      guard: async (_trx, l) => {
        if (!recipientGrantActive(l.r.status as ReferralStatus, false)) throw new AppError('REFERRAL_STATE');
      },
      version: null,
      set: () => ({}),
      event: { type: 'message', body: input.body },
      notify: 'rujukan_pertanyaan',
    },
    key,
  );
}
