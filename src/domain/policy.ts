/**
 * The access policy: the one place that decides what an actor may do (architecture.md,
 * invariant 1). Repositories turn a CaseScope into SQL, so a record outside the scope is never
 * loaded and answers 404. Deny by default.
 */

import { type Capability, type ReferralBox, referralBoxes, roleCan } from './capabilities.ts';
import type { AlertPhase, DeadlineRule } from './deadlines.ts';
import type { Stage } from './stages.ts';
import { locationIsSecret } from './taxonomies.ts';

export const ROLES = [
  'admin',
  'admin-dinas',
  'pengaduan',
  'manajer',
  'pendamping',
  'mitra',
  'pimpinan',
  'auditor',
  'data',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { id: string; en: string }> = {
  admin: { id: 'Administrator sistem', en: 'System administrator' },
  'admin-dinas': { id: 'Administrator dinas', en: 'Office administrator' },
  pengaduan: { id: 'Petugas pengaduan', en: 'Intake officer' },
  manajer: { id: 'Manajer kasus', en: 'Case manager' },
  pendamping: { id: 'Pendamping', en: 'Companion' },
  mitra: { id: 'Petugas lembaga mitra', en: 'Partner agency staff' },
  pimpinan: { id: 'Pimpinan', en: 'Leadership' },
  auditor: { id: 'Auditor', en: 'Auditor' },
  data: { id: 'Pengelola data dan informasi', en: 'Data and information officer' },
};

/** Roles that can see personal data and therefore must use two-factor sign-in. */
export const ROLES_WITH_PERSONAL_DATA: readonly Role[] = [
  'admin',
  'admin-dinas',
  'pengaduan',
  'manajer',
  'pendamping',
  'mitra',
  'auditor',
  'data',
];

export function requiresMfa(role: Role): boolean {
  return ROLES_WITH_PERSONAL_DATA.includes(role);
}

export type Actor = {
  userId: string;
  role: Role;
  orgId: string;
  /** kab/kota code (`36.02`) or province code (`36`) where the actor's organisation works. */
  jurisdiction: string;
};

/** Kab/kota-level jurisdiction of a region code: `36.02.05.2001` → `36.02`; `36` stays `36`. */
export function jurisdictionOf(regionCode: string): string {
  return regionCode.split('.').slice(0, 2).join('.');
}

export function isWithin(regionCode: string, ancestor: string): boolean {
  return regionCode === ancestor || regionCode.startsWith(`${ancestor}.`);
}

export type CaseScope =
  | { kind: 'none' }
  /** every case handled in this jurisdiction */
  | { kind: 'jurisdiction'; jurisdiction: string }
  /** only cases of this jurisdiction where the user is manager or companion */
  | { kind: 'assigned'; jurisdiction: string; userId: string };

/** Which cases the actor may read at all. */
export function caseScope(actor: Actor): CaseScope {
  switch (actor.role) {
    case 'pengaduan':
    case 'manajer':
      return { kind: 'jurisdiction', jurisdiction: actor.jurisdiction };
    case 'pendamping':
      return { kind: 'assigned', jurisdiction: actor.jurisdiction, userId: actor.userId };
    // mitra: only what is referred to their organisation (referral grants come with the referral issue)
    default:
      return { kind: 'none' };
  }
}

export type CaseAction =
  | 'read'
  | 'create'
  | 'update'
  | 'transition'
  | 'assign'
  | 'read_access_log'
  | 'attach';

export type CaseRef = {
  stage: Stage;
  jurisdiction: string;
  managerId: string | null;
  memberIds: readonly string[];
};

/**
 * May the actor do `action` on a case it can already see (scope checked by the query)?
 * Returns false for "no": the caller answers FORBIDDEN for writes on a visible case.
 */
export function canOnCase(actor: Actor, action: CaseAction, c: CaseRef, toStage?: Stage): boolean {
  const scope = caseScope(actor);
  if (scope.kind === 'none') return false;
  if (c.jurisdiction !== scope.jurisdiction) return false;
  const assigned = c.managerId === actor.userId || c.memberIds.includes(actor.userId);
  if (scope.kind === 'assigned' && !assigned) return false;
  switch (action) {
    case 'read':
      return true;
    case 'create':
      return actor.role === 'pengaduan' || actor.role === 'manajer';
    case 'update':
    case 'attach':
      return (
        actor.role === 'manajer' ||
        actor.role === 'pendamping' ||
        (actor.role === 'pengaduan' && isIntakeStage(c.stage))
      );
    case 'transition':
      if (actor.role === 'manajer') return true;
      if (actor.role === 'pendamping') return toStage !== 'terminasi' && c.stage !== 'terminasi';
      if (actor.role === 'pengaduan')
        return isIntakeStage(c.stage) && (toStage === 'identifikasi' || toStage === 'asesmen');
      return false;
    case 'assign':
    case 'read_access_log':
      return actor.role === 'manajer';
  }
}

function isIntakeStage(s: Stage): boolean {
  return s === 'penerimaan' || s === 'identifikasi';
}

/** Role-level capabilities that are not tied to one case. */
export type { Capability } from './capabilities.ts';

/** May the actor do this at all (the table in ./capabilities.ts, shared with the web's menus)? */
export function can(actor: Actor, cap: Capability): boolean {
  return roleCan(actor.role, cap);
}

/**
 * Which region subtree an administrator manages: `admin` everything (''), `admin-dinas` its own
 * jurisdiction. Others manage nothing (null).
 */
export function adminScope(actor: Actor): string | null {
  if (actor.role === 'admin') return '';
  if (actor.role === 'admin-dinas') return actor.jurisdiction;
  return null;
}

/** admin-dinas may not create installation-wide admins. */
export function canGrantRole(actor: Actor, role: Role): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'admin-dinas') return role !== 'admin';
  return false;
}

