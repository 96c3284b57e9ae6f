/**
 * Demo data (SIMPUL_DEMO, on by default): Kabupaten Lebak (36.02) and Kota Serang (36.73), each
 * with its Dinas PPPA, UPTD PPA and partners, one demo user per role, and synthetic cases at
 * every stage. Every person here is invented; NIKs are synthetic but well-formed.
 */
import { randomUUID } from 'node:crypto';
import { insertAgreement } from '../db/directory.repository.ts';
import { findMeta, insertMeta } from '../db/meta.repository.ts';
import { insertOrganisation } from '../db/organisation.repository.ts';
import { findUserByEmail, insertUser } from '../db/user.repository.ts';
import type { Actor, Role } from '../domain/policy.ts';
import { ROLES } from '../domain/policy.ts';
import type { Stage } from '../domain/stages.ts';
import { localYear } from '../domain/time.ts';
import { assignCase } from './cases/assign-case.ts';
import { changeStage } from './cases/change-stage.ts';
import { openCase } from './cases/open-case.ts';
import { addIncident } from './cases/save-incident.ts';
import { addPerson, addRelationship } from './cases/save-person.ts';
import { addRecord } from './cases/save-record.ts';
import type { AuthedCtx, Services } from './context.ts';
import { hashPassword } from './passwords.ts';
import { acceptReferral, recordDeliveredService } from './referrals/act-on-referral.ts';
import { createReferral } from './referrals/create-referral.ts';

type DemoRegion = { slug: string; code: string; name: string; district: string; village: string };
export const DEMO_REGIONS: DemoRegion[] = [
  { slug: 'lebak', code: '36.02', name: 'Kabupaten Lebak', district: '36.02.01', village: '36.02.01.2002' },
  { slug: 'serang', code: '36.73', name: 'Kota Serang', district: '36.73.01', village: '36.73.01.1001' },
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
};

const DAY = 86_400_000;
const dateOnly = (d: Date) => d.toISOString().slice(0, 10);

const FIRST_F = [
  'Siti',
  'Dewi',
  'Nur',
  'Rina',
  'Ayu',
  'Putri',
  'Wulan',
  'Lestari',
  'Intan',
  'Fitri',
  'Yuni',
  'Sri',
  'Ratna',
  'Nadia',
  'Salsa',
];
const FIRST_M = [
  'Budi',
  'Agus',
  'Joko',
  'Rahmat',
  'Dedi',
  'Andi',
  'Yusuf',
  'Hendra',
  'Eko',
  'Fajar',
  'Rizki',
  'Asep',
  'Ujang',
  'Dadang',
];
const LAST = [
  'Rahayu',
  'Aminah',
  'Hidayat',
  'Saputra',
  'Permata',
  'Kurniawan',
  'Maharani',
  'Setiawan',
  'Suryani',
  'Wijaya',
  'Nurhayati',
  'Sulaeman',
];

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
  for (const [ri, region] of DEMO_REGIONS.entries()) {
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
        phone: `0254-${String(100000 + ri * 1000 + o.key.length * 37)}`,
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
      for (const extra of o.extraUsers ?? []) {
        await insertUser(db, {
          id: randomUUID(),
          email: `${extra.local}@${region.slug}.demo`,
          name: `Demo ${extra.local} ${region.slug}`,
          role: extra.role,
          org_id: id,
          password_hash: hash,
          password_changed_at: now,
          demo: true,
          created_at: now,
          updated_at: now,
        });
      }
      for (const role of o.roles) {
        const uid = randomUUID();
        await insertUser(db, {
          id: uid,
          email: demoEmail(role, region.slug),
          name: `Demo ${role} ${region.slug}`,
          role,
          org_id: id,
          password_hash: hash,
          password_changed_at: now,
          demo: true,
          created_at: now,
          updated_at: now,
        });
        users.set(role, { userId: uid, role, orgId: id, jurisdiction: region.code });
      }
    }
    const missing = ROLES.filter((r) => !users.has(r));
    if (missing.length > 0) throw new Error(`demo roles missing: ${missing.join(',')}`);
    await seedAgreements(svc, region, orgIds, users.get('admin-dinas')!.userId, ri + 1);
    await seedCases(svc, region, users, orgIds, opts.casesPerRegion ?? 60, ri + 1);
  }
  await insertMeta(db, 'demo_seeded', now.toISOString());
  svc.log.info({ ms: Date.now() - t0 }, 'demo data loaded');
  return true;
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
          : `Perjanjian kerja sama layanan rujukan (${o.services.join(', ')}) bagi perempuan dan anak korban kekerasan`,
      starts_on: dateOnly(new Date(now.getTime() - a.startedDaysAgo * DAY)),
      ends_on: dateOnly(new Date(now.getTime() + a.endsInDays * DAY)),
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    });
  }
}

