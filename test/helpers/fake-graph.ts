/**
 * A stand-in for the Graph API (WhatsApp Business Cloud API) on 127.0.0.1 and a random port:
 * GET /{media-id} → { url: <own /files/{media-id}> }, GET /files/{media-id} → the bytes,
 * POST /{phone-number-id}/messages → { messages: [{ id: 'wamid.…' }] }. Every request is
 * recorded; `failNext` makes the next matching requests fail with a Graph-style error.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type GraphRequest = {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: unknown;
};
type Kind = 'send' | 'media' | 'file';
type Failure = { kind: Kind; status: number; code: number; message: string };

export type FakeGraph = {
  url: string;
  requests: GraphRequest[];
  /** message ids returned by the send endpoint, in order */
  sentIds: string[];
  addMedia(id: string, bytes: Uint8Array, mime: string): void;
  failNext(kind: Kind, opts?: { status?: number; code?: number; message?: string; times?: number }): void;
  close(): Promise<void>;
};

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json') {
  const data = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type });
  res.end(data);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeGraph(accessToken: string): Promise<FakeGraph> {
  const media = new Map<string, { bytes: Uint8Array; mime: string }>();
  const failures: Failure[] = [];
  const requests: GraphRequest[] = [];
  const sentIds: string[] = [];
  let base = '';

  const takeFailure = (kind: Kind) => {
    const i = failures.findIndex((f) => f.kind === kind);
    return i === -1 ? null : failures.splice(i, 1)[0]!;
  };
  const graphError = (res: ServerResponse, f: Pick<Failure, 'status' | 'code' | 'message'>) =>
    send(res, f.status, {
      error: { message: f.message, type: 'OAuthException', code: f.code, fbtrace_id: 'AbCdEf123' },
    });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const raw = await readBody(req);
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      /* kept as text */
    }
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body,
    });
    if (req.headers.authorization !== `Bearer ${accessToken}`)
      return graphError(res, { status: 401, code: 190, message: 'Invalid OAuth access token.' });
    const parts = url.pathname.split('/').filter(Boolean);
    if (req.method === 'POST' && parts.length === 2 && parts[1] === 'messages') {
      const f = takeFailure('send');
      if (f) return graphError(res, f);
      const to = (body as { to?: string })?.to ?? '';
      const id = `wamid.${Buffer.from(`\u0015\u0002\u0000${to}\u0015${randomBytes(9).toString('hex')}`).toString('base64')}`;
      sentIds.push(id);
      return send(res, 200, {
        messaging_product: 'whatsapp',
        contacts: [{ input: to, wa_id: to }],
        messages: [{ id }],
      });
    }
    if (req.method === 'GET' && parts.length === 2 && parts[0] === 'files') {
      const f = takeFailure('file');
      if (f) return graphError(res, f);
      const m = media.get(decodeURIComponent(parts[1]!));
      if (!m) return send(res, 404, 'not found', 'text/plain');
      return send(res, 200, m.bytes, m.mime);
    }
    if (req.method === 'GET' && parts.length === 1) {
      const f = takeFailure('media');
      if (f) return graphError(res, f);
      const id = decodeURIComponent(parts[0]!);
      const m = media.get(id);
      if (!m) return graphError(res, { status: 400, code: 100, message: 'Unsupported get request.' });
      return send(res, 200, {
        messaging_product: 'whatsapp',
        url: `${base}/files/${encodeURIComponent(id)}`,
        mime_type: m.mime,
        sha256: 'ignored',
        file_size: m.bytes.byteLength,
        id,
      });
    }
    return graphError(res, { status: 400, code: 100, message: 'Unknown path.' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    requests,
    sentIds,
    addMedia(id, bytes, mime) {
      media.set(id, { bytes, mime });
    },
    failNext(kind, o = {}) {
      for (let i = 0; i < (o.times ?? 1); i++)
        failures.push({
          kind,
          status: o.status ?? 500,
          code: o.code ?? 1,
          message: o.message ?? 'An unknown error occurred',
        });
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
