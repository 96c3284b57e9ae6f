/**
 * /statistik and /statistik.csv (issue 11 §3, decision 026): the public statistics, read from the
 * latest published snapshot only, never from live data. Server-rendered, no JavaScript needed, no
 * cookies; the public pages' headers (no-store, their CSP, no referrer) and quick exit come with
 * the path (src/domain/public-paths.ts, src/portal/index.ts). Province and kab/kota only: a
 * kecamatan or desa code is refused.
 */
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import type { Services } from '../app/context.ts';
import { DbBusyError } from '../db/fair-gate.ts';
import {
  latestSnapshot,
  namesOf,
  regionYearCells,
  type SnapshotHead,
  snapshotIndex,
} from '../db/public-stats.repository.ts';
import type { Locale } from '../domain/errors.ts';
import { MONTHS } from '../domain/facts.ts';
import {
  cellOf,
  PUBLIC_TABLES,
  type PublishedCell,
  rowCodes,
  shown,
  TOTAL_ROW,
} from '../domain/public-stats.ts';
import type { AppEnv } from '../http/context.ts';
import { busyPage } from './index.ts';
import { carry, type Html, href, messagePage, on, page, type View, view } from './layout.ts';

const WORDS = {
  id: {
    title: 'Statistik kekerasan terhadap perempuan dan anak',
    intro:
      'Angka kasus dan korban yang ditangani Dinas PPPA/UPTD PPA dan tercatat di Simpul, per provinsi dan kabupaten/kota. Angka diterbitkan sebulan sekali, hanya untuk triwulan dan tahun yang sudah berakhir, dan tidak diubah lagi setelah terbit.',
    asOf: 'Data sampai dengan akhir {month}, diterbitkan {date}.',
    none: 'Belum ada angka yang diterbitkan. Angka pertama terbit pada awal bulan berikutnya.',
    region: 'Wilayah',
    year: 'Tahun',
    quarter: 'Periode',
    wholeYear: 'Setahun penuh',
    q: 'Triwulan',
    show: 'Tampilkan',
    rowHead: 'Kategori',
    valueHead: 'Jumlah',
    total: 'Jumlah',
    legend:
      '“<{t}” berarti kurang dari {t} (bisa juga 0); “–” berarti angka disembunyikan agar angka kecil lain tidak dapat dihitung dari jumlah. Angka per kecamatan dan desa/kelurahan tidak diterbitkan.',
    csv: 'Unduh tabel ini (CSV)',
    of: '{region}, {period}',
    yearNotClosed: 'Angka setahun penuh {year} terbit setelah tahun itu berakhir. Yang sudah terbit:',
    badRegion: 'Kode wilayah tidak dikenal. Pilih provinsi atau kabupaten/kota dari daftar.',
    fineRegion:
      'Angka per kecamatan dan desa/kelurahan tidak diterbitkan, agar tidak ada korban yang dapat dikenali. Pilih provinsi atau kabupaten/kota.',
    unknownRegion: 'Belum ada angka yang diterbitkan untuk wilayah ini.',
    badYear: 'Tahun harus ditulis dengan empat angka, misalnya 2025.',
    badQuarter: 'Triwulan harus 1, 2, 3, atau 4 (kosong untuk setahun penuh).',
    noYear: 'Belum ada angka yang diterbitkan untuk tahun {year} di wilayah ini.',
    csvNeeds: 'Sebutkan tahun dan wilayah, misalnya /statistik.csv?tahun=2025&wilayah=36.02',
    problem: 'Permintaan tidak dapat diproses',
    roman: ['', 'I', 'II', 'III', 'IV'],
    yearLabel: 'tahun {year}',
    quarterLabel: 'triwulan {q} {year}',
  },
  en: {
    title: 'Statistics of violence against women and children',
    intro:
      'Cases and victims handled by the Dinas PPPA/UPTD PPA and recorded in Simpul, by province and kab/kota. Figures are published once a month, for closed quarters and years only, and never changed once published.',
    asOf: 'Data up to the end of {month}, published {date}.',
    none: 'No figures have been published yet. The first ones appear at the start of next month.',
    region: 'Region',
    year: 'Year',
    quarter: 'Period',
    wholeYear: 'Whole year',
    q: 'Quarter',
    show: 'Show',
    rowHead: 'Category',
    valueHead: 'Number',
    total: 'Total',
    legend:
      '“<{t}” means fewer than {t} (possibly 0); “–” means hidden so that no small count can be worked out from the totals. No figures are published for kecamatan or villages.',
    csv: 'Download these tables (CSV)',
    of: '{region}, {period}',
    yearNotClosed: 'Whole-year figures for {year} are published once the year has ended. Published so far:',
    badRegion: 'Unknown region code. Choose a province or kab/kota from the list.',
    fineRegion:
      'No figures are published for kecamatan or villages, so that no victim can be recognised. Choose a province or kab/kota.',
    unknownRegion: 'No figures have been published for this region yet.',
    badYear: 'The year must be four digits, e.g. 2025.',
    badQuarter: 'The quarter must be 1, 2, 3 or 4 (empty for the whole year).',
    noYear: 'No figures have been published for {year} in this region yet.',
    csvNeeds: 'Give the year and the region, e.g. /statistik.csv?tahun=2025&wilayah=36.02',
    problem: 'The request cannot be processed',
    roman: ['', 'I', 'II', 'III', 'IV'],
    yearLabel: 'year {year}',
    quarterLabel: 'quarter {q} {year}',
  },
} as const;
type Words = (typeof WORDS)['id' | 'en'];

