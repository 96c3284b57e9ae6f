/**
 * Field encryption (AES-256-GCM), blind indexes and the audit chain's MACs (HMAC-SHA-256) under
 * keys derived from the one master key (SIMPUL_ENCRYPTION_KEY or DATA_DIR/keys). The master key never enters the
 * database. Ciphertext format: `v1.<base64url(iv ‖ ciphertext ‖ tag)>`.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { normaliseName, phoneticKey } from '../domain/names.ts';

export class Keyring {
  readonly #enc: Buffer;
  readonly #idx: Buffer;
  readonly #audit: Buffer;
  readonly #anchor: Buffer;
  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('master key must be 32 bytes');
    const sub = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
    this.#enc = sub('simpul/field-encryption/v1');
    this.#idx = sub('simpul/blind-index/v1');
    this.#audit = sub('simpul/audit-chain/v1');
    this.#anchor = sub('simpul/audit-anchor/v1');
  }

  /** The audit chain's MAC of a row: HMAC-SHA-256 over the previous MAC and the row (decision 017). */
  auditMac(prev: string, body: string): string {
    return createHmac('sha256', this.#audit).update(prev).update('\n').update(body).digest('hex');
  }

  /** The signature of a checkpoint written outside the database (another subkey than the chain's). */
  anchorSig(body: string): string {
    return createHmac('sha256', this.#anchor).update(body).digest('hex');
  }

  /** Names this key's anchor file, so installations sharing a folder never mix their checkpoints. */
  anchorFileId(): string {
    return this.anchorSig('simpul/anchor-file').slice(0, 16);
  }

  encryptBytes(plain: Uint8Array): Buffer {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.#enc, iv);
    const body = Buffer.concat([c.update(plain), c.final()]);
    return Buffer.concat([iv, body, c.getAuthTag()]);
  }

  decryptBytes(blob: Uint8Array): Buffer {
    const b = Buffer.from(blob);
    if (b.length < 28) throw new Error('ciphertext too short');
    const d = createDecipheriv('aes-256-gcm', this.#enc, b.subarray(0, 12));
    d.setAuthTag(b.subarray(b.length - 16));
    return Buffer.concat([d.update(b.subarray(12, b.length - 16)), d.final()]);
  }

  encrypt(plain: string): string;
  encrypt(plain: string | null | undefined): string | null;
  encrypt(plain: string | null | undefined): string | null {
    if (plain === null || plain === undefined || plain === '') return null;
    return `v1.${this.encryptBytes(Buffer.from(plain, 'utf8')).toString('base64url')}`;
  }

  decrypt(stored: string): string;
  decrypt(stored: string | null): string | null;
  decrypt(stored: string | null): string | null {
    if (stored === null) return null;
    if (!stored.startsWith('v1.')) throw new Error('unknown ciphertext version');
    return this.decryptBytes(Buffer.from(stored.slice(3), 'base64url')).toString('utf8');
  }

  /** Keyed hash for exact-match search (blind index). */
  blindIndex(purpose: string, value: string): string {
    return createHmac('sha256', this.#idx)
      .update(`${purpose}\u0000${value}`)
      .digest('base64url')
      .slice(0, 32);
  }

  nikHash(nik: string): string {
    return this.blindIndex('nik', nik.replace(/\D/g, ''));
  }

  phoneHash(phone: string): string {
    return this.blindIndex('phone', normalisePhone(phone));
  }

  /** Keyed tokens of each normalised name part (`t:`) and of its phonetic key (`p:`). */
  nameTokens(name: string): string[] {
    const out = new Set<string>();
    for (const part of normaliseName(name)) {
      out.add(`t:${this.blindIndex('name', part).slice(0, 16)}`);
      const p = phoneticKey(part);
      if (p) out.add(`p:${this.blindIndex('name-phonetic', p).slice(0, 16)}`);
    }
    return [...out];
  }

  /** Tokens for a name query: exact parts and phonetic parts, separately. */
  nameQuery(q: string): { exact: string[]; phonetic: string[] } {
    const parts = normaliseName(q);
    return {
      exact: parts.map((p) => `t:${this.blindIndex('name', p).slice(0, 16)}`),
      phonetic: parts
        .map((p) => phoneticKey(p))
        .filter(Boolean)
        .map((p) => `p:${this.blindIndex('name-phonetic', p).slice(0, 16)}`),
    };
  }
}

/** 08xx, +628xx and 628xx are the same number. */
export function normalisePhone(phone: string): string {
  const d = phone.replace(/\D/g, '');
  if (d.startsWith('62')) return `0${d.slice(2)}`;
  return d;
}