/**
 * The triage inbox the actor works: intake officers and case managers see the items of their own
 * jurisdiction (a province office sees what was routed to the province). Null: no inbox.
 */
export function intakeScope(actor: Actor): string | null {
  return can(actor, 'intake:triage') ? actor.jurisdiction : null;
}

/**
 * The region whose dashboard the actor reads (its kab/kota, or every kab/kota of its province),
 * aggregates only; null: none. A region asked for must lie inside it.
 */
export function dashboardScope(actor: Actor): string | null {
  return can(actor, 'dashboard:read') ? actor.jurisdiction : null;
}

/** Region subtree over which the actor may see aggregate statistics. */
export function statsScope(actor: Actor): string | null {
  return can(actor, 'stats:read') ? actor.jurisdiction : null;
}

/**
 * The cases whose SIMFONI-PPA entry a data officer (`data`, staf pengelola data dan informasi)
 * keeps: every case handled in its own kab/kota (or province office), whatever its stage. The
 * officer reads only the facts SIMFONI asks for (src/domain/simfoni.ts), never the case file
 * (chronology, notes, assessments, attachments), and changes nothing of the case's handling: its
 * case scope stays `none`. Null: no SIMFONI work.
 */
export function simfoniScope(actor: Actor): { jurisdiction: string } | null {
  return can(actor, 'simfoni:record') ? { jurisdiction: actor.jurisdiction } : null;
}

/**
 * Download the SIMFONI export (names and NIK decrypted): a data officer, in a session signed in
 * with a second factor.
 */
export function canExportSimfoni(actor: Actor, session: { twoFactor: boolean }): boolean {
  return can(actor, 'simfoni:export') && session.twoFactor;
}

/** Users that may be made manager or companion of a case in `jurisdiction`. */
export function canBeAssigned(
  role: Role,
  userJurisdiction: string,
  caseJurisdiction: string,
  as: 'manager' | 'companion',
): boolean {
  if (userJurisdiction !== caseJurisdiction) return false;
  if (as === 'manager') return role === 'manajer';
  return role === 'manajer' || role === 'pendamping';
}

/* ---- Urgent cases: work queue, taking a case, deadline notices (decision 013) ---- */

/**
 * The managers' work queue ("Belum ada manajer kasus", "Jatuh tempo hari ini"): case managers,
 * for the cases of their own jurisdiction. Null: no queue.
 */
