/**
 * The audit log in words (issue 8 §5): each action the code records, and what it was about, as a
 * person reads it — Bahasa Indonesia first, English second. The rows themselves keep their stable
 * codes (`case.read`, `referral.read` …); this module only reads them. Every action written in
 * `src/` has words here (test/unit/audit-words.test.ts enumerates them).
 */
import { SECTIONS, type Section } from './referrals.ts';
import type { Label } from './taxonomies.ts';

export const AUDIT_CATEGORIES = [
  'baca_data',
  'ubah_data',
  'rujukan',
  'pengaduan',
  'masuk',
  'administrasi',
  'pengawasan',
  'sistem',
] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

export const AUDIT_CATEGORY_LABELS: Record<AuditCategory, Label> = {
  baca_data: { id: 'Melihat data kasus dan korban', en: 'Viewing case and victim data' },
  ubah_data: { id: 'Mencatat atau mengubah data kasus', en: 'Recording or changing case data' },
  rujukan: { id: 'Rujukan dan pelimpahan', en: 'Referrals and transfers' },
  pengaduan: { id: 'Pengaduan dan WhatsApp', en: 'Intake and WhatsApp' },
  masuk: { id: 'Masuk dan keamanan akun', en: 'Sign-in and account security' },
  administrasi: { id: 'Administrasi akun, lembaga dan jejaring', en: 'Accounts, organisations and network' },
  pengawasan: { id: 'Pengawasan (log audit dan log akses)', en: 'Oversight (audit and access logs)' },
  sistem: { id: 'Pemberitahuan otomatis', en: 'Automatic notices' },
};

export const AUDIT_OUTCOMES = ['ok', 'denied', 'not_found', 'failed', 'error', 'replayed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const AUDIT_OUTCOME_LABELS: Record<AuditOutcome, Label> = {
  ok: { id: 'berhasil', en: 'done' },
  denied: { id: 'ditolak: peran tidak berwenang', en: 'refused: role not allowed' },
  not_found: {
    id: 'ditolak: di luar wilayah kerja atau tidak ada',
    en: 'refused: outside their scope or does not exist',
  },
  failed: { id: 'gagal', en: 'failed' },
  error: { id: 'gagal karena galat sistem', en: 'failed with a system error' },
  // the same request sent again with its Idempotency-Key: the first answer shown again (decision 019)
  replayed: {
    id: 'permintaan yang sama dikirim ulang: jawaban pertama ditampilkan lagi, tidak ada yang dibuat',
    en: 'the same request sent again: the first answer shown again, nothing created',
  },
};

type Words = { category: AuditCategory; words: Label };
const w = (category: AuditCategory, id: string, en: string): Words => ({ category, words: { id, en } });

/** Case records (`${kind}.create` / `${kind}.update`), one pair per kind of RECORD_KINDS. */
const RECORD_WORDS: Record<string, [Label, Label]> = {
  assessment: [
    { id: 'menambah asesmen', en: 'add an assessment' },
    { id: 'mengubah asesmen', en: 'change an assessment' },
  ],
  plan_item: [
    { id: 'menambah rencana layanan', en: 'add a service plan item' },
    { id: 'mengubah rencana layanan', en: 'change a service plan item' },
  ],
  service: [
    { id: 'mencatat layanan yang diberikan', en: 'record a service given' },
    { id: 'mengubah catatan layanan', en: 'change a service record' },
  ],
  right: [
    { id: 'mencatat pemenuhan hak korban', en: "record a victim's right" },
    { id: 'mengubah catatan hak korban', en: "change a victim's right record" },
  ],
  note: [
    { id: 'menambah catatan kasus', en: 'add a case note' },
    { id: 'mengubah catatan kasus', en: 'change a case note' },
  ],
  diversion: [
    { id: 'mencatat hasil diversi', en: 'record a diversion outcome' },
    { id: 'mengubah catatan diversi', en: 'change a diversion record' },
  ],
};

