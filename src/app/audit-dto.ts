/** Audit rows as the API shows them: the stored codes, and the same event in words. */
import { loadRefs, type RefIds, type Refs } from '../db/audit-read.repository.ts';
import type { Tx } from '../db/connect.ts';
import {
  AUDIT_ACTIONS,
  auditWords,
  ENTITY_WORDS,
  initials,
  joinLabels,
  PERSON_ROLE_WORDS,
  RECORD_KIND_WORDS,
  unattributedActor,
} from '../domain/audit-words.ts';
import type { AuditEntryDto, AuditEventDto } from '../domain/dto.ts';
import { ROLE_LABELS, type Role } from '../domain/policy.ts';
import { type Label, ORG_TYPES } from '../domain/taxonomies.ts';
import type { Keyring } from './crypto.ts';

type AuditRow = {
  id: string | number;
  at: unknown;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  outcome: string;
};

export function auditEventDto(r: AuditRow): AuditEventDto {
  return {
    id: String(r.id),
    at: new Date(r.at as string).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    ip: r.ip,
    userAgent: r.user_agent,
    requestId: r.request_id,
    outcome: r.outcome,
  };
}

export function roleLabel(role: string | null): Label | null {
  return role ? (ROLE_LABELS[role as Role] ?? { id: role, en: role }) : null;
}

export function orgTypeLabel(type: string | null): Label | null {
  if (!type) return null;
  return ORG_TYPES.find((t) => t.code === type)?.label ?? { id: type, en: type };
}

/** Who acted, in words: the user's name, or what acted without an account. */
export function actorLabel(r: {
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  user_agent: string | null;
}): Label {
  if (r.actor_id) {
    const name = r.actor_name ?? '—';
    return { id: name, en: name };
  }
  return unattributedActor(r.action, r.user_agent);
}

type Described = { entity: string | null; entity_id: string | null; detail?: unknown };

export type DescribeOptions = {
  /** decrypts names for initials ("korban 1 (S. W.)"); null: no names at all (auditors) */
  keys: Keyring | null;
  /** the case the reader is looking at: not named again */
  caseId?: string;
  /** an auditor's jurisdiction: records elsewhere are named by kind only; null: no limit */
  root: string | null;
};

const caseIdOf = (d: unknown): string | null => {
  const v = (d as { caseId?: unknown } | null)?.caseId;
  return typeof v === 'string' ? v : null;
};

/**
 * What each audited record is, in words, without more than the reader may see: "korban 1",
 * "rujukan RJK/36.02/2026/00001 ke Unit PPA Polres Lebak", "asesmen · kasus PPA-3602-2026-000001".
 */
export async function describeObjects(
  db: Tx,
  rows: Described[],
  opts: DescribeOptions,
): Promise<(r: Described) => Label | null> {
  const ids: RefIds = {
    cases: [],
    persons: [],
    incidents: [],
    records: [],
    attachments: [],
    referrals: [],
    transfers: [],
    users: [],
    orgs: [],
    agreements: [],
    joinRequests: [],
    regions: [],
  };
  const bucket: Record<string, keyof RefIds> = {
    case: 'cases',
    person: 'persons',
    incident: 'incidents',
    case_record: 'records',
    attachment: 'attachments',
    referral: 'referrals',
    case_transfer: 'transfers',
    user: 'users',
    app_user: 'users',
    organisation: 'orgs',
    agreement: 'agreements',
    join_request: 'joinRequests',
    region: 'regions',
  };
  for (const r of rows) {
    const b = r.entity ? bucket[r.entity] : undefined;
    if (b && r.entity_id) ids[b].push(r.entity_id);
    const c = caseIdOf(r.detail);
    if (c) ids.cases.push(c);
  }
  const refs = await loadRefs(db, ids, opts.root);
  return describer(refs, opts);
}

