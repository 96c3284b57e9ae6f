/**
 * What the prevention use cases share (decision 029): the actor's read scope, the checks on the
 * places, organisations, people and campaign an activity names, and the activity as a page sees it.
 */
import {
  type ActivityRow,
  activityFacilitators,
  activityFollowups,
  activityPartners,
  findCampaign,
  organisationsById,
  type ReadScope,
  regionsByCode,
  usersById,
} from '../../db/prevention.repository.ts';
import type { CoordFileDto } from '../../domain/contract/coord-files.ts';
import type { ActivityDto } from '../../domain/contract/prevention.ts';
import { AppError } from '../../domain/errors.ts';
import {
  type Actor,
  canFacilitatePrevention,
  canReportPreventionActivity,
  canReviewPreventionReport,
  coordinationScope,
  isWithin,
} from '../../domain/policy.ts';
import {
  type ActivityInput,
  countsInCoverage,
  localInput,
  type Participants,
  participantTotal,
  schoolOf,
} from '../../domain/prevention.ts';
import type { ActivityStatus, ReviewState } from '../../domain/prevention-codes.ts';
import { ZONE_ABBR, zoneOfRegion } from '../../domain/time.ts';
import type { AuthedCtx, Tx } from '../context.ts';

/** The actor's read scope, or 403 for roles without coordination work. */
export function readScope(ctx: AuthedCtx, action: string): ReadScope {
  const scope = coordinationScope(ctx.actor);
  if (scope.kind === 'none')
    throw new AppError('FORBIDDEN', undefined, {
      action,
      entity: 'prevention_activity',
      entityId: null,
      outcome: 'denied',
    });
  return scope;
}

export function notFound(action: string, entity: string, id: string): AppError {
  return new AppError('NOT_FOUND', undefined, { action, entity, entityId: id, outcome: 'not_found' });
}

/** An organisation may take part in a record of `jurisdiction`: one working within it, or its province's. */
export function orgFits(orgJurisdiction: string, jurisdiction: string): boolean {
  return isWithin(orgJurisdiction, jurisdiction) || jurisdiction.startsWith(`${orgJurisdiction}.`);
}

/** The desa/kelurahan of an activity: known, a desa, inside the jurisdiction (field codes otherwise). */
export async function checkDesa(db: Tx, code: string, jurisdiction: string, field = 'regionCode') {
  const [r] = await regionsByCode(db, [code]);
  if (!r) throw new AppError('VALIDATION_FAILED', { [field]: 'unknown_region' });
  if (!isWithin(code, jurisdiction))
    throw new AppError('VALIDATION_FAILED', { [field]: 'out_of_jurisdiction' });
  if (r.level !== 4) throw new AppError('VALIDATION_FAILED', { [field]: 'not_a_desa' });
}

/** The organisations and people an activity names, checked against its jurisdiction. */
export async function checkReferences(
  ctx: AuthedCtx,
  db: Tx,
  jurisdiction: string,
  input: Partial<Pick<ActivityInput, 'campaignId' | 'schoolOrgId' | 'partnerOrgIds' | 'facilitators'>> & {
    organiserOrgId?: string | null | undefined;
  },
) {
  const orgIds = [
    ...(input.organiserOrgId ? [input.organiserOrgId] : []),
    ...(input.schoolOrgId ? [input.schoolOrgId] : []),
    ...(input.partnerOrgIds ?? []),
  ];
  const orgs = new Map((await organisationsById(db, orgIds)).map((o) => [o.id, o]));
  const fits = (id: string) => {
    const o = orgs.get(id);
    return o?.active === true && orgFits(o.jurisdiction, jurisdiction);
  };
  if (input.organiserOrgId && !fits(input.organiserOrgId))
    throw new AppError('VALIDATION_FAILED', { organiserOrgId: 'unknown_organisation' });
  if (input.schoolOrgId) {
    if (!fits(input.schoolOrgId))
      throw new AppError('VALIDATION_FAILED', { schoolOrgId: 'unknown_organisation' });
    if (orgs.get(input.schoolOrgId)!.type !== 'sekolah')
      throw new AppError('VALIDATION_FAILED', { schoolOrgId: 'not_a_school' });
  }
  (input.partnerOrgIds ?? []).forEach((id, i) => {
    if (!fits(id))
      throw new AppError('VALIDATION_FAILED', { [`partnerOrgIds.${i}`]: 'unknown_organisation' });
  });
  if (input.campaignId) {
    const c = await findCampaign(
      db,
      { kind: 'region', within: jurisdiction },
      jurisdiction,
      input.campaignId,
    );
    if (c?.jurisdiction !== jurisdiction)
      throw new AppError('VALIDATION_FAILED', { campaignId: 'unknown_campaign' });
  }
  const facilitators = input.facilitators;
  if (!facilitators) return undefined;
  const users = new Map(
    (
      await usersById(
        db,
        facilitators.flatMap((f) => ('userId' in f ? [f.userId] : [])),
      )
    ).map((u) => [u.id, u]),
  );
  return facilitators.map((f, i) => {
    if ('userId' in f) {
      const u = users.get(f.userId);
      if (!u || u.disabled || !orgFits(u.jurisdiction, jurisdiction))
        throw new AppError('VALIDATION_FAILED', { [`facilitators.${i}.userId`]: 'unknown_user' });
      if (!canFacilitatePrevention(u))
        throw new AppError('VALIDATION_FAILED', { [`facilitators.${i}.userId`]: 'not_a_facilitator' });
      return { userId: f.userId, nameEnc: null };
    }
    return { userId: null, nameEnc: ctx.keys.encrypt(f.name) };
  });
}

