/**
 * The keyed audit chain (issue 9 §2, decision 017) on both engines: what someone who holds the
 * database but not the key can no longer hide, the append-only guard, the chainer under a burst
 * and in two processes at once, the checkpoints outside the database and the auditors' daily
 * head, the readers on rows not chained yet — and rejected calls without an account counted
 * instead of written one by one (issue 9 §9).
 */
import { execFile } from 'node:child_process';
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFile } from '../../src/app/audit/anchor-file.ts';
import { chainAudit, forgetChainState } from '../../src/app/audit/chain-audit.ts';
import { flushRejections } from '../../src/app/audit/record-rejection.ts';
import { sendDailyAuditHead } from '../../src/app/audit/send-audit-head.ts';
import { startAuditChainer } from '../../src/app/audit/start-chainer.ts';
import { verifyAudit } from '../../src/app/audit/verify-audit.ts';
import { openServices } from '../../src/app/boot.ts';
import { checkReport } from '../../src/app/intake/report-status.ts';
import { drawFollowUpCode } from '../../src/app/intake/shared.ts';
import { runDueJobs } from '../../src/app/jobs/worker.ts';
import { loadConfig } from '../../src/config.ts';
import { appendAudit } from '../../src/db/audit.repository.ts';
import { CHAIN_GENESIS, chainBody, parseHead } from '../../src/domain/audit-chain.ts';
import type { AppError } from '../../src/domain/errors.ts';
import { RATE_LIMITS } from '../../src/domain/intake.ts';
import { REJECTIONS_PER_SOURCE_PER_WINDOW } from '../../src/domain/rejections.ts';
import { createApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/logger.ts';
import { asDatabaseHolder } from '../helpers/audit.ts';
import {
  type Client,
  createHarness,
  DEMO_PASSWORD,
  ENGINES,
  type Harness,
  openFullCase,
} from '../helpers/harness.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const APP_SECRET = 'rahasia-aplikasi-uji-audit-5d2c';

/** Every audit row with its place in the chain (null: not chained yet). */
const auditRows = (h: Harness) =>
  h.svc.conn.db
    .selectFrom('audit_event as e')
    .leftJoin('audit_chain as c', 'c.event_id', 'e.id')
    .select(['e.id', 'c.seq as chain_seq', 'c.mac as chain_mac', 'e.action', 'e.request_id'])
    .orderBy('e.id')
    .execute();

/** Places in the chain: 1..n with no gap, each row once. */
async function expectOneChain(h: Harness) {
  const rows = await auditRows(h);
  const seqs = rows.map((r) => Number(r.chain_seq)).sort((a, b) => a - b);
  expect(rows.every((r) => r.chain_seq !== null)).toBe(true);
  expect(seqs).toEqual(rows.map((_, i) => i + 1));
  const v = await verifyAudit(h.svc);
  expect(v, JSON.stringify(v.problem)).toMatchObject({ ok: true, checked: rows.length });
  return rows.length;
}

describe.each(ENGINES)('keyed audit chain on %s', (engine) => {
  let h: Harness;
  let m: Client;
  let caseId: string;
  let anchorDir: string;

  beforeAll(async () => {
    h = await createHarness(engine);
    m = await h.as('manajer@lebak.demo');
    ({ id: caseId } = await openFullCase(m));
    anchorDir = mkdtempSync(join(tmpdir(), 'simpul-anchor-'));
  });
  afterAll(async () => {
    await h?.close();
    rmSync(anchorDir, { recursive: true, force: true });
  });

  it('a request only inserts its rows; they are chained afterwards, and every reader sees them before that', async () => {
    const rid = `baca-${randomUUID()}`;
    const r = await m.req('GET', `/api/v1/cases/${caseId}`, undefined, { 'x-request-id': rid });
    expect(r.status).toBe(200);
    const row = (await auditRows(h)).find((x) => x.request_id === rid)!;
    expect(row).toMatchObject({ action: 'case.read', chain_seq: null, chain_mac: null });
    // the auditor's page and the case's access log read rows that are not chained yet
    const auditor = await h.as('auditor@lebak.demo');
    const log = await auditor.get(`/api/v1/audit?entity=case&entityId=${caseId}&pageSize=200`);
    expect(log.body.items.map((i: { requestId: string }) => i.requestId)).toContain(rid);
    const access = await m.get(`/api/v1/cases/${caseId}/access-log`);
    expect(access.status).toBe(200);
    expect(access.body.people.map((p: { name: string }) => p.name).join()).toMatch(/Manajer/i);
    // verify reports them as waiting, and the chain as intact
    const before = await verifyAudit(h.svc);
    expect(before.ok).toBe(true);
    expect(before.unchained.count).toBeGreaterThan(0);
    const c = await chainAudit(h.svc);
    expect(c.chained).toBe(before.unchained.count);
    const after = await verifyAudit(h.svc);
    expect(after).toMatchObject({ ok: true, checked: before.checked + c.chained, unchained: { count: 0 } });
    const again = (await auditRows(h)).find((x) => x.request_id === rid)!;
    expect(again.chain_seq).not.toBeNull();
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of audit rows and of the chain, and a second place for a row', async () => {
    const db = h.svc.conn.db;
    await chainAudit(h.svc);
    const [first] = await auditRows(h);
    const id = first!.id;
    for (const q of [
      sql`UPDATE audit_event SET action = 'x' WHERE id = ${id}::bigint`,
      sql`DELETE FROM audit_event WHERE id = ${id}::bigint`,
      sql`TRUNCATE audit_event`,
      sql`UPDATE audit_chain SET mac = 'x' WHERE event_id = ${id}::bigint`,
      sql`DELETE FROM audit_chain WHERE event_id = ${id}::bigint`,
      sql`TRUNCATE audit_chain`,
    ])
      await expect(q.execute(db)).rejects.toThrow(/append-only/);
    // a row has one place only, and a place one row
    await expect(
      sql`INSERT INTO audit_chain (seq, event_id, mac) VALUES (999999, ${id}::bigint, 'x')`.execute(db),
    ).rejects.toThrow(/unique|duplicate/i);
    await expect(
      sql`INSERT INTO audit_chain (seq, event_id, mac) VALUES (1, 999999, 'x')`.execute(db),
    ).rejects.toThrow(/unique|duplicate/i);
    expect((await verifyAudit(h.svc)).ok).toBe(true);
  });

  it.runIf(engine === 'postgres')(
    'on PostgreSQL nobody keeps UPDATE or DELETE on audit rows, and the documented application role cannot change them',
    async () => {
      const db = h.svc.conn.db;
      // migration 0012 revoked them even from the role that ran it (the owner)
      const owner = await sql<{ privilege_type: string }>`
        SELECT a.privilege_type FROM pg_class c, aclexplode(c.relacl) a
        WHERE c.relname IN ('audit_event', 'audit_chain') AND a.grantee = c.relowner`.execute(db);
      const kept = new Set(owner.rows.map((r) => r.privilege_type));
      expect(kept.has('INSERT') && kept.has('SELECT')).toBe(true);
      for (const p of ['UPDATE', 'DELETE', 'TRUNCATE']) expect(kept.has(p), p).toBe(false);

      // the role setup docs/security.md gives, as written there
      const docs = readFileSync(join(ROOT, 'docs/security.md'), 'utf8');
      const setup = /PostgreSQL with a dedicated application role[\s\S]*?```sql\n([\s\S]*?)```/.exec(
        docs,
      )![1]!;
      const role = `simpul_app_${randomBytes(4).toString('hex')}`;
      await sql.raw(`CREATE ROLE ${role} LOGIN`).execute(db);
      try {
        await sql.raw(setup.replaceAll('simpul_app', role)).execute(db);
        const asApp = <T>(q: string) =>
          db.transaction().execute(async (trx) => {
            await sql.raw(`SET LOCAL ROLE ${role}`).execute(trx);
            return sql.raw<T>(q).execute(trx);
          });
        for (const [t, col] of [
          ['audit_event', 'action'],
          ['audit_chain', 'mac'],
        ] as const) {
          await expect(asApp(`UPDATE ${t} SET ${col} = ${col} WHERE false`)).rejects.toThrow(
            /permission denied/,
          );
          await expect(asApp(`DELETE FROM ${t} WHERE false`)).rejects.toThrow(/permission denied/);
          await expect(asApp(`TRUNCATE ${t}`)).rejects.toThrow(/permission denied/);
          await expect(asApp(`ALTER TABLE ${t} DISABLE TRIGGER USER`)).rejects.toThrow(/must be owner/);
        }
        // what the application does: a row and its chain marker; the chainer's place and clean-up
        const ins = await asApp<{ event_id: string }>(
          `WITH e AS (INSERT INTO audit_event (at, action, outcome) VALUES (now(), 'uji.peran', 'ok') RETURNING id)
           INSERT INTO audit_pending (event_id) SELECT id FROM e RETURNING event_id`,
        );
        expect(ins.rows).toHaveLength(1);

        // and the server starts as that role (migrations already applied by the owner) and signs in
        const url = new URL(h.databaseUrl!);
        url.username = role;
        const cfg = loadConfig({
          DATABASE_URL: url.toString(),
          SIMPUL_ENCRYPTION_KEY: h.key.toString('base64'),
          SIMPUL_REGIONS: '36',
          SIMPUL_DEMO: '0',
        });
        const svc = await openServices(cfg, createLogger('silent'));
        try {
          const app = createApp(svc, { sleep: async () => {}, clientIp: () => '127.0.0.9' });
          const r = await app.request('/api/v1/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-requested-with': 'simpul' },
            body: JSON.stringify({ email: 'manajer@lebak.demo', password: DEMO_PASSWORD }),
          });
          expect(r.status).toBe(200);
        } finally {
          await svc.conn.close();
        }
      } finally {
        await sql.raw(`DROP OWNED BY ${role}; DROP ROLE ${role}`).execute(db);
      }
      await chainAudit(h.svc);
      expect((await verifyAudit(h.svc)).ok).toBe(true);
    },
  );

  it('a burst of 100 audited requests while the chainer runs: every row there, chained once, chain valid', async () => {
    const chainer = startAuditChainer(h.svc, { intervalMs: 5 });
    const ids = Array.from({ length: 100 }, (_, i) => `burst-${i}-${randomUUID()}`);
    const answers = await Promise.all(
      ids.map((rid) => m.req('GET', `/api/v1/cases/${caseId}`, undefined, { 'x-request-id': rid })),
    );
    await chainer.stop();
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200));
    const rows = await auditRows(h);
    const byRequest = new Map(rows.map((r) => [r.request_id, r]));
    for (const rid of ids) {
      expect(byRequest.get(rid)?.action, rid).toBe('case.read');
      expect(byRequest.get(rid)?.chain_seq, rid).not.toBeNull();
    }
    await expectOneChain(h);
  });

  it('a row deleted before it was chained leaves a trace in the chain; rows waiting long are flagged', async () => {
    const db = h.svc.conn.db;
    const row = (action: string, at: Date) => ({
      at,
      actorId: null,
      actorRole: null,
      action,
      entity: null,
      entityId: null,
      ip: null,
      userAgent: null,
      requestId: null,
      outcome: 'ok' as const,
    });
    await chainAudit(h.svc);
    await appendAudit(db, [row('uji.hilang', h.now.value)]);
    const gone = (await auditRows(h)).find((r) => r.action === 'uji.hilang')!.id;
    await asDatabaseHolder(db, (trx) => sql`DELETE FROM audit_event WHERE id = ${gone}::bigint`.execute(trx));
    await chainAudit(h.svc);
    const trace = (await auditRows(h)).filter((r) => r.action === 'audit.row_missing');
    expect(trace).toHaveLength(1);
    expect(trace[0]!.chain_seq).not.toBeNull();
    const detail = await db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'audit.row_missing')
      .executeTakeFirstOrThrow();
    expect(detail.detail).toEqual({ eventIds: [String(gone)] });
    expect((await verifyAudit(h.svc)).ok).toBe(true);

    // a row left waiting for more than 10 minutes: is the chainer running?
    await appendAudit(db, [row('uji.menunggu', new Date(h.now.value.getTime() - 11 * 60_000))]);
    expect((await verifyAudit(h.svc)).unchained).toMatchObject({ count: 1, stale: true });
    await chainAudit(h.svc);
    expect((await verifyAudit(h.svc)).unchained).toMatchObject({ count: 0, stale: false });
  });

  it('recomputing every MAC with a public function (no key) does not fool verify', async () => {
    await chainAudit(h.svc);
    expect((await verifyAudit(h.svc)).ok).toBe(true);
    const db = h.svc.conn.db;
    // what someone holding the database can do: change a row, then recompute the whole chain
    const rows = await db
      .selectFrom('audit_chain as c')
      .innerJoin('audit_event as e', 'e.id', 'c.event_id')
      .select(['c.seq', 'c.mac'])
      .selectAll('e')
      .orderBy('c.seq')
      .execute();
    const victim = rows[Math.floor(rows.length / 2)]!;
    await asDatabaseHolder(db, async (trx) => {
      await sql`UPDATE audit_event SET outcome = 'denied' WHERE id = ${victim.id}::bigint`.execute(trx);
      let prev = CHAIN_GENESIS;
      for (const r of rows) {
        const body = chainBody(Number(r.seq), {
          id: String(r.id),
          at: new Date(r.at),
          actorId: r.actor_id,
          actorRole: r.actor_role,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          ip: r.ip,
          userAgent: r.user_agent,
          requestId: r.request_id,
          outcome: r.id === victim.id ? 'denied' : r.outcome,
          detail: r.detail,
        });
        // SHA-256, or an HMAC under a key of their own: anything but Simpul's key
        const mac =
          Number(r.seq) % 2
            ? createHash('sha256').update(prev).update('\n').update(body).digest('hex')
            : createHmac('sha256', 'kunci-penyerang').update(prev).update('\n').update(body).digest('hex');
        await sql`UPDATE audit_chain SET mac = ${mac} WHERE seq = ${r.seq}::bigint`.execute(trx);
        prev = mac;
      }
    });
    const v = await verifyAudit(h.svc);
    expect(v).toMatchObject({
      ok: false,
      problem: { kind: 'changed', seq: 1, eventId: String(rows[0]!.id) },
    });
    // put the MACs back (keyed, as the chainer wrote them) for the next tests
    await asDatabaseHolder(db, async (trx) => {
      await sql`UPDATE audit_event SET outcome = ${victim.outcome} WHERE id = ${victim.id}::bigint`.execute(
        trx,
      );
      for (const r of rows)
        await sql`UPDATE audit_chain SET mac = ${r.mac} WHERE seq = ${r.seq}::bigint`.execute(trx);
    });
    expect((await verifyAudit(h.svc)).ok).toBe(true);
  });

  it('deleting the newest rows is found through the checkpoint outside the database and the e-mailed head', async () => {
    const svc = { ...h.svc, auditAnchorDir: anchorDir };
    forgetChainState(h.svc);
    for (let i = 0; i < 5; i++) await m.get(`/api/v1/cases/${caseId}`);
    const c = await chainAudit(svc, { checkpoint: 'now' });
    expect(c.refused).toBeNull();
    const file = anchorFile(anchorDir, h.svc.keys);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ seq: c.head!.seq, mac: c.head!.mac });
    const ok = await verifyAudit(svc, { heads: [c.head!] });
    expect(ok).toMatchObject({ ok: true, anchors: { heads: 1 } });
    expect(ok.anchors.checkpoints).toBeGreaterThan(0);

    // cut the last three rows off, with their places, as someone holding the database can
    const db = h.svc.conn.db;
    await asDatabaseHolder(db, async (trx) => {
      const from = c.head!.seq - 2;
      await sql`DELETE FROM audit_event WHERE id IN (SELECT event_id FROM audit_chain WHERE seq >= ${from}::bigint)`.execute(
        trx,
      );
      await sql`DELETE FROM audit_chain WHERE seq >= ${from}::bigint`.execute(trx);
    });
    const cut = await verifyAudit(svc);
    expect(cut).toMatchObject({
      ok: false,
      head: { seq: c.head!.seq - 3 },
      problem: { kind: 'truncated', seq: c.head!.seq },
    });
    // the e-mailed head alone finds it too (e.g. the checkpoint folder was lost)
    const byMail = await verifyAudit(h.svc, { heads: [c.head!] });
    expect(byMail).toMatchObject({ ok: false, problem: { kind: 'truncated', anchorAt: 'e-mail' } });
    // without any anchor nothing shows: that is what the anchors are for
    expect((await verifyAudit(h.svc)).ok).toBe(true);

    // the chainer will not extend the shortened chain (it would sign the cut), in this process or a new one
    await m.get(`/api/v1/cases/${caseId}`);
    const refused = await chainAudit(svc);
    expect(refused.refused).toMatch(/already chained/);
    expect(refused.chained).toBe(0);
    forgetChainState(h.svc);
    const fresh = await chainAudit(svc);
    expect(fresh.refused).toMatch(/already chained/);
    expect((await verifyAudit(svc)).unchained.count).toBeGreaterThan(0);

    // nor be fooled by places removed (rows kept) and marked waiting again after one row was deleted
    await asDatabaseHolder(db, async (trx) => {
      const from = c.head!.seq - 8;
      await sql`DELETE FROM audit_event WHERE id = (SELECT event_id FROM audit_chain WHERE seq = ${from}::bigint)`.execute(
        trx,
      );
      await sql`INSERT INTO audit_pending (event_id) SELECT event_id FROM audit_chain WHERE seq > ${from}::bigint
                ON CONFLICT DO NOTHING`.execute(trx);
      await sql`DELETE FROM audit_chain WHERE seq >= ${from}::bigint`.execute(trx);
    });
    expect((await chainAudit(svc)).refused).toMatch(/already chained/);

    // a checkpoint line changed by hand is found
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(/"seq":(\d+)/, (_, n) => `"seq":${Number(n) + 1}`),
    );
    expect(await verifyAudit(svc)).toMatchObject({
      ok: false,
      problem: { kind: 'anchor_tampered', line: 1 },
    });
  });
});

