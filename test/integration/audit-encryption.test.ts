import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainAudit } from '../../src/app/audit/chain-audit.ts';
import { flushRejections } from '../../src/app/audit/record-rejection.ts';
import { verifyAudit } from '../../src/app/audit/verify-audit.ts';
import { Keyring } from '../../src/app/crypto.ts';
import { checkKey, KeyMismatchError } from '../../src/app/key-check.ts';
import { connect } from '../../src/db/connect.ts';
import { asDatabaseHolder } from '../helpers/audit.ts';
import { pngBytes } from '../helpers/files.ts';
import {
  type Client,
  createHarness,
  DEMO_PASSWORD,
  ENGINES,
  type Harness,
  openFullCase,
} from '../helpers/harness.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

type AuditItem = {
  id: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  ip: string | null;
  requestId: string | null;
  outcome: string;
  words?: { id: string; en: string };
};

describe.each(ENGINES)('audit trail on %s', (engine) => {
  let h: Harness;
  let m: Client;
  let auditor: Client;
  let caseId: string;
  const auditFor = async (query: string) => {
    const r = await auditor.get(`/api/v1/audit?${query}&pageSize=200`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.items as AuditItem[];
  };
  const userId = async (c: Client) => (await c.get('/api/v1/auth/me')).body.user.id as string;

  beforeAll(async () => {
    h = await createHarness(engine);
    m = await h.as('manajer@lebak.demo');
    auditor = await h.as('auditor@lebak.demo');
    ({ id: caseId } = await openFullCase(m));
  });
  afterAll(async () => h?.close());

  it('a case read is audited with actor, action, outcome, ip and request id', async () => {
    const requestId = `uji-baca-${randomBytes(6).toString('hex')}`;
    const r = await m.req('GET', `/api/v1/cases/${caseId}`, undefined, { 'x-request-id': requestId });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-request-id')).toBe(requestId);
    const events = await auditFor(`entity=case&entityId=${caseId}`);
    const read = events.find((e) => e.action === 'case.read' && e.requestId === requestId);
    expect(read, JSON.stringify(events.map((e) => [e.action, e.requestId]))).toBeDefined();
    expect(read).toMatchObject({
      actorId: await userId(m),
      actorName: 'Demo manajer lebak',
      actorRole: 'manajer',
      outcome: 'ok',
      ip: '127.0.0.9',
      entity: 'case',
      entityId: caseId,
    });
    // reading twice leaves two events
    await m.get(`/api/v1/cases/${caseId}`);
    const after = await auditFor(`entity=case&entityId=${caseId}`);
    expect(after.filter((e) => e.action === 'case.read').length).toBe(
      events.filter((e) => e.action === 'case.read').length + 1,
    );
  });

  it('a Serang user trying the Lebak case leaves an event with outcome not_found', async () => {
    const s = await h.as('manajer@serang.demo');
    const requestId = `uji-serang-${randomBytes(6).toString('hex')}`;
    const r = await s.req('GET', `/api/v1/cases/${caseId}`, undefined, { 'x-request-id': requestId });
    expect(r.status).toBe(404);
    const e = (await auditFor(`entity=case&entityId=${caseId}`)).find((x) => x.requestId === requestId);
    expect(e).toMatchObject({
      action: 'case.read',
      outcome: 'not_found',
      actorId: await userId(s),
      actorRole: 'manajer',
      ip: '127.0.0.9',
    });
  });

  it('failed sign-ins are audited with outcome failed (known and unknown e-mail)', async () => {
    const p = await h.as('pengaduan@lebak.demo');
    const pid = await userId(p);
    const before = (await auditFor(`entity=user&entityId=${pid}&action=auth.login`)).filter(
      (e) => e.outcome === 'failed',
    ).length;
    const wrong = await h.anon.post('/api/v1/auth/login', {
      email: 'pengaduan@lebak.demo',
      password: 'Sandi-Yang-Salah-77',
    });
    expect(wrong.status).toBe(401);
    const events = await auditFor(`entity=user&entityId=${pid}&action=auth.login`);
    const failed = events.filter((e) => e.outcome === 'failed');
    expect(failed.length).toBe(before + 1);
    expect(failed[0]).toMatchObject({ actorId: null, ip: '127.0.0.9' });
    expect(events.some((e) => e.outcome === 'ok')).toBe(true);

    const unknownBefore = (await auditFor('entity=user&action=auth.login')).filter(
      (e) => e.outcome === 'failed' && e.entityId === null,
    ).length;
    // an e-mail without an account: counted with its source's others of the minute, written
    // as one row with the count when the minute is over (issue 9 §9)
    await h.anon.post('/api/v1/auth/login', { email: 'orang.asing@contoh.test', password: DEMO_PASSWORD });
    await h.anon.post('/api/v1/auth/login', { email: 'orang.lain@contoh.test', password: DEMO_PASSWORD });
    h.now.value = new Date(h.now.value.getTime() + 61_000);
    await flushRejections(h.svc);
    const unknown = (await auditFor('entity=user&action=auth.login')).filter(
      (e) => e.outcome === 'failed' && e.entityId === null,
    );
    expect(unknown.length).toBe(unknownBefore + 1);
    expect(unknown[0]).toMatchObject({
      actorId: null,
      words: { id: 'gagal masuk: e-mail tidak terdaftar (2× dalam satu menit)' },
    });
  });

  it('only the auditor reads the audit log', async () => {
    for (const email of ['manajer@lebak.demo', 'admin@lebak.demo', 'pimpinan@lebak.demo']) {
      const r = await (await h.as(email)).get('/api/v1/audit');
      expect(r.status, email).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('the case access log is for the manajer; an assigned pendamping gets 403 FORBIDDEN', async () => {
    const log = await m.get(`/api/v1/cases/${caseId}/access-log`);
    expect(log.status).toBe(200);
    // grouped by person and day (issue 8 §5); the lines keep their action codes
    const lines = (log.body.items as Array<{ items: Array<{ action: string; outcome: string }> }>).flatMap(
      (g) => g.items,
    );
    const actions = lines.map((e) => e.action);
    expect(actions).toContain('case.read');
    expect(actions).toContain('case.create');
    expect(lines.some((e) => e.outcome === 'not_found')).toBe(true);

    const pendamping = await h.as('pendamping@lebak.demo');
    const pid = await userId(pendamping);
    // not assigned yet: the case is invisible to the pendamping
    expect((await pendamping.get(`/api/v1/cases/${caseId}/access-log`)).body.error.code).toBe('NOT_FOUND');
    const c = (await m.get(`/api/v1/cases/${caseId}`)).body;
    const assign = await m.post(`/api/v1/cases/${caseId}/assign`, {
      version: c.version,
      companionIds: [pid],
    });
    expect(assign.status, JSON.stringify(assign.body)).toBe(200);
    const view = await pendamping.get(`/api/v1/cases/${caseId}`);
    expect(view.status).toBe(200);
    expect(view.body.permissions.accessLog).toBe(false);
    const denied = await pendamping.get(`/api/v1/cases/${caseId}/access-log`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    const mine = (await auditFor(`entity=case&entityId=${caseId}`)).filter(
      (e) => e.actorId === pid && e.action === 'case.access_log',
    );
    expect(mine.map((e) => e.outcome)).toEqual(['denied', 'not_found']);
  });

  // BUG: listAudit (src/db/admin.repository.ts) strips '_' from the action filter instead of
  // escaping it, so no action with an underscore (case.access_log, user.reset_password, …) is found.
  it('the auditor can filter by an action whose name has an underscore', async () => {
    expect((await m.get(`/api/v1/cases/${caseId}/access-log`)).status).toBe(200);
    const all = (await auditFor(`entity=case&entityId=${caseId}`)).filter(
      (e) => e.action === 'case.access_log',
    );
    expect(all.length).toBeGreaterThan(0);
    const filtered = await auditFor(`entity=case&entityId=${caseId}&action=case.access_log`);
    expect(filtered.map((e) => e.id)).toEqual(all.map((e) => e.id));
  });

  it('the auditor can filter by action prefix', async () => {
    const filtered = await auditFor(`entity=case&entityId=${caseId}&action=case.read`);
    expect(filtered.length).toBeGreaterThan(1);
    expect(filtered.every((e) => e.action === 'case.read')).toBe(true);
  });

  it('verify notices a changed row and a deleted row', async () => {
    const db = h.svc.conn.db;
    await chainAudit(h.svc);
    const ok = await verifyAudit(h.svc);
    expect(ok.ok).toBe(true);
    const ids = (await db.selectFrom('audit_chain').select('event_id').orderBy('seq').execute()).map((r) =>
      String(r.event_id),
    );
    expect(ok.checked).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(10);

    const target = ids[Math.floor(ids.length / 2)]!;
    const orig = await db
      .selectFrom('audit_event')
      .select('action')
      .where(sql<boolean>`id = ${target}::bigint`)
      .executeTakeFirstOrThrow();
    await asDatabaseHolder(db, (trx) =>
      sql`UPDATE audit_event SET action = 'case.read_disamarkan' WHERE id = ${target}::bigint`.execute(trx),
    );
    const changed = await verifyAudit(h.svc);
    expect(changed).toMatchObject({ ok: false, problem: { kind: 'changed', eventId: target } });
    // putting the original back makes the chain whole again
    await asDatabaseHolder(db, (trx) =>
      sql`UPDATE audit_event SET action = ${orig.action} WHERE id = ${target}::bigint`.execute(trx),
    );
    expect((await verifyAudit(h.svc)).ok).toBe(true);

    const gone = ids[Math.floor(ids.length / 3)]!;
    await asDatabaseHolder(db, (trx) => sql`DELETE FROM audit_event WHERE id = ${gone}::bigint`.execute(trx));
    const deleted = await verifyAudit(h.svc);
    expect(deleted).toMatchObject({ ok: false, problem: { kind: 'deleted', eventId: gone } });
    // deleting its place in the chain too leaves a gap
    const next = ids[ids.indexOf(gone) + 1]!;
    await asDatabaseHolder(db, (trx) =>
      sql`DELETE FROM audit_chain WHERE event_id = ${gone}::bigint`.execute(trx),
    );
    expect(await verifyAudit(h.svc)).toMatchObject({ ok: false, problem: { kind: 'gap', eventId: next } });
  });
});

describe('simpul audit verify (CLI, embedded database)', () => {
  let dir: string;
  const env = () => {
    const e: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) e[k] = v;
    for (const k of [
      'DATABASE_URL',
      'SIMPUL_ENCRYPTION_KEY',
      'SIMPUL_KEY_FILE',
      'TEST_DATABASE_URL',
      'NODE_OPTIONS',
    ])
      delete e[k];
    return { ...e, DATA_DIR: dir, SIMPUL_REGIONS: '36', SIMPUL_DEMO: '1', LOG_LEVEL: 'warn' };
  };
  const cli = async (...args: string[]) => {
    try {
      const r = await run(process.execPath, ['src/cli/simpul.ts', ...args], {
        cwd: ROOT,
        env: env(),
        maxBuffer: 16 * 1024 * 1024,
      });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const x = e as { code?: number; stdout?: string; stderr?: string };
      return {
        code: typeof x.code === 'number' ? x.code : -1,
        stdout: x.stdout ?? '',
        stderr: x.stderr ?? '',
      };
    }
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'simpul-cli-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (dir) rmSync(`${dir}-audit-anchor`, { recursive: true, force: true });
  });

  it('exits 0 for an intact chain and non-zero, naming the row, after tampering', {
    timeout: 240_000,
  }, async () => {
    const mig = await cli('migrate');
    expect(mig.code, mig.stderr).toBe(0);
    const seed = await cli('seed');
    expect(seed.code, seed.stderr).toBe(0);
    const ok = await cli('audit', 'verify');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('utuh');
    const checked = Number(/(\d+) kejadian diperiksa/.exec(ok.stdout)?.[1]);
    expect(checked).toBeGreaterThan(100);
    // each command chains what it audited and anchors the head outside DATA_DIR
    expect(ok.stdout).toMatch(/Dicocokkan dengan [1-9]\d* titik jangkar/);
    expect(readdirSync(`${dir}-audit-anchor`)).toHaveLength(1);
    const usage = await cli('audit', 'verify', '--head', 'bukan-kepala');
    expect(usage.code).toBe(64);
    expect(usage.stderr).toContain('URUTAN:MAC');

    const conn = await connect({ dataDir: dir });
    try {
      const before = await conn.db
        .selectFrom('audit_event')
        .select('outcome')
        .where(sql<boolean>`id = 5`)
        .executeTakeFirstOrThrow();
      // flip the outcome so the row really changes ('ok' → 'denied', anything else → 'ok')
      const flipped = before.outcome === 'ok' ? 'denied' : 'ok';
      // the application cannot change an audit row; someone holding the database can
      await expect(
        sql`UPDATE audit_event SET outcome = ${flipped} WHERE id = 5`.execute(conn.db),
      ).rejects.toThrow(/append-only/);
      const r = await asDatabaseHolder(conn.db, (trx) =>
        sql`UPDATE audit_event SET outcome = ${flipped} WHERE id = 5`.execute(trx),
      );
      expect(Number(r.numAffectedRows)).toBe(1);
    } finally {
      await conn.close();
    }
    const bad = await cli('audit', 'verify');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('#5');
    expect(bad.stdout).not.toContain('utuh');
  });
});

describe.each(ENGINES)('encryption at rest on %s', (engine) => {
  let h: Harness;
  let m: Client;

  /** Personal data entered the plain way (no Idempotency-Key). */
  const A = {
    name: 'Kartika Sulistyowati',
    nik: '3602014507900003',
    phone: '081299887766',
    address: 'Gang Melati Nomor Tujuh',
    chronology: 'Kronologi rahasia uji XYZZY',
    note: 'Catatan rahasia PLUGH',
    marker: 'ATTACHMENT-MARKER-QWERTY',
  };
  /** Personal data entered as the web app does: every create carries an Idempotency-Key. */
  const B = {
    name: 'Larasati Handayani',
    nik: '3602016208950002',
    phone: '081377665544',
    address: 'Jalan Kenanga Blok Sembilan',
    chronology: 'Kronologi rahasia uji FROBOZZ',
    note: 'Catatan rahasia GRUE',
  };
  const secretsOf = (s: Record<string, string>) => {
    const out = new Set<string>(Object.values(s));
    for (const part of s.name!.split(' ')) out.add(part);
    out.add(s.nik!);
    out.add(s.phone!);
    out.add(s.phone!.slice(1)); // 8129…, as stored after a +62 prefix is normalised
    out.add(`62${s.phone!.slice(1)}`);
    for (const word of s.chronology!.split(' ').slice(-1)) out.add(word);
    for (const word of s.note!.split(' ').slice(-1)) out.add(word);
    return [...out];
  };
  const leaks = (text: string, secrets: string[]) => {
    const lower = text.toLowerCase();
    return secrets.filter((s) => lower.includes(s.toLowerCase()));
  };
  let caseA: { id: string; number: string };
  let attachmentA: string;

  const enter = async (s: typeof A | typeof B, withKeys: boolean) => {
    const k = (): Record<string, string> => (withKeys ? { 'idempotency-key': crypto.randomUUID() } : {});
    const c = await m.post(
      '/api/v1/cases',
      { channel: 'datang_langsung', risk: 'tinggi', caseType: 'ktp', authority: 'daerah' },
      k(),
    );
    expect(c.status).toBe(201);
    const v = await m.post(
      `/api/v1/cases/${c.body.id}/persons`,
      {
        role: 'korban',
        name: s.name,
        sex: 'perempuan',
        birthDate: '1990-07-05',
        nik: s.nik,
        phone: s.phone,
        addressDetail: s.address,
        regionCode: '36.02.01.2002',
      },
      k(),
    );
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    const i = await m.post(
      `/api/v1/cases/${c.body.id}/incidents`,
      { date: '2026-01-03', placeCategory: 'rumah_tangga', forms: ['psikis'], chronology: s.chronology },
      k(),
    );
    expect(i.status).toBe(201);
    const n = await m.post(`/api/v1/cases/${c.body.id}/records/note`, { body: s.note }, k());
    expect(n.status).toBe(201);
    return { id: c.body.id as string, number: c.body.number as string };
  };

  /** Every row of every table in schema public, as text. */
  const sqlDump = async () => {
    const db = h.svc.conn.db;
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(
      db,
    );
    expect(tables.rows.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        'person',
        'incident',
        'case_record',
        'attachment',
        'audit_event',
        'idempotency_key',
      ]),
    );
    const parts: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(table_name)} t`.execute(
        db,
      );
      for (const r of rows.rows) parts.push(r.row);
    }
    return parts.join('\n');
  };

  beforeAll(async () => {
    h = await createHarness(engine);
    m = await h.as('manajer@lebak.demo');
    caseA = await enter(A, false);
    const fd = new FormData();
    fd.append('file', new File([pngBytes(A.marker)], 'bukti.png', { type: 'image/png' }));
    const up = await m.post(`/api/v1/cases/${caseA.id}/attachments`, fd);
    expect(up.status).toBe(201);
    attachmentA = up.body.id;
    await enter(B, true);
  });
  afterAll(async () => h?.close());

  it('the API still gives the manajer the plaintext', async () => {
    const c = (await m.get(`/api/v1/cases/${caseA.id}`)).body;
    expect(c.persons[0]).toMatchObject({
      name: A.name,
      nik: A.nik,
      phone: A.phone,
      addressDetail: A.address,
    });
    expect(c.incidents[0].chronology).toBe(A.chronology);
    expect(c.records.find((r: { kind: string }) => r.kind === 'note').data.body).toBe(A.note);
    const file = await h.app.request(`/api/v1/cases/${caseA.id}/attachments/${attachmentA}`, {
      headers: { cookie: m.cookie! },
    });
    expect(Buffer.from(await file.arrayBuffer()).toString('latin1')).toContain(A.marker);
    // and search still finds the case by NIK and phone through the blind indexes
    const found = (await m.get(`/api/v1/cases?q=${A.nik}`)).body.items.map((x: { id: string }) => x.id);
    expect(found).toContain(caseA.id);
  });

  it('no table row holds the personal data in plaintext', async () => {
    const dump = await sqlDump();
    expect(dump).toContain(caseA.number); // the dump really holds the case rows
    expect(leaks(dump, [...secretsOf(A), A.marker])).toEqual([]);
  });

  // BUG: the Idempotency-Key store (src/app/idempotency.ts → idempotency_key.response) keeps the
  // full JSON answer in plaintext: the person's name, NIK, phone and address, the chronology, the note.
  it('no table row holds personal data entered with an Idempotency-Key (as the web app sends)', async () => {
    const dump = await sqlDump();
    expect(leaks(dump, secretsOf(B))).toEqual([]);
  });

  it.runIf(engine === 'postgres')('pg_dump of the database shows none of the personal data', async (ctx) => {
    const candidates = ['/usr/lib/postgresql/15/bin/pg_dump', 'pg_dump'];
    let out: string | null = null;
    for (const bin of candidates) {
      if (bin.startsWith('/') && !existsSync(bin)) continue;
      try {
        out = (
          await run(bin, ['--no-owner', '--dbname', h.databaseUrl!], {
            maxBuffer: 512 * 1024 * 1024,
            encoding: 'latin1',
          })
        ).stdout;
        break;
      } catch (e) {
        if ((e as { code?: string }).code === 'ENOENT') continue;
        throw e;
      }
    }
    if (out === null) {
      ctx.skip('pg_dump not found (neither /usr/lib/postgresql/15/bin/pg_dump nor pg_dump on PATH)');
      return;
    }
    expect(out).toContain('COPY public.person');
    expect(out).toContain(caseA.number);
    expect(leaks(out, [...secretsOf(A), A.marker])).toEqual([]);
  });

  it.runIf(engine === 'pglite')('the raw PGlite data directory shows none of the personal data', async () => {
    const pglite = h.svc.conn.pglite!;
    await pglite.exec('CHECKPOINT');
    const blob = await pglite.dumpDataDir('none');
    const raw = Buffer.from(await blob.arrayBuffer()).toString('latin1');
    expect(raw.length).toBeGreaterThan(1_000_000);
    expect(raw).toContain(caseA.number); // the data files really are in the tarball
    expect(leaks(raw, [...secretsOf(A), A.marker])).toEqual([]);
  });

  it('starting with the wrong key is refused; the right key passes', async () => {
    await expect(checkKey(h.svc.conn.db, new Keyring(randomBytes(32)))).rejects.toBeInstanceOf(
      KeyMismatchError,
    );
    await expect(checkKey(h.svc.conn.db, new Keyring(h.key))).resolves.toBe('ok');
  });
});
