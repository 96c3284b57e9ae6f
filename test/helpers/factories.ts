/**
 * Test data built through the real code, not the demo seed: organisations, users and agreements
 * through the repositories (src/db/*.repository.ts); cases, persons, incidents, records and
 * referrals through the use cases (src/app/cases/*, src/app/referrals/*), after the same schema
 * parse the HTTP layer does. So every invariant holds as in production: identifiers encrypted,
 * every write audited, cases numbered PPA-<kab>-<year>-<seq>, referrals checked for consent.
 *
 * Each factory takes overrides and fills the rest with synthetic defaults. Every person is
 * invented; NIKs are synthetic but well-formed (seed-demo.ts's syntheticNik). Names, e-mails and
 * numbers carry a running number, so factories can be called any number of times in one database.
 *
 *   const lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
 *   const manajer = await makeUser(h.svc, { role: 'manajer', org: lebak.uptd });
 *   const m = await h.as(manajer.email, manajer.password);
 *   const k = await makeFullCase(h.svc, manajer);
 */
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { z } from 'zod';
import { openCase } from '../../src/app/cases/open-case.ts';
import { addIncident } from '../../src/app/cases/save-incident.ts';
import { addPerson } from '../../src/app/cases/save-person.ts';
import { addRecord } from '../../src/app/cases/save-record.ts';
import type { AuthedCtx, Services } from '../../src/app/context.ts';
import { hashPassword } from '../../src/app/passwords.ts';
import { acceptReferral } from '../../src/app/referrals/act-on-referral.ts';
import { createReferral } from '../../src/app/referrals/create-referral.ts';
import { syntheticNik } from '../../src/app/seed-demo.ts';
import { insertAgreement } from '../../src/db/directory.repository.ts';
import { insertOrganisation } from '../../src/db/organisation.repository.ts';
import { childRegions, getRegion } from '../../src/db/region.repository.ts';
import type { AgreementTable, OrganisationTable } from '../../src/db/schema.ts';
import { insertUser } from '../../src/db/user.repository.ts';
import type { CaseDto, IncidentDto, PersonDto, ReferralDto } from '../../src/domain/dto.ts';
import { type Actor, type Role, roleFitsOrg } from '../../src/domain/policy.ts';
import { ReferralCreateInput } from '../../src/domain/referral-schemas.ts';
import {
  CaseCreateInput,
  IncidentInput,
  PersonInput,
  RECORD_KINDS,
  type RecordKind,
} from '../../src/domain/schemas.ts';
import { localDate } from '../../src/domain/time.ts';

/** A password for factory users, distinct from the demo password so no test leans on the demo. */
export const FACTORY_PASSWORD = 'Uji-Pabrik-Data-2026!';

const DAY = 86_400_000;

/** A running number for names, e-mails and NIKs; unique within the test process. */
let counter = 0;
const next = () => ++counter;

const WOMEN = ['Ayu Lestiani', 'Rina Marlina', 'Dewi Anggraeni', 'Putri Handayani', 'Intan Permatasari'];
const MEN = ['Darto Suwarno', 'Mulyadi Saputra', 'Hasan Basri', 'Roni Firmansyah', 'Yadi Kurniawan'];
const pick = (xs: readonly string[], n: number) => xs[n % xs.length]!;

/** A synthetic victim's name: an invented name with a number, never a real person. */
export const syntheticName = (female = true) => {
  const n = next();
  return `${pick(female ? WOMEN : MEN, n)} Uji ${n}`;
};

export type Org = Awaited<ReturnType<typeof insertOrganisation>>;

/** Where a kab/kota is: its name, and the first district and village in it (from the loaded regions). */
export type Place = { kabKota: string; name: string; district: string; village: string };

const places = new Map<string, Place>();