describe.each(ENGINES)('a cut of the rows chained since the last checkpoint on %s', (engine) => {
  let h: Harness;
  let m: Client;
  let caseId: string;
  let anchorDir: string;
  beforeAll(async () => {
    h = await createHarness(engine);
    m = await h.as('manajer@lebak.demo');
    ({ id: caseId } = await openFullCase(m));
    anchorDir = mkdtempSync(join(tmpdir(), 'simpul-anchor-'));
  });
  afterAll(async () => {
    await h?.close();
    rmSync(anchorDir, { recursive: true, force: true });
  });

  it('is written outside the database as soon as the running chainer sees it, so verify and a restart still find it', async () => {
    const svc = { ...h.svc, auditAnchorDir: anchorDir };
    const anchored = await chainAudit(svc, { checkpoint: 'now' });
    // more rows, chained between checkpoints (the next one is not due yet)
    for (let i = 0; i < 6; i++) await m.get(`/api/v1/cases/${caseId}`);
    const head = (await chainAudit(svc, { checkpoint: 'due' })).head!;
    expect(head.seq).toBeGreaterThan(anchored.head!.seq + 3);
    const lines = () => readFileSync(anchorFile(anchorDir, h.svc.keys), 'utf8').trim().split('\n');
    expect(JSON.parse(lines().at(-1)!)).toMatchObject({ seq: anchored.head!.seq });

    // the newest three rows cut, with their places, by someone holding the database (not the key)
    await asDatabaseHolder(h.svc.conn.db, async (trx) => {
      const from = head.seq - 2;
      await sql`DELETE FROM audit_event WHERE id IN (SELECT event_id FROM audit_chain WHERE seq >= ${from}::bigint)`.execute(
        trx,
      );
      await sql`DELETE FROM audit_chain WHERE seq >= ${from}::bigint`.execute(trx);
    });
    // the last checkpoint is older than the cut: it alone would not show it
    const r = await chainAudit(svc);
    expect(r.refused).toMatch(/already chained/);
    // … but the running chainer wrote what it knew at once
    expect(JSON.parse(lines().at(-1)!)).toMatchObject({ seq: head.seq, mac: head.mac });

    // the server stops (a kill: no shutdown checkpoint) and starts again
    forgetChainState(h.svc);
    expect(await verifyAudit(svc)).toMatchObject({
      ok: false,
      problem: { kind: 'truncated', seq: head.seq },
    });
    expect((await chainAudit(svc)).refused).toMatch(/already chained/);
  });
});

