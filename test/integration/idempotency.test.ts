/**
 * Idempotency-Key under bursts (invariant 7, decision 019): for every kind of create that takes a
 * key, 20 identical requests with one key sent at once create exactly one thing and all get the
 * same answer (19 of them marked `Idempotent-Replayed`). A replay passes the same access check as
 * the original — a companion taken off the case gets 404 — and is audited; a create that failed
 * leaves its key unused; a WhatsApp reply goes to the Graph API once.
 */

import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backgroundSettled } from '../../src/app/background.ts';
import type { RecordKind } from '../../src/domain/schemas.ts';
import { type FakeGraph, startFakeGraph } from '../helpers/fake-graph.ts';
import {
  type Client,
  createHarness,
  ENGINES,
  type Harness,
  openFullCase,
  type Res,
} from '../helpers/harness.ts';

const BURST = 20;
const TODAY = () => new Date().toISOString().slice(0, 10);

/** Sends `BURST` copies of one request with one key at once; `body` is called per copy (FormData is used up). */
async function burst(c: Client, path: string, body: () => unknown, n = BURST) {
  const key = randomUUID();
  const rs = await Promise.all(
    Array.from({ length: n }, () => c.req('POST', path, body(), { 'idempotency-key': key })),
  );
  return { key, rs };
}

/** All created, one answer, exactly one of them the original. */
function expectOneAnswer(rs: Res[], what: string) {
  for (const r of rs) expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(201);
  const bodies = new Set(rs.map((r) => JSON.stringify(r.body)));
  expect(bodies.size, `${what}: every copy gets the same answer`).toBe(1);
  expect(
    rs.filter((r) => r.headers.get('idempotent-replayed') !== 'true'),
    what,
  ).toHaveLength(1);
}

