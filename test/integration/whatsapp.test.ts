/**
 * WhatsApp intake through the webhook, with notification bodies written from the public format of
 * the WhatsApp Business Cloud API, and officers' replies going to a local fake Graph API.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushRejections } from '../../src/app/audit/record-rejection.ts';
import { backgroundSettled } from '../../src/app/background.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { ERRORS } from '../../src/domain/errors.ts';
import { createApp } from '../../src/http/app.ts';
import { type FakeGraph, startFakeGraph } from '../helpers/fake-graph.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

const VERIFY_TOKEN = 'verifikasi-uji-7c1e';
const APP_SECRET = 'rahasia-aplikasi-uji-3f9a';
const ACCESS_TOKEN = 'EAAG-token-akses-uji-0001';
const PHONE_NUMBER_ID = '109876543210';
const SENDER_A = '6281234567890';
const SENDER_B = '6285711112222';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(300)]);
const OGG = Buffer.concat([Buffer.from('OggS'), randomBytes(2000)]);
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(1500)]);

describe.each(ENGINES)('WhatsApp intake on %s', (engine) => {
  let h: Harness;
  let graph: FakeGraph;
  let officer: Client;
  const usedWamids: string[] = [];

  /** wamid.… ids are base64 of a structure that holds the sender's number, like the real ones */
  const wamid = (from: string) => {
    const id = `wamid.${Buffer.from(`\u0015\u0002\u0000\u0018\r${from}\u0015\u0002\u0000\u0012\u0018\u0014${randomBytes(10).toString('hex').toUpperCase()}\u0000`).toString('base64')}`;
    usedWamids.push(id);
    return id;
  };
  /** WhatsApp's timestamps have one-second resolution: each message is a second after the last */
  const ts = () => {
    h.now.value = new Date(h.now.value.getTime() + 1000);
    return String(Math.floor(h.now.value.getTime() / 1000));
  };
  const text = (from: string, body: string) => ({
    from,
    id: wamid(from),
    timestamp: ts(),
    type: 'text',
    text: { body },
  });
  const notification = (
    messages: unknown[],
    opts: { statuses?: unknown[]; contacts?: Array<{ wa_id: string; name: string }> } = {},
  ) => ({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '6281100001129', phone_number_id: PHONE_NUMBER_ID },
              ...(messages.length > 0
                ? {
                    contacts: (
                      opts.contacts ??
                      [...new Set(messages.map((m) => (m as { from: string }).from))].map((wa_id) => ({
                        wa_id,
                        name: 'Mawar',
                      }))
                    ).map((c) => ({ profile: { name: c.name }, wa_id: c.wa_id })),
                    messages,
                  }
                : {}),
              ...(opts.statuses ? { statuses: opts.statuses } : {}),
            },
          },
        ],
      },
    ],
  });
  const status = (id: string, s: string, extra: Record<string, unknown> = {}) => ({
    id,
    status: s,
    timestamp: ts(),
    recipient_id: SENDER_A,
    conversation: { id: 'c0ffee', origin: { type: 'service' } },
    pricing: { billable: true, pricing_model: 'CBP', category: 'service' },
    ...extra,
  });

  const sign = (raw: string, secret = APP_SECRET) =>
    `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

  async function deliver(
    payload: unknown,
    o: { signature?: 'valid' | 'forged' | 'none' | string; contentType?: string } = {},
  ) {
    const raw = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const headers: Record<string, string> = { 'content-type': o.contentType ?? 'application/json' };
    const sig = o.signature ?? 'valid';
    if (sig === 'valid') headers['x-hub-signature-256'] = sign(raw);
    else if (sig === 'forged') headers['x-hub-signature-256'] = sign(raw, 'bukan-rahasia-yang-benar');
    else if (sig !== 'none') headers['x-hub-signature-256'] = sig;
    const r = await h.app.request('/webhooks/whatsapp', { method: 'POST', headers, body: raw });
    const t = await r.text();
    let body: unknown = t;
    try {
      body = JSON.parse(t);
    } catch {
      /* text */
    }
    // biome-ignore lint/suspicious/noExplicitAny: checked field by field
    return { status: r.status, body: body as any };
  }

  async function counts() {
    const db = h.svc.conn.db;
    const n = async (q: Promise<{ n: string | number | bigint }>) => Number((await q).n);
    return {
      conversations: await n(
        db
          .selectFrom('wa_conversation')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      ),
      messages: await n(
        db
          .selectFrom('wa_message')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      ),
      outgoing: await n(
        db
          .selectFrom('wa_message')
          .where('direction', '=', 'out')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      ),
      intake: await n(
        db
          .selectFrom('intake')
          .where('channel', '=', 'whatsapp')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      ),
      audit: await n(
        db
          .selectFrom('audit_event')
          .where('action', 'like', 'whatsapp.%')
          .where('outcome', '=', 'ok')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      ),
    };
  }

  const whatsappItems = async (c: Client) =>
    ((await c.get('/api/v1/intake?channel=whatsapp&status=semua&pageSize=100')).body.items as Array<{
      id: string;
      status: string;
      jurisdiction: string;
      version: number;
    }>) ?? [];

  let intakeA = '';

  beforeAll(async () => {
    graph = await startFakeGraph(ACCESS_TOKEN);
    h = await createHarness(engine, {
      whatsapp: {
        verifyToken: VERIFY_TOKEN,
        appSecret: APP_SECRET,
        accessToken: ACCESS_TOKEN,
        phoneNumberId: PHONE_NUMBER_ID,
        graphUrl: graph.url,
        defaultRegion: '36.02',
      },
    });
    officer = await h.as('pengaduan@lebak.demo');
  });
  afterAll(async () => {
    if (h) await backgroundSettled(h.svc);
    await h?.close();
    await graph?.close();
  });

  it('answers the verification handshake only with the right token', async () => {
    const ok = await h.app.request(
      `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await h.app.request(
      '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=salah&hub.challenge=1158201444',
    );
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain('1158201444');
    const noMode = await h.app.request(
      `/webhooks/whatsapp?hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
    );
    expect(noMode.status).toBe(403);
    const doc = await h.anon.get('/api/v1/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/intake/{id}/whatsapp',
        '/api/v1/intake/{id}/whatsapp/messages',
        '/api/v1/intake/{id}/whatsapp/media/{messageId}',
      ]),
    );
  });

  it('a text from a new sender creates one conversation and one item in the Lebak inbox', async () => {
    const r = await deliver(notification([text(SENDER_A, 'Tolong, saya dipukul suami tadi malam.')]));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ received: 1, duplicates: 0 });
    const items = await whatsappItems(officer);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: 'baru', jurisdiction: '36.02', channel: 'whatsapp' });
    intakeA = items[0]!.id;
    const full = await officer.get(`/api/v1/intake/${intakeA}`);
    expect(full.body).toMatchObject({
      reporterType: 'korban',
      contactMethod: 'whatsapp',
      contactPhone: `+${SENDER_A}`,
      description: 'Tolong, saya dipukul suami tadi malam.',
    });
    const conv = await officer.get(`/api/v1/intake/${intakeA}/whatsapp`);
    expect(conv.status).toBe(200);
    expect(conv.body).toMatchObject({
      phone: `+${SENDER_A}`,
      profileName: 'Mawar',
      status: 'menunggu_balasan',
      replyWindowOpen: true,
      enabled: true,
    });
    expect(conv.body.messages).toHaveLength(1);
    expect(conv.body.messages[0]).toMatchObject({
      direction: 'in',
      type: 'text',
      text: 'Tolong, saya dipukul suami tadi malam.',
      status: 'received',
    });
    // another kab/kota sees none of it
    const serang = await h.as('pengaduan@serang.demo');
    expect((await serang.get(`/api/v1/intake/${intakeA}/whatsapp`)).status).toBe(404);
    expect(
      (await serang.post(`/api/v1/intake/${intakeA}/whatsapp/messages`, { type: 'text', body: 'x' })).status,
    ).toBe(404);
    expect(await whatsappItems(serang)).toHaveLength(0);
  });

  it('image, audio, document and location join the same conversation; media are stored encrypted and served back identical', async () => {
    graph.addMedia('1029384756', PNG, 'image/png');
    graph.addMedia('5647382910', OGG, 'audio/ogg; codecs=opus');
    graph.addMedia('9988776655', PDF, 'application/pdf');
    const r = await deliver(
      notification([
        {
          from: SENDER_A,
          id: wamid(SENDER_A),
          timestamp: ts(),
          type: 'image',
          image: { caption: 'Foto luka', mime_type: 'image/png', sha256: 'abc=', id: '1029384756' },
        },
        {
          from: SENDER_A,
          id: wamid(SENDER_A),
          timestamp: ts(),
          type: 'audio',
          audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'def=', id: '5647382910', voice: true },
        },
        {
          from: SENDER_A,
          id: wamid(SENDER_A),
          timestamp: ts(),
          type: 'document',
          document: {
            caption: 'Surat visum',
            filename: 'visum.pdf',
            mime_type: 'application/pdf',
            sha256: 'ghi=',
            id: '9988776655',
          },
        },
        {
          from: SENDER_A,
          id: wamid(SENDER_A),
          timestamp: ts(),
          type: 'location',
          location: { latitude: -6.3588, longitude: 106.2492, name: 'Rumah', address: 'Rangkasbitung' },
        },
      ]),
    );
    expect(r.body).toMatchObject({ received: 4 });
    await backgroundSettled(h.svc);
    const mediaCalls = graph.requests.filter((q) => q.method === 'GET');
    expect(mediaCalls.map((q) => q.path)).toEqual(
      expect.arrayContaining(['/1029384756', '/files/1029384756', '/5647382910', '/9988776655']),
    );
    expect(mediaCalls.every((q) => q.authorization === `Bearer ${ACCESS_TOKEN}`)).toBe(true);
    expect(await whatsappItems(officer)).toHaveLength(1);
    const conv = (await officer.get(`/api/v1/intake/${intakeA}/whatsapp`)).body;
    expect(conv.messages.map((m: { type: string }) => m.type)).toEqual([
      'text',
      'image',
      'audio',
      'document',
      'location',
    ]);
    const [, image, audio, doc, loc] = conv.messages;
    expect(image).toMatchObject({
      text: 'Foto luka',
      media: { mime: 'image/png', state: 'tersimpan', size: PNG.length },
    });
    expect(doc).toMatchObject({ text: 'Surat visum', media: { filename: 'visum.pdf', state: 'tersimpan' } });
    expect(loc.location).toEqual({ latitude: -6.3588, longitude: 106.2492, label: 'Rumah, Rangkasbitung' });
    for (const [m, bytes, mime] of [
      [image, PNG, 'image/png'],
      [audio, OGG, 'audio/ogg'],
      [doc, PDF, 'application/pdf'],
    ] as const) {
      const res = await h.app.request(m.media.url, { headers: { cookie: officer.cookie! } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(mime);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    }
    const stored = await h.svc.conn.db
      .selectFrom('wa_message')
      .select(['media_enc'])
      .where('id', '=', image.id)
      .executeTakeFirstOrThrow();
    const enc = Buffer.from(stored.media_enc!);
    expect(enc.length).toBeGreaterThan(PNG.length);
    expect(enc.includes(PNG.subarray(0, 64))).toBe(false);
    // out of scope: another inbox gets 404 for the file too
    const serang = await h.as('pengaduan@serang.demo');
    expect((await serang.get(image.media.url)).status).toBe(404);
  });

  it('the same notification delivered twice (or at once) creates nothing twice', async () => {
    const n = notification([text(SENDER_A, 'Pesan yang dikirim ulang oleh WhatsApp')]);
    expect((await deliver(n)).body).toMatchObject({ received: 1 });
    const before = await counts();
    const again = await deliver(n);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ received: 0, duplicates: 1 });
    expect(await counts()).toEqual(before);
    // two deliveries racing each other
    const m = notification([text(SENDER_A, 'Dua pengiriman bersamaan')]);
    const [x, y] = await Promise.all([deliver(m), deliver(m)]);
    expect([x.status, y.status]).toEqual([200, 200]);
    expect(x.body.received + y.body.received).toBe(1);
    const after = await counts();
    expect(after.messages).toBe(before.messages + 1);
    expect(after.conversations).toBe(before.conversations);
    expect(after.intake).toBe(before.intake);
  });

  it('forged, missing or malformed signatures answer 401, are audited and store nothing', async () => {
    const before = await counts();
    const n = notification([text(SENDER_B, 'Pesan palsu')]);
    for (const signature of ['forged', 'none', 'sha256=zz', 'sha1=abcdef'] as const) {
      const r = await deliver(n, { signature });
      expect(r.status).toBe(401);
      expect(r.body.error).toMatchObject({
        code: 'WEBHOOK_SIGNATURE_INVALID',
        message: ERRORS.WEBHOOK_SIGNATURE_INVALID[1],
      });
    }
    // a valid signature of another body (tampered in transit)
    const raw = JSON.stringify(n);
    const tampered = await deliver(raw.replace('Pesan palsu', 'Pesan diubah'), { signature: sign(raw) });
    expect(tampered.status).toBe(401);
    expect(await counts()).toEqual(before);
    // counted per source, reason and minute, and written with the count when the minute is over
    h.now.value = new Date(h.now.value.getTime() + 61_000);
    await flushRejections(h.svc);
    const denied = await h.svc.conn.db
      .selectFrom('audit_event')
      .select(['detail', 'outcome', 'actor_id', 'ip'])
      .where('action', '=', 'whatsapp.webhook')
      .execute();
    expect(denied.map((d) => d.detail?.reason).sort()).toEqual([
      'signature_malformed',
      'signature_mismatch',
      'signature_missing',
    ]);
    expect(denied.reduce((n, d) => n + Number(d.detail?.count), 0)).toBe(5);
    expect(denied.every((d) => d.outcome === 'denied' && d.actor_id === null)).toBe(true);
    // the source is a keyed hash, never the address
    expect(denied.every((d) => /^src:[\w-]{16}$/.test(d.ip ?? ''))).toBe(true);
    expect(JSON.stringify(denied)).not.toContain(SENDER_B.slice(2));
    expect(JSON.stringify(denied)).not.toContain('Pesan');
  });

  it('answers malformed JSON with 400, a wrong shape with 400, a wrong content type with 415 and a body over 1 MB with 413', async () => {
    const before = await counts();
    const bad = await deliver('{"object":"whatsapp_business_account","entry":[');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('MALFORMED_JSON');
    const badUtf8 = await deliver(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('latin1'));
    expect(badUtf8.status).toBe(400);
    const shape = await deliver([1, 2, 3]);
    expect(shape.status).toBe(400);
    expect(shape.body.error.code).toBe('VALIDATION_FAILED');
    const ct = await deliver(notification([text(SENDER_B, 'x')]), { contentType: 'text/plain' });
    expect(ct.status).toBe(415);
    const big = await deliver(`{"object":"whatsapp_business_account","pad":"${'a'.repeat(1_100_000)}"}`);
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    // other objects and fields are acknowledged and ignored
    const other = await deliver({ object: 'page', entry: [] });
    expect(other.status).toBe(200);
    expect(await counts()).toEqual(before);
  });

  it('a second sender gets a conversation and an item of their own', async () => {
    const r = await deliver(notification([text(SENDER_B, 'Anak tetangga saya sering dipukul.')]));
    expect(r.body).toMatchObject({ received: 1 });
    expect(await whatsappItems(officer)).toHaveLength(2);
    expect((await counts()).conversations).toBe(2);
  });

  it('an officer replies through the Graph API; sent, delivered and read statuses update the reply', async () => {
    const before = await counts();
    const body = 'Halo, kami petugas UPTD PPA Lebak. Apakah Ibu sekarang di tempat aman?';
    const r = await officer.post(`/api/v1/intake/${intakeA}/whatsapp/messages`, { type: 'text', body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ direction: 'out', type: 'text', text: body, status: 'accepted' });
    const sent = graph.requests.at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe(`/${PHONE_NUMBER_ID}/messages`);
    expect(sent.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(sent.contentType).toMatch(/^application\/json/);
    expect(sent.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: SENDER_A,
      type: 'text',
      text: { preview_url: false, body },
    });
    const waId = graph.sentIds.at(-1)!;
    usedWamids.push(waId);
    // statuses arrive out of order and twice
    expect((await deliver(notification([], { statuses: [status(waId, 'read')] }))).body.statuses).toBe(1);
    const st = await deliver(
      notification([], { statuses: [status(waId, 'sent'), status(waId, 'delivered'), status(waId, 'read')] }),
    );
    expect(st.status).toBe(200);
    const conv = (await officer.get(`/api/v1/intake/${intakeA}/whatsapp`)).body;
    const reply = conv.messages.find((m: { id: string }) => m.id === r.body.id);
    expect(reply).toMatchObject({ status: 'read', sentByName: expect.any(String) });
    expect(reply.sentAt && reply.deliveredAt && reply.readAt).toBeTruthy();
    expect(conv.status).toBe('dibalas');
    // a failure reported after delivery does not undo it
    await deliver(notification([], { statuses: [status(waId, 'failed', { errors: [{ code: 131026 }] })] }));
    expect(
      (await officer.get(`/api/v1/intake/${intakeA}/whatsapp`)).body.messages.find(
        (m: { id: string }) => m.id === r.body.id,
      ).status,
    ).toBe('read');
    const item = (await officer.get(`/api/v1/intake/${intakeA}`)).body;
    expect(item.status).toBe('ditangani');
    expect(item.history.map((e: { type: string }) => e.type)).toContain('whatsapp.reply');

    const t = await officer.post(`/api/v1/intake/${intakeA}/whatsapp/messages`, {
      type: 'template',
      name: 'salam_pembuka',
      language: 'id',
    });
    expect(t.status, JSON.stringify(t.body)).toBe(201);
    expect(graph.requests.at(-1)!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: SENDER_A,
      type: 'template',
      template: { name: 'salam_pembuka', language: { code: 'id' } },
    });
    usedWamids.push(graph.sentIds.at(-1)!);
    expect(t.body).toMatchObject({ template: { name: 'salam_pembuka', language: 'id' }, status: 'accepted' });
    // a delivery failure of the template is recorded on it
    await deliver(
      notification([], {
        statuses: [status(graph.sentIds.at(-1)!, 'failed', { errors: [{ code: 131049 }] })],
      }),
    );
    const failed = (await officer.get(`/api/v1/intake/${intakeA}/whatsapp`)).body.messages.find(
      (m: { id: string }) => m.id === t.body.id,
    );
    expect(failed).toMatchObject({ status: 'failed', errorCode: '131049' });
    expect((await counts()).outgoing).toBe(before.outgoing + 2);

    const invalid = await officer.post(`/api/v1/intake/${intakeA}/whatsapp/messages`, {
      type: 'template',
      name: 'Bukan Nama Templat!',
      language: 'id',
    });
    expect(invalid.status).toBe(400);
    const empty = await officer.post(`/api/v1/intake/${intakeA}/whatsapp/messages`, {
      type: 'text',
      body: '  ',
    });
    expect(empty.status).toBe(400);
  });

  it('a Graph API failure answers a clear error and marks nothing sent', async () => {
    const before = await counts();
    graph.failNext('send', { status: 500, code: 1 });
    const r = await officer.post(`/api/v1/intake/${intakeA}/whatsapp/messages`, {
      type: 'text',
      body: 'Halo',
    });
    expect(r.status).toBe(502);
    expect(r.body.error).toMatchObject({
      code: 'WHATSAPP_SEND_FAILED',
      message: ERRORS.WHATSAPP_SEND_FAILED[1],
    });
    graph.failNext('send', { status: 404, code: 132001, message: '(#132001) Template name does not exist' });
    const tpl = await officer.req(
      'POST',
      `/api/v1/intake/${intakeA}/whatsapp/messages`,
      { type: 'template', name: 'tidak_ada', language: 'id' },
      { 'accept-language': 'en' },
    );
    expect(tpl.status).toBe(400);
    expect(tpl.body.error).toMatchObject({
      code: 'WHATSAPP_TEMPLATE_REJECTED',
      message: ERRORS.WHATSAPP_TEMPLATE_REJECTED[2],
    });
    // the Graph API cannot be reached at all
    const saved = h.svc.whatsapp!.graphUrl;
    h.svc.whatsapp!.graphUrl = 'http://127.0.0.1:9';
    const down = await officer.post(`/api/v1/intake/${intakeA}/whatsapp/messages`, {
      type: 'text',
      body: 'Halo',
    });
    h.svc.whatsapp!.graphUrl = saved;
    expect(down.status).toBe(502);
    expect(await counts()).toEqual(before);
    const failedAudit = await h.svc.conn.db
      .selectFrom('audit_event')
      .select('outcome')
      .where('action', '=', 'whatsapp.send')
      .where('outcome', '=', 'failed')
      .execute();
    expect(failedAudit.length).toBe(3);
  });

  it('a media fetch that fails keeps the message and is retried with the next notification or when an officer opens it', async () => {
    graph.addMedia('1111111111', PNG, 'image/png');
    graph.failNext('media', { status: 500 });
    const img = (id: string) => ({
      from: SENDER_A,
      id: wamid(SENDER_A),
      timestamp: ts(),
      type: 'image',
      image: { mime_type: 'image/png', sha256: 'x=', id },
    });
    expect((await deliver(notification([img('1111111111')]))).body.received).toBe(1);
    await backgroundSettled(h.svc);
    const mediaOf = async () => {
      const msgs = (await officer.get(`/api/v1/intake/${intakeA}/whatsapp`)).body.messages;
      return msgs.filter((m: { media: unknown }) => m.media).at(-1) as {
        media: { state: string; url: string; error: string | null };
      };
    };
    expect((await mediaOf()).media).toMatchObject({ state: 'gagal' });
    // the next notification retries it
    await deliver(notification([text(SENDER_A, 'Sudah terkirim fotonya?')]));
    await backgroundSettled(h.svc);
    expect((await mediaOf()).media).toMatchObject({ state: 'tersimpan', error: null });

    // an officer opening the file retries at once, whatever happened before
    graph.addMedia('2222222222', OGG, 'audio/ogg');
    graph.failNext('media', { status: 500, times: 2 });
    await deliver(
      notification([{ ...img('2222222222'), type: 'audio', image: undefined, audio: { id: '2222222222' } }]),
    );
    await backgroundSettled(h.svc);
    const m = await mediaOf();
    expect(m.media.state).toBe('gagal');
    const first = await h.app.request(m.media.url, { headers: { cookie: officer.cookie! } });
    expect(first.status).toBe(502);
    expect(((await first.json()) as { error: { code: string } }).error.code).toBe(
      'WHATSAPP_MEDIA_UNAVAILABLE',
    );
    const second = await h.app.request(m.media.url, { headers: { cookie: officer.cookie! } });
    expect(second.status).toBe(200);
    expect(Buffer.from(await second.arrayBuffer()).equals(OGG)).toBe(true);
  });

  it('a message after the item was closed opens a new item for the same conversation', async () => {
    const item = (await officer.get(`/api/v1/intake/${intakeA}`)).body;
    const closed = await officer.post(`/api/v1/intake/${intakeA}/close`, {
      version: item.version,
      reason: 'konseling',
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const before = await counts();
    const known = new Set((await whatsappItems(officer)).map((i) => i.id));
    await deliver(notification([text(SENDER_A, 'Saya perlu bantuan lagi.')]));
    const after = await counts();
    expect(after.conversations).toBe(before.conversations);
    expect(after.intake).toBe(before.intake + 1);
    const items = await whatsappItems(officer);
    const fresh = items.find((i) => !known.has(i.id))!;
    const conv = (await officer.get(`/api/v1/intake/${fresh.id}/whatsapp`)).body;
    expect(conv.currentIntakeId).toBe(fresh.id);
    expect(conv.messages.at(-1)).toMatchObject({ text: 'Saya perlu bantuan lagi.', intakeId: fresh.id });
    expect((await officer.get(`/api/v1/intake/${fresh.id}`)).body.description).toBe(
      'Saya perlu bantuan lagi.',
    );
    // the closed item still shows its conversation
    expect((await officer.get(`/api/v1/intake/${intakeA}/whatsapp`)).body.currentIntakeId).toBe(fresh.id);
  });

  it('without WhatsApp settings the webhook is not there, replies say so and conversations stay readable', async () => {
    const off = createApp({ ...h.svc, whatsapp: undefined }, { sleep: async () => {} });
    const hs = await off.request(
      `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=42`,
    );
    expect(hs.status).toBe(404);
    const raw = JSON.stringify(notification([text(SENDER_B, 'x')]));
    const post = await off.request('/webhooks/whatsapp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) },
      body: raw,
    });
    expect(post.status).toBe(404);
    const headers = {
      cookie: officer.cookie!,
      'x-requested-with': 'simpul',
      'content-type': 'application/json',
    };
    const send = await off.request(`/api/v1/intake/${intakeA}/whatsapp/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ type: 'template', name: 'salam_pembuka', language: 'id' }),
    });
    expect(send.status).toBe(503);
    expect(((await send.json()) as { error: { code: string } }).error.code).toBe('WHATSAPP_DISABLED');
    const read = await off.request(`/api/v1/intake/${intakeA}/whatsapp`, { headers });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { enabled: boolean }).enabled).toBe(false);
  });

  it('after 24 hours without a message from the sender only templates go out', async () => {
    h.now.value = new Date(h.now.value.getTime() + 25 * 3600_000);
    officer = await h.as('pengaduan@lebak.demo');
    const items = await whatsappItems(officer);
    const id = items.find((i) => i.status === 'baru')!.id;
    const before = graph.requests.length;
    const r = await officer.post(`/api/v1/intake/${id}/whatsapp/messages`, {
      type: 'text',
      body: 'Halo lagi',
    });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('WHATSAPP_WINDOW_CLOSED');
    expect(graph.requests.length).toBe(before);
    const t = await officer.post(`/api/v1/intake/${id}/whatsapp/messages`, {
      type: 'template',
      name: 'tindak_lanjut',
      language: 'id',
    });
    expect(t.status).toBe(201);
    usedWamids.push(graph.sentIds.at(-1)!);
  });

  it("the senders' numbers and WhatsApp message ids never appear in clear in the database", async () => {
    await backgroundSettled(h.svc);
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(h.svc.conn.db);
    expect(tables.rows.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['intake', 'wa_conversation', 'wa_message', 'audit_event']),
    );
    const needles = [SENDER_A.slice(2), SENDER_B.slice(2), ...usedWamids.map((w) => w.slice(6, 40))];
    for (const { table_name } of tables.rows) {
      if (table_name === 'region') continue;
      const rows = await sql<{ t: string }>`SELECT x::text AS t FROM ${sql.table(table_name)} x`.execute(
        h.svc.conn.db,
      );
      const all = rows.rows.map((r) => r.t).join('\n');
      for (const n of needles) expect(all.includes(n), `${table_name} holds ${n}`).toBe(false);
    }
  });
});