const fill = (s: string, v: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));

const monthLabel = (m: string, l: Locale) => `${MONTHS[l].long[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;
const dateLabel = (d: Date, l: Locale) =>
  d.toLocaleDateString(l === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: 'Asia/Jakarta',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
const periodLabel = (w: Words, year: number, q: number) =>
  q === 0 ? fill(w.yearLabel, { year }) : fill(w.quarterLabel, { q: w.roman[q]!, year });

/* ---------------------------------------------------------------- reading the query */

type Query = { region: string | null; year: number | null; quarter: number };
type Problem = { status: 400 | 404; message: string };

/** The filters as typed, checked: a province or kab/kota code, a year, a quarter. */
export function readQuery(
  q: { wilayah?: string | undefined; tahun?: string | undefined; triwulan?: string | undefined },
  w: Words,
): Query | Problem {
  const wilayah = (q.wilayah ?? '').trim();
  const tahun = (q.tahun ?? '').trim();
  const triwulan = (q.triwulan ?? '').trim();
  if (wilayah && !/^\d{2}(\.\d{2})?$/.test(wilayah))
    return {
      status: 400,
      message: /^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/.test(wilayah) ? w.fineRegion : w.badRegion,
    };
  if (tahun && !/^\d{4}$/.test(tahun)) return { status: 400, message: w.badYear };
  if (triwulan && !/^[0-4]$/.test(triwulan)) return { status: 400, message: w.badQuarter };
  return {
    region: wilayah || null,
    year: tahun ? Number(tahun) : null,
    quarter: triwulan ? Number(triwulan) : 0,
  };
}

const isProblem = (x: Query | Problem): x is Problem => 'status' in x;

/* ---------------------------------------------------------------- what one page shows */

type Index = Array<{ region: string; year: number; quarter: number }>;

type Shown = {
  snapshot: SnapshotHead;
  region: string;
  regionName: string;
  year: number;
  quarter: number;
  cells: PublishedCell[];
};

async function resolve(
  svc: Services,
  snap: SnapshotHead,
  index: Index,
  q: Query,
  w: Words,
): Promise<Shown | Problem | { notClosed: number[]; region: string; year: number }> {
  const regions = [...new Set(index.map((x) => x.region))];
  const region = q.region ?? regions.find((r) => r.length === 2) ?? regions[0]!;
  if (!regions.includes(region)) return { status: 404, message: w.unknownRegion };
  const periods = index.filter((x) => x.region === region);
  const year = q.year ?? Math.max(...periods.map((x) => x.year));
  const ofYear = periods.filter((x) => x.year === year).map((x) => x.quarter);
  if (ofYear.length === 0) return { status: 404, message: fill(w.noYear, { year }) };
  // no year asked: the latest closed period of it
  const quarter = q.year === null && q.quarter === 0 && !ofYear.includes(0) ? Math.max(...ofYear) : q.quarter;
  if (!ofYear.includes(quarter)) {
    if (quarter === 0) return { notClosed: ofYear.sort(), region, year };
    return {
      status: 404,
      message: fill(w.noYear, { year: `${year} (${w.q.toLowerCase()} ${w.roman[quarter]})` }),
    };
  }
  const cells = (await regionYearCells(svc.conn.db, snap.id, region, year)).filter(
    (c) => c.quarter === quarter,
  );
  const names = await namesOf(svc.conn.db, [region]);
  return { snapshot: snap, region, regionName: names.get(region) ?? region, year, quarter, cells };
}

/** The tables of one region and period as rows: [table, row code, label, shown value]. */
export function tableRows(cells: readonly PublishedCell[], lang: Locale) {
  const by = new Map(cells.map((c) => [c.cell, c]));
  return PUBLIC_TABLES.map((t) => ({
    table: t,
    rows: rowCodes(t).map((code) => {
      const c = by.get(cellOf(t.code, code));
      const label =
        code === TOTAL_ROW ? WORDS[lang].total : (t.rows.find((r) => r.code === code)?.label[lang] ?? code);
      return { code, label, value: c ? shown(c) : '' };
    }),
  }));
}

/* ---------------------------------------------------------------- the page */

function filtersForm(
  v: View,
  w: Words,
  index: Index,
  names: Map<string, string>,
  sel: { region: string; year: number; quarter: number },
): Html {
  const regions = [...new Set(index.map((x) => x.region))].sort();
  const provinces = regions.filter((r) => r.length === 2);
  const years = [...new Set(index.map((x) => x.year))].sort((a, b) => b - a);
  const opt = (r: string) =>
    html`<option value="${r}"${on(r === sel.region, 'selected')}>${names.get(r) ?? r}</option>`;
  return html`<form method="get" action="/statistik" autocomplete="off">${carry(v)}
