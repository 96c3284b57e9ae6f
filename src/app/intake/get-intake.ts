/** The inbox and one item in full (decrypted for the officer, audited), with possible existing cases. */
import { holidayDates } from '../../db/holiday.repository.ts';
import {
  duplicateCandidates,
  findScopedIntake,
  intakeHistory,
  intakeMessages,
  listInbox,
  openIntakeFacts,
  publicReportWindows,
} from '../../db/intake.repository.ts';
import { listAssignableStaff } from '../../db/user.repository.ts';
import { type List, pageOf } from '../../domain/contract/define.ts';
import type { InboxCountsDto, IntakeSummaryDto } from '../../domain/contract/intake.ts';
import { AppError } from '../../domain/errors.ts';
import { intakeDeadline, type RegionalFlood, regionalFlood } from '../../domain/intake.ts';
import { intakeScope } from '../../domain/policy.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { intakeSummary } from './shared.ts';

function requireInbox(ctx: AuthedCtx): string {
  const j = intakeScope(ctx.actor);
  if (j === null) throw new AppError('FORBIDDEN');
  return j;
}

/** A flood of public reports into the inbox now (one banner), or null. */
export async function inboxFlood(ctx: AuthedCtx, jurisdiction: string): Promise<RegionalFlood | null> {
  const now = ctx.clock();
  const minute = 60_000;
  const since = new Date((Math.floor(now.getTime() / minute) - 119) * minute);
  return regionalFlood(await publicReportWindows(ctx.conn.db, jurisdiction, since), now);
}

export async function listIntake(
  ctx: AuthedCtx,
  q: {
    status: 'terbuka' | 'selesai' | 'semua';
    channel?: string | undefined;
    spam?: '1' | '0' | undefined;
    page: number;
    pageSize: number;
  },
): Promise<List<IntakeSummaryDto> & { flood: RegionalFlood | null }> {
  const j = requireInbox(ctx);
  const open = q.status === 'terbuka' ? true : q.status === 'selesai' ? false : null;
  const { rows, ...count } = await listInbox(
    ctx.conn.db,
    j,
    { open, channel: q.channel, spam: q.spam === undefined ? undefined : q.spam === '1' },
    q.page,
    q.pageSize,
  );
  const now = ctx.clock();
  // the audit row, the holidays and the flood signal in one round trip: the answer waits for all
  // three, so no list is shown whose reading was not recorded
  const [, holidays, flood] = await Promise.all([
    audit(ctx, ctx.conn.db, {
      action: 'intake.list',
      entity: 'intake',
      entityId: null,
      outcome: 'ok',
      detail: { returned: rows.map((r) => r.id) },
    }),
    holidayDates(ctx.conn.db),
    inboxFlood(ctx, j),
  ]);
  return {
    ...pageOf(
      rows.map((r) => intakeSummary(r, now, holidays)),
      q.page,
      q.pageSize,
      count,
    ),
    flood,
  };
}

/** Loads an item of the actor's inbox or answers 404 (recorded in the audit log). */
export async function loadIntake(ctx: AuthedCtx, id: string, action: string, db: Tx = ctx.conn.db) {
  // like cases: a record outside the actor's scope (or a role with no inbox) is simply not there
  const j = intakeScope(ctx.actor);
  const row = j === null ? undefined : await findScopedIntake(db, j, id);
  if (!row)
    throw new AppError('NOT_FOUND', undefined, {
      action,
      entity: 'intake',
      entityId: id,
      outcome: 'not_found',
    });
  return row;
}

