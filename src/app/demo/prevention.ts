/**
 * Demo prevention work (issue 12 §1, decision 029) for Lebak and Kota Serang: the campaign "Stop
 * Kekerasan terhadap Anak <year>" with target desa and numbers, and thirteen activities over the
 * year in several desa — reported ones with participant counts, two held and not yet reported, one
 * planned, one cancelled, and two of the police unit's own: one accepted by the Dinas, one
 * awaiting acceptance. Written through the repository (fast, deterministic: the same desa and
 * counts every time; dates relative to today in the region's zone). Synthetic names only.
 * The four schools it reaches are registered organisations of type sekolah (one per desa of their
 * activity), so the school picker offers them and the coverage counts each once (schoolOf).
 */
import { randomUUID } from 'node:crypto';
import { insertOrganisation } from '../../db/organisation.repository.ts';
import {
  desaOf,
  insertActivity,
  insertCampaign,
  replaceActivityParts,
  replaceCampaignTargets,
} from '../../db/prevention.repository.ts';
import type { Actor, Role } from '../../domain/policy.ts';
import { localInstant } from '../../domain/prevention.ts';
import { localDate } from '../../domain/time.ts';
import type { Services } from '../context.ts';

const DAY = 86_400_000;

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

type Plan = {
  title: string;
  kind: string;
  field: string;
  setting: string;
  groups: string[];
  /** days from today (negative: past) */
  day: number;
  status: 'direncanakan' | 'terlaksana' | 'dilaporkan' | 'dibatalkan';
  /** organised by the police unit (a partner) and its report's review */
  partner?: 'menunggu' | 'diterima';
  place?: string;
  inCampaign: boolean;
  /** children (L, P), adults (L, P) as a share of a typical crowd */
  crowd?: [number, number, number, number];
};

const PLANS: Plan[] = [
  {
    title: 'Sosialisasi Stop Kekerasan terhadap Anak di balai desa',
    kind: 'sosialisasi',
    field: 'keluarga',
    setting: 'balai_desa',
    groups: ['orang_tua', 'tokoh_masyarakat'],
    day: -300,
    status: 'dilaporkan',
    inCampaign: true,
    crowd: [0, 0, 18, 34],
  },
  {
    title: 'Edukasi tubuhku milikku untuk siswa SD',
    kind: 'edukasi_sekolah',
    field: 'pendidikan',
    setting: 'sekolah',
    groups: ['anak', 'guru'],
    day: -260,
    status: 'dilaporkan',
    place: 'SD Negeri 1',
    inCampaign: true,
    crowd: [41, 44, 2, 6],
  },
  {
    title: 'Kelas parenting pengasuhan tanpa kekerasan',
    kind: 'parenting',
    field: 'keluarga',
    setting: 'posyandu',
    groups: ['orang_tua'],
    day: -210,
    status: 'dilaporkan',
    inCampaign: true,
    crowd: [0, 0, 4, 37],
  },
  {
    title: 'Pelatihan kader PATBM',
    kind: 'pelatihan_kader',
    field: 'kesejahteraan_sosial',
    setting: 'balai_desa',
    groups: ['kader', 'aparat_desa'],
    day: -170,
    status: 'dilaporkan',
    inCampaign: true,
    crowd: [0, 0, 11, 19],
  },
  {
    title: 'Forum anak: bicara aman di media sosial',
    kind: 'forum_anak',
    field: 'teknologi_informatika',
    setting: 'sekolah',
    groups: ['remaja'],
    day: -120,
    status: 'dilaporkan',
    place: 'SMP Negeri 2',
    inCampaign: true,
    crowd: [33, 39, 1, 3],
  },
  {
    title: 'Pengajian ibu-ibu: keluarga ramah anak',
    kind: 'sosialisasi',
    field: 'keagamaan',
    setting: 'rumah_ibadah',
    groups: ['perempuan', 'orang_tua'],
    day: -90,
    status: 'dilaporkan',
    inCampaign: false,
    crowd: [0, 0, 0, 52],
  },
  {
    title: 'Edukasi pencegahan kekerasan seksual di pesantren',
    kind: 'edukasi_sekolah',
    field: 'pendidikan',
    setting: 'pesantren',
    groups: ['anak', 'remaja'],
    day: -60,
    status: 'dilaporkan',
    place: 'Pondok Pesantren Al-Hikmah',
    inCampaign: true,
    crowd: [58, 0, 6, 0],
  },
  {
    title: 'Sosialisasi Polres: berani lapor ke Unit PPA',
    kind: 'sosialisasi',
    field: 'sarana_publik',
    setting: 'sekolah',
    groups: ['remaja', 'guru'],
    day: -45,
    status: 'dilaporkan',
    partner: 'diterima',
    place: 'SMA Negeri 1',
    inCampaign: true,
    crowd: [62, 71, 3, 5],
  },
  {
    title: 'Penyuluhan Polres di pasar desa',
    kind: 'kampanye',
    field: 'sarana_publik',
    setting: 'lainnya',
    groups: ['masyarakat_umum'],
    day: -20,
    status: 'dilaporkan',
    partner: 'menunggu',
    place: 'Pasar desa',
    inCampaign: true,
    crowd: [5, 7, 26, 31],
  },
  {
    title: 'Konseling keliling di desa',
    kind: 'konseling_keliling',
    field: 'kesejahteraan_sosial',
    setting: 'balai_desa',
    groups: ['masyarakat_umum'],
    day: -12,
    status: 'terlaksana',
    inCampaign: true,
  },
  {
    title: 'Kampanye Hari Anak di alun-alun',
    kind: 'kampanye',
    field: 'budaya',
    setting: 'lainnya',
    groups: ['anak', 'orang_tua'],
    day: -6,
    status: 'terlaksana',
    place: 'Alun-alun',
    inCampaign: false,
  },
  {
    title: 'Sosialisasi di balai desa (hujan, ditunda)',
    kind: 'sosialisasi',
    field: 'pemerintahan',
    setting: 'balai_desa',
    groups: ['aparat_desa'],
    day: -30,
    status: 'dibatalkan',
    inCampaign: true,
  },
  {
    title: 'Parenting daring untuk orang tua siswa',
    kind: 'parenting',
    field: 'keluarga',
    setting: 'online',
    groups: ['orang_tua'],
    day: 10,
    status: 'direncanakan',
    inCampaign: true,
  },
];

