/**
 * Access matrix (invariant 1): every case endpoint × every role × the actor's relation to the
 * case (own region, other region, parent/province region; assigned or not). Expectations are
 * written out here independently of src/domain/policy.ts, so a policy change that widens access
 * fails this test. Out of scope is always 404, never 403.
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
  type RoleClients,
} from '../helpers/harness.ts';

type Relation = 'own' | 'own-assigned' | 'other' | 'parent';
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** who may see a Lebak case at all */
function visible(role: Role, rel: Relation): boolean {
  if (rel === 'other' || rel === 'parent') return false;
  if (role === 'pengaduan' || role === 'manajer') return true;
  if (role === 'pendamping') return rel === 'own-assigned';
  return false;
}

type Ep = {
  name: string;
  kind: 'read' | 'write' | 'assign' | 'accessLog';
  run: (c: Client, f: Fixture) => Promise<{ status: number }>;
};
type Fixture = {
  id: string;
  victimId: string;
  perpetratorId: string;
  incidentId: string;
  noteId: string;
  attachmentId: string;
  version: () => Promise<number>;
  pv: () => Promise<number>;
  iv: () => Promise<number>;
  nv: () => Promise<number>;
};

const ENDPOINTS: Ep[] = [
  { name: 'GET /cases/{id}', kind: 'read', run: (c, f) => c.get(`/api/v1/cases/${f.id}`) },
  { name: 'GET /cases/{id}/timeline', kind: 'read', run: (c, f) => c.get(`/api/v1/cases/${f.id}/timeline`) },
  {
    name: 'GET /cases/{id}/attachments/{aid}',
    kind: 'read',
    run: (c, f) => c.get(`/api/v1/cases/${f.id}/attachments/${f.attachmentId}`),
  },
  {
    name: 'GET /users/assignable',
    kind: 'read',
    run: (c, f) => c.get(`/api/v1/users/assignable?caseId=${f.id}`),
  },
  {
    name: 'GET /cases/{id}/access-log',
    kind: 'accessLog',
    run: (c, f) => c.get(`/api/v1/cases/${f.id}/access-log`),
  },
  {
    name: 'POST /cases/{id}/assign',
    kind: 'assign',
    run: async (c, f) => c.post(`/api/v1/cases/${f.id}/assign`, { version: await f.version() }),
  },
  {
    name: 'PATCH /cases/{id}',
    kind: 'write',
    run: async (c, f) => c.patch(`/api/v1/cases/${f.id}`, { version: await f.version(), risk: 'tinggi' }),
  },
  {
    name: 'POST /cases/{id}/transition',
    kind: 'write',
    run: async (c, f) =>
      c.post(`/api/v1/cases/${f.id}/transition`, { version: await f.version(), to: 'identifikasi' }),
  },
  {
    name: 'POST /cases/{id}/persons',
    kind: 'write',
    run: (c, f) => c.post(`/api/v1/cases/${f.id}/persons`, { role: 'pelapor', name: 'Pelapor Uji' }),
  },
  {
    name: 'PATCH /cases/{id}/persons/{pid}',
    kind: 'write',
    run: async (c, f) =>
      c.patch(`/api/v1/cases/${f.id}/persons/${f.victimId}`, {
        version: await f.pv(),
        occupation: 'pelajar',
      }),
  },
  {
    name: 'POST /cases/{id}/relationships',
    kind: 'write',
    run: (c, f) =>
      c.post(`/api/v1/cases/${f.id}/relationships`, {
        victimId: f.victimId,
        perpetratorId: f.perpetratorId,
        relationship: 'tetangga',
      }),
  },
  {
    name: 'POST /cases/{id}/incidents',
    kind: 'write',
    run: (c, f) =>
      c.post(`/api/v1/cases/${f.id}/incidents`, {
        date: '2026-01-02',
        placeCategory: 'sekolah',
        forms: ['psikis'],
      }),
  },
  {
    name: 'PATCH /cases/{id}/incidents/{iid}',
    kind: 'write',
    run: async (c, f) =>
      c.patch(`/api/v1/cases/${f.id}/incidents/${f.incidentId}`, {
        version: await f.iv(),
        placeCategory: 'lainnya',
      }),
  },
  {
    name: 'POST /cases/{id}/records/note',
    kind: 'write',
    run: (c, f) => c.post(`/api/v1/cases/${f.id}/records/note`, { body: 'Catatan uji' }),
  },
  {
    name: 'PATCH /cases/{id}/records/note/{rid}',
    kind: 'write',
    run: async (c, f) =>
      c.patch(`/api/v1/cases/${f.id}/records/note/${f.noteId}`, { version: await f.nv(), body: 'Diubah' }),
  },
  {
    name: 'POST /cases/{id}/attachments',
    kind: 'write',
    run: (c, f) => {
      const fd = new FormData();
      fd.append('file', new Blob([PNG], { type: 'image/png' }), 'foto.png');
      return c.post(`/api/v1/cases/${f.id}/attachments`, fd);
    },
  },
];

