/**
 * Access matrix for referrals (issue 4 §6; invariant 1): every referral endpoint × every role ×
 * the actor's relation (own kab/kota, another kab/kota, the province). The referral goes from a
 * Lebak case to the Lebak police unit, whose `mitra` user is the recipient. Expectations are
 * written out here, independently of src/domain/policy.ts. Out of scope is always 404.
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

type R = { id: string; version: number };
type Ctx = { caseId: string; victimId: string; policeId: string };

type Ep = {
  name: string;
  /** the state the referral is put in before the call */
  prepare?: (recipient: Client, r: R) => Promise<R>;
  run: (c: Client, r: R, x: Ctx) => Promise<{ status: number }>;
  expect: (role: Role, rel: Relation) => number;
};

/** Sees the referring case: intake officers and case managers of the kab/kota. */
const sender = (role: Role, rel: Relation) => rel === 'own' && (role === 'manajer' || role === 'pengaduan');
/** The recipient organisation's staff: the police unit's mitra user. */
const recipient = (role: Role, rel: Relation) => rel === 'own' && role === 'mitra';
/** May act for the referring side (refer, cancel, withdraw): the case manager. */
const refers = (role: Role, rel: Relation) => rel === 'own' && role === 'manajer';

const accepted = async (p: Client, r: R): Promise<R> => {
  const a = await p.post(`/api/v1/referrals/${r.id}/accept`, { version: r.version });
  expect(a.status).toBe(200);
  return { id: r.id, version: a.body.version };
};

/** Accepted, with a service recorded: ready to complete. */
const served = async (p: Client, r: R): Promise<R> => {
  const a = await accepted(p, r);
  const s = await p.post(`/api/v1/referrals/${r.id}/services`, {
    service: 'lapor_polisi',
    date: '2026-01-11',
  });
  expect(s.status).toBe(201);
  return { id: a.id, version: s.body.version };
};

const recipientAction = (role: Role, rel: Relation) =>
  recipient(role, rel) ? 200 : sender(role, rel) ? 403 : 404;
const senderAction = (role: Role, rel: Relation) =>
  refers(role, rel) ? 200 : sender(role, rel) || recipient(role, rel) ? 403 : 404;

const ENDPOINTS: Ep[] = [
  {
    name: 'GET /referrals/{id}',
    run: (c, r) => c.get(`/api/v1/referrals/${r.id}`),
    expect: (role, rel) => (sender(role, rel) || recipient(role, rel) ? 200 : 404),
  },
  {
    name: 'GET /cases/{id}/referrals',
    run: (c, _r, x) => c.get(`/api/v1/cases/${x.caseId}/referrals`),
    expect: (role, rel) => (sender(role, rel) ? 200 : 404),
  },
  {
    name: 'POST /cases/{id}/referrals',
    run: (c, _r, x) =>
      c.post(`/api/v1/cases/${x.caseId}/referrals`, {
        personId: x.victimId,
        toOrgId: x.policeId,
        services: ['lapor_polisi'],
        urgency: 'segera',
        purpose: 'Laporan polisi.',
        consent: { basis: 'persetujuan_korban', givenBy: 'Korban', givenAt: new Date().toISOString() },
      }),
    expect: (role, rel) => (refers(role, rel) ? 201 : sender(role, rel) ? 403 : 404),
  },
  {
    name: 'GET /cases/{id}/referral-suggestions',
    run: (c, _r, x) =>
      c.get(`/api/v1/cases/${x.caseId}/referral-suggestions?personId=${x.victimId}&service=lapor_polisi`),
    expect: (role, rel) => (sender(role, rel) ? 200 : 404),
  },
  {
    name: 'POST /referrals/{id}/accept',
    run: (c, r) => c.post(`/api/v1/referrals/${r.id}/accept`, { version: r.version }),
    expect: recipientAction,
  },
  {
    name: 'POST /referrals/{id}/decline',
    run: (c, r) =>
      c.post(`/api/v1/referrals/${r.id}/decline`, { version: r.version, reason: 'kapasitas_penuh' }),
    expect: recipientAction,
  },
  {
    name: 'POST /referrals/{id}/services',
    prepare: accepted,
    run: (c, r) =>
      c.post(`/api/v1/referrals/${r.id}/services`, { service: 'lapor_polisi', date: '2026-01-11' }),
    expect: (role, rel) => (recipient(role, rel) ? 201 : recipientAction(role, rel)),
  },
  {
    name: 'POST /referrals/{id}/complete',
    prepare: served,
    run: (c, r) =>
      c.post(`/api/v1/referrals/${r.id}/complete`, { version: r.version, outcome: 'LP diterbitkan.' }),
    expect: recipientAction,
  },
  {
    name: 'POST /referrals/{id}/handling',
    prepare: accepted,
    run: (c, r) =>
      c.post(`/api/v1/referrals/${r.id}/handling`, { version: r.version, officerName: 'Aiptu Uji' }),
    expect: recipientAction,
  },
  {
    name: 'POST /referrals/{id}/investigation',
    prepare: accepted,
    run: (c, r) =>
      c.post(`/api/v1/referrals/${r.id}/investigation`, { version: r.version, status: 'laporan_diterima' }),
    expect: (role, rel) => (recipient(role, rel) ? 201 : recipientAction(role, rel)),
  },
  {
    name: 'GET /referrals/{id}/officers',
    run: (c, r) => c.get(`/api/v1/referrals/${r.id}/officers`),
    expect: recipientAction,
  },
  {
    name: 'GET /referrals/{id}/letter.pdf',
    run: (c, r) => c.get(`/api/v1/referrals/${r.id}/letter.pdf`),
    // the letter is addressed to the recipient; on the referring side those who may refer print it
    expect: (role, rel) => (refers(role, rel) || recipient(role, rel) ? 200 : sender(role, rel) ? 403 : 404),
  },
  {
    name: 'POST /referrals/{id}/cancel',
    run: (c, r) =>
      c.post(`/api/v1/referrals/${r.id}/cancel`, { version: r.version, reason: 'tidak_diperlukan' }),
    expect: senderAction,
  },
  {
    name: 'POST /referrals/{id}/withdraw-consent',
    run: (c, r) => c.post(`/api/v1/referrals/${r.id}/withdraw-consent`, { version: r.version }),
    expect: senderAction,
  },
  {
    name: 'POST /referrals/{id}/messages',
    run: (c, r) => c.post(`/api/v1/referrals/${r.id}/messages`, { body: 'Pertanyaan uji.' }),
    expect: (role, rel) => (refers(role, rel) || recipient(role, rel) ? 201 : sender(role, rel) ? 403 : 404),
  },
];

