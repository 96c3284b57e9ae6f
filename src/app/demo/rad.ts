/**
 * Demo regional action plan (issue 12 §4) for Lebak and Kota Serang: "RAD PPA 2026–2030" with
 * three pillars (pencegahan, layanan, kelembagaan), eight activities owned by the Dinas, the UPTD
 * PPA, the police PPA unit, the hospital and the legal aid office, yearly targets and budgets with
 * their sources, and a year of quarterly progress for 2026 (Q1–Q3 reported, Q4 by some) — two
 * activities filled automatically from Simpul's data (desa reached by prevention, cases handled
 * within the deadline). Links to the demo's first meeting decision and held prevention activity
 * when those demos ran before (RAD is seeded last). Deterministic: the same plan and figures every
 * time; nothing about a person.
 */
import { randomUUID } from 'node:crypto';
import {
  firstLinkTargets,
  insertActivity,
  insertLink,
  insertPillar,
  insertPlan,
  insertProgramme,
  insertProgress,
  replaceTargets,
} from '../../db/rad.repository.ts';
import type { Actor, Role } from '../../domain/policy.ts';
import type { AutoIndicator, RadBudgetSource, RadStatus, RadUnit } from '../../domain/rad.ts';
import type { Services } from '../context.ts';

type Act = {
  title: string;
  org: string;
  partners?: string[];
  indicator: string;
  unit: RadUnit;
  baseline: number | null;
  kla?: string;
  auto?: AutoIndicator;
  /** targets 2026–2030 */
  targets: [number, number, number, number, number];
  /** budget 2026 in rupiah; later years grow 10 % a year */
  budget: number;
  source: RadBudgetSource;
  /** share of the 2026 target reached by the end of Q1, Q2, Q3, Q4 (cumulative) */
  pace: [number, number, number, number];
  /** Q4 2026 reported already */
  q4: boolean;
  blocked?: boolean;
  link?: 'decision' | 'prevention';
};

const PILLARS: Array<{
  code: string;
  title: string;
  programmes: Array<{ code: string; title: string; acts: Act[] }>;
}> = [
  {
    code: '1',
    title: 'Pencegahan kekerasan terhadap perempuan dan anak',
    programmes: [
      {
        code: '1.1',
        title: 'Edukasi dan sosialisasi sampai tingkat desa',
        acts: [
          {
            title: 'Sosialisasi pencegahan kekerasan di desa/kelurahan',
            org: 'dinas',
            partners: ['polisi'],
            indicator: 'Jumlah desa/kelurahan terjangkau kegiatan pencegahan',
            unit: 'desa',
            baseline: 8,
            kla: 'V.1',
            auto: 'desa_terjangkau_pencegahan',
            targets: [15, 25, 35, 45, 55],
            budget: 150_000_000,
            source: 'apbd',
            pace: [0.2, 0.45, 0.7, 0.9],
            q4: true,
            link: 'prevention',
          },
          {
            title: 'Kampanye "Stop Kekerasan terhadap Anak" di sekolah',
            org: 'dinas',
            partners: ['polisi', 'uptd'],
            indicator: 'Jumlah sekolah yang mendapat edukasi pencegahan',
            unit: 'jumlah',
            baseline: 12,
            kla: 'IV.18',
            targets: [40, 60, 80, 100, 120],
            budget: 120_000_000,
            source: 'dak_nonfisik_ppa',
            pace: [0.15, 0.4, 0.6, 0.85],
            q4: false,
          },
        ],
      },
      {
        code: '1.2',
        title: 'Penguatan perlindungan anak terpadu berbasis masyarakat (PATBM)',
        acts: [
          {
            title: 'Pembentukan dan pendampingan PATBM desa',
            org: 'dinas',
            indicator: 'Jumlah desa dengan PATBM aktif',
            unit: 'desa',
            baseline: 5,
            targets: [10, 15, 20, 25, 30],
            budget: 60_000_000,
            source: 'apbdes',
            pace: [0.1, 0.2, 0.3, 0.5],
            q4: false,
            blocked: true,
          },
        ],
      },
    ],
  },
  {
    code: '2',
    title: 'Layanan terpadu bagi korban',
    programmes: [
      {
        code: '2.1',
        title: 'Penanganan kasus yang cepat dan tuntas',
        acts: [
          {
            title: 'Respons pengaduan sesuai batas waktu tingkat risiko',
            org: 'uptd',
            indicator: 'Persentase kasus ditangani dalam batas waktu',
            unit: 'persen',
            baseline: 70,
            auto: 'kasus_tepat_waktu',
            targets: [85, 88, 90, 92, 95],
            budget: 90_000_000,
            source: 'apbd',
            pace: [1, 1, 1, 1],
            q4: true,
          },
          {
            title: 'Pendampingan pemeriksaan kesehatan dan visum korban',
            org: 'rsud',
            partners: ['uptd'],
            indicator: 'Jumlah korban yang mendapat layanan kesehatan',
            unit: 'orang',
            baseline: 30,
            targets: [60, 70, 80, 90, 100],
            budget: 75_000_000,
            source: 'apbd',
            pace: [0.25, 0.5, 0.78, 0.95],
            q4: true,
          },
          {
            title: 'Penanganan laporan polisi kasus TPKS dalam 3×24 jam',
            org: 'polisi',
            partners: ['uptd'],
            indicator: 'Persentase laporan TPKS ditindaklanjuti dalam 3×24 jam',
            unit: 'persen',
            baseline: 60,
            targets: [75, 80, 85, 90, 95],
            budget: 40_000_000,
            source: 'apbn',
            pace: [0.9, 0.95, 1.02, 1.04],
            q4: false,
          },
        ],
      },
    ],
  },
  {
    code: '3',
    title: 'Penguatan kelembagaan dan koordinasi',
    programmes: [
      {
        code: '3.1',
        title: 'Koordinasi lintas sektor dan bantuan hukum',
        acts: [
          {
            title: 'Rapat koordinasi gugus tugas PPA setiap triwulan',
            org: 'dinas',
            partners: ['uptd', 'polisi', 'rsud', 'lbh'],
            indicator: 'Jumlah rapat koordinasi terlaksana',
            unit: 'kegiatan',
            baseline: 2,
            targets: [4, 4, 4, 4, 4],
            budget: 30_000_000,
            source: 'apbd',
            pace: [0.25, 0.5, 0.75, 1],
            q4: true,
            link: 'decision',
          },
          {
            title: 'Bantuan hukum gratis bagi korban',
            org: 'lbh',
            indicator: 'Jumlah korban yang mendapat bantuan hukum',
            unit: 'orang',
            baseline: 10,
            targets: [25, 30, 35, 40, 45],
            budget: 50_000_000,
            source: 'csr',
            pace: [0.2, 0.4, 0.64, 0.8],
            q4: false,
          },
        ],
      },
    ],
  },
];

