/**
 * The coverage of prevention as a printable page (issue 12 §1): the same numbers as the JSON and
 * the XLSX (src/app/prevention/coverage.ts), aggregates only, A4 when printed, readable on a phone.
 */
import { coverageSummary } from '../../app/prevention/coverage.ts';
import type { CoverageDto, CoveragePeople } from '../../domain/contract/prevention.ts';
import { localInput } from '../../domain/prevention.ts';
import { ZONE_ABBR, zoneOfRegion } from '../../domain/time.ts';

const num = new Intl.NumberFormat('id-ID');
const n = (v: number | null) => (v === null ? '–' : num.format(v));
const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

const peopleHead =
  '<th scope="col">Kegiatan</th><th scope="col">Anak L</th><th scope="col">Anak P</th><th scope="col">Dewasa L</th><th scope="col">Dewasa P</th><th scope="col">Jumlah</th>';
const peopleCells = (p: CoveragePeople) =>
  [p.activities, p.childrenMale, p.childrenFemale, p.adultsMale, p.adultsFemale, p.people]
    .map((v) => `<td>${n(v)}</td>`)
    .join('');

function table(caption: string, headHtml: string, rows: string[], empty: string): string {
  return `<section><h2>${esc(caption)}</h2>${
    rows.length === 0
      ? `<p>${esc(empty)}</p>`
      : `<div class="wrap"><table><thead><tr>${headHtml}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`
  }</section>`;
}

/** "2026-12-05T09:30" → "05-12-2026 09.30" */
const dayTime = (s: string) =>
  `${s.slice(8, 10)}-${s.slice(5, 7)}-${s.slice(0, 4)} ${s.slice(11, 13)}.${s.slice(14, 16)}`;
const day = (s: string) => `${s.slice(8, 10)}-${s.slice(5, 7)}-${s.slice(0, 4)}`;

/** The page; `printedAt` (the server's clock) is shown in the region's local time. */
export function coverageHtml(d: CoverageDto, printedAt: Date): string {
  const printed = `${dayTime(localInput(printedAt, d.region.code))} ${ZONE_ABBR[zoneOfRegion(d.region.code)]}`;
  const title = `Cakupan Pencegahan Kekerasan terhadap Perempuan dan Anak — ${d.region.name}`;
  const summary = coverageSummary(d)
    .map(([k, v, t]) => `<tr><th scope="row">${esc(k)}</th><td>${n(v)}</td><td>${n(t)}</td></tr>`)
    .join('');
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:1rem;color:#111;line-height:1.4}
h1{font-size:1.3rem}h2{font-size:1.05rem;margin-top:1.5rem}
.wrap{overflow-x:auto}table{border-collapse:collapse;min-width:100%}
th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left}td{text-align:right}
td:first-child,td.t{text-align:left}
@media print{@page{size:A4;margin:15mm}body{margin:0}.noprint{display:none}}
</style></head><body>
<h1>${esc(title)}</h1>
<p>Periode ${esc(day(d.from))} s.d. ${esc(day(d.to))}${d.campaign ? ` · Kampanye: ${esc(d.campaign.name)}` : ''}. Dihitung dari kegiatan yang sudah dilaporkan (laporan mitra: setelah diterima Dinas). Angka agregat; tidak memuat data pribadi.</p>
<p>Dicetak ${esc(printed)}.</p>
<p class="noprint">Cetak halaman ini dari menu peramban (Ctrl+P); di kertas A4 menu ini tidak ikut tercetak.</p>
${table('Ringkasan', '<th scope="col">Ukuran</th><th scope="col">Capaian</th><th scope="col">Target</th>', [summary], '')}
${table(
  'Desa/kelurahan terjangkau',
  `<th scope="col">Desa/kelurahan</th><th scope="col">Kecamatan</th>${peopleHead}`,
  d.desa.map(
    (x) => `<tr><td class="t">${esc(x.name)}</td><td class="t">${esc(x.district)}</td>${peopleCells(x)}</tr>`,
  ),
  'Belum ada desa/kelurahan yang terjangkau dalam periode ini.',
)}
${table(
  'Sekolah terjangkau',
  `<th scope="col">Sekolah</th><th scope="col">Desa/kelurahan</th>${peopleHead}`,
  d.schools.map(
    (x) => `<tr><td class="t">${esc(x.name)}</td><td class="t">${esc(x.desa)}</td>${peopleCells(x)}</tr>`,
  ),
  'Belum ada sekolah yang terjangkau dalam periode ini.',
)}
${
  d.targets
    ? table(
        'Desa sasaran kampanye yang belum terjangkau',
        '<th scope="col">Desa/kelurahan</th><th scope="col">Kecamatan</th>',
        d.targets.targetDesaNotReached.map(
          (x) => `<tr><td class="t">${esc(x.name)}</td><td class="t">${esc(x.district)}</td></tr>`,
        ),
        'Semua desa sasaran sudah terjangkau.',
      )
    : ''
}
${table(
  `Desa dengan banyak kasus (≥ ${d.highCase.threshold} kasus, ${d.highCase.from.slice(0, 7)} s.d. ${d.highCase.to.slice(0, 7)}) tanpa kegiatan pencegahan`,
  '<th scope="col">Desa/kelurahan</th><th scope="col">Kecamatan</th><th scope="col">Kasus</th>',
  d.highCase.items.map(
    (x) =>
      `<tr><td class="t">${esc(x.name)}</td><td class="t">${esc(x.district)}</td><td>${n(x.cases)}</td></tr>`,
  ),
  'Tidak ada.',
)}
${table(
  `Desa/kelurahan belum terjangkau (${n(d.neverReached.length)} dari ${n(d.totals.desaTotal)})`,
  '<th scope="col">Desa/kelurahan</th><th scope="col">Kecamatan</th>',
  d.neverReached.map(
    (x) => `<tr><td class="t">${esc(x.name)}</td><td class="t">${esc(x.district)}</td></tr>`,
  ),
  'Semua desa/kelurahan sudah terjangkau.',
)}
</body></html>`;
}
