/**
 * Intake access matrix: every inbox endpoint × every role × own region / other region / province.
 * Only intake officers and case managers of the item's jurisdiction see it; everyone else gets
 * 404 for the item (never 403), and 403 for the inbox list when the role has no inbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/policy.ts';
import {
  type Client,
  clientsByRoleAndRelation,
  createHarness,
  ENGINES,
  type Harness,
  type Relation,
  type RoleClients,
} from '../helpers/harness.ts';

const INBOX: Role[] = ['pengaduan', 'manajer'];

describe.each(ENGINES)('intake access matrix on %s', (engine) => {
  let h: Harness;
  let officer: Client;
  let clients: RoleClients;

  beforeAll(async () => {
    h = await createHarness(engine);
    officer = await h.as('pengaduan@lebak.demo');
    clients = await clientsByRoleAndRelation(h);
  });
  afterAll(async () => h?.close());

  async function item() {
    const r = await officer.post('/api/v1/intake', {
      channel: 'telepon',
      reporterType: 'korban',
      forms: ['fisik'],
      description: 'Uji akses',
      dangerNow: false,
      contactMethod: 'tidak',
      consentContact: false,
    });
    expect(r.status).toBe(201);
    return r.body as { id: string; version: number };
  }

  const endpoints: Array<
    [string, (c: Client, i: { id: string; version: number }) => Promise<{ status: number }>]
  > = [
    ['GET /intake/{id}', (c, i) => c.get(`/api/v1/intake/${i.id}`)],
    [
      'PATCH /intake/{id}',
      (c, i) => c.patch(`/api/v1/intake/${i.id}`, { version: i.version, risk: 'sedang' }),
    ],
    ['POST /intake/{id}/notes', (c, i) => c.post(`/api/v1/intake/${i.id}/notes`, { body: 'catatan' })],
    [
      'POST /intake/{id}/national',
      (c, i) => c.post(`/api/v1/intake/${i.id}/national`, { version: i.version }),
    ],
    [
      'POST /intake/{id}/close',
      (c, i) => c.post(`/api/v1/intake/${i.id}/close`, { version: i.version, reason: 'informasi' }),
    ],
    [
      'POST /intake/{id}/forward',
      (c, i) => c.post(`/api/v1/intake/${i.id}/forward`, { version: i.version, toRegion: '36.73' }),
    ],
    [
      'POST /intake/{id}/open-case',
      (c, i) => c.post(`/api/v1/intake/${i.id}/open-case`, { version: i.version }),
    ],
  ];

  for (const role of ROLES) {
    for (const rel of ['own', 'other', 'parent'] as Relation[]) {
      const allowed = INBOX.includes(role) && rel === 'own';
      for (const [name, run] of endpoints) {
        it(`${role} (${rel}) ${name} → ${allowed ? '2xx' : '404'}`, async () => {
          const i = await item();
          const r = await run(clients.get(`${role}:${rel}`)!, i);
          if (allowed) expect(r.status, JSON.stringify(r)).toBeLessThan(300);
          else expect(r.status).toBe(404);
          // a refused action changes nothing
          if (!allowed)
            expect((await officer.get(`/api/v1/intake/${i.id}`)).body).toMatchObject({
              status: 'baru',
              version: i.version,
            });
        });
      }
      it(`${role} (${rel}) GET /intake lists it only when allowed`, async () => {
        const i = await item();
        const r = await clients.get(`${role}:${rel}`)!.get('/api/v1/intake?pageSize=100');
        if (!INBOX.includes(role)) return expect(r.status).toBe(403);
        expect(r.status).toBe(200);
        expect(r.body.items.some((x: { id: string }) => x.id === i.id)).toBe(allowed);
      });
    }
  }
});
