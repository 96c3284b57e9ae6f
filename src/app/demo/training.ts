/**
 * Demo trainings (issue 12 §2) for Lebak and Kota Serang: four events in 2026 — a Bimtek on case
 * handling, the integrated TPKS training (Perpres 9/2024), case management and the victim's
 * perspective — with the demo users and partner staff without an account taking part, some
 * completing; and the Dinas's required trainings, so the gap view shows a few missing ones (the
 * companion has had neither case management nor the victim's perspective, the manager not the
 * latter). Deterministic: the same events, people and outcomes every time.
 */
import { randomUUID } from 'node:crypto';
import { saveReportSettings } from '../../db/report-settings.repository.ts';
import {
  insertParticipant,
  insertTrainingEvent,
  replaceRequirements,
  updateParticipant,
} from '../../db/training.repository.ts';
import type { Actor, Role } from '../../domain/policy.ts';
import type { Attendance, CaseRole } from '../../domain/training.ts';
import type { Services } from '../context.ts';
import { certificateCode } from '../training/participants.ts';

/** The default training types of migration 0025. */
const TYPE = {
  bimtek: '7a1e0000-0000-4000-8000-000000000001',
  tpks: '7a1e0000-0000-4000-8000-000000000002',
  konseling: '7a1e0000-0000-4000-8000-000000000003',
  manajemen: '7a1e0000-0000-4000-8000-000000000004',
  hukum: '7a1e0000-0000-4000-8000-000000000005',
  perspektif: '7a1e0000-0000-4000-8000-000000000006',
};

/** Who takes part: a demo role of the region, or a partner's staff member without an account. */
type Who = { role: Role } | { guest: string; org: string };
type Plan = {
  title: string;
  type: string;
  topics: string[];
  startsOn: string;
  endsOn: string;
  mode: 'luring' | 'daring' | 'campuran';
  place: string;
  trainers: Array<{ name: string; institution: string | null }>;
  people: Array<[Who, Attendance, boolean]>;
};

function plans(place: string, month: (m: number) => string): Plan[] {
  return [
    {
      title: `Bimtek Penanganan Kasus Kekerasan terhadap Perempuan dan Anak ${place} Angkatan I`,
      type: TYPE.bimtek,
      topics: [
        'Alur layanan UPTD PPA',
        'Penerimaan pengaduan dan asesmen awal',
        'Rujukan dan jejaring layanan',
      ],
      startsOn: `${month(2)}-17`,
      endsOn: `${month(2)}-19`,
      mode: 'luring',
      place: `Aula Dinas PPPA ${place}`,
      trainers: [
        { name: 'Dra. Sri Mulyani (demo)', institution: 'Kementerian PPPA' },
        { name: 'Rahmat Hidayat, S.Psi. (demo)', institution: 'UPTD PPA Provinsi Banten' },
      ],
      people: [
        [{ role: 'pengaduan' }, 'hadir', true],
        [{ role: 'manajer' }, 'hadir', true],
        [{ role: 'pendamping' }, 'tidak_hadir', false],
        [{ role: 'mitra' }, 'hadir', true],
        [{ guest: 'Siti Aminah (staf Puskesmas, demo)', org: 'rsud' }, 'hadir', true],
      ],
    },
    {
      title: `Pelatihan Terpadu Penanganan TPKS bagi APH dan Tenaga Layanan ${place}`,
      type: TYPE.tpks,
      topics: ['UU 12/2022 tentang TPKS', 'Hak korban dan restitusi', 'Koordinasi APH dan UPTD PPA'],
      startsOn: `${month(5)}-12`,
      endsOn: `${month(5)}-14`,
      mode: 'campuran',
      place: 'Hotel Demo dan Zoom Dinas',
      trainers: [{ name: 'AKBP Dewi Lestari (demo)', institution: 'Polda Banten' }],
      people: [
        [{ role: 'manajer' }, 'hadir', true],
        [{ role: 'mitra' }, 'hadir', true],
        [{ guest: 'Bripda Yusuf Maulana (demo)', org: 'polisi' }, 'hadir', false],
        [{ guest: 'Nur Halimah, S.H. (demo)', org: 'lbh' }, 'hadir', true],
      ],
    },
    {
      title: `Pelatihan Manajemen Kasus ${place}`,
      type: TYPE.manajemen,
      topics: ['Identifikasi dan asesmen', 'Rencana intervensi', 'Pemantauan dan terminasi'],
      startsOn: `${month(8)}-04`,
      endsOn: `${month(8)}-06`,
      mode: 'luring',
      place: `Ruang rapat UPTD PPA ${place}`,
      trainers: [{ name: 'Yuliani, M.Psi. (demo)', institution: 'Universitas Demo' }],
      people: [
        [{ role: 'manajer' }, 'hadir', true],
        [{ role: 'pendamping' }, 'tidak_hadir', false],
        [{ role: 'pengaduan' }, 'hadir', true],
      ],
    },
    {
      title: 'Perspektif Korban dan Kesetaraan Gender dalam Layanan',
      type: TYPE.perspektif,
      topics: ['Bias dan stigma terhadap korban', 'Komunikasi yang berpihak pada korban'],
      startsOn: `${month(10)}-21`,
      endsOn: `${month(10)}-21`,
      mode: 'daring',
      place: 'Zoom Dinas PPPA',
      trainers: [{ name: 'Maria Ulfah (demo)', institution: 'Women Crisis Center (demo)' }],
      people: [
        [{ role: 'pengaduan' }, 'hadir', true],
        [{ role: 'manajer' }, 'terdaftar', false],
      ],
    },
  ];
}