describe.each(ENGINES)('Idempotency-Key under bursts on %s', (engine) => {
  let h: Harness;
  let m: Client; // manajer Lebak
  let police: Client; // mitra, Unit PPA Polres Lebak
  let policeId: string;
  let serangUptd: string;

  const n = async (table: 'case_file' | 'intake', where?: (q: never) => never) => {
    let q = h.svc.conn.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n'));
    if (where) q = where(q as never);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const rowsOf = async (
    table: 'person' | 'incident' | 'attachment' | 'referral' | 'case_transfer',
    caseId: string,
  ) =>
    Number(
      (
        await h.svc.conn.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('case_id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const recordsOf = async (caseId: string, kind: RecordKind) =>
    Number(
      (
        await h.svc.conn.db
          .selectFrom('case_record')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('case_id', '=', caseId)
          .where('kind', '=', kind)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const eventsOf = async (referralId: string, type: string) =>
    Number(
      (
        await h.svc.conn.db
          .selectFrom('referral_event')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('referral_id', '=', referralId)
          .where('type', '=', type)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    h = await createHarness(engine);
    const db = h.svc.conn.db;
    policeId = (
      await db
        .selectFrom('organisation')
        .select('id')
        .where('name', 'like', 'Unit PPA Polres Lebak%')
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .updateTable('organisation')
      .set({ services: ['lapor_polisi', 'penegakan_hukum'] })
      .where('id', '=', policeId)
      .execute();
    serangUptd = (
      await db
        .selectFrom('organisation')
        .select('id')
        .where('type', '=', 'uptd_ppa')
        .where('jurisdiction', '=', '36.73')
        .executeTakeFirstOrThrow()
    ).id;
    m = await h.as('manajer@lebak.demo');
    police = await h.as('mitra@lebak.demo');
  });
  afterAll(async () => h?.close());

  it('cases: one case for 20 copies', async () => {
    const before = await n('case_file');
    const { rs } = await burst(m, '/api/v1/cases', () => ({
      channel: 'datang_langsung',
      summary: 'Uji idempotensi: satu kasus.',
    }));
    expectOneAnswer(rs, 'POST /cases');
    expect(await n('case_file')).toBe(before + 1);
    expect(rs[0]!.body.summary).toBe('Uji idempotensi: satu kasus.');
  });

  it('persons, incidents, every kind of case record and attachments: one each', async () => {
    const k = await openFullCase(m);
    const persons = await rowsOf('person', k.id);
    const p = await burst(m, `/api/v1/cases/${k.id}/persons`, () => ({
      role: 'korban',
      name: 'Dewi Lestari Uji',
      sex: 'perempuan',
      birthDate: '2010-05-01',
    }));
    expectOneAnswer(p.rs, 'persons');
    expect(await rowsOf('person', k.id)).toBe(persons + 1);

    const incidents = await rowsOf('incident', k.id);
    const i = await burst(m, `/api/v1/cases/${k.id}/incidents`, () => ({
      date: '2026-01-11',
      placeCategory: 'rumah_tangga',
      forms: ['psikis'],
      chronology: 'Kronologi uji idempotensi.',
    }));
    expectOneAnswer(i.rs, 'incidents');
    expect(await rowsOf('incident', k.id)).toBe(incidents + 1);

    const records: Record<string, unknown> = {
      assessment: { physical: 'Luka memar (uji).', assessedOn: TODAY() },
      plan_item: { service: 'psikologis', notes: 'Konseling (uji).' },
      service: { service: 'pengaduan', date: TODAY(), outcome: 'Diterima (uji).' },
      right: { victimId: k.victimId, right: 'restitusi', status: 'direncanakan' },
      note: { body: 'Catatan uji idempotensi.' },
    };
    for (const [kind, body] of Object.entries(records) as Array<[RecordKind, unknown]>) {
      const before = await recordsOf(k.id, kind);
      const r = await burst(m, `/api/v1/cases/${k.id}/records/${kind}`, () => body);
      expectOneAnswer(r.rs, `records/${kind}`);
      expect(await recordsOf(k.id, kind), kind).toBe(before + 1);
    }

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const a = await burst(m, `/api/v1/cases/${k.id}/attachments`, () => {
      const f = new FormData();
      f.append('file', new Blob([pdf], { type: 'application/pdf' }), 'surat-uji.pdf');
      return f;
    });
    expectOneAnswer(a.rs, 'attachments');
    expect(await rowsOf('attachment', k.id)).toBe(1);
    // the same key with other bytes is another request
    const other = new FormData();
    other.append(
      'file',
      new Blob([Buffer.concat([pdf, Buffer.from('%x\n')])], { type: 'application/pdf' }),
      'surat-uji.pdf',
    );
    const conflict = await m.req('POST', `/api/v1/cases/${k.id}/attachments`, other, {
      'idempotency-key': a.key,
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('referrals and what the recipient adds to them (services, messages, investigation): one each', async () => {
    const k = await openFullCase(m, { sexual: true });
    const givenAt = new Date().toISOString();
    const ref = await burst(m, `/api/v1/cases/${k.id}/referrals`, () => ({
      personId: k.victimId,
      toOrgId: policeId,
      services: ['lapor_polisi'],
      urgency: 'segera',
      purpose: 'Pendampingan laporan polisi (uji idempotensi).',
      sections: ['kronologi'],
      consent: { basis: 'persetujuan_korban', givenBy: 'Korban sendiri', givenAt },
    }));
    expectOneAnswer(ref.rs, 'referrals');
    expect(await rowsOf('referral', k.id)).toBe(1);
    const r = ref.rs[0]!.body;
    const acc = await police.post(`/api/v1/referrals/${r.id}/accept`, { version: r.version });
    expect(acc.status, JSON.stringify(acc.body)).toBe(200);

    const svc = await burst(police, `/api/v1/referrals/${r.id}/services`, () => ({
      service: 'lapor_polisi',
      date: TODAY(),
      outcome: 'Laporan dibuat (uji).',
    }));
    expectOneAnswer(svc.rs, 'referral services');
    expect(await eventsOf(r.id, 'service')).toBe(1);
    const services = await h.svc.conn.db
      .selectFrom('case_record')
      .select('id')
      .where('referral_id', '=', r.id)
      .execute();
    expect(services).toHaveLength(1);

    const msg = await burst(police, `/api/v1/referrals/${r.id}/messages`, () => ({
      body: 'Mohon salinan visum (uji).',
    }));
    expectOneAnswer(msg.rs, 'referral messages');
    expect(await eventsOf(r.id, 'message')).toBe(1);

    const version = (await police.get(`/api/v1/referrals/${r.id}`)).body.version;
    const inv = await burst(police, `/api/v1/referrals/${r.id}/investigation`, () => ({
      version,
      lpNumber: 'LP/B/77/I/2026/SPKT/POLRES LEBAK',
      status: 'laporan_diterima',
      date: TODAY(),
    }));
    expectOneAnswer(inv.rs, 'investigation');
    expect(await eventsOf(r.id, 'investigation')).toBe(1);
  });

  it('transfers and staff-recorded intake: one each', async () => {
    const k = await openFullCase(m);
    const t = await burst(m, `/api/v1/cases/${k.id}/transfers`, () => ({
      level: 'kabkota',
      toOrgId: serangUptd,
      reason: 'Korban pindah domisili (uji idempotensi).',
    }));
    expectOneAnswer(t.rs, 'transfers');
    expect(await rowsOf('case_transfer', k.id)).toBe(1);

    const officer = await h.as('pengaduan@lebak.demo');
    const before = await n('intake');
    const i = await burst(officer, '/api/v1/intake', () => ({
      channel: 'telepon',
      callType: 'laporan_baru_tindak_lanjut',
      reporterType: 'korban',
      victimName: 'Roekmini Uji Idempotensi',
      forms: ['psikis'],
      dangerNow: false,
      contactMethod: 'telepon',
      contactPhone: '085277778888',
      consentContact: true,
    }));
    expectOneAnswer(i.rs, 'intake');
    expect(await n('intake')).toBe(before + 1);
  });

  it('one key with two different bodies at once: one is created, the other copies conflict', async () => {
    const k = await openFullCase(m);
    const key = randomUUID();
    const rs = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        m.post(
          `/api/v1/cases/${k.id}/records/note`,
          { body: i % 2 ? 'Catatan A (uji).' : 'Catatan B (uji).' },
          {
            'idempotency-key': key,
          },
        ),
      ),
    );
    expect(await recordsOf(k.id, 'note')).toBe(1);
    const ok = rs.filter((r) => r.status === 201);
    const conflicts = rs.filter((r) => r.status === 409);
    expect(ok.length + conflicts.length).toBe(BURST);
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
    for (const c of conflicts) expect(c.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    // the half that sent the stored body got it back, the other half conflicted
    expect(ok).toHaveLength(BURST / 2);
  });

  it('a create that failed leaves its key unused: the corrected request with it goes through', async () => {
    const k = await openFullCase(m);
    const key = { 'idempotency-key': randomUUID() };
    const bad = await m.post(
      `/api/v1/cases/${k.id}/persons`,
      { role: 'korban', name: 'Sri Uji', regionCode: '36.99' },
      key,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('UNKNOWN_REGION');
    const good = await m.post(`/api/v1/cases/${k.id}/persons`, { role: 'korban', name: 'Sri Uji' }, key);
    expect(good.status, JSON.stringify(good.body)).toBe(201);
    expect(good.headers.get('idempotent-replayed')).toBeNull();
  });

  it('a replay passes the same access check as the original and is audited; a companion taken off the case gets 404', async () => {
    const k = await openFullCase(m);
    const pendamping = await h.as('pendamping@lebak.demo');
    const pid = (
      await h.svc.conn.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', 'pendamping@lebak.demo')
        .executeTakeFirstOrThrow()
    ).id;
    const assign = async (companionIds: string[]) => {
      const version = (await m.get(`/api/v1/cases/${k.id}`)).body.version;
      const r = await m.post(`/api/v1/cases/${k.id}/assign`, { version, companionIds });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    await assign([pid]);
    const key = { 'idempotency-key': randomUUID() };
    const body = { role: 'korban', name: 'Nur Aini Rahasia Uji', nik: '3602014101950003' };
    const first = await pendamping.post(`/api/v1/cases/${k.id}/persons`, body, key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await pendamping.post(`/api/v1/cases/${k.id}/persons`, body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);

    await assign([]);
    const after = await pendamping.post(`/api/v1/cases/${k.id}/persons`, body, key);
    expect(after.status).toBe(404);
    expect(JSON.stringify(after.body)).not.toContain('Nur Aini');
    expect(JSON.stringify(after.body)).not.toContain('3602014101950003');

    const trail = await h.svc.conn.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'entity', 'entity_id'])
      .where('actor_id', '=', pid)
      .where('action', '=', 'person.create')
      .orderBy('id')
      .execute();
    expect(trail.map((e) => e.outcome)).toEqual(['ok', 'replayed', 'not_found']);
    expect(trail[1]).toMatchObject({ entity: 'person', entity_id: first.body.id });
  });
});

describe.each(ENGINES)('WhatsApp replies with an Idempotency-Key on %s', (engine) => {
  const APP_SECRET = 'rahasia-aplikasi-uji-idem';
  const ACCESS_TOKEN = 'EAAG-token-akses-uji-idem';
  let h: Harness;
  let graph: FakeGraph;
  let officer: Client;
  let intakeId = '';

  beforeAll(async () => {
    graph = await startFakeGraph(ACCESS_TOKEN);
    h = await createHarness(engine, {
      whatsapp: {
        verifyToken: 'verifikasi-uji-idem',
        appSecret: APP_SECRET,
        accessToken: ACCESS_TOKEN,
        phoneNumberId: '109876543210',
        graphUrl: graph.url,
        defaultRegion: '36.02',
      },
    });
    officer = await h.as('pengaduan@lebak.demo');
    const from = '6281299990000';
    const raw = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '6281100001129', phone_number_id: '109876543210' },
                contacts: [{ profile: { name: 'Mawar' }, wa_id: from }],
                messages: [
                  {
                    from,
                    id: `wamid.${randomUUID()}`,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: 'text',
                    text: { body: 'Tolong, saya butuh bantuan (uji).' },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    const r = await h.app.request('/webhooks/whatsapp', {
      method: 'POST',
      body: raw,
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': `sha256=${createHmac('sha256', APP_SECRET).update(raw).digest('hex')}`,
      },
    });
    expect(r.status).toBe(200);
    const items = (await officer.get('/api/v1/intake?channel=whatsapp&pageSize=10')).body.items;
    intakeId = items[0].id;
  });
  afterAll(async () => {
    if (h) await backgroundSettled(h.svc);
    await h?.close();
    await graph?.close();
  });

  const sends = () =>
    graph.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages')).length;
  const outgoing = async () =>
    Number(
      (
        await h.svc.conn.db
          .selectFrom('wa_message')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('direction', '=', 'out')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('20 copies of one reply at once: one message to WhatsApp, one stored, one answer', async () => {
    const before = { sends: sends(), stored: await outgoing() };
    const { rs } = await burst(officer, `/api/v1/intake/${intakeId}/whatsapp/messages`, () => ({
      type: 'text',
      body: 'Kami akan menghubungi Anda (uji).',
    }));
    expectOneAnswer(rs, 'whatsapp reply');
    expect(sends()).toBe(before.sends + 1);
    expect(await outgoing()).toBe(before.stored + 1);
  });

  it('a refused send gives its key back: the retry with it sends', async () => {
    const key = { 'idempotency-key': randomUUID() };
    const body = { type: 'text', body: 'Balasan yang dicoba lagi (uji).' };
    graph.failNext('send', { status: 500, code: 1, message: 'Service temporarily unavailable' });
    const failed = await officer.post(`/api/v1/intake/${intakeId}/whatsapp/messages`, body, key);
    expect(failed.status).toBe(502);
    const before = sends();
    const retry = await officer.post(`/api/v1/intake/${intakeId}/whatsapp/messages`, body, key);
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(sends()).toBe(before + 1);
  });
});