export const AUDIT_ACTIONS: Record<string, Words> = {
  // sign-in and account security
  'auth.login': w('masuk', 'masuk ke Simpul', 'sign in to Simpul'),
  'auth.logout': w('masuk', 'keluar dari Simpul', 'sign out of Simpul'),
  'auth.password_change': w('masuk', 'mengganti kata sandi', 'change the password'),
  'auth.recovery_code_used': w('masuk', 'masuk dengan kode pemulihan', 'sign in with a recovery code'),
  'auth.totp_setup': w(
    'masuk',
    'mulai memasang verifikasi dua langkah',
    'start setting up two-step verification',
  ),
  'auth.totp_confirm': w('masuk', 'mengonfirmasi verifikasi dua langkah', 'confirm two-step verification'),
  'auth.totp_enabled': w('masuk', 'mengaktifkan verifikasi dua langkah', 'turn on two-step verification'),

  // reading case and victim data
  'case.list': w('baca_data', 'membuka daftar kasus', 'open the case list'),
  'case.read': w(
    'baca_data',
    'membuka berkas kasus (identitas korban, kejadian, catatan)',
    'open the case file (victim identity, incidents, notes)',
  ),
  'case.timeline': w('baca_data', 'melihat riwayat kasus', 'view the case history'),
  'case.assignable': w(
    'baca_data',
    'melihat petugas yang dapat ditugaskan',
    'view the staff who can be assigned',
  ),
  'attachment.read': w('baca_data', 'mengunduh lampiran', 'download an attachment'),
  'coord_file.read': w(
    'administrasi',
    'mengunduh berkas kegiatan, rapat, tindak lanjut, RAD atau regulasi',
    'download a file of an activity, meeting, follow-up, RAD or regulation',
  ),
  'referral.list': w('baca_data', 'melihat daftar rujukan', 'view the list of referrals'),
  'referral.read': w('baca_data', 'membuka rujukan', 'open the referral'),
  'referral.suggest': w(
    'baca_data',
    'melihat saran lembaga rujukan (memakai wilayah korban)',
    "view suggested organisations (using the victim's area)",
  ),
  'referral.letter': w('baca_data', 'mencetak surat rujukan', 'print the referral letter'),
  'case.transfer.list': w('baca_data', 'melihat daftar pelimpahan', 'view the list of transfers'),

  // recording and changing case data
  'case.create': w('ubah_data', 'membuka kasus baru', 'open a new case'),
  'case.update': w('ubah_data', 'mengubah data kasus', 'change the case details'),
  'case.transition': w('ubah_data', 'memindahkan tahap kasus', 'move the case to another stage'),
  'case.take': w('ubah_data', 'mengambil kasus sebagai manajer kasus', 'take the case as its manager'),
  'case.queue': w(
    'baca_data',
    'membuka antrean kasus (belum ada manajer, jatuh tempo hari ini)',
    'open the case queue (no manager yet, due today)',
  ),
  'case.deadline_notice': w(
    'sistem',
    'mengirim pemberitahuan tenggat tugas kasus',
    'send a case deadline notice',
  ),
  'case.assign': w(
    'ubah_data',
    'menugaskan manajer kasus atau pendamping',
    'assign the case manager or companions',
  ),
  'person.create': w('ubah_data', 'menambah data orang', 'add a person'),
  'person.update': w('ubah_data', 'mengubah data orang', "change a person's data"),
  'relationship.create': w(
    'ubah_data',
    'mencatat hubungan korban dan terlapor',
    'record a victim–perpetrator relationship',
  ),
  'relationship.set': w(
    'ubah_data',
    'mencatat hubungan korban dan terlapor',
    'record a victim–perpetrator relationship',
  ),
  'incident.create': w('ubah_data', 'menambah kejadian', 'add an incident'),
  'incident.update': w('ubah_data', 'mengubah kejadian', 'change an incident'),
  'attachment.create': w('ubah_data', 'mengunggah lampiran', 'upload an attachment'),
  'coord_file.create': w(
    'administrasi',
    'mengunggah berkas kegiatan, rapat, tindak lanjut, RAD atau regulasi',
    'upload a file of an activity, meeting, follow-up, RAD or regulation',
  ),
  'coord_file.delete': w(
    'administrasi',
    'menghapus berkas kegiatan, rapat, tindak lanjut, RAD atau regulasi',
    'delete a file of an activity, meeting, follow-up, RAD or regulation',
  ),
  ...Object.fromEntries(
    Object.entries(RECORD_WORDS).flatMap(([kind, [add, change]]) => [
      [`${kind}.create`, { category: 'ubah_data', words: add }],
      [`${kind}.update`, { category: 'ubah_data', words: change }],
    ]),
  ),

  // referrals and transfers
  'referral.create': w('rujukan', 'membuat rujukan', 'make a referral'),
  'referral.accept': w('rujukan', 'menerima rujukan', 'accept the referral'),
  'referral.officers': w(
    'rujukan',
    'membuka daftar petugas lembaga penerima rujukan',
    'open the list of officers of the receiving organisation',
  ),
  'referral.handling': w(
    'rujukan',
    'mengubah petugas penanggung jawab atau jadwal pertemuan rujukan',
    'change the officer or the appointment of a referral',
  ),
  'referral.investigation': w(
    'rujukan',
    'mencatat nomor LP atau status penyidikan pada rujukan',
    'record the police report number or investigation status of a referral',
  ),
  'referral.decline': w('rujukan', 'menolak rujukan', 'decline the referral'),
  'referral.service': w('rujukan', 'mencatat layanan pada rujukan', 'record a service on the referral'),
  'referral.complete': w('rujukan', 'menyelesaikan rujukan', 'complete the referral'),
  'referral.cancel': w('rujukan', 'membatalkan rujukan', 'cancel the referral'),
  'referral.consent_withdraw': w(
    'rujukan',
    'mencatat pencabutan persetujuan',
    'record that consent was withdrawn',
  ),
  'referral.message': w('rujukan', 'menulis pesan pada rujukan', 'write a message on the referral'),
  'referral.verify': w('rujukan', 'memeriksa keaslian surat rujukan', 'check a referral letter'),
  'referral.sla.update': w('rujukan', 'mengubah batas waktu rujukan', 'change the referral time limits'),
  'case.transfer.request': w('rujukan', 'mengajukan pelimpahan kasus', 'request a case transfer'),
  'case.transfer.national': w(
    'rujukan',
    'meneruskan kasus ke layanan rujukan akhir KemenPPPA',
    "pass the case to KemenPPPA's final-referral service",
  ),
  'case.transfer.accept': w('rujukan', 'menerima pelimpahan kasus', 'accept a case transfer'),
  'case.transfer.decline': w('rujukan', 'menolak pelimpahan kasus', 'decline a case transfer'),
  'case.transfer.cancel': w('rujukan', 'membatalkan pelimpahan kasus', 'cancel a case transfer'),

  // intake and WhatsApp
  'intake.submit': w(
    'pengaduan',
    'mengirim laporan lewat formulir publik',
    'send a report through the public form',
  ),
  'intake.status': w(
    'pengaduan',
    'memeriksa status laporan dengan kode',
    'check a report status with its code',
  ),
  'intake.reporter_added': w('pengaduan', 'menambah informasi pada laporan', 'add information to a report'),
  'intake.create': w('pengaduan', 'mencatat pengaduan', 'record an intake item'),
  'intake.receipt': w(
    'pengaduan',
    'membuka halaman tanda terima laporan (kode dan nomor rahasia, sekali tampil)',
    'open the one-time receipt of a report (code and secret number)',
  ),
  'intake.overdue_notice': w(
    'sistem',
    'memberi tahu petugas: pengaduan belum ditangani melewati batas waktu',
    'tell the officers: an intake item is past its deadline, untouched',
  ),
  'intake.status_view': w(
    'pengaduan',
    'membuka halaman status laporan (sekali tampil) dengan kode',
    'open the one-time status view of a report with its code',
  ),
  'intake.receipt_reissued': w(
    'pengaduan',
    'memberi nomor rahasia baru pada tanda terima (laporan terkirim dua kali)',
    'give a receipt a new secret number (the report was sent twice)',
  ),
  'intake.message_reporter': w(
    'pengaduan',
    'mengirim pesan kepada pelapor',
    'leave a message for the reporter',
  ),
  'intake.orphan_list': w(
    'administrasi',
    'membuka daftar laporan yang tidak masuk kotak masuk mana pun',
    'open the list of reports no inbox can see',
  ),
  'intake.orphan_check': w(
    'administrasi',
    'memeriksa laporan yang tidak masuk kotak masuk mana pun (pemeriksaan harian)',
    'check for reports no inbox can see (daily check)',
  ),
  'intake.reroute': w(
    'administrasi',
    'memindahkan laporan ke kotak masuk yang ada petugasnya',
    'move a report to an inbox somebody reads',
  ),
  'intake.list': w('pengaduan', 'membuka daftar pengaduan', 'open the intake inbox'),
  'intake.read': w('pengaduan', 'membuka pengaduan', 'open an intake item'),
  'intake.update': w('pengaduan', 'mengubah pengaduan', 'change an intake item'),
  'intake.note': w('pengaduan', 'menambah catatan pengaduan', 'add a note to an intake item'),
  'intake.open_case': w('pengaduan', 'membuka kasus dari pengaduan', 'open a case from an intake item'),
  'intake.attach': w('pengaduan', 'menggabungkan pengaduan ke kasus', 'attach an intake item to a case'),
  'intake.forward': w(
    'pengaduan',
    'meneruskan pengaduan ke wilayah lain',
    'forward an intake item to another area',
  ),
  'intake.national': w('pengaduan', 'meneruskan pengaduan ke SAPA 129', 'refer an intake item to SAPA 129'),
  'intake.close': w('pengaduan', 'menutup pengaduan', 'close an intake item'),
  'intake.letter': w('pengaduan', 'mencetak surat ke SAPA 129', 'print the letter to SAPA 129'),
  'whatsapp.receive': w('pengaduan', 'menerima pesan WhatsApp', 'receive a WhatsApp message'),
  'whatsapp.status': w('pengaduan', 'menerima status pesan WhatsApp', 'receive a WhatsApp message status'),
  'whatsapp.read': w('pengaduan', 'membaca percakapan WhatsApp', 'read a WhatsApp conversation'),
  'whatsapp.send': w('pengaduan', 'membalas lewat WhatsApp', 'reply through WhatsApp'),
  'whatsapp.media.read': w('pengaduan', 'membuka berkas dari WhatsApp', 'open a file sent through WhatsApp'),
  'whatsapp.media.fetch': w(
    'pengaduan',
    'mengambil berkas dari WhatsApp',
    'fetch a file sent through WhatsApp',
  ),
  'whatsapp.webhook': w(
    'pengaduan',
    'kiriman WhatsApp tanpa tanda tangan sah',
    'WhatsApp delivery without a valid signature',
  ),
  'whatsapp.verify': w('pengaduan', 'verifikasi webhook WhatsApp', 'WhatsApp webhook verification'),

  // administration
  'user.list': w('administrasi', 'melihat daftar pengguna', 'view the list of users'),
  'user.create': w('administrasi', 'membuat akun', 'create an account'),
  'user.update': w('administrasi', 'mengubah akun (peran atau status)', 'change an account (role or status)'),
  'calendar.update': w(
    'administrasi',
    'mengganti daftar hari libur nasional dan cuti bersama',
    'replace the list of national holidays and cuti bersama',
  ),
  'user.reset_password': w('administrasi', 'menyetel ulang kata sandi akun', "reset an account's password"),
  'user.notification_settings.read': w(
    'administrasi',
    'melihat pengaturan pemberitahuan (nomor WhatsApp)',
    'view notification settings (WhatsApp number)',
  ),
  'user.notification_settings.update': w(
    'administrasi',
    'mengubah pengaturan pemberitahuan',
    'change notification settings',
  ),
  'organisation.create': w('administrasi', 'membuat lembaga', 'create an organisation'),
  'organisation.update': w('administrasi', 'mengubah data lembaga', 'change an organisation'),
  'organisation.verify': w('administrasi', 'memverifikasi lembaga di direktori', 'verify a directory entry'),
  'organisation.capacity': w(
    'administrasi',
    'mengubah kapasitas lembaga',
    "change an organisation's capacity",
  ),
  'agreement.create': w('administrasi', 'mencatat perjanjian kerja sama', 'record a cooperation agreement'),
  'agreement.update': w('administrasi', 'mengubah perjanjian kerja sama', 'change a cooperation agreement'),
  'agreement.read': w('administrasi', 'membuka perjanjian kerja sama', 'open a cooperation agreement'),
  'agreement.document': w('administrasi', 'mengunduh dokumen perjanjian', 'download an agreement document'),
  'agreement.parties': w('administrasi', 'mengubah para pihak perjanjian', "change an agreement's parties"),
  'regulation.create': w('administrasi', 'mencatat regulasi daerah', 'record a local regulation'),
  'regulation.update': w('administrasi', 'mengubah regulasi daerah', 'change a local regulation'),
  'regulation.delete': w('administrasi', 'menghapus regulasi daerah', 'delete a local regulation'),
  'join_request.submit': w('administrasi', 'mengajukan permohonan bergabung', 'submit a request to join'),
  'join_request.list': w('administrasi', 'melihat permohonan bergabung', 'view requests to join'),
  'join_request.decide': w('administrasi', 'memutuskan permohonan bergabung', 'decide a request to join'),
  'join_request.approve': w('administrasi', 'menerima permohonan bergabung', 'approve a request to join'),
  'join_request.reject': w('administrasi', 'menolak permohonan bergabung', 'reject a request to join'),

  // oversight
  'case.access_log': w('pengawasan', 'melihat log akses kasus', 'view the case access log'),
  'audit.read': w('pengawasan', 'membuka log audit', 'open the audit log'),
  'audit.export': w('pengawasan', 'mengunduh log audit (CSV)', 'download the audit log (CSV)'),

  // prevention activities and campaigns (issue 12 §1): facilitators' names are personal data
  'prevention_activity.read': w(
    'administrasi',
    'membuka kegiatan pencegahan (nama fasilitator)',
    'open a prevention activity (facilitator names)',
  ),
  'prevention_activity.list': w(
    'administrasi',
    'melihat daftar kegiatan pencegahan',
    'view prevention activities',
  ),
  'prevention_activity.options': w(
    'administrasi',
    'membuka pilihan formulir kegiatan pencegahan',
    'open the prevention activity form choices',
  ),
  'prevention_activity.create': w(
    'administrasi',
    'merencanakan kegiatan pencegahan',
    'plan a prevention activity',
  ),
  'prevention_activity.update': w(
    'administrasi',
    'mengubah kegiatan pencegahan',
    'change a prevention activity',
  ),
  'prevention_activity.status': w(
    'administrasi',
    'mengubah status kegiatan pencegahan (terlaksana, dilaporkan, dibatalkan)',
    'move a prevention activity (held, reported, cancelled)',
  ),
  'prevention_activity.review': w(
    'administrasi',
    'menerima atau mengembalikan laporan kegiatan pencegahan mitra',
    "accept or return a partner's prevention report",
  ),
  'prevention_campaign.list': w(
    'administrasi',
    'melihat daftar kampanye pencegahan',
    'view prevention campaigns',
  ),
  'prevention_campaign.read': w('administrasi', 'membuka kampanye pencegahan', 'open a prevention campaign'),
  'prevention_campaign.create': w(
    'administrasi',
    'membuat kampanye pencegahan',
    'create a prevention campaign',
  ),
  'prevention_campaign.delete': w(
    'administrasi',
    'menghapus kampanye pencegahan',
    'delete a prevention campaign',
  ),
  'prevention_campaign.update': w(
    'administrasi',
    'mengubah kampanye pencegahan',
    'change a prevention campaign',
  ),
  'prevention.coverage': w(
    'administrasi',
    'melihat cakupan pencegahan kab/kota (agregat)',
    'view the prevention coverage of a regency/city (aggregates)',
  ),

  // SIMFONI-PPA (the data officer)
  'simfoni.list': w(
    'baca_data',
    'melihat daftar kasus untuk SIMFONI (fakta tanpa identitas)',
    'view the list of cases for SIMFONI (facts without identity)',
  ),
  'simfoni.entry': w(
    'ubah_data',
    'menandai kasus sudah diinput ke SIMFONI',
    'mark the case as entered into SIMFONI',
  ),
  'simfoni.export': w(
    'baca_data',
    'mengunduh ekspor SIMFONI (nama dan NIK korban)',
    'download the SIMFONI export (victim names and NIK)',
  ),

  // figures and reports (aggregates, no personal data)
  'report.periodic': w('pengawasan', 'mengunduh laporan periodik', 'download the periodic report'),
  'report.table': w('pengawasan', 'mengunduh tabel dasbor (XLSX)', 'download a dashboard table (XLSX)'),
  'report.settings': w(
    'administrasi',
    'mengubah kop laporan periodik',
    'change the periodic report letterhead',
  ),
  // spreading the channels (issue 12 §6): poster codes, no personal data
  'poster.create': w('administrasi', 'membuat titik sebar poster/QR', 'create a poster/QR placement'),
  'poster.update': w('administrasi', 'mengubah titik sebar poster/QR', 'change a poster/QR placement'),
  'poster.print': w('administrasi', 'mengunduh poster atau kartu (PDF)', 'download a poster or card (PDF)'),

  // meetings and follow-ups (issue 12 §3, decision 031): attendance lists hold names; the case part of a case conference is case data
  'meeting.create': w('administrasi', 'merencanakan rapat koordinasi', 'plan a coordination meeting'),
  'meeting.update': w('administrasi', 'mengubah rapat atau notulennya', 'change a meeting or its minutes'),
  'meeting.status': w('administrasi', 'mengubah status rapat', "change a meeting's status"),
  'meeting.participants': w(
    'administrasi',
    'menyimpan daftar undangan dan hadir rapat',
    'save a meeting’s invitations and attendance',
  ),
  'meeting.participants_read': w(
    'administrasi',
    'melihat daftar undangan dan hadir rapat (nama)',
    'view a meeting attendance list (names)',
  ),
  'meeting.decision': w('administrasi', 'mencatat keputusan rapat', 'record a meeting decision'),
  'meeting.decision_update': w('administrasi', 'mengubah keputusan rapat', 'change a meeting decision'),
  'meeting.minutes_pdf': w('administrasi', 'mengunduh notulen rapat (PDF)', 'download meeting minutes (PDF)'),
  'meeting.case_part_read': w(
    'baca_data',
    'membaca bagian kasus case conference',
    'read the case part of a case conference',
  ),
  'meeting.case_part_write': w(
    'ubah_data',
    'menulis bagian kasus case conference',
    'write the case part of a case conference',
  ),
  'followup.create': w('administrasi', 'menambah tindak lanjut keputusan rapat', 'add a meeting follow-up'),
  'followup.update': w('administrasi', 'mengubah tindak lanjut rapat', 'change a meeting follow-up'),
  'followup.progress': w(
    'administrasi',
    'mencatat perkembangan tindak lanjut rapat',
    'record progress on a meeting follow-up',
  ),
  'followup.list_pdf': w(
    'administrasi',
    'mengunduh daftar tindak lanjut rapat (PDF)',
    'download the meeting follow-up list (PDF)',
  ),
  'followup.file': w('administrasi', 'melampirkan bukti tindak lanjut', 'attach follow-up evidence'),
  'followup.reminder': w(
    'sistem',
    'mengirim pengingat tindak lanjut rapat',
    'send a meeting follow-up reminder',
  ),

  // the regional action plan (RAD PPA, issue 12 §4)
  'rad.create': w('administrasi', 'membuat rencana aksi daerah (RAD)', 'create a regional action plan (RAD)'),
  'rad.update': w(
    'administrasi',
    'mengubah rencana aksi daerah (RAD)',
    'change a regional action plan (RAD)',
  ),
  'rad.pillar.create': w('administrasi', 'menambah pilar/strategi RAD', 'add a RAD pillar/strategy'),
  'rad.programme.create': w('administrasi', 'menambah program RAD', 'add a RAD programme'),
  'rad.activity.create': w('administrasi', 'menambah kegiatan RAD', 'add a RAD activity'),
  'rad.activity.update': w('administrasi', 'mengubah kegiatan RAD', 'change a RAD activity'),
  'rad.activity.read': w('administrasi', 'membuka kegiatan RAD', 'open a RAD activity'),
  'rad.export': w('administrasi', 'mengunduh capaian RAD (XLSX)', 'download the RAD progress (XLSX)'),

  // the KLA self-evaluation (issue 13; decision 035)
  'kla.set.read': w('administrasi', 'membuka set indikator KLA', 'open a KLA indicator set'),
  'kla.set.import': w('administrasi', 'mengimpor set indikator KLA', 'import a KLA indicator set'),
  'kla.evaluation.list': w('administrasi', 'membuka daftar evaluasi KLA', 'open the KLA evaluations'),
  'kla.evaluation.read': w('administrasi', 'membuka evaluasi KLA', 'open a KLA evaluation'),
  'kla.evaluation.create': w('administrasi', 'memulai evaluasi mandiri KLA', 'start a KLA self-evaluation'),
  'kla.evaluation.submit': w(
    'administrasi',
    'mengirim evaluasi KLA ke provinsi',
    'submit a KLA evaluation to the province',
  ),
  'kla.evaluation.decide': w(
    'administrasi',
    'memverifikasi atau mengembalikan evaluasi KLA',
    'verify or return a KLA evaluation',
  ),
  'kla.evaluation.export': w(
    'administrasi',
    'mengunduh evaluasi KLA beserta bukti',
    'download a KLA evaluation with its evidence',
  ),
  'kla.evaluation.summary': w(
    'administrasi',
    'mengunduh ringkasan evaluasi KLA',
    'download a KLA evaluation summary',
  ),
  'kla.assignment.save': w('administrasi', 'menugaskan indikator KLA', 'assign KLA indicators'),
  'kla.assignment.options': w(
    'administrasi',
    'membuka daftar lembaga Gugus Tugas KLA',
    'open the KLA task force organisations',
  ),
  'kla.answer.save': w('administrasi', 'mengisi jawaban indikator KLA', 'answer a KLA indicator'),
  'kla.answer.review': w('administrasi', 'memeriksa jawaban indikator KLA', 'review a KLA indicator answer'),
  'kla.answer.auto': w(
    'administrasi',
    'mengisi indikator KLA dari data kasus',
    'fill a KLA indicator from case data',
  ),
  'kla.answer.verify': w(
    'administrasi',
    'memverifikasi jawaban indikator KLA',
    'verify a KLA indicator answer',
  ),
  'kla.evidence.create': w('administrasi', 'mengunggah bukti indikator KLA', 'upload KLA indicator evidence'),
  'kla.evidence.read': w('administrasi', 'mengunduh bukti indikator KLA', 'download KLA indicator evidence'),
  'kla.evidence.delete': w('administrasi', 'menghapus bukti indikator KLA', 'delete KLA indicator evidence'),
  'kla.history.read': w('administrasi', 'membuka riwayat evaluasi KLA', 'open a KLA evaluation history'),

  // training and capacity (issue 12 §2): attendance lists and records hold names
  'training.event_create': w('administrasi', 'membuat kegiatan pelatihan', 'create a training event'),
  'training.event_read': w('administrasi', 'membuka kegiatan pelatihan', 'open a training event'),
  'training.event_update': w('administrasi', 'mengubah kegiatan pelatihan', 'change a training event'),
  'training.event_delete': w('administrasi', 'menghapus kegiatan pelatihan', 'delete a training event'),
  'training.participants_read': w(
    'administrasi',
    'melihat daftar peserta dan kehadiran pelatihan (nama)',
    'view a training attendance list (names)',
  ),
  'training.participant_add': w('administrasi', 'menambah peserta pelatihan', 'add a training participant'),
  'training.participant_remove': w(
    'administrasi',
    'menghapus peserta pelatihan',
    'remove a training participant',
  ),
  'training.attendance': w(
    'administrasi',
    'mencatat kehadiran atau kelulusan peserta pelatihan',
    'record attendance or completion of a training participant',
  ),
  'training.record_read': w(
    'administrasi',
    'melihat riwayat pelatihan seorang petugas',
    "view a staff member's training record",
  ),
  'training.certificate': w(
    'administrasi',
    'mengunduh sertifikat pelatihan (PDF)',
    'download a training certificate (PDF)',
  ),
  'training.certificate_verify': w(
    'administrasi',
    'memeriksa keaslian sertifikat pelatihan (halaman publik)',
    'check a training certificate (public page)',
  ),
  'training.requirements': w(
    'administrasi',
    'mengatur jenis pelatihan wajib',
    'set the required training types',
  ),
  'training.gaps_read': w(
    'administrasi',
    'melihat petugas yang belum mengikuti pelatihan wajib',
    'view staff missing required trainings',
  ),
  'training.type_create': w('administrasi', 'menambah jenis pelatihan', 'add a training type'),
  'training.type_update': w('administrasi', 'mengubah jenis pelatihan', 'change a training type'),
  'training.files_read': w('administrasi', 'membuka materi pelatihan', 'open training materials'),
  'training.file_add': w('administrasi', 'mengunggah materi pelatihan', 'upload training material'),
  'training.file_remove': w('administrasi', 'menghapus materi pelatihan', 'remove training material'),

  // automatic notices
  'audit.row_missing': w(
    'sistem',
    'menemukan catatan audit yang dihapus sebelum dirangkai',
    'find audit rows deleted before they were chained',
  ),
  'audit.anchor_sent': w(
    'sistem',
    'mengirim jangkar harian log audit ke auditor',
    'send the daily audit log anchor to the auditors',
  ),
  'notification.email': w('sistem', 'mengirim pemberitahuan lewat e-mail', 'send a notification by e-mail'),
  'notification.whatsapp': w(
    'sistem',
    'mengirim pemberitahuan lewat WhatsApp',
    'send a notification by WhatsApp',
  ),
  'referral.reminder': w('sistem', 'mengingatkan penerima rujukan', 'remind the referral recipient'),
  'referral.overdue_notice': w(
    'sistem',
    'memberi tahu rujukan terlambat',
    'give notice of an overdue referral',
  ),
  'agreement.expiry_warning': w(
    'sistem',
    'memperingatkan perjanjian yang akan berakhir',
    'warn of an agreement about to end',
  ),
  'regulation.review_warning': w(
    'sistem',
    'mengingatkan regulasi yang perlu ditinjau',
    'remind of a regulation due for review',
  ),
  'regulation.expiry_warning': w(
    'sistem',
    'mengingatkan regulasi yang akan berakhir',
    'remind of a regulation about to expire',
  ),
};