/** The kab/kota's name and a district and village in it; the regions of its province must be loaded. */
export async function placeOf(svc: Services, kabKota: string): Promise<Place> {
  const known = places.get(kabKota);
  if (known) return known;
  const region = await getRegion(svc.conn.db, kabKota);
  if (!region) throw new Error(`region ${kabKota} not loaded`);
  const district = (await childRegions(svc.conn.db, kabKota))[0];
  const village = district && (await childRegions(svc.conn.db, district.code))[0];
  if (!district || !village) throw new Error(`no village loaded under ${kabKota}`);
  const p = { kabKota, name: region.name, district: district.code, village: village.code };
  places.set(kabKota, p);
  return p;
}

const shortName = (name: string) => name.replace(/^(Kabupaten|Kota) /, '');

export type OrgOptions = { kabKota: string; type: string } & Partial<
  Omit<Insertable<OrganisationTable>, 'type' | 'jurisdiction'>
>;

/** An organisation of a kab/kota (verified today, covering the kab/kota), through the repository. */
export async function makeOrg(svc: Services, opts: OrgOptions): Promise<Org> {
  const { kabKota, type, ...rest } = opts;
  const place = await placeOf(svc, kabKota);
  const now = svc.clock();
  const n = next();
  return insertOrganisation(svc.conn.db, {
    id: randomUUID(),
    name: `Lembaga ${type} ${shortName(place.name)} (uji ${n})`,
    type,
    region_code: kabKota,
    jurisdiction: kabKota,
    address: `Jl. Uji No. ${n}, ${place.name}`,
    phone: `0254-${String(200000 + n)}`,
    email: `lembaga-${n}@${kabKota.replace('.', '-')}.test`,
    areas: [kabKota],
    languages: ['Bahasa Indonesia'],
    verified_at: now,
    created_at: now,
    updated_at: now,
    ...rest,
  });
}

export type AgreementOptions = { org: Org; createdBy?: string | null } & Partial<
  Omit<Insertable<AgreementTable>, 'org_id' | 'created_by'>
>;

/** A cooperation agreement of the kab/kota's Dinas with an organisation; by default a PKS running today. */
export async function makeAgreement(svc: Services, opts: AgreementOptions): Promise<{ id: string }> {
  const { org, createdBy, ...rest } = opts;
  const now = svc.clock();
  const today = localDate(now, org.jurisdiction);
  const n = next();
  return insertAgreement(svc.conn.db, {
    id: randomUUID(),
    org_id: org.id,
    jurisdiction: org.jurisdiction,
    kind: 'pks',
    number: `400.14.1/${String(n).padStart(3, '0')}/UJI/${today.slice(0, 4)}`,
    parties: `Dinas PPPA dan ${org.name}`,
    subject: 'Perjanjian kerja sama layanan rujukan (uji)',
    starts_on: localDate(new Date(now.getTime() - 365 * DAY), org.jurisdiction),
    ends_on: localDate(new Date(now.getTime() + 365 * DAY), org.jurisdiction),
    created_by: createdBy ?? null,
    created_at: now,
    updated_at: now,
    ...rest,
  });
}

/**
 * A kab/kota as it runs Simpul: its Dinas PPPA, its UPTD PPA and a partner (the Unit PPA of the
 * Polres, with an agreement running today). No users: make the ones a test needs with makeUser.
 */
export type RegionWorld = Place & { dinas: Org; uptd: Org; police: Org };

export async function makeRegionWorld(svc: Services, opts: { kabKota: string }): Promise<RegionWorld> {
  const place = await placeOf(svc, opts.kabKota);
  const short = shortName(place.name);
  const dinas = await makeOrg(svc, {
    kabKota: opts.kabKota,
    type: 'dinas_pppa',
    name: `Dinas PPPA ${place.name} (uji)`,
    hours: 'Senin–Jumat 08.00–16.00',
  });
  const uptd = await makeOrg(svc, {
    kabKota: opts.kabKota,
    type: 'uptd_ppa',
    name: `UPTD PPA ${place.name} (uji)`,
    services: ['pengaduan', 'pendampingan', 'psikologis', 'mediasi'],
    hours: 'Senin–Jumat 08.00–16.00',
  });
  const police = await makeOrg(svc, {
    kabKota: opts.kabKota,
    type: 'polisi_ppa',
    name: `Unit PPA Polres ${short} (uji)`,
    services: ['lapor_polisi', 'penegakan_hukum'],
    hours: '24 jam',
  });
  await makeAgreement(svc, { org: police });
  return { ...place, dinas, uptd, police };
}