/** `db`: an open transaction when the item was just written in it (the answer to recording it). */
export async function getIntake(ctx: AuthedCtx, id: string, db: Tx = ctx.conn.db) {
  const row = await loadIntake(ctx, id, 'intake.read', db);
  const k = ctx.keys;
  const [history, messages] = await Promise.all([intakeHistory(db, id), intakeMessages(db, id)]);
  const victimName = k.decrypt(row.victim_name_enc);
  const q = victimName ? k.nameQuery(victimName) : { exact: [], phonetic: [] };
  const candidates = await duplicateCandidates(db, row.jurisdiction, {
    nikHash: row.victim_nik_hash,
    phoneHashes: [row.victim_phone_hash, row.contact_phone_hash].filter((x): x is string => Boolean(x)),
    nameExact: q.exact,
    namePhonetic: q.phonetic,
    birthDate: row.victim_birth_date,
    regionPrefix: row.region_code ? row.region_code.split('.').slice(0, 3).join('.') : null,
  });
  await audit(ctx, db, { action: 'intake.read', entity: 'intake', entityId: id, outcome: 'ok' });
  const byCase = new Map<
    string,
    { caseId: string; number: string; stage: string; reasons: Set<string>; personName: string }
  >();
  for (const c of candidates) {
    const reasons = new Set<string>();
    if (row.victim_nik_hash && c.nik_hash === row.victim_nik_hash) reasons.add('nik');
    if (c.phone_hash && (c.phone_hash === row.victim_phone_hash || c.phone_hash === row.contact_phone_hash))
      reasons.add('telepon');
    if (q.exact.length && q.exact.every((t) => c.name_tokens.includes(t))) reasons.add('nama');
    else if (q.phonetic.length && q.phonetic.every((t) => c.name_tokens.includes(t)))
      reasons.add('nama_mirip');
    if (row.victim_birth_date && c.birth_date === row.victim_birth_date) reasons.add('tanggal_lahir_wilayah');
    const e = byCase.get(c.case_id) ?? {
      caseId: c.case_id,
      number: c.number,
      stage: c.stage,
      reasons: new Set<string>(),
      personName: k.decrypt(c.name_enc),
    };
    for (const r of reasons) e.reasons.add(r);
    byCase.set(c.case_id, e);
  }
  return {
    ...intakeSummary(row, ctx.clock(), await holidayDates(db)),
    receivedByName: row.received_by_name,
    caseNumber: row.case_number,
    caseStage: row.case_stage,
    reporterType: row.reporter_type,
    reporterName: k.decrypt(row.reporter_name_enc),
    reporterRelation: row.reporter_relation,
    contactMethod: row.contact_method,
    contactPhone: k.decrypt(row.contact_phone_enc),
    safeTimes: k.decrypt(row.contact_safe_times_enc),
    consentContact: row.consent_contact,
    victimName,
    victimNik: k.decrypt(row.victim_nik_enc),
    victimPhone: k.decrypt(row.victim_phone_enc),
    victimBirthDate: row.victim_birth_date,
    description: k.decrypt(row.description_enc),
    placeText: k.decrypt(row.place_enc),
    occurredOn: row.occurred_on,
    occurredWhen: row.occurred_when,
    closedReason: row.closed_reason,
    reporterCanRead: Boolean(row.secret_hash),
    history: history.map((h) => ({
      at: new Date(h.at).toISOString(),
      type: h.type,
      actorName: h.actor_name,
      data: h.data,
    })),
    messages: messages.map((m) => ({
      id: m.id,
      at: new Date(m.at).toISOString(),
      author: m.author,
      authorName: m.author_name,
      body: k.decrypt(m.body_enc),
      seenAt: m.seen_at ? new Date(m.seen_at).toISOString() : null,
    })),
    possibleDuplicates: [...byCase.values()]
      .filter((d) => d.reasons.size > 0)
      .map((d) => ({
        caseId: d.caseId,
        number: d.number,
        stage: d.stage,
        personName: d.personName,
        reasons: [...d.reasons],
      })),
  };
}

/** Officers who may be given an inbox item: intake officers and case managers of the inbox. */
export async function inboxOfficers(ctx: AuthedCtx) {
  return listAssignableStaff(ctx.conn.db, requireInbox(ctx), ['pengaduan', 'manajer']);
}

/** How many items of the inbox are open, and how many of those are past their response deadline. */
export type InboxCounts = InboxCountsDto;

export async function inboxCounts(ctx: AuthedCtx): Promise<InboxCounts> {
  const rows = await openIntakeFacts(ctx.conn.db, requireInbox(ctx));
  const holidays = await holidayDates(ctx.conn.db);
  const now = ctx.clock().getTime();
  const due = (r: (typeof rows)[number]) =>
    intakeDeadline({
      receivedAt: new Date(r.received_at),
      risk: r.risk,
      dangerNow: r.danger_now,
      jurisdiction: r.jurisdiction,
      holidays,
    });
  const overdue = rows.filter((r) => due(r).getTime() < now).length;
  const dangerNow = rows
    .filter((r) => r.danger_now && r.status === 'baru')
    .sort((a, b) => new Date(a.received_at).getTime() - new Date(b.received_at).getTime())
    .slice(0, 10)
    .map((r) => ({
      id: r.id,
      code: r.code,
      receivedAt: new Date(r.received_at).toISOString(),
      dueAt: due(r).toISOString(),
      overdue: due(r).getTime() < now,
    }));
  return { open: rows.length, overdue, dangerNow };
}
