/**
 * Demo coordination meetings (issue 12 §3, decision 031) for Lebak and Kota Serang: a cross-sector
 * rakor held last month with attendance of the partners (the police unit's and the RSUD's staff,
 * and two people outside Simpul), agenda, final minutes and four decisions whose follow-ups are in
 * every status — one done, one in progress, one not started and overdue long enough to be escalated,
 * one not started and due soon, one cancelled — owned by the partner organisations whose demo
 * users exist (mitra@, rsud@) and the UPTD; and a case conference two weeks ago over the region's
 * first demo case with an encrypted case part (when the demo has cases). Written through the
 * repository; dates relative to today in the region's zone; synthetic names only. Reminders
 * already due are marked sent (yesterday) with the owner's notices they left, except the
 * escalation, which the worker's first scan sends.
 */
import { randomUUID } from 'node:crypto';
import {
  firstCaseOf,
  insertDecision,
  insertFollowup,
  insertFollowupNote,
  insertFollowupNotices,
  insertMeeting,
  putCasePart,
  replaceParticipants,
  setMeetingOrgs,
} from '../../db/meeting.repository.ts';
import { activeUsersOfOrg, insertNotifications } from '../../db/notification.repository.ts';
import {
  addDays,
  FOLLOWUP_OWNER_ROLES,
  type FollowupPhase,
  followupPhasesDue,
  meetingInstants,
} from '../../domain/meetings.ts';
import { dueTopic } from '../../domain/notifications.ts';
import type { Actor, Role } from '../../domain/policy.ts';
import { localDate } from '../../domain/time.ts';
import type { Services } from '../context.ts';

/** The notice each reminder phase leaves (as the reminder worker, src/app/meetings/followup-reminders.ts). */
const PHASE_KIND: Record<Exclude<FollowupPhase, 'eskalasi'>, string> = {
  dekat: 'tindak_lanjut_pengingat',
  terlambat: 'tindak_lanjut_terlambat',
};

type FollowupPlan = {
  action: string;
  owner: 'polisi' | 'rsud' | 'uptd';
  /** due date in days from today */
  due: number;
  status: 'belum' | 'berjalan' | 'selesai' | 'batal';
  note?: string;
  progress?: string;
};

const DECISIONS: Array<{ body: string; followups: FollowupPlan[] }> = [
  {
    body: 'Setiap laporan kekerasan seksual diteruskan ke Unit PPA Polres paling lambat 3×24 jam sejak diterima UPTD PPA.',
    followups: [
      {
        action: 'Menetapkan petugas penghubung Unit PPA dan jalur laporan cepat dengan UPTD PPA',
        owner: 'polisi',
        due: -12,
        status: 'selesai',
        note: 'Petugas penghubung ditetapkan dengan surat tugas; grup koordinasi berjalan.',
      },
    ],
  },
  {
    body: 'Pemeriksaan visum et repertum bagi korban anak tanpa biaya di RSUD.',
    followups: [
      {
        action: 'Menyusun alur layanan visum gratis di IGD dan poli PPT',
        owner: 'rsud',
        due: 10,
        status: 'berjalan',
        progress: 'Draf alur dibahas dengan direksi; menunggu SK direktur.',
      },
      {
        action: 'Sosialisasi alur visum kepada petugas IGD',
        owner: 'rsud',
        due: 2,
        status: 'belum',
      },
    ],
  },
  {
    body: 'Data kasus triwulan disampaikan setiap lembaga kepada Dinas untuk rekap SIMFONI-PPA.',
    followups: [
      {
        action: 'Menyerahkan rekap laporan polisi kasus perempuan dan anak triwulan ini',
        owner: 'polisi',
        due: -10,
        status: 'belum',
      },
    ],
  },
  {
    body: 'Pelatihan bersama penanganan korban disabilitas.',
    followups: [
      {
        action: 'Mengundang narasumber juru bahasa isyarat untuk pelatihan bersama',
        owner: 'uptd',
        due: -5,
        status: 'batal',
        note: 'Digabung dengan Bimtek terpadu provinsi bulan depan.',
      },
    ],
  },
];