const STAGE_PLAN: Stage[] = [
  'penerimaan',
  'identifikasi',
  'asesmen',
  'rencana_intervensi',
  'layanan',
  'pemantauan',
  'terminasi',
];
const FORMS = [
  'fisik',
  'psikis',
  'seksual',
  'penelantaran',
  'eksploitasi',
  'trafficking',
  'lainnya',
] as const;
const PLACES = ['rumah_tangga', 'sekolah', 'fasilitas_umum', 'tempat_kerja', 'daring', 'lainnya'] as const;
const RELS = ['orang_tua', 'keluarga', 'suami_istri', 'pacar_teman', 'tetangga', 'guru', 'lainnya'] as const;

async function seedCases(
  svc: Services,
  region: DemoRegion,
  users: Map<Role, Actor>,
  orgIds: Map<string, string>,
  count: number,
  seed: number,
) {
  const rnd = prng(seed * 7919);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const meta = { ip: null, userAgent: 'simpul-seed', requestId: null };
  const as = (role: Role): AuthedCtx => ({ ...svc, actor: users.get(role)!, meta });
  const manajer = as('manajer');
  const pengaduan = as('pengaduan');
  const pendampingId = users.get('pendamping')!.userId;
  const now = svc.clock().getTime();
  for (let i = 0; i < count; i++) {
    const target = STAGE_PLAN[i % STAGE_PLAN.length]!;
    const byManager = target !== 'penerimaan' || i % 2 === 0;
    const opener = byManager ? manajer : pengaduan;
    const ageDays = i < 10 ? rnd() * 2 : 3 + rnd() * 320;
    const receivedAt = new Date(now - ageDays * 86_400_000).toISOString();
    const child = rnd() < 0.55;
    const risk = pick(['tinggi', 'sedang', 'sedang', 'rendah', 'rendah'] as const);
    let c = await openCase(opener, {
      channel: pick([
        'datang_langsung',
        'telepon',
        'whatsapp',
        'penjangkauan',
        'laporan_pihak_ketiga',
        'rujukan',
      ] as const),
      receivedAt,
      risk: target === 'penerimaan' ? null : risk,
      caseType: target === 'penerimaan' ? null : child ? 'ampk' : 'ktp',
      authority: target === 'penerimaan' ? null : 'daerah',
      summary: `Kasus demo ${i + 1} (${region.name}). Semua data fiktif.`,
    });
    const female = rnd() < 0.85;
    const age = child ? 3 + Math.floor(rnd() * 14) : 18 + Math.floor(rnd() * 40);
    const birthYear = localYear(new Date(now), region.code) - age;
    const birth = `${birthYear}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const victim = await addPerson(opener, c.id, {
      role: 'korban',
      name: `${pick(female ? FIRST_F : FIRST_M)} ${pick(LAST)}`,
      sex: female ? 'perempuan' : 'laki_laki',
      birthDate: birth,
      nik: rnd() < 0.7 ? syntheticNik(region.district, birth, female, seed * 1000 + i + 1) : null,
      phone: rnd() < 0.6 ? `08${String(1200000000 + Math.floor(rnd() * 87999999))}` : null,
      regionCode: region.village,
      addressDetail: `RT 0${1 + (i % 9)}/RW 0${1 + (i % 5)} (alamat fiktif)`,
      education: child
        ? pick(['sd', 'sltp', 'slta'] as const)
        : pick(['sltp', 'slta', 'perguruan_tinggi'] as const),
      occupation: child ? 'pelajar' : pick(['ibu_rumah_tangga', 'swasta_buruh', 'tidak_bekerja'] as const),
      maritalStatus: child ? 'belum_kawin' : pick(['kawin', 'belum_kawin', 'cerai_hidup'] as const),
      disability: rnd() < 0.08,
      nationality: 'wni',
    });
    const perp = await addPerson(opener, c.id, {
      role: 'terlapor',
      name: `${pick(FIRST_M)} ${pick(LAST)}`,
      sex: 'laki_laki',
      estimatedAge: 20 + Math.floor(rnd() * 40),
      nationality: 'wni',
    });
    await addRelationship(opener, c.id, {
      victimId: victim.id,
      perpetratorId: perp.id,
      relationship: pick(RELS),
    });
    const forms = [...new Set([pick(FORMS), ...(rnd() < 0.3 ? [pick(FORMS)] : [])])];
    await addIncident(opener, c.id, {
      // a few days before the report (the report date is never the incident date), some approximate
      date: new Date(Date.parse(receivedAt) - (1 + (i % 6)) * 86_400_000).toISOString().slice(0, 10),
      datePrecision: rnd() < 0.3 ? 'sekitar_tanggal' : 'tanggal',
      placeCategory: pick(PLACES),
      regionCode: region.village,
      forms,
      tpksOffences: forms.includes('seksual')
        ? [pick(['pelecehan_fisik', 'perbuatan_cabul', 'ksbe', 'perkosaan'] as const)]
        : [],
      ampkCategories: child
        ? [forms.includes('seksual') ? 'j_kejahatan_seksual' : 'i_kekerasan_fisik_psikis']
        : [],
      chronology: 'Kronologi fiktif untuk data demo: korban menceritakan kejadian kepada petugas.',
    });
    if (target === 'penerimaan') continue;
    if (target === 'identifikasi') {
      c = await changeStage(manajer, c.id, { version: c.version, to: 'identifikasi' });
      continue;
    }
    c = await changeStage(manajer, c.id, { version: c.version, to: 'identifikasi' });
    if (i % 3 === 0)
      c = await assignCase(manajer, c.id, { version: c.version, companionIds: [pendampingId] });
    c = await changeStage(manajer, c.id, { version: c.version, to: 'asesmen' });
    if (target === 'asesmen') continue;
    await addRecord(manajer, c.id, 'assessment', {
      physical: 'Luka ringan (fiktif).',
      psychological: 'Cemas, sulit tidur (fiktif).',
      social: 'Dukungan keluarga terbatas.',
      economic: 'Bergantung pada pelaku.',
      education: child ? 'Tidak masuk sekolah 1 minggu.' : null,
      needs: 'Konseling, pendampingan hukum.',
    });
    c = await changeStage(manajer, c.id, { version: c.version, to: 'rencana_intervensi' });
    if (target === 'rencana_intervensi') continue;
    await addRecord(manajer, c.id, 'plan_item', {
      service: 'psikologis',
      responsibleOrgId: orgIds.get('uptd'),
      agreedWithBeneficiary: true,
    });
    await addRecord(manajer, c.id, 'plan_item', {
      service: 'bantuan_hukum',
      responsibleOrgId: orgIds.get('lbh'),
      agreedWithBeneficiary: true,
    });
    c = await changeStage(manajer, c.id, { version: c.version, to: 'layanan' });
    await addRecord(manajer, c.id, 'service', {
      service: 'psikologis',
      providerOrgId: orgIds.get('uptd'),
      date: receivedAt.slice(0, 10),
      outcome: 'Sesi konseling pertama.',
    });
    if (forms.includes('seksual')) {
      await addRecord(manajer, c.id, 'service', {
        service: 'lapor_polisi',
        providerOrgId: orgIds.get('polisi'),
        date: receivedAt.slice(0, 10),
        outcome: 'Laporan diterima Unit PPA.',
      });
    }
    await addRecord(manajer, c.id, 'right', {
      victimId: victim.id,
      right: 'rehabilitasi_psikologis',
      status: 'dalam_proses',
      responsibleOrgId: orgIds.get('uptd'),
    });
    if (target === 'layanan') {
      await seedReferrals(manajer, as('mitra'), c.id, victim.id, child, forms.includes('seksual'), orgIds, i);
      continue;
    }
    c = await changeStage(manajer, c.id, { version: c.version, to: 'pemantauan' });
    if (target === 'pemantauan') continue;
    c = await changeStage(manajer, c.id, {
      version: c.version,
      to: 'terminasi',
      closureReason: 'kebutuhan_terpenuhi',
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
  orgIds: Map<string, string>,
  i: number,
) {
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
    sections: ['kronologi'],
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
    sections: ['kronologi'],
    consent,
  });
}
