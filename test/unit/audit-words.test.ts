/**
 * Every audit action the code writes has words (issue 8 §5). The actions are collected from the
 * source itself, so a new `action: '…'` without words here fails this test.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTIONS,
  AUDIT_CATEGORIES,
  actionsOf,
  auditWords,
  initials,
  unattributedActor,
} from '../../src/domain/audit-words.ts';
import { RECORD_KIND_NAMES } from '../../src/domain/schemas.ts';
import { localDateTime, localDayStart, zoneOffsetHours } from '../../src/domain/time.ts';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Audit actions as the code writes them. */
function actionsInSource(): { actions: Set<string>; where: Map<string, string> } {
  const actions = new Set<string>();
  const where = new Map<string, string>();
  const add = (a: string, file: string) => {
    actions.add(a);
    if (!where.has(a)) where.set(a, file.slice(SRC.length));
  };
  const literal = /'([a-z_]+(?:\.[a-z_]+)+)'/g;
  for (const file of files(SRC)) {
    if (file.endsWith('audit-words.ts')) continue;
    const text = readFileSync(file, 'utf8');
    // action: 'x.y' and action: cond ? 'x.y' : 'x.z'
    for (const m of text.matchAll(/\baction:\s*([^,}\n]*)/g))
      for (const l of m[1]!.matchAll(literal)) add(l[1]!, file);
    // action: `${kind}.create` (case records)
    for (const m of text.matchAll(/\baction:\s*`\$\{kind\}\.([a-z_]+)`/g))
      for (const kind of RECORD_KIND_NAMES) add(`${kind}.${m[1]}`, file);
    // helpers that record an action on denial or not-found: the action is their last string argument
    for (const m of text.matchAll(
      /\b(?:loadVisibleCase|loadForWrite|requireOnCase|loadReferral|loadIntake|recordRejectedWebhook|change)\(([^;]{0,300}?)\)/gs,
    ))
      for (const l of m[1]!.matchAll(literal)) add(l[1]!, file);
    // a table of actions: const AUDIT: Record<…, string> = { … }
    for (const m of text.matchAll(/const AUDIT\b[^=]*=\s*\{([^}]*)\}/g))
      for (const l of m[1]!.matchAll(literal)) add(l[1]!, file);
  }
  return { actions, where };
}

describe('audit words', () => {
  const { actions, where } = actionsInSource();

  it('finds the actions the code writes (the scan itself works)', () => {
    for (const a of [
      'case.read',
      'referral.read',
      'auth.login',
      'attachment.read',
      'note.create',
      'intake.forward',
    ])
      expect(actions, a).toContain(a);
    expect(actions.size).toBeGreaterThan(90);
  });

  it('every action written in src/ has Indonesian and English words', () => {
    const missing = [...actions]
      .filter((a) => !AUDIT_ACTIONS[a])
      // string literals that are not audit actions (column refs, case-event types) are not collected
      // by the scan above; anything left must have words
      .map((a) => `${a} (${where.get(a)})`);
    expect(missing).toEqual([]);
    for (const [a, v] of Object.entries(AUDIT_ACTIONS)) {
      expect(v.words.id.length, a).toBeGreaterThan(3);
      expect(v.words.en.length, a).toBeGreaterThan(3);
      expect(v.words.id, a).not.toMatch(/[a-z]+\.[a-z]+/); // words, not codes
    }
  });

  it('every category has actions', () => {
    for (const c of AUDIT_CATEGORIES) expect(actionsOf(c).length, c).toBeGreaterThan(0);
  });

  it('says what a partner read: the sections shared', () => {
    expect(
      auditWords({
        action: 'referral.read',
        outcome: 'ok',
        detail: { side: 'penerima', sections: ['kronologi', 'identitas'] },
      }),
    ).toEqual({
      id: 'membaca bagian yang dibagikan pada rujukan (identitas, kronologi)',
      en: 'read the sections shared in the referral (identity, chronology)',
    });
    expect(
      auditWords({ action: 'referral.read', outcome: 'ok', detail: { side: 'penerima', sections: [] } }).id,
    ).toBe('membuka rujukan (tanpa bagian data korban yang dibagikan)');
    expect(
      auditWords({ action: 'referral.read', outcome: 'ok', detail: { side: 'pengirim', sections: [] } }).id,
    ).toBe('membuka rujukan');
  });

  it('says how it ended when it did not succeed', () => {
    expect(auditWords({ action: 'auth.login', outcome: 'failed' }).id).toBe(
      'gagal masuk (e-mail, kata sandi atau kode salah)',
    );
    expect(auditWords({ action: 'auth.login', outcome: 'failed', detail: { reason: 'disabled' } }).id).toBe(
      'gagal masuk (akun nonaktif)',
    );
    expect(auditWords({ action: 'case.read', outcome: 'not_found' }).id).toBe(
      'mencoba membuka berkas kasus (identitas korban, kejadian, catatan) — ditolak: di luar wilayah kerja atau tidak ada',
    );
    expect(auditWords({ action: 'case.access_log', outcome: 'denied' }).en).toBe(
      'tried to view the case access log — refused: role not allowed',
    );
    expect(auditWords({ action: 'attachment.read', outcome: 'ok' }).id).toBe('mengunduh lampiran');
  });

  it('an unknown action is shown as such, not hidden', () => {
    expect(auditWords({ action: 'sesuatu.baru', outcome: 'ok' }).id).toBe('tindakan lain (sesuatu.baru)');
  });

  it('names who acted without an account', () => {
    expect(unattributedActor('user.create', 'simpul-cli').id).toBe('Operator (baris perintah)');
    expect(unattributedActor('referral.reminder', null).id).toBe('Sistem Simpul');
    expect(unattributedActor('auth.login', 'Mozilla/5.0').id).toBe('Tanpa akun (publik atau belum masuk)');
  });

  it('initials are enough to tell victims apart, and no more', () => {
    expect(initials('Sari Wulandari')).toBe('S. W.');
    expect(initials('  siti  nur  aisyah binti ahmad ')).toBe('S. N. A.');
  });
});

describe('local days (one clock)', () => {
  it('a local day starts at local midnight in the region’s zone', () => {
    expect(localDayStart('2026-03-01', '36.02').toISOString()).toBe('2026-02-28T17:00:00.000Z'); // WIB
    expect(localDayStart('2026-03-01', '73.71').toISOString()).toBe('2026-02-28T16:00:00.000Z'); // WITA
    expect(localDayStart('2026-03-01', '94.71').toISOString()).toBe('2026-02-28T15:00:00.000Z'); // WIT
    expect(zoneOffsetHours('')).toBe(7);
  });
  it('shows an instant as local date and time', () => {
    expect(localDateTime(new Date('2026-02-28T17:30:00Z'), '36.02')).toBe('2026-03-01 00:30');
    expect(localDateTime(new Date('2026-02-28T17:30:00Z'), '94.71')).toBe('2026-03-01 02:30');
  });
});
