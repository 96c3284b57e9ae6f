import { describe, expect, it } from 'vitest';
import {
  type Actor,
  adminScope,
  can,
  canBeAssigned,
  canGrantRole,
  canOnCase,
  canSeeTransfer,
  caseScope,
  jurisdictionOf,
  mayChangeRoleOf,
  ROLES,
  type Role,
  requiresMfa,
} from '../../src/domain/policy.ts';

const actor = (role: Role, jurisdiction = '36.02', userId = 'u1'): Actor => ({
  userId,
  role,
  orgId: 'o1',
  jurisdiction,
});
const caseIn = (
  jurisdiction: string,
  over: Partial<{
    managerId: string | null;
    memberIds: string[];
    stage: 'penerimaan' | 'layanan' | 'terminasi';
  }> = {},
) => ({
  stage: over.stage ?? ('penerimaan' as const),
  jurisdiction,
  managerId: over.managerId ?? null,
  memberIds: over.memberIds ?? [],
});

describe('access policy', () => {
  it('a kab/kota office works on its own kab/kota: region codes map to their kab/kota', () => {
    expect(jurisdictionOf('36.02.01.2002')).toBe('36.02');
    expect(jurisdictionOf('36.02')).toBe('36.02');
    expect(jurisdictionOf('36')).toBe('36');
  });

  it('denies by default: only intake, case managers and (assigned) companions see cases', () => {
    const scopes = Object.fromEntries(ROLES.map((r) => [r, caseScope(actor(r)).kind]));
    expect(scopes).toEqual({
      admin: 'none',
      'admin-dinas': 'none',
      pengaduan: 'jurisdiction',
      manajer: 'jurisdiction',
      pendamping: 'assigned',
      mitra: 'none',
      pimpinan: 'none',
      auditor: 'none',
      // the data officer reads SIMFONI's facts through its own scope, never a case file
      data: 'none',
    });
  });

  it('another region or the province above never reaches a kabupaten case', () => {
    for (const r of ROLES) {
      expect(canOnCase(actor(r, '36.73'), 'read', caseIn('36.02'))).toBe(false);
      expect(canOnCase(actor(r, '36'), 'read', caseIn('36.02'))).toBe(false);
    }
  });

  it('a companion works only on cases assigned to them', () => {
    const p = actor('pendamping', '36.02', 'p1');
    expect(canOnCase(p, 'read', caseIn('36.02'))).toBe(false);
    expect(canOnCase(p, 'read', caseIn('36.02', { memberIds: ['p1'] }))).toBe(true);
    expect(canOnCase(p, 'update', caseIn('36.02', { memberIds: ['p1'] }))).toBe(true);
    expect(canOnCase(p, 'assign', caseIn('36.02', { memberIds: ['p1'] }))).toBe(false);
    expect(canOnCase(p, 'transition', caseIn('36.02', { memberIds: ['p1'] }), 'terminasi')).toBe(false);
  });

  it('intake officers edit only while the case is at intake', () => {
    const i = actor('pengaduan');
    expect(canOnCase(i, 'update', caseIn('36.02'))).toBe(true);
    expect(canOnCase(i, 'update', caseIn('36.02', { stage: 'layanan' }))).toBe(false);
    expect(canOnCase(i, 'read', caseIn('36.02', { stage: 'layanan' }))).toBe(true);
  });

  it('only case managers assign and read the access log', () => {
    for (const r of ROLES) {
      expect(canOnCase(actor(r), 'assign', caseIn('36.02', { memberIds: ['u1'] }))).toBe(r === 'manajer');
      expect(canOnCase(actor(r), 'read_access_log', caseIn('36.02', { memberIds: ['u1'] }))).toBe(
        r === 'manajer',
      );
    }
  });

  it('leadership has aggregates only; auditors the audit log only', () => {
    expect(can(actor('pimpinan'), 'stats:read')).toBe(true);
    expect(can(actor('pimpinan'), 'case:list')).toBe(false);
    expect(can(actor('auditor'), 'audit:read')).toBe(true);
    expect(can(actor('auditor'), 'case:list')).toBe(false);
  });

  it('administrators: admin everywhere, admin-dinas in its jurisdiction and never grants admin', () => {
    expect(adminScope(actor('admin'))).toBe('');
    expect(adminScope(actor('admin-dinas'))).toBe('36.02');
    expect(adminScope(actor('manajer'))).toBeNull();
    expect(canGrantRole(actor('admin-dinas'), 'admin')).toBe(false);
    expect(canGrantRole(actor('admin-dinas'), 'manajer')).toBe(true);
  });

  it('assignees come from the case jurisdiction with a fitting role', () => {
    expect(canBeAssigned('manajer', '36.02', '36.02', 'manager')).toBe(true);
    expect(canBeAssigned('pendamping', '36.02', '36.02', 'manager')).toBe(false);
    expect(canBeAssigned('pendamping', '36.02', '36.02', 'companion')).toBe(true);
    expect(canBeAssigned('pendamping', '36.73', '36.02', 'companion')).toBe(false);
    expect(canBeAssigned('mitra', '36.02', '36.02', 'companion')).toBe(false);
  });

  it('every role that can see personal data needs two-factor sign-in', () => {
    expect(ROLES.filter(requiresMfa)).toEqual([
      'admin',
      'admin-dinas',
      'pengaduan',
      'manajer',
      'pendamping',
      'mitra',
      'auditor',
      // the SIMFONI export holds names and NIK
      'data',
    ]);
  });

  it('nobody changes their own role, whatever their role', () => {
    expect(mayChangeRoleOf(actor('admin', '', 'u1'), 'u1')).toBe(false);
    expect(mayChangeRoleOf(actor('admin-dinas', '36.02', 'u1'), 'u1')).toBe(false);
    expect(mayChangeRoleOf(actor('admin-dinas', '36.02', 'u1'), 'u2')).toBe(true);
  });

  it('a transfer is seen by the two offices’ case managers and by whoever reads the case', () => {
    const t = { fromJurisdiction: '36.02', toJurisdiction: '36.73' };
    expect(canSeeTransfer(actor('manajer', '36.02'), t, false)).toBe(true);
    expect(canSeeTransfer(actor('manajer', '36.73'), t, false)).toBe(true);
    expect(canSeeTransfer(actor('manajer', '36'), t, false)).toBe(false);
    expect(canSeeTransfer(actor('pengaduan', '36.73'), t, false)).toBe(false);
    expect(canSeeTransfer(actor('admin-dinas', '36.02'), t, false)).toBe(false);
    expect(canSeeTransfer(actor('pengaduan', '36.02'), t, true)).toBe(true);
  });
});
