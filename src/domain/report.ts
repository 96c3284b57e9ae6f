/**
 * The periodic report for the Bupati/Walikota and DPRD (issue 11 §2): the dashboard's figures as
 * tables (one structure for the PDF, the printable page and each XLSX download) and a short
 * narrative in Bahasa Indonesia written from the same numbers. Pure.
 */
import { type Period, parsePeriod } from './stats.ts';
import type { DashboardDto } from './stats-schemas.ts';

export type Cell = string | number | null;
export type ReportTable = {
  /** stable file-name key: `ringkasan`, `wilayah`, `tren`, a figure's measure, `hak`, `beban-kerja` */
  key: string;
  title: string;
  note: string | null;
  head: string[];
  rows: Cell[][];
};

const num = new Intl.NumberFormat('id-ID');
const pct = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

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

function lowerFirst(label: string): string {
  return /^(Triwulan|Tahun)\b/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

export function reportTables(d: DashboardDto): ReportTable[] {
  const officers = d.handling.workload.some((w) => w.officer !== null);
  const t: ReportTable[] = [
    {
      key: 'ringkasan',
      title: 'Ringkasan',
      note: `Pembanding: ${d.compare.from} s.d. ${d.compare.to}.`,
      head: ['Jumlah', 'Periode ini', 'Periode pembanding', 'Perubahan'],
      rows: [
        ['Kasus', d.totals.cases.n, d.totals.cases.before, change(d.totals.cases.n, d.totals.cases.before)],
        [
          'Korban',
          d.totals.victims.n,
          d.totals.victims.before,
          change(d.totals.victims.n, d.totals.victims.before),
        ],
        ...(d.totals.victimPersons
          ? [
              [
                'Korban (orang; satu NIK dihitung sekali)',
                d.totals.victimPersons.n,
                d.totals.victimPersons.before,
                change(d.totals.victimPersons.n, d.totals.victimPersons.before),
              ],
            ]
          : []),
        [
          'Terlapor',
          d.totals.perpetrators.n,
          d.totals.perpetrators.before,
          change(d.totals.perpetrators.n, d.totals.perpetrators.before),
        ],
      ],
    },
  ];
  if (d.areas.length > 0)
    t.push({
      key: 'wilayah',
      title: 'Menurut wilayah',
      note: null,
      head: ['Wilayah', 'Kode', 'Kasus', 'Korban', 'Kasus (pembanding)', 'Korban (pembanding)'],
      rows: d.areas.map((a) => [a.name, a.code || '–', a.cases, a.victims, a.casesBefore, a.victimsBefore]),
    });
  t.push({
    key: 'tren',
    title: 'Tren 24 bulan',
    note: null,
    head: ['Bulan', 'Kasus', 'Korban'],
    rows: d.trend.map((m) => [m.month, m.cases, m.victims]),
  });
  for (const f of d.figures)
    t.push({
      key: f.measure,
      title: f.title.id,
      note: f.note?.id ?? null,
      head: [
        f.unit === 'kasus' ? 'Kategori (kasus)' : f.unit === 'korban' ? 'Kategori (korban)' : 'Kategori',
        'Periode ini',
        'Periode pembanding',
      ],
      rows: f.rows.map((r) => [r.label.id, r.n, r.before]),
    });
  if (d.rights.length > 0) {
    const statuses = Object.keys(d.rights[0]?.statuses ?? {});
    t.push({
      key: 'hak',
      title: 'Pemenuhan hak korban',
      note: 'Per korban dan hak, menurut catatan terakhir. Terpenuhi dibagi semua status kecuali "tidak diperlukan" dan "belum dinilai".',
      head: ['Hak', ...statuses.map((s) => s.replace(/_/g, ' ')), 'Terpenuhi'],
      rows: d.rights.map((r) => [
        r.label.id,
        ...statuses.map((s) => r.statuses[s] ?? 0),
        share(r.fulfilledShare),
      ]),
    });
  }
  if (d.handling.workload.length > 0)
    t.push({
      key: 'beban-kerja',
      title: 'Beban kerja saat ini',
      note: d.handling.workloadAt ? `Dihitung ${d.handling.workloadAt}.` : null,
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

/** The narrative: a few sentences, each from numbers the tables show. */
export function narrative(d: DashboardDto, period: Period, spec: string | null): string[] {
  const label = lowerFirst(period.label.id);
  const before = spec ? earlierLabel(spec) : null;
  const compareName = before ? lowerFirst(before) : `periode yang sama setahun sebelumnya`;
  const out: string[] = [];
  const c = d.totals.cases;
  const v = d.totals.victimPersons ?? d.totals.victims;
  const ch = change(c.n, c.before);
  out.push(
    `Pada ${label} tercatat ${num.format(c.n)} kasus kekerasan terhadap perempuan dan anak dengan ${num.format(v.n)} korban di ${d.region.name}` +
      (ch === null
        ? `; pada ${compareName} belum ada kasus yang tercatat di Simpul.`
        : ch === 'sama'
          ? `, sama dengan ${compareName}.`
          : `, ${ch} dibanding ${compareName} (${num.format(c.before)} kasus).`),
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
  if (age && d.totals.victims.n > 0) {
    const child = age.rows
      .filter((r) => ['0-5', '6-12', '13-17'].includes(r.code))
      .reduce((a, r) => a + r.n, 0);
    out.push(
      `Sebanyak ${num.format(child)} korban adalah anak (di bawah 18 tahun), ${pct.format((child / d.totals.victims.n) * 100)}% dari seluruh korban.`,
    );
  }
  const h = d.handling;
  const parts: string[] = [];
  if (h.withinDeadlineShare !== null)
    parts.push(
      `${share(h.withinDeadlineShare)} kasus berisiko tinggi dan sedang direspons dalam batas waktunya`,
    );
  if (h.policeWithin72hShare !== null)
    parts.push(
      `${share(h.policeWithin72hShare)} kasus kekerasan seksual dilaporkan ke kepolisian dalam 3×24 jam`,
    );
  if (parts.length > 0) out.push(`${parts.join('; ')}.`.replace(/^./, (x) => x.toUpperCase()));
  const open = h.openByAge.reduce((a, g) => a + g.n, 0);
  if (open > 0) out.push(`Saat laporan ini dibuat, ${num.format(open)} kasus masih dalam penanganan.`);
  for (const s of d.signals) out.push(s.text.id);
  return out;
}