function describer(refs: Refs, opts: DescribeOptions) {
  const caseNumber = new Map(refs.cases.map((c) => [c.id, c.number]));
  const persons = new Map<string, Label>();
  const personCase = new Map<string, string>();
  const counters = new Map<string, number>();
  for (const p of refs.persons) {
    const k = `${p.case_id}:${p.role}`;
    const n = (counters.get(k) ?? 0) + 1;
    counters.set(k, n);
    const role = PERSON_ROLE_WORDS[p.role] ?? { id: p.role, en: p.role };
    const name = opts.keys ? opts.keys.decrypt(p.name_enc) : null;
    const ini = name ? ` (${initials(name)})` : '';
    persons.set(p.id, { id: `${role.id} ${n}${ini}`, en: `${role.en} ${n}${ini}` });
    personCase.set(p.id, p.case_id);
  }
  const incidents = new Map<string, Label>();
  const incidentCase = new Map<string, string>();
  const incCount = new Map<string, number>();
  for (const i of refs.incidents) {
    const n = (incCount.get(i.case_id) ?? 0) + 1;
    incCount.set(i.case_id, n);
    incidents.set(i.id, { id: `kejadian ${n}`, en: `incident ${n}` });
    incidentCase.set(i.id, i.case_id);
  }
  const records = new Map(refs.records.map((r) => [r.id, r]));
  const attachments = new Map(refs.attachments.map((r) => [r.id, r]));
  const referrals = new Map(refs.referrals.map((r) => [r.id, r]));
  const transfers = new Map(refs.transfers.map((r) => [r.id, r]));
  const users = new Map(refs.users.map((r) => [r.id, r.name]));
  const orgs = new Map(refs.orgs.map((r) => [r.id, r.name]));
  const agreements = new Map(refs.agreements.map((r) => [r.id, r.number]));
  const joins = new Map(refs.joinRequests.map((r) => [r.id, r.org_name]));
  const regions = new Map(refs.regions.map((r) => [r.code, r.name]));

  /** "kasus PPA-…" unless it is the case being read */
  const inCase = (caseId: string | null | undefined): Label | null => {
    if (!caseId || caseId === opts.caseId) return null;
    const n = caseNumber.get(caseId);
    return n ? { id: `kasus ${n}`, en: `case ${n}` } : null;
  };
  const named = (kind: Label, name: string | undefined): Label =>
    name ? { id: `${kind.id} ${name}`, en: `${kind.en} ${name}` } : kind;

  return (r: Described): Label | null => {
    const id = r.entity_id;
    const kind = r.entity ? (ENTITY_WORDS[r.entity] ?? { id: r.entity, en: r.entity }) : null;
    const detailCase = caseIdOf(r.detail);
    switch (r.entity) {
      case 'case':
        return id ? inCase(id) : null;
      case 'person':
        return joinLabels([(id && persons.get(id)) || kind, inCase(id ? personCase.get(id) : detailCase)]);
      case 'incident':
        return joinLabels([
          (id && incidents.get(id)) || kind,
          inCase(id ? incidentCase.get(id) : detailCase),
        ]);
      case 'case_record': {
        const rec = id ? records.get(id) : undefined;
        return joinLabels([
          rec ? (RECORD_KIND_WORDS[rec.kind] ?? kind) : kind,
          inCase(rec ? rec.case_id : detailCase),
        ]);
      }
      case 'attachment':
        return joinLabels([kind, inCase(id ? attachments.get(id)?.case_id : detailCase)]);
      case 'referral': {
        const ref = id ? referrals.get(id) : undefined;
        if (!ref) return id ? kind : null;
        return joinLabels([
          {
            id: `rujukan ${ref.number} ke ${ref.to_org_name}`,
            en: `referral ${ref.number} to ${ref.to_org_name}`,
          },
          inCase(ref.case_id),
        ]);
      }
      case 'case_transfer': {
        const t = id ? transfers.get(id) : undefined;
        if (!t) return id ? kind : null;
        return t.case_id === opts.caseId
          ? kind
          : { id: `pelimpahan kasus ${t.case_number}`, en: `transfer of case ${t.case_number}` };
      }
      case 'user':
      case 'app_user':
        return id ? named(kind!, users.get(id)) : null;
      case 'organisation':
        return id ? named(kind!, orgs.get(id)) : null;
      case 'agreement':
        return id ? named(kind!, agreements.get(id)) : null;
      case 'join_request':
        return id ? named(kind!, joins.get(id)) : null;
      case 'region':
        return id ? named(kind!, regions.get(id) ?? id) : null;
      case 'audit':
        return null;
      default:
        return id ? kind : null;
    }
  };
}

type EntryRow = AuditRow & {
  detail: unknown;
  actor_org_id: string | null;
  actor_org_name: string | null;
  actor_org_type: string | null;
};

/** An auditor's row: the codes, and in words who did what to what, how it ended. */
export function auditEntryDto(r: EntryRow, describe: (r: Described) => Label | null): AuditEntryDto {
  return {
    ...auditEventDto(r),
    actor: actorLabel(r),
    actorRoleLabel: roleLabel(r.actor_role),
    actorOrg: r.actor_org_id
      ? { id: r.actor_org_id, name: r.actor_org_name ?? '', type: r.actor_org_type ?? '' }
      : null,
    category: AUDIT_ACTIONS[r.action]?.category ?? null,
    words: auditWords({
      action: r.action,
      outcome: r.outcome,
      detail: r.detail as Record<string, unknown> | null,
    }),
    object: describe(r),
  };
}