/** Actions of a category (for filtering in SQL). */
export function actionsOf(category: AuditCategory): string[] {
  return Object.entries(AUDIT_ACTIONS)
    .filter(([, v]) => v.category === category)
    .map(([k]) => k);
}

export function categoryOf(action: string): AuditCategory | null {
  return AUDIT_ACTIONS[action]?.category ?? null;
}

/** Short names of the referral sections, for "membaca bagian yang dibagikan … (identitas, kronologi)". */
export const SECTION_WORDS: Record<Section, Label> = {
  identitas: { id: 'identitas', en: 'identity' },
  kontak: { id: 'kontak', en: 'contact' },
  kronologi: { id: 'kronologi', en: 'chronology' },
  asesmen: { id: 'asesmen', en: 'assessment' },
  layanan: { id: 'layanan', en: 'services' },
};

function sectionList(v: unknown): Section[] {
  if (!Array.isArray(v)) return [];
  return SECTIONS.filter((s) => v.includes(s));
}

export type AuditFacts = {
  action: string;
  outcome: string;
  /** the recorded detail, where the words depend on it (sections read, the referral side) */
  detail?: Record<string, unknown> | null | undefined;
};

/** What was done, in words, outcome included: "membaca bagian yang dibagikan pada rujukan (identitas, kronologi)". */
export function auditWords(e: AuditFacts): Label {
  const base = baseWords(e);
  if (e.outcome === 'ok') return base;
  if (e.action === 'auth.login') {
    // counted per source and minute (refused before any check, or an e-mail without an account)
    const n = e.detail?.count;
    if (typeof n === 'number' && Number.isInteger(n) && n > 0 && e.detail?.from) {
      const times = { id: `${n}× dalam satu menit`, en: `${n}× in one minute` };
      const many = e.detail.otherSources
        ? { id: ', dari banyak alamat', en: ', from many addresses' }
        : { id: '', en: '' };
      if (e.detail.reason === 'unknown_email')
        return {
          id: `gagal masuk: e-mail tidak terdaftar (${times.id}${many.id})`,
          en: `failed to sign in: unknown e-mail (${times.en}${many.en})`,
        };
      return {
        id: `masuk ditolak: akun atau alamat terkunci (${times.id}${many.id})`,
        en: `sign-in refused: account or address locked (${times.en}${many.en})`,
      };
    }
    // answered to the person as a wrong password (docs/security.md); the auditor learns why
    if (e.outcome === 'failed' && e.detail?.reason === 'disabled')
      return { id: 'gagal masuk (akun nonaktif)', en: 'failed to sign in (account disabled)' };
    if (e.outcome === 'failed')
      return {
        id: 'gagal masuk (e-mail, kata sandi atau kode salah)',
        en: 'failed to sign in (wrong e-mail, password or code)',
      };
    if (e.outcome === 'denied')
      return {
        id: 'masuk ditolak (akun terkunci atau nonaktif)',
        en: 'sign-in refused (account locked or disabled)',
      };
  }
  if (e.outcome === 'replayed') {
    const r = AUDIT_OUTCOME_LABELS.replayed;
    return { id: `${base.id} — ${r.id}`, en: `${base.en} — ${r.en}` };
  }
  const o = AUDIT_OUTCOME_LABELS[e.outcome as AuditOutcome] ?? { id: e.outcome, en: e.outcome };
  const tried = { id: `mencoba ${base.id} — ${o.id}`, en: `tried to ${base.en} — ${o.en}` };
  // refused requests without an account are recorded one row per source and minute, with a count
  const n = e.detail?.count;
  if (typeof n === 'number' && Number.isInteger(n) && n > 0 && e.detail?.from)
    return {
      id: `${tried.id} (${n}× dalam satu menit${e.detail.otherSources ? ', dari banyak alamat' : ''})`,
      en: `${tried.en} (${n}× in one minute${e.detail.otherSources ? ', from many addresses' : ''})`,
    };
  return tried;
}

