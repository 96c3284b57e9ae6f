/**
 * Demo data (SIMPUL_DEMO, on by default): four kab/kota — Kabupaten Lebak (36.02) and Kota Serang
 * (36.73) in Banten (WIB), Kota Bontang (64.74) in Kalimantan Timur (WITA), Kota Palangka Raya
 * (62.71) in Kalimantan Tengah (WIB) — each with its Dinas PPPA, UPTD PPA and partners and one
 * demo user per role, and the province Dinas of Banten (36) and of Kalimantan Tengah (62) with
 * their leadership, administrator and case manager. Synthetic cases reach back more than 24
 * months, in the region's own time zone, over several kecamatan and desa, at every stage. Lebak
 * and Serang also get the coordination demos (src/app/demo: prevention, training, meetings,
 * regulations, RAD, posters, diversion records). Palangka Raya gets its regulations, RAD and
 * diversion records, the Gugus Tugas KLA's member OPDs with one account each, and the KLA
 * self-evaluations (src/app/demo/kla.ts: last year's verified by the province, this year's
 * half-finished), seeded after the provinces so the province verifies. A kab/kota whose province's
 * region codes are not loaded (SIMPUL_REGIONS) is left out. Every person here is invented; NIKs
 * are synthetic but well-formed.
 */
import { randomUUID } from 'node:crypto';
import { insertAgreement } from '../db/directory.repository.ts';
import { findMeta, insertMeta } from '../db/meta.repository.ts';
import { insertOrganisation } from '../db/organisation.repository.ts';
import { getRegion } from '../db/region.repository.ts';
import { findUserByEmail, insertUser } from '../db/user.repository.ts';
import type { AgeGroupCode, DatePrecision, ToldWhen } from '../domain/facts.ts';
import type { Actor, Role } from '../domain/policy.ts';
import { ROLES } from '../domain/policy.ts';
import type { IncidentInput, PersonInput } from '../domain/schemas.ts';
import type { Stage } from '../domain/stages.ts';
import { SERVICE_TYPES } from '../domain/taxonomies.ts';
import { localDate, localDayStart, localYear } from '../domain/time.ts';
import { assignCase } from './cases/assign-case.ts';
import { changeStage } from './cases/change-stage.ts';
import { openCase } from './cases/open-case.ts';
import { addIncident } from './cases/save-incident.ts';
import { addPerson, addRelationship } from './cases/save-person.ts';
import { addRecord } from './cases/save-record.ts';
import type { AuthedCtx, Services } from './context.ts';
import { seedDiversionDemo } from './demo/diversion.ts';
import { KLA_DEMO_REGION, KLA_OPDS, seedKlaDemo } from './demo/kla.ts';
import { seedMeetingDemo } from './demo/meetings.ts';
import { seedPosterDemo } from './demo/posters.ts';
import { seedPreventionDemo } from './demo/prevention.ts';
import { seedRadDemo } from './demo/rad.ts';
import { seedRegulationsDemo } from './demo/regulations.ts';
import { seedTrainingDemo } from './demo/training.ts';
import { hashPassword } from './passwords.ts';
import { acceptReferral, recordDeliveredService } from './referrals/act-on-referral.ts';
import { createReferral } from './referrals/create-referral.ts';

type DemoRegion = {
  slug: string;
  code: string;
  name: string;
  /** telephone area code of the offices */
  areaCode: string;
};
export const DEMO_REGIONS: DemoRegion[] = [
  { slug: 'lebak', code: '36.02', name: 'Kabupaten Lebak', areaCode: '0252' },
  { slug: 'serang', code: '36.73', name: 'Kota Serang', areaCode: '0254' },
  { slug: 'bontang', code: '64.74', name: 'Kota Bontang', areaCode: '0548' },
  { slug: 'palangkaraya', code: '62.71', name: 'Kota Palangka Raya', areaCode: '0536' },
];

type DemoProvince = {
  slug: string;
  code: string;
  name: string;
  address: string;
  phone: string;
  roles: Role[];
};
/**
 * The province Dinas: aggregates of its kab/kota side by side, never their cases; Kalimantan
 * Tengah's also verifies Kota Palangka Raya's KLA self-evaluation.
 */
export const DEMO_PROVINCES: DemoProvince[] = [
  {
    slug: 'banten',
    code: '36',
    name: 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Kependudukan dan Keluarga Berencana Provinsi Banten (demo)',
    address: 'Kawasan Pusat Pemerintahan Provinsi Banten (KP3B), Serang (alamat demo)',
    phone: '0254-200100',
    roles: ['pimpinan', 'admin-dinas', 'manajer'],
  },
  {
    slug: 'kalteng',
    code: '62',
    name: 'Dinas Pemberdayaan Perempuan dan Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana Provinsi Kalimantan Tengah (demo)',
    address: 'Jl. Tjilik Riwut Km 1, Palangka Raya (alamat demo)',
    phone: '0536-200100',
    roles: ['pimpinan', 'admin-dinas', 'manajer'],
  },
];

type DemoOrg = {
  key: string;
  type: string;
  name: (r: string) => string;
  roles: Role[];
  /** further users by e-mail local part (`rsud` → rsud@lebak.demo) */
  extraUsers?: Array<{ local: string; role: Role }>;
  services: string[];
  hours: string;
  accessibility?: string;
  capacity?: { total: number; free: number };
  /** days since the entry was last verified (over 183: flagged for re-verification) */
  verifiedDaysAgo: number;
  /** the Dinas's cooperation agreement with this partner, relative to today (days) */
  agreement?: { kind: 'mou' | 'pks'; startedDaysAgo: number; endsInDays: number };
};

