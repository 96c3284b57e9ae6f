/**
 * What the activity form offers the actor: the organisations of its jurisdiction (organiser,
 * partners, schools), its staff who may facilitate (canFacilitatePrevention) and campaigns. A partner organises only its own.
 */
import { listCampaigns, organisationsWithin, usersWithin } from '../../db/prevention.repository.ts';
import type { PreventionOptionsDto } from '../../domain/contract/prevention.ts';
import { PREVENTION_FACILITATOR_ROLES } from '../../domain/policy.ts';
import type { AuthedCtx } from '../context.ts';
import { readScope } from './shared.ts';

export async function preventionOptions(ctx: AuthedCtx): Promise<PreventionOptionsDto> {
  const scope = readScope(ctx, 'prevention_activity.options');
  const db = ctx.conn.db;
  const j = ctx.actor.jurisdiction;
  const [orgs, users, campaigns] = await Promise.all([
    organisationsWithin(db, j),
    usersWithin(db, j, PREVENTION_FACILITATOR_ROLES),
    listCampaigns(db, scope, j),
  ]);
  return {
    jurisdiction: j,
    ownOrgOnly: scope.kind === 'org',
    organisations: orgs.map((o) => ({ id: o.id, name: o.name, type: o.type })),
    users: users
      .filter((u) => scope.kind !== 'org' || u.org_id === scope.orgId)
      .map((u) => ({ id: u.id, name: u.name, orgName: u.org_name })),
    campaigns: campaigns.filter((c) => c.jurisdiction === j).map((c) => ({ id: c.id, name: c.name })),
  };
}
