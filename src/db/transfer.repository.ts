/**
 * Transfers of whole cases (pelimpahan, table `case_transfer`) and the move of a case to its new
 * holder. Reads here are not scoped by the case policy: a transfer is visible to the two offices
 * involved (checked by the use case), and the receiving office cannot see the case before it
 * accepts.
 */
import { type Insertable, sql } from 'kysely';
import type { TransferStatus } from '../domain/referrals.ts';
import type { Tx } from './connect.ts';
import type { CaseTransferTable } from './schema.ts';

export async function insertTransfer(db: Tx, row: Insertable<CaseTransferTable>): Promise<void> {
  await db.insertInto('case_transfer').values(row).execute();
}

/** The open (diajukan) transfer of a case, if any. */
export function openTransferOfCase(db: Tx, caseId: string) {
  return db
    .selectFrom('case_transfer')
    .select(['id'])
    .where('case_id', '=', caseId)
    .where('status', '=', 'diajukan')
    .executeTakeFirst();
}

function transferQuery(db: Tx) {
  return db
    .selectFrom('case_transfer as t')
    .innerJoin('organisation as fo', 'fo.id', 't.from_org_id')
    .leftJoin('organisation as tor', 'tor.id', 't.to_org_id')
    .leftJoin('app_user as ru', 'ru.id', 't.requested_by')
    .leftJoin('app_user as du', 'du.id', 't.decided_by')
    .leftJoin('region as fr', 'fr.code', 't.from_jurisdiction')
    .leftJoin('region as tr', 'tr.code', 't.to_jurisdiction')
    .selectAll('t')
    .select([
      'fo.name as from_org_name',
      'tor.name as to_org_name',
      'ru.name as requested_by_name',
      'du.name as decided_by_name',
      'fr.name as from_jurisdiction_name',
      'tr.name as to_jurisdiction_name',
    ]);
}
export type TransferRow = NonNullable<Awaited<ReturnType<typeof getTransfer>>>;

export function getTransfer(db: Tx, id: string) {
  return transferQuery(db).where('t.id', '=', id).executeTakeFirst();
}

export function transfersOfCase(db: Tx, caseId: string) {
  return transferQuery(db)
    .where('t.case_id', '=', caseId)
    .orderBy('t.requested_at', 'desc')
    .orderBy('t.id')
    .execute();
}

/** Incoming (to the jurisdiction) or outgoing (from it), newest first; open ones first when incoming. */
/** The newest `limit` transfers in or out of a jurisdiction (open incoming ones first). */
export function transfersOfJurisdiction(
  db: Tx,
  box: 'masuk' | 'keluar',
  jurisdiction: string,
  limit: number,
) {
  const q = transferQuery(db).where(
    box === 'masuk' ? 't.to_jurisdiction' : 't.from_jurisdiction',
    '=',
    jurisdiction,
  );
  return (box === 'masuk' ? q.orderBy(sql`(t.status = 'diajukan')`, 'desc') : q)
    .orderBy('t.requested_at', 'desc')
    .orderBy('t.id')
    .limit(limit)
    .execute();
}

/**
 * Decides an open transfer: applies only while it is still `diajukan` at `version`, so of two
 * managers deciding at once only one wins. Returns false when nothing was updated.
 */
export async function decideTransfer(
  db: Tx,
  id: string,
  version: number,
  set: { status: TransferStatus; decided_by: string; decided_at: Date; decline_reason_enc?: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable('case_transfer')
    .set({ ...set, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('status', '=', 'diajukan')
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The case row a transfer refers to, without any scope (the receiver cannot see it yet). */
export function caseForTransfer(db: Tx, caseId: string) {
  return db
    .selectFrom('case_file')
    .select(['id', 'number', 'jurisdiction', 'org_id', 'stage', 'national_flagged_at'])
    .where('id', '=', caseId)
    .executeTakeFirst();
}

export async function flagCaseNational(db: Tx, caseId: string, at: Date): Promise<void> {
  await db
    .updateTable('case_file')
    .set({ national_flagged_at: at, updated_at: at, version: sql<number>`version + 1` })
    .where('id', '=', caseId)
    .execute();
}

/**
 * Moves the case to its new holder: jurisdiction, organisation and manager of the case, the
 * jurisdiction of its persons, of the intake items linked to it and their WhatsApp conversations;
 * the sender's companions lose their assignment.
 */
export async function moveCase(
  db: Tx,
  caseId: string,
  to: { jurisdiction: string; orgId: string; managerId: string },
  at: Date,
): Promise<void> {
  await db
    .updateTable('case_file')
    .set({
      jurisdiction: to.jurisdiction,
      org_id: to.orgId,
      manager_id: to.managerId,
      updated_at: at,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', caseId)
    .execute();
  await db
    .updateTable('person')
    .set({ jurisdiction: to.jurisdiction })
    .where('case_id', '=', caseId)
    .execute();
  await db.deleteFrom('case_member').where('case_id', '=', caseId).execute();
  // the reports that became or joined this case, and their WhatsApp conversations, follow it:
  // the victim's next message must reach the new holder, and the sender keeps no access
  const intakes = await db
    .updateTable('intake')
    .set({ jurisdiction: to.jurisdiction, updated_at: at })
    .where('case_id', '=', caseId)
    .returning('id')
    .execute();
  if (intakes.length > 0)
    await db
      .updateTable('wa_conversation')
      .set({ jurisdiction: to.jurisdiction, updated_at: at })
      .where(
        'intake_id',
        'in',
        intakes.map((i) => i.id),
      )
      .execute();
}

/** An organisation that may receive a transfer (a UPTD PPA), with where it works. */
export function transferTargetOrg(db: Tx, orgId: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'type', 'jurisdiction', 'active'])
    .where('id', '=', orgId)
    .executeTakeFirst();
}
