/**
 * Stable error codes → HTTP status and messages (Bahasa Indonesia first, English second).
 * Every error that leaves the API is one of these: { error: { code, message, fields? } }.
 */
import { ACCOUNT_LIMITS, LOCK_MS } from './auth-rules.ts';

const LOCK_MINUTES = LOCK_MS / 60_000;

export const ERRORS = {
  VALIDATION_FAILED: [
    400,
    'Data yang dikirim tidak valid. Periksa isian yang ditandai.',
    'The data sent is not valid. Check the marked fields.',
  ],
  MALFORMED_JSON: [400, 'Isi permintaan bukan JSON yang valid.', 'The request body is not valid JSON.'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'Jenis isi permintaan tidak didukung.', 'Unsupported content type.'],
  PAYLOAD_TOO_LARGE: [
    413,
    'Ukuran data melebihi batas yang diizinkan.',
    'The payload is larger than allowed.',
  ],
  UNAUTHENTICATED: [401, 'Silakan masuk terlebih dahulu.', 'Please sign in first.'],
  SESSION_EXPIRED: [
    401,
    'Sesi Anda telah berakhir. Silakan masuk kembali.',
    'Your session has ended. Please sign in again.',
  ],
  INVALID_CREDENTIALS: [
    401,
    `Email atau kata sandi salah. Setelah ${ACCOUNT_LIMITS.lockAfter} kali salah, masuk dikunci ${LOCK_MINUTES} menit. Jika Anda yakin kata sandinya benar, akun Anda mungkin dinonaktifkan: hubungi administrator Dinas.`,
    `Wrong email or password. After ${ACCOUNT_LIMITS.lockAfter} wrong attempts, signing in is locked for ${LOCK_MINUTES} minutes. If you are sure the password is right, your account may be disabled: contact the Dinas administrator.`,
  ],
  OTP_REQUIRED: [401, 'Masukkan kode verifikasi dua langkah.', 'Enter your two-step verification code.'],
  OTP_CODE_WRONG: [
    400,
    'Kode verifikasi salah. Periksa jam di ponsel Anda lalu coba lagi.',
    'Wrong verification code. Check your phone’s clock and try again.',
  ],
  OTP_INVALID: [401, 'Kode verifikasi salah atau kedaluwarsa.', 'The verification code is wrong or expired.'],
  ACCOUNT_LOCKED: [
    429,
    `Terlalu banyak percobaan gagal, untuk akun ini atau dari alamat ini. Masuk dikunci ${LOCK_MINUTES} menit; coba lagi setelah itu, atau minta administrator menyetel ulang kata sandi Anda.`,
    `Too many failed attempts, for this account or from this address. Signing in is locked for ${LOCK_MINUTES} minutes; try again after that, or ask an administrator to reset your password.`,
  ],
  MFA_ENROLMENT_REQUIRED: [
    403,
    'Aktifkan verifikasi dua langkah sebelum melanjutkan.',
    'Set up two-step verification before continuing.',
  ],
  MFA_ALREADY_ENABLED: [
    409,
    'Verifikasi dua langkah sudah aktif.',
    'Two-step verification is already enabled.',
  ],
  FORBIDDEN: [
    403,
    'Peran Anda tidak memiliki akses untuk tindakan ini.',
    'Your role is not allowed to do this.',
  ],
  NOT_FOUND: [404, 'Data tidak ditemukan.', 'Not found.'],
  METHOD_NOT_ALLOWED: [
    405,
    'Metode HTTP ini tidak didukung untuk alamat ini (lihat header Allow).',
    'This HTTP method is not supported at this address (see the Allow header).',
  ],
  CSRF_FAILED: [
    403,
    'Permintaan ditolak karena asal permintaan tidak sah.',
    'Request rejected: invalid origin.',
  ],
  VERSION_CONFLICT: [
    409,
    'Data ini sudah diubah orang lain. Muat ulang lalu ulangi perubahan Anda.',
    'Someone else changed this record. Reload and make your change again.',
  ],
  IDEMPOTENCY_CONFLICT: [
    409,
    'Kunci idempotensi sudah dipakai untuk permintaan lain.',
    'The idempotency key was already used for a different request.',
  ],
  IDEMPOTENCY_IN_PROGRESS: [
    409,
    'Permintaan yang sama masih diproses atau terputus sebelum selesai. Periksa hasilnya (misalnya percakapan) sebelum mengirim lagi.',
    'The same request is still being processed or was cut off before it finished. Check the result (for example the conversation) before sending again.',
  ],
  DUPLICATE: [409, 'Data yang sama sudah ada.', 'The same record already exists.'],
  WEAK_PASSWORD: [
    400,
    'Kata sandi terlalu lemah: minimal 12 karakter dan bukan kata sandi umum.',
    'Password too weak: at least 12 characters and not a common password.',
  ],
  WRONG_PASSWORD: [400, 'Kata sandi saat ini salah.', 'The current password is wrong.'],
  UNKNOWN_REGION: [400, 'Kode wilayah tidak dikenal.', 'Unknown region code.'],
  REGION_OUT_OF_JURISDICTION: [
    403,
    'Wilayah berada di luar wilayah kerja Anda.',
    'The region is outside your jurisdiction.',
  ],
  INVALID_ASSIGNEE: [
    400,
    'Petugas yang dipilih tidak dapat ditugaskan pada kasus ini.',
    'The selected staff member cannot be assigned to this case.',
  ],
  CASE_ALREADY_TAKEN: [
    409,
    'Kasus ini sudah memiliki manajer kasus. Muat ulang untuk melihat siapa yang menanganinya.',
    'This case already has a case manager. Reload to see who is handling it.',
  ],
  STAGE_TRANSITION_NOT_ALLOWED: [
    409,
    'Perpindahan tahap ini tidak diizinkan.',
    'This stage change is not allowed.',
  ],
  CLOSURE_REASON_REQUIRED: [400, 'Alasan terminasi wajib diisi.', 'A closure reason is required.'],
  REOPEN_REASON_REQUIRED: [
    400,
    'Alasan membuka kembali kasus wajib diisi (minimal 5 karakter).',
    'A reason for reopening is required (at least 5 characters).',
  ],
  IDENTIFICATION_INCOMPLETE: [
    409,
    'Lengkapi jenis kasus, tingkat risiko, dan kewenangan terlebih dahulu.',
    'Complete case type, risk and authority first.',
  ],
  VICTIM_REQUIRED: [409, 'Tambahkan minimal satu korban terlebih dahulu.', 'Add at least one victim first.'],
  ASSESSMENT_REQUIRED: [
    409,
    'Isi asesmen biopsikososial terlebih dahulu.',
    'Fill in the biopsychosocial assessment first.',
  ],
  PLAN_NOT_AGREED: [
    409,
    'Rencana intervensi harus disepakati bersama penerima manfaat.',
    'The intervention plan must be agreed with the beneficiary.',
  ],
  CASE_CLOSED: [
    409,
    'Kasus sudah diterminasi. Buka kembali kasus untuk mengubahnya.',
    'The case is closed. Reopen it to change it.',
  ],
  FILE_TYPE_NOT_ALLOWED: [
    415,
    // which types are allowed depends on the form: the field message says (type_not_allowed,
    // coord_type_not_allowed, image_only, pdf_only)
    'Jenis berkas ini tidak diterima di sini.',
    'This type of file is not accepted here.',
  ],
  FILE_TOO_LARGE: [413, 'Berkas melebihi 20 MB.', 'The file is larger than 20 MB.'],
  USER_DISABLED: [401, 'Akun ini dinonaktifkan.', 'This account is disabled.'],
  EMAIL_TAKEN: [409, 'Email sudah dipakai akun lain.', 'This email is already used by another account.'],
  DB_UNAVAILABLE: [503, 'Basis data tidak dapat dihubungi.', 'The database cannot be reached.'],
  SERVER_BUSY: [
    503,
    'Simpul sedang melayani terlalu banyak permintaan. Tidak ada yang disimpan; coba lagi dalam beberapa detik.',
    'Simpul is serving too many requests. Nothing was saved; try again in a few seconds.',
  ],
  RATE_LIMITED: [
    429,
    'Terlalu banyak permintaan. Coba lagi sebentar lagi.',
    'Too many requests. Try again shortly.',
  ],
  WEBHOOK_SIGNATURE_INVALID: [
    401,
    'Tanda tangan notifikasi tidak sah.',
    'The notification signature is not valid.',
  ],
  REPORTER_UNREACHABLE: [
    409,
    'Pelapor tidak dapat menerima pesan di Simpul: laporan ini tidak masuk lewat formulir daring (tidak punya kode dan nomor rahasia). Hubungi pelapor dengan cara yang ia pilih.',
    'The reporter cannot receive messages in Simpul: this report did not come through the online form (it has no code and secret number). Contact the reporter the way they chose.',
  ],
  NO_INBOX: [
    400,
    'Wilayah tujuan belum punya petugas pengaduan atau manajer kasus di Simpul: laporan tidak akan terbaca di sana.',
    'The target region has no intake officer or case manager on Simpul: the report would not be read there.',
  ],
  WHATSAPP_DISABLED: [
    503,
    'WhatsApp belum diaktifkan di Simpul ini. Hubungi admin.',
    'WhatsApp is not switched on in this Simpul installation. Contact the admin.',
  ],
  WHATSAPP_SEND_FAILED: [
    502,
    'Pesan WhatsApp tidak terkirim: layanan WhatsApp menolak atau tidak dapat dihubungi. Coba lagi sebentar lagi.',
    'The WhatsApp message was not sent: the WhatsApp service refused it or could not be reached. Try again shortly.',
  ],
  WHATSAPP_WINDOW_CLOSED: [
    409,
    'Sudah lebih dari 24 jam sejak pesan terakhir pelapor. Kirim templat pesan yang sudah disetujui.',
    'More than 24 hours have passed since the reporter last wrote. Send an approved message template.',
  ],
  WHATSAPP_TEMPLATE_REJECTED: [
    400,
    'Templat pesan tidak dikenal atau belum disetujui WhatsApp. Periksa nama dan bahasanya.',
    'WhatsApp does not know or has not approved this message template. Check its name and language.',
  ],
  WHATSAPP_MEDIA_UNAVAILABLE: [
    502,
    'Berkas dari WhatsApp belum dapat diambil. Pesannya tetap tersimpan; coba lagi nanti.',
    'The file could not be fetched from WhatsApp yet. The message is kept; try again later.',
  ],
  REFERRAL_CONSENT_REQUIRED: [
    400,
    'Rujukan memerlukan persetujuan korban (atau orang tua/wali untuk anak) beserta siapa yang memberi, atau dasar hukum bila persetujuan tidak dapat diminta.',
    'A referral needs the consent of the victim (or the parent/guardian for a child) with who gave it, or the legal basis when consent cannot be asked.',
  ],
  REFERRAL_SERVICE_NOT_OFFERED: [
    409,
    'Lembaga tujuan tidak menyediakan layanan yang diminta. Pilih lembaga lain atau layanan lain.',
    'The recipient organisation does not offer the service asked for. Choose another organisation or service.',
  ],
  REFERRAL_STATE: [
    409,
    'Rujukan ini sudah berubah status sehingga langkah ini tidak dapat dilakukan. Muat ulang untuk melihat status terbaru.',
    'This referral has moved on, so this step is no longer possible. Reload to see its current status.',
  ],
  REFERRAL_CONSENT_WITHDRAWN: [
    403,
    'Persetujuan atas rujukan ini telah dicabut. Informasi korban tidak lagi dapat dibuka.',
    'Consent for this referral has been withdrawn. The victim’s information can no longer be opened.',
  ],
  REFERRAL_NOT_A_VICTIM: [
    400,
    'Yang dirujuk harus korban dalam kasus ini.',
    'The person referred must be a victim in this case.',
  ],
  REFERRAL_NO_SERVICE: [
    409,
    'Rujukan belum dapat diselesaikan karena belum ada layanan yang dicatat. Catat dulu layanan yang sudah diberikan kepada korban, lalu selesaikan.',
    'The referral cannot be completed yet: no service has been recorded. Record the service given to the victim first, then complete it.',
  ],
  REFERRAL_ALREADY_REREFERRED: [
    409,
    'Rujukan ini sudah dirujuk ulang. Buka rujukan ulangnya untuk melanjutkan.',
    'This referral has already been sent again. Open the new referral to continue.',
  ],
  REFERRAL_NOT_POLICE: [
    409,
    'Nomor laporan polisi dan status penyidikan hanya dicatat oleh Unit PPA kepolisian.',
    'Only a police PPA unit records the police report number and the investigation status.',
  ],
  ORG_INACTIVE: [
    409,
    'Lembaga ini tidak aktif di direktori layanan.',
    'This organisation is not active in the service directory.',
  ],
  TRANSFER_TARGET_INVALID: [
    400,
    'Tujuan pelimpahan tidak sesuai: pilih UPTD PPA kabupaten/kota lain, atau UPTD PPA provinsi Anda.',
    'The transfer target is not valid: choose another district/city UPTD PPA, or your province UPTD PPA.',
  ],
  TRANSFER_PENDING: [
    409,
    'Kasus ini sudah memiliki pelimpahan yang menunggu keputusan.',
    'This case already has a transfer waiting for a decision.',
  ],
  NATIONAL_ALREADY_FLAGGED: [
    409,
    'Kasus ini sudah ditandai untuk layanan rujukan akhir KemenPPPA.',
    'This case is already flagged for the KemenPPPA final-referral service.',
  ],
  TRANSFER_STATE: [
    409,
    'Pelimpahan ini sudah diputuskan atau dibatalkan.',
    'This transfer has already been decided or cancelled.',
  ],
  JOIN_REQUEST_STATE: [
    409,
    'Permohonan bergabung ini sudah diputuskan.',
    'This request to join has already been decided.',
  ],
  DOCUMENT_NOT_PDF: [
    415,
    'Dokumen perjanjian harus berkas PDF.',
    'The agreement document must be a PDF file.',
  ],
  DOCUMENT_TOO_LARGE: [413, 'Dokumen melebihi 10 MB.', 'The document is larger than 10 MB.'],
  INVALID_VERIFICATION_CODE: [
    404,
    'Kode verifikasi tidak dikenal. Periksa kembali kode pada surat.',
    'Unknown verification code. Check the code on the letter again.',
  ],
  AUDIT_EXPORT_TOO_LARGE: [
    400,
    'Hasil terlalu banyak untuk satu unduhan (lebih dari 50.000 baris). Persempit rentang tanggal atau filter lain.',
    'Too many rows for one download (more than 50,000). Narrow the date range or other filters.',
  ],
  TWO_FACTOR_REQUIRED: [
    403,
    'Unduhan ini memuat nama dan NIK, jadi hanya dapat dilakukan dalam sesi yang masuk dengan verifikasi dua langkah. Aktifkan verifikasi dua langkah di halaman Akun (bila belum), lalu keluar dan masuk kembali dengan kodenya.',
    'This download holds names and NIK, so it is only possible in a session signed in with two-step verification. Turn on two-step verification on the Account page (if not yet), then sign out and sign in again with its code.',
  ],
  SIMFONI_EXPORT_TOO_LARGE: [
    400,
    'Terlalu banyak baris untuk satu unduhan SIMFONI (lebih dari 20.000). Persempit periodenya.',
    'Too many rows for one SIMFONI download (more than 20,000). Narrow the period.',
  ],
  KLA_LOCKED: [
    409,
    'Evaluasi KLA ini sudah dikirim ke provinsi dan terkunci. Perubahan hanya dapat dilakukan setelah provinsi mengembalikannya untuk perbaikan.',
    'This KLA evaluation has been submitted to the province and is locked. It can change only after the province returns it for fixes.',
  ],
  KLA_STATE: [
    409,
    'Langkah ini tidak dapat dilakukan pada status evaluasi KLA saat ini. Muat ulang untuk melihat status terbaru.',
    'This step is not possible in the KLA evaluation’s current status. Reload to see its current status.',
  ],
  LOGO_NOT_IMAGE: [415, 'Logo harus berkas PNG atau JPEG.', 'The logo must be a PNG or JPEG file.'],
  LOGO_TOO_LARGE: [
    413,
    'Logo terlalu besar: paling besar 512 KB dan 2000 × 2000 piksel.',
    'The logo is too large: at most 512 KB and 2000 × 2000 pixels.',
  ],
  REPORT_SETTINGS_FIRST: [
    409,
    'Simpan dulu kop laporan (nama Dinas dan kepala), lalu unggah logonya.',
    'Save the letterhead (Dinas and head names) first, then upload its logo.',
  ],
  // prevention activities (issue 12 §1)
  CAMPAIGN_HAS_ACTIVITIES: [
    409,
    'Kampanye ini sudah memiliki kegiatan, jadi tidak dapat dihapus. Ubah atau pindahkan kegiatannya dulu.',
    'This campaign has activities, so it cannot be deleted. Change or move its activities first.',
  ],
  PREVENTION_STATE: [
    409,
    'Kegiatan ini tidak dapat diubah seperti itu sekarang (dibatalkan, sedang ditinjau, atau sudah diterima Dinas).',
    'This activity cannot be changed that way now (cancelled, under review, or accepted by the Dinas).',
  ],
  // coordination meetings (issue 12 §3)
  MEETING_STATE: [
    409,
    'Status rapat tidak dapat diubah seperti itu (rapat yang selesai atau dibatalkan tetap begitu).',
    'The meeting cannot move to that status (a held or cancelled meeting stays so).',
  ],
  MINUTES_FINAL: [
    409,
    'Notulen rapat ini sudah final: daftar hadir dan keputusan tidak dapat diubah lagi. Tindak lanjut tetap dapat ditambah dan diperbarui.',
    'The minutes of this meeting are final: attendance and decisions can no longer change. Follow-ups can still be added and updated.',
  ],
  // training and capacity (issue 12 §2)
  TRAINING_HAS_CERTIFICATES: [
    409,
    'Sertifikat sudah diterbitkan untuk pelatihan atau peserta ini, jadi tidak dapat dihapus. Batalkan kelulusan peserta bila keliru.',
    'Certificates have been issued for this training or participant, so it cannot be deleted. Withdraw the completion if it was a mistake.',
  ],
  TRAINING_NOT_COMPLETED: [
    409,
    'Peserta ini belum dinyatakan lulus/selesai, jadi belum ada sertifikat.',
    'This participant has not completed the training, so there is no certificate yet.',
  ],
  INTERNAL: [
    500,
    'Terjadi kesalahan pada server. Kejadian ini sudah dicatat.',
    'Something went wrong on the server. It has been logged.',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

export type ErrorCode = keyof typeof ERRORS;
export type Locale = 'id' | 'en';

/** An audit event that must be recorded even though the request fails (denials, not-found). */
export type DeniedAccess = {
  action: string;
  entity: string;
  entityId: string | null;
  outcome: 'denied' | 'not_found' | 'failed';
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  /**
   * Recorded by the HTTP error mapper after the failed transaction has rolled back, so the
   * attempt is audited without holding the transaction's connection (PGlite has only one).
   */
  audit: DeniedAccess | undefined;
  constructor(code: ErrorCode, fields?: Record<string, string>, audit?: DeniedAccess) {
    super(code);
    this.code = code;
    this.fields = fields;
    this.audit = audit;
  }
  get status(): number {
    return ERRORS[this.code][0];
  }
}

export function errorMessage(code: ErrorCode, locale: Locale): string {
  const e = ERRORS[code];
  return locale === 'en' ? e[2] : e[1];
}

export function errorBody(code: ErrorCode, locale: Locale, fields?: Record<string, string>) {
  return { error: { code, message: errorMessage(code, locale), ...(fields ? { fields } : {}) } };
}