const ORGS: DemoOrg[] = [
  {
    key: 'dinas',
    type: 'dinas_pppa',
    name: (r) => `Dinas PPPA ${r}`,
    roles: ['admin', 'admin-dinas', 'pimpinan', 'auditor', 'data'],
    services: [],
    hours: 'Senin–Jumat 08.00–16.00',
    verifiedDaysAgo: 10,
  },
  {
    key: 'uptd',
    type: 'uptd_ppa',
    name: (r) => `UPTD PPA ${r}`,
    roles: ['pengaduan', 'manajer', 'pendamping'],
    services: ['pengaduan', 'pendampingan', 'psikologis', 'mediasi'],
    hours: 'Senin–Jumat 08.00–16.00; pengaduan darurat 24 jam melalui telepon',
    accessibility: 'Ruang layanan di lantai dasar, jalur kursi roda',
    verifiedDaysAgo: 10,
  },
  {
    key: 'polisi',
    type: 'polisi_ppa',
    name: (r) => `Unit PPA Polres ${r.replace(/^(Kabupaten|Kota) /, '')}`,
    roles: ['mitra'],
    services: ['lapor_polisi', 'penegakan_hukum'],
    hours: '24 jam',
    verifiedDaysAgo: 40,
    agreement: { kind: 'pks', startedDaysAgo: 400, endsInDays: 700 },
  },
  {
    key: 'rsud',
    type: 'rumah_sakit',
    name: (r) => `RSUD ${r.replace(/^(Kabupaten|Kota) /, '')} (demo)`,
    roles: [],
    extraUsers: [{ local: 'rsud', role: 'mitra' }],
    services: ['kesehatan', 'visum', 'psikologis'],
    hours: 'IGD 24 jam; poli PPT Senin–Sabtu 08.00–14.00',
    accessibility: 'Ramah disabilitas; juru bahasa isyarat atas permintaan',
    verifiedDaysAgo: 60,
    // ends within the 60-day warning window
    agreement: { kind: 'pks', startedDaysAgo: 690, endsInDays: 45 },
  },
  {
    key: 'lbh',
    type: 'bantuan_hukum',
    name: (r) => `Pos Bantuan Hukum ${r.replace(/^(Kabupaten|Kota) /, '')} (demo)`,
    roles: [],
    services: ['bantuan_hukum', 'pendampingan'],
    hours: 'Senin–Jumat 09.00–15.00',
    verifiedDaysAgo: 90,
    // expired: referrals to it show "no active agreement"
    agreement: { kind: 'mou', startedDaysAgo: 760, endsInDays: -30 },
  },
  {
    key: 'rumah_aman',
    type: 'rumah_aman',
    name: (r) => `Rumah Aman ${r.replace(/^(Kabupaten|Kota) /, '')} (demo)`,
    roles: [],
    services: ['rumah_aman'],
    hours: '24 jam (alamat dirahasiakan; hubungi UPTD PPA)',
    capacity: { total: 6, free: 2 },
    // last verified more than six months ago: flagged
    verifiedDaysAgo: 200,
    agreement: { kind: 'pks', startedDaysAgo: 100, endsInDays: 265 },
  },
];

const LANGUAGES: Record<string, string[]> = {
  lebak: ['Bahasa Indonesia', 'Bahasa Sunda'],
  serang: ['Bahasa Indonesia', 'Bahasa Jawa Serang', 'Bahasa Sunda'],
  bontang: ['Bahasa Indonesia', 'Bahasa Bugis', 'Bahasa Kutai'],
  palangkaraya: ['Bahasa Indonesia', 'Bahasa Dayak Ngaju', 'Bahasa Banjar'],
};

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const dateOnly = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Invented given and family names, by the region's main language (Sunda/Jawa Serang; Bugis/Kutai;
 * Dayak Ngaju/Banjar).
 */
const NAMES: Record<'banten' | 'kaltim' | 'kalteng', { f: string[]; m: string[]; last: string[] }> = {
  banten: {
    f: ['Siti', 'Dewi', 'Nur', 'Rina', 'Ayu', 'Putri', 'Wulan', 'Lestari', 'Intan', 'Fitri', 'Yuni', 'Euis'],
    m: [
      'Budi',
      'Agus',
      'Joko',
      'Rahmat',
      'Dedi',
      'Yusuf',
      'Hendra',
      'Eko',
      'Fajar',
      'Asep',
      'Ujang',
      'Dadang',
    ],
    last: [
      'Rahayu',
      'Aminah',
      'Hidayat',
      'Saputra',
      'Permata',
      'Kurniawan',
      'Suryani',
      'Nurhayati',
      'Sulaeman',
    ],
  },
  kaltim: {
    f: [
      'Hasnawati',
      'Sitti',
      'Rahmawati',
      'Nurul',
      'Marlina',
      'Fatimah',
      'Hajrah',
      'Irma',
      'Yulianti',
      'Aisyah',
    ],
    m: ['Muhammad', 'Syamsul', 'Arman', 'Baharuddin', 'Ridwan', 'Herman', 'Firman', 'Kaharuddin', 'Andi'],
    last: ['Hamzah', 'Rusli', 'Syahrir', 'Saleh', 'Amiruddin', 'Lamba', 'Pratama', 'Mappaseng', 'Jumadi'],
  },
  kalteng: {
    f: ['Rosita', 'Mahrita', 'Elvina', 'Noorhayati', 'Galuh', 'Santi', 'Darmiah', 'Yuliana', 'Aluh', 'Erna'],
    m: ['Yoseph', 'Basri', 'Untung', 'Rusdi', 'Tambun', 'Anang', 'Ardianto', 'Utuh', 'Fransiskus', 'Ibnu'],
    last: ['Tingang', 'Bungai', 'Luwing', 'Rampai', 'Dehen', 'Anyang', 'Rahmadi', 'Mahmud', 'Hairani'],
  },
};

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rnd = () => number;
const pickFrom = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
/** One of `choices`, each as likely as its weight. */
function weighted<T>(rnd: Rnd, choices: ReadonlyArray<readonly [T, number]>): T {
  const total = choices.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [v, w] of choices) {
    x -= w;
    if (x < 0) return v;
  }
  return choices[choices.length - 1]![0];
}

export function demoEmail(role: Role, slug: string) {
  return `${role}@${slug}.demo`;
}

/** A well-formed synthetic NIK for a district, birth date and sex. */
export function syntheticNik(district: string, birth: string, female: boolean, seq: number): string {
  const [y, m, d] = birth.split('-');
  const day = Number(d) + (female ? 40 : 0);
  return `${district.replace(/\./g, '')}${String(day).padStart(2, '0')}${m}${y!.slice(2)}${String(seq % 9999 || 1).padStart(4, '0')}`;
}

