/**
 * Access matrix for transfers (issue 4 §3, §6; invariant 1): every transfer endpoint × every role
 * × the actor's relation to a transfer of a Lebak case to the Serang UPTD PPA: the sending kab/kota
 * (own), the receiving one (other), the province (parent). Written out independently of
 * src/domain/policy.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/policy.ts';
import {
  type Client,
  clientsByRoleAndRelation,
  createHarness,
  ENGINES,
  type Harness,
  openFullCase,
  type Relation,
  type RoleClients,
} from '../helpers/harness.ts';

type T = { caseId: string; id: string; version: number };

/** Reads the case: intake officers and case managers of the holding kab/kota. */
const readsCase = (role: Role, rel: Relation) =>
  rel === 'own' && (role === 'manajer' || role === 'pengaduan');
/**
 * Sees the transfer: the case managers of the sending and receiving kab/kota (their transfer
 * lists) and whoever reads the case. Anyone else gets 404 on a decision, as for an unknown id.
 */
const seesTransfer = (role: Role, rel: Relation) =>
  readsCase(role, rel) || (role === 'manajer' && rel !== 'parent');

type Ep = {
  name: string;
  run: (c: Client, t: T, fresh: () => Promise<string>) => Promise<{ status: number }>;
  expect: (role: Role, rel: Relation) => number;
};

const ENDPOINTS: Ep[] = [
  {
    name: 'POST /cases/{id}/transfers',
    run: async (c, _t, fresh) =>
      c.post(`/api/v1/cases/${await fresh()}/transfers`, {
        level: 'nasional',
        reason: 'Perlu koordinasi nasional.',
      }),
    expect: (role, rel) => (readsCase(role, rel) ? (role === 'manajer' ? 201 : 403) : 404),
  },
  {
    name: 'GET /cases/{id}/transfers',
    run: (c, t) => c.get(`/api/v1/cases/${t.caseId}/transfers`),
    expect: (role, rel) => (readsCase(role, rel) ? 200 : 404),
  },
  {
    name: 'GET /transfers?box=masuk',
    run: (c) => c.get('/api/v1/transfers?box=masuk'),
    expect: (role) => (role === 'manajer' ? 200 : 403),
  },
  {
    name: 'POST /transfers/{id}/accept',
    run: (c, t) => c.post(`/api/v1/transfers/${t.id}/accept`, { version: t.version }),
    expect: (role, rel) =>
      rel === 'other' && role === 'manajer' ? 200 : seesTransfer(role, rel) ? 403 : 404,
  },
  {
    name: 'POST /transfers/{id}/decline',
    run: (c, t) => c.post(`/api/v1/transfers/${t.id}/decline`, { version: t.version, reason: 'Belum bisa.' }),
    expect: (role, rel) =>
      rel === 'other' && role === 'manajer' ? 200 : seesTransfer(role, rel) ? 403 : 404,
  },
  {
    name: 'POST /transfers/{id}/cancel',
    run: (c, t) => c.post(`/api/v1/transfers/${t.id}/cancel`, { version: t.version }),
    expect: (role, rel) => (rel === 'own' && role === 'manajer' ? 200 : seesTransfer(role, rel) ? 403 : 404),
  },
];

describe.each(ENGINES)('transfer access matrix on %s', (engine) => {
  let h: Harness;
  let manajer: Client;
  let serangUptd: string;
  let clients: RoleClients;

  beforeAll(async () => {
    h = await createHarness(engine);
    manajer = await h.as('manajer@lebak.demo');
    clients = await clientsByRoleAndRelation(h);
    serangUptd = (
      await h.svc.conn.db
        .selectFrom('organisation')
        .select('id')
        .where('type', '=', 'uptd_ppa')
        .where('jurisdiction', '=', '36.73')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => h?.close());

  const fresh = async () => (await openFullCase(manajer)).id;
  async function freshTransfer(): Promise<T> {
    const caseId = await fresh();
    const r = await manajer.post(`/api/v1/cases/${caseId}/transfers`, {
      level: 'kabkota',
      toOrgId: serangUptd,
      reason: 'Korban pindah ke Kota Serang.',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { caseId, id: r.body.id, version: r.body.version };
  }

  it('answers a real transfer id and an unknown one alike to those who may not see it', async () => {
    const t = await freshTransfer();
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const key of [
      'pengaduan:other',
      'admin-dinas:other',
      'pimpinan:own',
      'mitra:other',
      'manajer:parent',
    ] as const) {
      const c = clients.get(key)!;
      for (const verb of ['accept', 'decline', 'cancel']) {
        const body = { version: t.version, reason: 'Belum bisa.' };
        const real = await c.post(
          `/api/v1/transfers/${t.id}/${verb}`,
          verb === 'decline' ? body : { version: t.version },
        );
        const none = await c.post(
          `/api/v1/transfers/${unknown}/${verb}`,
          verb === 'decline' ? body : { version: t.version },
        );
        expect(real.status, `${key} ${verb}`).toBe(404);
        expect(real.body, `${key} ${verb}`).toEqual(none.body);
      }
    }
    // and nothing was decided: the receiving manager still can
    const ok = await clients
      .get('manajer:other')!
      .post(`/api/v1/transfers/${t.id}/accept`, { version: t.version });
    expect(ok.status).toBe(200);
  });

  for (const role of ROLES) {
    for (const rel of ['own', 'other', 'parent'] as Relation[]) {
      describe(`${role} (${rel})`, () => {
        for (const ep of ENDPOINTS) {
          it(`${ep.name} → ${ep.expect(role, rel)}`, async () => {
            const t = await freshTransfer();
            const res = await ep.run(clients.get(`${role}:${rel}`)!, t, fresh);
            expect(res.status, JSON.stringify((res as { body?: unknown }).body)).toBe(ep.expect(role, rel));
          });
        }
      });
    }
  }
});
