/** Printable referral letter to SAPA 129 (HTML; the browser prints it or saves it as PDF). */
import { html } from 'hono/html';
import type { NationalLetter } from '../../app/intake/national-letter.ts';

const fmt = (iso: string) =>
  new Intl.DateTimeFormat('id-ID', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Asia/Jakarta',
  }).format(new Date(iso));
const day = (iso: string) =>
  new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'Asia/Jakarta' }).format(new Date(iso));

export function renderNationalLetter(l: NationalLetter) {
  return html`<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Surat rujukan ${l.code}</title>
<style>body{font:12pt/1.5 serif;max-width:42em;margin:2em auto;padding:0 1em}h1{font-size:13pt;text-align:center;margin:0}
.kop{text-align:center;border-bottom:3px double #000;padding-bottom:.5em;margin-bottom:1em}table{border-collapse:collapse}td{vertical-align:top;padding:.1em .5em .1em 0}
@media print{body{margin:0}}</style></head>
<body>
<div class="kop"><h1>${l.fromOrg.name}</h1><div>${l.fromOrg.address ?? ''}${l.fromOrg.phone ? html` · Telp. ${l.fromOrg.phone}` : ''}${l.fromOrg.email ? html` · ${l.fromOrg.email}` : ''}</div></div>
<table>
<tr><td>Nomor</td><td>: RUJ/${l.code}</td></tr>
<tr><td>Perihal</td><td>: Rujukan kasus ke layanan rujukan akhir</td></tr>
<tr><td>Tanggal</td><td>: ${day(l.date)}</td></tr>
</table>
<p>Kepada Yth.<br>Kementerian Pemberdayaan Perempuan dan Perlindungan Anak<br>c.q. Layanan SAPA 129<br>di Jakarta</p>
<p>Dengan hormat,</p>
<p>Berdasarkan Peraturan Presiden Nomor 65 Tahun 2020, bersama ini kami merujuk pengaduan berikut yang memerlukan koordinasi tingkat nasional, lintas provinsi, atau internasional:</p>
<table>
<tr><td>Kode pengaduan</td><td>: ${l.code}</td></tr>
<tr><td>Diterima</td><td>: ${fmt(l.receivedAt)} WIB melalui ${l.channel}</td></tr>
<tr><td>Wilayah kejadian</td><td>: ${l.region}</td></tr>
<tr><td>Korban</td><td>: ${l.victim}</td></tr>
<tr><td>Waktu kejadian</td><td>: ${l.when}</td></tr>
<tr><td>Bentuk kekerasan</td><td>: ${l.forms.length ? l.forms.join('; ') : 'belum diketahui'}</td></tr>
<tr><td>Dalam bahaya saat melapor</td><td>: ${l.dangerNow ? 'Ya' : 'Tidak'}</td></tr>
</table>
${l.reason ? html`<p>Alasan rujukan: ${l.reason}</p>` : ''}
<p>Identitas korban dan pelapor tidak dicantumkan dalam surat ini untuk menjaga kerahasiaan (UU 12/2022 Pasal 69; UU 11/2012 Pasal 19) dan akan disampaikan melalui saluran aman atas permintaan petugas SAPA 129.</p>
<p>Demikian surat rujukan ini kami sampaikan. Atas perhatian dan kerja samanya kami ucapkan terima kasih.</p>
<p style="margin-top:3em">Hormat kami,<br>${l.fromOrg.name}</p>
</body></html>`;
}
