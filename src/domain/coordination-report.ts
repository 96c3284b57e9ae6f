/**
 * The periodic report's section "Pencegahan dan koordinasi" (issue 12 review M3): prevention
 * reach, trainings, meetings and their follow-ups, the RAD's progress and the regulations due for
 * review, for the report's period and region — as tables (the record) and a few sentences written
 * from the same numbers, in the style of src/domain/report.ts. Aggregates and organisation names
 * only. Pure: dates come from the figures, never from the clock.
 */
import { FOLLOWUP_STATUS_LABELS, FOLLOWUP_STATUSES } from './meetings.ts';
import { REGULATION_KIND_LABELS, type RegulationKind } from './regulations.ts';
import { type Cell, dateWords, type ReportTable } from './report.ts';

export type CoordinationFigures = {
  region: { code: string; name: string };
  /** the period's own range, cut at today when it has not ended */
  from: string;
  to: string;
  /** the local day the report is made (today's state: follow-ups, regulations) */
  today: string;
  /** records of these jurisdictions (the region's kab/kota or province; a kecamatan's kab/kota) */
  recordsOf: { code: string; name: string };
  prevention: {
    activities: number;
    childrenMale: number;
    childrenFemale: number;
    adultsMale: number;
    adultsFemale: number;
    desaReached: number;
    desaTotal: number;
    campaigns: Array<{
      name: string;
      startsOn: string;
      endsOn: string;
      activities: number;
      targetActivities: number | null;
      targetDesa: number | null;
      targetDesaListed: number;
      targetDesaReached: number;
    }>;
  };
  trainings: { events: number; completed: number };
  meetings: { held: number };
  followups: {
    byStatus: Record<string, number>;
    overdue: number;
    overdueRows: Array<{ decision: string; owner: string; dueOn: string; days: number }>;
  };
  rad: {
    year: number;
    quarter: number;
    plans: number;
    activities: number;
    onTrack: number;
    onTrackShare: number | null;
    budgetPlanned: number;
    budgetUsed: number;
    budgetShare: number | null;
  };
  regulations: {
    until: string;
    items: Array<{ kind: string; number: string; title: string; reviewOn: string }>;
  };
};

/** How many overdue follow-ups the report lists (the rest are counted). */
export const OVERDUE_LISTED = 15;
/** How long a decision's text may be in the report. */
export const DECISION_WORDS = 120;

const num = new Intl.NumberFormat('id-ID');
const pct = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
const share = (x: number | null) => (x === null ? '–' : `${pct.format(x * 100)}%`);
const rupiah = (x: number) => `Rp ${num.format(x)}`;

