/** One case in full, as the actor may see it; the read is audited. */

import { caseChildren, caseMembers } from '../../db/case.repository.ts';
import { caseIntakeItems } from '../../db/intake.repository.ts';
import { planItemReferrals } from '../../db/referral.repository.ts';
import { regionNames } from '../../db/region.repository.ts';
import type { CaseDto } from '../../domain/dto.ts';
import { canOnCase, intakeScope } from '../../domain/policy.ts';
import type { ReferralStatus } from '../../domain/referrals.ts';
import { type Stage, TRANSITIONS } from '../../domain/stages.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { loadVisibleCase } from './access.ts';
import { incidentDto, personDto, recordDto } from './mappers.ts';
import { tasksForCases } from './tasks.ts';

/** `db`: an open transaction when the case was just written in it (the answer to opening it). */
/**
 * The whole case as the actor may see it. Audited as `case.read` — except as the answer of a write
 * (`afterWrite`), whose own audit event (case.update, case.transition…) already records who saw
 * the case in that request: one request, one event, not a second read of everything.
 */
export async function getCase(
  ctx: AuthedCtx,
  id: string,
  db: Tx = ctx.conn.db,
  opts: { afterWrite?: boolean } = {},
): Promise<CaseDto> {
  const c = await loadVisibleCase(ctx, db, id, 'case.read');
  // the item(s) the case came from, linked only for those whose inbox holds them
  const inbox = intakeScope(ctx.actor);
  const [children, members, tasks, planReferrals, intake] = await Promise.all([
    caseChildren(db, id),
    caseMembers(db, id),
    tasksForCases(db, [id], ctx.clock()),
    planItemReferrals(db, id),
    inbox === null ? Promise.resolve([]) : caseIntakeItems(db, id, inbox),
  ]);
  const names = await regionNames(db, [
    ...children.persons.map((p) => p.region_code ?? ''),
    ...children.incidents.map((i) => i.region_code ?? ''),
  ]);
  const now = ctx.clock();
  const ref = {
    stage: c.stage as Stage,
    jurisdiction: c.jurisdiction,
    managerId: c.manager_id,
    memberIds: c.memberIds,
  };
  const k = ctx.keys;
  const dto: CaseDto = {
    id: c.id,
    number: c.number,
    stage: c.stage as Stage,
    risk: c.risk,
    caseType: c.case_type,
    channel: c.channel,
    receivedAt: new Date(c.received_at).toISOString(),
    jurisdiction: c.jurisdiction,
    managerId: c.manager_id,
    managerName: c.manager_name,
    victimCount: children.persons.filter((p) => p.role === 'korban').length,
    overdueCount: (tasks.get(id) ?? []).filter((t) => t.overdue).length,
    updatedAt: new Date(c.updated_at).toISOString(),
    version: c.version,
    orgId: c.org_id,
    orgName: c.org_name,
    authority: c.authority,
    summary: k.decrypt(c.summary_enc),
    closureReason: c.closure_reason,
    closedAt: c.closed_at ? new Date(c.closed_at).toISOString() : null,
    reopenCount: c.reopen_count,
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      role: m.role as CaseDto['members'][number]['role'],
    })),
    persons: children.persons.map((p) => personDto(k, p, names, now)),
    relationships: children.relationships.map((r) => ({
      id: r.id,
      victimId: r.victim_id,
      perpetratorId: r.perpetrator_id,
      relationship: r.relationship,
    })),
    incidents: children.incidents.map((i) => incidentDto(k, i, names)),
    records: children.records.map((r) => {
      const dto = recordDto(k, r);
      if (r.kind !== 'plan_item') return dto;
      // an intervention-plan item shows the referrals carrying it out and their state
      const referrals = planReferrals
        .filter((x) => x.plan_item_id === r.id)
        .map((x) => ({
          id: x.id,
          number: x.number,
          status: x.status as ReferralStatus,
          toOrgName: x.to_org_name,
        }));
      return { ...dto, referrals };
    }),
    attachments: children.attachments.map((a) => ({
      id: a.id,
      filename: k.decrypt(a.filename_enc),
      mime: a.mime,
      size: a.size_bytes,
      createdAt: new Date(a.created_at).toISOString(),
      createdByName: a.created_by_name,
    })),
    tasks: tasks.get(id) ?? [],
    intake: intake.map((i) => ({
      id: i.id,
      code: i.code,
      channel: i.channel,
      receivedAt: new Date(i.received_at).toISOString(),
    })),
    allowedTransitions: TRANSITIONS[c.stage as Stage].filter((to) =>
      canOnCase(ctx.actor, 'transition', ref, to),
    ),
    permissions: {
      update: canOnCase(ctx.actor, 'update', ref) && c.stage !== 'terminasi',
      transition: canOnCase(ctx.actor, 'transition', ref),
      assign: canOnCase(ctx.actor, 'assign', ref),
      accessLog: canOnCase(ctx.actor, 'read_access_log', ref),
    },
  };
  if (!opts.afterWrite)
    await audit(ctx, db, { action: 'case.read', entity: 'case', entityId: id, outcome: 'ok' });
  return dto;
}