export async function seedDemo(
  svc: Services,
  opts: { password: string; casesPerRegion?: number },
): Promise<boolean> {
  const db = svc.conn.db;
  const done = await findMeta(db, 'demo_seeded');
  if (done) return false;
  if (await findUserByEmail(db, demoEmail('manajer', DEMO_REGIONS[0]!.slug))) {
    // an earlier start stopped half-way through seeding: keep what is there rather than fail
    svc.log.warn('demo data partly present from an interrupted start; not loading it again');
    await insertMeta(db, 'demo_seeded', svc.clock().toISOString());
    return false;
  }
  const t0 = Date.now();
  const hash = await hashPassword(opts.password);
  const now = svc.clock();
  const user = async (email: string, name: string, role: Role, orgId: string) => {
    const id = randomUUID();
    await insertUser(db, {
      id,
      email,
      name,
      role,
      org_id: orgId,
      password_hash: hash,
      password_changed_at: now,
      demo: true,
      created_at: now,
      updated_at: now,
    });
    return id;
  };
  const seeded: string[] = [];
  /** work that needs the provinces' users too (the KLA demo's verification), done after them */
  const afterProvinces: Array<(provinces: Map<string, Map<Role, Actor>>) => Promise<void>> = [];
  for (const [ri, region] of DEMO_REGIONS.entries()) {
    if (!(await getRegion(db, region.code))) {
      svc.log.warn(
        { region: region.code },
        'demo kab/kota left out: its region codes are not loaded (SIMPUL_REGIONS)',
      );
      continue;
    }
    const orgIds = new Map<string, string>();
    const users = new Map<Role, Actor>();
    for (const o of ORGS) {
      const id = randomUUID();
      orgIds.set(o.key, id);
      await insertOrganisation(db, {
        id,
        name: o.name(region.name),
        type: o.type,
        region_code: region.code,
        jurisdiction: region.code,
        address: `Jl. Contoh No. ${ri + 1}${o.key.length}, ${region.name}`,
        phone: `${region.areaCode}-${String(100000 + ri * 1000 + o.key.length * 37)}`,
        email: `${o.key}@${region.slug}.demo`,
        services: o.services,
        areas: [region.code],
        hours: o.hours,
        languages: LANGUAGES[region.slug] ?? ['Bahasa Indonesia'],
        accessibility: o.accessibility ?? null,
        capacity_total: o.capacity?.total ?? null,
        capacity_free: o.capacity?.free ?? null,
        capacity_updated_at: o.capacity ? new Date(now.getTime() - 2 * DAY) : null,
        verified_at: new Date(now.getTime() - o.verifiedDaysAgo * DAY),
        created_at: now,
        updated_at: now,
      });
      for (const extra of o.extraUsers ?? [])
        await user(
          `${extra.local}@${region.slug}.demo`,
          `Demo ${extra.local} ${region.slug}`,
          extra.role,
          id,
        );
      for (const role of o.roles) {
        const u = await user(demoEmail(role, region.slug), `Demo ${role} ${region.slug}`, role, id);
        users.set(role, { userId: u, role, orgId: id, jurisdiction: region.code });
      }
    }
    const missing = ROLES.filter((r) => !users.has(r));
    if (missing.length > 0) throw new Error(`demo roles missing: ${missing.join(',')}`);
    // the Gugus Tugas KLA's member OPDs (Palangka Raya), one staff account each
    const opdUsers = new Map<string, Actor>();
    if (region.code === KLA_DEMO_REGION)
      for (const [oi, o] of KLA_OPDS.entries()) {
        const id = randomUUID();
        orgIds.set(o.key, id);
        await insertOrganisation(db, {
          id,
          name: `${o.name} ${region.name} (demo)`,
          type: o.type,
          region_code: region.code,
          jurisdiction: region.code,
          address: `Jl. Contoh No. ${ri + 1}${oi + 7}, ${region.name}`,
          phone: `${region.areaCode}-${String(100500 + oi * 41)}`,
          email: `${o.key}@${region.slug}.demo`,
          services: [],
          areas: [region.code],
          hours: 'Senin–Jumat 07.30–16.00',
          languages: LANGUAGES[region.slug] ?? ['Bahasa Indonesia'],
          verified_at: new Date(now.getTime() - 30 * DAY),
          created_at: now,
          updated_at: now,
        });
        const u = await user(`${o.key}@${region.slug}.demo`, `Demo ${o.key} ${region.slug}`, 'mitra', id);
        opdUsers.set(o.key, { userId: u, role: 'mitra', orgId: id, jurisdiction: region.code });
      }
    const banten = region.code.startsWith('36');
    const coordination = banten || region.code === KLA_DEMO_REGION;
    await seedAgreements(svc, region, orgIds, users.get('admin-dinas')!.userId, ri + 1);
    await seedCases(svc, region, users, orgIds, opts.casesPerRegion ?? 45, ri + 1);
    // a few of the AMPK cases are of a child in contact with the law, with a diversion outcome
    if (coordination) await seedDiversionDemo(svc, region.code, users.get('manajer')!.userId);
    await seedPosterDemo(svc, region, users.get('manajer')!.userId, ri + 1);
    if (banten) await seedPreventionDemo(svc, region, users, orgIds, ri + 1);
    await seedTrainingDemo(svc, region, orgIds, users);
    if (banten) await seedMeetingDemo(svc, region, users, orgIds);
    // after the meetings: the three-party agreement names the rakor that decided it
    if (coordination) await seedRegulationsDemo(svc, region, orgIds, users);
    // the RAD after them: it links to the meeting and prevention demos
    if (coordination) await seedRadDemo(svc, region, users, orgIds, ri + 1);
    // the KLA self-evaluations last: they read the cases, regulations and RAD, and the province verifies
    if (region.code === KLA_DEMO_REGION)
      afterProvinces.push((provinces) =>
        seedKlaDemo(svc, region, users, opdUsers, orgIds, provinces.get(region.code.slice(0, 2))),
      );
    seeded.push(region.code);
  }
  const provinces = new Map<string, Map<Role, Actor>>();
  for (const p of DEMO_PROVINCES) {
    if (!(await getRegion(db, p.code))) continue;
    const id = randomUUID();
    await insertOrganisation(db, {
      id,
      name: p.name,
      type: 'dinas_pppa',
      region_code: p.code,
      jurisdiction: p.code,
      address: p.address,
      phone: p.phone,
      email: `dinas@${p.slug}.demo`,
      services: [],
      areas: [p.code],
      hours: 'Senin–Jumat 08.00–16.00',
      languages: ['Bahasa Indonesia'],
      verified_at: new Date(now.getTime() - 10 * DAY),
      created_at: now,
      updated_at: now,
    });
    const actors = new Map<Role, Actor>();
    for (const role of p.roles) {
      const u = await user(demoEmail(role, p.slug), `Demo ${role} ${p.slug}`, role, id);
      actors.set(role, { userId: u, role, orgId: id, jurisdiction: p.code });
    }
    provinces.set(p.code, actors);
    seeded.push(p.code);
  }
  for (const then of afterProvinces) await then(provinces);
  await insertMeta(db, 'demo_seeded', now.toISOString());
  svc.log.info({ ms: Date.now() - t0, regions: seeded }, 'demo data loaded');
  return true;
}

/** Service codes as a person reads them in a text ("penampungan sementara / rumah aman"), never the codes. */
function serviceWords(services: readonly string[]): string {
  return services
    .map((c) => SERVICE_TYPES.find((x) => x.code === c)?.label.id.toLocaleLowerCase('id-ID') ?? c)
    .join(', ');
}

/** One cooperation agreement of the Dinas with each partner that has one in ORGS. */
async function seedAgreements(
  svc: Services,
  region: DemoRegion,
  orgIds: Map<string, string>,
  createdBy: string,
  seq: number,
) {
  const now = svc.clock();
  const year = localYear(now, region.code);
  for (const [i, o] of ORGS.entries()) {
    if (!o.agreement) continue;
    const a = o.agreement;
    await insertAgreement(svc.conn.db, {
      id: randomUUID(),
      org_id: orgIds.get(o.key)!,
      jurisdiction: region.code,
      kind: a.kind,
      number: `${a.kind === 'mou' ? '400.14' : '400.14.1'}/${String(seq * 10 + i).padStart(3, '0')}/DP3A/${year}`,
      parties: `Dinas PPPA ${region.name} dan ${o.name(region.name)}`,
      subject:
        a.kind === 'mou'
          ? 'Kerja sama penanganan perempuan dan anak korban kekerasan'
          : `Perjanjian kerja sama layanan rujukan (${serviceWords(o.services)}) bagi perempuan dan anak korban kekerasan`,
      starts_on: dateOnly(new Date(now.getTime() - a.startedDaysAgo * DAY)),
      ends_on: dateOnly(new Date(now.getTime() + a.endsInDays * DAY)),
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    });
  }
}

