/**
 * Cooperation agreements (MoU/PKS) between a Dinas and a partner organisation: kept by the
 * Dinas administrators of the jurisdiction (admin: everywhere).
 */

import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import { getOrganisation } from '../../db/admin.repository.ts';
import {
  type AgreementRow,
  agreementDocument,
  getAgreement,
  insertAgreement,
  listAgreements as listAgreementRows,
  updateAgreementRow,
} from '../../db/directory.repository.ts';
import type { AgreementTable } from '../../db/schema.ts';
import {
  type AgreementInput,
  type AgreementUpdate,
  agreementStatus,
  daysBetween,
  isPdf,
  localDate,
  MAX_AGREEMENT_DOCUMENT_BYTES,
} from '../../domain/directory.ts';
import type { AgreementDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import { isWithin } from '../../domain/policy.ts';
import { requireAdmin } from '../admin/require-admin.ts';
import { type AuthedCtx, audit } from '../context.ts';

export function agreementDto(a: AgreementRow, today: string): AgreementDto {
  const span = { startsOn: a.starts_on, endsOn: a.ends_on };
  return {
    id: a.id,
    orgId: a.org_id,
    orgName: a.org_name,
    jurisdiction: a.jurisdiction,
    kind: a.kind as AgreementDto['kind'],
    number: a.number,
    parties: a.parties,
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

export async function listAgreements(ctx: AuthedCtx, orgId?: string): Promise<AgreementDto[]> {
  const root = requireAdmin(ctx);
  const today = todayOf(ctx);
  return (await listAgreementRows(ctx.conn.db, root, orgId)).map((a) => agreementDto(a, today));
}

async function load(ctx: AuthedCtx, root: string, id: string) {
  const a = await getAgreement(ctx.conn.db, root, id);
  if (!a)
    throw new AppError('NOT_FOUND', undefined, {
      action: 'agreement.read',
      entity: 'agreement',
      entityId: id,
      outcome: 'not_found',
    });
  return a;
}

export async function getAgreementById(ctx: AuthedCtx, id: string): Promise<AgreementDto> {
  const root = requireAdmin(ctx);
  return agreementDto(await load(ctx, root, id), todayOf(ctx));
}

export async function createAgreement(ctx: AuthedCtx, input: AgreementInput): Promise<AgreementDto> {
  const root = requireAdmin(ctx);
  const db = ctx.conn.db;
  const org = await getOrganisation(db, input.orgId);
  if (!org || (root !== '' && !isWithin(org.jurisdiction, root)))
    throw new AppError('VALIDATION_FAILED', { orgId: 'unknown_organisation' });
  const id = randomUUID();
  const now = ctx.clock();
  await db.transaction().execute(async (trx) => {
    await insertAgreement(trx, {
      id,
      org_id: org.id,
      // the Dinas that signs: the administrator's own jurisdiction, or the organisation's for admin
      jurisdiction: root === '' ? org.jurisdiction : root,
      kind: input.kind,
      number: input.number,
      parties: input.parties,
      subject: input.subject,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    await audit(ctx, trx, {
      action: 'agreement.create',
      entity: 'agreement',
      entityId: id,
      outcome: 'ok',
      detail: { orgId: org.id },
    });
  });
  return getAgreementById(ctx, id);
}

export async function updateAgreement(
  ctx: AuthedCtx,
  id: string,
  input: AgreementUpdate,
): Promise<AgreementDto> {
  const root = requireAdmin(ctx);
  const existing = await load(ctx, root, id);
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
  const root = requireAdmin(ctx);
  const existing = await load(ctx, root, id);
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
  const root = requireAdmin(ctx);
  const d = await agreementDocument(ctx.conn.db, root, id);
  if (!d?.document) throw new AppError('NOT_FOUND');
  return { bytes: d.document, name: d.document_name ?? 'perjanjian.pdf', mime: 'application/pdf' };
}
