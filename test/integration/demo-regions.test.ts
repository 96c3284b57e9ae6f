/**
 * The demo's regions (issue 11 §5): Kota Bontang outside WIB, the province Dinas of Banten that
 * never reads a kab/kota's case, and demo cases over more than 24 months, in several kecamatan
 * and desa of each kab/kota.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PROVINCES, DEMO_REGIONS } from '../../src/app/seed-demo.ts';
import { ROLES } from '../../src/domain/policy.ts';
import { localDate, localYear } from '../../src/domain/time.ts';
import { createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

describe.each(ENGINES)('demo regions (%s)', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine, { cases: 30, regions: ['36', '64'] });
  });
  afterAll(async () => h?.close());

  it('gives Kota Bontang (64.74) one user per role, who sign in to their own kab/kota', async () => {
    for (const local of [...ROLES, 'rsud']) {
      const c = await h.as(`${local}@bontang.demo`);
      const me = (await c.get('/api/v1/auth/me')).body.user;
      expect(me.jurisdiction, local).toBe('64.74');
      expect(me.jurisdictionName, local).toBe('Kota Bontang');
    }
  });

  it('keeps a Bontang case in WITA', async () => {
    const manajer = await h.as('manajer@bontang.demo');
    const list = await manajer.get('/api/v1/cases?pageSize=100');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBe(30);
    for (const c of list.body.items as Array<{ number: string; receivedAt: string; jurisdiction: string }>) {
      expect(c.jurisdiction).toBe('64.74');
      // numbered in the local (WITA) year it was opened, a few minutes to an hour after it came in
      const received = new Date(c.receivedAt);
      const years = [
        localYear(received, '64.74'),
        localYear(new Date(received.getTime() + 3600_000), '64.74'),
      ];
      expect(years, c.number).toContain(Number(c.number.split('-')[2]));
    }
    const one = list.body.items[0] as { id: string };
    const log = await manajer.get(`/api/v1/cases/${one.id}/access-log`);
    expect(log.status).toBe(200);
    expect([log.body.zone, log.body.zoneAbbr]).toEqual(['Asia/Makassar', 'WITA']);
    const queue = await manajer.get('/api/v1/work-queue');
    expect(queue.body.today).toBe(localDate(h.now.value, '64.74'));
  });

  it('gives the province of Banten its leadership, administrator and case manager, who never open a Lebak case', async () => {
    const lebak = await h.as('manajer@lebak.demo');
    const ids = ((await lebak.get('/api/v1/cases?pageSize=5')).body.items as Array<{ id: string }>).map(
      (c) => c.id,
    );
    expect(ids.length).toBeGreaterThan(0);
    for (const role of DEMO_PROVINCES.find((p) => p.slug === 'banten')!.roles) {
      const c = await h.as(`${role}@banten.demo`);
      const me = (await c.get('/api/v1/auth/me')).body.user;
      expect(me.jurisdiction, role).toBe('36');
      for (const id of ids)
        expect([403, 404], `${role} GET /cases/${id}`).toContain((await c.get(`/api/v1/cases/${id}`)).status);
      const list = await c.get('/api/v1/cases?pageSize=100');
      if (list.status === 200) expect(list.body.items, role).toEqual([]);
      else expect([403, 404], role).toContain(list.status);
    }
  });

  it('leaves out Kota Palangka Raya and the province of Kalimantan Tengah when their region codes are not loaded', async () => {
    const db = h.svc.conn.db;
    expect(
      await db.selectFrom('case_file').select('id').where('jurisdiction', '=', '62.71').execute(),
    ).toEqual([]);
    const users = await db
      .selectFrom('app_user')
      .select('email')
      .where((eb) =>
        eb.or([eb('email', 'like', '%@palangkaraya.demo'), eb('email', 'like', '%@kalteng.demo')]),
      )
      .execute();
    expect(users).toEqual([]);
  });

  it('spreads the demo cases over at least 24 months and over several kecamatan and desa of each kab/kota', async () => {
    const db = h.svc.conn.db;
    // Kalimantan Tengah's codes are not loaded here (test/integration/demo-kla.test.ts loads them)
    for (const region of DEMO_REGIONS.filter((r) => !r.code.startsWith('62'))) {
      const cases = await db
        .selectFrom('case_file')
        .select(['id', 'received_at'])
        .where('jurisdiction', '=', region.code)
        .execute();
      expect(cases.length, region.slug).toBe(30);
      const days = cases.map((c) => localDate(new Date(c.received_at), region.code)).sort();
      const [first, last] = [days[0]!, days[days.length - 1]!];
      const months =
        (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 +
        Number(last.slice(5, 7)) -
        Number(first.slice(5, 7));
      expect(months, `${region.slug}: ${first} … ${last}`).toBeGreaterThanOrEqual(24);
      const villages = await db
        .selectFrom('person')
        .innerJoin('case_file', 'case_file.id', 'person.case_id')
        .select('person.region_code')
        .distinct()
        .where('case_file.jurisdiction', '=', region.code)
        .where('person.role', '=', 'korban')
        .execute();
      const codes = villages.map((v) => v.region_code!);
      expect(
        codes.every((c) => c.startsWith(`${region.code}.`) && c.length === 13),
        region.slug,
      ).toBe(true);
      expect(new Set(codes).size, `${region.slug} desa`).toBeGreaterThanOrEqual(5);
      expect(
        new Set(codes.map((c) => c.slice(0, 8))).size,
        `${region.slug} kecamatan`,
      ).toBeGreaterThanOrEqual(3);
    }
    // closed cases carry their closure reason, and some victims come back with the same NIK
    const closed = await db
      .selectFrom('case_file')
      .select('closure_reason')
      .where('stage', '=', 'terminasi')
      .execute();
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((c) => c.closure_reason !== null)).toBe(true);
    const repeated = await db
      .selectFrom('person')
      .select('nik_hash')
      .where('nik_hash', 'is not', null)
      .groupBy('nik_hash')
      .having((eb) => eb.fn.count('case_id').distinct(), '>', 1)
      .execute();
    expect(repeated.length).toBeGreaterThan(0);
  });
});
