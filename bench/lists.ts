/**
 * Lists and search at BENCH_CASES cases (default 20 000; the budget is stated at 1 000 000) on
 * PostgreSQL with fsync on (bench/postgres.ts): for each endpoint the p95 through the real API
 * (session check, scope, capped count, page, audit row) next to the p95 of replaying, on one bare
 * connection, exactly the SQL statements that endpoint sent (captured from the driver, counts and
 * the audit insert included). Budget: p95 ≤ 50 ms and ≤ 2× that raw SQL (issue 10 §5).
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { Services } from '../src/app/context.ts';
import { Keyring } from '../src/app/crypto.ts';
import { checkKey } from '../src/app/key-check.ts';
import { seedDemo } from '../src/app/seed-demo.ts';
import { publishDueSnapshot } from '../src/app/stats/publish-snapshot.ts';
import { refreshStats, refreshWorkload } from '../src/app/stats/refresh.ts';
import { connect } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadRegions } from '../src/db/region.repository.ts';
import { localDayStart } from '../src/domain/time.ts';
import { createApp } from '../src/http/app.ts';
import { createLogger } from '../src/logger.ts';
import { generateCases, poolName } from './cases-data.ts';
import { benchPostgres } from './postgres.ts';
import { timeP95, timePairP95 } from './stats.ts';

const N = Number(process.env.BENCH_CASES ?? 20000);
const ITER = Number(process.env.BENCH_ITERATIONS ?? 100);
const BUDGET_MS = 50;
const DASHBOARD_BUDGET_MS = 150;

type Captured = { text: string; values: unknown[] };
let capturing: Captured[] | null = null;
const originalQuery = pg.Client.prototype.query;
// every statement the server sends goes through pg.Client#query (Kysely's PostgreSQL driver)
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (capturing && typeof args[0] === 'string')
    capturing.push({ text: args[0], values: Array.isArray(args[1]) ? (args[1] as unknown[]) : [] });
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

export async function listsBench(out: (s: string) => void): Promise<void> {
  const server = await benchPostgres();
  if (!server)
    return out('lists at scale: no PostgreSQL (set BENCH_DATABASE_URL or install the server binaries)');
  // BENCH_LISTS_KEEP=<database name>: generate once, keep it, measure again on later runs (tuning)
  const keep = process.env.BENCH_LISTS_KEEP;
  const name = keep ?? `simpul_lists_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  if (!exists) await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(server.url);
  u.pathname = `/${name}`;
  const url = u.toString();
  const conn = await connect({ databaseUrl: url });
  const bare = new pg.Client({ connectionString: url });
  try {
    const keys = new Keyring(keep ? createHash('sha256').update(keep).digest() : randomBytes(32));
    const svc: Services = { conn, keys, clock: () => new Date(), log: createLogger('silent') };
    await migrate(conn);
    if (!exists) {
      await checkKey(conn.db, keys);
      await loadRegions(conn.db, ['36']);
      await seedDemo(svc, { password: 'Simpul-Demo-2026', casesPerRegion: 0 });
    }
    const idOf = async (email: string) =>
      (await conn.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow())
        .id;
    const org = await conn.db
      .selectFrom('organisation')
      .select('id')
      .where('type', '=', 'uptd_ppa')
      .where('jurisdiction', '=', '36.02')
      .executeTakeFirstOrThrow();
    const managerId = await idOf('manajer@lebak.demo');
    const t0 = performance.now();
    if (!exists) {
      await generateCases(conn.db, keys, N, { orgId: org.id, managerId });
      // a partner's inbox: every fourth Lebak case referred to the police unit
      const police = await conn.db
        .selectFrom('organisation')
        .select('id')
        .where('type', '=', 'polisi_ppa')
        .where('jurisdiction', '=', '36.02')
        .executeTakeFirstOrThrow();
      await sql`
        INSERT INTO referral (id, number, case_id, person_id, from_org_id, from_jurisdiction, to_org_id, services,
                              urgency, purpose_enc, sections, consent_basis, consent_at, status, sent_at,
                              accept_due_at, complete_due_at, verification_code, created_by, created_at, updated_at)
        SELECT gen_random_uuid(), 'RJK/36.02/2026/' || lpad(x.rn::text, 7, '0'), x.case_id, x.person_id,
               ${org.id}::uuid, '36.02', ${police.id}::uuid, ARRAY['lapor_polisi'], 'segera',
               ${keys.encrypt('Laporan polisi (sintetis)')}, ARRAY['kronologi'], 'wajib_lapor_tpks', now(),
               CASE WHEN x.rn % 3 = 0 THEN 'selesai' ELSE 'terkirim' END, now() - make_interval(mins => x.rn::int),
               now() + interval '6 hours', now() + interval '9 days', upper(substr(md5(x.rn::text), 1, 12)),
               ${managerId}::uuid, now(), now()
        FROM (SELECT c.id AS case_id, p.id AS person_id, row_number() OVER () AS rn
              FROM case_file c JOIN person p ON p.case_id = c.id AND p.role = 'korban'
              WHERE c.jurisdiction = '36.02' AND abs(hashtext(c.id::text)) % 4 = 0) x`.execute(conn.db);
      await sql`ANALYZE`.execute(conn.db);
    }
    const counts = await sql<{
      cases: string;
      persons: string;
      incidents: string;
      audit: string;
      referrals: string;
      intake: string;
    }>`
      SELECT (SELECT count(*) FROM case_file) AS cases, (SELECT count(*) FROM person) AS persons,
             (SELECT count(*) FROM incident) AS incidents, (SELECT count(*) FROM audit_event) AS audit,
             (SELECT count(*) FROM referral) AS referrals, (SELECT count(*) FROM intake) AS intake`.execute(
      conn.db,
    );
    const c = counts.rows[0]!;
    out(
      `-- lists at scale on PostgreSQL with fsync on (${server.origin}): ${c.cases} cases, ${c.persons} persons, ${c.incidents} incidents, ${c.audit} audit rows, ${c.referrals} referrals, ${c.intake} intake items, ${exists ? `kept from an earlier run (${name})` : `generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`}`,
    );

    const app = createApp(svc, { sleep: async () => {} });
    const session = async (email: string) => {
      const r = await app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'simpul' },
        body: JSON.stringify({ email, password: 'Simpul-Demo-2026' }),
      });
      if (r.status !== 200) throw new Error(`sign-in ${email}: ${r.status}`);
      return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
    };
    const manager = await session('manajer@lebak.demo');
    const mitra = await session('mitra@lebak.demo');
    const intake = await session('pengaduan@lebak.demo');
    const someCase = await conn.db
      .selectFrom('case_file')
      .select(['id', 'number'])
      .where('jurisdiction', '=', '36.02')
      .orderBy('received_at', 'desc')
      .offset(500)
      .executeTakeFirstOrThrow();
    await bare.connect();

    // the dashboard (issue 11 §6) reads the rollup: build it from the generated cases first
    const lead = await session('pimpinan@lebak.demo');
    const tRollup = performance.now();
    let months = 0;
    for (let k = await refreshStats(svc, 1000); k > 0; k = await refreshStats(svc, 1000)) months += k;
    await refreshWorkload(svc);
    out(
      `-- dashboard rollup: ${months} kab/kota-months rebuilt and the caseload recomputed in ${((performance.now() - tRollup) / 1000).toFixed(0)} s (the job worker does this as cases change)`,
    );
    // the public statistics (issue 11 §3, §6) read the snapshot the worker publishes each month
    const tSnap = performance.now();
    const snap = await publishDueSnapshot(svc, 5);
    out(
      `-- public statistics snapshot: ${snap.published ? `${snap.cells} cells through ${snap.throughMonth.slice(0, 7)}` : `not published (${snap.reason})`} in ${((performance.now() - tSnap) / 1000).toFixed(1)} s`,
    );
    const year = new Date().getUTCFullYear() - 1;
    const endpoints: Array<[string, string, string, number?]> = [
      ['case list', manager, '/api/v1/cases?pageSize=20'],
      ['… by stage', manager, '/api/v1/cases?pageSize=20&stage=layanan'],
      ['… by risk', manager, '/api/v1/cases?pageSize=20&risk=tinggi'],
      ['… by form of violence', manager, '/api/v1/cases?pageSize=20&form=seksual'],
      ['… by region', manager, '/api/v1/cases?pageSize=20&region=36.02'],
      ['… by date range', manager, `/api/v1/cases?pageSize=20&from=2025-01-01&to=2025-12-31`],
      ['… mine', manager, '/api/v1/cases?pageSize=20&mine=1'],
      ['name search', manager, `/api/v1/cases?q=${encodeURIComponent(poolName(1234))}`],
      ['number search (whole)', manager, `/api/v1/cases?q=${someCase.number}`],
      ['number search (beginning)', manager, `/api/v1/cases?q=${someCase.number.slice(0, -2)}`],
      ['intake inbox (open)', intake, '/api/v1/intake?pageSize=20'],
      ['intake inbox (all)', intake, '/api/v1/intake?pageSize=20&status=semua'],
      ['partner referral inbox', mitra, '/api/v1/referrals?box=masuk&status=terbuka'],
      ['one case', manager, `/api/v1/cases/${someCase.id}`],
      [
        'dashboard, a year',
        lead,
        `/api/v1/dashboard?from=${year}-01-01&to=${year}-12-31`,
        DASHBOARD_BUDGET_MS,
      ],
      [
        'dashboard, a quarter, AMPK',
        lead,
        `/api/v1/dashboard?from=${year}-04-01&to=${year}-06-30&caseType=ampk`,
        DASHBOARD_BUDGET_MS,
      ],
      [
        'dashboard, 24 months, a kecamatan',
        manager,
        `/api/v1/dashboard?from=${year - 1}-01-01&to=${year}-12-31&region=36.02.01`,
        DASHBOARD_BUDGET_MS,
      ],
      // no session: what a member of the public asks for (the latest published period)
      ['public statistics page', '', '/statistik?wilayah=36.02', DASHBOARD_BUDGET_MS],
      // a whole published year (the generated cases reach back a year once there are about 600 000)
      ...(N >= 600_000
        ? [
            [
              'public statistics CSV, a year of a province',
              '',
              `/statistik.csv?tahun=${year}&wilayah=36`,
              DASHBOARD_BUDGET_MS,
            ] as [string, string, string, number],
          ]
        : []),
    ];
    out(`endpoint | API p95 | raw SQL p95 (the same statements) | ratio | budget ${BUDGET_MS} ms, ≤ 2×`);
    for (const [what, cookie, path, budget = BUDGET_MS] of endpoints) {
      const call = async () => {
        const r = await app.request(path, { headers: { cookie, 'x-requested-with': 'simpul' } });
        if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
        return r.text();
      };
      capturing = [];
      const body = await call();
      const statements = capturing;
      if (process.env.BENCH_LISTS_SHOW_SQL) for (const st of statements) out(`    ${st.text.slice(0, 160)}`);
      capturing = null;
      // the API and its SQL measured in turn, one run of each at a time: a busy moment of the
      // machine slows both sides of the ratio, never only one
      const [apiP, rawP] = await timePairP95(
        call,
        async () => {
          for (const s of statements) await bare.query(s.text, s.values);
        },
        ITER,
      );
      let shown = '';
      try {
        const j = JSON.parse(body) as { items?: unknown[]; total?: number; totalCapped?: boolean };
        if (j.items) shown = ` [${j.items.length} shown of ${j.total}${j.totalCapped ? '+' : ''}]`;
      } catch {}
      // lists: ≤ 50 ms and ≤ 2× their SQL; the dashboard: ≤ 150 ms (its SQL is the rollup's)
      const ok = apiP <= budget && (budget !== BUDGET_MS || apiP <= 2 * rawP) ? 'ok' : 'OVER';
      out(
        `${what}${shown}: ${apiP.toFixed(1)} ms | ${rawP.toFixed(1)} ms (${statements.length} statements) | ${(apiP / rawP).toFixed(1)}× | ${ok}`,
      );
    }
    // the same kind of figures counted live from the case tables, for comparison
    const from = localDayStart(`${year}-01-01`, '36.02');
    const to = localDayStart(`${year + 1}-01-01`, '36.02');
    const inYear = `c.jurisdiction = '36.02' AND c.received_at >= $1 AND c.received_at < $2`;
    const live = [
      `SELECT channel, count(*) FROM case_file c WHERE ${inYear} GROUP BY channel`,
      `SELECT p.sex, count(*) FROM person p JOIN case_file c ON c.id = p.case_id WHERE p.role = 'korban' AND ${inYear} GROUP BY p.sex`,
      `SELECT p.estimated_age / 10, count(*) FROM person p JOIN case_file c ON c.id = p.case_id WHERE p.role = 'korban' AND ${inYear} GROUP BY 1`,
      `SELECT f, count(DISTINCT i.case_id) FROM incident i JOIN case_file c ON c.id = i.case_id, unnest(i.forms) f WHERE ${inYear} GROUP BY f`,
    ];
    const liveP = await timeP95(async () => {
      for (const q of live) await bare.query(q, [from, to]);
    }, 5);
    out(
      `dashboard, a year, counted live instead (4 of its ~25 figures, straight from the case tables): ${liveP.toFixed(1)} ms — what the rollup saves`,
    );
  } finally {
    await bare.end().catch(() => {});
    await conn.close();
    if (!keep) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
    await server.stop();
  }
}

if (import.meta.main) await listsBench((s) => process.stdout.write(`${s}\n`));
