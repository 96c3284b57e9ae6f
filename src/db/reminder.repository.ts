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

/* ---- Case task deadlines (decision 013) ---- */

/** For one deadline rule: cases received at or before these instants may have the phase due. */
export type ReceivedCutoffs = { dekat?: Date; terlambat: Date; eskalasi: Date };

export type CaseAlertCutoffs = {
  high: ReceivedCutoffs;
  medium: ReceivedCutoffs;
  followUp: ReceivedCutoffs;
  police: ReceivedCutoffs;
  /** restitution: decision dates (YYYY-MM-DD) on or before which the phase may be due */
  restitution: { terlambat: string; eskalasi: string };
};

const noticeSent = (rule: string, phase: string, subject: ReturnType<typeof sql> = sql`''`) =>
  sql<boolean>`EXISTS (SELECT 1 FROM case_task_notice n WHERE n.case_id = c.id AND n.rule = ${rule}
    AND n.subject_id = ${subject} AND n.phase = ${phase})`;

/** Some phase of `rule` may be due (received early enough) and has not been claimed yet. */
function pending(rule: string, cut: ReceivedCutoffs) {
  const parts = [
    sql`(c.received_at <= ${cut.terlambat} AND NOT ${noticeSent(rule, 'terlambat')})`,
    sql`(c.received_at <= ${cut.eskalasi} AND NOT ${noticeSent(rule, 'eskalasi')})`,
  ];
  if (cut.dekat) parts.push(sql`(c.received_at <= ${cut.dekat} AND NOT ${noticeSent(rule, 'dekat')})`);
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/**
 * Open cases that may have a case-task notice due and not yet sent: the deadline rules of
 * src/domain/deadlines.ts written as SQL conditions that hold for at least every such case (the
 * caller computes the tasks exactly and claims each notice). Cases whose notices have all gone
 * out drop out through the claims, so a scan does not revisit them.
 */
export async function caseTaskAlertCandidates(db: Tx, cut: CaseAlertCutoffs, limit: number) {
  const notResponded = sql`(c.assessment_started_at IS NULL AND c.stage IN ('penerimaan', 'identifikasi'))`;
  const noService = sql`NOT EXISTS (SELECT 1 FROM case_record s WHERE s.case_id = c.id AND s.kind = 'service')`;
  const sexual = sql`EXISTS (SELECT 1 FROM incident i WHERE i.case_id = c.id
    AND (i.forms @> ARRAY['seksual']::text[] OR cardinality(i.tpks_offences) > 0))`;
  const noPoliceReport = sql`NOT EXISTS (SELECT 1 FROM case_record s WHERE s.case_id = c.id
    AND s.kind = 'service' AND s.data->>'service' = 'lapor_polisi')`;
  const victim = sql`r.data->>'victimId'`;
  const restitution = sql`EXISTS (SELECT 1 FROM case_record r WHERE r.case_id = c.id AND r.kind = 'right'
    AND r.data->>'right' = 'restitusi' AND r.data->>'decisionDate' IS NOT NULL
    AND r.data->>'status' IS DISTINCT FROM 'terpenuhi'
    AND ((r.data->>'decisionDate' <= ${cut.restitution.terlambat}
          AND NOT ${noticeSent('restitusi', 'terlambat', victim)})
      OR (r.data->>'decisionDate' <= ${cut.restitution.eskalasi}
          AND NOT ${noticeSent('restitusi', 'eskalasi', victim)})))`;
  const r = await sql<{ id: string }>`
    SELECT c.id FROM case_file c
    WHERE c.closed_at IS NULL AND (
      (c.risk = 'tinggi' AND ${notResponded} AND ${noService} AND ${pending('respon_risiko_tinggi', cut.high)})
      OR (c.risk = 'sedang' AND ${notResponded} AND ${noService} AND ${pending('respon_risiko_sedang', cut.medium)})
      OR (${notResponded} AND ${pending('tindak_lanjut', cut.followUp)})
      OR (${sexual} AND ${noPoliceReport} AND ${pending('lapor_polisi_tpks', cut.police)})
      OR ${restitution}
    )
    ORDER BY c.received_at, c.id
    LIMIT ${limit}`.execute(db);
  return r.rows.map((x) => x.id);
}

/** Who a case-task notice concerns: the case's number, kab/kota, manager and companions. */
export async function caseAlertTarget(db: Tx, caseId: string) {
  const c = await db
    .selectFrom('case_file')
    .select(['id', 'number', 'jurisdiction', 'manager_id', 'closed_at'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!c) return undefined;
  const members = await db
    .selectFrom('case_member')
    .select('user_id')
    .where('case_id', '=', caseId)
    .execute();
  return { ...c, memberIds: members.map((m) => m.user_id) };
}

/**
 * Claims one notice (case, rule, subject, phase); false when it was already claimed. Under
 * concurrency the second INSERT waits for the first transaction and then finds the key taken.
 */
export async function claimCaseTaskNotice(
  db: Tx,
  n: { caseId: string; rule: string; subjectId: string; phase: string; dueAt: Date },
  now: Date,
): Promise<boolean> {
  const r = await db
    .insertInto('case_task_notice')
    .values({
      case_id: n.caseId,
      rule: n.rule,
      subject_id: n.subjectId,
      phase: n.phase,
      due_at: n.dueAt,
      notified_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('case_id')
    .executeTakeFirst();
  return r !== undefined;
}
