/**
 * The letter that refers a report to the national final-referral service (KemenPPPA, SAPA 129;
 * Perpres 65/2020). It carries the minimum: what happened in categories, where, when, and who to
 * contact at the referring unit — no names or numbers of the people involved.
 */
import { getOrganisation } from '../../db/admin.repository.ts';
import { intakeMessages } from '../../db/intake.repository.ts';
import { regionWithAncestors } from '../../db/region.repository.ts';
import { AppError } from '../../domain/errors.ts';
import {
  ageGroupFromIntake,
  describeAge,
  describeIncidentDate,
  incidentDateFromIntake,
} from '../../domain/facts.ts';
import { EVERYDAY_FORMS } from '../../domain/intake.ts';
import { localDate } from '../../domain/time.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { loadIntake } from './get-intake.ts';

export type NationalLetter = {
  code: string;
  date: string;
  fromOrg: { name: string; address: string | null; phone: string | null; email: string | null };
  receivedAt: string;
  channel: string;
  region: string;
  victim: string;
  /** when it happened, as told: "dalam minggu sebelum 3 Des 2026 (menurut pelapor)" */
  when: string;
  forms: string[];
  dangerNow: boolean;
  reason: string | null;
};

export async function nationalReferralLetter(ctx: AuthedCtx, id: string): Promise<NationalLetter> {
  const row = await loadIntake(ctx, id, 'intake.letter');
  if (row.status !== 'rujukan_pusat') throw new AppError('STAGE_TRANSITION_NOT_ALLOWED');
  const org = await getOrganisation(ctx.conn.db, ctx.actor.orgId);
  const regions = row.region_code ? await regionWithAncestors(ctx.conn.db, row.region_code) : [];
  const sex =
    row.victim_sex === 'perempuan'
      ? 'perempuan'
      : row.victim_sex === 'laki_laki'
        ? 'laki-laki'
        : 'jenis kelamin belum diketahui';
  // as told: the group the reporter gave (never an age), the date as precisely as it was said
  const reportDate = localDate(new Date(row.received_at), row.jurisdiction);
  // the group only: a birth date would help identify the child in a letter that names nobody
  const age =
    describeAge(
      {
        birthDate: null,
        estimatedAge: null,
        ageGroup: ageGroupFromIntake(row.victim_age_group),
      },
      reportDate,
    )?.id ?? 'usia belum diketahui';
  const when = describeIncidentDate(
    incidentDateFromIntake({ occurredOn: row.occurred_on, occurredWhen: row.occurred_when, reportDate }),
  ).id;
  const messages = await intakeMessages(ctx.conn.db, id);
  const officerNote = [...messages].reverse().find((m) => m.author === 'petugas');
  await audit(ctx, ctx.conn.db, { action: 'intake.letter', entity: 'intake', entityId: id, outcome: 'ok' });
  return {
    code: row.code,
    date: ctx.clock().toISOString(),
    fromOrg: {
      name: org?.name ?? '',
      address: org?.address ?? null,
      phone: org?.phone ?? null,
      email: org?.email ?? null,
    },
    receivedAt: new Date(row.received_at).toISOString(),
    channel: row.channel,
    region:
      regions
        .map((r) => r.name)
        .reverse()
        .join(', ') || 'belum diketahui',
    victim: `${sex}, usia ${age}`,
    when,
    forms: row.forms.map((f) => EVERYDAY_FORMS.find((x) => x.code === f)?.label.id ?? f),
    dangerNow: row.danger_now,
    reason: officerNote ? ctx.keys.decrypt(officerNote.body_enc) : null,
  };
}