<label for="f-wilayah">${w.region}</label><select id="f-wilayah" name="wilayah">${provinces.map(
    (p) =>
      html`<optgroup label="${names.get(p) ?? p}">${opt(p)}${regions.filter((r) => r.length === 5 && r.startsWith(`${p}.`)).map(opt)}</optgroup>`,
  )}</select>
<label for="f-tahun">${w.year}</label><select id="f-tahun" name="tahun">${years.map(
    (y) => html`<option value="${y}"${on(y === sel.year, 'selected')}>${y}</option>`,
  )}</select>
<label for="f-triwulan">${w.quarter}</label><select id="f-triwulan" name="triwulan">${[0, 1, 2, 3, 4].map(
    (q) =>
      html`<option value="${q === 0 ? '' : q}"${on(q === sel.quarter, 'selected')}>${q === 0 ? w.wholeYear : `${w.q} ${w.roman[q]}`}</option>`,
  )}</select>
<p><button type="submit">${w.show}</button></p></form>`;
}

function statsPage(
  v: View,
  d: {
    snapshot: SnapshotHead | null;
    index: Index;
    names: Map<string, string>;
    sel: { region: string; year: number; quarter: number } | null;
    shown?: Shown;
    problem?: string;
    notClosed?: { year: number; quarters: number[]; region: string };
  },
): Html {
  const w = WORDS[v.lang];
  const s = d.snapshot;
  const head = html`<h1>${w.title}</h1><p>${w.intro}</p>${
    s
      ? html`<p id="tanggal-data"><strong>${fill(w.asOf, { month: monthLabel(s.throughMonth, v.lang), date: dateLabel(s.publishedAt, v.lang) })}</strong></p>`
      : html`<p id="tanggal-data">${w.none}</p>`
  }`;
  const form = d.sel && d.index.length > 0 ? filtersForm(v, w, d.index, d.names, d.sel) : '';
  const problem = d.problem
    ? html`<div class="summary" id="ringkasan" role="alert"><p>${d.problem}</p></div>`
    : '';
  let body: Html | string = '';
  if (d.notClosed) {
    const nc = d.notClosed;
    body = html`<p id="belum-setahun">${fill(w.yearNotClosed, { year: nc.year })}</p><ul>${nc.quarters.map(
      (q) =>
        html`<li><a href="${href(v, '/statistik', { wilayah: nc.region, tahun: String(nc.year), triwulan: String(q) })}">${w.q} ${w.roman[q]} ${nc.year}</a></li>`,
    )}</ul>`;
  } else if (d.shown) {
    const x = d.shown;
    const t = x.snapshot.threshold;
    const csvQuery: Record<string, string> = { tahun: String(x.year), wilayah: x.region };
    if (x.quarter) csvQuery.triwulan = String(x.quarter);
    const csvHref = `/statistik.csv?${new URLSearchParams(csvQuery).toString()}`;
    body = html`<h2 id="hasil">${fill(w.of, { region: x.regionName, period: periodLabel(w, x.year, x.quarter) })}</h2>
