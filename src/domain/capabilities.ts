/**
 * What each role may do at all, whatever the record (src/domain/policy.ts `can`). Kept apart,
 * with no imports, so that the staff app's menus use this same table (web/src/lib/session.ts
 * imports it) without loading the rest of the policy: the server still decides every request.
 */
import type { Role } from './policy.ts';

export type Capability =
  | 'case:list'
  | 'case:create'
  /** transfer cases (pelimpahan) and decide incoming transfers */
  | 'case:transfer'
  | 'intake:triage'
  /** the referral lists: incoming to the own organisation, outgoing from readable cases */
  | 'referral:list'
  | 'user:manage'
  | 'org:manage'
  | 'audit:read'
  | 'stats:read'
  | 'tasks:read'
  /** partner performance (kinerja mitra) */
  | 'performance:read'
  /** referral time standards: read them (menu), change them */
  | 'sla:read'
  | 'sla:edit'
  /** refer a victim of a case the actor works on to a partner */
  | 'referral:create'
  /** the national holidays and cuti bersama */
  | 'holiday:edit'
  /** SIMFONI-PPA: the cases not yet entered, the facts to enter, marking a case entered */
  | 'simfoni:record'
  /** SIMFONI-PPA: download the export with names and NIK (two-factor session, a reason) */
  | 'simfoni:export'
  /** the dashboard (/dasbor): figures of the own kab/kota or province, aggregates only */
  | 'dashboard:read'
  /** the dashboard names officers beside their caseload (not only units) */
  | 'dashboard:officers'
  /** the letterhead of the periodic report (name, logo, head of the Dinas) */
  | 'report:settings'
  /**
   * Prevention and coordination (issue 12): read the records of the own jurisdiction (a province
   * also reads its kab/kota's) — activities, campaigns, coverage, trainings, meetings, follow-ups,
   * the RAD, agreements and regulations. A partner (`mitra`) reads only what its organisation
   * organises, takes part in, was invited to or owns (policy.coordinationScope).
   */
  | 'coord:read'
  /** plan, record and report them for the own jurisdiction; accept partners' reports */
  | 'coord:manage'
  /** the Dinas's required training types (which case officers and companions must have had) */
  | 'training:settings'
  /**
   * Spreading the channels (issue 12 §6): the poster codes of the own jurisdiction and their
   * monthly counts of visits and reports. Dinas staff and leadership; partners none. Creating a
   * code and printing posters is `coord:manage` (policy.canManagePosters).
   */
  | 'poster:read'
  /**
   * KLA self-evaluation (issue 13, decision 035): read every indicator of the own kab/kota's
   * evaluation (a province reads its kab/kota's once submitted). An OPD member who only fills
   * assigned indicators needs no capability: access by assignment (policy.klaScope).
   */
  | 'kla:read'
  /** the Gugus Tugas KLA coordinator at the Dinas: assigns, reviews (diperiksa), finalises, submits */
  | 'kla:coordinate'
  /** a province Dinas verifies its kab/kota's submissions per indicator */
  | 'kla:verify'
  /** import a corrected KLA indicator set for a year (installation administrator) */
  | 'kla:sets';

export const CAPABILITIES: Readonly<Record<Role, readonly Capability[]>> = {
  admin: ['user:manage', 'org:manage', 'performance:read', 'holiday:edit', 'dashboard:read', 'kla:sets'],
  'admin-dinas': [
    'user:manage',
    'org:manage',
    'performance:read',
    'sla:read',
    'sla:edit',
    'dashboard:read',
    'dashboard:officers',
    'report:settings',
    'coord:read',
    'coord:manage',
    'training:settings',
    'poster:read',
    'kla:read',
    'kla:coordinate',
    'kla:verify',
  ],
  pengaduan: [
    'case:list',
    'case:create',
    'intake:triage',
    'referral:list',
    'tasks:read',
    'stats:read',
    'coord:read',
    'poster:read',
  ],
  manajer: [
    'case:list',
    'case:create',
    'case:transfer',
    'intake:triage',
    'referral:list',
    'referral:create',
    'tasks:read',
    'stats:read',
    'performance:read',
    'sla:read',
    'dashboard:read',
    'dashboard:officers',
    'coord:read',
    'coord:manage',
    'poster:read',
    'kla:read',
  ],
  pendamping: ['case:list', 'referral:list', 'referral:create', 'tasks:read', 'coord:read', 'poster:read'],
  mitra: ['case:list', 'referral:list', 'tasks:read', 'performance:read', 'coord:read'],
  pimpinan: ['stats:read', 'performance:read', 'dashboard:read', 'coord:read', 'poster:read', 'kla:read'],
  auditor: ['audit:read'],
  data: ['simfoni:record', 'simfoni:export'],
};

/** May this role do this at all? */
export function roleCan(role: Role, cap: Capability): boolean {
  return CAPABILITIES[role].includes(cap);
}

export type ReferralBox = 'masuk' | 'keluar';

/**
 * The referral lists a role has: incoming (to its organisation: partners and case managers) and
 * outgoing (from the cases it may read: intake, case managers, companions).
 */
const REFERRAL_BOXES: Readonly<Record<Role, readonly ReferralBox[]>> = {
  admin: [],
  'admin-dinas': [],
  pengaduan: ['keluar'],
  manajer: ['masuk', 'keluar'],
  pendamping: ['keluar'],
  mitra: ['masuk'],
  pimpinan: [],
  auditor: [],
  data: [],
};

export function referralBoxes(role: Role): readonly ReferralBox[] {
  return REFERRAL_BOXES[role];
}
