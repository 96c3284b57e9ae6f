/**
 * Type tests of typed persistence (issue 10 §3), checked by `tsc --noEmit` in `npm run lint`:
 * each `@ts-expect-error` must stay an error.
 */

import { updateCaseRow } from '../../src/db/case.repository.ts';
import type { Tx } from '../../src/db/connect.ts';
import { updateIntakeRow } from '../../src/db/intake.repository.ts';

declare const db: Tx;
const now = new Date();

export async function writes() {
  // @ts-expect-error: a misspelt column
  await updateCaseRow(db, 'id', 1, { stag: 'layanan' }, now);
  // @ts-expect-error: a stage that is not in the list (src/domain/stages.ts)
  await updateCaseRow(db, 'id', 1, { stage: 'selesai' }, now);
  // @ts-expect-error: an intake status that is not in the list
  await updateIntakeRow(db, 'id', 1, { status: 'hilang' }, now);
  // the right ones compile
  await updateCaseRow(db, 'id', 1, { stage: 'layanan', risk: 'tinggi' }, now);
}