function baseWords(e: AuditFacts): Label {
  if (e.action === 'referral.read' && e.outcome === 'ok' && e.detail?.side === 'penerima') {
    const s = sectionList(e.detail.sections);
    if (s.length === 0)
      return {
        id: 'membuka rujukan (tanpa bagian data korban yang dibagikan)',
        en: 'open the referral (no sections of victim data shared)',
      };
    return {
      id: `membaca bagian yang dibagikan pada rujukan (${s.map((x) => SECTION_WORDS[x].id).join(', ')})`,
      en: `read the sections shared in the referral (${s.map((x) => SECTION_WORDS[x].en).join(', ')})`,
    };
  }
  if (e.action === 'simfoni.export' && e.outcome === 'ok' && typeof e.detail?.rows === 'number') {
    const d = e.detail;
    const period = `${String(d.from)} s.d. ${String(d.to)}`;
    return {
      id: `mengunduh ekspor SIMFONI (nama dan NIK korban): ${d.rows} baris, pelaporan ${period}, ${String(d.format).toUpperCase()}`,
      en: `download the SIMFONI export (victim names and NIK): ${d.rows} rows, reported ${String(d.from)} to ${String(d.to)}, ${String(d.format).toUpperCase()}`,
    };
  }
  const known = AUDIT_ACTIONS[e.action];
  if (known) return known.words;
  // an action this module does not know yet: say so instead of hiding it
  return { id: `tindakan lain (${e.action})`, en: `other action (${e.action})` };
}

