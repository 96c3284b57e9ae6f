/**
 * The few Graph API calls Simpul makes (WhatsApp Business Cloud API): fetch a media file
 * (GET /{media-id} → {url}, then GET url, both with the access token) and send a message
 * (POST /{phone-number-id}/messages). The base URL is configurable (tests use a local fake).
 * Errors never carry the access token, the phone number or the message.
 */
import type { WhatsAppSettings } from '../../config.ts';

export const MAX_MEDIA_BYTES = 25 * 1024 * 1024;

export class GraphError extends Error {
  /** HTTP status of the Graph API answer, 0 when it could not be reached */
  readonly status: number;
  /** `error.code` of the Graph API answer, when there was one */
  readonly graphCode: number | null;
  /** a retry cannot help (e.g. the file is too large) */
  readonly permanent: boolean;
  constructor(message: string, status: number, graphCode: number | null = null, permanent = false) {
    super(message);
    this.status = status;
    this.graphCode = graphCode;
    this.permanent = permanent;
  }
}

function auth(s: WhatsAppSettings) {
  return { authorization: `Bearer ${s.accessToken}` };
}

async function call(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const name = (e as Error).name;
    throw new GraphError(name === 'TimeoutError' ? 'timeout' : 'unreachable', 0);
  }
}

async function failure(res: Response, what: string): Promise<GraphError> {
  let code: number | null = null;
  try {
    const j = (await res.json()) as { error?: { code?: unknown } };
    if (typeof j?.error?.code === 'number') code = j.error.code;
  } catch {
    /* not JSON */
  }
  return new GraphError(
    `${what}: HTTP ${res.status}${code !== null ? ` (code ${code})` : ''}`,
    res.status,
    code,
  );
}

/** Reads a body up to `max` bytes; larger bodies are refused without reading them whole. */
async function readCapped(res: Response, max: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > max) throw new GraphError('media too large', res.status, null, true);
  if (!res.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw new GraphError('media too large', res.status, null, true);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function downloadMedia(
  s: WhatsAppSettings,
  mediaId: string,
): Promise<{ bytes: Uint8Array; mime: string | null }> {
  const meta = await call(`${s.graphUrl}/${encodeURIComponent(mediaId)}`, { headers: auth(s) }, 15_000);
  if (!meta.ok) throw await failure(meta, 'media lookup');
  let info: { url?: unknown; mime_type?: unknown; file_size?: unknown };
  try {
    info = (await meta.json()) as typeof info;
  } catch {
    throw new GraphError('media lookup: not JSON', meta.status);
  }
  if (typeof info.url !== 'string' || !/^https?:\/\//i.test(info.url))
    throw new GraphError('media lookup: no url', meta.status);
  if (typeof info.file_size === 'number' && info.file_size > MAX_MEDIA_BYTES)
    throw new GraphError('media too large', meta.status, null, true);
  const file = await call(info.url, { headers: auth(s) }, 120_000);
  if (!file.ok) throw await failure(file, 'media download');
  const bytes = await readCapped(file, MAX_MEDIA_BYTES);
  const mime =
    typeof info.mime_type === 'string' ? info.mime_type : (file.headers.get('content-type') ?? null);
  return { bytes, mime };
}

export type OutgoingBody =
  | { type: 'text'; body: string }
  | {
      type: 'template';
      name: string;
      language: string;
      /** body parameters {{1}}, {{2}}, … of the template (notifications) */
      params?: readonly string[];
    };

/** Sends one message; returns the WhatsApp message id. */
export async function sendMessage(s: WhatsAppSettings, to: string, m: OutgoingBody): Promise<string> {
  const payload =
    m.type === 'text'
      ? {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to,
          type: 'text',
          text: { preview_url: false, body: m.body },
        }
      : {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to,
          type: 'template',
          template: {
            name: m.name,
            language: { code: m.language },
            ...(m.params && m.params.length > 0
              ? {
                  components: [
                    { type: 'body', parameters: m.params.map((text) => ({ type: 'text', text })) },
                  ],
                }
              : {}),
          },
        };
  const res = await call(
    `${s.graphUrl}/${encodeURIComponent(s.phoneNumberId)}/messages`,
    {
      method: 'POST',
      headers: { ...auth(s), 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    },
    20_000,
  );
  if (!res.ok) throw await failure(res, 'send');
  let j: { messages?: Array<{ id?: unknown }> };
  try {
    j = (await res.json()) as typeof j;
  } catch {
    throw new GraphError('send: not JSON', res.status);
  }
  const id = j.messages?.[0]?.id;
  if (typeof id !== 'string' || id.length === 0 || id.length > 500)
    throw new GraphError('send: no message id', res.status);
  return id;
}
