/**
 * A case's access log for its case manager: who saw this person's data — case staff and the
 * partners who read what a referral shared — grouped by person and local day (the case region's
 * zone), each saying in words what was seen, how often, first and last time. Paged by person-day,
 * so a busy case never loads its whole log.
 */

import {
  type AccessItemRow,
  caseAccessGroups,
  caseAccessItems,
  caseAccessPeople,
} from '../../db/audit-read.repository.ts';
import type { AccessLogQuery } from '../../domain/audit-schemas.ts';
import { AUDIT_ACTIONS, auditWords, unattributedActor } from '../../domain/audit-words.ts';
import { pageOf } from '../../domain/contract/define.ts';
import type { AccessGroupDto, AccessLogDto, AccessPersonDto } from '../../domain/dto.ts';
import { ZONE_ABBR, zoneOffsetHours, zoneOfRegion } from '../../domain/time.ts';
import { describeObjects, orgTypeLabel, roleLabel } from '../audit-dto.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { loadVisibleCase, requireOnCase } from './access.ts';

const SERVICE_ORG_TYPES = ['uptd_ppa', 'dinas_pppa'];
/** At most this many lines (action × record × outcome) for one page of person-days. */
const ITEM_LIMIT = 2000;

const iso = (d: unknown) => new Date(d as string).toISOString();

export async function getAccessLog(ctx: AuthedCtx, caseId: string, q: AccessLogQuery): Promise<AccessLogDto> {
  const db = ctx.conn.db;
  const c = await loadVisibleCase(ctx, db, caseId, 'case.access_log');
  requireOnCase(ctx, c, 'read_access_log', 'case.access_log');
  const zone = zoneOfRegion(c.jurisdiction);
  const offset = zoneOffsetHours(c.jurisdiction);

  const peopleRows = await caseAccessPeople(db, caseId);
  const people: AccessPersonDto[] = peopleRows.map((p) => ({
    id: p.id,
    name: p.name,
    role: p.role,
    roleLabel: roleLabel(p.role),
    org: { id: p.org_id, name: p.org_name, typeLabel: orgTypeLabel(p.org_type) },
    partner: !SERVICE_ORG_TYPES.includes(p.org_type),
    otherRegion: SERVICE_ORG_TYPES.includes(p.org_type) && p.org_jurisdiction !== c.jurisdiction,
  }));
  const person = new Map(people.map((p) => [p.id, p]));

  const { rows: groupRows, ...count } = await caseAccessGroups(
    db,
    caseId,
    offset,
    q.actorId,
    q.page,
    q.pageSize,
  );
  let items: AccessItemRow[] = [];
  if (groupRows.length > 0) {
    const from = new Date(Math.min(...groupRows.map((g) => new Date(g.first_at).getTime())));
    const to = new Date(Math.max(...groupRows.map((g) => new Date(g.last_at).getTime())));
    const actorIds = [...new Set(groupRows.flatMap((g) => (g.actor_id ? [g.actor_id] : [])))];
    const unattributed = groupRows.some((g) => g.actor_id === null);
    items = await caseAccessItems(db, caseId, offset, actorIds, unattributed, from, to, ITEM_LIMIT);
  }
  const describe = await describeObjects(db, items, { keys: ctx.keys, caseId, root: null });

  const key = (actorId: string | null, day: string) => `${actorId ?? '-'}:${day}`;
  const byGroup = new Map<string, AccessItemRow[]>();
  for (const it of items) {
    const k = key(it.actor_id, it.day);
    byGroup.set(k, [...(byGroup.get(k) ?? []), it]);
  }

  const groups: AccessGroupDto[] = groupRows.map((g) => {
    const id = key(g.actor_id, g.day);
    const lines = byGroup.get(id) ?? [];
    const p = g.actor_id ? person.get(g.actor_id) : undefined;
    const first = lines[0];
    const name = p
      ? { id: p.name, en: p.name }
      : g.actor_id
        ? { id: '—', en: '—' }
        : unattributedActor(
            lines.every((l) => AUDIT_ACTIONS[l.action]?.category === 'sistem') && first
              ? first.action
              : 'auth.login',
            first?.user_agent ?? null,
          );
    return {
      id,
      day: g.day,
      actor: {
        id: g.actor_id,
        name,
        role: g.actor_role ?? p?.role ?? null,
        roleLabel: roleLabel(g.actor_role ?? p?.role ?? null),
        org: p ? p.org : null,
        partner: p?.partner ?? false,
        otherRegion: p?.otherRegion ?? false,
      },
      count: Number(g.n),
      firstAt: iso(g.first_at),
      lastAt: iso(g.last_at),
      items: lines.map((l, i) => ({
        id: `${id}:${i}`,
        action: l.action,
        outcome: l.outcome,
        words: auditWords({
          action: l.action,
          outcome: l.outcome,
          detail: { side: l.side, sections: l.sections },
        }),
        object: describe(l),
        count: Number(l.n),
        firstAt: iso(l.first_at),
        lastAt: iso(l.last_at),
      })),
    };
  });

  await audit(ctx, db, { action: 'case.access_log', entity: 'case', entityId: caseId, outcome: 'ok' });
  return {
    ...pageOf(groups, q.page, q.pageSize, count),
    caseId,
    zone,
    zoneAbbr: ZONE_ABBR[zone],
    people,
  };
}
