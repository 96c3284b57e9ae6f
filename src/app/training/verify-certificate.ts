/**
 * The public check of a printed training certificate by its code (on /verifikasi, beside the
 * referral letters: the same code alphabet, the same counter per address). It shows only what the
 * certificate itself says — name, training, dates, issuer — and whether it is still valid (the
 * completion was not withdrawn).
 */
import { findCertificateByCode } from '../../db/training.repository.ts';
import type { Ctx } from '../context.ts';

export type CertificateCheck = {
  kind: 'certificate';
  name: string;
  title: string;
  typeName: string;
  startsOn: string;
  endsOn: string;
  issuer: string;
  valid: boolean;
};

/** The certificate with this (normalised) code, or undefined. */
export async function findCertificate(
  ctx: Ctx,
  code: string,
): Promise<(CertificateCheck & { id: string }) | undefined> {
  const row = await findCertificateByCode(ctx.conn.db, code);
  if (!row) return undefined;
  return {
    kind: 'certificate',
    id: row.id,
    name: row.user_name ?? (row.name_enc ? ctx.keys.decrypt(row.name_enc) : ''),
    title: row.title,
    typeName: row.type_name,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    issuer: row.organiser_name,
    valid: row.completed,
  };
}
