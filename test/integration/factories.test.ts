/**
 * The test-data factories (test/helpers/factories.ts) make what they claim, through the real code:
 * on a database without the demo, a made case reads back through the API numbered
 * PPA-<kab>-<year>-<seq> with its persons decrypted (and stored encrypted), every write audited;
 * made users sign in; a made referral reaches the recipient organisation's staff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localYear } from '../../src/domain/time.ts';
import {
  acceptAs,
  type MadeUser,
  makeFullCase,
  makeOrg,
  makeRecord,
  makeReferral,
  makeRegionWorld,
  makeUser,
  type RegionWorld,
} from '../helpers/factories.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

describe.each(ENGINES)('test-data factories on %s', (engine) => {
  let h: Harness;
  let lebak: RegionWorld;
  let manajer: MadeUser;
  let m: Client;

  beforeAll(async () => {
    h = await createHarness(engine, { seed: 'none' });
    lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    manajer = await makeUser(h.svc, { role: 'manajer', org: lebak.uptd });
    m = await h.as(manajer.email, manajer.password);
  });
  afterAll(async () => h?.close());

  it("seed: 'none' loads no demo organisation or user, only the regions", async () => {
    const db = h.svc.conn.db;
    const orgs = await db.selectFrom('organisation').select('id').execute();
    expect(orgs.map((o) => o.id).sort()).toEqual([lebak.dinas.id, lebak.uptd.id, lebak.police.id].sort());
    const demo = await h.anon.post('/api/v1/auth/login', {
      email: 'manajer@lebak.demo',
      password: 'Simpul-Demo-2026',
    });
    expect(demo.status).toBe(401);
    const region = await db
      .selectFrom('region')
      .select('name')
      .where('code', '=', '36.02')
      .executeTakeFirst();
    expect(region?.name).toBe('Kabupaten Lebak');
  });

  it('a region world is a Dinas, a UPTD and a police unit of the kab/kota, the police under an agreement', async () => {
    expect(lebak).toMatchObject({
      kabKota: '36.02',
      name: 'Kabupaten Lebak',
      dinas: { type: 'dinas_pppa', jurisdiction: '36.02' },
      uptd: { type: 'uptd_ppa', jurisdiction: '36.02' },
      police: { type: 'polisi_ppa', jurisdiction: '36.02', services: ['lapor_polisi', 'penegakan_hukum'] },
    });
    expect(lebak.village.startsWith(`${lebak.district}.`)).toBe(true);
    expect(lebak.district.startsWith('36.02.')).toBe(true);
    const entry = await m.get(`/api/v1/directory/${lebak.police.id}`);
    expect(entry.status, JSON.stringify(entry.body)).toBe(200);
    expect(entry.body.name).toBe(lebak.police.name);
  });

  it('a made user signs in without two-factor, as its role in its organisation; demo: false must enrol', async () => {
    const me = await m.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({
      id: manajer.id,
      email: manajer.email,
      role: 'manajer',
      orgId: lebak.uptd.id,
      jurisdiction: '36.02',
      mfaEnrolmentRequired: false,
    });
    const real = await makeUser(h.svc, { role: 'manajer', org: lebak.uptd, demo: false });
    const r = await h.as(real.email, real.password);
    expect((await r.get('/api/v1/auth/me')).body.user.mfaEnrolmentRequired).toBe(true);
    expect((await r.get('/api/v1/cases')).body.error.code).toBe('MFA_ENROLMENT_REQUIRED');
    // a case role belongs to the UPTD or the Dinas, never to a partner
    await expect(makeUser(h.svc, { role: 'manajer', org: lebak.police })).rejects.toThrow(/does not fit/);
  });

  it('a made case reads back through the API: numbered, persons decrypted and stored encrypted, audited', async () => {
    const k = await makeFullCase(h.svc, manajer, {
      victim: { name: 'Laras Pertiwi Uji', phone: '081298765432' },
    });
    const year = localYear(h.now.value, '36.02');
    expect(k.number).toMatch(new RegExp(`^PPA-3602-${year}-\\d{6}$`));
    const c = await m.get(`/api/v1/cases/${k.id}`);
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ number: k.number, stage: 'penerimaan', managerId: manajer.id });
    const victim = c.body.persons.find((p: { id: string }) => p.id === k.victimId);
    expect(victim).toMatchObject({ role: 'korban', name: 'Laras Pertiwi Uji', birthDate: '1995-03-14' });
    // a synthetic NIK, well-formed: district of Lebak, birth day + 40 (a woman), month, year
    expect(victim.nik).toMatch(new RegExp(`^${lebak.district.replace(/\./g, '')}540395\\d{4}$`));
    expect(c.body.persons.find((p: { id: string }) => p.id === k.perpetratorId).role).toBe('terlapor');
    expect(c.body.incidents.map((i: { id: string }) => i.id)).toEqual([k.incidentId]);
    expect(c.body.incidents[0].chronology).toContain('pelaku memukul korban');

    const row = await h.svc.conn.db
      .selectFrom('person')
      .selectAll()
      .where('id', '=', k.victimId)
      .executeTakeFirstOrThrow();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain('Laras');
    expect(stored).not.toContain(victim.nik);
    expect(stored).not.toContain('81298765432');
    expect(row.nik_enc).toMatch(/^v1\./);

    const actions = await h.svc.conn.db
      .selectFrom('audit_event')
      .select(['action', 'actor_id'])
      .where('entity_id', 'in', [k.id, k.victimId, k.perpetratorId, k.incidentId])
      .where('action', 'in', ['case.create', 'person.create', 'incident.create'])
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual([
      'case.create',
      'incident.create',
      'person.create',
      'person.create',
    ]);
    expect(new Set(actions.map((a) => a.actor_id))).toEqual(new Set([manajer.id]));

    // the next case takes the next number
    const k2 = await makeFullCase(h.svc, manajer);
    expect(Number(k2.number.slice(-6))).toBe(Number(k.number.slice(-6)) + 1);
  });

  it('a made record is stored encrypted and shown decrypted', async () => {
    const k = await makeFullCase(h.svc, manajer);
    const rec = await makeRecord(h.svc, manajer, k.id, 'note', { body: 'Catatan rahasia uji pabrik.' });
    const c = (await m.get(`/api/v1/cases/${k.id}`)).body;
    expect(c.records.find((r: { id: string }) => r.id === rec.id).data.body).toBe(
      'Catatan rahasia uji pabrik.',
    );
    const row = await h.svc.conn.db
      .selectFrom('case_record')
      .select(['data', 'secret_enc'])
      .where('id', '=', rec.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('rahasia');
  });

  it("a made referral reaches the recipient's staff, who can accept it", async () => {
    const hospital = await makeOrg(h.svc, { kabKota: '36.02', type: 'rumah_sakit', services: ['kesehatan'] });
    const nurse = await makeUser(h.svc, { role: 'mitra', org: hospital });
    const k = await makeFullCase(h.svc, manajer);
    const r = await makeReferral(h.svc, manajer, k.id, { personId: k.victimId, toOrg: hospital });
    expect(r).toMatchObject({ status: 'terkirim', services: ['kesehatan'] });
    expect(r.number).toMatch(/^RJK\/36\.02\/\d{4}\/\d{5}$/);
    const rs = await h.as(nurse.email, nurse.password);
    const inbox = await rs.get('/api/v1/referrals?box=masuk');
    expect(inbox.body.items.map((x: { id: string }) => x.id)).toEqual([r.id]);
    const accepted = await acceptAs(h.svc, nurse, r);
    expect(accepted.status).toBe('diterima');
    // the agreement of the world's police unit: no warning on a referral to it
    const toPolice = await makeReferral(h.svc, manajer, k.id, { personId: k.victimId, toOrg: lebak.police });
    expect(toPolice.warnings).toEqual([]);
    expect(r.warnings).toEqual(['tidak_ada_kerja_sama']);
  });
});