export type MadeUser = {
  id: string;
  email: string;
  password: string;
  name: string;
  role: Role;
  org: Org;
  actor: Actor;
};

const hashes = new Map<string, Promise<string>>();

/**
 * A user of the organisation, through the repository. Sign-in: a user with `demo` set may skip
 * two-factor enrolment (sign-in.ts, mfaEnrolmentRequired), which is how test users sign in with
 * e-mail and password alone, as the demo users do; `demo: false` makes an account that must enrol.
 * The role must fit the organisation as the admin use case demands (roleFitsOrg).
 */
export async function makeUser(
  svc: Services,
  opts: { role: Role; org: Org; name?: string; email?: string; password?: string; demo?: boolean },
): Promise<MadeUser> {
  const { role, org } = opts;
  if (!roleFitsOrg(role, org.type)) throw new Error(`role ${role} does not fit a ${org.type}`);
  const n = next();
  const email = opts.email ?? `${role}-${n}@${org.jurisdiction.replace('.', '-')}.test`;
  const password = opts.password ?? FACTORY_PASSWORD;
  const name = opts.name ?? `Petugas ${role} uji ${n}`;
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  const now = svc.clock();
  const id = randomUUID();
  await insertUser(svc.conn.db, {
    id,
    email,
    name,
    role,
    org_id: org.id,
    password_hash: await hash,
    password_changed_at: now,
    demo: opts.demo ?? true,
    created_at: now,
    updated_at: now,
  });
  return {
    id,
    email,
    password,
    name,
    role,
    org,
    actor: { userId: id, role, orgId: org.id, jurisdiction: org.jurisdiction },
  };
}

/** The use-case context of a user, as a request of theirs would have it. */
export function ctxOf(svc: Services, user: MadeUser): AuthedCtx {
  return { ...svc, actor: user.actor, meta: { ip: '127.0.0.1', userAgent: 'test-factory', requestId: null } };
}

export type CaseOptions = Partial<z.input<typeof CaseCreateInput>>;

/** Opens a case as the user (openCase): numbered, audited, at penerimaan. */
export function makeCase(svc: Services, by: MadeUser, overrides: CaseOptions = {}): Promise<CaseDto> {
  const input = CaseCreateInput.parse({
    channel: 'datang_langsung',
    risk: 'sedang',
    caseType: 'ktp',
    authority: 'daerah',
    ...overrides,
  });
  return openCase(ctxOf(svc, by), input);
}

export type PersonOptions = Partial<z.input<typeof PersonInput>>;

/**
 * Adds a person to a case (addPerson). A victim defaults to a woman born 14 March 1995 in a
 * village of the case's kab/kota, with a synthetic NIK; an alleged perpetrator to a man of about 40.
 */
export async function makePerson(
  svc: Services,
  by: MadeUser,
  caseId: string,
  overrides: PersonOptions = {},
): Promise<PersonDto> {
  const role = overrides.role ?? 'korban';
  let defaults: z.input<typeof PersonInput>;
  if (role === 'korban') {
    const place = await placeOf(svc, by.actor.jurisdiction);
    const female = (overrides.sex ?? 'perempuan') === 'perempuan';
    const birthDate = overrides.birthDate ?? '1995-03-14';
    defaults = {
      role,
      name: syntheticName(female),
      sex: 'perempuan',
      birthDate,
      nik: birthDate ? syntheticNik(place.district, birthDate, female, next()) : null,
      regionCode: place.village,
      nationality: 'wni',
    };
  } else {
    defaults = { role, name: syntheticName(false), sex: 'laki_laki', estimatedAge: 40 };
  }
  return addPerson(ctxOf(svc, by), caseId, PersonInput.parse({ ...defaults, ...overrides }));
}

