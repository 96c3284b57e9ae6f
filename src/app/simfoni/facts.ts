/**
 * The SIMFONI facts of some cases, gathered from the repository and the region names: the input of
 * src/domain/simfoni.ts `simfoniRows`. Names and NIK are decrypted only when `identity` is asked
 * (the guarded export); the work list never decrypts anything.
 */
import { regionNames } from '../../db/region.repository.ts';
import { type SimfoniCaseRow, simfoniFacts } from '../../db/simfoni.repository.ts';
import type { DatePrecision } from '../../domain/facts.ts';
import type { SimfoniCaseFacts, SimfoniPersonFacts } from '../../domain/simfoni.ts';
import { localDate } from '../../domain/time.ts';
import type { Tx } from '../context.ts';
import type { Keyring } from '../crypto.ts';

/** Up to this many cases per round of fact queries (the `IN` lists stay small). */
const CHUNK = 500;

const kecamatanOf = (code: string | null) =>
  code && code.split('.').length >= 3 ? code.split('.').slice(0, 3).join('.') : null;
const kabKotaOf = (code: string | null) =>
  code && code.split('.').length >= 2 ? code.split('.').slice(0, 2).join('.') : null;

export async function gatherSimfoniFacts(
  db: Tx,
  keys: Keyring,
  cases: readonly SimfoniCaseRow[],
  opts: { identity: boolean },
): Promise<Map<string, SimfoniCaseFacts>> {
  const out = new Map<string, SimfoniCaseFacts>();
  for (let i = 0; i < cases.length; i += CHUNK) {
    const part = cases.slice(i, i + CHUNK);
    const f = await simfoniFacts(
      db,
      part.map((c) => c.id),
    );
    const codes = new Set<string>();
    for (const c of part) {
      codes.add(c.jurisdiction);
      codes.add(c.jurisdiction.slice(0, 2));
    }
    for (const p of f.persons) {
      const k = kecamatanOf(p.region_code);
      const kk = kabKotaOf(p.region_code);
      if (k) codes.add(k);
      if (kk) codes.add(kk);
    }
    for (const x of f.incidents) {
      const k = kecamatanOf(x.region_code);
      if (k) codes.add(k);
      if (x.region_code && x.region_code.split('.').length === 4) codes.add(x.region_code);
    }
    const names = await regionNames(db, [...codes]);
    const name = (code: string | null) => (code ? (names.get(code) ?? null) : null);

    for (const c of part) {
      const persons = f.persons.filter((p) => p.case_id === c.id);
      const person = (p: (typeof persons)[number]): SimfoniPersonFacts => ({
        id: p.id,
        name: opts.identity ? (keys.decrypt(p.name_enc) ?? '') : '',
        nik: opts.identity ? keys.decrypt(p.nik_enc) : null,
        sex: p.sex,
        birthDate: p.birth_date,
        estimatedAge: p.estimated_age,
        ageGroup: p.age_group,
        education: p.education,
        occupation: p.occupation,
        maritalStatus: p.marital_status,
        disability: p.disability,
        disabilityTypes: p.disability_types,
        nationality: p.nationality,
        kecamatan: name(kecamatanOf(p.region_code)),
        kabKota: name(kabKotaOf(p.region_code)),
      });
      out.set(c.id, {
        number: c.number,
        caseType: c.case_type,
        reportDate: localDate(new Date(c.received_at), c.jurisdiction),
        province: name(c.jurisdiction.slice(0, 2)),
        kabKota: c.jurisdiction.length > 2 ? name(c.jurisdiction) : null,
        simfoniNumber: c.simfoni_number,
        simfoniEnteredOn: c.simfoni_entered_on,
        victims: persons.filter((p) => p.role === 'korban').map(person),
        perpetrators: persons.filter((p) => p.role === 'terlapor').map(person),
        relationships: new Map(
          f.relationships
            .filter((r) => r.case_id === c.id)
            .map((r) => [`${r.victim_id}:${r.perpetrator_id}`, r.relationship]),
        ),
        incidents: f.incidents
          .filter((x) => x.case_id === c.id)
          .map((x) => ({
            precision: x.date_precision as DatePrecision,
            occurredOn: x.occurred_on,
            toldWhen: x.told_when,
            referenceDate: x.reference_date,
            placeCategory: x.place_category,
            forms: x.forms,
            kecamatan: name(kecamatanOf(x.region_code)),
            desa: x.region_code && x.region_code.split('.').length === 4 ? name(x.region_code) : null,
          })),
        services: f.services.filter((s) => s.case_id === c.id && s.service).map((s) => s.service as string),
      });
    }
  }
  return out;
}