/* ------------------------------------------------------------------ cases */

/** Where the demo's cases happen: desa/kelurahan of a few kecamatan, the first one busiest. */
type Place = { district: string; village: string };

async function demoPlaces(svc: Services, kabKota: string, rnd: Rnd): Promise<Place[]> {
  const rows = await svc.conn.db
    .selectFrom('region')
    .select(['code', 'parent_code'])
    .where('level', '=', 4)
    .where('code', 'like', `${kabKota}.%`)
    .orderBy('code')
    .execute();
  const byDistrict = new Map<string, string[]>();
  for (const r of rows) {
    const d = r.parent_code!;
    byDistrict.set(d, [...(byDistrict.get(d) ?? []), r.code]);
  }
  const districts = [...byDistrict.keys()];
  const chosen: string[] = [];
  while (chosen.length < Math.min(6, districts.length)) {
    const d = pickFrom(rnd, districts);
    if (!chosen.includes(d)) chosen.push(d);
  }
  const places: Place[] = [];
  for (const [n, d] of chosen.entries()) {
    const villages = byDistrict.get(d)!;
    const take = Math.min(villages.length, n === 0 ? 4 : 3);
    // the first kecamatan counts three times over: a busier area shows in the figures
    for (let k = 0; k < take; k++) {
      const village = villages[Math.floor((k * villages.length) / take)]!;
      for (let w = 0; w < (n === 0 ? 3 : 1); w++) places.push({ district: d, village });
    }
  }
  return places;
}

/** Stages in order, as the seed walks a case through them. */
const STAGE_PLAN: Stage[] = [
  'penerimaan',
  'identifikasi',
  'asesmen',
  'rencana_intervensi',
  'layanan',
  'pemantauan',
  'terminasi',
];
type ClosureReason =
  | 'kebutuhan_terpenuhi'
  | 'dirujuk_tuntas'
  | 'permintaan_penerima_manfaat'
  | 'tidak_dapat_dihubungi'
  | 'di_luar_kewenangan'
  | 'lainnya';
/** The stage a case leaves for terminasi, by closure reason. */
const CLOSED_FROM: Record<ClosureReason, Stage> = {
  kebutuhan_terpenuhi: 'pemantauan',
  dirujuk_tuntas: 'layanan',
  permintaan_penerima_manfaat: 'asesmen',
  tidak_dapat_dihubungi: 'identifikasi',
  di_luar_kewenangan: 'penerimaan',
  lainnya: 'rencana_intervensi',
};

/** The one case (of eight or more) opened by the intake officer without a case manager. */
const UNASSIGNED = STAGE_PLAN.length;

type CasePlan = {
  /** order of planning: the first seven are recent and reach each stage once */
  k: number;
  receivedMs: number;
  /** where the case stops (terminasi: closed from CLOSED_FROM[closure]) */
  target: Stage;
  closure?: ClosureReason;
};

/**
 * When each case was received and how far it got: the first seven in the last few days, one at
 * each stage; the rest spread over 25 months (more in recent months, as reporting grows), the
 * older ones mostly closed. The oldest is always about 25 months old.
 */
function planCases(count: number, rnd: Rnd, nowMs: number, regionCode: string): CasePlan[] {
  const plans: CasePlan[] = [];
  const rest = Math.max(0, count - STAGE_PLAN.length);
  for (let k = 0; k < count; k++) {
    let ageDays: number;
    if (k < STAGE_PLAN.length) ageDays = k === 0 ? rnd() * 0.3 : rnd() * 4;
    else if (k === UNASSIGNED) ageDays = rnd() * 0.5;
    else {
      const j = k - STAGE_PLAN.length;
      // stratified: every stretch of the 25 months gets its share; the last is the oldest
      const x = j === rest - 1 ? 1 : (j + rnd()) / rest;
      ageDays = 5 + 755 * x ** 1.3;
    }
    const receivedMs = receivedInstant(rnd, nowMs, ageDays, regionCode);
    let target: Stage;
    let closure: ClosureReason | undefined;
    if (k < STAGE_PLAN.length) target = STAGE_PLAN[k]!;
    else if (k === UNASSIGNED) target = 'penerimaan';
    else if (ageDays < 45)
      target = weighted(rnd, [
        ['identifikasi', 2],
        ['asesmen', 2],
        ['rencana_intervensi', 1],
        ['layanan', 3],
        ['pemantauan', 1],
        ['terminasi', 1],
      ] as const);
    else if (ageDays < 240)
      target = weighted(rnd, [
        ['layanan', 1],
        ['pemantauan', 2],
        ['terminasi', 6],
      ] as const);
    else target = rnd() < 0.93 ? 'terminasi' : 'pemantauan';
    if (target === 'terminasi')
      closure =
        k < STAGE_PLAN.length
          ? 'kebutuhan_terpenuhi'
          : weighted(rnd, [
              ['kebutuhan_terpenuhi', 55],
              ['dirujuk_tuntas', 12],
              ['permintaan_penerima_manfaat', 9],
              ['tidak_dapat_dihubungi', 12],
              ['di_luar_kewenangan', 6],
              ['lainnya', 4],
            ] as const);
    plans.push({ k, receivedMs, target, ...(closure ? { closure } : {}) });
  }
  return plans;
}

/**
 * An instant about `ageDays` ago at a plausible local hour in the region's own zone: mostly office
 * hours, some evenings and nights (phone and WhatsApp never close). Never later than a few minutes ago.
 */
function receivedInstant(rnd: Rnd, nowMs: number, ageDays: number, regionCode: string): number {
  const day = localDate(new Date(nowMs - ageDays * DAY), regionCode);
  const hour = weighted(rnd, [
    [8 + Math.floor(rnd() * 8), 75],
    [17 + Math.floor(rnd() * 5), 17],
    [pickFrom(rnd, [23, 0, 1, 5, 6]), 8],
  ] as const);
  const ms = localDayStart(day, regionCode).getTime() + hour * HOUR + Math.floor(rnd() * 60) * MINUTE;
  return Math.min(ms, nowMs - (20 + Math.floor(rnd() * 90)) * MINUTE);
}

type Form = IncidentInput['forms'][number];
type Tpks = NonNullable<IncidentInput['tpksOffences']>[number];
type Ampk = NonNullable<IncidentInput['ampkCategories']>[number];
type Relationship =
  | 'orang_tua'
  | 'keluarga'
  | 'suami_istri'
  | 'pacar_teman'
  | 'tetangga'
  | 'guru'
  | 'rekan_kerja'
  | 'majikan'
  | 'lainnya'
  | 'tidak_diketahui';
type PlaceCategory = NonNullable<IncidentInput['placeCategory']>;

/** A victim as first recorded: kept so that some come back in a later case with the same NIK. */
type VictimProfile = {
  name: string;
  female: boolean;
  birth: string | null;
  nik: string | null;
  place: Place;
};

