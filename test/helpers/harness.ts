/**
 * Integration-test harness: a fresh database per test file (in-memory PGlite, or a new
 * database on the PostgreSQL server named by TEST_DATABASE_URL), migrated, with Banten's region
 * codes, and the real Hono app driven by app.request(). With `seed: 'demo'` (the default) the
 * demo organisations and users are loaded too; with `seed: 'none'` the test builds what it needs
 * with the factories in ./factories.ts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Services } from '../../src/app/context.ts';
import { Keyring } from '../../src/app/crypto.ts';
import { checkKey } from '../../src/app/key-check.ts';
import { hashPassword } from '../../src/app/passwords.ts';
import { seedDemo } from '../../src/app/seed-demo.ts';
import type { MailSettings, WhatsAppSettings } from '../../src/config.ts';
import { connect, type Db } from '../../src/db/connect.ts';
import type { GateLimits } from '../../src/db/fair-gate.ts';
import { migrate } from '../../src/db/migrate.ts';
import { loadRegions } from '../../src/db/region.repository.ts';
import { ROLES, type Role } from '../../src/domain/policy.ts';
import { type AppOptions, createApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/logger.ts';
import { newPgDatabase } from './pg.ts';

export type Engine = 'pglite' | 'postgres';
export const ENGINES: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
export const DEMO_PASSWORD = 'Simpul-Demo-2026';

export type Harness = {
  engine: Engine;
  svc: Services;
  app: ReturnType<typeof createApp>;
  key: Buffer;
  databaseUrl: string | undefined;
  now: { value: Date };
  /**
   * signs in (demo users and factory users, both flagged `demo`, skip two-factor) and returns a
   * request helper bound to the session
   */
  as(email: string, password?: string): Promise<Client>;
  anon: Client;
  /** a user of the given role in a new organisation of Provinsi Banten (36) */
  provinceUser(role: Role): Promise<string>;
  close(): Promise<void>;
};

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field in each test
export type Res = { status: number; body: any; headers: Headers };
export type Client = {
  cookie: string | null;
  req(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Res>;
  get(path: string): Promise<Res>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Res>;
  patch(path: string, body?: unknown): Promise<Res>;
};

export async function createHarness(
  engine: Engine,
  opts: {
    cases?: number;
    app?: Partial<AppOptions>;
    /** WhatsApp Business Cloud API settings (e.g. pointing at test/helpers/fake-graph.ts) */
    whatsapp?: WhatsAppSettings;
    /** SMTP for notification e-mail (e.g. a local smtp-server started by the test) */
    mail?: MailSettings;
    /** the embedded database's gate limits (src/db/fair-gate.ts); default: out of the way */
    gateLimits?: GateLimits;
    /** PostgreSQL's pool (connections, wait bound); default: as the server runs */
    pool?: { max?: number; waitMs?: number };
    /**
     * 'demo' (default): the demo data of src/app/seed-demo.ts (Lebak and Serang, one user per
     * role, and the province of Banten). 'none': only migrations and Banten's region codes; build
     * data with ./factories.ts.
     */
    seed?: 'demo' | 'none';
    /** provinces whose region codes are loaded; default Banten (36). With '64' the demo adds Kota Bontang */
    regions?: string[];
  } = {},
): Promise<Harness> {
  let conn: Db;
  let drop: (() => Promise<void>) | undefined;
  let databaseUrl: string | undefined;
  if (engine === 'postgres') {
    const d = await newPgDatabase(process.env.TEST_DATABASE_URL!);
    drop = d.drop;
    databaseUrl = d.url;
    conn = await connect({ databaseUrl: d.url, ...(opts.pool ? { pool: opts.pool } : {}) });
  } else {
    // functional tests (bursts of a hundred requests on a loaded CI machine) must not meet the
    // overload bound; test/integration/busy.test.ts passes small limits to test it
    conn = await connect({
      memory: true,
      gateLimits: opts.gateLimits ?? { maxRequests: 10_000, maxWaitMs: 120_000 },
    });
  }
  const key = randomBytes(32);
  const keys = new Keyring(key);
  const now = { value: new Date() };
  const svc: Services = {
    conn,
    keys,
    clock: () => now.value,
    log: createLogger('silent'),
    whatsapp: opts.whatsapp,
    mail: opts.mail,
    publicUrl: 'https://simpul.test',
  };
  await migrate(conn);
  await checkKey(conn.db, keys);
  await loadRegions(conn.db, opts.regions ?? ['36']);
  if ((opts.seed ?? 'demo') === 'demo')
    await seedDemo(svc, { password: DEMO_PASSWORD, casesPerRegion: opts.cases ?? 0 });
  else if (opts.cases) throw new Error("cases: demo cases need seed: 'demo'");
  const app = createApp(svc, { sleep: async () => {}, clientIp: () => '127.0.0.9', ...opts.app });

  const client = (cookie: string | null): Client => {
    const c: Client = {
      cookie,
      async req(method, path, body, headers = {}) {
        const h: Record<string, string> = { 'x-requested-with': 'simpul', ...headers };
        if (c.cookie) h.cookie = c.cookie;
        let payload: BodyInit | undefined;
        if (body instanceof FormData) payload = body;
        else if (typeof body === 'string') payload = body;
        else if (body !== undefined) {
          payload = JSON.stringify(body);
          h['content-type'] ??= 'application/json';
        }
        const r = await app.request(path, {
          method,
          headers: h,
          ...(payload !== undefined ? { body: payload } : {}),
        });
        const text = await r.text();
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          /* not JSON */
        }
        return { status: r.status, body: parsed, headers: r.headers };
      },
      get: (p) => c.req('GET', p),
      post: (p, b, h) => c.req('POST', p, b, h),
      patch: (p, b) => c.req('PATCH', p, b),
    };
    return c;
  };

  const h: Harness = {
    engine,
    svc,
    app,
    key,
    databaseUrl,
    now,
    anon: client(null),
    async as(email, password = DEMO_PASSWORD) {
      const c = client(null);
      const r = await c.post('/api/v1/auth/login', { email, password });
      if (r.status !== 200) throw new Error(`login ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
      const set = r.headers.get('set-cookie') ?? '';
      c.cookie = set.split(';')[0]!;
      return c;
    },
    async provinceUser(role) {
      const db = conn.db;
      let org = await db
        .selectFrom('organisation')
        .select('id')
        .where('jurisdiction', '=', '36')
        .executeTakeFirst();
      if (!org) {
        org = { id: randomUUID() };
        await db
          .insertInto('organisation')
          .values({
            id: org.id,
            name: 'DP3AKKB Provinsi Banten (uji)',
            type: 'dinas_pppa',
            region_code: '36',
            jurisdiction: '36',
          })
          .execute();
      }
      const email = `${role}@banten.test`;
      const exists = await db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirst();
      if (!exists) {
        await db
          .insertInto('app_user')
          .values({
            id: randomUUID(),
            email,
            name: `Uji ${role} provinsi`,
            role,
            org_id: org.id,
            password_hash: await hashPassword(DEMO_PASSWORD),
            password_changed_at: now.value,
            demo: true,
          })
          .execute();
      }
      return email;
    },
    async close() {
      await conn.close();
      if (drop) await drop();
    },
  };
  return h;
}

/** How a user stands to a Lebak record: own kab/kota (Lebak), another kab/kota (Kota Serang), the province. */
export type Relation = 'own' | 'other' | 'parent';
/** Signed-in clients keyed `${role}:${relation}`, from clientsByRoleAndRelation(). */
export type RoleClients = Map<`${Role}:${Relation}`, Client>;

/**
 * One signed-in client per role × relation, keyed `${role}:${rel}`: `<role>@lebak.demo` (own),
 * `<role>@serang.demo` (other) and a user of that role in a province organisation (parent).
 * Signs in one at a time, role by role, in the order of ROLES.
 */
export async function clientsByRoleAndRelation(h: Harness): Promise<RoleClients> {
  const clients: RoleClients = new Map();
  for (const role of ROLES) {
    clients.set(`${role}:own`, await h.as(`${role}@lebak.demo`));
    clients.set(`${role}:other`, await h.as(`${role}@serang.demo`));
    clients.set(`${role}:parent`, await h.as(await h.provinceUser(role)));
  }
  return clients;
}

/** Opens a case as the given client with one victim, one alleged perpetrator and one incident. */
export async function openFullCase(
  c: Client,
  opts: { sexual?: boolean; name?: string; nik?: string; phone?: string } = {},
) {
  const created = await c.post('/api/v1/cases', {
    channel: 'datang_langsung',
    risk: 'sedang',
    caseType: 'ktp',
    authority: 'daerah',
  });
  if (created.status !== 201) throw new Error(`open case: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const v = await c.post(`/api/v1/cases/${id}/persons`, {
    role: 'korban',
    name: opts.name ?? 'Sari Wulandari',
    sex: 'perempuan',
    birthDate: '1995-03-14',
    ...(opts.nik ? { nik: opts.nik } : {}),
    ...(opts.phone ? { phone: opts.phone } : {}),
    regionCode: '36.02.01.2002',
  });
  if (v.status !== 201) throw new Error(`add victim: ${v.status} ${JSON.stringify(v.body)}`);
  const p = await c.post(`/api/v1/cases/${id}/persons`, {
    role: 'terlapor',
    name: 'Tono Prasetyo',
    sex: 'laki_laki',
    estimatedAge: 40,
  });
  const i = await c.post(`/api/v1/cases/${id}/incidents`, {
    date: '2026-01-10',
    placeCategory: 'rumah_tangga',
    regionCode: '36.02.01.2002',
    forms: opts.sexual ? ['seksual'] : ['fisik'],
    chronology: 'Kronologi uji: pelaku memukul korban di rumah.',
  });
  if (i.status !== 201) throw new Error(`add incident: ${i.status} ${JSON.stringify(i.body)}`);
  return {
    id,
    victimId: v.body.id as string,
    perpetratorId: p.body.id as string,
    incidentId: i.body.id as string,
  };
}