describe('WhatsApp configuration', () => {
  it('is off without variables, needs all of them once one is set, and strips the Graph URL', () => {
    expect(loadConfig({}).whatsapp).toBeUndefined();
    expect(() => loadConfig({ WHATSAPP_VERIFY_TOKEN: 'verifikasi-123' })).toThrow(ConfigError);
    expect(() => loadConfig({ WHATSAPP_VERIFY_TOKEN: 'verifikasi-123' })).toThrow(/WHATSAPP_APP_SECRET/);
    const full = {
      WHATSAPP_VERIFY_TOKEN: 'verifikasi-123',
      WHATSAPP_APP_SECRET: 'rahasia-aplikasi',
      WHATSAPP_ACCESS_TOKEN: 'token-akses-uji',
      WHATSAPP_PHONE_NUMBER_ID: '109876543210',
      WHATSAPP_DEFAULT_REGION: '36.02',
    };
    expect(loadConfig(full).whatsapp).toMatchObject({
      graphUrl: 'https://graph.facebook.com/v21.0',
      defaultRegion: '36.02',
    });
    expect(
      loadConfig({ ...full, WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9999/v21.0/' }).whatsapp?.graphUrl,
    ).toBe('http://127.0.0.1:9999/v21.0');
    expect(() => loadConfig({ ...full, WHATSAPP_DEFAULT_REGION: '36' })).toThrow(/WHATSAPP_DEFAULT_REGION/);
  });
});