/** Who acted when no user was signed in. */
export function unattributedActor(action: string, userAgent: string | null): Label {
  if (userAgent === 'simpul-cli') return { id: 'Operator (baris perintah)', en: 'Operator (command line)' };
  if (AUDIT_ACTIONS[action]?.category === 'sistem') return { id: 'Sistem Simpul', en: 'Simpul system' };
  if (action.startsWith('whatsapp.')) return { id: 'Layanan WhatsApp', en: 'WhatsApp service' };
  return { id: 'Tanpa akun (publik atau belum masuk)', en: 'No account (public or not signed in)' };
}

/** What a record is, without who: "kasus", "korban", "lampiran" … */
export const ENTITY_WORDS: Record<string, Label> = {
  case: { id: 'kasus', en: 'case' },
  person: { id: 'orang', en: 'person' },
  incident: { id: 'kejadian', en: 'incident' },
  case_record: { id: 'catatan kasus', en: 'case record' },
  attachment: { id: 'lampiran', en: 'attachment' },
  referral: { id: 'rujukan', en: 'referral' },
  case_transfer: { id: 'pelimpahan', en: 'transfer' },
  intake: { id: 'pengaduan', en: 'intake item' },
  wa_message: { id: 'pesan WhatsApp', en: 'WhatsApp message' },
  whatsapp_webhook: { id: 'webhook WhatsApp', en: 'WhatsApp webhook' },
  user: { id: 'akun', en: 'account' },
  app_user: { id: 'akun', en: 'account' },
  organisation: { id: 'lembaga', en: 'organisation' },
  agreement: { id: 'perjanjian kerja sama', en: 'cooperation agreement' },
  regulation: { id: 'regulasi daerah', en: 'local regulation' },
  join_request: { id: 'permohonan bergabung', en: 'request to join' },
  notification: { id: 'pemberitahuan', en: 'notification' },
  region: { id: 'wilayah', en: 'area' },
  audit: { id: 'log audit', en: 'audit log' },
  poster_code: { id: 'titik sebar poster', en: 'poster placement' },
  prevention_activity: { id: 'kegiatan pencegahan', en: 'prevention activity' },
  prevention_campaign: { id: 'kampanye pencegahan', en: 'prevention campaign' },
};