function expected(role: Role, rel: Relation, kind: Ep['kind']): number[] {
  if (!visible(role, rel)) return [404];
  switch (kind) {
    case 'read':
      return [200];
    case 'accessLog':
    case 'assign':
      return role === 'manajer' ? [200] : [403];
    case 'write':
      return [200, 201]; // the fixture case is at intake, where pengaduan may still edit
  }
}

const RELATIONS: Relation[] = ['own', 'own-assigned', 'other', 'parent'];

describe.each(ENGINES)('access matrix on %s', (engine) => {
  let h: Harness;
  let manajer: Client;
  let clients: RoleClients;
  const pendampingId = { value: '' };

  beforeAll(async () => {
    h = await createHarness(engine);
    manajer = await h.as('manajer@lebak.demo');
    clients = await clientsByRoleAndRelation(h);
    const me = await clients.get('pendamping:own')!.get('/api/v1/auth/me');
    pendampingId.value = me.body.user.id;
  });
  afterAll(async () => h?.close());

  async function fixture(assignPendamping: boolean): Promise<Fixture> {
    const base = await openFullCase(manajer);
    const note = await manajer.post(`/api/v1/cases/${base.id}/records/note`, { body: 'Catatan awal' });
    const fd = new FormData();
    fd.append('file', new Blob([PNG], { type: 'image/png' }), 'awal.png');
    const att = await manajer.post(`/api/v1/cases/${base.id}/attachments`, fd);
    if (assignPendamping) {
      const v = (await manajer.get(`/api/v1/cases/${base.id}`)).body.version;
      const a = await manajer.post(`/api/v1/cases/${base.id}/assign`, {
        version: v,
        companionIds: [pendampingId.value],
      });
      expect(a.status).toBe(200);
    }
    const full = async () => (await manajer.get(`/api/v1/cases/${base.id}`)).body;
    return {
      ...base,
      noteId: note.body.id,
      attachmentId: att.body.id,
      version: async () => (await full()).version,
      pv: async () => (await full()).persons.find((p: { id: string }) => p.id === base.victimId).version,
      iv: async () => (await full()).incidents.find((i: { id: string }) => i.id === base.incidentId).version,
      nv: async () => (await full()).records.find((r: { id: string }) => r.id === note.body.id).version,
    };
  }

  for (const role of ROLES) {
    for (const rel of RELATIONS) {
      if (rel === 'own-assigned' && role !== 'pendamping') continue;
      describe(`${role} (${rel})`, () => {
        let f: Fixture;
        let c: Client;
        beforeAll(async () => {
          f = await fixture(rel === 'own-assigned');
          c = clients.get(`${role}:${rel === 'own-assigned' ? 'own' : rel}`)!;
        });
        for (const ep of ENDPOINTS) {
          it(`${ep.name} → ${expected(role, rel, ep.kind).join('/')}`, async () => {
            const r = await ep.run(c, f);
            expect(expected(role, rel, ep.kind), `got ${r.status}`).toContain(r.status);
          });
        }
        it(`GET /cases lists the case only when visible`, async () => {
          const r = await c.get('/api/v1/cases?pageSize=100');
          const canList = ['pengaduan', 'manajer', 'pendamping', 'mitra'].includes(role);
          if (!canList) {
            expect(r.status).toBe(403);
            return;
          }
          expect(r.status).toBe(200);
          const ids = r.body.items.map((x: { id: string }) => x.id);
          expect(ids.includes(f.id)).toBe(visible(role, rel));
          for (const item of r.body.items)
            expect(item.jurisdiction).toBe(rel === 'other' ? '36.73' : rel === 'parent' ? '36' : '36.02');
        });
      });
    }
  }

  it('SIMFONI: only the data officer of the case’s own kab/kota lists it and marks it entered', async () => {
    const f = await fixture(false);
    for (const role of ROLES)
      for (const rel of ['own', 'other', 'parent'] as const) {
        const c = clients.get(`${role}:${rel}`)!;
        const mine = role === 'data' && rel === 'own';
        const list = await c.get('/api/v1/simfoni/cases?pageSize=100');
        expect(list.status, `${role}:${rel} list`).toBe(role === 'data' ? 200 : 403);
        if (list.status === 200)
          expect(
            list.body.items.some((x: { id: string }) => x.id === f.id),
            `${role}:${rel}`,
          ).toBe(mine);
        const put = await c.req('PUT', `/api/v1/simfoni/cases/${f.id}/entry`, {
          version: await f.version(),
          enteredOn: new Date().toISOString().slice(0, 10),
          simfoniNumber: `SF-${role}-${rel}`,
        });
        expect(put.status, `${role}:${rel} mark`).toBe(mine ? 200 : role === 'data' ? 404 : 403);
      }
  });

  it('poster codes (issue 12 §6): Dinas staff and leadership read their region’s (a province its kab/kota’s), its managers create and print their own; partners nothing', async () => {
    const made = await manajer.post('/api/v1/posters/codes', { label: 'Poster matriks akses Lebak' });
    expect(made.status).toBe(201);
    const readers = ['admin-dinas', 'pengaduan', 'manajer', 'pendamping', 'pimpinan'];
    const managers = ['admin-dinas', 'manajer'];
    for (const role of ROLES)
      for (const rel of ['own', 'other', 'parent'] as const) {
        const c = clients.get(`${role}:${rel}`)!;
        const who = `${role}:${rel}`;
        const reads = readers.includes(role);
        const list = await c.get('/api/v1/posters/codes');
        expect(list.status, `${who} list`).toBe(reads ? 200 : 403);
        if (list.status === 200)
          expect(
            list.body.items.some((x: { id: string }) => x.id === made.body.id),
            who,
          ).toBe(rel !== 'other');
        const one = await c.get(`/api/v1/posters/codes/${made.body.id}`);
        expect(one.status, `${who} read`).toBe(!reads ? 403 : rel === 'other' ? 404 : 200);
        const pdf = await c.get(`/api/v1/posters/codes/${made.body.id}/poster.pdf?size=a5`);
        expect(pdf.status, `${who} print`).toBe(
          !reads ? 403 : rel === 'other' ? 404 : managers.includes(role) && rel === 'own' ? 200 : 403,
        );
        const current = (await manajer.get(`/api/v1/posters/codes/${made.body.id}`)).body.version;
        const change = await c.patch(`/api/v1/posters/codes/${made.body.id}`, {
          version: current,
          label: `Poster matriks Lebak ${role} ${rel}`,
        });
        expect(change.status, `${who} change`).toBe(
          !reads ? 403 : rel === 'other' ? 404 : managers.includes(role) && rel === 'own' ? 200 : 403,
        );
        const create = await c.post('/api/v1/posters/codes', { label: `Poster matriks ${role} ${rel}` });
        expect(create.status, `${who} create`).toBe(managers.includes(role) ? 201 : 403);
      }
  });

  it('prevention (issue 12 §1): Dinas staff and leadership read their region’s activities (a province its kab/kota’s), its coordinators change them, a partner only its own; coverage for region readers', async () => {
    const desa = (
      await h.svc.conn.db
        .selectFrom('region')
        .select('code')
        .where('level', '=', 4)
        .where('code', 'like', '36.02.%')
        .orderBy('code')
        .executeTakeFirstOrThrow()
    ).code;
    const body = (title: string) => ({
      title,
      kind: 'sosialisasi',
      field: 'keluarga',
      setting: 'balai_desa',
      startsAt: '2026-11-02T09:00',
      endsAt: '2026-11-02T11:00',
      regionCode: desa,
    });
    const dinasAct = await manajer.post('/api/v1/prevention/activities', body('Matriks akses Dinas'));
    expect(dinasAct.status).toBe(201);
    const police = clients.get('mitra:own')!;
    const policeAct = await police.post('/api/v1/prevention/activities', body('Matriks akses Polres'));
    expect(policeAct.status).toBe(201);
    const readers = ['admin-dinas', 'pengaduan', 'manajer', 'pendamping', 'pimpinan'];
    const managers = ['admin-dinas', 'manajer'];
    const version = async () =>
      (await manajer.get(`/api/v1/prevention/activities/${dinasAct.body.id}`)).body.version;
    for (const role of ROLES)
      for (const rel of ['own', 'other', 'parent'] as const) {
        const c = clients.get(`${role}:${rel}`)!;
        const who = `${role}:${rel}`;
        const region = readers.includes(role);
        const partner = role === 'mitra';
        const none = !region && !partner;
        const list = await c.get('/api/v1/prevention/activities?pageSize=100');
        expect(list.status, `${who} list`).toBe(none ? 403 : 200);
        const one = await c.get(`/api/v1/prevention/activities/${dinasAct.body.id}`);
        expect(one.status, `${who} read Dinas's`).toBe(none ? 403 : region && rel !== 'other' ? 200 : 404);
        const own = await c.get(`/api/v1/prevention/activities/${policeAct.body.id}`);
        expect(own.status, `${who} read the police unit's`).toBe(
          none ? 403 : (region && rel !== 'other') || (partner && rel === 'own') ? 200 : 404,
        );
        const patch = await c.patch(`/api/v1/prevention/activities/${dinasAct.body.id}`, {
          version: await version(),
          title: `Diubah ${who}`,
        });
        expect(patch.status, `${who} change`).toBe(
          none
            ? 403
            : !region || rel === 'other'
              ? 404
              : managers.includes(role) && rel === 'own'
                ? 200
                : 403,
        );
        const cov = await c.get(
          '/api/v1/prevention/coverage?jurisdiction=36.02&from=2026-01-01&to=2026-11-30',
        );
        expect(cov.status, `${who} coverage`).toBe(!region ? 403 : rel === 'other' ? 400 : 200);
      }
  });

  it('RAD PPA (issue 12 §4): Dinas staff and leadership read their region’s plan (a province its kab/kota’s), a partner only the activities it is responsible for or a partner in; the responsible organisation’s staff or the Dinas’s coordinators report progress; only the coordinators of the own Dinas edit the plan', async () => {
    const plans = await manajer.get('/api/v1/rad/plans');
    expect(plans.status).toBe(200);
    const planId = plans.body.items[0].id as string;
    const plan = await manajer.get(`/api/v1/rad/plans/${planId}`);
    // biome-ignore lint/suspicious/noExplicitAny: the plan's tree, read field by field
    const acts = plan.body.pillars.flatMap((p: any) => p.programmes.flatMap((g: any) => g.activities));
    const policeAct = acts.find((a: { title: string }) => a.title.startsWith('Penanganan laporan polisi')).id;
    const uptdAct = acts.find((a: { title: string }) => a.title.startsWith('Respons pengaduan')).id;
    const readers = ['admin-dinas', 'pengaduan', 'manajer', 'pendamping', 'pimpinan'];
    const managers = ['admin-dinas', 'manajer'];
    const version = async () =>
      (await manajer.get(`/api/v1/rad/activities/${policeAct}?year=2026`)).body.progress[0].version as number;
    for (const role of ROLES)
      for (const rel of ['own', 'other', 'parent'] as const) {
        const c = clients.get(`${role}:${rel}`)!;
        const who = `${role}:${rel}`;
        const region = readers.includes(role);
        const partner = role === 'mitra';
        const none = !region && !partner;
        const reads = (region && rel !== 'other') || (partner && rel === 'own');
        const list = await c.get('/api/v1/rad/plans');
        expect(list.status, `${who} list`).toBe(none ? 403 : 200);
        if (!none)
          expect(
            list.body.items.some((p: { id: string }) => p.id === planId),
            `${who} listed`,
          ).toBe(reads);
        expect((await c.get(`/api/v1/rad/plans/${planId}`)).status, `${who} plan`).toBe(
          none ? 403 : reads ? 200 : 404,
        );
        expect((await c.get(`/api/v1/rad/plans/${planId}/rollup.xlsx`)).status, `${who} plan xlsx`).toBe(
          none ? 403 : reads ? 200 : 404,
        );
        expect((await c.get(`/api/v1/rad/activities/${policeAct}`)).status, `${who} police activity`).toBe(
          none ? 403 : reads ? 200 : 404,
        );
        expect((await c.get(`/api/v1/rad/activities/${uptdAct}`)).status, `${who} UPTD activity`).toBe(
          none ? 403 : region && rel !== 'other' ? 200 : 404,
        );
        const put = await c.req('PUT', `/api/v1/rad/activities/${policeAct}/progress/2026/1`, {
          version: await version(),
          realised: 50,
          status: 'berjalan',
        });
        expect(put.status, `${who} report the police activity`).toBe(
          none ? 403 : !reads ? 404 : rel === 'own' && (managers.includes(role) || partner) ? 200 : 403,
        );
        const pillar = await c.post(`/api/v1/rad/plans/${planId}/pillars`, { title: `Pilar ${who}` });
        expect(pillar.status, `${who} add a pillar`).toBe(
          none ? 403 : !reads ? 404 : managers.includes(role) && rel === 'own' ? 201 : 403,
        );
      }
  });

  it('agreements and regulations (issue 12 §5): the Dinas reads its region’s (a province its kab/kota’s), a party partner its agreement, partners their kab/kota’s regulations; administrators manage agreements, coord:manage regulations of the own Dinas', async () => {
    const dinas = await h.as('admin-dinas@lebak.demo');
    const orgs = (await dinas.get('/api/v1/directory?region=36.02&pageSize=100')).body.items as Array<{
      id: string;
      type: string;
      jurisdiction: string;
    }>;
    const police = orgs.find((o) => o.type === 'polisi_ppa' && o.jurisdiction === '36.02')!;
    const agreement = await dinas.post('/api/v1/agreements', {
      orgId: police.id,
      kind: 'pks',
      number: '400.14/MATRIKS/2026',
      subject: 'Matriks akses',
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
    });
    expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
    const regulation = await manajer.post('/api/v1/regulations', {
      kind: 'perbup',
      number: 'Perbup Matriks 1/2026',
      issuedOn: '2026-01-05',
      title: 'Matriks akses',
      authority: 'Bupati Lebak',
    });
    expect(regulation.status, JSON.stringify(regulation.body)).toBe(201);
    const aid = agreement.body.id;
    const rid = regulation.body.id;
    const readers = ['admin-dinas', 'pengaduan', 'manajer', 'pendamping', 'pimpinan'];
    for (const role of ROLES)
      for (const rel of ['own', 'other', 'parent'] as const) {
        const c = clients.get(`${role}:${rel}`)!;
        const who = `${role}:${rel}`;
        // agreements: admin everywhere; Dinas readers of Lebak or the province; the Lebak police (a party)
        const readsA =
          role === 'admin' ||
          (readers.includes(role) && rel !== 'other') ||
          (role === 'mitra' && rel === 'own');
        const scopedA = role === 'admin' || readers.includes(role) || role === 'mitra';
        const a = await c.get(`/api/v1/agreements/${aid}`);
        expect(a.status, `${who} agreement`).toBe(!scopedA ? 403 : readsA ? 200 : 404);
        const managesA = role === 'admin' || (role === 'admin-dinas' && rel !== 'other');
        const av = (await dinas.get(`/api/v1/agreements/${aid}`)).body.version;
        const pa = await c.patch(`/api/v1/agreements/${aid}`, { version: av, subject: `Matriks ${who}` });
        expect(pa.status, `${who} agreement change`).toBe(
          !scopedA ? 403 : !readsA ? 404 : managesA ? 200 : 403,
        );
        // regulations: coord:read readers of Lebak or the province; partners of Lebak
        const scopedR = readers.includes(role) || role === 'mitra';
        const readsR = (readers.includes(role) && rel !== 'other') || (role === 'mitra' && rel === 'own');
        const r = await c.get(`/api/v1/regulations/${rid}`);
        expect(r.status, `${who} regulation`).toBe(!scopedR ? 403 : readsR ? 200 : 404);
        const list = await c.get('/api/v1/regulations');
        expect(list.status, `${who} regulations`).toBe(scopedR ? 200 : 403);
        if (list.status === 200)
          expect(
            list.body.items.some((x: { id: string }) => x.id === rid),
            who,
          ).toBe(readsR);
        const managesR = (role === 'admin-dinas' || role === 'manajer') && rel === 'own';
        const rv = (await manajer.get(`/api/v1/regulations/${rid}`)).body.version;
        const pr = await c.patch(`/api/v1/regulations/${rid}`, { version: rv, note: `Matriks ${who}` });
        expect(pr.status, `${who} regulation change`).toBe(
          !scopedR ? 403 : !readsR ? 404 : managesR ? 200 : 403,
        );
      }
  });

  it('training (issue 12 §2): coord:read reads its region’s events (a province its kab/kota’s), a partner those its staff attend; the Dinas managers change them; people’s records, certificates and gaps for managers and pimpinan; requirements for admin-dinas', async () => {
    const police = await h.svc.conn.db
      .selectFrom('organisation')
      .select('id')
      .where('jurisdiction', '=', '36.02')
      .where('type', '=', 'polisi_ppa')
      .executeTakeFirstOrThrow();
    const ids: Record<string, string> = {};
    for (const role of ['pendamping', 'mitra'] as const)
      ids[role] = (await clients.get(`${role}:own`)!.get('/api/v1/auth/me')).body.user.id;
    const ev = await manajer.post('/api/v1/training/events', {
      title: 'Bimtek matriks akses',
      typeId: '7a1e0000-0000-4000-8000-000000000004',
      startsOn: '2026-06-01',
      endsOn: '2026-06-02',
      mode: 'luring',
      organiserOrgId: police.id,
    });
    expect(ev.status, JSON.stringify(ev.body)).toBe(201);
    const eid = ev.body.id;
    const pend = await manajer.post(`/api/v1/training/events/${eid}/participants`, {
      userId: ids.pendamping,
    });
    expect(pend.status).toBe(201);
    const done = await manajer.patch(`/api/v1/training/events/${eid}/participants/${pend.body.id}`, {
      version: pend.body.version,
      attendance: 'hadir',
      completed: true,
    });
    expect(done.status).toBe(200);
    const readers = ['admin-dinas', 'pengaduan', 'manajer', 'pendamping', 'mitra', 'pimpinan'];
    const managers = ['admin-dinas', 'manajer'];
    const people = ['admin-dinas', 'manajer', 'pimpinan'];
    for (const role of ROLES)
      for (const rel of ['own', 'other', 'parent'] as const) {
        const c = clients.get(`${role}:${rel}`)!;
        const who = `${role}:${rel}`;
        const reads = readers.includes(role);
        // the partner organises it (the police unit is the organiser) only in Lebak
        const sees = reads && (rel === 'own' || (rel === 'parent' && role !== 'mitra'));
        const list = await c.get('/api/v1/training/events');
        expect(list.status, `${who} list`).toBe(reads ? 200 : 403);
        if (list.status === 200)
          expect(
            list.body.items.some((x: { id: string }) => x.id === eid),
            `${who} listed`,
          ).toBe(sees);
        const one = await c.get(`/api/v1/training/events/${eid}`);
        expect(one.status, `${who} read`).toBe(!reads ? 403 : sees ? 200 : 404);
        const names = await c.get(`/api/v1/training/events/${eid}/participants`);
        expect(names.status, `${who} participants`).toBe(!reads ? 403 : sees ? 200 : 404);
        const v = (await manajer.get(`/api/v1/training/events/${eid}`)).body.version;
        const patch = await c.patch(`/api/v1/training/events/${eid}`, { version: v, place: `Aula ${who}` });
        const manages = managers.includes(role) && rel === 'own';
        expect(patch.status, `${who} change`).toBe(manages ? 200 : !reads ? 403 : sees ? 403 : 404);
        const add = await c.post(`/api/v1/training/events/${eid}/participants`, {
          name: `Tamu ${who}`,
          orgId: police.id,
        });
        expect(add.status, `${who} add`).toBe(manages ? 201 : !reads ? 403 : sees ? 403 : 404);
        const rec = await c.get(`/api/v1/training/records/${ids.pendamping}`);
        const readsPeople = people.includes(role) && rel !== 'other';
        expect(rec.status, `${who} record`).toBe(
          !reads ? 403 : readsPeople || who === 'pendamping:own' ? 200 : 404,
        );
        const cert = await c.get(
          `/api/v1/training/events/${eid}/participants/${pend.body.id}/certificate.pdf`,
        );
        expect(cert.status, `${who} certificate`).toBe(readsPeople || who === 'pendamping:own' ? 200 : 404);
        const gaps = await c.get('/api/v1/training/gaps');
        expect(gaps.status, `${who} gaps`).toBe(people.includes(role) ? 200 : 403);
        const req = await c.get('/api/v1/training/requirements');
        expect(req.status, `${who} requirements`).toBe(reads ? 200 : 403);
        const put = await c.req('PUT', '/api/v1/training/requirements', {
          version: req.body?.version ?? 0,
          items:
            req.body?.items?.map((i: { typeId: string; roles: string[]; validYears: number | null }) => ({
              typeId: i.typeId,
              roles: i.roles,
              validYears: i.validYears,
            })) ?? [],
        });
        expect(put.status, `${who} set requirements`).toBe(role === 'admin-dinas' ? 200 : 403);
      }
  });

  it('meetings (issue 12 §3): coord:read reads its region’s meetings and follow-ups (a province its kab/kota’s), a partner the meetings it is invited to and the follow-ups it owns and updates; the Dinas managers change them', async () => {
    const police = await h.svc.conn.db
      .selectFrom('organisation')
      .select('id')
      .where('jurisdiction', '=', '36.02')
      .where('type', '=', 'polisi_ppa')
      .executeTakeFirstOrThrow();
    const today = new Date().toISOString().slice(0, 10);
    const m = await manajer.post('/api/v1/meetings', {
      kind: 'rakor_lintas_sektor',
      title: 'Rakor matriks akses',
      date: today,
      startTime: '09:00',
      place: 'Aula',
      invitedOrgIds: [police.id],
    });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    const mid = m.body.id;
    const d = await manajer.post(`/api/v1/meetings/${mid}/decisions`, {
      body: 'Keputusan matriks',
      followups: [{ action: 'Tindak lanjut matriks', ownerOrgId: police.id, dueOn: '2099-12-31' }],
    });
    expect(d.status).toBe(201);
    const fid = d.body.decisions[0].followups[0].id;
    const readers = ['admin-dinas', 'pengaduan', 'manajer', 'pendamping', 'mitra', 'pimpinan'];
    const managers = ['admin-dinas', 'manajer'];
    for (const role of ROLES)
      for (const rel of ['own', 'other', 'parent'] as const) {
        const c = clients.get(`${role}:${rel}`)!;
        const who = `${role}:${rel}`;
        const reads = readers.includes(role);
        // Lebak's police unit is invited and owns the follow-up; the province's partner is neither
        const sees = reads && (rel === 'own' || (rel === 'parent' && role !== 'mitra'));
        const manages = managers.includes(role) && rel === 'own';
        const list = await c.get('/api/v1/meetings');
        expect(list.status, `${who} list`).toBe(reads ? 200 : 403);
        if (list.status === 200)
          expect(
            list.body.items.some((x: { id: string }) => x.id === mid),
            `${who} listed`,
          ).toBe(sees);
        const one = await c.get(`/api/v1/meetings/${mid}`);
        expect(one.status, `${who} read`).toBe(!reads ? 403 : sees ? 200 : 404);
        const cases = await c.get(`/api/v1/meetings/${mid}/cases`);
        expect(cases.status, `${who} case part`).toBe(!reads ? 403 : sees ? 200 : 404);
        const v = (await manajer.get(`/api/v1/meetings/${mid}`)).body.version;
        const patch = await c.patch(`/api/v1/meetings/${mid}`, { version: v, place: `Aula ${who}` });
        expect(patch.status, `${who} change`).toBe(manages ? 200 : !reads ? 403 : sees ? 403 : 404);
        const options = await c.get('/api/v1/meetings/options');
        expect(options.status, `${who} options`).toBe(managers.includes(role) ? 200 : 403);
        const fu = await c.get(`/api/v1/followups/${fid}`);
        expect(fu.status, `${who} follow-up`).toBe(!reads ? 403 : sees ? 200 : 404);
        const fl = await c.get('/api/v1/followups');
        expect(fl.status, `${who} follow-ups`).toBe(reads ? 200 : 403);
        // the printed list: the same readers (the PDF itself is drawn only for one reader in meetings.test.ts)
        if (!reads) expect((await c.get('/api/v1/followups.pdf')).status, `${who} follow-ups PDF`).toBe(403);
        if (fl.status === 200)
          expect(
            fl.body.items.some((x: { id: string }) => x.id === fid),
            `${who} follow-up listed`,
          ).toBe(sees);
        const fv = (await manajer.get(`/api/v1/followups/${fid}`)).body.version;
        const owner = role === 'mitra' && rel === 'own';
        const progress = await c.post(`/api/v1/followups/${fid}/progress`, {
          version: fv,
          note: `Perkembangan ${who}`,
        });
        expect(progress.status, `${who} progress`).toBe(
          manages || owner ? 200 : !reads ? 403 : sees ? 403 : 404,
        );
        const due = await c.patch(`/api/v1/followups/${fid}`, {
          version: (await manajer.get(`/api/v1/followups/${fid}`)).body.version,
          dueOn: '2099-12-30',
        });
        expect(due.status, `${who} due date`).toBe(manages ? 200 : !reads ? 403 : sees ? 403 : 404);
      }
  });

  it('intake officers may not edit a case once it has left intake', async () => {
    const f = await fixture(false);
    for (const to of ['identifikasi', 'asesmen']) {
      const v = (await manajer.get(`/api/v1/cases/${f.id}`)).body.version;
      expect((await manajer.post(`/api/v1/cases/${f.id}/transition`, { version: v, to })).status).toBe(200);
    }
    const p = clients.get('pengaduan:own')!;
    expect((await p.get(`/api/v1/cases/${f.id}`)).status).toBe(200);
    expect((await p.post(`/api/v1/cases/${f.id}/records/note`, { body: 'x' })).status).toBe(403);
    const v = (await manajer.get(`/api/v1/cases/${f.id}`)).body.version;
    expect(
      (
        await p.post(`/api/v1/cases/${f.id}/transition`, {
          version: v,
          to: 'terminasi',
          closureReason: 'lainnya',
        })
      ).status,
    ).toBe(403);
  });

  it('leadership sees aggregates only: own kabupaten, or every kab/kota of the province', async () => {
    await openFullCase(await h.as('manajer@serang.demo'));
    const kab = await clients.get('pimpinan:own')!.get('/api/v1/stats/summary');
    const prov = await clients.get('pimpinan:parent')!.get('/api/v1/stats/summary');
    expect(kab.status).toBe(200);
    expect(prov.status).toBe(200);
    expect(prov.body.total).toBeGreaterThan(kab.body.total);
    expect(JSON.stringify(prov.body)).not.toMatch(/Sari|Wulandari/);
  });

  it('the coordination card (issue 12 review M3): region readers of coordination get their own jurisdiction’s counts (a province with its kab/kota); partners and roles without coordination 403', async () => {
    const home = { own: '36.02', other: '36.73', parent: '36' } as const;
    for (const role of ROLES)
      for (const rel of ['own', 'other', 'parent'] as const) {
        const r = await clients.get(`${role}:${rel}`)!.get('/api/v1/stats/coordination-summary');
        const reads = ['admin-dinas', 'pengaduan', 'manajer', 'pendamping', 'pimpinan'].includes(role);
        expect(r.status, `${role}:${rel}`).toBe(reads ? 200 : 403);
        if (reads) expect(r.body.jurisdiction, `${role}:${rel}`).toBe(home[rel]);
      }
  });

  it('KLA self-evaluation (issue 13): the kab/kota’s pimpinan, managers and coordinator read it, OPD staff only what is assigned to them; the coordinator changes it; the province reads it once submitted and verifies it; never another kab/kota', async () => {
    const coordinator = await h.as('admin-dinas@lebak.demo');
    const made = await coordinator.post('/api/v1/kla/evaluations', { year: 2031 });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.id as string;
    const mitraOrg = (
      await h.svc.conn.db
        .selectFrom('app_user')
        .select('org_id')
        .where('email', '=', 'mitra@lebak.demo')
        .executeTakeFirstOrThrow()
    ).org_id;
    const assigned = await coordinator.req('PUT', `/api/v1/kla/evaluations/${id}/assignments`, {
      version: made.body.version,
      assignments: [{ number: 8, orgId: mitraOrg }],
    });
    expect(assigned.status).toBe(200);
    const answer = async (n: number) =>
      (await coordinator.get(`/api/v1/kla/evaluations/${id}`)).body.indicators.find(
        (v: { indicator: { number: number } }) => v.indicator.number === n,
      ).answer as { id: string; version: number };
    const readers = ['admin-dinas', 'manajer', 'pimpinan'];
    const members = ['pengaduan', 'pendamping', 'mitra'];
    const check = async (submitted: boolean) => {
      for (const role of ROLES)
        for (const rel of ['own', 'other', 'parent'] as const) {
          const c = clients.get(`${role}:${rel}`)!;
          const who = `${role}:${rel}${submitted ? ' (submitted)' : ''}`;
          const reader = readers.includes(role);
          // members of a province have no kab/kota evaluation to fill
          const member = members.includes(role) && rel !== 'parent';
          const none = !reader && !member;
          const sees =
            (reader && (rel === 'own' || (rel === 'parent' && submitted))) ||
            (role === 'mitra' && rel === 'own');
          const list = await c.get('/api/v1/kla/evaluations');
          expect(list.status, `${who} list`).toBe(none ? 403 : 200);
          if (list.status === 200)
            expect(
              list.body.items.some((x: { id: string }) => x.id === id),
              `${who} listed`,
            ).toBe(sees);
          expect((await c.get(`/api/v1/kla/evaluations/${id}`)).status, `${who} read`).toBe(
            none ? 403 : sees ? 200 : 404,
          );
          const a8 = await answer(8);
          const fill = await c.req('PUT', `/api/v1/kla/answers/${a8.id}`, {
            version: a8.version,
            option: 'ada',
          });
          const fills = rel === 'own' && (role === 'admin-dinas' || role === 'mitra');
          expect(fill.status, `${who} fill #8`).toBe(
            none ? 403 : !sees ? 404 : submitted && fills ? 409 : fills ? 200 : 403,
          );
          const a1 = await answer(1);
          const other = await c.req('PUT', `/api/v1/kla/answers/${a1.id}`, {
            version: a1.version,
            option: 'ada',
          });
          expect(other.status, `${who} fill #1`).toBe(
            none
              ? 403
              : !sees
                ? 404
                : submitted && role === 'admin-dinas' && rel === 'own'
                  ? 409
                  : role === 'admin-dinas' && rel === 'own'
                    ? 200
                    : // a member does not see an indicator it is not assigned: not even its id (404)
                      role === 'mitra'
                      ? 404
                      : 403,
          );
          const history = await c.get(`/api/v1/kla/evaluations/${id}/history`);
          expect(history.status, `${who} history`).toBe(
            none
              ? 403
              : !sees
                ? 404
                : rel === 'own' && (role === 'admin-dinas' || role === 'pimpinan')
                  ? 200
                  : 403,
          );
          const verify = await c.req('PUT', `/api/v1/kla/answers/${a1.id}/verification`, {
            version: a1.version,
            decision: 'accepted',
          });
          const verifier = role === 'admin-dinas' && rel === 'parent' && submitted;
          expect(verify.status, `${who} verify`).toBe(none ? 403 : !sees ? 404 : verifier ? 200 : 403);
          if (verifier) {
            // leave it undecided for the next role
            const back = await answer(1);
            expect(
              (
                await c.req('PUT', `/api/v1/kla/answers/${a1.id}/verification`, {
                  version: back.version,
                  decision: 'fix',
                  note: 'Matriks akses',
                })
              ).status,
            ).toBe(200);
          }
        }
    };
    await check(false);
    const e = (await coordinator.get(`/api/v1/kla/evaluations/${id}`)).body;
    const sent = await coordinator.post(`/api/v1/kla/evaluations/${id}/submit`, {
      version: e.version,
      markMissing: true,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    await check(true);
  });
});