export function workQueueScope(actor: Actor): string | null {
  return actor.role === 'manajer' ? actor.jurisdiction : null;
}

/** Take a case without a manager ("Ambil"): a case manager of the case's jurisdiction. */
export function canTakeCase(actor: Actor, c: CaseRef): boolean {
  return canOnCase(actor, 'assign', c);
}

/** Roles told when a case task stays overdue past its escalation threshold. */
export const ESCALATION_ROLES: readonly Role[] = ['pimpinan', 'admin-dinas'];

export type AlertAudience = {
  /** the case manager and the assigned companions */
  caseTeam: boolean;
  /** every active case manager (`manajer`) of the case's jurisdiction */
  jurisdictionManagers: boolean;
  /** the leadership and the Dinas admin of the jurisdiction (ESCALATION_ROLES), who see no case
   *  content: their notice carries only the case number and what is overdue */
  leadership: boolean;
};

const RESPONSE_RULES: readonly DeadlineRule[] = ['respon_risiko_tinggi', 'respon_risiko_sedang'];

/**
 * Who is told about a deadline of a case task. A high- or medium-risk response deadline that is
 * near or past concerns every case manager of the kab/kota (someone must see the person now); any
 * other overdue task its case team, or all the managers while the case has no manager; past the
 * escalation threshold, the leadership and the Dinas admin.
 */
export function taskAlertAudience(rule: DeadlineRule, phase: AlertPhase, hasManager: boolean): AlertAudience {
  if (phase === 'eskalasi') return { caseTeam: false, jurisdictionManagers: false, leadership: true };
  const response = RESPONSE_RULES.includes(rule);
  if (phase === 'dekat') return { caseTeam: response, jurisdictionManagers: response, leadership: false };
  return { caseTeam: true, jurisdictionManagers: response || !hasManager, leadership: false };
}

/* ---- Referral network (rujukan, pelimpahan, directory) ---- */

/** May the actor refer a victim of a case it may update (manager or an assigned companion)? */
export function canRefer(actor: Actor, c: CaseRef): boolean {
  return can(actor, 'referral:create') && canOnCase(actor, 'update', c);
}

/**
 * The organisation whose incoming referrals the actor works: partner staff (`mitra`) and the
 * case managers of an organisation that receives referrals (a UPTD receiving from another UPTD).
 * Null: none.
 */
export function referralInboxOrg(actor: Actor): string | null {
  return actor.role === 'mitra' || actor.role === 'manajer' ? actor.orgId : null;
}

/** Has the actor this referral list (incoming to its organisation, outgoing from its cases)? */
export function hasReferralBox(actor: Actor, box: ReferralBox): boolean {
  return referralBoxes(actor.role).includes(box);
}

/** Accept, decline, record services, complete: the recipient's mitra or case manager. */
export function canActOnIncoming(actor: Actor, toOrgId: string): boolean {
  return referralInboxOrg(actor) === toOrgId;
}

/** Ask the national level or transfer a whole case: the case manager of the holding jurisdiction. */
export function canTransfer(actor: Actor, c: CaseRef): boolean {
  return can(actor, 'case:transfer') && canOnCase(actor, 'update', c);
}

/** Decide on a transfer: a case manager of the receiving UPTD PPA (which becomes the holder). */
export function canDecideTransfer(actor: Actor, to: { jurisdiction: string; orgId: string | null }): boolean {
  return (
    can(actor, 'case:transfer') &&
    actor.jurisdiction === to.jurisdiction &&
    (to.orgId === null || actor.orgId === to.orgId)
  );
}

/**
 * May the actor see a transfer at all? The case managers of the two offices (their transfer lists)
 * and whoever reads the case (its transfer history). Anyone else gets 404 for it, also when
 * deciding, so that a real id and an unknown one answer the same.
 */
export function canSeeTransfer(
  actor: Actor,
  t: { fromJurisdiction: string; toJurisdiction: string | null },
  readsCase: boolean,
): boolean {
  return (
    readsCase ||
    (actor.role === 'manajer' &&
      (actor.jurisdiction === t.fromJurisdiction || actor.jurisdiction === t.toJurisdiction))
  );
}