async function seedCases(
  svc: Services,
  region: DemoRegion,
  users: Map<Role, Actor>,
  orgIds: Map<string, string>,
  count: number,
  seed: number,
) {
  const rnd = prng(seed * 7919);
  const pick = <T>(xs: readonly T[]): T => pickFrom(rnd, xs);
  const chance = (p: number) => rnd() < p;
  const nowMs = svc.clock().getTime();
  const meta = { ip: null, userAgent: 'simpul-seed', requestId: null };
  /** the user of a role acting at simulated instant `at`: a case's history happens over weeks */
  const actAt = (role: Role, at: number): AuthedCtx => ({
    ...svc,
    actor: users.get(role)!,
    meta,
    clock: () => new Date(at),
  });
  const asNow = (role: Role): AuthedCtx => ({ ...svc, actor: users.get(role)!, meta });
  const managerId = users.get('manajer')!.userId;
  const pendampingId = users.get('pendamping')!.userId;
  const names = region.code.startsWith('64')
    ? NAMES.kaltim
    : region.code.startsWith('62')
      ? NAMES.kalteng
      : NAMES.banten;
  const places = await demoPlaces(svc, region.code, rnd);
  const hotspot = places[0]!;
  const earlier: VictimProfile[] = [];
  const plans = planCases(count, rnd, nowMs, region.code).sort((a, b) => a.receivedMs - b.receivedMs);
  let seq = seed * 1000;

  for (const plan of plans) {
    const { k } = plan;
    const lastStep = plan.target === 'terminasi' ? CLOSED_FROM[plan.closure!] : plan.target;
    const reach = (s: Stage) => STAGE_PLAN.indexOf(lastStep) >= STAGE_PLAN.indexOf(s);
    // the case's own clock: each step a little after the one before, never in the future
    let t = plan.receivedMs;
    const advance = (ms: number) => {
      t = Math.max(t + 1000, Math.min(t + ms, nowMs - MINUTE));
      return t;
    };
    const localDay = (ms: number) => localDate(new Date(ms), region.code);

    // who and what
    const recent = nowMs - plan.receivedMs < 31 * DAY;
    const place = recent && chance(0.5) ? hotspot : pick(places);
    const again = k >= STAGE_PLAN.length && earlier.length > 3 && chance(0.07) ? pick(earlier) : null;
    const profile: VictimProfile = again ?? newVictim(place);
    const ageAt = (birth: string) => {
      const d = localDay(plan.receivedMs);
      return Number(d.slice(0, 4)) - Number(birth.slice(0, 4)) - (d.slice(5) < birth.slice(5) ? 1 : 0);
    };
    const kind = again
      ? 'birth'
      : weighted(rnd, [
          ['birth', 55],
          ['estimate', 20],
          ['group', 17],
          ['unknown', 8],
        ] as const);
    const age = profile.birth ? ageAt(profile.birth) : childAge();
    const child = age < 18;
    // a second victim (a sibling, or the mother with her child) in a few cases; never in the first seven
    const second = k >= STAGE_PLAN.length && !again && chance(0.12) ? (child ? 'sibling' : 'child') : null;
    const caseType = second === 'child' ? 'ktp_ampk' : child ? 'ampk' : 'ktp';
    const twoPerpetrators = chance(0.1);
    const risk =
      k === 1 || k === 2
        ? 'tinggi'
        : weighted(rnd, [
            ['tinggi', 2],
            ['sedang', 3],
            ['rendah', 3],
          ] as const);
    const channel = weighted(rnd, [
      ['datang_langsung', 35],
      ['telepon', 14],
      ['whatsapp', 16],
      ['rujukan', 10],
      ['laporan_pihak_ketiga', 10],
      ['penjangkauan', 8],
      ['daring', 4],
      ['surat', 3],
    ] as const);
    const identified = reach('identifikasi') || plan.closure === 'di_luar_kewenangan';
    // the first seven are opened by the case manager; later ones often by the intake officer, and
    // the eighth is left without a manager for the managers to take (decision 013)
    const opener = k === UNASSIGNED || (k > UNASSIGNED && chance(0.4)) ? 'pengaduan' : 'manajer';
    const openedBy = actAt(opener, advance(5 * MINUTE + rnd() * 40 * MINUTE));
    let c = await openCase(openedBy, {
      channel,
      receivedAt: new Date(plan.receivedMs).toISOString(),
      risk: identified ? risk : null,
      caseType: identified ? caseType : null,
      authority: identified ? 'daerah' : null,
      summary: `Kasus demo ${k + 1} (${region.name}). Semua data fiktif.`,
      // an intake officer names the case manager, except on some new cases left for the managers to take
      ...(opener === 'pengaduan' ? { managerId: k === UNASSIGNED ? null : managerId } : {}),
    });
    const write = () => actAt(opener, advance(2 * MINUTE + rnd() * 5 * MINUTE));

    const victims: Array<{ id: string; child: boolean; age: number }> = [];
    const v1 = await addPerson(write(), c.id, victimInput(profile, kind, age, child));
    victims.push({ id: v1.id, child, age });
    if (!again && kind === 'birth' && profile.nik) earlier.push(profile);
    if (second) {
      const sAge =
        second === 'sibling' ? Math.max(1, age + pick([-3, -2, 2, 4])) : 3 + Math.floor(rnd() * 12);
      const sFemale = chance(0.6);
      const sBirth = `${localYear(new Date(plan.receivedMs), region.code) - sAge}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
      const sProfile: VictimProfile = {
        name: `${pick(sFemale ? names.f : names.m)} ${profile.name.split(' ').slice(-1)[0]}`,
        female: sFemale,
        birth: sBirth,
        nik: chance(0.6) ? syntheticNik(place.district, sBirth, sFemale, ++seq) : null,
        place,
      };
      const v2 = await addPerson(write(), c.id, victimInput(sProfile, 'birth', ageAt(sBirth), true));
      victims.push({ id: v2.id, child: true, age: ageAt(sBirth) });
    }
    const relationship = relationshipFor(child, second === 'child');
    const perps: Array<{ id: string; rel: Relationship }> = [];
    for (let n = 0; n < (twoPerpetrators ? 2 : 1); n++) {
      const rel: Relationship =
        n === 0 ? relationship : pick(['pacar_teman', 'tetangga', 'lainnya', 'tidak_diketahui'] as const);
      const p = await addPerson(write(), c.id, perpetratorInput(rel, child));
      perps.push({ id: p.id, rel });
    }
    for (const v of victims)
      for (const p of perps)
        await addRelationship(write(), c.id, {
          victimId: v.id,
          perpetratorId: p.id,
          // the mother's husband is the child's parent
          relationship: v.id !== victims[0]!.id && p.rel === 'suami_istri' ? 'orang_tua' : p.rel,
        });
    if (channel === 'laporan_pihak_ketiga' || (channel === 'whatsapp' && chance(0.4)))
      await addPerson(write(), c.id, {
        role: 'pelapor',
        name: `${pick(names.f)} ${pick(names.last)}`,
        sex: 'perempuan',
        relationToVictim: child
          ? pick(['Guru', 'Tetangga', 'Bibi'])
          : pick(['Tetangga', 'Kakak', 'Teman kerja']),
      });

    // what happened: one incident, sometimes an earlier one too (violence that went on)
    const forms = formsFor(child);
    const sexual = forms.includes('seksual');
    const tpks = sexual ? tpksFor(child, relationship) : [];
    const placeCategory = placeFor(relationship, tpks);
    const incidents = chance(0.2) ? 2 : 1;
    for (let n = 0; n < incidents; n++) {
      const daysBefore = n === 0 ? 1 + Math.floor(rnd() * 10) : 30 + Math.floor(rnd() * 300);
      await addIncident(write(), c.id, {
        ...incidentDate(localDay(plan.receivedMs - daysBefore * DAY), localDay(plan.receivedMs), n > 0),
        placeCategory: chance(0.05) ? null : placeCategory,
        regionCode:
          placeCategory === 'tempat_kerja' || placeCategory === 'sekolah'
            ? pick(places).village
            : place.village,
        forms: n === 0 ? forms : [forms[0]!],
        tpksOffences: n === 0 ? tpks : tpks.slice(0, 1),
        ampkCategories: child || second ? ampkFor(forms, tpks, profile, victims) : [],
        chronology: 'Kronologi fiktif untuk data demo: korban menceritakan kejadian kepada petugas.',
      });
    }

    const manajer = (after: number) => actAt('manajer', advance(after));
    const close = async () => {
      c = await changeStage(manajer(2 * DAY + rnd() * 20 * DAY), c.id, {
        version: c.version,
        to: 'terminasi',
        closureReason: plan.closure,
        ...(plan.closure === 'lainnya' ? { reason: 'Korban pindah domisili ke luar daerah (demo).' } : {}),
      });
    };
    if (lastStep === 'penerimaan') {
      if (plan.target === 'terminasi') await close();
      continue;
    }
    // identification: quickly for high risk (mostly within the hour), within hours otherwise
    const fast = risk === 'tinggi' ? (chance(0.75) ? 10 * MINUTE : 2 * HOUR) : 3 * HOUR;
    c = await changeStage(manajer(fast * (0.5 + rnd())), c.id, { version: c.version, to: 'identifikasi' });
    if (k % 3 === 0)
      c = await assignCase(manajer(5 * MINUTE), c.id, { version: c.version, companionIds: [pendampingId] });
    if (!reach('asesmen')) {
      if (plan.target === 'terminasi') await close();
      continue;
    }
    const toAssessment = risk === 'tinggi' ? 20 * MINUTE : risk === 'sedang' ? 3 * HOUR : 1.5 * DAY;
    c = await changeStage(manajer(toAssessment * (0.5 + rnd())), c.id, { version: c.version, to: 'asesmen' });
    if (!reach('rencana_intervensi')) {
      if (plan.target === 'terminasi') await close();
      continue;
    }
    await addRecord(manajer(1 * DAY + rnd() * 3 * DAY), c.id, 'assessment', {
      physical: forms.includes('fisik') ? 'Luka memar (fiktif).' : 'Tidak ada luka fisik (fiktif).',
      psychological: 'Cemas, sulit tidur (fiktif).',
      social: pick(['Dukungan keluarga terbatas.', 'Didukung keluarga besar.']),
      economic: child ? null : pick(['Bergantung pada pelaku.', 'Berpenghasilan sendiri.']),
      education: child ? 'Tidak masuk sekolah 1 minggu.' : null,
      needs: sexual ? 'Konseling, pemeriksaan kesehatan, pendampingan hukum.' : 'Konseling, pendampingan.',
      assessedOn: localDay(t),
    });
    c = await changeStage(manajer(HOUR), c.id, { version: c.version, to: 'rencana_intervensi' });
    if (!reach('layanan')) {
      if (plan.target === 'terminasi') await close();
      continue;
    }
    await addRecord(manajer(DAY + rnd() * 3 * DAY), c.id, 'plan_item', {
      service: 'psikologis',
      responsibleOrgId: orgIds.get('uptd'),
      agreedWithBeneficiary: true,
    });
    if (sexual || chance(0.3))
      await addRecord(manajer(10 * MINUTE), c.id, 'plan_item', {
        service: 'bantuan_hukum',
        responsibleOrgId: orgIds.get('lbh'),
        agreedWithBeneficiary: true,
      });
    c = await changeStage(manajer(HOUR), c.id, { version: c.version, to: 'layanan' });
    await addRecord(manajer(DAY + rnd() * 5 * DAY), c.id, 'service', {
      service: 'psikologis',
      providerOrgId: orgIds.get('uptd'),
      date: localDay(t),
      outcome: 'Sesi konseling pertama.',
    });
    if (sexual && chance(0.85)) {
      // the police report: mostly within 3×24 hours of the report (UU TPKS Pasal 41), some late
      const reportedMs = plan.receivedMs + (chance(0.75) ? rnd() * 2.5 * DAY : 4 * DAY + rnd() * 6 * DAY);
      await addRecord(manajer(10 * MINUTE), c.id, 'service', {
        service: 'lapor_polisi',
        providerOrgId: orgIds.get('polisi'),
        date: localDay(Math.min(reportedMs, t)),
        outcome: 'Laporan diterima Unit PPA.',
      });
    }
    if ((forms.includes('fisik') || sexual) && chance(0.6))
      await addRecord(manajer(10 * MINUTE), c.id, 'service', {
        service: sexual ? 'visum' : 'kesehatan',
        providerOrgId: orgIds.get('rsud'),
        date: localDay(t),
        outcome: 'Pemeriksaan selesai (demo).',
      });
    const closed = plan.target === 'terminasi';
    await seedRights(manajer, c.id, victims[0]!, { sexual, closed, forms, orgIds, rnd, localDay });
    if (plan.target === 'layanan') {
      const ref = asNow('manajer');
      await seedReferrals(
        ref,
        asNow('mitra'),
        c.id,
        victims[0]!.id,
        child,
        sexual,
        victims.length,
        orgIds,
        k,
      );
      continue;
    }
    if (!reach('pemantauan')) {
      if (closed) await close();
      continue;
    }
    c = await changeStage(manajer(14 * DAY + rnd() * 45 * DAY), c.id, {
      version: c.version,
      to: 'pemantauan',
    });
    if (closed) await close();
  }

  function childAge() {
    return chance(0.55) ? 2 + Math.floor(rnd() * 16) : 18 + Math.floor(rnd() * 45);
  }
  function newVictim(at: Place): VictimProfile {
    const age = childAge();
    // children are girls more often than boys; adult victims here are women (KtP)
    const female = age >= 18 || chance(0.65);
    const year = localYear(new Date(nowMs), region.code) - age - Math.floor(rnd() * 2);
    const birth = `${year}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
    return {
      name: `${pick(female ? names.f : names.m)} ${pick(names.last)}`,
      female,
      birth,
      nik: chance(0.75) ? syntheticNik(at.district, birth, female, ++seq) : null,
      place: at,
    };
  }
  /** The victim's facts as told: a birth date (with or without NIK), an estimate, only a group, or nothing. */
  function victimInput(
    p: VictimProfile,
    kind: 'birth' | 'estimate' | 'group' | 'unknown',
    age: number,
    child: boolean,
  ): PersonInput {
    const schoolAge = age >= 6 && age <= 17;
    return {
      role: 'korban',
      name: p.name,
      sex: p.female ? 'perempuan' : 'laki_laki',
      ...(kind === 'birth' ? { birthDate: p.birth, nik: p.nik } : {}),
      ...(kind === 'estimate' ? { estimatedAge: age } : {}),
      ...(kind === 'group' ? { ageGroup: groupOf(age, child) } : {}),
      phone: !child && chance(0.6) ? `08${String(1200000000 + Math.floor(rnd() * 87999999))}` : null,
      regionCode: p.place.village,
      addressDetail: `RT 0${1 + Math.floor(rnd() * 9)}/RW 0${1 + Math.floor(rnd() * 5)} (alamat fiktif)`,
      education:
        kind === 'unknown'
          ? chance(0.5)
            ? 'tidak_diketahui'
            : null
          : age <= 4
            ? 'belum_sekolah'
            : age <= 6
              ? 'tk_paud'
              : age <= 12
                ? 'sd'
                : age <= 15
                  ? pick(['sltp', 'sltp', 'putus_sekolah'] as const)
                  : age <= 17
                    ? pick(['slta', 'slta', 'putus_sekolah'] as const)
                    : pick(['sd', 'sltp', 'slta', 'slta', 'perguruan_tinggi', 'tidak_sekolah'] as const),
      occupation: schoolAge
        ? 'pelajar'
        : child
          ? null
          : pick([
              'ibu_rumah_tangga',
              'ibu_rumah_tangga',
              'swasta_buruh',
              'pedagang_tani_nelayan',
              'tidak_bekerja',
            ] as const),
      maritalStatus: child ? 'belum_kawin' : pick(['kawin', 'kawin', 'belum_kawin', 'cerai_hidup'] as const),
      ...(() => {
        const x = rnd();
        if (x < 0.07)
          return {
            disability: true,
            disabilityTypes: [
              pick(['fisik', 'intelektual', 'mental', 'sensorik_rungu', 'sensorik_netra'] as const),
            ],
            accommodationNeeds: 'Didampingi keluarga saat pemeriksaan (demo).',
          };
        return { disability: x < 0.87 ? false : null };
      })(),
      nationality: 'wni',
    };
  }
  function perpetratorInput(rel: Relationship, childVictim: boolean): PersonInput {
    // a few alleged perpetrators are themselves children (peers of a child victim)
    const young = childVictim && rel === 'pacar_teman' && chance(0.5);
    const age = young ? 14 + Math.floor(rnd() * 4) : 19 + Math.floor(rnd() * 45);
    const female = rel !== 'suami_istri' && chance(0.08);
    const x = rnd();
    return {
      role: 'terlapor',
      name: `${pick(female ? names.f : names.m)} ${pick(names.last)}`,
      sex: x < 0.97 ? (female ? 'perempuan' : 'laki_laki') : null,
      ...(x < 0.6 ? { estimatedAge: age } : x < 0.85 ? { ageGroup: groupOf(age, young) } : {}),
      nationality: 'wni',
    };
  }
  function relationshipFor(childVictim: boolean, withChild: boolean): Relationship {
    if (withChild) return 'suami_istri';
    if (childVictim)
      return weighted(rnd, [
        ['orang_tua', 22],
        ['keluarga', 18],
        ['tetangga', 18],
        ['pacar_teman', 18],
        ['guru', 8],
        ['lainnya', 10],
        ['tidak_diketahui', 6],
      ] as const);
    return weighted(rnd, [
      ['suami_istri', 45],
      ['pacar_teman', 18],
      ['keluarga', 8],
      ['rekan_kerja', 8],
      ['majikan', 4],
      ['tetangga', 7],
      ['lainnya', 6],
      ['tidak_diketahui', 4],
    ] as const);
  }
  function formsFor(childVictim: boolean): Form[] {
    const w: ReadonlyArray<readonly [Form, number]> = childVictim
      ? [
          ['seksual', 35],
          ['fisik', 25],
          ['psikis', 18],
          ['penelantaran', 12],
          ['eksploitasi', 5],
          ['trafficking', 3],
          ['lainnya', 2],
        ]
      : [
          ['psikis', 30],
          ['fisik', 30],
          ['seksual', 18],
          ['penelantaran', 10],
          ['eksploitasi', 4],
          ['trafficking', 3],
          ['lainnya', 5],
        ];
    const first = weighted(rnd, w);
    // one case, several forms: physical violence rarely comes without the psychological
    const more = chance(0.35)
      ? [first === 'psikis' ? 'fisik' : 'psikis', ...(chance(0.2) ? [weighted(rnd, w)] : [])]
      : [];
    return [...new Set([first, ...more])] as Form[];
  }
  function tpksFor(childVictim: boolean, rel: Relationship): Tpks[] {
    const first: Tpks = childVictim
      ? weighted(rnd, [
          ['persetubuhan_anak', 35],
          ['perbuatan_cabul', 30],
          ['pelecehan_fisik', 15],
          ['ksbe', 12],
          ['eksploitasi_seksual', 5],
          ['pornografi', 3],
        ] as const)
      : rel === 'suami_istri'
        ? 'ks_rumah_tangga'
        : weighted(rnd, [
            ['perkosaan', 20],
            ['pelecehan_fisik', 25],
            ['pelecehan_nonfisik', 20],
            ['ksbe', 15],
            ['pemaksaan_perkawinan', 3],
          ] as const);
    return chance(0.15) && first !== 'ksbe' ? [first, 'ksbe'] : [first];
  }
  function placeFor(rel: Relationship, tpks: Tpks[]): PlaceCategory {
    if (tpks[0] === 'ksbe') return 'daring';
    switch (rel) {
      case 'suami_istri':
      case 'orang_tua':
      case 'keluarga':
        return chance(0.9) ? 'rumah_tangga' : 'lainnya';
      case 'guru':
        return chance(0.8) ? 'sekolah' : 'lembaga_pendidikan_kilat';
      case 'rekan_kerja':
      case 'majikan':
        return 'tempat_kerja';
      case 'pacar_teman':
        return pick(['fasilitas_umum', 'rumah_tangga', 'daring'] as const);
      case 'tetangga':
        return pick(['rumah_tangga', 'fasilitas_umum'] as const);
      default:
        return pick(['fasilitas_umum', 'lainnya'] as const);
    }
  }
  function ampkFor(forms: Form[], tpks: Tpks[], p: VictimProfile, vs: Array<{ child: boolean }>): Ampk[] {
    const out = new Set<Ampk>();
    if (!vs.some((v) => v.child)) return [];
    if (forms.includes('seksual')) out.add('j_kejahatan_seksual');
    if (tpks.includes('pornografi') || tpks.includes('ksbe')) out.add('f_pornografi');
    if (forms.includes('fisik') || forms.includes('psikis')) out.add('i_kekerasan_fisik_psikis');
    if (forms.includes('penelantaran')) out.add('m_perlakuan_salah');
    if (forms.includes('eksploitasi')) out.add('d_eksploitasi');
    if (forms.includes('trafficking')) out.add('h_penculikan_perdagangan');
    if (p.nik === null && chance(0.1)) out.add('c_minoritas_terisolasi');
    if (out.size === 0) out.add('i_kekerasan_fisik_psikis');
    return [...out];
  }
  /** When it happened, as precisely as the victim could say. */
  function incidentDate(day: string, reportDay: string, earlierOne: boolean): Partial<IncidentInput> {
    const precision: DatePrecision = earlierOne
      ? pick(['bulan', 'tahun', 'sekitar_tanggal'] as const)
      : weighted(rnd, [
          ['tanggal', 55],
          ['sekitar_tanggal', 15],
          ['bulan', 12],
          ['tahun', 4],
          ['kurun', 9],
          ['tidak_diketahui', 5],
        ] as const);
    switch (precision) {
      case 'tanggal':
      case 'sekitar_tanggal':
        return { datePrecision: precision, date: day };
      case 'bulan':
        return { datePrecision: precision, date: day.slice(0, 7) };
      case 'tahun':
        return { datePrecision: precision, date: day.slice(0, 4) };
      case 'kurun':
        return {
          datePrecision: precision,
          toldWhen: pick([
            'minggu_ini',
            'bulan_ini',
            'berulang',
            'lebih_lama',
          ] as const satisfies readonly ToldWhen[]),
          referenceDate: reportDay,
        };
      default:
        return { datePrecision: 'tidak_diketahui' };
    }
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The SIMFONI group of an age as someone told it ("dewasa" when only that was said). */
function groupOf(age: number, child: boolean): AgeGroupCode {
  if (!child && age >= 25 && age % 3 === 0) return '18+';
  if (age <= 5) return '0-5';
  if (age <= 12) return '6-12';
  if (age <= 17) return '13-17';
  if (age <= 24) return '18-24';
  if (age <= 44) return '25-44';
  if (age <= 59) return '45-59';
  return '60+';
}

/**
 * The victim's rights in a case in service: psychological rehabilitation always, medical after
 * physical or sexual violence, social aid, schooling, accompaniment, restitution after sexual
 * violence (some with a court decision whose 30 days have run out). Closed cases mostly fulfilled.
 */
async function seedRights(
  at: (after: number) => AuthedCtx,
  caseId: string,
  victim: { id: string; child: boolean; age: number },
  o: {
    sexual: boolean;
    closed: boolean;
    forms: Form[];
    orgIds: Map<string, string>;
    rnd: Rnd;
    localDay: (ms: number) => string;
  },
) {
  const { rnd } = o;
  type RightStatus = 'direncanakan' | 'dalam_proses' | 'terpenuhi' | 'tidak_terpenuhi' | 'tidak_diperlukan';
  const status = (): RightStatus =>
    o.closed
      ? weighted(rnd, [
          ['terpenuhi', 75],
          ['tidak_terpenuhi', 10],
          ['tidak_diperlukan', 10],
          ['dalam_proses', 5],
        ] as const)
      : weighted(rnd, [
          ['direncanakan', 25],
          ['dalam_proses', 50],
          ['terpenuhi', 25],
        ] as const);
  const rights: Array<[string, string | undefined]> = [['rehabilitasi_psikologis', o.orgIds.get('uptd')]];
  if (o.sexual || o.forms.includes('fisik')) rights.push(['rehabilitasi_medis', o.orgIds.get('rsud')]);
  // and at most one more, so that the demo starts quickly
  const more = weighted<[string, string | undefined] | null>(rnd, [
    [['bantuan_sosial', undefined], 2],
    [['pendampingan', o.orgIds.get('uptd')], 2],
    [victim.child && victim.age >= 6 ? ['keberlanjutan_pendidikan', undefined] : null, 2],
    [null, 4],
  ]);
  if (more) rights.push(more);
  for (const [right, org] of rights) {
    const ctx = at(10 * MINUTE);
    const s = status();
    await addRecord(ctx, caseId, 'right', {
      victimId: victim.id,
      right,
      status: s,
      responsibleOrgId: org ?? null,
      ...(s === 'terpenuhi' ? { date: o.localDay(ctx.clock().getTime()) } : {}),
    });
  }
  if (o.sexual && rnd() < 0.5) {
    // restitution follows a court decision: fulfilled, refused or still waiting past its 30 days
    const ctx = at(10 * MINUTE);
    const nowMs = ctx.clock().getTime();
    const decided = rnd() < 0.7;
    const s = decided
      ? weighted(rnd, [
          ['terpenuhi', 2],
          ['tidak_terpenuhi', 1],
          ['dalam_proses', 2],
        ] as const)
      : 'direncanakan';
    await addRecord(ctx, caseId, 'right', {
      victimId: victim.id,
      right: 'restitusi',
      status: s,
      responsibleOrgId: o.orgIds.get('lbh') ?? null,
      ...(decided ? { decisionDate: o.localDay(nowMs - (20 + Math.floor(rnd() * 40)) * DAY) } : {}),
      ...(s === 'terpenuhi' ? { date: o.localDay(nowMs) } : {}),
    });
  }
}

/**
 * Referrals of a case in service: to the police unit (some already accepted and served, so its
 * partner user sees both new and running work) and to the RSUD (waiting for its partner user).
 */
async function seedReferrals(
  manajer: AuthedCtx,
  police: AuthedCtx,
  caseId: string,
  victimId: string,
  child: boolean,
  sexual: boolean,
  victims: number,
  orgIds: Map<string, string>,
  i: number,
) {
  // with more than one victim the chronology tells of the others: send the victim's identity only
  const sections = victims > 1 ? (['identitas'] as const) : (['kronologi'] as const);
  const givenAt = manajer.clock().toISOString();
  const consent = child
    ? {
        basis: 'persetujuan_wali' as const,
        givenBy: 'Ibu korban (fiktif)',
        relation: 'ibu' as const,
        givenAt,
      }
    : { basis: 'persetujuan_korban' as const, givenBy: 'Korban (fiktif)', givenAt };
  const toPolice = await createReferral(manajer, caseId, {
    personId: victimId,
    toOrgId: orgIds.get('polisi')!,
    services: ['lapor_polisi'],
    urgency: 'segera',
    purpose: 'Pendampingan pembuatan laporan polisi (data demo).',
    sections: [...sections],
    consent: sexual
      ? { basis: 'wajib_lapor_tpks', givenAt, note: 'Kewajiban lapor UU TPKS (demo).' }
      : consent,
  });
  if (i % 2 === 0) {
    const accepted = await acceptReferral(police, toPolice.id, { version: toPolice.version });
    await recordDeliveredService(police, accepted.id, {
      service: 'lapor_polisi',
      date: givenAt.slice(0, 10),
      outcome: 'Laporan polisi diterima (demo).',
    });
  }
  await createReferral(manajer, caseId, {
    personId: victimId,
    toOrgId: orgIds.get('rsud')!,
    services: ['kesehatan'],
    urgency: 'biasa',
    purpose: 'Pemeriksaan kesehatan lanjutan (data demo).',
    sections: [...sections],
    consent,
  });
}
