/**
 * The `simpul` command (npm run simpul -- <command>):
 *   migrate                                  apply database migrations
 *   seed                                     load region codes (and demo data unless SIMPUL_DEMO=0)
 *   org create --name N --type T --region R  create an organisation (lembaga)
 *   user create --email E --name N --role R --org ORG_ID [--password P]
 *   user disable --email E
 *   user reset-password --email E           prints a temporary password once
 *   audit verify [--head PLACE:MAC …]        check the keyed audit chain against its checkpoints
 *                                            (and heads from the auditors' daily e-mail);
 *                                            exit 2 naming the first problem
 *   stats rebuild                            count every month of the dashboard's figures again
 *                                            from the case tables (the job worker keeps them)
 *   stats publish                            publish the public statistics through the last whole
 *                                            month now (the job worker does it each month)
 *   backup <file.tar.gz>                     (embedded database) write a backup (data only)
 *   restore <file.tar.gz> [--key FILE]       (embedded database) restore into an empty DATA_DIR,
 *                                            installing the backed-up key FILE outside it
 * On the embedded database every command first takes DATA_DIR's lock: while the server (or
 * another command) has the folder open, the command refuses with one sentence and exit code 75.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chainAudit } from '../app/audit/chain-audit.ts';
import { type VerifyReport, verifyAudit } from '../app/audit/verify-audit.ts';
import { logKeySource, openServices } from '../app/boot.ts';
import { audit, type Services, type Tx } from '../app/context.ts';
import { Keyring } from '../app/crypto.ts';
import { checkKey, KeyMismatchError } from '../app/key-check.ts';
import { hashPassword } from '../app/passwords.ts';
import { publishDueSnapshot } from '../app/stats/publish-snapshot.ts';
import { rebuildAllStats } from '../app/stats/refresh.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { getOrganisation } from '../db/admin.repository.ts';
import { countAllCases } from '../db/case.repository.ts';
import { connect } from '../db/connect.ts';
import { DataDirInUseError, type DataDirLock, lockDataDir } from '../db/data-dir-lock.ts';
import { migrate } from '../db/migrate.ts';
import { insertOrganisation } from '../db/organisation.repository.ts';
import { getRegion } from '../db/region.repository.ts';
import {
  disableUser,
  findUserByEmail,
  insertUser,
  resetUserCredentials,
  revokeUserSessions,
} from '../db/user.repository.ts';
import { type ChainHead, parseHead } from '../domain/audit-chain.ts';
import { passwordProblem } from '../domain/password.ts';
import { jurisdictionOf, ROLES, type Role } from '../domain/policy.ts';
import { ORG_TYPES } from '../domain/taxonomies.ts';
import { embeddedKeyPath, loadMasterKey, writeKeyFile } from '../keys.ts';
import { createLogger } from '../logger.ts';

const out = (s: string) => process.stdout.write(`${s}\n`);
class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  const cfg = loadConfig({ ...process.env, SIMPUL_DEMO: process.env.SIMPUL_DEMO ?? '0' });
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  // the embedded database has one process at a time: refuse while the server has it open
  const lock = cfg.databaseUrl ? undefined : lockDataDir(cfg.dataDir);
  if (cmd === 'backup' || cmd === 'restore') return backupRestore(cmd, sub, rest, cfg, lock!);
  if (cmd === 'migrate') {
    logKeySource(log, loadMasterKey(cfg));
    const conn = await connect({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, lock });
    try {
      const r = await migrate(conn);
      out(
        r.applied.length
          ? `Migrasi diterapkan: ${r.applied.join(', ')}`
          : 'Basis data sudah mutakhir (tidak ada migrasi baru).',
      );
    } finally {
      await conn.close();
    }
    return 0;
  }
  const svc = await openServices(cfg, log, { seed: cmd === 'seed', lock });
  const db = svc.conn.db;
  try {
    if (cmd === 'seed') {
      out(`Kode wilayah dimuat${process.env.SIMPUL_DEMO === '1' ? ' beserta data demo.' : '.'}`);
      return 0;
    }
    if (cmd === 'audit' && sub === 'verify') {
      const { values } = parseArgs({ args: rest, options: { head: { type: 'string', multiple: true } } });
      const heads: ChainHead[] = [];
      for (const text of values.head ?? []) {
        const h = parseHead(text);
        if (!h)
          throw new UsageError(
            `--head harus berbentuk URUTAN:MAC seperti dalam e-mail jangkar harian: ${text}`,
          );
        heads.push(h);
      }
      return reportVerify(await verifyAudit(svc, { heads }));
    }
    if (cmd === 'stats' && sub === 'rebuild') {
      // every month of every kab/kota counted again from the case tables (decision 024)
      const months = await rebuildAllStats(svc);
      out(`Angka dasbor dihitung ulang: ${months} bulan kab/kota.`);
      return 0;
    }
    if (cmd === 'stats' && sub === 'publish') {
      // the public statistics' snapshot through the last whole month, if there is none yet (decision 026)
      const r = await publishDueSnapshot(svc, cfg.publicStatsMinCell);
      out(
        r.published
          ? `Statistik publik diterbitkan sampai ${r.throughMonth.slice(0, 7)} (${r.cells} sel).`
          : `Tidak diterbitkan: ${
              {
                exists: 'cuplikan bulan ini sudah ada',
                busy: 'proses lain sedang menerbitkan',
                rollup_behind: 'angka belum selesai dihitung; coba lagi sebentar lagi',
                no_data: 'belum ada data',
              }[r.reason]
            }.`,
      );
      return 0;
    }
    if (cmd === 'org' && sub === 'create') {
      const { values } = parseArgs({
        args: rest,
        options: {
          name: { type: 'string' },
          type: { type: 'string' },
          region: { type: 'string' },
          phone: { type: 'string' },
          address: { type: 'string' },
        },
      });
      if (!values.name || !values.type || !values.region)
        throw new UsageError('org create --name NAMA --type JENIS --region KODE_WILAYAH');
      if (!ORG_TYPES.some((t) => t.code === values.type))
        throw new UsageError(`--type harus salah satu dari: ${ORG_TYPES.map((t) => t.code).join(', ')}`);
      const region = await getRegion(db, values.region);
      if (!region) throw new UsageError(`Kode wilayah ${values.region} tidak dikenal.`);
      const id = randomUUID();
      await insertOrganisation(db, {
        id,
        name: values.name,
        type: values.type,
        region_code: values.region,
        jurisdiction: jurisdictionOf(values.region),
        phone: values.phone ?? null,
        address: values.address ?? null,
      });
      await cliAudit(svc, {
        action: 'organisation.create',
        entity: 'organisation',
        entityId: id,
        outcome: 'ok',
        detail: { via: 'cli' },
      });
      out(`Lembaga dibuat: ${id}`);
      return 0;
    }
    if (cmd === 'user') {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string' },
          org: { type: 'string' },
          password: { type: 'string' },
        },
      });
      const email = values.email?.trim().toLowerCase();
      if (!email) throw new UsageError('--email wajib diisi');
      if (sub === 'create') {
        if (!values.name || !values.role || !values.org)
          throw new UsageError(
            'user create --email E --name NAMA --role PERAN --org ID_LEMBAGA [--password P]',
          );
        if (!ROLES.includes(values.role as Role))
          throw new UsageError(`--role harus salah satu dari: ${ROLES.join(', ')}`);
        const org = await getOrganisation(db, values.org);
        if (!org) throw new UsageError(`Lembaga ${values.org} tidak ditemukan.`);
        const password = values.password ?? randomBytes(12).toString('base64url');
        const problem = passwordProblem(password, [email, values.name]);
        if (problem)
          throw new UsageError('Kata sandi terlalu lemah: minimal 12 karakter dan bukan kata sandi umum.');
        if (await findUserByEmail(db, email)) throw new UsageError(`Email ${email} sudah dipakai akun lain.`);
        const id = randomUUID();
        await insertUser(db, {
          id,
          email,
          name: values.name,
          role: values.role as Role,
          org_id: values.org,
          password_hash: await hashPassword(password),
        });
        await cliAudit(svc, {
          action: 'user.create',
          entity: 'user',
          entityId: id,
          outcome: 'ok',
          detail: { role: values.role, via: 'cli' },
        });
        out(
          `Pengguna dibuat: ${email}${values.password ? '' : `\nKata sandi sementara (tampil sekali): ${password}`}`,
        );
        out('Pengguna wajib mengaktifkan verifikasi dua langkah saat pertama kali masuk.');
        return 0;
      }
      const user = await findUserByEmail(db, email);
      if (!user) throw new UsageError(`Pengguna ${email} tidak ditemukan.`);
      if (sub === 'disable') {
        await db.transaction().execute(async (trx) => {
          await disableUser(trx, user.id, new Date());
          await revokeUserSessions(trx, user.id, new Date());
          await cliAudit(
            { ...svc, db: trx },
            {
              action: 'user.update',
              entity: 'user',
              entityId: user.id,
              outcome: 'ok',
              detail: { disabled: true, via: 'cli' },
            },
          );
        });
        out(`Pengguna dinonaktifkan: ${email}`);
        return 0;
      }
      if (sub === 'reset-password') {
        const password = randomBytes(12).toString('base64url');
        const now = new Date();
        const hash = await hashPassword(password);
        await db.transaction().execute(async (trx) => {
          await resetUserCredentials(trx, user.id, { passwordHash: hash, now });
          await revokeUserSessions(trx, user.id, now);
          await cliAudit(
            { ...svc, db: trx },
            {
              action: 'user.reset_password',
              entity: 'user',
              entityId: user.id,
              outcome: 'ok',
              detail: { via: 'cli' },
            },
          );
        });
        out(
          `Kata sandi sementara untuk ${email} (tampil sekali): ${password}\nVerifikasi dua langkah direset; pengguna mendaftar ulang saat masuk.`,
        );
        return 0;
      }
    }
    throw new UsageError(
      'Perintah tidak dikenal. Lihat: migrate | seed | org create | user create|disable|reset-password | audit verify | stats rebuild|publish | backup | restore',
    );
  } finally {
    // what this command audited is chained before it ends (verify itself writes nothing)
    if (!(cmd === 'audit' && sub === 'verify'))
      await chainAudit(svc, { checkpoint: 'now' }).catch((e: Error) =>
        process.stderr.write(`Rantai audit tidak diperpanjang / audit chain not extended: ${e.message}\n`),
      );
    await svc.conn.close();
  }
}

/** `audit verify` in words: exit 0 when intact, 2 naming the first problem. */
function reportVerify(r: VerifyReport): number {
  const anchors =
    r.anchors.checkpoints + r.anchors.heads > 0
      ? ` Dicocokkan dengan ${r.anchors.checkpoints} titik jangkar${r.anchors.heads ? ` dan ${r.anchors.heads} kepala dari e-mail` : ''}. / Matched against ${r.anchors.checkpoints} checkpoints${r.anchors.heads ? ` and ${r.anchors.heads} e-mailed heads` : ''}.`
      : ' Belum ada titik jangkar di luar basis data. / No checkpoint outside the database yet.';
  const waiting =
    r.unchained.count > 0
      ? `\n${r.unchained.count} kejadian belum dirangkai (terlama ${r.unchained.oldestAt}); Simpul merangkainya saat berjalan. / ${r.unchained.count} events not chained yet.`
      : '';
  if (r.unchained.stale)
    process.stderr.write(
      `Peringatan: ada kejadian yang belum dirangkai lebih dari 10 menit — apakah server Simpul berjalan? / Warning: events unchained for over 10 minutes — is the Simpul server running?\n`,
    );
  if (r.ok) {
    out(
      `Rantai audit utuh: ${r.checked} kejadian diperiksa. / Audit chain intact: ${r.checked} events checked.${anchors}${waiting}`,
    );
    return 0;
  }
  const p = r.problem!;
  const at = p.anchorAt === 'e-mail' ? 'kepala dari e-mail' : `titik jangkar ${p.anchorAt}`;
  const atEn = p.anchorAt === 'e-mail' ? 'the e-mailed head' : `the checkpoint of ${p.anchorAt}`;
  const text: Record<typeof p.kind, string> = {
    changed: `Rantai audit RUSAK pada kejadian #${p.eventId} (urutan ${p.seq}): isinya diubah, atau rantai dihitung ulang tanpa kunci. / Audit chain BROKEN at event #${p.eventId} (place ${p.seq}): changed, or recomputed without the key.`,
    deleted: `Rantai audit RUSAK: kejadian #${p.eventId} (urutan ${p.seq}) dihapus. / Audit chain BROKEN: event #${p.eventId} (place ${p.seq}) was deleted.`,
    gap: `Rantai audit RUSAK sebelum kejadian #${p.eventId} (urutan ${p.seq}): kejadian sebelumnya dihapus. / Audit chain BROKEN before event #${p.eventId} (place ${p.seq}): earlier events were deleted.`,
    anchor_mismatch: `Rantai audit RUSAK pada kejadian #${p.eventId} (urutan ${p.seq}): tidak sama dengan ${at}. / Audit chain BROKEN at event #${p.eventId} (place ${p.seq}): it differs from ${atEn}.`,
    truncated: `Rantai audit TERPOTONG: kejadian terbaru dihapus — rantai berakhir di urutan ${r.head?.seq ?? 0}, padahal ${at} mencatat urutan ${p.seq}. / Audit chain TRUNCATED: the newest events were deleted — the chain ends at place ${r.head?.seq ?? 0}, but ${atEn} recorded place ${p.seq}.`,
    anchor_tampered: `Berkas titik jangkar ${r.anchors.file} baris ${p.line} tidak bertanda tangan sah: berkas itu diubah. / Checkpoint file line ${p.line} is not validly signed: the file was changed.`,
  };
  process.stderr.write(
    `${text[p.kind]} ${r.checked} kejadian sebelumnya utuh. / ${r.checked} earlier events intact.\n`,
  );
  return 2;
}

