/**
 * The policy is the only place that knows who may do what (issue 10 §4). The expected matrix is
 * written out here, independently of src/domain/capabilities.ts, so a change that widens a role
 * fails; the consistency checks tie the capabilities to the scope functions that use them; and
 * the last test keeps role checks out of the use cases, the routes and the web app.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Capability, referralBoxes, roleCan } from '../../src/domain/capabilities.ts';
import {
  type Actor,
  agreementScope,
  can,
  canActOnIncoming,
  canCoordinateKla,
  canDecideTransfer,
  canExportSimfoni,
  canFacilitatePrevention,
  canFillKlaIndicator,
  canImportKlaSet,
  canManageAgreement,
  canManageCoordination,
  canManageRegulation,
  canReadCoordination,
  canReadDirectory,
  canReadKlaHistory,
  canReadTrainingOfPeople,
  canReadTrainingRecord,
  canRefer,
  canReportPreventionActivity,
  canReviewPreventionReport,
  canSetTrainingRequirements,
  canTakeIntake,
  canTransfer,
  canUpdateOwned,
  canUpdateOwnOrg,
  canVerifyKla,
  caseScope,
  coordinationScope,
  defaultManager,
  hasReferralBox,
  intakeScope,
  isTransferSender,
  isWithin,
  klaScope,
  mayLocate,
  performanceScope,
  preventionCoverageWithin,
  ROLES,
  type Role,
  referralInboxOrg,
  regulationScope,
  requiresMfa,
  roleFitsOrg,
  simfoniScope,
  statsScope,
  tasksOwner,
} from '../../src/domain/policy.ts';

const EXPECTED: Record<Capability, readonly Role[]> = {
  'case:list': ['pengaduan', 'manajer', 'pendamping', 'mitra'],
  'case:create': ['pengaduan', 'manajer'],
  'case:transfer': ['manajer'],
  'intake:triage': ['pengaduan', 'manajer'],
  'referral:list': ['pengaduan', 'manajer', 'pendamping', 'mitra'],
  'referral:create': ['manajer', 'pendamping'],
  'user:manage': ['admin', 'admin-dinas'],
  'org:manage': ['admin', 'admin-dinas'],
  'audit:read': ['auditor'],
  'stats:read': ['pengaduan', 'manajer', 'pimpinan'],
  'tasks:read': ['pengaduan', 'manajer', 'pendamping', 'mitra'],
  'performance:read': ['admin', 'admin-dinas', 'manajer', 'mitra', 'pimpinan'],
  'sla:read': ['admin-dinas', 'manajer'],
  'sla:edit': ['admin-dinas'],
  'holiday:edit': ['admin'],
  'simfoni:record': ['data'],
  'simfoni:export': ['data'],
  'dashboard:read': ['admin', 'admin-dinas', 'manajer', 'pimpinan'],
  'dashboard:officers': ['admin-dinas', 'manajer'],
  'report:settings': ['admin-dinas'],
  'coord:read': ['admin-dinas', 'pengaduan', 'manajer', 'pendamping', 'mitra', 'pimpinan'],
  'coord:manage': ['admin-dinas', 'manajer'],
  'training:settings': ['admin-dinas'],
  'poster:read': ['admin-dinas', 'pengaduan', 'manajer', 'pendamping', 'pimpinan'],
  'kla:read': ['admin-dinas', 'manajer', 'pimpinan'],
  'kla:coordinate': ['admin-dinas'],
  'kla:verify': ['admin-dinas'],
  'kla:sets': ['admin'],
};

const actor = (role: Role, over: Partial<Actor> = {}): Actor => ({
  userId: `u-${role}`,
  role,
  orgId: `o-${role}`,
  jurisdiction: '36.02',
  ...over,
});

describe('capabilities, role by role', () => {
  for (const [cap, roles] of Object.entries(EXPECTED) as Array<[Capability, readonly Role[]]>)
    for (const role of ROLES)
      it(`${role} ${roles.includes(role) ? 'may' : 'may not'} ${cap}`, () => {
        expect(roleCan(role, cap)).toBe(roles.includes(role));
        expect(can(actor(role), cap)).toBe(roles.includes(role));
      });
});

describe('prevention and coordination records (issue 12)', () => {
  it('Dinas staff and leadership read their region (a province reads its kab/kota), partners their organisation, others nothing', () => {
    for (const role of ROLES) {
      const scope = coordinationScope(actor(role));
      expect(scope.kind !== 'none').toBe(roleCan(role, 'coord:read'));
    }
    expect(coordinationScope(actor('mitra'))).toEqual({ kind: 'org', orgId: 'o-mitra' });
    const province = actor('pimpinan', { jurisdiction: '36' });
    expect(canReadCoordination(province, { jurisdiction: '36.02', orgIds: [] })).toBe(true);
    expect(canReadCoordination(actor('pimpinan'), { jurisdiction: '36', orgIds: [] })).toBe(false);
    expect(canReadCoordination(actor('manajer'), { jurisdiction: '36.73', orgIds: [] })).toBe(false);
    expect(canReadCoordination(actor('mitra'), { jurisdiction: '36.02', orgIds: ['o-other'] })).toBe(false);
    expect(canReadCoordination(actor('mitra'), { jurisdiction: '36.73', orgIds: ['o-mitra'] })).toBe(true);
    expect(canReadCoordination(actor('auditor'), { jurisdiction: '36.02', orgIds: ['o-auditor'] })).toBe(
      false,
    );
  });

  it('only the own Dinas manages; the owner organisation updates what it owns', () => {
    expect(canManageCoordination(actor('manajer'), { jurisdiction: '36.02' })).toBe(true);
    expect(canManageCoordination(actor('manajer', { jurisdiction: '36' }), { jurisdiction: '36.02' })).toBe(
      false,
    );
    expect(canManageCoordination(actor('pimpinan'), { jurisdiction: '36.02' })).toBe(false);
    expect(canManageCoordination(actor('mitra'), { jurisdiction: '36.02' })).toBe(false);
    expect(canUpdateOwned(actor('mitra'), { jurisdiction: '36.02', ownerOrgId: 'o-mitra' })).toBe(true);
    expect(canUpdateOwned(actor('mitra'), { jurisdiction: '36.02', ownerOrgId: 'o-x' })).toBe(false);
    expect(canUpdateOwned(actor('mitra'), { jurisdiction: '36.02', ownerOrgId: null })).toBe(false);
    expect(canUpdateOwned(actor('admin-dinas'), { jurisdiction: '36.02', ownerOrgId: 'o-x' })).toBe(true);
    expect(
      canUpdateOwned(actor('auditor', { orgId: 'o-x' }), { jurisdiction: '36.02', ownerOrgId: 'o-x' }),
    ).toBe(false);
    expect(canSetTrainingRequirements(actor('admin-dinas'), '36.02')).toBe(true);
    expect(canSetTrainingRequirements(actor('admin-dinas'), '36.73')).toBe(false);
    expect(canSetTrainingRequirements(actor('manajer'), '36.02')).toBe(false);
  });
});

describe('KLA self-evaluation (issue 13)', () => {
  it('kab/kota readers see their evaluations, a province only submitted ones of its kab/kota, staff by assignment', () => {
    expect(klaScope(actor('pimpinan'))).toEqual({ kind: 'region', within: '36.02', submittedOnly: false });
    expect(klaScope(actor('admin-dinas', { jurisdiction: '36' }))).toEqual({
      kind: 'region',
      within: '36',
      submittedOnly: true,
    });
    expect(klaScope(actor('mitra')).kind).toBe('member');
    expect(klaScope(actor('pendamping')).kind).toBe('member');
    // a province's own staff fill nothing of a kab/kota's evaluation
    expect(klaScope(actor('mitra', { jurisdiction: '36' })).kind).toBe('none');
    for (const role of ['admin', 'auditor', 'data'] as const) expect(klaScope(actor(role)).kind).toBe('none');
  });

  it('the Dinas administrator coordinates its own kab/kota; OPD staff fill only what is assigned to them', () => {
    expect(canCoordinateKla(actor('admin-dinas'), '36.02')).toBe(true);
    expect(canCoordinateKla(actor('admin-dinas'), '36.73')).toBe(false);
    expect(canCoordinateKla(actor('admin-dinas', { jurisdiction: '36' }), '36.02')).toBe(false);
    expect(canCoordinateKla(actor('manajer'), '36.02')).toBe(false);
    const rec = { jurisdiction: '36.02', orgId: 'o-mitra', userId: null };
    expect(canFillKlaIndicator(actor('mitra'), rec)).toBe(true);
    expect(canFillKlaIndicator(actor('mitra'), { ...rec, orgId: 'o-x' })).toBe(false);
    expect(canFillKlaIndicator(actor('mitra'), { ...rec, userId: 'u-other' })).toBe(false);
    expect(canFillKlaIndicator(actor('mitra'), { ...rec, userId: 'u-mitra' })).toBe(true);
    expect(canFillKlaIndicator(actor('mitra', { jurisdiction: '36.73' }), rec)).toBe(false);
    expect(canFillKlaIndicator(actor('admin-dinas'), { ...rec, orgId: null })).toBe(true);
    expect(canFillKlaIndicator(actor('auditor', { orgId: 'o-mitra' }), rec)).toBe(false);
  });

  it('the province verifies its kab/kota; history for the coordinator and pimpinan; sets for admin', () => {
    expect(canVerifyKla(actor('admin-dinas', { jurisdiction: '36' }), '36.02')).toBe(true);
    expect(canVerifyKla(actor('admin-dinas', { jurisdiction: '36' }), '36')).toBe(false);
    expect(canVerifyKla(actor('admin-dinas', { jurisdiction: '62' }), '36.02')).toBe(false);
    expect(canVerifyKla(actor('admin-dinas'), '36.02')).toBe(false);
    expect(canVerifyKla(actor('pimpinan', { jurisdiction: '36' }), '36.02')).toBe(false);
    expect(canReadKlaHistory(actor('pimpinan'), '36.02')).toBe(true);
    expect(canReadKlaHistory(actor('pimpinan', { jurisdiction: '36' }), '36.02')).toBe(false);
    expect(canReadKlaHistory(actor('manajer'), '36.02')).toBe(false);
    expect(canReadKlaHistory(actor('admin-dinas'), '36.02')).toBe(true);
    for (const role of ROLES) expect(canImportKlaSet(actor(role))).toBe(role === 'admin');
  });
});

describe('the capabilities agree with the scopes that use them', () => {
  it.each(ROLES)('%s: referral boxes, inbox organisation and case scope', (role) => {
    const a = actor(role);
    const boxes = referralBoxes(role);
    expect(boxes.length > 0).toBe(roleCan(role, 'referral:list'));
    expect(boxes.includes('masuk')).toBe(referralInboxOrg(a) !== null);
    expect(boxes.includes('keluar')).toBe(caseScope(a).kind !== 'none');
    expect(performanceScope(a) !== null).toBe(roleCan(role, 'performance:read'));
  });

  it('performance: the installation admin sees all, a partner its own organisation, the rest their region', () => {
    expect(performanceScope(actor('admin'))).toEqual({ jurisdiction: '' });
    expect(performanceScope(actor('mitra'))).toEqual({ orgId: 'o-mitra' });
    expect(performanceScope(actor('pimpinan'))).toEqual({ jurisdiction: '36.02' });
    expect(performanceScope(actor('auditor'))).toBeNull();
  });

  it('a transfer is sent by a case manager of the region it came from', () => {
    expect(isTransferSender(actor('manajer'), { from_jurisdiction: '36.02' })).toBe(true);
    expect(isTransferSender(actor('manajer'), { from_jurisdiction: '36.73' })).toBe(false);
    expect(isTransferSender(actor('pengaduan'), { from_jurisdiction: '36.02' })).toBe(false);
  });

  it('an intake item goes to an intake officer or case manager of its own kab/kota', () => {
    for (const role of ROLES)
      expect(canTakeIntake({ role, jurisdiction: '36.02' }, { jurisdiction: '36.02' }), role).toBe(
        role === 'pengaduan' || role === 'manajer',
      );
    expect(canTakeIntake({ role: 'manajer', jurisdiction: '36.73' }, { jurisdiction: '36.02' })).toBe(false);
  });

  it('SIMFONI: the data officer works the cases of its own region, reads no case file, exports only with two-factor', () => {
    for (const role of ROLES) {
      expect(simfoniScope(actor(role)), role).toEqual(role === 'data' ? { jurisdiction: '36.02' } : null);
      expect(canExportSimfoni(actor(role), { twoFactor: true }), role).toBe(role === 'data');
      expect(canExportSimfoni(actor(role), { twoFactor: false }), role).toBe(false);
    }
    expect(caseScope(actor('data'))).toEqual({ kind: 'none' });
    expect(requiresMfa('data')).toBe(true);
  });

  it('home tasks and the default manager', () => {
    expect(tasksOwner(actor('pengaduan'))).toBeNull();
    expect(tasksOwner(actor('manajer'))).toBe('u-manajer');
    expect(defaultManager(actor('manajer'))).toBe('u-manajer');
    for (const role of ROLES.filter((r) => r !== 'manajer')) expect(defaultManager(actor(role))).toBeNull();
  });
});

describe('no role checks outside the policy', () => {
  const ROOT = fileURLToPath(new URL('../../', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? files(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : [],
    );
  const ROLE = "'(?:admin|admin-dinas|pengaduan|manajer|pendamping|mitra|pimpinan|auditor|data)'";
  const COMPARE = new RegExp(`\\brole\\s*[!=]==\\s*${ROLE}`);

  it('the use cases and routes ask the policy (src/domain/policy.ts, capabilities.ts)', () => {
    const found: string[] = [];
    for (const dir of ['src/app', 'src/http'])
      for (const f of files(join(ROOT, dir))) {
        const text = readFileSync(f, 'utf8');
        if (COMPARE.test(text) || /\bactor\.role\b/.test(text)) found.push(relative(ROOT, f));
      }
    expect(found).toEqual([]);
  });

  it('the web app has no mirror of the policy: its menus use the same table', () => {
    expect(files(join(ROOT, 'web/src')).map((f) => relative(ROOT, f))).not.toContain('web/src/lib/roles.ts');
  });
});

describe('the policy functions without a test of their own, case by case', () => {
  const lebakCase = (over: Partial<{ managerId: string | null; memberIds: readonly string[] }> = {}) => ({
    id: 'c1',
    jurisdiction: '36.02',
    stage: 'layanan' as const,
    managerId: null,
    ...over,
    memberIds: [...(over.memberIds ?? [])],
  });

  it.each([
    ['36.02', '36.02', true],
    ['36.02.01', '36.02', true],
    ['36.020', '36.02', false],
    ['36.73', '36.02', false],
    ['36', '36.02', false],
  ] as const)('isWithin(%s, %s) = %s', (code, ancestor, want) => {
    expect(isWithin(code, ancestor)).toBe(want);
  });

  it.each(ROLES)('%s: intake and statistics scopes follow the capabilities', (role) => {
    const a = actor(role);
    expect(intakeScope(a)).toBe(roleCan(role, 'intake:triage') ? '36.02' : null);
    expect(statsScope(a)).toBe(roleCan(role, 'stats:read') ? '36.02' : null);
  });

  it.each([
    ['manajer', {}, true],
    ['pendamping', {}, false], // not assigned
    ['pendamping', { memberIds: ['u-pendamping'] }, true],
    ['pengaduan', {}, false],
    ['mitra', {}, false],
    ['pimpinan', {}, false],
  ] as const)('canRefer: %s %j → %s', (role, over, want) => {
    expect(canRefer(actor(role), lebakCase(over))).toBe(want);
    expect(canRefer(actor(role, { jurisdiction: '36.73' }), lebakCase(over))).toBe(false);
  });

  it.each(ROLES)('%s: acts on referrals received by its own organisation only', (role) => {
    const a = actor(role);
    const inbox = role === 'mitra' || role === 'manajer';
    expect(canActOnIncoming(a, a.orgId)).toBe(inbox);
    expect(canActOnIncoming(a, 'another-org')).toBe(false);
  });

  it.each(ROLES)('%s: transfers a case of its region, decides one sent to it', (role) => {
    const a = actor(role);
    const manager = role === 'manajer';
    expect(canTransfer(a, lebakCase())).toBe(manager);
    expect(canTransfer(actor(role, { jurisdiction: '36.73' }), lebakCase())).toBe(false);
    expect(canDecideTransfer(a, { jurisdiction: '36.02', orgId: null })).toBe(manager);
    expect(canDecideTransfer(a, { jurisdiction: '36.02', orgId: a.orgId })).toBe(manager);
    expect(canDecideTransfer(a, { jurisdiction: '36.02', orgId: 'another-org' })).toBe(false);
    expect(canDecideTransfer(a, { jurisdiction: '36.73', orgId: null })).toBe(false);
  });

  it.each(ROLES)('%s: reads the directory; edits its own organisation only as partner or manager', (role) => {
    const a = actor(role);
    expect(canReadDirectory(a)).toBe(true);
    expect(canUpdateOwnOrg(a, a.orgId)).toBe(role === 'mitra' || role === 'manajer');
    expect(canUpdateOwnOrg(a, 'another-org')).toBe(false);
  });

  it.each([
    ['admin', 'polisi_ppa', true],
    ['mitra', 'rumah_sakit', true],
    ['manajer', 'uptd_ppa', true],
    ['manajer', 'dinas_pppa', true],
    ['manajer', 'polisi_ppa', false],
    ['pengaduan', 'rumah_aman', false],
    ['auditor', 'dinas_pppa', true],
    ['auditor', 'lbh', false],
  ] as const)('roleFitsOrg(%s, %s) = %s', (role, type, want) => {
    expect(roleFitsOrg(role, type)).toBe(want);
  });

  it('a safe house is located only from inside its kab/kota; other services from anywhere', () => {
    expect(mayLocate(actor('manajer'), { type: 'rumah_aman', jurisdiction: '36.02' })).toBe(true);
    expect(mayLocate(actor('manajer'), { type: 'rumah_aman', jurisdiction: '36.73' })).toBe(false);
    expect(mayLocate(actor('manajer'), { type: 'uptd_ppa', jurisdiction: '36.73' })).toBe(true);
  });

  it('hasReferralBox agrees with the role table', () => {
    for (const role of ROLES)
      for (const box of ['masuk', 'keluar'] as const)
        expect(hasReferralBox(actor(role), box)).toBe(referralBoxes(role).includes(box));
  });
});

describe('agreements and local regulations (issue 12 §5, decision 033)', () => {
  it.each(ROLES)('%s: which agreements it reads and whether it manages them', (role) => {
    const a = actor(role);
    const scope = agreementScope(a);
    if (role === 'admin') expect(scope).toEqual({ kind: 'region', within: '' });
    else if (role === 'mitra') expect(scope).toEqual({ kind: 'party', orgId: 'o-mitra' });
    else if (roleCan(role, 'coord:read')) expect(scope).toEqual({ kind: 'region', within: '36.02' });
    else expect(scope).toEqual({ kind: 'none' });
    const admin = role === 'admin' || role === 'admin-dinas';
    expect(canManageAgreement(a, '36.02')).toBe(admin);
    expect(canManageAgreement(a, '36.02.01')).toBe(admin);
    expect(canManageAgreement(a, '36.73')).toBe(role === 'admin');
  });

  it.each(ROLES)('%s: which regulations it reads and whether it manages them', (role) => {
    const a = actor(role);
    const scope = regulationScope(a);
    if (role === 'mitra') expect(scope).toEqual({ kind: 'jurisdiction', jurisdiction: '36.02' });
    else if (roleCan(role, 'coord:read')) expect(scope).toEqual({ kind: 'region', within: '36.02' });
    else expect(scope).toEqual({ kind: 'none' });
    const manager = role === 'admin-dinas' || role === 'manajer';
    expect(canManageRegulation(a, '36.02')).toBe(manager);
    expect(canManageRegulation(a, '36.73')).toBe(false);
    // a province reads its kab/kota's regulations but does not change them
    expect(canManageRegulation(actor(role, { jurisdiction: '36' }), '36.02')).toBe(false);
  });
});

describe('prevention activities (issue 12 §1, decision 029)', () => {
  it.each(ROLES)('%s: who changes and reports an activity, accepts a report, reads the coverage', (role) => {
    const a = actor(role);
    const coordinator = role === 'admin-dinas' || role === 'manajer';
    const dinasActivity = { jurisdiction: '36.02', organiserOrgId: 'o-dinas' };
    expect(canReportPreventionActivity(a, dinasActivity)).toBe(coordinator);
    // its own organisation's activity: a coordinator or the partner that organises it
    expect(canReportPreventionActivity(a, { jurisdiction: '36.02', organiserOrgId: `o-${role}` })).toBe(
      coordinator || role === 'mitra',
    );
    // another kab/kota's: nobody here
    expect(canReportPreventionActivity(a, { jurisdiction: '36.73', organiserOrgId: `o-${role}` })).toBe(
      false,
    );
    // a province coordinator reads its kab/kota's activities but neither changes nor accepts them
    expect(canReportPreventionActivity(actor(role, { jurisdiction: '36' }), dinasActivity)).toBe(false);
    expect(canReviewPreventionReport(a, { jurisdiction: '36.02' })).toBe(coordinator);
    expect(canReviewPreventionReport(a, { jurisdiction: '36.73' })).toBe(false);
    const readsRegion = roleCan(role, 'coord:read') && role !== 'mitra';
    expect(preventionCoverageWithin(a)).toBe(readsRegion ? '36.02' : null);
    // a facilitator is staff doing the work, not an oversight or figures account
    expect(canFacilitatePrevention({ role })).toBe(!['admin', 'auditor', 'data'].includes(role));
  });
});

describe('training records, certificates and gaps (issue 12 §2, decision 030)', () => {
  it.each(ROLES)('%s: whose training it reads', (role) => {
    const a = actor(role);
    const reader = role === 'admin-dinas' || role === 'manajer' || role === 'pimpinan';
    expect(canReadTrainingOfPeople(a, '36.02')).toBe(reader);
    expect(canReadTrainingOfPeople(a, '36.73')).toBe(false);
    // a province's readers see their kab/kota's people; a kab/kota never the province's
    expect(canReadTrainingOfPeople(actor(role, { jurisdiction: '36' }), '36.02')).toBe(reader);
    expect(canReadTrainingOfPeople(a, '36')).toBe(false);
    // one's own record: every coordination user
    expect(canReadTrainingRecord(a, { userId: a.userId, jurisdiction: '36.02' })).toBe(
      roleCan(role, 'coord:read'),
    );
    expect(canReadTrainingRecord(a, { userId: 'someone-else', jurisdiction: '36.02' })).toBe(reader);
    expect(canReadTrainingRecord(a, { userId: 'someone-else', jurisdiction: '36.73' })).toBe(false);
  });
});