<p>${fill(w.legend, { t })}</p>
${tableRows(x.cells, v.lang).map(
  (
    tb,
  ) => html`<table id="t-${tb.table.code}" border="1" cellpadding="4"><caption><strong>${tb.table.title[v.lang]}</strong> (${tb.table.unit[v.lang]})</caption>
<thead><tr><th scope="col">${w.rowHead}</th><th scope="col">${w.valueHead}</th></tr></thead><tbody>${tb.rows.map(
    (r) => html`<tr data-baris="${r.code}"><th scope="row">${r.label}</th><td>${r.value}</td></tr>`,
  )}</tbody></table>${tb.table.note ? html`<p class="hint">${tb.table.note[v.lang]}</p>` : ''}<p></p>`,
)}
<p><a href="${csvHref}" download>${w.csv}</a></p>`;
  }
  const switchQuery: Record<string, string> = {};
  if (d.sel) {
    switchQuery.wilayah = d.sel.region;
    switchQuery.tahun = String(d.sel.year);
    if (d.sel.quarter) switchQuery.triwulan = String(d.sel.quarter);
  }
  return page(v, {
    title: w.title,
    body: html`${head}${problem}${form}${body}`,
    switchTo: href(v, '/statistik', switchQuery, v.lang === 'en' ? 'id' : 'en'),
  });
}

/* ---------------------------------------------------------------- CSV */

const csvField = (s: string) =>
  /[",\r\n]/.test(s) || /^[=+\-@\t]/.test(s)
    ? `"${(/^[=+\-@\t]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`
    : s;

