-- The database enforces its code lists (issue 10 §3): a code-list column takes only the codes
-- of its list in src/domain, whatever writes to it (a script, a restore, a future bug).
-- test/integration/schema-mirror.test.ts compares each constraint's codes with the domain's list,
-- so a code added in one place and not the other fails the tests.
ALTER TABLE case_file ADD CONSTRAINT case_file_stage_code CHECK (stage IN ('penerimaan', 'identifikasi', 'asesmen', 'rencana_intervensi', 'layanan', 'pemantauan', 'terminasi'));
ALTER TABLE case_file ADD CONSTRAINT case_file_risk_code CHECK (risk IN ('tinggi', 'sedang', 'rendah'));
ALTER TABLE app_user ADD CONSTRAINT app_user_role_code CHECK (role IN ('admin', 'admin-dinas', 'pengaduan', 'manajer', 'pendamping', 'mitra', 'pimpinan', 'auditor'));
ALTER TABLE person ADD CONSTRAINT person_role_code CHECK (role IN ('korban', 'terlapor', 'pelapor'));
ALTER TABLE case_record ADD CONSTRAINT case_record_kind_code CHECK (kind IN ('assessment', 'plan_item', 'service', 'right', 'note'));
ALTER TABLE referral ADD CONSTRAINT referral_status_code CHECK (status IN ('terkirim', 'diterima', 'ditolak', 'dalam_layanan', 'selesai', 'dibatalkan'));
ALTER TABLE referral ADD CONSTRAINT referral_urgency_code CHECK (urgency IN ('darurat', 'segera', 'biasa'));
ALTER TABLE referral ADD CONSTRAINT referral_consent_basis_code CHECK (consent_basis IN ('persetujuan_korban', 'persetujuan_wali', 'darurat', 'wajib_lapor_tpks'));
ALTER TABLE intake ADD CONSTRAINT intake_status_code CHECK (status IN ('baru', 'ditangani', 'menjadi_kasus', 'digabung', 'diteruskan', 'rujukan_pusat', 'ditutup'));
ALTER TABLE case_transfer ADD CONSTRAINT case_transfer_status_code CHECK (status IN ('diajukan', 'diterima', 'ditolak', 'dibatalkan'));
ALTER TABLE case_transfer ADD CONSTRAINT case_transfer_level_code CHECK (level IN ('kabkota', 'provinsi', 'nasional'));