describe.each(ENGINES)('the chainer in two processes at once on %s', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine);
  });
  afterAll(async () => h?.close());

  const insertSome = async (n: number, tag: string) => {
    for (let i = 0; i < n; i += 10)
      await appendAudit(
        h.svc.conn.db,
        Array.from({ length: Math.min(10, n - i) }, (_, k) => ({
          at: new Date(),
          actorId: null,
          actorRole: null,
          action: 'uji.dua_proses',
          entity: null,
          entityId: `${tag}-${i + k}`,
          ip: null,
          userAgent: null,
          requestId: null,
          outcome: 'ok' as const,
        })),
      );
  };

  it('rows written while two chainers run end up in one chain, each once', { timeout: 120_000 }, async () => {
    if (engine === 'postgres') {
      // two real processes next to this one, which keeps writing
      const until = Date.now() + 3000;
      const env = {
        ...process.env,
        DATABASE_URL: h.databaseUrl!,
        SIMPUL_ENCRYPTION_KEY: h.key.toString('base64'),
        CHAIN_UNTIL: String(until),
      };
      const child = () =>
        run(process.execPath, ['test/helpers/chain-process.ts'], { cwd: ROOT, env, maxBuffer: 1 << 20 });
      const procs = [child(), child()];
      let written = 0;
      while (Date.now() < until - 500) {
        await insertSome(20, `p${written}`);
        written += 20;
      }
      const results = (await Promise.all(procs)).map((r) => JSON.parse(r.stdout.trim().split('\n').at(-1)!));
      expect(results.every((r) => r.refused === 0)).toBe(true);
      const total = await expectOneChain(h);
      expect(results[0].chained + results[1].chained).toBe(total);
      expect(written).toBeGreaterThan(100);
    } else {
      // one embedded database is one process: two chainers in it, racing the writes
      const chainers = [
        startAuditChainer(h.svc, { intervalMs: 1 }),
        startAuditChainer(h.svc, { intervalMs: 1 }),
      ];
      await Promise.all([insertSome(300, 'a'), insertSome(300, 'b'), chainAudit(h.svc), chainAudit(h.svc)]);
      await Promise.all(chainers.map((c) => c.stop()));
      await expectOneChain(h);
    }
  });
});