/** The same tables as the page, one line per row; UTF-8 with a byte-order mark (spreadsheets). */
export function statsCsv(
  snap: SnapshotHead,
  region: string,
  regionName: string,
  year: number,
  cells: readonly PublishedCell[],
  lang: Locale,
): string {
  const lines = [
    [
      'wilayah_kode',
      'wilayah',
      'tahun',
      'triwulan',
      'tabel',
      'tabel_judul',
      'baris_kode',
      'baris',
      'nilai',
      'data_sampai',
      'batas_angka_kecil',
    ],
  ];
  const quarters = [...new Set(cells.map((c) => c.quarter))].sort(
    (a, b) => (a === 0 ? 5 : a) - (b === 0 ? 5 : b),
  );
  for (const q of quarters)
    for (const tb of tableRows(
      cells.filter((c) => c.quarter === q),
      lang,
    ))
      for (const r of tb.rows)
        lines.push([
          region,
          regionName,
          String(year),
          String(q),
          tb.table.code,
          tb.table.title[lang],
          r.code,
          r.label,
          r.value,
          snap.throughMonth.slice(0, 7),
          String(snap.threshold),
        ]);
  return `\uFEFF${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/* ---------------------------------------------------------------- routes */

export function statisticsRoutes(app: Hono<AppEnv>, svc: Services, opts: { quickExitUrl: string }) {
  const viewOf = (c: Context<AppEnv>): View =>
    view(c.req.query('lang'), c.req.query('judul'), opts.quickExitUrl);
  const guarded =
    (fn: (c: Context<AppEnv>) => Promise<Response>) =>
    async (c: Context<AppEnv>): Promise<Response> => {
      try {
        return await fn(c);
      } catch (e) {
        if (e instanceof DbBusyError) return busyPage(c, opts.quickExitUrl, svc.conn.gate);
        svc.log.error(
          {
            err: { message: (e as Error).message, stack: (e as Error).stack },
            requestId: c.get('requestId'),
          },
          'public page failed',
        );
        const v = viewOf(c);
        return c.html(messagePage(v, v.t.errorTitle, v.t.errorBody), 500);
      }
    };

  app.get(
    '/statistik',
    guarded(async (c) => {
      const v = viewOf(c);
      const w = WORDS[v.lang];
      const snap = await latestSnapshot(svc.conn.db);
      const index = snap ? await snapshotIndex(svc.conn.db, snap.id) : [];
      const names = await namesOf(svc.conn.db, [...new Set(index.map((x) => x.region))]);
      const q = readQuery(
        { wilayah: c.req.query('wilayah'), tahun: c.req.query('tahun'), triwulan: c.req.query('triwulan') },
        w,
      );
      const fallback = () => {
        const region = [...names.keys()].sort()[0] ?? '';
        return { region, year: Math.max(0, ...index.map((x) => x.year)), quarter: 0 };
      };
      if (isProblem(q))
        return c.html(
          statsPage(v, { snapshot: snap, index, names, sel: fallback(), problem: q.message }),
          q.status,
        );
      if (!snap || index.length === 0)
        return c.html(statsPage(v, { snapshot: snap, index, names, sel: null }));
      const r = await resolve(svc, snap, index, q, w);
      if ('status' in r)
        return c.html(
          statsPage(v, { snapshot: snap, index, names, sel: fallback(), problem: r.message }),
          r.status,
        );
      if ('notClosed' in r)
        return c.html(
          statsPage(v, {
            snapshot: snap,
            index,
            names,
            sel: { region: r.region, year: r.year, quarter: 0 },
            notClosed: { year: r.year, quarters: r.notClosed, region: r.region },
          }),
        );
      return c.html(
        statsPage(v, {
          snapshot: snap,
          index,
          names,
          sel: { region: r.region, year: r.year, quarter: r.quarter },
          shown: r,
        }),
      );
    }),
  );

  app.get(
    '/statistik.csv',
    guarded(async (c) => {
      const lang: Locale = c.req.query('lang') === 'en' ? 'en' : 'id';
      const w = WORDS[lang];
      const text = (status: 400 | 404, message: string) =>
        c.text(`${w.problem}: ${message}\n`, status, { 'content-type': 'text/plain; charset=utf-8' });
      const q = readQuery(
        { wilayah: c.req.query('wilayah'), tahun: c.req.query('tahun'), triwulan: c.req.query('triwulan') },
        w,
      );
      if (isProblem(q)) return text(q.status, q.message);
      if (q.region === null || q.year === null) return text(400, w.csvNeeds);
      const snap = await latestSnapshot(svc.conn.db);
      if (!snap) return text(404, w.none);
      const all = await regionYearCells(svc.conn.db, snap.id, q.region, q.year);
      const asked = c.req.query('triwulan');
      const cells = asked ? all.filter((x) => x.quarter === q.quarter) : all;
      if (cells.length === 0) {
        const known = (await snapshotIndex(svc.conn.db, snap.id)).some((x) => x.region === q.region);
        return text(404, known ? fill(w.noYear, { year: q.year }) : w.unknownRegion);
      }
      const names = await namesOf(svc.conn.db, [q.region]);
      const body = statsCsv(snap, q.region, names.get(q.region) ?? q.region, q.year, cells, lang);
      const file = `statistik-${q.region.replace('.', '-')}-${q.year}${asked ? `-t${q.quarter}` : ''}.csv`;
      return c.body(body, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file}"`,
      });
    }),
  );

  app.all('/statistik/*', (c) => {
    const v = viewOf(c);
    return c.html(messagePage(v, v.t.notFoundTitle, ''), 404);
  });
}