describe.each(ENGINES)('referral access matrix on %s', (engine) => {
  let h: Harness;
  let manajer: Client;
  let police: Client;
  let x: Ctx;
  let clients: RoleClients;

  beforeAll(async () => {
    h = await createHarness(engine);
    manajer = await h.as('manajer@lebak.demo');
    clients = await clientsByRoleAndRelation(h);
    police = clients.get('mitra:own')!;
    const policeOrg = (await police.get('/api/v1/auth/me')).body.user.orgId as string;
    await h.svc.conn.db
      .updateTable('organisation')
      .set({ services: ['lapor_polisi', 'penegakan_hukum'] })
      .where('id', '=', policeOrg)
      .execute();
    const k = await openFullCase(manajer);
    x = { caseId: k.id, victimId: k.victimId, policeId: policeOrg };
  });
  afterAll(async () => h?.close());

  async function freshReferral(): Promise<R> {
    const r = await manajer.post(`/api/v1/cases/${x.caseId}/referrals`, {
      personId: x.victimId,
      toOrgId: x.policeId,
      services: ['lapor_polisi'],
      urgency: 'segera',
      purpose: 'Laporan polisi UU TPKS.',
      sections: ['kronologi'],
      consent: { basis: 'wajib_lapor_tpks', givenAt: new Date().toISOString(), note: 'Wajib lapor 3×24 jam' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { id: r.body.id, version: r.body.version };
  }

  for (const role of ROLES) {
    for (const rel of ['own', 'other', 'parent'] as Relation[]) {
      describe(`${role} (${rel})`, () => {
        for (const ep of ENDPOINTS) {
          it(`${ep.name} → ${ep.expect(role, rel)}`, async () => {
            let r = await freshReferral();
            if (ep.prepare) r = await ep.prepare(police, r);
            const res = await ep.run(clients.get(`${role}:${rel}`)!, r, x);
            expect(res.status, JSON.stringify((res as { body?: unknown }).body)).toBe(ep.expect(role, rel));
          });
        }
        it('GET /referrals?box=masuk|keluar lists it only for the two sides', async () => {
          const r = await freshReferral();
          const c = clients.get(`${role}:${rel}`)!;
          const masuk = await c.get('/api/v1/referrals?box=masuk&status=terbuka');
          const keluar = await c.get('/api/v1/referrals?box=keluar&status=terbuka');
          expect(masuk.status).toBe(200);
          expect(keluar.status).toBe(200);
          const ids = (p: { body: { items: Array<{ id: string }> } }) => p.body.items.map((i) => i.id);
          expect(ids(masuk).includes(r.id)).toBe(recipient(role, rel));
          expect(ids(keluar).includes(r.id)).toBe(sender(role, rel));
        });
      });
    }
  }
});
