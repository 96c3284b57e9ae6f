/** Messages for field-level validation codes (Bahasa Indonesia first, English second). */
import type { Locale } from './errors.ts';

export const FIELD_MESSAGES: Record<string, readonly [string, string]> = {
  required: ['Wajib diisi.', 'Required.'],
  too_long: ['Terlalu panjang.', 'Too long.'],
  too_short: ['Terlalu pendek (minimal 12 karakter).', 'Too short (at least 12 characters).'],
  too_common: [
    'Kata sandi ini terlalu umum atau mudah ditebak.',
    'This password is too common or easy to guess.',
  ],
  invalid_type: ['Jenis isian tidak sesuai.', 'Wrong type of value.'],
  invalid_value: ['Pilihan tidak dikenal.', 'Unknown choice.'],
  unknown_field: ['Isian ini tidak dikenal dan tidak disimpan.', 'Unknown field; nothing was saved.'],
  invalid_region: [
    'Kode wilayah tidak valid (contoh: 36.02.01.2001).',
    'Invalid region code (e.g. 36.02.01.2001).',
  ],
  unknown_region: ['Kode wilayah tidak ditemukan.', 'Region code not found.'],
  out_of_jurisdiction: ['Wilayah di luar wilayah kerja Anda.', 'Region outside your jurisdiction.'],
  range_too_long: [
    'Rentang terlalu panjang: paling lama 5 tahun.',
    'The range is too long: at most 5 years.',
  ],
  invalid_period: [
    'Periode tidak valid: tulis tahun (2026), triwulan (2026-Q3) atau bulan (2026-11).',
    'Invalid period: write a year (2026), a quarter (2026-Q3) or a month (2026-11).',
  ],
  invalid_nip: ['NIP harus 18 angka.', 'The NIP must be 18 digits.'],
  whole_months: [
    'Angka disimpan per bulan: mulai pada tanggal 1 dan berakhir pada tanggal terakhir bulan.',
    'Figures are kept per month: start on the 1st and end on the last day of a month.',
  ],
  invalid_date: ['Tanggal tidak valid (format TTTT-BB-HH).', 'Invalid date (format YYYY-MM-DD).'],
  invalid_datetime: ['Waktu tidak valid.', 'Invalid date and time.'],
  date_in_future: ['Tanggal tidak boleh di masa depan.', 'The date cannot be in the future.'],
  not_in_year: [
    'Tanggal ini tidak termasuk tahun yang diubah.',
    'This date is not in the year being changed.',
  ],
  duplicate: ['Tanggal ini sudah ada di daftar.', 'This date is already in the list.'],
  too_many: ['Terlalu banyak isian (paling banyak 60).', 'Too many entries (at most 60).'],
  period_too_long: [
    'Periode paling lama 5 tahun. Persempit rentang tanggalnya.',
    'The period can be at most 5 years. Narrow the date range.',
  ],
  reason_too_short: [
    'Tulis alasan yang jelas (minimal 10 karakter), misalnya "Input SIMFONI triwulan I 2026".',
    'Give a clear reason (at least 10 characters), e.g. "SIMFONI entry, Q1 2026".',
  ],
  invalid_simfoni_number: [
    'Nomor SIMFONI hanya berisi huruf, angka, spasi dan . / - _',
    'A SIMFONI number holds only letters, digits, spaces and . / - _',
  ],
  before_report: [
    'Tanggal input SIMFONI tidak boleh sebelum tanggal pelaporan kasus.',
    'The SIMFONI entry date cannot be before the case was reported.',
  ],
  date_before_from: [
    'Tanggal akhir tidak boleh sebelum tanggal awal.',
    'The end date cannot be before the start date.',
  ],
  invalid_nik: [
    'NIK harus 16 digit dan sesuai format kependudukan.',
    'NIK must be 16 digits in the civil-registry format.',
  ],
  invalid_phone: ['Nomor telepon tidak valid.', 'Invalid phone number.'],
  invalid_email: ['Alamat email tidak valid.', 'Invalid e-mail address.'],
  invalid_id: ['Pengenal tidak valid.', 'Invalid identifier.'],
  out_of_range: ['Nilai di luar batas.', 'Value out of range.'],
  invalid_otp: ['Kode harus 6 digit.', 'The code must be 6 digits.'],
  wrong_otp: [
    'Kode tidak cocok dengan aplikasi autentikator. Masukkan kode yang sedang tampil; periksa juga jam ponsel Anda.',
    'The code does not match the authenticator app. Enter the code shown now; also check the clock of your phone.',
  ],
  version_required: ['Versi data wajib dikirim.', 'The record version is required.'],
  not_a_victim: ['Orang ini bukan korban dalam kasus ini.', 'This person is not a victim in this case.'],
  not_abh_case: [
    'Diversi hanya dicatat pada kasus anak yang berhadapan dengan hukum (kategori AMPK ABH pada kejadian).',
    'Diversion is recorded only on a case of a child in contact with the law (AMPK category ABH on an incident).',
  ],
  not_a_perpetrator: [
    'Orang ini bukan terlapor dalam kasus ini.',
    'This person is not an alleged perpetrator in this case.',
  ],
  unknown_organisation: ['Lembaga tidak ditemukan.', 'Organisation not found.'],
  invalid_assignee: ['Petugas ini tidak dapat ditugaskan.', 'This staff member cannot be assigned.'],
  too_large: ['Berkas terlalu besar (maksimal 20 MB).', 'File too large (max 20 MB).'],
  // each upload says what it accepts (decision 039): a case attachment, a coordination file, a
  // photo, a PDF-only document
  type_not_allowed: [
    'Jenis berkas tidak diizinkan: unggah PDF, JPG, PNG, MP3, M4A atau DOCX.',
    'File type not allowed: upload a PDF, JPG, PNG, MP3, M4A or DOCX file.',
  ],
  image_unreadable: [
    'Foto tidak dapat dibaca. Simpan ulang sebagai JPG atau PNG, lalu unggah lagi.',
    'The photo cannot be read. Save it again as JPG or PNG, then upload it again.',
  ],
  coord_type_not_allowed: [
    'Jenis berkas tidak diizinkan: unggah PDF, JPG, PNG, DOCX, XLSX atau PPTX.',
    'File type not allowed: upload a PDF, JPG, PNG, DOCX, XLSX or PPTX file.',
  ],
  image_only: [
    'Foto harus berkas JPG atau PNG. Untuk PDF atau dokumen, pilih jenis berkas Materi.',
    'A photo must be a JPG or PNG file. For a PDF or a document, choose the Material type.',
  ],
  one_file_only: ['Unggah satu berkas saja setiap kali.', 'Upload one file at a time.'],
  too_many_files: [
    'Sudah terlalu banyak berkas pada catatan ini (maksimal 50).',
    'This record already has too many files (at most 50).',
  ],
  taken: ['Sudah dipakai.', 'Already taken.'],
  already_participant: [
    'Sudah terdaftar sebagai peserta kegiatan ini.',
    'Already registered as a participant of this event.',
  ],
  poster_label_short: [
    'Nama titik sebar minimal 3 karakter.',
    'The placement name needs at least 3 characters.',
  ],
  poster_label_taken: [
    'Nama ini sudah dipakai untuk titik sebar lain di wilayah Anda.',
    'This name is already used for another placement in your region.',
  ],
  poster_desa_level: ['Pilih desa/kelurahan.', 'Choose a village (desa/kelurahan).'],
  not_allowed: ['Tidak diizinkan.', 'Not allowed.'],
  wrong_password: ['Kata sandi salah.', 'Wrong password.'],
  what_happened_required: [
    'Pilih apa yang terjadi atau ceritakan singkat.',
    'Choose what happened or describe it briefly.',
  ],
  consent_required: [
    'Centang persetujuan agar petugas boleh menghubungi Anda.',
    'Tick the consent so officers may contact you.',
  ],
  invalid_characters: [
    'Berisi karakter yang tidak dapat disimpan (karakter kendali). Hapus lalu coba lagi.',
    'Contains characters that cannot be stored (control characters). Remove them and try again.',
  ],
  regency_needed: [
    'Pilih kabupaten/kota: layanan provinsi ini belum memakai Simpul, jadi laporan diterima oleh kabupaten/kota.',
    'Choose the regency/city: the province’s own service is not on Simpul yet, so reports go to the regency/city.',
  ],
  region_not_served: [
    'Layanan di wilayah ini belum memakai Simpul, jadi laporan belum dapat dikirim lewat formulir ini. Hubungi SAPA 129: telepon 129 atau WhatsApp 08111-129-129.',
    'The services of this region are not on Simpul yet, so the report cannot be sent with this form. Contact SAPA 129: phone 129 or WhatsApp 08111-129-129.',
  ],
  no_inbox: [
    'Wilayah ini belum punya petugas pengaduan atau manajer kasus di Simpul.',
    'This region has no intake officer or case manager on Simpul.',
  ],
  region_required: [
    'Pilih minimal provinsi tempat kejadian.',
    'Choose at least the province where it happened.',
  ],
  invalid_code: ['Kode tindak lanjut tidak dikenali.', 'The follow-up code is not recognised.'],
  guardian_required: [
    'Korban masih anak: persetujuan diberikan oleh orang tua/wali, atau pilih dasar hukum lain.',
    'The victim is a child: consent is given by the parent/guardian, or choose another legal basis.',
  ],
  basis_police_only: [
    'Kewajiban lapor UU TPKS hanya berlaku untuk rujukan pelaporan ke Unit PPA kepolisian.',
    'The TPKS duty to report applies only to a police-report referral to a police PPA unit.',
  ],
  not_offered: [
    'Lembaga ini tidak menyediakan layanan ini.',
    'This organisation does not offer this service.',
  ],
  multi_victim_sections: [
    'Kasus ini memiliki lebih dari satu korban: kronologi, asesmen dan layanan memuat data semua korban. Tuliskan yang perlu diketahui lembaga tujuan pada tujuan rujukan.',
    'This case has more than one victim: chronology, assessment and services hold every victim’s data. Write what the recipient needs to know in the purpose.',
  ],
  role_not_for_org: [
    'Peran ini hanya untuk staf UPTD PPA atau Dinas PPPA. Staf lembaga mitra memakai peran petugas lembaga mitra.',
    'This role is only for UPTD PPA or Dinas PPPA staff. Partner staff use the partner-agency role.',
  ],
  org_inactive: ['Lembaga ini tidak aktif.', 'This organisation is not active.'],
  own_account: [
    'Kata sandi akun Anda sendiri tidak dapat disetel ulang di sini: gantilah di menu Akun dengan kata sandi saat ini, atau mintalah administrator lain.',
    'You cannot reset your own password here: change it under Account with your current password, or ask another administrator.',
  ],
  own_role: [
    'Anda tidak dapat mengubah peran akun Anda sendiri. Mintalah administrator lain.',
    'You cannot change your own role. Ask another administrator.',
  ],
  roles_not_for_type: [
    'Lembaga ini masih memiliki staf dengan peran yang hanya untuk UPTD PPA atau Dinas PPPA. Ubah dulu peran mereka menjadi petugas lembaga mitra.',
    'This organisation still has staff with roles only for a UPTD PPA or Dinas PPPA. Change them to partner-agency staff first.',
  ],
  nothing_to_change: ['Tidak ada yang diubah.', 'Nothing to change.'],
  appointment_out_of_range: [
    'Jadwal pertemuan harus dalam satu tahun sebelum atau sesudah hari ini.',
    'The appointment must be within a year before or after today.',
  ],
  officer_one_of: [
    'Pilih petugas dari daftar atau tuliskan namanya, jangan keduanya.',
    'Choose an officer from the list or type a name, not both.',
  ],
  officer_not_in_org: [
    'Petugas ini bukan staf aktif lembaga penerima.',
    'This officer is not active staff of the receiving organisation.',
  ],
  invalid_lp_number: [
    'Nomor laporan polisi tidak sesuai format (contoh: LP/B/123/XII/2026/SPKT/POLRES LEBAK).',
    'The police report number is not in the expected form (e.g. LP/B/123/XII/2026/SPKT/POLRES LEBAK).',
  ],
  lp_or_status_required: [
    'Isi nomor laporan polisi atau pilih status penyidikan.',
    'Enter the police report number or choose an investigation status.',
  ],
  plan_item_not_in_case: [
    'Butir rencana intervensi ini tidak ada dalam kasus ini.',
    'This intervention-plan item is not in this case.',
  ],
  plan_item_other_victim: [
    'Butir rencana intervensi ini untuk korban lain.',
    'This intervention-plan item is for another victim.',
  ],
  rereferral_not_found: [
    'Rujukan asal tidak ditemukan dalam kasus ini.',
    'The original referral was not found in this case.',
  ],
  rereferral_other_victim: [
    'Rujukan ulang harus untuk korban yang sama dengan rujukan asal.',
    'A referral sent again must be for the same victim as the original.',
  ],
  rereferral_not_closed: [
    'Hanya rujukan yang ditolak atau dibatalkan yang dapat dirujuk ulang.',
    'Only a declined or cancelled referral can be sent again.',
  ],
  rereferral_consent_withdrawn: [
    'Persetujuan atas rujukan asal telah dicabut: buat rujukan baru dengan persetujuan baru.',
    'Consent for the original referral was withdrawn: make a new referral with new consent.',
  ],
  consent_new_recipient: [
    'Pastikan persetujuan (atau dasar hukumnya) mencakup lembaga tujuan yang baru, lalu centang pernyataan ini.',
    'Make sure the consent (or its legal ground) covers the new recipient, then tick this statement.',
  ],
  capacity_exceeds_total: [
    'Tempat kosong tidak boleh lebih dari kapasitas total.',
    'Free places cannot be more than the total capacity.',
  ],
  invalid_url: ['Alamat situs tidak valid (contoh: https://contoh.go.id).', 'Invalid website address.'],
  ends_before_start: [
    'Tanggal berakhir tidak boleh sebelum tanggal mulai.',
    'The end date cannot be before the start date.',
  ],
  // ---- prevention activities and campaigns (issue 12 §1, decision 029)
  negative_count: ['Jumlah tidak boleh negatif.', 'A count cannot be negative.'],
  participants_too_large: [
    'Jumlah peserta terlalu besar untuk satu kegiatan (paling banyak 10.000 per isian). Periksa kembali angkanya.',
    'Too many participants for one activity (at most 10,000 per cell). Check the figure.',
  ],
  target_people_too_large: [
    'Target orang terjangkau terlalu besar (paling banyak 10.000.000). Periksa kembali angkanya.',
    'The target of people reached is too large (at most 10,000,000). Check the figure.',
  ],
  target_activities_too_large: [
    'Target jumlah kegiatan terlalu besar (paling banyak 10.000). Periksa kembali angkanya.',
    'The target number of activities is too large (at most 10,000). Check the figure.',
  ],
  target_desa_too_large: [
    'Target desa/kelurahan melebihi jumlah desa/kelurahan di wilayah kampanye.',
    'The target of villages exceeds the number of villages in the campaign’s region.',
  ],
  target_schools_too_large: [
    'Target jumlah sekolah terlalu besar (paling banyak 20.000). Periksa kembali angkanya.',
    'The target number of schools is too large (at most 20,000). Check the figure.',
  ],
  not_a_facilitator: [
    'Akun ini tidak dapat menjadi fasilitator (akun admin, auditor dan data hanya untuk pengawasan).',
    'This account cannot be a facilitator (admin, auditor and data accounts are for oversight only).',
  ],
  school_required: [
    'Kegiatan di sekolah/pesantren: pilih sekolahnya, atau tulis nama tempat bila sekolah belum terdaftar.',
    'An activity at a school: choose the school, or write the place name if the school is not listed.',
  ],
  not_whole_number: ['Isi dengan bilangan bulat (0, 1, 2, …).', 'Enter a whole number (0, 1, 2, …).'],
  not_a_desa: [
    'Pilih desa/kelurahan, bukan kecamatan atau kab/kota.',
    'Choose a village (desa/kelurahan), not a district.',
  ],
  participants_required: [
    'Isi jumlah peserta (minimal satu orang) sebelum melaporkan kegiatan.',
    'Enter the participant counts (at least one person) before reporting the activity.',
  ],
  unknown_campaign: [
    'Kampanye tidak ditemukan di wilayah kerja ini.',
    'Campaign not found in this jurisdiction.',
  ],
  not_a_school: ['Lembaga ini bukan sekolah.', 'This organisation is not a school.'],
  not_yet_held: [
    'Kegiatan belum dimulai: tandai terlaksana atau laporkan setelah waktunya.',
    'The activity has not begun: mark it held or report it after it starts.',
  ],
  activity_too_long: ['Satu kegiatan paling lama 31 hari.', 'One activity lasts at most 31 days.'],
  own_organisation_only: [
    'Mitra hanya mencatat kegiatan lembaganya sendiri.',
    "A partner records only its own organisation's activities.",
  ],
  organiser_fixed: [
    'Penyelenggara kegiatan tidak dapat diganti.',
    "The activity's organiser cannot be changed.",
  ],
  not_held: [
    'Jumlah peserta diisi setelah kegiatan terlaksana.',
    'Participant counts are entered once the activity was held.',
  ],
  transition_not_allowed: [
    'Status kegiatan tidak dapat diubah seperti itu.',
    'The activity cannot move to that status.',
  ],
  not_awaiting_review: [
    'Laporan ini tidak sedang menunggu penerimaan Dinas.',
    'This report is not awaiting acceptance.',
  ],
  kabkota_required: ['Pilih kabupaten/kota (contoh: 36.02).', 'Choose a regency/city (e.g. 36.02).'],
  // ---- agreements with several parties and local regulations (issue 12 §5, decision 033)
  review_before_date: [
    'Tanggal peninjauan tidak boleh sebelum tanggal penetapan.',
    'The review date cannot be before the date it was issued.',
  ],
  expires_before_date: [
    'Tanggal berakhir tidak boleh sebelum tanggal penetapan.',
    'The expiry date cannot be before the date it was issued.',
  ],
  duplicate_participant: [
    'Orang ini sudah ada di daftar undangan dan hadir.',
    'This person is already on the list of invited and present.',
  ],
  duplicate_party: ['Lembaga ini sudah menjadi pihak.', 'This organisation is already a party.'],
  duplicate_role: [
    'Kedudukan ini sudah dipegang lembaga lain. Hanya "Mengetahui" boleh lebih dari satu lembaga.',
    'Another organisation already holds this position. Only "Acknowledged by" may be held by several.',
  ],
  unknown_meeting: ['Rapat tidak ditemukan.', 'Meeting not found.'],
  pdf_only: ['Hanya berkas PDF yang diterima di sini.', 'Only a PDF file is accepted here.'],
  services_required: ['Pilih minimal satu layanan.', 'Choose at least one service.'],
  regency_required: ['Pilih provinsi lalu kabupaten/kota.', 'Choose the province, then the regency/city.'],
  outside_indonesia: [
    'Kode wilayah tidak ditemukan di daftar wilayah Indonesia.',
    'Not an Indonesian region code.',
  ],
  date_precision_mismatch: [
    'Tidak sesuai dengan ketelitian tanggal kejadian. Pilih juga ketelitian yang sesuai (tanggal, bulan, tahun, kurun waktu, atau tidak diketahui).',
    'Does not match how precisely the incident date is known. Choose the matching precision too (date, month, year, time window, or not known).',
  ],
  // ---- coordination meetings and follow-ups (issue 12 §3, decision 031)
  invalid_time: ['Jam tidak valid (format JJ:MM, contoh 09:30).', 'Invalid time (format HH:MM, e.g. 09:30).'],
  end_time_before_start: [
    'Jam selesai harus sesudah jam mulai.',
    'The end time must be after the start time.',
  ],
  place_or_link_required: [
    'Isi tempat rapat atau tautan rapat daring.',
    'Give the meeting place or an online meeting link.',
  ],
  user_or_name: [
    'Pilih pengguna Simpul atau ketik nama, bukan keduanya.',
    'Choose a Simpul user or type a name, not both.',
  ],
  invited_or_attended: [
    'Tandai orang ini diundang, hadir, atau keduanya.',
    'Mark this person invited, present, or both.',
  ],
  reason_required: ['Tulis alasan pembatalan.', 'Give the reason for cancelling.'],
  evidence_required: [
    'Tulis catatan hasil atau lampirkan bukti sebelum menandai selesai.',
    'Write what was done or attach evidence before marking it done.',
  ],
  due_before_meeting: [
    'Tenggat tidak boleh sebelum tanggal rapat.',
    'The due date cannot be before the meeting date.',
  ],
  unknown_user: ['Pengguna tidak ditemukan di lembaga ini.', 'User not found in this organisation.'],
  case_not_readable: [
    'Kasus tidak ditemukan atau tidak dapat Anda buka.',
    'Case not found or not open to you.',
  ],
  minutes_required: [
    'Tulis notulen sebelum menyatakan rapat selesai.',
    'Write the minutes before marking the meeting held.',
  ],
  meeting_closed: [
    'Rapat ini sudah selesai atau dibatalkan; notulennya tidak dapat diubah lagi.',
    'This meeting is held or cancelled; its minutes can no longer be changed.',
  ],
  not_case_conference: [
    'Bagian kasus hanya untuk rapat jenis case conference.',
    'A case part belongs only to a case conference.',
  ],

  // ---- regional action plan, RAD (issue 12 §4, decision 032)
  years_reversed: [
    'Tahun berakhir tidak boleh sebelum tahun mulai.',
    'The end year cannot be before the start year.',
  ],
  rad_period_too_long: [
    'Periode rencana aksi paling lama 10 tahun.',
    'An action plan covers at most 10 years.',
  ],
  invalid_year: ['Tahun tidak valid (2000–2100).', 'Invalid year (2000–2100).'],
  invalid_quarter: ['Triwulan harus 1–4.', 'The quarter must be 1–4.'],
  negative: ['Tidak boleh negatif.', 'Cannot be negative.'],
  // KLA self-evaluation (issue 13)
  unknown_option: [
    'Pilihan jawaban ini tidak ada pada indikator.',
    'This answer is not an option of the indicator.',
  ],
  over_100: ['Persentase tidak boleh lebih dari 100.', 'A percentage cannot be over 100.'],
  denominator_zero: ['Penyebut tidak boleh 0.', 'The denominator cannot be 0.'],
  numerator_above_denominator: [
    'Pembilang tidak boleh lebih besar dari penyebut.',
    'The numerator cannot be larger than the denominator.',
  ],
  wrong_kind: [
    'Jenis jawaban tidak sesuai indikator (pilihan atau persentase).',
    'The kind of answer does not fit the indicator (an option or a percentage).',
  ],
  value_and_parts: [
    'Isi persentase atau pembilang dan penyebut, bukan keduanya.',
    'Give the percentage or the numerator and denominator, not both.',
  ],
  kla_step_not_allowed: [
    'Langkah pemeriksaan ini tidak dapat dilakukan dari status jawaban saat ini.',
    'This review step is not possible from the answer’s current status.',
  ],
  kla_not_final: ['Indikator ini belum final.', 'This indicator is not final yet.'],
  kla_fix_not_addressed: [
    'Provinsi meminta perbaikan indikator ini, tetapi jawaban dan buktinya belum diubah sejak itu.',
    'The province asked for this indicator to be fixed, but its answer and evidence have not changed since.',
  ],
  kla_not_verified: ['Indikator ini belum diverifikasi.', 'This indicator has not been verified yet.'],
  kla_fixes_open: [
    'Masih ada indikator yang diminta diperbaiki: kembalikan evaluasinya.',
    'Some indicators were asked to be fixed: return the evaluation.',
  ],
  kla_nothing_to_fix: ['Tidak ada indikator yang diminta diperbaiki.', 'No indicator was asked to be fixed.'],
  kla_not_automatic: [
    'Indikator ini tidak diisi dari data kasus.',
    'This indicator is not filled from case data.',
  ],
  kla_no_auto_value: [
    'Data kasus Simpul belum cukup untuk indikator ini: isi manual dengan bukti.',
    'Simpul’s case data are not enough for this indicator: enter it by hand with evidence.',
  ],
  kla_evaluation_exists: ['Evaluasi KLA tahun ini sudah ada.', 'This year’s KLA evaluation already exists.'],
  kla_sheet_bad_character: [
    'Lembar memuat karakter yang tidak sah (karakter kontrol atau kode di luar Unicode). Hapus karakter itu, lalu impor lagi.',
    'The sheet holds a character that is not allowed (a control character or a code outside Unicode). Remove it, then import again.',
  ],
  kla_auto_needs_percent: [
    'Hanya indikator persentase yang dapat diisi dari data kasus.',
    'Only a percentage indicator can be filled from case data.',
  ],
  kla_cannot_fill: [
    'Orang ini tidak dapat mengisi indikator KLA (akunnya nonaktif atau perannya tidak mengisi). Pilih orang lain atau kosongkan.',
    'This person cannot fill KLA indicators (the account is disabled or the role does not fill them). Choose someone else or leave it empty.',
  ],
  kla_weight_positive: ['Bobot harus lebih dari 0.', 'The weight must be more than 0.'],
  kla_sheet_unreadable: [
    'Berkas bukan lembar kerja XLSX yang dapat dibaca.',
    'The file is not a readable XLSX workbook.',
  ],
  kla_org_outside: [
    'Lembaga ini tidak aktif atau bukan lembaga di kabupaten/kota ini.',
    'This organisation is not active or not of this regency/city.',
  ],
  unknown_indicator: ['Nomor indikator tidak ada pada set.', 'No such indicator number in the set.'],
  not_of_org: [
    'Orang ini bukan staf lembaga yang dipilih.',
    'This person is not staff of the chosen organisation.',
  ],
  above_weight: ['Poin melebihi bobot indikator.', 'The points exceed the indicator’s weight.'],
  weights_not_1000: ['Jumlah bobot harus 1.000.', 'The weights must add up to 1,000.'],
  must_start_at_zero: ['Harus dimulai dari 0.', 'Must start at 0.'],
  not_ascending: ['Harus naik berurutan.', 'Must rise in order.'],
  value_too_large: ['Angka terlalu besar.', 'The number is too large.'],
  whole_rupiah: ['Tulis anggaran dalam rupiah penuh (tanpa sen).', 'Write the budget in whole rupiah.'],
  percent_over_max: ['Persentase paling besar 100.', 'A percentage is at most 100.'],
  duplicate_year: ['Tahun ini sudah ada targetnya.', 'This year already has a target.'],
  year_outside_plan: ['Tahun ini di luar periode rencana aksi.', "This year is outside the plan's period."],
  targets_outside_period: [
    'Ada kegiatan dengan target di luar periode baru. Ubah targetnya dulu.',
    'Some activities have targets outside the new period. Change those targets first.',
  ],
  invalid_kla_code: [
    'Kode indikator KLA tidak valid (contoh: V.1).',
    'Invalid KLA indicator code (e.g. V.1).',
  ],
  rad_auto_unit: [
    'Satuan harus sama dengan satuan indikator otomatis yang dipilih.',
    "The unit must be the chosen automatic indicator's unit.",
  ],
  rad_automatic_value: [
    'Nilai indikator ini terisi otomatis dari data Simpul; jangan diketik.',
    "This indicator is filled from Simpul's data; do not type it.",
  ],
  rad_realised_kept: [
    'Isi angka realisasi. Angka yang sudah dilaporkan hanya dihapus bila dipilih "Hapus angka realisasi".',
    'Enter the realised figure. A figure already reported is erased only when "Erase the realised figure" is chosen.',
  ],
  quarter_not_begun: ['Triwulan ini belum dimulai.', 'This quarter has not begun.'],
  rad_org_unknown: [
    'Lembaga tidak ditemukan di wilayah rencana aksi ini.',
    "Organisation not found in this plan's region.",
  ],
  rad_link_unknown: ['Data yang ditautkan tidak ditemukan.', 'The linked record was not found.'],
  // training and capacity (issue 12 §2)
  not_attended: [
    'Hanya peserta yang hadir yang dapat dinyatakan lulus/selesai.',
    'Only a participant who attended can be marked as completed.',
  ],
  inactive_type: ['Jenis pelatihan ini sudah tidak aktif.', 'This training type is no longer active.'],
};

export function fieldMessage(code: string, locale: Locale): string {
  const m = FIELD_MESSAGES[code] ?? FIELD_MESSAGES.invalid_value!;
  return locale === 'en' ? m[1] : m[0];
}
