/**
 * Demo diversion records (issue 13 §2, decision 036): in a kab/kota's demo, the first few AMPK
 * cases past reception (in case-number order) are cases of a child in contact with the law
 * (their first incident gains AMPK category ABH) with one diversion outcome each — succeeded at
 * the police with the court's determination number, still in progress at the prosecution, did
 * not succeed in court — so the case page's Diversi tab and the KLA cluster V figure have
 * something to show. Deterministic; synthetic.
 */
import { randomUUID } from 'node:crypto';
import { insertRecord } from '../../db/record.repository.ts';
import { ABH_CATEGORY } from '../../domain/taxonomies.ts';
import { localDate } from '../../domain/time.ts';
import { splitRecord } from '../cases/mappers.ts';
import type { Services } from '../context.ts';

const DAY = 86_400_000;

const OUTCOMES = [
  {
    stage: 'penyidikan',
    result: 'berhasil',
    decree: true,
    notes: 'Kesepakatan diversi di Polres; anak kembali ke orang tua.',
  },
  {
    stage: 'penuntutan',
    result: 'masih_berjalan',
    decree: false,
    notes: 'Musyawarah diversi dijadwalkan ulang.',
  },
  {
    stage: 'pemeriksaan_pengadilan',
    result: 'tidak_berhasil',
    decree: false,
    notes: 'Keluarga korban tidak sepakat.',
  },
] as const;

export async function seedDiversionDemo(
  svc: Pick<Services, 'conn' | 'keys' | 'clock'>,
  jurisdiction: string,
  managerId: string,
): Promise<void> {
  const db = svc.conn.db;
  const now = svc.clock();
  const cases = await db
    .selectFrom('case_file')
    .select(['id', 'received_at'])
    .where('jurisdiction', '=', jurisdiction)
    .where('case_type', 'in', ['ampk', 'ktp_ampk'])
    .where('stage', '<>', 'penerimaan')
    .orderBy('number')
    .limit(OUTCOMES.length)
    .execute();
  for (const [i, c] of cases.entries()) {
    const o = OUTCOMES[i]!;
    const incident = await db
      .selectFrom('incident')
      .select(['id', 'ampk_categories'])
      .where('case_id', '=', c.id)
      .orderBy('created_at')
      .orderBy('id')
      .executeTakeFirst();
    if (!incident) continue;
    if (!incident.ampk_categories.includes(ABH_CATEGORY))
      await db
        .updateTable('incident')
        .set({ ampk_categories: [...incident.ampk_categories, ABH_CATEGORY] })
        .where('id', '=', incident.id)
        .execute();
    const received = new Date(c.received_at).getTime();
    // some weeks after the report, never after today
    const at = new Date(Math.min(received + (21 + 9 * i) * DAY, now.getTime()));
    const date = localDate(at, jurisdiction);
    const data = {
      stage: o.stage,
      result: o.result,
      date,
      decreeNumber: o.decree ? `${10 + i}/Pen.Div/${date.slice(0, 4)}/PN` : null,
      notes: o.notes,
    };
    const { plain, secretEnc } = splitRecord(svc.keys, 'diversion', data);
    await insertRecord(db, {
      id: randomUUID(),
      case_id: c.id,
      kind: 'diversion',
      data: JSON.stringify(plain),
      secret_enc: secretEnc,
      created_by: managerId,
      created_at: at,
      updated_at: at,
    });
  }
}
