/**
 * Cooperation agreements (MoU, PKS, naskah kerja sama) of a Dinas with one or more partner
 * organisations (decision 033): recorded and changed by the Dinas administrators of the
 * jurisdiction (admin: everywhere); read by them, by Dinas staff and leadership of the
 * jurisdiction (`coord:read`; a province reads its kab/kota's), and by the staff of every
 * organisation that is a party.
 */

import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import {
  type AgreementRow,
  agreementDocument,
  agreementParties,
  dinasOrgOf,
  getAgreement,
  insertAgreement,
  listAgreements as listAgreementRows,
  meetingOfJurisdiction,
  organisationsById,
  replaceAgreementParties,
  updateAgreementRow,
} from '../../db/directory.repository.ts';
import type { AgreementTable } from '../../db/schema.ts';
import {
  type AgreementInput,
  type AgreementPartiesInput,
  type AgreementPartyRole,
  type AgreementUpdate,
  agreementStatus,
  daysBetween,
  firstFreePosition,
  isPdf,
  localDate,
  MAX_AGREEMENT_DOCUMENT_BYTES,
} from '../../domain/directory.ts';
import type { AgreementDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import { agreementScope, canManageAgreement, isWithin } from '../../domain/policy.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';

type PartyRow = Awaited<ReturnType<typeof agreementParties>>[number];

export function agreementDto(
  a: AgreementRow,
  parties: readonly PartyRow[],
  today: string,
  canManage: boolean,
  showMeeting: boolean,
): AgreementDto {
  const span = { startsOn: a.starts_on, endsOn: a.ends_on };
  return {
    id: a.id,
    orgId: a.org_id,
    orgName: a.org_name,
    jurisdiction: a.jurisdiction,
    kind: a.kind as AgreementDto['kind'],
    number: a.number,
    parties: a.parties,
    partyOrgs: parties
      .filter((p) => p.agreement_id === a.id)
      .map((p) => ({
        orgId: p.org_id,
        orgName: p.org_name,
        orgType: p.org_type,
        role: p.role as AgreementPartyRole,
      })),
    canManage,
    meetingId: a.meeting_id,
    // partners are not told what a meeting they may not have been invited to was called
    meeting:
      showMeeting && a.meeting_id && a.meeting_title && a.meeting_starts_at
        ? { title: a.meeting_title, startsAt: new Date(a.meeting_starts_at).toISOString() }
        : null,
    subject: a.subject,
    startsOn: a.starts_on,
    endsOn: a.ends_on,
    status: agreementStatus(span, today),
    daysLeft: daysBetween(today, a.ends_on),
    documentName: a.document_name,
    version: a.version,
    updatedAt: new Date(a.updated_at).toISOString(),
  };
}

const todayOf = (ctx: AuthedCtx) => localDate(ctx.clock(), ctx.actor.jurisdiction);

function readScope(ctx: AuthedCtx) {
  const scope = agreementScope(ctx.actor);
  if (scope.kind === 'none') throw new AppError('FORBIDDEN');
  return scope;
}

export async function listAgreements(ctx: AuthedCtx, orgId?: string): Promise<AgreementDto[]> {
  const scope = readScope(ctx);
  const today = todayOf(ctx);
  const rows = await listAgreementRows(ctx.conn.db, scope, orgId);
  const parties = await agreementParties(
    ctx.conn.db,
    rows.map((a) => a.id),
  );
  const region = scope.kind === 'region';
  return rows.map((a) =>
    agreementDto(a, parties, today, canManageAgreement(ctx.actor, a.jurisdiction), region),
  );
}

async function load(ctx: AuthedCtx, db: Tx, id: string, manage: boolean) {
  const a = await getAgreement(db, readScope(ctx), id);
  if (!a)
    throw new AppError('NOT_FOUND', undefined, {
      action: 'agreement.read',
      entity: 'agreement',
      entityId: id,
      outcome: 'not_found',
    });
  // a party's staff read it; changing it is the Dinas administrators' (FORBIDDEN, existence known)
  if (manage && !canManageAgreement(ctx.actor, a.jurisdiction)) throw new AppError('FORBIDDEN');
  return a;
}

export async function getAgreementById(
  ctx: AuthedCtx,
  id: string,
  db: Tx = ctx.conn.db,
): Promise<AgreementDto> {
  const a = await load(ctx, db, id, false);
  const parties = await agreementParties(db, [a.id]);
  const region = agreementScope(ctx.actor).kind === 'region';
  return agreementDto(a, parties, todayOf(ctx), canManageAgreement(ctx.actor, a.jurisdiction), region);
}

/**
 * The organisations that may be parties to an agreement of `jurisdiction`: active ones of that
 * kab/kota (or within it) or of its province (a Polda, a provincial office). Another kab/kota's
 * organisation is unknown here (`unknown_organisation` on its field).
 */
async function checkParties(
  db: Tx,
  jurisdiction: string,
  parties: ReadonlyArray<{ orgId: string; field: string }>,
  already: ReadonlySet<string> = new Set(),
): Promise<Map<string, { name: string }>> {
  const found = new Map(
    (
      await organisationsById(
        db,
        parties.map((p) => p.orgId),
      )
    ).map((o) => [o.id, o]),
  );
  const province = jurisdiction.split('.')[0]!;
  const problems: Record<string, string> = {};
  for (const p of parties) {
    const o = found.get(p.orgId);
    const fits =
      o &&
      (o.active || already.has(o.id)) &&
      (isWithin(o.jurisdiction, jurisdiction) || o.jurisdiction === province);
    if (!fits) problems[p.field] = 'unknown_organisation';
  }
  if (Object.keys(problems).length > 0) throw new AppError('VALIDATION_FAILED', problems);
  return found;
}

/** A meeting given as the one that decided the agreement: of the agreement's own jurisdiction. */
async function checkMeeting(db: Tx, meetingId: string | null | undefined, jurisdiction: string) {
  if (!meetingId) return;
  if (!(await meetingOfJurisdiction(db, meetingId, jurisdiction)))
    throw new AppError('VALIDATION_FAILED', { meetingId: 'unknown_meeting' });
}

/** "A, B dan C" */
function namesInText(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} dan ${names.at(-1)}`;
}

/**
 * Records an agreement with its parties. With an Idempotency-Key the same request again creates
 * nothing and answers the first agreement (if the actor may still see it).
 */
export async function createAgreement(
  ctx: AuthedCtx,
  input: AgreementInput,
  key?: IdempotencyKey,
): Promise<AgreementDto> {
  const scope = readScope(ctx);
  // only the Dinas administrators record agreements (admin: scope '', every jurisdiction)
  if (scope.kind !== 'region' || !canManageAgreement(ctx.actor, scope.within))
    throw new AppError('FORBIDDEN');
  const db = ctx.conn.db;
  const lead = (await organisationsById(db, [input.orgId]))[0];
  const root = scope.within;
  if (!lead?.active || (root !== '' && !isWithin(lead.jurisdiction, root)))
    throw new AppError('VALIDATION_FAILED', { orgId: 'unknown_organisation' });
  // the Dinas that signs: the administrator's own jurisdiction, or the organisation's for admin
  const jurisdiction = root === '' ? lead.jurisdiction : root;
  const now = ctx.clock();
  return db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async (a) => void (await load(ctx, trx, a.id, false)),
        audit: (a) => ({ action: 'agreement.create', entity: 'agreement', entityId: a.id }),
      },
      async () => {
        let parties: Array<{ orgId: string; role: string }>;
        if (input.partyOrgs) {
          parties = [...input.partyOrgs];
          // the partner recorded with: Pihak Kedua, or the first position still free
          if (!parties.some((p) => p.orgId === lead.id))
            parties.push({ orgId: lead.id, role: firstFreePosition(parties) });
        } else {
          const dinas = await dinasOrgOf(trx, jurisdiction);
          parties = [
            ...(dinas && dinas !== lead.id ? [{ orgId: dinas, role: 'pihak_pertama' }] : []),
            { orgId: lead.id, role: 'pihak_kedua' },
          ];
        }
        const orgs = await checkParties(
          trx,
          jurisdiction,
          parties.map((p, i) => ({ orgId: p.orgId, field: `partyOrgs.${i}.orgId` })),
        );
        await checkMeeting(trx, input.meetingId, jurisdiction);
        const id = randomUUID();
        await insertAgreement(
          trx,
          {
            id,
            org_id: lead.id,
            jurisdiction,
            kind: input.kind,
            number: input.number,
            parties: input.parties ?? namesInText(parties.map((p) => orgs.get(p.orgId)!.name)).slice(0, 1000),
            subject: input.subject,
            starts_on: input.startsOn,
            ends_on: input.endsOn,
            meeting_id: input.meetingId ?? null,
            created_by: ctx.actor.userId,
            created_at: now,
            updated_at: now,
          },
          parties,
        );
        await audit(ctx, trx, {
          action: 'agreement.create',
          entity: 'agreement',
          entityId: id,
          outcome: 'ok',
          detail: { orgId: lead.id, parties: parties.length },
        });
        return getAgreementById(ctx, id, trx);
      },
    ),
  );
}

/**
 * Sets the whole list of parties (adding or removing one is sending the list with or without
 * it). The partner the agreement was recorded with stays its `orgId` while it is a party; when it
 * is removed, the first remaining party that is not the Dinas takes its place.
 */
export async function setAgreementParties(
  ctx: AuthedCtx,
  id: string,
  input: AgreementPartiesInput,
): Promise<AgreementDto> {
  const existing = await load(ctx, ctx.conn.db, id, true);
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute(async (trx) => {
    const orgs = await checkParties(
      trx,
      existing.jurisdiction,
      input.partyOrgs.map((p, i) => ({ orgId: p.orgId, field: `partyOrgs.${i}.orgId` })),
      new Set((await agreementParties(trx, [id])).map((p) => p.org_id)),
    );
    const dinas = await dinasOrgOf(trx, existing.jurisdiction);
    const lead = input.partyOrgs.some((p) => p.orgId === existing.org_id)
      ? existing.org_id
      : (input.partyOrgs.find((p) => p.orgId !== dinas) ?? input.partyOrgs[0]!).orgId;
    if (!(await updateAgreementRow(trx, id, input.version, { org_id: lead }, now)))
      throw new AppError('VERSION_CONFLICT');
    await replaceAgreementParties(trx, id, input.partyOrgs, now);
    await audit(ctx, trx, {
      action: 'agreement.parties',
      entity: 'agreement',
      entityId: id,
      outcome: 'ok',
      detail: { parties: input.partyOrgs.map((p) => ({ orgId: p.orgId, role: p.role })), orgs: orgs.size },
    });
    return getAgreementById(ctx, id, trx);
  });
}

export async function updateAgreement(
  ctx: AuthedCtx,
  id: string,
  input: AgreementUpdate,
): Promise<AgreementDto> {
  const existing = await load(ctx, ctx.conn.db, id, true);
  const startsOn = input.startsOn ?? existing.starts_on;
  const endsOn = input.endsOn ?? existing.ends_on;
  if (endsOn < startsOn) throw new AppError('VALIDATION_FAILED', { endsOn: 'ends_before_start' });
  const set: Updateable<AgreementTable> = {};
  for (const k of ['kind', 'number', 'parties', 'subject'] as const)
    if (input[k] !== undefined) set[k] = input[k];
  if (input.startsOn !== undefined) set.starts_on = input.startsOn;
  if (input.endsOn !== undefined) {
    set.ends_on = input.endsOn;
    // a renewed end date gets its own expiry warning
    if (input.endsOn !== existing.ends_on) set.expiry_warned_at = null;
  }
  if (input.meetingId !== undefined) {
    await checkMeeting(ctx.conn.db, input.meetingId, existing.jurisdiction);
    set.meeting_id = input.meetingId;
  }
  const now = ctx.clock();
  await ctx.conn.db.transaction().execute(async (trx) => {
    if (!(await updateAgreementRow(trx, id, input.version, set, now))) throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, { action: 'agreement.update', entity: 'agreement', entityId: id, outcome: 'ok' });
  });
  return getAgreementById(ctx, id);
}

/** Stores the signed agreement as a PDF (at most 10 MB), replacing an earlier one. */
export async function putAgreementDocument(
  ctx: AuthedCtx,
  id: string,
  doc: { name: string | null; bytes: Uint8Array },
): Promise<AgreementDto> {
  const existing = await load(ctx, ctx.conn.db, id, true);
  if (doc.bytes.length > MAX_AGREEMENT_DOCUMENT_BYTES) throw new AppError('DOCUMENT_TOO_LARGE');
  if (!isPdf(doc.bytes)) throw new AppError('DOCUMENT_NOT_PDF');
  const clean = (doc.name ?? '')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '')
    .trim()
    .slice(0, 150);
  const name = clean
    ? /\.pdf$/i.test(clean)
      ? clean
      : `${clean}.pdf`
    : `${existing.number.replace(/[^\w.-]+/g, '_')}.pdf`;
  const now = ctx.clock();
  await ctx.conn.db.transaction().execute(async (trx) => {
    await updateAgreementRow(
      trx,
      id,
      existing.version,
      { document: Buffer.from(doc.bytes), document_name: name, document_mime: 'application/pdf' },
      now,
    ).then((r) => {
      if (!r) throw new AppError('VERSION_CONFLICT');
    });
    await audit(ctx, trx, {
      action: 'agreement.document',
      entity: 'agreement',
      entityId: id,
      outcome: 'ok',
      detail: { bytes: doc.bytes.length },
    });
  });
  return getAgreementById(ctx, id);
}

export async function getAgreementDocument(ctx: AuthedCtx, id: string) {
  const d = await agreementDocument(ctx.conn.db, readScope(ctx), id);
  if (!d?.document) throw new AppError('NOT_FOUND');
  return { bytes: d.document, name: d.document_name ?? 'perjanjian.pdf', mime: 'application/pdf' };
}
