/**
 * Aggregates of prevention and coordination for the periodic report's section "Pencegahan dan
 * koordinasi" and the leadership's home card (decision 037 notes; issue 12 review M3). Every query
 * takes a region root (`within`: a kab/kota, or a province and all its kab/kota) that the use case
 * has already checked against the actor's coordination scope, and answers counts, organisation
 * names and public texts only — never a person.
 */
import { sql } from 'kysely';
import type { Tx } from './connect.ts';

function within(col: string, root: string) {
  return sql<boolean>`(${sql.ref(col)} = ${root} OR ${sql.ref(col)} LIKE ${`${root}.%`})`;
}

/** How many desa/kelurahan lie within a region (any level above the desa). */
export async function desaCount(db: Tx, region: string): Promise<number> {
  const r = await db
    .selectFrom('region')
    .select(sql<string>`count(*)`.as('n'))
    .where('level', '=', 4)
    .where(within('code', region))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Campaigns of jurisdictions within `root` whose dates meet [from, to], with their target desa within `area`. */
export async function campaignsMeeting(db: Tx, root: string, area: string, from: string, to: string) {
  const rows = await db
    .selectFrom('prevention_campaign as c')
    .select(['c.id', 'c.name', 'c.starts_on', 'c.ends_on', 'c.target_desa', 'c.target_activities'])
    .where(within('c.jurisdiction', root))
    .where('c.starts_on', '<=', to)
    .where('c.ends_on', '>=', from)
    .orderBy('c.starts_on')
    .orderBy('c.name')
    .limit(20)
    .execute();
  if (rows.length === 0) return [];
  const desa = await db
    .selectFrom('prevention_campaign_desa as t')
    .select(['t.campaign_id', 't.region_code'])
    .where(
      't.campaign_id',
      'in',
      rows.map((r) => r.id),
    )
    .where(within('t.region_code', area))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    startsOn: String(r.starts_on).slice(0, 10),
    endsOn: String(r.ends_on).slice(0, 10),
    targetDesa: r.target_desa,
    targetActivities: r.target_activities,
    targetDesaCodes: desa.filter((d) => d.campaign_id === r.id).map((d) => d.region_code),
  }));
}

/** Counted prevention activities (reported; a partner's accepted) per campaign in [start, end). */
export async function countedByCampaign(db: Tx, root: string, area: string, start: Date, end: Date) {
  const rows = await db
    .selectFrom('prevention_activity as a')
    .select(['a.campaign_id', 'a.region_code'])
    .where(within('a.region_code', area))
    .where(within('a.jurisdiction', root))
    .where('a.status', '=', 'dilaporkan')
    .where((eb) => eb.or([eb('a.review', 'is', null), eb('a.review', '=', 'diterima')]))
    .where('a.starts_at', '>=', start)
    .where('a.starts_at', '<', end)
    .where('a.campaign_id', 'is not', null)
    .execute();
  return rows as Array<{ campaign_id: string; region_code: string }>;
}

/** Meetings held (status "selesai") that started in [start, end). */
export async function meetingsHeld(db: Tx, root: string, start: Date, end: Date): Promise<number> {
  const r = await db
    .selectFrom('meeting')
    .select(sql<string>`count(*)`.as('n'))
    .where(within('meeting.jurisdiction', root))
    .where('meeting.status', '=', 'selesai')
    .where('meeting.starts_at', '>=', start)
    .where('meeting.starts_at', '<', end)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Follow-up actions by status, today (all periods). */
export async function followupsByStatus(db: Tx, root: string) {
  const rows = await db
    .selectFrom('followup')
    .select(['followup.status', sql<string>`count(*)`.as('n')])
    .where(within('followup.jurisdiction', root))
    .groupBy('followup.status')
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/**
 * Open follow-ups past their due date on local day `today`, the most overdue first: the decision's
 * text, the owner organisation and the due date (never the owner person). `limit` rows and the count.
 */
export async function overdueFollowups(db: Tx, root: string, today: string, limit: number) {
  const base = db
    .selectFrom('followup')
    .where(within('followup.jurisdiction', root))
    .where('followup.status', 'in', ['belum', 'berjalan'])
    .where('followup.due_on', '<', today);
  const [rows, count] = await Promise.all([
    base
      .innerJoin('meeting_decision as d', 'd.id', 'followup.decision_id')
      .innerJoin('organisation as o', 'o.id', 'followup.owner_org_id')
      .select(['followup.action', 'd.body as decision', 'o.name as owner', 'followup.due_on'])
      .orderBy('followup.due_on')
      .orderBy('followup.id')
      .limit(limit)
      .execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    count: Number(count.n),
    rows: rows.map((r) => ({
      action: r.action,
      decision: r.decision,
      owner: r.owner,
      dueOn: String(r.due_on).slice(0, 10),
    })),
  };
}

/** Training events that began in [from, to] (local dates, none after `today`) and the participants who completed them. */
export async function trainingsHeld(db: Tx, root: string, from: string, to: string) {
  const r = await db
    .selectFrom('training_event as e')
    .select([
      sql<string>`count(*)`.as('events'),
      sql<string>`coalesce(sum((SELECT count(*) FROM training_attendance t WHERE t.event_id = e.id AND t.completed)), 0)`.as(
        'completed',
      ),
    ])
    .where(within('e.jurisdiction', root))
    .where('e.starts_on', '>=', from)
    .where('e.starts_on', '<=', to)
    .executeTakeFirstOrThrow();
  return { events: Number(r.events), completed: Number(r.completed) };
}

/** Regulations in force whose review date is on or before `until` (passed ones included), soonest first. */
export async function regulationsForReview(db: Tx, root: string, until: string, limit: number) {
  const rows = await db
    .selectFrom('regulation')
    .select(['kind', 'number', 'title', 'review_on'])
    .where(within('regulation.jurisdiction', root))
    .where('status', '=', 'berlaku')
    .where('review_on', 'is not', null)
    .where('review_on', '<=', until)
    .orderBy('review_on')
    .orderBy('number')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    number: r.number,
    title: r.title,
    reviewOn: String(r.review_on).slice(0, 10),
  }));
}

/** RAD plans within the region that cover `year`. */
export function radPlansOfYear(db: Tx, root: string, year: number) {
  return db
    .selectFrom('rad_plan as p')
    .select(['p.id', 'p.jurisdiction', 'p.title', 'p.start_year', 'p.end_year'])
    .where(within('p.jurisdiction', root))
    .where('p.start_year', '<=', year)
    .where('p.end_year', '>=', year)
    .orderBy('p.jurisdiction')
    .limit(100)
    .execute();
}