/** Every signed-in staff role may read the directory of services (it holds no personal data). */
export function canReadDirectory(_actor: Actor): boolean {
  return true;
}

/** Partner staff keep their own organisation's hours, capacity and contacts current. */
export function canUpdateOwnOrg(actor: Actor, orgId: string): boolean {
  return actor.orgId === orgId && (actor.role === 'mitra' || actor.role === 'manajer');
}

/**
 * Partner performance: the Dinas (leadership, administrators and case managers of the
 * jurisdiction) for every organisation there, and an organisation for itself.
 */
export function performanceScope(actor: Actor): { jurisdiction: string } | { orgId: string } | null {
  if (!can(actor, 'performance:read')) return null;
  if (actor.role === 'admin') return { jurisdiction: '' };
  if (actor.role === 'mitra') return { orgId: actor.orgId };
  return { jurisdiction: actor.jurisdiction };
}

/** The sender's side of a transfer: a case manager of the jurisdiction it came from. */
export function isTransferSender(actor: Actor, t: { from_jurisdiction: string }): boolean {
  return can(actor, 'case:transfer') && actor.jurisdiction === t.from_jurisdiction;
}

/**
 * Whose tasks the home page lists: an intake officer's are the new cases of the whole region
 * (null), everyone else's the cases they manage or accompany (their own id).
 */
export function tasksOwner(actor: Actor): string | null {
  return actor.role === 'pengaduan' ? null : actor.userId;
}

/** Who may be given an intake item to handle: an intake officer or case manager of its kab/kota. */
export function canTakeIntake(
  staff: { role: Role; jurisdiction: string },
  item: { jurisdiction: string },
): boolean {
  return roleCan(staff.role, 'intake:triage') && staff.jurisdiction === item.jurisdiction;
}

/** Who manages a case opened without choosing a manager: a case manager opening it, nobody else. */
export function defaultManager(actor: Actor): string | null {
  return actor.role === 'manajer' ? actor.userId : null;
}

/**
 * Which roles an organisation's staff may hold. Case scope follows the kab/kota, not the
 * organisation: a case role (pengaduan, manajer, pendamping) in a partner organisation would open
 * every case of the kab/kota to that partner. So case roles belong to the UPTD PPA or the Dinas
 * PPPA (some kab/kota run the service from the Dinas), the Dinas roles to those two as well, and
 * partner staff are `mitra`. The installation admin may sit anywhere (e.g. the IT office).
 */
const SERVICE_ORG_TYPES: readonly string[] = ['uptd_ppa', 'dinas_pppa'];
export function roleFitsOrg(role: Role, orgType: string): boolean {
  if (role === 'admin' || role === 'mitra') return true;
  return SERVICE_ORG_TYPES.includes(orgType);
}

/**
 * May the actor change the role of account `userId`? Never its own: an administrator who could
 * would give itself case access (issue 9 §4); another administrator must do it.
 */
export function mayChangeRoleOf(actor: Actor, userId: string): boolean {
  return actor.userId !== userId;
}

/**
 * May the actor see where an organisation is (address, phone)? Everyone may, except for an
 * organisation whose location is secret (a safe house): then only staff of the same kab/kota.
 */
export function mayLocate(actor: Actor, org: { type: string; jurisdiction: string }): boolean {
  return !locationIsSecret(org.type) || actor.jurisdiction === org.jurisdiction;
}

/**
 * Prevention and coordination records (issue 12: prevention activities and campaigns, trainings,
 * meetings and their follow-ups, the RAD, agreements and regulations) belong to the jurisdiction
 * of the Dinas that keeps them (a kab/kota `36.02` or a province `36`).
 * - `region`: Dinas/UPTD staff and `pimpinan` read every record whose jurisdiction lies within
 *   their own (a province reads its kab/kota's records; a kab/kota never reads another's or its
 *   province's).
 * - `org`: a partner's staff (`mitra`) read only records their organisation organises, takes part
 *   in, was invited to, or owns (a follow-up action, a RAD activity it is responsible for).
 * - `none`: no coordination work (admin, auditor, data).
 */