export async function seedPreventionDemo(
  svc: Services,
  region: { code: string; name: string },
  users: ReadonlyMap<Role, Actor>,
  orgIds: ReadonlyMap<string, string>,
  seed: number,
): Promise<void> {
  const db = svc.conn.db;
  const rnd = prng(seed * 104_729);
  const now = svc.clock();
  const j = region.code;
  const today = localDate(now, j);
  const year = today.slice(0, 4);
  const desa = await desaOf(db, j);
  if (desa.length < 10) return;
  // a few desa spread over the kab/kota, in code order (the same every time)
  const chosen = Array.from(
    { length: 8 },
    (_, i) => desa[Math.floor(((i + rnd() * 0.5) * desa.length) / 8)]!.code,
  );
  const dinasOrg = orgIds.get('dinas')!;
  const policeOrg = orgIds.get('polisi')!;
  const manajer = users.get('manajer')!;
  const pendamping = users.get('pendamping')!;
  const mitra = users.get('mitra')!;

  const campaignId = randomUUID();
  await db.transaction().execute(async (trx) => {
    // the schools of the plans, registered (type sekolah) in the desa of their activity
    const schools = new Map<string, string>();
    for (const [i, p] of PLANS.entries()) {
      if (!p.place || (p.setting !== 'sekolah' && p.setting !== 'pesantren') || schools.has(p.place))
        continue;
      const id = randomUUID();
      const desaCode = chosen[i % chosen.length]!;
      const desaName = desa.find((d) => d.code === desaCode)?.name ?? region.name;
      await insertOrganisation(trx, {
        id,
        name: `${p.place} ${desaName}`,
        type: 'sekolah',
        region_code: desaCode,
        jurisdiction: j,
        address: `Jl. Pendidikan No. ${i + 1}, ${desaName}`,
        phone: null,
        email: null,
        services: [],
        areas: [j],
        hours: null,
        accessibility: null,
        website: null,
        capacity_total: null,
        capacity_free: null,
        capacity_updated_at: null,
        verified_at: null,
        created_at: now,
        updated_at: now,
      });
      schools.set(p.place, id);
    }
    await insertCampaign(trx, {
      id: campaignId,
      jurisdiction: j,
      name: `Stop Kekerasan terhadap Anak ${year}`,
      starts_on: `${year}-01-01`,
      ends_on: `${year}-12-31`,
      description: `Kampanye pencegahan kekerasan terhadap anak di ${region.name}: sosialisasi sampai tingkat RT/RW, edukasi di sekolah dan pesantren, parenting, dan pelatihan kader PATBM.`,
      target_children: 600,
      target_adults: 400,
      target_activities: 12,
      target_desa: 6,
      target_schools: 4,
      created_by: manajer.userId,
      created_at: now,
      updated_at: now,
    });
    await replaceCampaignTargets(
      trx,
      campaignId,
      chosen.slice(0, 6),
      [...schools.values()].map((orgId) => ({ orgId, name: null })),
    );

    for (const [i, p] of PLANS.entries()) {
      const id = randomUUID();
      const at = new Date(now.getTime() + p.day * DAY);
      const day = localDate(at, j);
      const hour = 8 + Math.floor(rnd() * 6);
      const startsAt = localInstant(`${day}T${String(hour).padStart(2, '0')}:00`, j);
      const endsAt = new Date(startsAt.getTime() + (2 + Math.floor(rnd() * 2)) * 3600_000);
      const scale = 0.8 + rnd() * 0.4;
      const c = p.crowd?.map((x) => Math.round(x * scale));
      const reporter = p.partner ? mitra : manajer;
      await insertActivity(trx, {
        id,
        jurisdiction: j,
        campaign_id: p.inCampaign ? campaignId : null,
        title: p.title,
        kind: p.kind,
        kind_other: null,
        field: p.field,
        setting: p.setting,
        target_groups: p.groups,
        starts_at: startsAt,
        ends_at: endsAt,
        region_code: chosen[i % chosen.length]!,
        rt_rw: i % 3 === 0 ? `RT 0${1 + (i % 5)}/RW 0${1 + (i % 3)}` : null,
        place_name: p.place ?? null,
        school_org_id: p.place ? (schools.get(p.place) ?? null) : null,
        organiser_org_id: p.partner ? policeOrg : dinasOrg,
        description: 'Kegiatan demo (data sintetis).',
        status: p.status,
        cancel_reason:
          p.status === 'dibatalkan' ? 'Hujan deras; dijadwalkan ulang bersama kepala desa.' : null,
        review: p.partner && p.status === 'dilaporkan' ? p.partner : null,
        review_note: null,
        reviewed_by: p.partner === 'diterima' ? manajer.userId : null,
        reviewed_at: p.partner === 'diterima' ? new Date(startsAt.getTime() + 3 * DAY) : null,
        report_notes:
          p.status === 'dilaporkan' ? 'Peserta antusias; beberapa orang tua meminta sesi lanjutan.' : null,
        children_male: c?.[0] ?? null,
        children_female: c?.[1] ?? null,
        adults_male: c?.[2] ?? null,
        adults_female: c?.[3] ?? null,
        reported_by: p.status === 'dilaporkan' ? reporter.userId : null,
        reported_at: p.status === 'dilaporkan' ? new Date(endsAt.getTime() + DAY) : null,
        created_by: reporter.userId,
        created_at: new Date(startsAt.getTime() - 14 * DAY),
        updated_at: now,
      });
      await replaceActivityParts(trx, id, {
        partnerOrgIds: p.partner ? [] : i % 4 === 1 ? [policeOrg] : [],
        facilitators: p.partner
          ? [{ userId: mitra.userId, nameEnc: null }]
          : [
              { userId: i % 2 === 0 ? manajer.userId : pendamping.userId, nameEnc: null },
              ...(i % 3 === 0 ? [{ userId: null, nameEnc: svc.keys.encrypt('Ustazah Demo Sintetis') }] : []),
            ],
        followups:
          p.status === 'dilaporkan' && i % 2 === 0
            ? [
                {
                  id: randomUUID(),
                  text: 'Bentuk kelompok PATBM di desa ini',
                  status: i % 4 === 0 ? 'selesai' : 'berjalan',
                },
                { id: randomUUID(), text: 'Sesi lanjutan untuk orang tua', status: 'belum' },
              ]
            : [],
      });
    }
  });
}
