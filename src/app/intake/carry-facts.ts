/**
 * What an inbox item tells, carried into the case opened from it, as it was told (decision 014):
 * the victim with the age group the reporter gave (never an age made up from it), the reporter,
 * the incident with its date as precisely as it was told (an approximate or unknown date stays
 * so; the day of the report is only the reference of "minggu ini") and the place in the
 * reporter's words, and as case notes the reporter's safety requests and every note written on
 * the item, with who wrote it and when. Runs inside the open-case transaction.
 */
import { randomUUID } from 'node:crypto';
import { insertIncident } from '../../db/incident.repository.ts';
import { type IntakeRow, intakeMessages } from '../../db/intake.repository.ts';
import { insertPerson } from '../../db/person.repository.ts';
import { insertRecord } from '../../db/record.repository.ts';
import { ageGroupFromIntake, incidentDateFromIntake, placeCategoryFromWords } from '../../domain/facts.ts';
import { CONTACT_METHODS } from '../../domain/intake.ts';
import { localDate } from '../../domain/time.ts';
import { dateColumns, incidentColumns } from '../cases/save-incident.ts';
import { personColumns } from '../cases/save-person.ts';
import type { AuthedCtx, Tx } from '../context.ts';

/** Case-note data (not encrypted) that says where a carried note came from. */
export type CarriedNote = {
  fromIntake: string;
  /** pelapor: told by the reporter; petugas: an officers' note; ke_pelapor: an officer's message to the reporter */
  writtenBy: 'pelapor' | 'petugas' | 'ke_pelapor';
};

/** The reporter's safety requests as the text of a case note (Bahasa Indonesia, the case file's language). */
export function safetyNoteText(
  k: AuthedCtx['keys'],
  row: Pick<
    IntakeRow,
    | 'code'
    | 'contact_method'
    | 'contact_phone_enc'
    | 'contact_safe_times_enc'
    | 'consent_contact'
    | 'danger_now'
  >,
): string {
  const method = CONTACT_METHODS.find((m) => m.code === row.contact_method)?.label.id ?? row.contact_method;
  const phone = k.decrypt(row.contact_phone_enc);
  const safe = k.decrypt(row.contact_safe_times_enc);
  return [
    `Permintaan keamanan dari pelapor (pengaduan ${row.code}):`,
    `- Cara menghubungi: ${method}`,
    ...(phone ? [`- Nomor yang boleh dihubungi: ${phone}`] : []),
    `- Waktu atau cara yang aman: ${safe ?? 'tidak disebutkan'}`,
    `- Setuju dihubungi: ${row.consent_contact ? 'ya' : 'tidak'}`,
    `- Dalam bahaya saat melapor: ${row.danger_now ? 'ya' : 'tidak'}`,
  ].join('\n');
}

export async function carryIntakeFacts(
  ctx: AuthedCtx,
  trx: Tx,
  row: IntakeRow,
  caseId: string,
  now: Date,
): Promise<{ notes: number }> {
  const k = ctx.keys;
  const base = { case_id: caseId, jurisdiction: row.jurisdiction, created_at: now, updated_at: now };
  const selfReport = row.reporter_type === 'korban';
  await insertPerson(
    trx,
    { ...base, id: randomUUID(), role: 'korban' },
    personColumns(k, {
      // a victim who reported herself gave her own name and number as the reporter's
      name:
        k.decrypt(row.victim_name_enc) ??
        (selfReport ? k.decrypt(row.reporter_name_enc) : null) ??
        'Belum diketahui',
      sex: (row.victim_sex as never) ?? null,
      birthDate: row.victim_birth_date,
      // the group as told; the officer's own estimate is a separate fact, left empty here
      ageGroup: ageGroupFromIntake(row.victim_age_group),
      nik: k.decrypt(row.victim_nik_enc),
      phone: k.decrypt(row.victim_phone_enc) ?? (selfReport ? k.decrypt(row.contact_phone_enc) : null),
      // where it happened is the incident's place, not where she lives: left for the officer
      regionCode: null,
    }),
  );
  const reporterName = k.decrypt(row.reporter_name_enc);
  if (row.reporter_type === 'orang_lain' && (reporterName || row.contact_phone_enc)) {
    await insertPerson(
      trx,
      { ...base, id: randomUUID(), role: 'pelapor' },
      personColumns(k, {
        name: reporterName ?? 'Pelapor (tanpa nama)',
        phone: k.decrypt(row.contact_phone_enc),
        relationToVictim: row.reporter_relation,
      }),
    );
  }
  const description = k.decrypt(row.description_enc);
  const place = k.decrypt(row.place_enc);
  if (row.forms.length > 0 || description || place) {
    const date = incidentDateFromIntake({
      occurredOn: row.occurred_on,
      occurredWhen: row.occurred_when,
      reportDate: localDate(new Date(row.received_at), row.jurisdiction),
    });
    await insertIncident(
      trx,
      { id: randomUUID(), case_id: caseId, created_at: now, updated_at: now },
      {
        ...incidentColumns(k, {
          placeCategory: placeCategoryFromWords(place),
          placeText: place,
          regionCode: row.region_code,
          forms: row.forms.length > 0 ? (row.forms as never) : ['lainnya'],
          chronology: description,
        }),
        ...dateColumns(date),
      },
    );
  }

  // the reporter's safety requests, then every note on the item, each as written and by whom
  const note = (body: string, data: CarriedNote, at: Date, by: string | null) =>
    insertRecord(trx, {
      id: randomUUID(),
      case_id: caseId,
      kind: 'note',
      data: JSON.stringify(data),
      secret_enc: k.encrypt(JSON.stringify({ body })),
      created_by: by,
      created_at: at,
      updated_at: now,
    });
  const received = new Date(row.received_at);
  await note(safetyNoteText(k, row), { fromIntake: row.code, writtenBy: 'pelapor' }, received, null);
  let notes = 1;
  for (const m of await intakeMessages(trx, row.id)) {
    const body = k.decrypt(m.body_enc);
    if (!body) continue;
    const author = m.author === 'petugas' || m.author === 'ke_pelapor' ? m.author : 'pelapor';
    await note(
      body,
      { fromIntake: row.code, writtenBy: author },
      new Date(m.at),
      author === 'pelapor' ? null : m.author_id,
    );
    notes++;
  }
  return { notes };
}