const NOTES = [
  'Sesuai rencana kerja triwulan.',
  'Sebagian kegiatan bergeser ke triwulan berikutnya karena jadwal sekolah.',
  'Koordinasi dengan kecamatan berjalan baik.',
  'Menunggu pencairan anggaran.',
];

export async function seedRadDemo(
  svc: Services,
  region: { code: string; name: string },
  users: ReadonlyMap<Role, Actor>,
  orgIds: ReadonlyMap<string, string>,
  seed: number,
): Promise<void> {
  const db = svc.conn.db;
  const now = svc.clock();
  const j = region.code;
  const manajer = users.get('manajer')!.userId;
  const mitra = users.get('mitra')!;
  const planId = randomUUID();
  await insertPlan(db, {
    id: planId,
    jurisdiction: j,
    title: 'RAD PPA 2026–2030',
    start_year: 2026,
    end_year: 2030,
    legal_basis: `Peraturan ${region.name.startsWith('Kota') ? 'Wali Kota' : 'Bupati'} tentang Rencana Aksi Daerah Perlindungan Perempuan dan Anak Tahun 2026–2030 (demo)`,
    created_by: manajer,
    created_at: now,
    updated_at: now,
  });
  const targets = await firstLinkTargets(db, j);
  let position = 0;
  let n = 0;
  for (const [pi, p] of PILLARS.entries()) {
    const pillarId = randomUUID();
    await insertPillar(db, {
      id: pillarId,
      plan_id: planId,
      jurisdiction: j,
      position: pi + 1,
      code: p.code,
      title: p.title,
      created_at: now,
      updated_at: now,
    });
    for (const g of p.programmes) {
      const programmeId = randomUUID();
      await insertProgramme(db, {
        id: programmeId,
        plan_id: planId,
        pillar_id: pillarId,
        jurisdiction: j,
        position: ++position,
        code: g.code,
        title: g.title,
        created_at: now,
        updated_at: now,
      });
      for (const a of g.acts) {
        n++;
        const id = randomUUID();
        const orgId = orgIds.get(a.org)!;
        await insertActivity(db, {
          id,
          plan_id: planId,
          programme_id: programmeId,
          jurisdiction: j,
          position: n,
          title: a.title,
          responsible_org_id: orgId,
          partner_org_ids: (a.partners ?? []).map((k) => orgIds.get(k)!),
          indicator: a.indicator,
          unit: a.unit,
          baseline: a.baseline,
          kla_code: a.kla ?? null,
          auto_indicator: a.auto ?? null,
          created_at: now,
          updated_at: now,
        });
        await replaceTargets(
          db,
          id,
          a.targets.map((target, i) => ({
            year: 2026 + i,
            target,
            // whole thousands of rupiah
            budget: Math.round((a.budget * 1.1 ** i) / 1000) * 1000,
            budgetSource: a.source,
          })),
        );
        // a year of progress: cumulative, Serang a little behind Lebak
        const lag = seed === 1 ? 1 : 0.9;
        for (const q of [1, 2, 3, 4] as const) {
          if (q === 4 && !a.q4) continue;
          const target = a.targets[0];
          const raw = target * a.pace[q - 1]! * lag;
          const realised = a.unit === 'persen' ? Math.min(100, Math.round(raw * 10) / 10) : Math.round(raw);
          const status: RadStatus =
            a.blocked && q >= 2 ? 'terhambat' : q === 4 && a.pace[3]! >= 1 ? 'selesai' : 'berjalan';
          const by = a.org === 'polisi' ? mitra.userId : manajer;
          await insertProgress(db, {
            id: randomUUID(),
            activity_id: id,
            jurisdiction: j,
            year: 2026,
            quarter: q,
            realised: a.auto ? null : realised,
            budget_used: Math.round((a.budget * [0.15, 0.4, 0.65, 0.85][q - 1]! * lag) / 1000) * 1000,
            status,
            note_enc: svc.keys.encrypt(NOTES[(n + q) % NOTES.length]!),
            updated_by: by,
            created_at: now,
            updated_at: now,
          });
        }
        const target =
          a.link === 'decision' ? targets.decisionId : a.link === 'prevention' ? targets.preventionId : null;
        if (a.link && target)
          await insertLink(db, {
            id: randomUUID(),
            activityId: id,
            jurisdiction: j,
            kind: a.link === 'decision' ? 'meeting_decision' : 'prevention_activity',
            targetId: target,
            by: manajer,
            at: now,
          });
      }
    }
  }
}