/** Operator actions from the command line are audited like any other, with no signed-in actor. */
function cliAudit(svc: Services & { db?: Tx }, event: Parameters<typeof audit>[2]) {
  return audit(
    { ...svc, actor: null, meta: { ip: null, userAgent: 'simpul-cli', requestId: null } },
    svc.db ?? svc.conn.db,
    event,
  );
}

async function backupRestore(
  cmd: 'backup' | 'restore',
  file: string | undefined,
  rest: string[],
  cfg: ReturnType<typeof loadConfig>,
  lock: DataDirLock,
): Promise<number> {
  if (cfg.databaseUrl) throw new UsageError('Untuk PostgreSQL gunakan pg_dump / pg_restore (lihat README).');
  if (!file)
    throw new UsageError(`${cmd} <berkas.tar.gz>${cmd === 'restore' ? ' [--key BERKAS_KUNCI]' : ''}`);
  const dir = join(cfg.dataDir, 'pglite');
  if (cmd === 'backup') {
    // the key never goes where the data goes: not into the backup, not beside the key
    const keyPath = cfg.keyFile ?? (cfg.encryptionKey ? null : embeddedKeyPath(cfg));
    if (keyPath && resolve(dirname(file)) === resolve(dirname(keyPath)))
      throw new UsageError(
        `Jangan simpan cadangan data di folder kunci (${dirname(keyPath)}): simpan data dan kunci di tempat berbeda.`,
      );
    const conn = await connect({ dataDir: cfg.dataDir, lock });
    try {
      const blob = await conn.pglite!.dumpDataDir('gzip');
      writeFileSync(file, Buffer.from(await blob.arrayBuffer()), { mode: 0o600 });
      out(
        `Cadangan data ditulis ke ${file}. Kunci enkripsi TIDAK termasuk${keyPath ? ` (kunci: ${keyPath})` : ' (kunci dari SIMPUL_ENCRYPTION_KEY)'}: cadangkan kunci di tempat lain, terpisah dari berkas ini. / Data backup written to ${file}; the encryption key is NOT in it: back the key up somewhere else.`,
      );
    } finally {
      await conn.close();
    }
    return 0;
  }
  const { values } = parseArgs({ args: rest, options: { key: { type: 'string' } } });
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new UsageError(`${dir} tidak kosong. Pulihkan ke DATA_DIR yang kosong.`);
  const key = values.key ? readKeyFile(values.key) : null;
  const blob = new Blob([readFileSync(file)]);
  const conn = await connect({ dataDir: cfg.dataDir, loadDataDir: blob, lock });
  try {
    const n = await countAllCases(conn.db);
    if (key) {
      try {
        await checkKey(conn.db, new Keyring(key));
      } catch (e) {
        if (!(e instanceof KeyMismatchError)) throw e;
        throw new UsageError(
          `Kunci ${values.key} tidak cocok dengan cadangan ini: data sudah dipulihkan ke ${dir}, kunci tidak dipasang; pasang kunci yang benar di ${cfg.keyFile ?? embeddedKeyPath(cfg)}. / The key does not match this backup: the data was restored, the key was not installed.`,
        );
      }
      if (cfg.keyFile || cfg.encryptionKey)
        out(
          `Dipulihkan ke ${dir}: ${n} kasus. Kunci cocok; Simpul memakai kunci dari SIMPUL_KEY_FILE / SIMPUL_ENCRYPTION_KEY.`,
        );
      else {
        const keyPath = embeddedKeyPath(cfg);
        writeKeyFile(keyPath, key);
        out(`Dipulihkan ke ${dir}: ${n} kasus. Kunci dipasang di ${keyPath}.`);
      }
    } else
      out(
        `Dipulihkan ke ${dir}: ${n} kasus. Pasang kunci enkripsi yang sama sebelum menjalankan Simpul: ${cfg.keyFile ?? (cfg.encryptionKey ? 'SIMPUL_ENCRYPTION_KEY' : embeddedKeyPath(cfg))} (atau ulangi dengan --key BERKAS_KUNCI).`,
      );
  } finally {
    await conn.close();
  }
  return 0;
}

function readKeyFile(path: string): Buffer {
  if (!existsSync(path)) throw new UsageError(`Berkas kunci ${path} tidak ada.`);
  const k = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (k.length !== 32) throw new UsageError(`${path} tidak berisi kunci 32 byte (base64).`);
  return k;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError || e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(64);
    }
    if (e instanceof DataDirInUseError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(75); // EX_TEMPFAIL: try again when the server is stopped
    }
    if (e instanceof KeyMismatchError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  },
);