export type IncidentOptions = Partial<z.input<typeof IncidentInput>>;

/** Adds an incident (addIncident): by default a physical assault at home on 10 January 2026. */
export async function makeIncident(
  svc: Services,
  by: MadeUser,
  caseId: string,
  overrides: IncidentOptions = {},
): Promise<IncidentDto> {
  const place = await placeOf(svc, by.actor.jurisdiction);
  const input = IncidentInput.parse({
    date: '2026-01-10',
    placeCategory: 'rumah_tangga',
    regionCode: place.village,
    forms: ['fisik'],
    chronology: 'Kronologi uji: pelaku memukul korban di rumah.',
    ...overrides,
  });
  return addIncident(ctxOf(svc, by), caseId, input);
}

export type FullCase = {
  id: string;
  number: string;
  case: CaseDto;
  victimId: string;
  perpetratorId: string;
  incidentId: string;
  victim: PersonDto;
  perpetrator: PersonDto;
  incident: IncidentDto;
};

/**
 * A case with one victim, one alleged perpetrator and one incident, as openFullCase in the
 * harness makes one through the API; `case` is the case as opened (before persons and incident).
 */
export async function makeFullCase(
  svc: Services,
  by: MadeUser,
  opts: {
    case?: CaseOptions;
    victim?: PersonOptions;
    perpetrator?: PersonOptions;
    incident?: IncidentOptions;
  } = {},
): Promise<FullCase> {
  const c = await makeCase(svc, by, opts.case);
  const victim = await makePerson(svc, by, c.id, { role: 'korban', ...opts.victim });
  const perpetrator = await makePerson(svc, by, c.id, { role: 'terlapor', ...opts.perpetrator });
  const incident = await makeIncident(svc, by, c.id, opts.incident);
  return {
    id: c.id,
    number: c.number,
    case: c,
    victimId: victim.id,
    perpetratorId: perpetrator.id,
    incidentId: incident.id,
    victim,
    perpetrator,
    incident,
  };
}

/** Adds a record of the kind (addRecord), its data parsed by the kind's schema as the API does. */
export function makeRecord<K extends RecordKind>(
  svc: Services,
  by: MadeUser,
  caseId: string,
  kind: K,
  data: z.input<(typeof RECORD_KINDS)[K]['schema']>,
) {
  const parsed: Record<string, unknown> = RECORD_KINDS[kind].schema.parse(data);
  return addRecord(ctxOf(svc, by), caseId, kind, parsed);
}

export type ReferralOptions = { personId: string; toOrg: Org } & Partial<
  Omit<z.input<typeof ReferralCreateInput>, 'personId' | 'toOrgId'>
>;

/**
 * Refers a victim of the case (createReferral): by default for the first service the recipient
 * offers, not urgent, sharing no section, with the victim's own consent given a minute ago.
 */
export function makeReferral(
  svc: Services,
  by: MadeUser,
  caseId: string,
  opts: ReferralOptions,
): Promise<ReferralDto> {
  const { personId, toOrg, ...rest } = opts;
  const input = ReferralCreateInput.parse({
    personId,
    toOrgId: toOrg.id,
    services: toOrg.services.slice(0, 1),
    urgency: 'biasa',
    purpose: 'Rujukan uji (data sintetis).',
    consent: {
      basis: 'persetujuan_korban',
      givenBy: 'Korban (uji)',
      givenAt: new Date(svc.clock().getTime() - 60_000).toISOString(),
    },
    ...rest,
  });
  return createReferral(ctxOf(svc, by), caseId, input);
}

/** The recipient's staff accepts the referral (acceptReferral). */
export function acceptAs(svc: Services, by: MadeUser, referral: { id: string; version: number }) {
  return acceptReferral(ctxOf(svc, by), referral.id, { version: referral.version });
}
