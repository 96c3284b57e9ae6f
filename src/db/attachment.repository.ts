/** Encrypted attachments of a case. */
import type { Insertable } from 'kysely';
import type { Tx } from './connect.ts';
import type { AttachmentTable } from './schema.ts';

export async function insertAttachment(db: Tx, row: Insertable<AttachmentTable>) {
  await db.insertInto('attachment').values(row).execute();
}

export function findAttachment(db: Tx, caseId: string, id: string) {
  return db
    .selectFrom('attachment')
    .selectAll()
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}