describe.each(ENGINES)("the auditors' daily head on %s", (engine) => {
  let h: Harness;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    h = await createHarness(engine, { mail: { url: smtp.url, from: 'Simpul <no-reply@simpul.test>' } });
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.stop();
  });

  it('is e-mailed to every auditor once a day, and proves later that the newest rows were deleted', async () => {
    const m = await h.as('manajer@lebak.demo');
    await openFullCase(m);
    await chainAudit(h.svc);
    expect(await sendDailyAuditHead(h.svc)).toBeGreaterThan(0);
    expect(await sendDailyAuditHead(h.svc)).toBe(0); // once a day
    await runDueJobs(h.svc);
    const mails = smtp.mails.filter((x) => x.subject.includes('Jangkar harian log audit'));
    const auditors = await h.svc.conn.db
      .selectFrom('app_user')
      .select('email')
      .where('role', '=', 'auditor')
      .where('disabled', '=', false)
      .execute();
    expect(mails.map((x) => x.to[0]).sort()).toEqual(auditors.map((a) => a.email).sort());
    const text = mails[0]!.text;
    expect(text).toContain('simpul audit verify --head');
    const head = parseHead(/Nomor: (\S+)/.exec(text)![1]!)!;
    expect(head).not.toBeNull();
    expect(await verifyAudit(h.svc, { heads: [head] })).toMatchObject({ ok: true });

    await asDatabaseHolder(h.svc.conn.db, async (trx) => {
      await sql`DELETE FROM audit_event WHERE id IN (SELECT event_id FROM audit_chain WHERE seq >= ${head.seq}::bigint)`.execute(
        trx,
      );
      await sql`DELETE FROM audit_chain WHERE seq >= ${head.seq}::bigint`.execute(trx);
    });
    expect(await verifyAudit(h.svc, { heads: [head] })).toMatchObject({
      ok: false,
      problem: { kind: 'truncated', seq: head.seq },
    });
  });
});