export type CoordinationScope =
  | { kind: 'none' }
  | { kind: 'region'; within: string }
  | { kind: 'org'; orgId: string };

export function coordinationScope(actor: Actor): CoordinationScope {
  if (!can(actor, 'coord:read')) return { kind: 'none' };
  if (actor.role === 'mitra') return { kind: 'org', orgId: actor.orgId };
  return { kind: 'region', within: actor.jurisdiction };
}

/** May the actor read a coordination record of `jurisdiction` that involves organisations `orgIds`? */
export function canReadCoordination(
  actor: Actor,
  rec: { jurisdiction: string; orgIds: readonly string[] },
): boolean {
  const scope = coordinationScope(actor);
  if (scope.kind === 'region') return isWithin(rec.jurisdiction, scope.within);
  if (scope.kind === 'org') return rec.orgIds.includes(scope.orgId);
  return false;
}

/**
 * May the actor plan, change or accept a coordination record of `jurisdiction`? Only the Dinas's
 * own staff with `coord:manage`, for their own jurisdiction (a province does not edit its kab/kota's
 * records; it reads them).
 */
export function canManageCoordination(actor: Actor, rec: { jurisdiction: string }): boolean {
  return can(actor, 'coord:manage') && rec.jurisdiction === actor.jurisdiction;
}

/**
 * May the actor update something its organisation owns or organised (a partner's own prevention
 * activity report, a follow-up action assigned to its organisation, the progress of a RAD activity
 * it is responsible for)? Staff of the owner organisation may; so may the Dinas that keeps it.
 */
export function canUpdateOwned(
  actor: Actor,
  rec: { jurisdiction: string; ownerOrgId: string | null },
): boolean {
  if (canManageCoordination(actor, rec)) return true;
  return can(actor, 'coord:read') && rec.ownerOrgId !== null && rec.ownerOrgId === actor.orgId;
}

/** The Dinas's required training types: its own administrator, for its own jurisdiction. */
export function canSetTrainingRequirements(actor: Actor, jurisdiction: string): boolean {
  return can(actor, 'training:settings') && jurisdiction === actor.jurisdiction;
}

// ---- issue 12 §6: spreading the channels (poster codes "titik sebar" and their monthly counts)

/**
 * Whose poster codes the actor reads: Dinas staff and leadership (`poster:read`) those of every
 * jurisdiction within their own (a province reads its kab/kota's); partners and others none. The
 * counts are aggregates per code and local month, never tied to a report or a person.
 */
export function posterScope(actor: Actor): { kind: 'region'; within: string } | { kind: 'none' } {
  return can(actor, 'poster:read') ? { kind: 'region', within: actor.jurisdiction } : { kind: 'none' };
}

/** May the actor create poster codes and print posters of `jurisdiction`? Its own Dinas's managers only. */
export function canManagePosters(actor: Actor, jurisdiction: string): boolean {
  return can(actor, 'poster:read') && canManageCoordination(actor, { jurisdiction });
}

// ---- Training and capacity (issue 12 §2, decision 030) ------------------------------------------

/**
 * May the actor read the people's side of training in `jurisdiction` — anyone's training record,
 * anyone's certificate, the gap view of case officers and companions? The Dinas's managers
 * (`coord:manage`) and `pimpinan`, for records within their jurisdiction (a province reads its
 * kab/kota's). Everyone else sees only their own record and certificates.
 */
export function canReadTrainingOfPeople(actor: Actor, jurisdiction: string): boolean {
  const reader = can(actor, 'coord:manage') || (actor.role === 'pimpinan' && can(actor, 'coord:read'));
  return reader && isWithin(jurisdiction, actor.jurisdiction);
}

/** May the actor read the training record (and certificates) of user `person`? Its own always. */
export function canReadTrainingRecord(
  actor: Actor,
  person: { userId: string; jurisdiction: string },
): boolean {
  if (person.userId === actor.userId) return can(actor, 'coord:read');
  return canReadTrainingOfPeople(actor, person.jurisdiction);
}

