/**
 * The periodic report for the Bupati/Walikota and DPRD (issue 11 §2): the dashboard's figures as
 * tables (one structure for the PDF, the printable page and each XLSX download) and a short
 * narrative in Bahasa Indonesia written from the same numbers. Pure: dates are written in
 * Indonesian from the strings the dashboard answers, never from the clock.
 */
import { MONTHS } from './facts.ts';
import { type Period, parsePeriod } from './stats.ts';
import type { DashboardDto } from './stats-schemas.ts';
import { RIGHT_STATUSES } from './taxonomies.ts';
import { zoneOfRegion } from './time.ts';

export type Cell = string | number | null;
export type ReportTable = {
  /** stable file-name key: `ringkasan`, `wilayah`, `tren`, a figure's measure, `hak`, `kasus-terbuka`, `beban-kerja` */
  key: string;
  title: string;
  note: string | null;
  head: string[];
  rows: Cell[][];
};

const num = new Intl.NumberFormat('id-ID');
const pct = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

/** "1 Juli 2026" from 2026-07-01. */
export function dateWords(d: string): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS.id.long[m - 1]} ${y}`;
}
/** "Jul 2026" from 2026-07. */
export function monthWords(m: string): string {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return `${MONTHS.id.short[mo - 1]} ${y}`;
}
/** "1 Juli 2026 s.d. 30 September 2026". */
export function rangeWords(r: { from: string; to: string }): string {
  return `${dateWords(r.from)} s.d. ${dateWords(r.to)}`;
}
/** A moment in the region's own zone: "5 Desember 2026 14.53 WITA". */
export function momentWords(iso: string, region: string, zone: string): string {
  const s = new Intl.DateTimeFormat('id-ID', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: zoneOfRegion(region),
  }).format(new Date(iso));
  return `${s.replace(' pukul', '')} ${zone}`;
}

/** "naik 12,5%", "turun 3%", "sama", or null when there is nothing to compare with. */
export function change(now: number, before: number): string | null {
  if (before === 0) return null;
  if (now === before) return 'sama';
  const p = ((now - before) / before) * 100;
  return `${p > 0 ? 'naik' : 'turun'} ${pct.format(Math.abs(p))}%`;
}

const share = (x: number | null) => (x === null ? '–' : `${pct.format(x * 100)}%`);

/** The same period a year earlier, named the same way ("Triwulan III 2025"). */
export function earlierLabel(spec: string): string | null {
  const m = /^(\d{4})(.*)$/.exec(spec);
  return m ? (parsePeriod(`${Number(m[1]) - 1}${m[2]}`)?.label.id ?? null) : null;
}

export function lowerFirst(label: string): string {
  return /^(Triwulan|Tahun)\b/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

/** The period's own range, cut at today when it has not ended. */
function nowRange(d: DashboardDto) {
  return { from: d.period.from, to: d.through ?? d.period.to };
}

export function reportTables(d: DashboardDto): ReportTable[] {
  const officers = d.handling.workload.some((w) => w.officer !== null);
  const nowHead = `Periode ini (${rangeWords(nowRange(d))})`;
  const beforeHead = `Setahun sebelumnya (${rangeWords(d.compare)})`;
  const compared = (name: string, c: { n: number; before: number }): Cell[] => [
    name,
    c.n,
    c.before,
    change(c.n, c.before) ?? '–',
  ];
  const t: ReportTable[] = [
    {
      key: 'ringkasan',
      title: 'Ringkasan',
      note: d.through ? `Periode ini belum berakhir: angkanya sampai ${dateWords(d.through)}.` : null,
      head: ['Jumlah', nowHead, beforeHead, 'Perubahan'],
      rows: [
        compared('Kasus', d.totals.cases),
        compared('Korban', d.totals.victims),
        ...(d.totals.victimPersons
          ? [compared('Korban (orang; satu NIK dihitung sekali)', d.totals.victimPersons)]
          : []),
        ...(d.totals.perpetrators ? [compared('Terlapor', d.totals.perpetrators)] : []),
      ],
    },
  ];
  if (d.areas.length > 0) {
    const counted = d.areas.filter((a) => a.cases + a.casesBefore + a.victims + a.victimsBefore > 0);
    const sum = (k: 'cases' | 'victims' | 'casesBefore' | 'victimsBefore') =>
      counted.reduce((x, a) => x + a[k], 0);
    t.push({
      key: 'wilayah',
      title: 'Menurut wilayah',
      note:
        counted.length < d.areas.length
          ? `Wilayah tanpa kasus di kedua periode (${d.areas.length - counted.length}) tidak dicantumkan.`
          : null,
      head: ['Wilayah', 'Kode', 'Kasus', 'Korban', 'Kasus setahun sebelumnya', 'Korban setahun sebelumnya'],
      rows: [
        ...counted.map((a) => [a.name, a.code || '–', a.cases, a.victims, a.casesBefore, a.victimsBefore]),
        ['Jumlah', '', sum('cases'), sum('victims'), sum('casesBefore'), sum('victimsBefore')],
      ],
    });
  }
  t.push({
    key: 'tren',
    title: 'Tren 24 bulan',
    note: null,
    head: ['Bulan', 'Kasus', 'Korban'],
    rows: d.trend.map((m) => [monthWords(m.month), m.cases, m.victims]),
  });
  for (const f of d.figures) {
    const unit =
      f.unit === 'kasus'
        ? 'kasus'
        : f.unit === 'korban'
          ? 'korban'
          : f.unit === 'terlapor'
            ? 'terlapor'
            : 'pasangan';
    t.push({
      key: f.measure,
      title: f.title.id,
      note: f.note?.id ?? null,
      head: [`Kategori (${unit})`, nowHead, beforeHead, 'Perubahan'],
      rows: [
        ...f.rows.map((r) => compared(r.label.id, r)),
        compared(
          'Jumlah',
          f.rows.reduce((a, r) => ({ n: a.n + r.n, before: a.before + r.before }), { n: 0, before: 0 }),
        ),
      ],
    });
  }
  if (d.rights.length > 0) {
    const statuses = RIGHT_STATUSES.map((s) => s.code).filter((c) => d.rights.some((r) => c in r.statuses));
    t.push({
      key: 'hak',
      title: 'Pemenuhan hak korban',
      note: 'Per korban dan hak, menurut catatan terakhir. Terpenuhi dibagi semua status kecuali "tidak diperlukan" dan "belum dinilai".',
      head: [
        'Hak',
        ...statuses.map((s) => RIGHT_STATUSES.find((x) => x.code === s)?.label.id ?? s),
        'Terpenuhi',
      ],
      rows: d.rights.map((r) => [
        r.label.id,
        ...statuses.map((s) => r.statuses[s] ?? 0),
        share(r.fulfilledShare),
      ]),
    });
  }
  if (d.handling.openByAge.length > 0)
    t.push({
      key: 'kasus-terbuka',
      title: 'Kasus yang masih ditangani, menurut lama sejak pengaduan',
      note: 'Keadaan saat laporan dibuat, dari semua periode.',
      head: ['Lama', 'Kasus'],
      rows: d.handling.openByAge.map((g) => [g.label.id, g.n]),
    });
  if (d.handling.workload.length > 0)
    t.push({
      key: 'beban-kerja',
      title: 'Beban kerja saat ini',
      note: d.handling.workloadAt
        ? `Keadaan saat laporan dibuat; dihitung ${momentWords(d.handling.workloadAt, d.region.code, d.region.zone)}.`
        : null,
      head: [
        'Unit',
        ...(officers ? ['Petugas'] : []),
        'Kasus terbuka',
        'Tugas terlambat',
        'Risiko tinggi terlambat',
      ],
      rows: d.handling.workload.map((w) => [
        w.unit,
        ...(officers ? [w.officer] : []),
        w.openCases,
        w.overdueTasks,
        w.overdueHighRisk,
      ]),
    });
  return t;
}

const TYPE_WORDS: Record<string, string> = {
  semua: 'kekerasan terhadap perempuan dan anak',
  ktp: 'kekerasan terhadap perempuan (KtP)',
  ampk: 'anak yang memerlukan perlindungan khusus (AMPK)',
};

/**
 * The narrative: a few sentences, each from numbers the tables show. What describes today (open
 * cases, overdue high-risk cases) is said apart, as today's state, so an old period's report does
 * not read as if it were then.
 */
export function narrative(d: DashboardDto, period: Period, spec: string | null): string[] {
  const label = lowerFirst(period.label.id) + (d.through ? ` (sampai ${dateWords(d.through)})` : '');
  const before = spec ? earlierLabel(spec) : null;
  const compareName = before ? lowerFirst(before) : 'periode yang sama setahun sebelumnya';
  const full = d.through ? ', satu periode penuh' : '';
  const out: string[] = [];
  const c = d.totals.cases;
  const v = d.totals.victims;
  const persons =
    d.totals.victimPersons && d.totals.victimPersons.n !== v.n
      ? ` (${num.format(d.totals.victimPersons.n)} orang; ada korban yang tercatat di lebih dari satu kasus)`
      : '';
  const ch = change(c.n, c.before);
  out.push(
    `Pada ${label} tercatat ${num.format(c.n)} kasus ${TYPE_WORDS[d.caseType] ?? TYPE_WORDS.semua} dengan ${num.format(v.n)} korban${persons} di ${d.region.name}` +
      (ch === null
        ? `; pada ${compareName} belum ada kasus yang tercatat di Simpul.`
        : ch === 'sama'
          ? `, sama dengan ${compareName}${full ? ` (${full.slice(2)})` : ''}.`
          : `, ${ch} dibanding ${compareName} (${num.format(c.before)} kasus${full}).`),
  );
  const top = (measure: string) => {
    const f = d.figures.find((x) => x.measure === measure);
    const best = f?.rows.filter((r) => r.n > 0 && r.code !== 'tidak_diketahui').sort((a, b) => b.n - a.n)[0];
    return best ? { label: best.label.id.toLowerCase(), n: best.n } : null;
  };
  const form = top('form');
  const place = top('place');
  if (form)
    out.push(
      `Bentuk kekerasan yang paling banyak adalah kekerasan ${form.label} (${num.format(form.n)} kasus)` +
        (place
          ? `, dan tempat kejadian terbanyak adalah ${place.label} (${num.format(place.n)} kasus).`
          : '.'),
    );
  const age = d.figures.find((f) => f.measure === 'victim_age');
  if (age && v.n > 0) {
    const child = age.rows
      .filter((r) => ['0-5', '6-12', '13-17'].includes(r.code))
      .reduce((a, r) => a + r.n, 0);
    out.push(
      child === 0
        ? 'Tidak ada korban anak (di bawah 18 tahun) yang tercatat.'
        : `Sebanyak ${num.format(child)} dari ${num.format(v.n)} korban adalah anak (di bawah 18 tahun), yaitu ${pct.format((child / v.n) * 100)}%.`,
    );
  }
  const h = d.handling;
  const parts: string[] = [];
  if (h.withinDeadlineShare !== null)
    parts.push(
      `dari kasus berisiko tinggi dan sedang, ${share(h.withinDeadlineShare)} direspons dalam batas waktunya`,
    );
  if (h.policeWithin72hShare !== null)
    parts.push(
      `dari kasus kekerasan seksual, ${share(h.policeWithin72hShare)} dilaporkan ke kepolisian dalam 3×24 jam`,
    );
  if (parts.length > 0) out.push(`Dalam penanganan, ${parts.join('; ')}.`);
  // today's state, said as such
  const open = h.openByAge.reduce((a, g) => a + g.n, 0);
  const today: string[] = [];
  if (open > 0) today.push(`${num.format(open)} kasus masih dalam penanganan`);
  for (const s of d.signals)
    if (s.kind === 'risiko_tinggi_terlambat')
      today.push(
        `${num.format(s.n)} kasus risiko tinggi melewati batas waktu respons 1 jam dan belum direspons`,
      );
  if (today.length > 0) out.push(`Keadaan saat laporan ini dibuat: ${today.join('; ')}.`);
  for (const s of d.signals) if (s.kind !== 'risiko_tinggi_terlambat') out.push(s.text.id);
  return out;
}