export async function seedMeetingDemo(
  svc: Services,
  region: { code: string; name: string },
  users: Map<Role, Actor>,
  orgIds: Map<string, string>,
): Promise<void> {
  const db = svc.conn.db;
  const k = svc.keys;
  const j = region.code;
  const now = svc.clock();
  const today = localDate(now, j);
  const manajer = users.get('manajer')!.userId;
  const mitra = users.get('mitra')!.userId;
  const dinas = orgIds.get('dinas')!;
  const org = (key: string) => orgIds.get(key)!;

  // the rakor, held last month
  const rakor = randomUUID();
  const held = addDays(today, -30);
  const at = meetingInstants(j, held, '09:00', '12:00');
  await insertMeeting(db, {
    id: rakor,
    jurisdiction: j,
    kind: 'rakor_lintas_sektor',
    title: `Rakor Lintas Sektor Perlindungan Perempuan dan Anak ${region.name}`,
    starts_at: at.startsAt,
    ends_at: at.endsAt,
    place: 'Aula Dinas PPPA',
    online_link: null,
    organiser_org_id: dinas,
    status: 'selesai',
    agenda: [
      'Pembukaan oleh Kepala Dinas',
      'Evaluasi penanganan kasus triwulan',
      'Alur rujukan visum dan laporan polisi',
      'Rencana tindak lanjut',
    ],
    minutes_enc: k.encrypt(
      'Rapat dibuka oleh Kepala Dinas. UPTD PPA menyampaikan evaluasi penanganan kasus triwulan berjalan: waktu respons membaik, tetapi laporan kekerasan seksual ke kepolisian masih ada yang melewati 3×24 jam. RSUD menyampaikan kendala biaya visum bagi korban anak. Peserta sepakat menyusun alur bersama dan menyampaikan data triwulan tepat waktu.',
    ),
    minutes_final_at: new Date(at.startsAt.getTime() + 4 * 3600_000),
    created_by: manajer,
    created_at: new Date(at.startsAt.getTime() - 7 * 86_400_000),
    updated_at: now,
  });
  await setMeetingOrgs(db, rakor, [org('polisi'), org('rsud'), org('lbh'), org('uptd')]);
  await replaceParticipants(db, rakor, [
    {
      id: randomUUID(),
      meeting_id: rakor,
      position: 0,
      user_id: manajer,
      name_enc: null,
      org_id: org('uptd'),
      org_name: null,
      invited: true,
      attended: true,
    },
    {
      id: randomUUID(),
      meeting_id: rakor,
      position: 1,
      user_id: mitra,
      name_enc: null,
      org_id: org('polisi'),
      org_name: null,
      invited: true,
      attended: true,
    },
    {
      id: randomUUID(),
      meeting_id: rakor,
      position: 2,
      user_id: null,
      name_enc: k.encrypt('dr. Ratna Kusumawati (demo)'),
      org_id: org('rsud'),
      org_name: null,
      invited: true,
      attended: true,
    },
    {
      id: randomUUID(),
      meeting_id: rakor,
      position: 3,
      user_id: null,
      name_enc: k.encrypt('Hendra Saputra (demo)'),
      org_id: org('lbh'),
      org_name: null,
      invited: true,
      attended: false,
    },
    {
      id: randomUUID(),
      meeting_id: rakor,
      position: 4,
      user_id: null,
      name_enc: k.encrypt('Euis Nurhayati (demo)'),
      org_id: null,
      org_name: 'Forum PUSPAGA (demo)',
      invited: false,
      attended: true,
    },
  ]);
  for (const [i, d] of DECISIONS.entries()) {
    const decisionId = randomUUID();
    await insertDecision(db, {
      id: decisionId,
      meeting_id: rakor,
      number: i + 1,
      body: d.body,
      created_by: manajer,
      created_at: at.startsAt,
      updated_at: at.startsAt,
    });
    for (const f of d.followups) {
      const id = randomUUID();
      const by = f.owner === 'polisi' ? mitra : manajer;
      await insertFollowup(db, {
        id,
        decision_id: decisionId,
        meeting_id: rakor,
        jurisdiction: j,
        action: f.action,
        owner_org_id: org(f.owner),
        owner_user_id: f.owner === 'polisi' ? mitra : null,
        due_on: addDays(today, f.due),
        status: f.status,
        status_note: f.note ?? null,
        done_on: f.status === 'selesai' ? addDays(today, f.due - 2) : null,
        created_by: manajer,
        created_at: at.startsAt,
        updated_at: now,
      });
      // the reminders already due went out when they were due; the escalation of the long-overdue
      // one is left for the worker's first scan, so the leadership is told
      const dueOn = addDays(today, f.due);
      const sentAt = new Date(now.getTime() - 86_400_000);
      const sent = followupPhasesDue({ dueOn, status: f.status }, today).filter(
        (phase) => phase !== 'eskalasi',
      );
      await insertFollowupNotices(
        db,
        sent.map((phase) => ({ followupId: id, phase, dueOn, at: sentAt })),
      );
      // ...and the owner's staff hold the notices those reminders left (review 14): the police
      // unit's mitra@ sees its follow-up 10 days late. Dated when they went out (yesterday), never
      // "now", so a test's own notice under a frozen clock stays the latest; no delivery job (the
      // demo sends no mail about the past).
      if (sent.length > 0) {
        const owners = await activeUsersOfOrg(db, org(f.owner), FOLLOWUP_OWNER_ROLES);
        await insertNotifications(
          db,
          sent.flatMap((phase) =>
            owners.map((userId) => ({
              userId,
              kind: PHASE_KIND[phase],
              link: `/rapat/tindak-lanjut/${id}`,
              ref: null,
              topic: dueTopic(dueOn),
            })),
          ),
          sentAt,
        );
      }
      if (f.progress || f.note)
        await insertFollowupNote(db, {
          id: randomUUID(),
          followup_id: id,
          body: f.progress ?? f.note ?? '',
          status: f.status === 'belum' ? null : f.status,
          created_by: by,
          created_at: new Date(now.getTime() - 3 * 86_400_000),
        });
    }
  }

  // a case conference two weeks ago over the first demo case (its follow-up is due in a week)
  const cc = randomUUID();
  const ccAt = meetingInstants(j, addDays(today, -14), '13:30', '15:00');
  await insertMeeting(db, {
    id: cc,
    jurisdiction: j,
    kind: 'case_conference',
    title: 'Case conference penanganan korban anak',
    starts_at: ccAt.startsAt,
    ends_at: ccAt.endsAt,
    place: 'Ruang rapat UPTD PPA',
    online_link: null,
    organiser_org_id: org('uptd'),
    status: 'selesai',
    agenda: ['Paparan kasus oleh manajer kasus', 'Rencana layanan lanjutan'],
    minutes_enc: k.encrypt(
      'Dibahas satu kasus anak korban kekerasan. Disepakati pendampingan psikologis lanjutan dan koordinasi dengan sekolah. Rincian kasus dicatat di bagian kasus.',
    ),
    minutes_final_at: new Date(ccAt.startsAt.getTime() + 2 * 3600_000),
    created_by: manajer,
    created_at: new Date(ccAt.startsAt.getTime() - 2 * 86_400_000),
    updated_at: now,
  });
  await setMeetingOrgs(db, cc, [org('rsud')]);
  // who was there (review 12): the final minutes record their attendance like the rakor's
  const pendamping = users.get('pendamping')?.userId ?? null;
  await replaceParticipants(
    db,
    cc,
    [
      { user_id: manajer, name_enc: null, org_id: org('uptd'), invited: true, attended: true },
      ...(pendamping
        ? [{ user_id: pendamping, name_enc: null, org_id: org('uptd'), invited: true, attended: true }]
        : []),
      {
        user_id: null,
        name_enc: k.encrypt('Rina Marlina, M.Psi. (demo)'),
        org_id: org('rsud'),
        invited: true,
        attended: true,
      },
      {
        user_id: null,
        name_enc: k.encrypt('Asep Supriatna (demo)'),
        org_id: org('rsud'),
        invited: true,
        attended: false,
      },
    ].map((p, position) => ({ ...p, id: randomUUID(), meeting_id: cc, position, org_name: null })),
  );
  const ccDecision = randomUUID();
  await insertDecision(db, {
    id: ccDecision,
    meeting_id: cc,
    number: 1,
    body: 'Pendampingan psikologis lanjutan selama tiga bulan dan koordinasi dengan sekolah.',
    created_by: manajer,
    created_at: ccAt.startsAt,
    updated_at: ccAt.startsAt,
  });
  await insertFollowup(db, {
    id: randomUUID(),
    decision_id: ccDecision,
    meeting_id: cc,
    jurisdiction: j,
    action: 'Menjadwalkan sesi konseling psikologis',
    owner_org_id: org('rsud'),
    owner_user_id: null,
    due_on: addDays(today, 7),
    status: 'berjalan',
    status_note: null,
    done_on: null,
    created_by: manajer,
    created_at: ccAt.startsAt,
    updated_at: now,
  });
  const kasus = await firstCaseOf(db, j);
  if (kasus)
    await putCasePart(
      db,
      {
        meeting_id: cc,
        case_id: kasus.id,
        discussion_enc: k.encrypt(
          'Korban (lihat identitas di berkas kasus) menunjukkan tanda trauma; asesmen psikolog merekomendasikan 8 sesi konseling. Orang tua setuju. Sekolah akan dihubungi tanpa menyebut rincian kejadian.',
        ),
        created_by: manajer,
        created_at: ccAt.startsAt,
        updated_at: ccAt.startsAt,
      },
      undefined,
      now,
    );
}
