/**
 * A participant's certificate (issue 12 §2): for someone who completed, with the Dinas's
 * letterhead and its head's signature block (report_settings), and a verification code checked on
 * the public page /verifikasi. The participant downloads their own; the Dinas's managers and
 * `pimpinan` download those of their jurisdiction's events (to hand to partner staff without an
 * account). Every download is audited.
 */
import { findParticipant, findTrainingEvent } from '../../db/training.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { canReadTrainingOfPeople, coordinationScope } from '../../domain/policy.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { placeName } from '../letters/referral-letter.ts';
import { type Letterhead, letterhead } from '../stats/periodic-report.ts';
import { participantName } from './access.ts';

export type TrainingCertificate = {
  code: string;
  name: string;
  orgName: string;
  title: string;
  typeName: string;
  topics: string[];
  trainers: Array<{ name: string; institution: string | null }>;
  startsOn: string;
  endsOn: string;
  place: string | null;
  organiserName: string;
  jurisdiction: string;
  cityName: string;
  letterhead: Letterhead;
};

export async function trainingCertificate(
  ctx: AuthedCtx,
  eventId: string,
  participantId: string,
): Promise<TrainingCertificate> {
  const db = ctx.conn.db;
  const notFound = () =>
    new AppError('NOT_FOUND', undefined, {
      action: 'training.certificate',
      entity: 'training_attendance',
      entityId: participantId,
      outcome: 'not_found',
    });
  const scope = coordinationScope(ctx.actor);
  if (scope.kind === 'none') throw notFound();
  const p = await findParticipant(db, eventId, participantId);
  if (!p) throw notFound();
  const own = p.user_id !== null && p.user_id === ctx.actor.userId;
  // one's own certificate, even of an event beyond one's scope (a province's training)
  const e = await findTrainingEvent(db, own ? { kind: 'region', within: p.jurisdiction } : scope, eventId);
  if (!e || (!own && !canReadTrainingOfPeople(ctx.actor, e.jurisdiction))) throw notFound();
  if (!p.completed || p.certificate_code === null) throw new AppError('TRAINING_NOT_COMPLETED');
  const head = await letterhead(ctx, e.jurisdiction);
  await audit(ctx, db, {
    action: 'training.certificate',
    entity: 'training_attendance',
    entityId: participantId,
    outcome: 'ok',
    detail: { eventId, own },
  });
  const region = await db
    .selectFrom('region')
    .select('name')
    .where('code', '=', e.jurisdiction)
    .executeTakeFirst();
  return {
    code: p.certificate_code,
    name: participantName(ctx.keys, p),
    orgName: p.org_name,
    title: e.title,
    typeName: e.type_name,
    topics: e.topics,
    trainers: e.trainers.map((t) => ({ name: t.name, institution: t.institution ?? null })),
    startsOn: e.starts_on,
    endsOn: e.ends_on,
    place: e.place,
    organiserName: e.organiser_name,
    jurisdiction: e.jurisdiction,
    cityName: placeName(region?.name ?? null),
    letterhead: head,
  };
}
