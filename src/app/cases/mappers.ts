/** Stored rows → API shapes, decrypting what the actor is allowed to see. */
import type { IncidentDto, PersonDto, RecordDto } from '../../domain/dto.ts';
import {
  type DatePrecision,
  describeAge,
  describeIncidentDate,
  exactAge,
  type IncidentDateFacts,
  incidentDateValue,
  isChild,
} from '../../domain/facts.ts';
import { RECORD_KINDS, type RecordKind } from '../../domain/schemas.ts';
import { localDate } from '../../domain/time.ts';
import type { Keyring } from '../crypto.ts';

const iso = (v: unknown): string => new Date(v as string).toISOString();

/** An exact age from a birth date, on the local calendar day of `jurisdiction`; null without one. */
export function exactAgeOn(birthDate: string | null, now: Date, jurisdiction: string): number | null {
  return birthDate ? exactAge(birthDate, localDate(now, jurisdiction)) : null;
}

type PersonRow = {
  id: string;
  role: string;
  jurisdiction: string;
  name_enc: string;
  nik_enc: string | null;
  phone_enc: string | null;
  sex: string | null;
  birth_date: string | null;
  estimated_age: number | null;
  age_group: string | null;
  region_code: string | null;
  address_enc: string | null;
  education: string | null;
  occupation: string | null;
  marital_status: string | null;
  disability: boolean | null;
  disability_types: string[];
  accommodation_enc: string | null;
  nationality: string | null;
  relation_to_victim: string | null;
  version: number;
};

export function personDto(k: Keyring, p: PersonRow, regionNames: Map<string, string>, now: Date): PersonDto {
  const today = localDate(now, p.jurisdiction);
  const facts = { birthDate: p.birth_date, estimatedAge: p.estimated_age, ageGroup: p.age_group };
  return {
    id: p.id,
    role: p.role as PersonDto['role'],
    name: k.decrypt(p.name_enc),
    sex: p.sex,
    birthDate: p.birth_date,
    estimatedAge: p.estimated_age,
    ageGroup: p.age_group,
    age: p.birth_date ? exactAge(p.birth_date, today) : null,
    ageText: describeAge(facts, today),
    child: isChild(facts, today),
    nik: k.decrypt(p.nik_enc),
    phone: k.decrypt(p.phone_enc),
    regionCode: p.region_code,
    regionName: p.region_code ? (regionNames.get(p.region_code) ?? null) : null,
    addressDetail: k.decrypt(p.address_enc),
    education: p.education,
    occupation: p.occupation,
    maritalStatus: p.marital_status,
    disability: p.disability,
    disabilityTypes: p.disability_types,
    accommodationNeeds: k.decrypt(p.accommodation_enc),
    nationality: p.nationality,
    relationToVictim: p.relation_to_victim,
    version: p.version,
  };
}

type DateRow = {
  date_precision: string;
  occurred_on: string | null;
  told_when: string | null;
  reference_date: string | null;
};

export function storedDate(i: DateRow): IncidentDateFacts {
  return {
    precision: i.date_precision as DatePrecision,
    occurredOn: i.occurred_on,
    toldWhen: i.told_when,
    referenceDate: i.reference_date,
  };
}

type IncidentRow = DateRow & {
  id: string;
  place_category: string | null;
  place_text_enc: string | null;
  region_code: string | null;
  forms: string[];
  tpks_offences: string[];
  ampk_categories: string[];
  chronology_enc: string | null;
  version: number;
};

export function incidentDto(k: Keyring, i: IncidentRow, regionNames: Map<string, string>): IncidentDto {
  const d = storedDate(i);
  return {
    id: i.id,
    date: incidentDateValue(d),
    datePrecision: d.precision,
    toldWhen: d.toldWhen,
    referenceDate: d.referenceDate,
    dateText: describeIncidentDate(d),
    placeCategory: i.place_category,
    placeText: k.decrypt(i.place_text_enc),
    regionCode: i.region_code,
    regionName: i.region_code ? (regionNames.get(i.region_code) ?? null) : null,
    forms: i.forms,
    tpksOffences: i.tpks_offences,
    ampkCategories: i.ampk_categories,
    chronology: k.decrypt(i.chronology_enc),
    version: i.version,
  };
}

type RecordRow = {
  id: string;
  kind: string;
  data: Record<string, unknown>;
  secret_enc: string | null;
  version: number;
  created_at: unknown;
  created_by: string | null;
  created_by_name?: string | null;
};

export function recordDto(k: Keyring, r: RecordRow): RecordDto {
  const secret = r.secret_enc ? (JSON.parse(k.decrypt(r.secret_enc)) as Record<string, unknown>) : {};
  return {
    id: r.id,
    kind: r.kind as RecordKind,
    data: { ...r.data, ...secret },
    version: r.version,
    createdAt: iso(r.created_at),
    createdBy: r.created_by,
    createdByName: r.created_by_name ?? null,
  };
}

/** Splits validated record input into plain (queryable, non-identifying) and secret parts. */
export function splitRecord(k: Keyring, kind: RecordKind, input: Record<string, unknown>) {
  const secretNames = RECORD_KINDS[kind].secret as readonly string[];
  const plain: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(input)) {
    if (v === undefined) continue;
    if (secretNames.includes(key)) secret[key] = v;
    else plain[key] = v;
  }
  return { plain, secretEnc: Object.keys(secret).length > 0 ? k.encrypt(JSON.stringify(secret)) : null };
}
