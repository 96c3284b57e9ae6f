import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Keyring, normalisePhone } from '../../src/app/crypto.ts';
import { normaliseName, phoneticKey } from '../../src/domain/names.ts';
import { checkNik, isValidNik } from '../../src/domain/nik.ts';
import { passwordProblem } from '../../src/domain/password.ts';

describe('NIK', () => {
  it('accepts 16 digits with region, birth date (day + 40 for women) and sequence', () => {
    expect(checkNik('3602014507900003')).toMatchObject({
      ok: true,
      female: true,
      birthDate: { day: 5, month: 7, yy: 90 },
    });
    expect(checkNik('3602010507900003')).toMatchObject({ ok: true, female: false });
  });
  it('refuses 15 digits, letters, impossible dates and a zero sequence', () => {
    expect(isValidNik('360201450790000')).toBe(false);
    expect(isValidNik('36020145079000a3')).toBe(false);
    expect(checkNik('3602017213900003')).toEqual({ ok: false, reason: 'date' });
    expect(checkNik('3602013102900003')).toEqual({ ok: false, reason: 'date' });
    expect(checkNik('3602014507900000')).toEqual({ ok: false, reason: 'sequence' });
    expect(checkNik('0002014507900003')).toEqual({ ok: false, reason: 'region' });
  });
});

describe('name search keys', () => {
  it('normalises case, accents and punctuation', () => {
    expect(normaliseName("  Siti  Nur'aini-Rahma ")).toEqual(['siti', 'nurainirahma']);
    expect(normaliseName('JOSÉ Ramírez')).toEqual(['jose', 'ramirez']);
  });
  it('gives old and new spellings the same phonetic key', () => {
    for (const [a, b] of [
      ['Djoko', 'Joko'],
      ['Tjahjono', 'Cahyono'],
      ['Soeharti', 'Suharti'],
      ['Muhammad', 'Mohamad'],
      ['Nyoman', 'Njoman'],
    ]) {
      expect(phoneticKey(a!), `${a} ~ ${b}`).toBe(phoneticKey(b!));
    }
    expect(phoneticKey('Siti')).not.toBe(phoneticKey('Sari'));
  });
});

describe('field encryption and blind indexes', () => {
  const k = new Keyring(randomBytes(32));
  it('round-trips text and bytes, with a fresh IV each time', () => {
    const a = k.encrypt('Kronologi rahasia');
    const b = k.encrypt('Kronologi rahasia');
    expect(a).not.toBe(b);
    expect(a).not.toContain('Kronologi');
    expect(k.decrypt(a)).toBe('Kronologi rahasia');
    expect(k.decryptBytes(k.encryptBytes(Buffer.from([1, 2, 3])))).toEqual(Buffer.from([1, 2, 3]));
  });
  it('detects tampering and refuses another key', () => {
    const c = k.encrypt('data');
    const raw = Buffer.from(c.slice(3), 'base64url');
    raw[15] = (raw[15] ?? 0) ^ 1;
    expect(() => k.decrypt(`v1.${raw.toString('base64url')}`)).toThrow();
    expect(() => new Keyring(randomBytes(32)).decrypt(c)).toThrow();
  });
  it('matches NIK and phone by keyed hash, whatever the phone format', () => {
    expect(normalisePhone('+62 812-3456-7890')).toBe('081234567890');
    expect(k.phoneHash('+62 812-3456-7890')).toBe(k.phoneHash('081234567890'));
    expect(k.nikHash('3602014507900003')).not.toBe(new Keyring(randomBytes(32)).nikHash('3602014507900003'));
  });
  it('name tokens contain no name text and match another spelling phonetically', () => {
    const tokens = k.nameTokens('Tjahjani Soeprapto');
    expect(tokens.join(' ')).not.toMatch(/tjahjani|soeprapto|cahyani/i);
    const q = k.nameQuery('cahyani suprapto');
    expect(q.phonetic.every((t) => tokens.includes(t))).toBe(true);
    expect(q.exact.every((t) => tokens.includes(t))).toBe(false);
  });
});

describe('passwords', () => {
  it('needs 12 characters and refuses common or guessable ones', () => {
    expect(passwordProblem('Pendek-1')).toBe('too_short');
    expect(passwordProblem('password1234')).toBe('too_common');
    expect(passwordProblem('simpulsimpul')).toBe('too_common');
    expect(passwordProblem('Kuat-Sekali-Sandi-2026!')).toBeNull();
    // a word of this field or of the account, with only digits and symbols around it
    expect(passwordProblem('Simpul2026!!')).toBe('too_common');
    expect(passwordProblem('!!Lebak2026##')).toBe('too_common');
    expect(passwordProblem('Nurhayati1990!', ['Siti Nurhayati'])).toBe('too_common');
    expect(passwordProblem('Simpul-Kebun-Mangga-77')).toBeNull();
  });
});
