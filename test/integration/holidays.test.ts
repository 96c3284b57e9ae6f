/**
 * National holidays and cuti bersama as data (issue 10 §2): the installation's administrator
 * enters a year's list; the working-day deadlines (a case's 3-working-day follow-up, a routine
 * inbox item) skip them. Only that administrator changes the list; bad input changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MadeUser, makeFullCase, makeRegionWorld, makeUser } from '../helpers/factories.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

describe.each(ENGINES)('holidays on %s', (engine) => {
  let h: Harness;
  let admin: Client;
  let manajer: MadeUser;
  let adminDinas: MadeUser;
  beforeAll(async () => {
    h = await createHarness(engine, { seed: 'none' });
    h.now.value = new Date('2027-03-31T03:00:00Z'); // Wednesday 31 March 2027, 10:00 WIB
    const lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    const installationAdmin = await makeUser(h.svc, { role: 'admin', org: lebak.dinas });
    adminDinas = await makeUser(h.svc, { role: 'admin-dinas', org: lebak.dinas });
    manajer = await makeUser(h.svc, { role: 'manajer', org: lebak.uptd });
    admin = await h.as(installationAdmin.email, installationAdmin.password);
  });
  afterAll(async () => h?.close());

  const followUpDue = async (m: Client, caseId: string) =>
    ((await m.get(`/api/v1/cases/${caseId}`)).body.tasks as Array<{ rule: string; dueAt: string }>).find(
      (t) => t.rule === 'tindak_lanjut',
    )?.dueAt;

  it('a Friday off moves the 3-working-day follow-up from Monday to Tuesday', async () => {
    const m = await h.as(manajer.email, manajer.password);
    const k = await makeFullCase(h.svc, manajer);
    expect(await followUpDue(m, k.id)).toBe('2027-04-05T03:00:00.000Z');

    const put = await admin.req('PUT', '/api/v1/admin/holidays/2027', {
      days: [
        { date: '2027-04-02', name: 'Hari libur uji', kind: 'libur_nasional' },
        { date: '2027-12-24', name: 'Cuti bersama uji', kind: 'cuti_bersama' },
      ],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.items.map((d: { date: string }) => d.date)).toEqual(['2027-04-02', '2027-12-24']);
    expect(await followUpDue(m, k.id)).toBe('2027-04-06T03:00:00.000Z');
    // replaced, not added to: an empty list takes the day off again
    expect((await admin.req('PUT', '/api/v1/admin/holidays/2027', { days: [] })).body.items).toEqual([]);
    expect(await followUpDue(m, k.id)).toBe('2027-04-05T03:00:00.000Z');
    // the change is in the audit log
    const rows = await h.svc.conn.db
      .selectFrom('audit_event')
      .select(['entity_id', 'outcome'])
      .where('action', '=', 'calendar.update')
      .execute();
    expect(rows).toEqual([
      { entity_id: '2027', outcome: 'ok' },
      { entity_id: '2027', outcome: 'ok' },
    ]);
  });

  it('only the installation’s administrator changes it; bad input gets a field code and changes nothing', async () => {
    await admin.req('PUT', '/api/v1/admin/holidays/2028', {
      days: [{ date: '2028-01-01', name: 'Tahun Baru', kind: 'libur_nasional' }],
    });
    const dinas = await h.as(adminDinas.email, adminDinas.password);
    const refused = await dinas.req('PUT', '/api/v1/admin/holidays/2028', { days: [] });
    expect(refused.status).toBe(403);
    expect((await dinas.get('/api/v1/admin/holidays/2028')).body.items).toHaveLength(1);
    const m = await h.as(manajer.email, manajer.password);
    expect((await m.get('/api/v1/admin/holidays/2028')).status).toBe(403);

    const bad = async (body: unknown, field: string, code: string, year = '2028') => {
      const r = await admin.req('PUT', `/api/v1/admin/holidays/${year}`, body);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.fieldCodes[field], JSON.stringify(r.body)).toBe(code);
    };
    await bad(
      { days: [{ date: '2029-01-01', name: 'x', kind: 'libur_nasional' }] },
      'days.0.date',
      'not_in_year',
    );
    await bad(
      {
        days: [
          { date: '2028-05-01', name: 'a', kind: 'libur_nasional' },
          { date: '2028-05-01', name: 'b', kind: 'cuti_bersama' },
        ],
      },
      'days.1.date',
      'duplicate',
    );
    await bad(
      { days: [{ date: '2028-02-30', name: 'x', kind: 'libur_nasional' }] },
      'days.0.date',
      'invalid_date',
    );
    await bad(
      { days: [{ date: '2028-03-01', name: '', kind: 'libur_nasional' }] },
      'days.0.name',
      'required',
    );
    await bad({ days: [{ date: '2028-03-01', name: 'x', kind: 'libur' }] }, 'days.0.kind', 'invalid_value');
    await bad({ days: 'semua' }, 'days', 'invalid_type');
    const notYear = await admin.req('PUT', '/api/v1/admin/holidays/dua-ribu', { days: [] });
    expect(notYear.status).toBe(400);
    expect((await admin.get('/api/v1/admin/holidays/2028')).body.items).toEqual([
      { date: '2028-01-01', name: 'Tahun Baru', kind: 'libur_nasional' },
    ]);
  });
});