/** The Dinas's required trainings: case management and the victim's perspective. */
const REQUIREMENTS: Array<{ typeId: string; role: CaseRole; validYears: number | null }> = [
  { typeId: TYPE.manajemen, role: 'manajer', validYears: 3 },
  { typeId: TYPE.manajemen, role: 'pendamping', validYears: 3 },
  { typeId: TYPE.perspektif, role: 'pengaduan', validYears: null },
  { typeId: TYPE.perspektif, role: 'manajer', validYears: null },
  { typeId: TYPE.perspektif, role: 'pendamping', validYears: null },
];

export async function seedTrainingDemo(
  svc: Services,
  region: { code: string; name: string },
  orgIds: Map<string, string>,
  users: Map<Role, Actor>,
): Promise<void> {
  if (region.code !== '36.02' && region.code !== '36.73') return;
  const db = svc.conn.db;
  const now = svc.clock();
  const place = region.name.replace(/^(Kabupaten|Kota) /, '');
  const month = (m: number) => `2026-${String(m).padStart(2, '0')}`;
  const dinas = orgIds.get('dinas')!;
  const by = users.get('manajer')!.userId;
  // The Dinas's letterhead (report_settings): the certificates' signature block names its head, as
  // the periodic report, the minutes and the posters do. A synthetic name; the admin can change it.
  await saveReportSettings(
    db,
    region.code,
    0,
    {
      dinas_name: `Dinas Pemberdayaan Perempuan dan Perlindungan Anak ${region.name}`,
      address: `Jl. Pemuda No. ${region.code === '36.02' ? 12 : 7}, ${place} (alamat demo)`,
      head_title: `Kepala Dinas Pemberdayaan Perempuan dan Perlindungan Anak ${region.name}`,
      head_name:
        region.code === '36.02' ? 'Dra. Ratna Kusumawati, M.Si. (demo)' : 'Hendra Saputra, S.Sos. (demo)',
      head_nip: null,
    },
    users.get('admin-dinas')?.userId ?? by,
    now,
  );
  for (const p of plans(place, month)) {
    const eventId = randomUUID();
    await insertTrainingEvent(db, {
      id: eventId,
      jurisdiction: region.code,
      title: p.title,
      type_id: p.type,
      topics: p.topics,
      starts_on: p.startsOn,
      ends_on: p.endsOn,
      mode: p.mode,
      place: p.place,
      organiser_org_id: dinas,
      trainers: JSON.stringify(p.trainers),
      created_by: by,
      created_at: now,
      updated_at: now,
    });
    for (const [who, attendance, completed] of p.people) {
      const id = randomUUID();
      const user = 'role' in who ? users.get(who.role)! : null;
      await insertParticipant(db, {
        id,
        eventId,
        jurisdiction: region.code,
        userId: user?.userId ?? null,
        nameEnc: 'guest' in who ? svc.keys.encrypt(who.guest) : null,
        orgId: user ? user.orgId : orgIds.get((who as { org: string }).org)!,
        createdBy: by,
        now,
      });
      if (attendance !== 'terdaftar')
        await updateParticipant(
          db,
          eventId,
          id,
          1,
          completed
            ? { attendance, completed, completed_at: now, certificate_code: certificateCode() }
            : { attendance },
          now,
        );
    }
  }
  await replaceRequirements(db, region.code, 0, REQUIREMENTS, users.get('admin-dinas')!.userId, now);
}