const num = (v: unknown) => Number(v ?? 0);

function schoolDto(a: ActivityRow) {
  const s = schoolOf({
    setting: a.setting,
    schoolOrgId: a.school_org_id,
    schoolOrgName: a.school_name,
    placeName: a.place_name,
  });
  return s ? { orgId: s.orgId, name: s.name } : null;
}

function participantsOf(a: ActivityRow): Participants | null {
  if (
    a.children_male === null &&
    a.children_female === null &&
    a.adults_male === null &&
    a.adults_female === null
  )
    return null;
  return {
    childrenMale: a.children_male ?? 0,
    childrenFemale: a.children_female ?? 0,
    adultsMale: a.adults_male ?? 0,
    adultsFemale: a.adults_female ?? 0,
  };
}

export function rights(
  actor: Actor,
  a: { jurisdiction: string; organiser_org_id: string; status: string; review: string | null },
) {
  const reporter = canReportPreventionActivity(actor, {
    jurisdiction: a.jurisdiction,
    organiserOrgId: a.organiser_org_id,
  });
  const manager = canReviewPreventionReport(actor, a);
  // a cancelled activity is closed; a partner's report awaiting or accepted is the Dinas's to change
  const canEdit =
    reporter &&
    a.status !== 'dibatalkan' &&
    (manager || !(a.status === 'dilaporkan' && (a.review === 'menunggu' || a.review === 'diterima')));
  return { canEdit, canReview: manager && a.status === 'dilaporkan' && a.review === 'menunggu' };
}

/** The activities as a page sees them; `detail` adds facilitator names (decrypted) and files. */
export async function activityDtos(
  ctx: AuthedCtx,
  db: Tx,
  rows: readonly ActivityRow[],
  detail?: { files: CoordFileDto[] },
): Promise<ActivityDto[]> {
  const ids = rows.map((r) => r.id);
  const [partners, followups] = await Promise.all([activityPartners(db, ids), activityFollowups(db, ids)]);
  const facilitators =
    detail && rows[0]
      ? (await activityFacilitators(db, rows[0].id)).map((f) => ({
          userId: f.user_id,
          name: f.user_id ? (f.user_name ?? '') : ctx.keys.decrypt(f.name_enc!),
        }))
      : null;
  const now = ctx.clock().getTime();
  return rows.map((a) => {
    const p = participantsOf(a);
    const state = { status: a.status as ActivityStatus, review: a.review as ReviewState | null };
    const startsAt = new Date(a.starts_at);
    const endsAt = new Date(a.ends_at);
    return {
      id: a.id,
      jurisdiction: a.jurisdiction,
      campaign: a.campaign_id ? { id: a.campaign_id, name: a.campaign_name ?? '' } : null,
      title: a.title,
      kind: a.kind,
      kindOther: a.kind_other,
      field: a.field,
      setting: a.setting,
      targetGroups: a.target_groups,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      startsLocal: localInput(startsAt, a.jurisdiction),
      endsLocal: localInput(endsAt, a.jurisdiction),
      zone: ZONE_ABBR[zoneOfRegion(a.jurisdiction)],
      place: { code: a.region_code, name: a.desa_name, district: a.kec_name ?? '' },
      rtRw: a.rt_rw,
      placeName: a.place_name,
      school: schoolDto(a),
      organiser: { id: a.organiser_org_id, name: a.organiser_name },
      partners: partners.filter((x) => x.activity_id === a.id).map((x) => ({ id: x.id, name: x.name })),
      facilitators: detail ? facilitators : null,
      facilitatorCount: num(a.facilitator_count),
      description: a.description,
      status: state.status,
      cancelReason: a.cancel_reason,
      review: state.review,
      reviewNote: a.review_note,
      reportNotes: a.report_notes,
      participants: p,
      participantTotal: p ? participantTotal(p) : 0,
      followups: followups
        .filter((x) => x.activity_id === a.id)
        .map((x) => ({ id: x.id, text: x.text, status: x.status })),
      files: detail ? detail.files : null,
      started: startsAt.getTime() <= now,
      counted: countsInCoverage(state),
      ...rights(ctx.actor, a),
      version: a.version,
      updatedAt: new Date(a.updated_at).toISOString(),
    };
  });
}
