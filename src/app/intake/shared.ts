/** Pieces every intake use case shares: codes, rate limits, and the API shape of an item. */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Tx } from '../../db/connect.ts';
import { codeExists, hitRateLimit, type IntakeRow } from '../../db/intake.repository.ts';
import type { IntakeSummaryDto } from '../../domain/contract/intake.ts';
import {
  formatCode,
  formatSecret,
  type IntakeStatus,
  intakeDeadline,
  isOpen,
  normaliseSecret,
  SECRET_DIGITS,
} from '../../domain/intake.ts';
import type { Keyring } from '../crypto.ts';

/** A random follow-up code; the UNIQUE column refuses the rare one already taken. */
export function drawFollowUpCode(): string {
  return formatCode(randomBytes(8));
}

export async function newFollowUpCode(db: Tx): Promise<string> {
  for (;;) {
    const code = drawFollowUpCode();
    if (!(await codeExists(db, code))) return code;
  }
}

/** A secret of 15 random digits in three groups ("48209 37556 21804"), shown once; only its keyed hash is stored. */
export function newSecret(): string {
  let digits = '';
  for (let i = 0; i < SECRET_DIGITS; i++) digits += String(randomInt(10));
  return formatSecret(digits);
}

export function secretHash(keys: Keyring, code: string, secret: string): string {
  return keys.blindIndex('intake-secret', `${code}:${normaliseSecret(secret)}`);
}

export function sameHash(a: string | null, b: string): boolean {
  if (!a) return false;
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/** Counts a hit in a fixed window of `windowMs` and returns the count so far. */
/** The start of the fixed window of `windowMs` that contains `now`. */
export function windowStart(now: Date, windowMs: number): Date {
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

export async function countHit(db: Tx, key: string, now: Date, windowMs: number): Promise<number> {
  return hitRateLimit(db, key, windowStart(now, windowMs));
}

export type { IntakeSummaryDto };

type SummaryRow = Pick<
  IntakeRow,
  | 'id'
  | 'code'
  | 'channel'
  | 'call_type'
  | 'status'
  | 'risk'
  | 'danger_now'
  | 'forms'
  | 'region_code'
  | 'jurisdiction'
  | 'received_at'
  | 'assigned_to'
  | 'suspected_spam'
  | 'victim_age_group'
  | 'victim_sex'
  | 'case_id'
  | 'version'
> & { assigned_name: string | null };

export function intakeSummary(r: SummaryRow, now: Date, holidays?: ReadonlySet<string>): IntakeSummaryDto {
  const status = r.status as IntakeStatus;
  const receivedAt = new Date(r.received_at);
  const due = isOpen(status)
    ? intakeDeadline({
        receivedAt,
        risk: r.risk,
        dangerNow: r.danger_now,
        jurisdiction: r.jurisdiction,
        holidays,
      })
    : null;
  return {
    id: r.id,
    code: r.code,
    channel: r.channel,
    callType: r.call_type,
    status,
    risk: r.risk,
    dangerNow: r.danger_now,
    forms: r.forms,
    regionCode: r.region_code,
    jurisdiction: r.jurisdiction,
    receivedAt: receivedAt.toISOString(),
    dueAt: due?.toISOString() ?? null,
    overdue: due !== null && now.getTime() > due.getTime(),
    assignedTo: r.assigned_to,
    assignedName: r.assigned_name,
    suspectedSpam: r.suspected_spam,
    victimAgeGroup: r.victim_age_group,
    victimSex: r.victim_sex,
    caseId: r.case_id,
    version: r.version,
  };
}