// ---- Agreements and local regulations (issue 12 §5, decision 033) ------------------------------

/**
 * Which cooperation agreements the actor reads: the Dinas administrators those of their region
 * (`admin`: all, as before issue 12); Dinas staff and `pimpinan` (`coord:read`) those whose
 * jurisdiction lies within theirs; a partner's staff only those its organisation is a party to.
 */
export type AgreementScope =
  | { kind: 'none' }
  | { kind: 'region'; within: string }
  | { kind: 'party'; orgId: string };

export function agreementScope(actor: Actor): AgreementScope {
  const root = adminScope(actor);
  if (root !== null) return { kind: 'region', within: root };
  const c = coordinationScope(actor);
  if (c.kind === 'region') return c;
  if (c.kind === 'org') return { kind: 'party', orgId: c.orgId };
  return { kind: 'none' };
}

/** May the actor record or change an agreement of `jurisdiction` (its parties, meeting, document)? */
export function canManageAgreement(actor: Actor, jurisdiction: string): boolean {
  const root = adminScope(actor);
  return root !== null && (root === '' || isWithin(jurisdiction, root));
}

/**
 * Which local regulations the actor reads. They are public documents: Dinas staff and `pimpinan`
 * (`coord:read`) read those whose jurisdiction lies within theirs (a province reads its
 * kab/kota's); a partner's staff read those of their own organisation's jurisdiction (the rules
 * their work falls under), never another's.
 */
export type RegulationScope =
  | { kind: 'none' }
  | { kind: 'region'; within: string }
  | { kind: 'jurisdiction'; jurisdiction: string };

export function regulationScope(actor: Actor): RegulationScope {
  const c = coordinationScope(actor);
  if (c.kind === 'region') return c;
  if (c.kind === 'org') return { kind: 'jurisdiction', jurisdiction: actor.jurisdiction };
  return { kind: 'none' };
}

/** May the actor record or change a regulation of `jurisdiction`? Its own Dinas's `coord:manage`. */
export function canManageRegulation(actor: Actor, jurisdiction: string): boolean {
  return canManageCoordination(actor, { jurisdiction });
}

// ---- Prevention activities and campaigns (issue 12 §1; decision 029) ---------------------------

/**
 * May the actor change a prevention activity, move its status or report it? The Dinas's
 * coordinators (`canManageCoordination`) for their jurisdiction; a partner's staff (`org` scope)
 * for an activity their organisation organises. Other readers (pimpinan, intake, companions) read.
 */
export function canReportPreventionActivity(
  actor: Actor,
  rec: { jurisdiction: string; organiserOrgId: string },
): boolean {
  if (canManageCoordination(actor, rec)) return true;
  const scope = coordinationScope(actor);
  return (
    scope.kind === 'org' && rec.organiserOrgId === scope.orgId && rec.jurisdiction === actor.jurisdiction
  );
}

/** May the actor accept or return a partner's report? The Dinas's coordinators of its jurisdiction. */
export function canReviewPreventionReport(actor: Actor, rec: { jurisdiction: string }): boolean {
  return canManageCoordination(actor, rec);
}

/**
 * Who may be named as a facilitator of a prevention activity: staff who do the coordination work
 * (`coord:read`: the Dinas's and UPTD's staff, pimpinan, a partner's `mitra` staff). Not the
 * installation admin, the auditor or the data officer: their accounts are for oversight and
 * figures, not for leading a session in a village.
 */
export const PREVENTION_FACILITATOR_ROLES: readonly Role[] = ROLES.filter((r) => roleCan(r, 'coord:read'));
export function canFacilitatePrevention(user: { role: Role }): boolean {
  return PREVENTION_FACILITATOR_ROLES.includes(user.role);
}

/**
 * Whose coverage (aggregates of a kab/kota) the actor may read: Dinas staff and `pimpinan`
 * within their region (a province any of its kab/kota); a partner's staff none (they read
 * their own activities); null = none.
 */
export function preventionCoverageWithin(actor: Actor): string | null {
  const scope = coordinationScope(actor);
  return scope.kind === 'region' ? scope.within : null;
}