describe.each(ENGINES)('rejected calls without an account on %s', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine, {
      whatsapp: {
        verifyToken: 'token-verifikasi-uji',
        appSecret: APP_SECRET,
        accessToken: 'token-akses-uji-0001',
        phoneNumberId: '109876543210',
        graphUrl: 'http://127.0.0.1:9',
        defaultRegion: '36.02',
      },
    });
  });
  afterAll(async () => h?.close());

  const badCall = (app: ReturnType<typeof createApp>, i: number) =>
    app.request('/webhooks/whatsapp', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': `sha256=${createHmac('sha256', 'bukan-rahasianya').update(String(i)).digest('hex')}`,
      },
      body: JSON.stringify({ object: 'whatsapp_business_account', entry: [], i }),
    });
  const webhookRows = () =>
    h.svc.conn.db
      .selectFrom('audit_event')
      .select(['ip', 'detail', 'outcome'])
      .where('action', '=', 'whatsapp.webhook')
      .execute();

  it('1,000 bad webhook signatures from one address: a few rows with counts, 429 past the limit', async () => {
    const before = (await webhookRows()).length;
    const statuses: number[] = [];
    for (let i = 0; i < 1000; i += 50)
      statuses.push(
        ...(await Promise.all(Array.from({ length: 50 }, (_, k) => badCall(h.app, i + k)))).map(
          (r) => r.status,
        ),
      );
    expect(statuses.filter((s) => s === 401)).toHaveLength(REJECTIONS_PER_SOURCE_PER_WINDOW);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1000 - REJECTIONS_PER_SOURCE_PER_WINDOW);
    // nothing is written while the minute runs; then one row per reason with its count
    expect((await webhookRows()).length).toBe(before);
    h.now.value = new Date(h.now.value.getTime() + 61_000);
    expect(await flushRejections(h.svc)).toBe(2);
    const rows = (await webhookRows()).slice(before);
    expect(rows).toHaveLength(2);
    expect(Object.fromEntries(rows.map((r) => [r.detail?.reason, r.detail?.count]))).toEqual({
      signature_mismatch: REJECTIONS_PER_SOURCE_PER_WINDOW,
      rate_limited: 1000 - REJECTIONS_PER_SOURCE_PER_WINDOW,
    });
    expect(new Set(rows.map((r) => r.ip)).size).toBe(1);
    expect(rows[0]!.ip).toMatch(/^src:/);
    // the next minute the address is heard again
    expect((await badCall(h.app, 1)).status).toBe(401);
  });

  it('1,000 bad signatures from 1,000 addresses: at most one row per address for 50 of them, the rest together', async () => {
    h.now.value = new Date(h.now.value.getTime() + 61_000);
    await flushRejections(h.svc);
    const before = (await webhookRows()).length;
    for (let i = 0; i < 1000; i += 50)
      await Promise.all(
        Array.from({ length: 50 }, (_, k) => {
          const n = i + k;
          const app = createApp(h.svc, {
            sleep: async () => {},
            clientIp: () => `10.7.${n >> 8}.${n & 255}`,
          });
          return badCall(app, n);
        }),
      );
    h.now.value = new Date(h.now.value.getTime() + 61_000);
    await flushRejections(h.svc);
    const rows = (await webhookRows()).slice(before);
    expect(rows.length).toBeLessThanOrEqual(51);
    expect(rows.reduce((n, r) => n + Number(r.detail?.count), 0)).toBe(1000);
    const others = rows.filter((r) => r.detail?.otherSources === true);
    expect(others).toHaveLength(1);
    expect(others[0]).toMatchObject({ ip: null, detail: { count: 950 } });
    // the auditor reads it in words, with the count
    const auditor = await h.as('auditor@lebak.demo');
    const log = await auditor.get('/api/v1/audit?outcome=denied&pageSize=200');
    expect(log.status).toBe(200);
    const words = log.body.items
      .filter((i: { action: string }) => i.action === 'whatsapp.webhook')
      .map((i: { words: { id: string } }) => i.words.id);
    expect(words.some((w: string) => /950× dalam satu menit, dari banyak alamat/.test(w))).toBe(true);
  });

  it('status checks of one code past its hourly limit are counted, not written one by one', async () => {
    const ctx = (n: number) => ({
      ...h.svc,
      actor: null,
      meta: { ip: `10.44.0.${n % 4}`, userAgent: null, requestId: null, anonymous: true },
    });
    const code = drawFollowUpCode();
    const refused: string[] = [];
    // from four addresses, each below its own limit of 20 per 10 minutes
    for (let n = 0; n < RATE_LIMITS.statusPerCodePerHour + 10; n++)
      await checkReport(ctx(n), code, '00000 00000 00000').catch((e: AppError) => refused.push(e.code));
    expect(refused.filter((c) => c === 'RATE_LIMITED')).toHaveLength(10);
    const rows = () =>
      h.svc.conn.db
        .selectFrom('audit_event')
        .select(['ip', 'detail'])
        .where('action', '=', 'intake.status')
        .where('outcome', '=', 'denied')
        .execute();
    expect(await rows()).toHaveLength(0);
    h.now.value = new Date(h.now.value.getTime() + 61_000);
    await flushRejections(h.svc);
    const written = await rows();
    expect(written).toHaveLength(4); // one per address
    expect(written.map((r) => Number(r.detail?.count)).sort()).toEqual([2, 2, 3, 3]);
    expect(written.every((r) => r.detail?.reason === 'code_rate_limited' && /^src:/.test(r.ip ?? ''))).toBe(
      true,
    );
  });

  it('counts still pending are written at shutdown', async () => {
    const before = (await webhookRows()).length;
    await badCall(h.app, 7);
    const chainer = startAuditChainer(h.svc, { intervalMs: 60_000 });
    await chainer.stop();
    const rows = (await webhookRows()).slice(before);
    expect(rows).toMatchObject([{ detail: { reason: 'signature_mismatch', count: 1 } }]);
    expect((await verifyAudit(h.svc)).unchained.count).toBe(0);
  });
});

