/**
 * The words of the posters and QR codes (sebaran) pages, Indonesian and English. They travel with those pages' own
 * chunk (registered by the feature's words.ts), not with the staff app's first load
 * (decision 040).
 */
export const id = {
  'poster.title': 'Sebaran kanal pengaduan: poster dan kode QR',
  'poster.intro':
    'Cetak poster dan kartu dengan kontak UPTD PPA, SAPA 129, alamat /lapor dan kode QR-nya. Setiap titik sebar (poster di sekolah, puskesmas, balai desa, atau satu kali cetak) punya kode sendiri, sehingga terlihat berapa kali formulir dibuka dan berapa laporan masuk dari titik itu. Angka dihitung per bulan saja dan tidak terhubung dengan laporan atau orang mana pun.',
  'poster.noPublicUrl':
    'Alamat publik Simpul (SIMPUL_PUBLIC_URL) belum diatur. Poster memakai alamat yang Anda buka sekarang: {url}. Minta administrator mengaturnya sebelum mencetak.',
  'poster.plainTitle': 'Poster tanpa kode titik sebar',
  'poster.plainHint': 'Mengarah ke {url}; laporan dari poster ini tidak dihitung per titik.',
  'poster.newTitle': 'Titik sebar baru',
  'poster.label': 'Nama titik sebar',
  'poster.labelHint': 'Contoh: Poster SMPN 1 Rangkasbitung. Hanya terlihat oleh Dinas, tidak tercetak.',
  'poster.campaign': 'Kalimat kampanye',
  'poster.campaignHint': 'Tidak wajib; tercetak di poster. Contoh: Stop Kekerasan terhadap Anak 2027.',
  'poster.desa': 'Desa/kelurahan',
  'poster.desaHint': 'Tidak wajib: desa/kelurahan tempat poster dipasang, di wilayah kerja Anda.',
  'poster.create': 'Buat titik sebar',
  'poster.created': 'Titik sebar "{name}" dibuat dengan kode {code}.',
  'poster.listTitle': 'Titik sebar dan jumlahnya',
  'poster.listHint':
    'Jumlah 12 bulan terakhir. Kunjungan: formulir /lapor dibuka lewat kode ini. Laporan: laporan yang terkirim dari formulir itu.',
  'poster.none': 'Belum ada titik sebar.',
  'poster.code': 'Kode',
  'poster.link': 'Alamat tercetak',
  'poster.views': 'Kunjungan',
  'poster.reports': 'Laporan',
  'poster.perMonth': 'Per bulan',
  'poster.perMonthOf': 'Kunjungan dan laporan per bulan: {name}',
  'poster.month': 'Bulan',
  'poster.a4': 'Poster A4 (PDF)',
  'poster.a5': 'Kartu A5 (PDF)',
  'poster.cards': 'Kartu saku, 8 per A4 (PDF)',
  'poster.a4Of': 'Poster A4 (PDF): {name}',
  'poster.a5Of': 'Kartu A5 (PDF): {name}',
  'poster.cardsOf': 'Kartu saku (PDF): {name}',
  'poster.editOf': 'Ubah titik sebar: {name}',
  'poster.changed': 'Titik sebar "{name}" disimpan. Kodenya tetap.',
} as const;

export const en = {
  'poster.title': 'Spreading the reporting channels: posters and QR codes',
  'poster.intro':
    'Print posters and cards with the UPTD PPA’s contacts, SAPA 129, the /lapor address and its QR code. Each placement (a poster at a school, a health centre, a village hall, or one print run) has its own code, so you can see how often the form was opened and how many reports came from it. Counts are per month only and are not linked to any report or person.',
  'poster.noPublicUrl':
    'Simpul’s public address (SIMPUL_PUBLIC_URL) is not set. Posters use the address you opened now: {url}. Ask the administrator to set it before printing.',
  'poster.plainTitle': 'Poster without a placement code',
  'poster.plainHint': 'Points to {url}; reports from this poster are not counted per placement.',
  'poster.newTitle': 'New placement',
  'poster.label': 'Placement name',
  'poster.labelHint': 'For example: Poster SMPN 1 Rangkasbitung. Seen only by the Dinas, not printed.',
  'poster.campaign': 'Campaign line',
  'poster.campaignHint': 'Optional; printed on the poster. For example: Stop Kekerasan terhadap Anak 2027.',
  'poster.desa': 'Village (desa/kelurahan)',
  'poster.desaHint': 'Optional: the village where the poster hangs, within your jurisdiction.',
  'poster.create': 'Create placement',
  'poster.created': 'Placement "{name}" created with code {code}.',
  'poster.listTitle': 'Placements and their counts',
  'poster.listHint':
    'Totals of the last 12 months. Visits: the /lapor form opened with this code. Reports: reports sent from that form.',
  'poster.none': 'No placements yet.',
  'poster.code': 'Code',
  'poster.link': 'Printed address',
  'poster.views': 'Visits',
  'poster.reports': 'Reports',
  'poster.perMonth': 'Per month',
  'poster.perMonthOf': 'Visits and reports per month: {name}',
  'poster.month': 'Month',
  'poster.a4': 'A4 poster (PDF)',
  'poster.a5': 'A5 card (PDF)',
  'poster.cards': 'Wallet cards, 8 per A4 (PDF)',
  'poster.a4Of': 'A4 poster (PDF): {name}',
  'poster.a5Of': 'A5 card (PDF): {name}',
  'poster.cardsOf': 'Wallet cards (PDF): {name}',
  'poster.editOf': 'Edit placement: {name}',
  'poster.changed': 'Placement "{name}" saved. Its code stays the same.',
} satisfies { readonly [K in keyof typeof id]: string };
