/**
 * Deadline scans: referrals past their acceptance or completion due time and cooperation
 * agreements about to end. Each notice is claimed by a conditional UPDATE of its
 * `*_notified_at` / `expiry_warned_at` column, so a scan run twice (or by two processes at once)
 * tells people once.
 */
import { sql } from 'kysely';
import type { Tx } from './connect.ts';

export type OverduePhase = 'accept' | 'complete';

/** Ids of referrals whose due time for `phase` has passed and whose notice has not gone out. */
export async function overdueReferralIds(db: Tx, phase: OverduePhase, now: Date, limit: number) {
  const q =
    phase === 'accept'
      ? db
          .selectFrom('referral')
          .select('id')
          .where('status', '=', 'terkirim')
          .where('accept_due_at', '<', now)
          .where('accept_overdue_notified_at', 'is', null)
          .orderBy('accept_due_at')
      : db
          .selectFrom('referral')
          .select('id')
          .where('status', 'in', ['diterima', 'dalam_layanan'])
          .where('complete_due_at', '<', now)
          .where('complete_overdue_notified_at', 'is', null)
          .orderBy('complete_due_at');
  return (await q.limit(limit).execute()).map((r) => r.id);
}

/**
 * Claims the overdue notice of one referral (still overdue, not yet notified) and returns who is
 * to be told about it; undefined when another run already did, or the referral moved on.
 */
export async function claimOverdueNotice(db: Tx, id: string, phase: OverduePhase, now: Date) {
  const q =
    phase === 'accept'
      ? db
          .updateTable('referral')
          .set({ accept_overdue_notified_at: now })
          .where('id', '=', id)
          .where('status', '=', 'terkirim')
          .where('accept_due_at', '<', now)
          .where('accept_overdue_notified_at', 'is', null)
      : db
          .updateTable('referral')
          .set({ complete_overdue_notified_at: now })
          .where('id', '=', id)
          .where('status', 'in', ['diterima', 'dalam_layanan'])
          .where('complete_due_at', '<', now)
          .where('complete_overdue_notified_at', 'is', null);
  const claimed = await q
    .returning(['id', 'number', 'case_id', 'to_org_id', 'created_by'])
    .executeTakeFirst();
  if (!claimed) return undefined;
  const c = await db
    .selectFrom('case_file')
    .select(['manager_id', 'jurisdiction'])
    .where('id', '=', claimed.case_id)
    .executeTakeFirst();
  return { ...claimed, managerId: c?.manager_id ?? null, caseJurisdiction: c?.jurisdiction ?? '' };
}

/** Agreements that end between `today` and `until` (dates, inclusive) and were not warned about. */
export async function endingAgreementIds(db: Tx, today: string, until: string, limit: number) {
  const rows = await db
    .selectFrom('agreement')
    .select('id')
    .where('ends_on', '>=', today)
    .where('ends_on', '<=', until)
    .where('expiry_warned_at', 'is', null)
    .orderBy('ends_on')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Claims the expiry warning of one agreement; undefined when it was already sent. */
export function claimExpiryWarning(db: Tx, id: string, now: Date) {
  return db
    .updateTable('agreement')
    .set({ expiry_warned_at: now })
    .where('id', '=', id)
    .where('expiry_warned_at', 'is', null)
    .returning(['id', 'number', 'jurisdiction', 'ends_on'])
    .executeTakeFirst();
}

/**
 * Referrals still waiting for an answer when half the time to accept has passed (and the due time
 * has not), whose recipient has not been reminded yet.
 */
export async function acceptReminderIds(db: Tx, now: Date, limit: number) {
  const rows = await db
    .selectFrom('referral')
    .select('id')
    .where('status', '=', 'terkirim')
    .where('external', '=', false)
    .where('accept_reminded_at', 'is', null)
    .where('accept_due_at', '>', now)
    .where(sql<boolean>`sent_at + (accept_due_at - sent_at) / 2 <= ${now}`)
    .orderBy('accept_due_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Claims the reminder of one referral; undefined when it was already sent or the referral moved on. */
export function claimAcceptReminder(db: Tx, id: string, now: Date) {
  return db
    .updateTable('referral')
    .set({ accept_reminded_at: now })
    .where('id', '=', id)
    .where('status', '=', 'terkirim')
    .where('accept_reminded_at', 'is', null)
    .returning(['id', 'number', 'to_org_id'])
    .executeTakeFirst();
}