export const PERSON_ROLE_WORDS: Record<string, Label> = {
  korban: { id: 'korban', en: 'victim' },
  terlapor: { id: 'terlapor', en: 'alleged perpetrator' },
  pelapor: { id: 'pelapor', en: 'reporter' },
};

export const RECORD_KIND_WORDS: Record<string, Label> = {
  assessment: { id: 'asesmen', en: 'assessment' },
  plan_item: { id: 'rencana layanan', en: 'service plan' },
  service: { id: 'layanan', en: 'service' },
  right: { id: 'hak korban', en: "victim's rights" },
  note: { id: 'catatan', en: 'note' },
  diversion: { id: 'diversi', en: 'diversion' },
};

/** "S. W." for "Sari Wulandari": enough for the case manager to tell two victims apart. */
export function initials(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter((p) => /\p{L}/u.test(p))
    .slice(0, 3)
    .map((p) => `${[...p.replace(/^[^\p{L}]+/u, '')][0]!.toUpperCase()}.`)
    .join(' ');
}

/** Joins label parts: `join([a, b], ' · ')`. */
export function joinLabels(parts: Array<Label | null | undefined>, sep = ' · '): Label {
  const xs = parts.filter((p): p is Label => Boolean(p));
  return { id: xs.map((x) => x.id).join(sep), en: xs.map((x) => x.en).join(sep) };
}