/** A decision's text on one line, at most DECISION_WORDS characters, cut at a word. */
export function shorten(text: string, max = DECISION_WORDS): string {
  const one = text.replace(/\s+/g, ' ').trim();
  if (one.length <= max) return one;
  const cut = one.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

const people = (p: CoordinationFigures['prevention']) => ({
  children: p.childrenMale + p.childrenFemale,
  adults: p.adultsMale + p.adultsFemale,
  all: p.childrenMale + p.childrenFemale + p.adultsMale + p.adultsFemale,
});

export function coordinationTables(f: CoordinationFigures): ReportTable[] {
  const p = f.prevention;
  const n = people(p);
  const today = `Keadaan saat laporan dibuat (${dateWords(f.today)}), dari semua periode.`;
  const t: ReportTable[] = [
    {
      key: 'pk-pencegahan',
      title: 'Kegiatan pencegahan',
      note: 'Kegiatan yang terlaksana dan dilaporkan (laporan mitra yang diterima Dinas) pada periode ini.',
      head: ['Ukuran', 'Jumlah'],
      rows: [
        ['Kegiatan pencegahan', p.activities],
        ['Anak laki-laki terjangkau', p.childrenMale],
        ['Anak perempuan terjangkau', p.childrenFemale],
        ['Dewasa laki-laki terjangkau', p.adultsMale],
        ['Dewasa perempuan terjangkau', p.adultsFemale],
        ['Jumlah orang terjangkau', n.all],
        ['Desa/kelurahan terjangkau', p.desaReached],
        ['Desa/kelurahan di wilayah', p.desaTotal],
        ['Desa/kelurahan terjangkau (persen)', share(p.desaTotal === 0 ? null : p.desaReached / p.desaTotal)],
      ],
    },
  ];
  if (p.campaigns.length > 0)
    t.push({
      key: 'pk-kampanye',
      title: 'Kampanye dan targetnya',
      note: 'Kampanye yang berlangsung pada periode ini; kegiatan dan desa sasaran yang terjangkau oleh kegiatan kampanye itu pada periode ini.',
      head: [
        'Kampanye',
        'Kegiatan',
        'Target kegiatan',
        'Desa sasaran terjangkau',
        'Desa sasaran',
        'Target desa',
      ],
      rows: p.campaigns.map((c) => [
        `${c.name} (${dateWords(c.startsOn)} s.d. ${dateWords(c.endsOn)})`,
        c.activities,
        c.targetActivities,
        c.targetDesaReached,
        c.targetDesaListed,
        c.targetDesa,
      ]),
    });
  t.push({
    key: 'pk-koordinasi',
    title: 'Pelatihan dan rapat koordinasi',
    note: 'Pelatihan yang dimulai dan rapat yang selesai dilaksanakan pada periode ini.',
    head: ['Ukuran', 'Jumlah'],
    rows: [
      ['Pelatihan terlaksana', f.trainings.events],
      ['Peserta yang menyelesaikan pelatihan', f.trainings.completed],
      ['Rapat koordinasi terlaksana', f.meetings.held],
    ],
  });
  const statusRows: Cell[][] = FOLLOWUP_STATUSES.map((s) => [
    FOLLOWUP_STATUS_LABELS[s].id,
    f.followups.byStatus[s] ?? 0,
  ]);
  t.push({
    key: 'pk-tindak-lanjut',
    title: 'Tindak lanjut keputusan rapat',
    note: today,
    head: ['Status', 'Tindak lanjut'],
    rows: [
      ...statusRows,
      ['Jumlah', FOLLOWUP_STATUSES.reduce((a, s) => a + (f.followups.byStatus[s] ?? 0), 0)],
      ['Melewati batas waktu (belum selesai)', f.followups.overdue],
    ],
  });
  if (f.followups.overdue > 0)
    t.push({
      key: 'pk-terlambat',
      title: 'Tindak lanjut yang melewati batas waktu',
      note:
        f.followups.overdue > f.followups.overdueRows.length
          ? `${today} ${num.format(f.followups.overdueRows.length)} yang paling lama dari ${num.format(f.followups.overdue)}.`
          : today,
      head: ['Keputusan rapat', 'Penanggung jawab', 'Batas waktu', 'Terlambat (hari)'],
      rows: f.followups.overdueRows.map((r) => [shorten(r.decision), r.owner, dateWords(r.dueOn), r.days]),
    });
  const r = f.rad;
  t.push({
    key: 'pk-rad',
    title: `RAD PPA tahun ${r.year} (sampai triwulan ${r.quarter})`,
    note:
      r.plans === 0
        ? `Belum ada RAD PPA yang mencakup tahun ${r.year}.`
        : 'Sesuai jadwal: capaian mencapai bagian target yang diharapkan sampai triwulan itu dan tidak terhambat. Anggaran terpakai menurut laporan terakhir tiap kegiatan.',
    head: ['Ukuran', 'Nilai'],
    rows: [
      ['Rencana aksi', r.plans],
      ['Kegiatan', r.activities],
      ['Kegiatan sesuai jadwal', r.onTrack],
      ['Kegiatan sesuai jadwal (persen)', share(r.onTrackShare)],
      ['Anggaran direncanakan', rupiah(r.budgetPlanned)],
      ['Anggaran terpakai', rupiah(r.budgetUsed)],
      ['Anggaran terpakai (persen)', share(r.budgetShare)],
    ],
  });
  if (f.regulations.items.length > 0)
    t.push({
      key: 'pk-regulasi',
      title: 'Regulasi yang perlu ditinjau',
      note: `Regulasi yang berlaku dengan tanggal peninjauan sampai ${dateWords(f.regulations.until)}.`,
      head: ['Regulasi', 'Nomor', 'Judul', 'Tanggal peninjauan'],
      rows: f.regulations.items.map((x) => [
        REGULATION_KIND_LABELS[x.kind as RegulationKind]?.id ?? x.kind,
        x.number,
        x.title,
        dateWords(x.reviewOn),
      ]),
    });
  return t;
}

/**
 * The section's sentences: what happened in the period (prevention, trainings, meetings), then
 * today's state said as such (follow-ups, the RAD, regulations due).
 */
export function coordinationNarrative(f: CoordinationFigures, periodLabel: string): string[] {
  const p = f.prevention;
  const n = people(p);
  const out: string[] = [];
  const where = f.region.name;
  if (p.activities === 0)
    out.push(`Pada ${periodLabel} belum ada kegiatan pencegahan yang dilaporkan di ${where}.`);
  else
    out.push(
      `Pada ${periodLabel} terlaksana dan dilaporkan ${num.format(p.activities)} kegiatan pencegahan di ${where}, menjangkau ${num.format(n.all)} orang (${num.format(n.children)} anak dan ${num.format(n.adults)} dewasa) di ${num.format(p.desaReached)} dari ${num.format(p.desaTotal)} desa/kelurahan${p.desaTotal > 0 ? ` (${pct.format((p.desaReached / p.desaTotal) * 100)}%)` : ''}.`,
    );
  for (const c of p.campaigns)
    if (c.targetDesaListed > 0)
      out.push(
        `${/^kampanye\b/i.test(c.name) ? c.name : `Kampanye ${c.name}`} menjangkau ${num.format(c.targetDesaReached)} dari ${num.format(c.targetDesaListed)} desa sasarannya pada periode ini.`,
      );
  const held: string[] = [];
  held.push(`${num.format(f.meetings.held)} rapat koordinasi`);
  held.push(
    f.trainings.events === 0
      ? 'belum ada pelatihan'
      : `${num.format(f.trainings.events)} pelatihan dengan ${num.format(f.trainings.completed)} peserta yang menyelesaikannya`,
  );
  out.push(`Selama periode ini terlaksana ${held.join(', dan ')}.`);
  const b = f.followups.byStatus;
  const open = (b.belum ?? 0) + (b.berjalan ?? 0);
  const total = FOLLOWUP_STATUSES.reduce((a, s) => a + (b[s] ?? 0), 0);
  const today: string[] = [];
  if (total > 0)
    today.push(
      `dari ${num.format(total)} tindak lanjut keputusan rapat, ${num.format(b.selesai ?? 0)} selesai${b.batal ? `, ${num.format(b.batal)} batal` : ''} dan ${num.format(open)} belum selesai` +
        (f.followups.overdue > 0
          ? `, ${num.format(f.followups.overdue)} di antaranya melewati batas waktu`
          : ', tidak ada yang melewati batas waktu'),
    );
  const r = f.rad;
  if (r.plans > 0 && r.activities > 0)
    today.push(
      `pada RAD PPA tahun ${r.year} sampai triwulan ${r.quarter}, ${num.format(r.onTrack)} dari ${num.format(r.activities)} kegiatan (${share(r.onTrackShare)}) sesuai jadwal, dengan anggaran terpakai ${rupiah(r.budgetUsed)} dari ${rupiah(r.budgetPlanned)} yang direncanakan (${share(r.budgetShare)})`,
    );
  else today.push(`belum ada kegiatan RAD PPA untuk tahun ${r.year}`);
  if (f.regulations.items.length > 0)
    today.push(
      `${num.format(f.regulations.items.length)} regulasi perlu ditinjau sampai ${dateWords(f.regulations.until)}`,
    );
  out.push(`Keadaan saat laporan ini dibuat: ${today.join('; ')}.`);
  if (f.recordsOf.code !== f.region.code)
    out.push(
      `Rapat, tindak lanjut, pelatihan, RAD dan regulasi yang dihitung adalah milik ${f.recordsOf.name}.`,
    );
  return out;
}