// ---- KLA self-evaluation (issue 13 §1–3; decision 035) -----------------------------------------

/**
 * Which KLA evaluations the actor sees (an evaluation belongs to a kab/kota):
 * - `region`: `kla:read` (pimpinan, admin-dinas, manajer) — every evaluation of their own kab/kota;
 *   at a province (`submittedOnly`) only its kab/kota's evaluations once submitted, never drafts.
 * - `member`: other staff (`coord:read`) of a kab/kota — only evaluations where their organisation
 *   or they themselves are assigned an indicator, and there only those indicators in full.
 * - `none`: admin, auditor, data.
 * Evaluations hold aggregates and documents, never case data.
 */
export type KlaScope =
  | { kind: 'none' }
  | { kind: 'region'; within: string; submittedOnly: boolean }
  | { kind: 'member'; jurisdiction: string; orgId: string; userId: string };

const isProvince = (jurisdiction: string) => !jurisdiction.includes('.');

export function klaScope(actor: Actor): KlaScope {
  if (can(actor, 'kla:read'))
    return { kind: 'region', within: actor.jurisdiction, submittedOnly: isProvince(actor.jurisdiction) };
  if (can(actor, 'coord:read') && !isProvince(actor.jurisdiction))
    return { kind: 'member', jurisdiction: actor.jurisdiction, orgId: actor.orgId, userId: actor.userId };
  return { kind: 'none' };
}

/** May the actor coordinate the KLA evaluation of `jurisdiction` (assign, review, finalise, submit)? */
export function canCoordinateKla(actor: Actor, jurisdiction: string): boolean {
  return can(actor, 'kla:coordinate') && jurisdiction === actor.jurisdiction && !isProvince(jurisdiction);
}

/**
 * May the actor fill an indicator of an evaluation of `jurisdiction` assigned to organisation
 * `orgId` (and person `userId`, when one is named)? The coordinator always; otherwise staff of
 * the assigned organisation of the same kab/kota — only the named person when there is one.
 */
export function canFillKlaIndicator(
  actor: Actor,
  rec: { jurisdiction: string; orgId: string | null; userId: string | null },
): boolean {
  if (canCoordinateKla(actor, rec.jurisdiction)) return true;
  if (!can(actor, 'coord:read') || actor.jurisdiction !== rec.jurisdiction || rec.orgId === null)
    return false;
  return rec.userId !== null ? rec.userId === actor.userId : rec.orgId === actor.orgId;
}

/** May the actor verify an evaluation of kab/kota `jurisdiction`? Its own province's `kla:verify`. */
export function canVerifyKla(actor: Actor, jurisdiction: string): boolean {
  return (
    can(actor, 'kla:verify') &&
    isProvince(actor.jurisdiction) &&
    jurisdiction !== actor.jurisdiction &&
    isWithin(jurisdiction, actor.jurisdiction)
  );
}

/** May the actor read an evaluation's change history? Its own kab/kota's coordinator and `pimpinan`. */
export function canReadKlaHistory(actor: Actor, jurisdiction: string): boolean {
  return (
    canCoordinateKla(actor, jurisdiction) ||
    (actor.role === 'pimpinan' && can(actor, 'kla:read') && actor.jurisdiction === jurisdiction)
  );
}

/** Who is told of a submission (in the province) and of the province's answer (in the kab/kota). */
export const KLA_SUBMISSION_AUDIENCE: readonly Role[] = ROLES.filter((r) => roleCan(r, 'kla:verify'));
export const KLA_DECISION_AUDIENCE: readonly Role[] = ROLES.filter(
  (r) => roleCan(r, 'kla:coordinate') || (r === 'pimpinan' && roleCan(r, 'kla:read')),
);

/** Who of an assigned organisation is told of its KLA work (staff who may fill an indicator). */
export const KLA_FILLER_AUDIENCE: readonly Role[] = ROLES.filter((r) => roleCan(r, 'coord:read'));

/** May the actor import an indicator set? The installation administrator (`kla:sets`). */
export function canImportKlaSet(actor: Actor): boolean {
  return can(actor, 'kla:sets');
}