describe('the audit anchor folder', () => {
  it('the server will not start when it is inside DATA_DIR or cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simpul-anchor-boot-'));
    const notAFolder = join(dir, 'berkas');
    writeFileSync(notAFolder, 'x');
    const start = async (anchor: string) => {
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
      for (const k of ['DATABASE_URL', 'TEST_DATABASE_URL', 'NODE_OPTIONS']) delete env[k];
      try {
        await run(process.execPath, ['src/server.ts'], {
          cwd: ROOT,
          env: { ...env, DATA_DIR: join(dir, 'data'), SIMPUL_AUDIT_ANCHOR_DIR: anchor, PORT: '1' },
          timeout: 60_000,
        });
        return { code: 0, stderr: '' };
      } catch (e) {
        const x = e as { code?: number; stderr?: string };
        return { code: x.code, stderr: x.stderr ?? '' };
      }
    };
    try {
      const inside = await start(join(dir, 'data', 'anchor'));
      expect(inside.code).toBe(1);
      expect(inside.stderr).toContain('SIMPUL_AUDIT_ANCHOR_DIR must be outside DATA_DIR');
      const file = await start(join(notAFolder, 'anchor'));
      expect(file.code).toBe(1);
      expect(file.stderr).toMatch(/SIMPUL_AUDIT_ANCHOR_DIR \(.*\) cannot be written/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('defaults to a folder next to DATA_DIR and is refused inside it', () => {
    expect(loadConfig({ DATA_DIR: '/srv/simpul/data' }).auditAnchorDir).toBe('/srv/simpul/data-audit-anchor');
    expect(
      loadConfig({ DATA_DIR: '/srv/simpul/data', SIMPUL_AUDIT_ANCHOR_DIR: '/var/lib/simpul-anchor' })
        .auditAnchorDir,
    ).toBe('/var/lib/simpul-anchor');
    for (const inside of ['/srv/simpul/data', '/srv/simpul/data/anchor', '/srv/simpul/data/../data/x'])
      expect(() => loadConfig({ DATA_DIR: '/srv/simpul/data', SIMPUL_AUDIT_ANCHOR_DIR: inside })).toThrow(
        /SIMPUL_AUDIT_ANCHOR_DIR must be outside DATA_DIR/,
      );
    // nor through a symbolic link that leads into it
    const root = mkdtempSync(join(tmpdir(), 'simpul-anchor-link-'));
    try {
      mkdirSync(join(root, 'data', 'anchor'), { recursive: true });
      symlinkSync(join(root, 'data', 'anchor'), join(root, 'link'));
      for (const inside of [join(root, 'link'), join(root, 'link', 'deeper')])
        expect(() => loadConfig({ DATA_DIR: join(root, 'data'), SIMPUL_AUDIT_ANCHOR_DIR: inside })).toThrow(
          /SIMPUL_AUDIT_ANCHOR_DIR must be outside DATA_DIR/,
        );
      expect(
        loadConfig({ DATA_DIR: join(root, 'data'), SIMPUL_AUDIT_ANCHOR_DIR: join(root, 'anchor') })
          .auditAnchorDir,
      ).toBe(join(root, 'anchor'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

// a file named after the key: another installation's checkpoints in the same folder never count
describe('checkpoint files', () => {
  it('are one per key and survive a line cut short by a crash', async () => {
    const { Keyring } = await import('../../src/app/crypto.ts');
    const { appendCheckpoint, readCheckpoints } = await import('../../src/app/audit/anchor-file.ts');
    const dir = mkdtempSync(join(tmpdir(), 'simpul-anchor-'));
    try {
      const a = new Keyring(randomBytes(32));
      const b = new Keyring(randomBytes(32));
      const c = { seq: 3, mac: 'a'.repeat(64), eventId: '7', at: new Date().toISOString() };
      appendCheckpoint(dir, a, c);
      appendCheckpoint(dir, b, { ...c, seq: 9 });
      expect(anchorFile(dir, a)).not.toBe(anchorFile(dir, b));
      appendFileSync(anchorFile(dir, a), '{"v":1,"seq":4,"ma');
      expect(readCheckpoints(dir, a)).toMatchObject({ checkpoints: [c], badLines: [] });
      expect(readCheckpoints(dir, b).checkpoints.map((x) => x.seq)).toEqual([9]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
