/**
 * What a reader sees of a KLA evaluation: each indicator of its set with the answer, evidence and
 * assignment (a member not assigned an indicator sees its wording only), the live score per
 * indicator, group and total with the category and what the next one still needs, the province's
 * verified score beside it, and last year's evaluation of the same kab/kota.
 */
import {
  type AnswerRow,
  type EvaluationRow,
  findEvaluationOf,
  type KlaReadScope,
  listAnswers,
  listAssignments,
  radPlansCovering,
  regulationsInForce,
} from '../../db/kla.repository.ts';
import type {
  KlaAnswerDto,
  KlaEvaluationDto,
  KlaEvaluationSummaryDto,
  KlaScoreDto,
} from '../../domain/contract/kla.ts';
import {
  KLA_GROUPS,
  type KlaAnswer,
  type KlaAnswerStatus,
  type KlaEvaluationStatus,
  type KlaIndicatorSet,
  type KlaVerifyDecision,
  percentOf,
  scoreAnswer,
  scoreEvaluation,
  storedAnswer,
} from '../../domain/kla.ts';
import {
  canCoordinateKla,
  canFillKlaIndicator,
  canReadKlaHistory,
  canVerifyKla,
} from '../../domain/policy.ts';
import type { AuthedCtx, Tx } from '../context.ts';
import { listCoordFiles } from '../coord-files.ts';
import { setOf } from './access.ts';

export function summaryDto(e: EvaluationRow): KlaEvaluationSummaryDto {
  return {
    id: e.id,
    jurisdiction: e.jurisdiction,
    jurisdictionName: e.jurisdiction_name ?? e.jurisdiction,
    year: e.year,
    setVersion: e.set_version,
    status: e.status as KlaEvaluationStatus,
    submittedAt: e.submitted_at ? new Date(e.submitted_at).toISOString() : null,
    verifiedAt: e.verified_at ? new Date(e.verified_at).toISOString() : null,
    version: e.version,
  };
}

export function scoreDto(set: KlaIndicatorSet, answers: ReadonlyMap<number, KlaAnswer>): KlaScoreDto {
  const s = scoreEvaluation(set, answers);
  const cat = (c: { code: string; label: string; min: number }) => ({
    code: c.code,
    label: c.label,
    min: c.min,
  });
  return {
    total: s.total,
    category: cat(s.category),
    next: s.next ? { category: cat(s.next.category), missing: s.next.missing } : null,
    groups: KLA_GROUPS.map((code) => ({ code, ...s.groups[code] })),
  };
}

/** The answers as entered, by indicator number. */
export function enteredAnswers(rows: readonly AnswerRow[]): Map<number, KlaAnswer> {
  const m = new Map<number, KlaAnswer>();
  for (const r of rows) {
    const a = storedAnswer(r);
    if (a) m.set(r.indicator_number, a);
  }
  return m;
}

/** The answers the province accepted (a rejected one counts 0, one waiting for a fix nothing yet). */
export function acceptedAnswers(rows: readonly AnswerRow[]): Map<number, KlaAnswer> {
  const m = new Map<number, KlaAnswer>();
  for (const r of rows) {
    const a = storedAnswer(r);
    if (a && r.verify_status === 'accepted') m.set(r.indicator_number, a);
  }
  return m;
}

/** The province has decided at least one indicator of this evaluation. */
export const verificationBegun = (rows: readonly AnswerRow[]) => rows.some((r) => r.verify_status !== null);

/** Scores of an evaluation (its own set): as entered and as verified. */
export async function scoresOf(db: Tx, e: { id: string; year: number; set_version: number }) {
  const set = await setOf(db, e.year, e.set_version);
  const rows = await listAnswers(db, e.id);
  return {
    set,
    rows,
    score: scoreDto(set, enteredAnswers(rows)),
    verifiedScore: verificationBegun(rows) ? scoreDto(set, acceptedAnswers(rows)) : null,
  };
}

export async function evaluationDto(
  ctx: AuthedCtx,
  db: Tx,
  scope: KlaReadScope,
  e: EvaluationRow,
): Promise<KlaEvaluationDto> {
  const { set, rows, score, verifiedScore } = await scoresOf(db, e);
  const assignments = new Map((await listAssignments(db, e.id)).map((a) => [a.indicator_number, a]));
  const byNumber = new Map(rows.map((r) => [r.indicator_number, r]));
  const status = e.status as KlaEvaluationStatus;
  const coordinator = canCoordinateKla(ctx.actor, e.jurisdiction);
  const verifier = canVerifyKla(ctx.actor, e.jurisdiction);
  const indicators: KlaEvaluationDto['indicators'] = [];
  for (const ind of set.indicators) {
    const r = byNumber.get(ind.number);
    const s = assignments.get(ind.number);
    const assignment = s
      ? { orgId: s.org_id, orgName: s.org_name, userId: s.user_id, userName: s.user_name }
      : null;
    const fills = canFillKlaIndicator(ctx.actor, {
      jurisdiction: e.jurisdiction,
      orgId: s?.org_id ?? null,
      userId: s?.user_id ?? null,
    });
    // a member sees in full only what its organisation (or it) is assigned
    const sees =
      scope.kind === 'region' ||
      (s !== undefined && (s.org_id === ctx.actor.orgId || s.user_id === ctx.actor.userId));
    let answer: KlaAnswerDto | null = null;
    if (r && sees) {
      const entered = storedAnswer(r);
      const points = entered ? scoreAnswer(ind, entered) : null;
      const pct = entered && entered.kind === 'percent' ? percentOf(entered) : null;
      const auto = r.auto_calc as KlaAnswerDto['autoCalc'];
      answer = {
        id: r.id,
        status: r.status as KlaAnswerStatus,
        option: r.option_code,
        value: r.value,
        numerator: r.numerator,
        denominator: r.denominator,
        percent: typeof pct === 'number' ? Math.round(pct * 100) / 100 : null,
        narrative: r.narrative_enc ? ctx.keys.decrypt(r.narrative_enc) : null,
        autoCalc: auto ?? null,
        points: typeof points === 'number' ? points : null,
        verifyStatus: r.verify_status as KlaVerifyDecision | null,
        verifyNote: r.verify_note_enc ? ctx.keys.decrypt(r.verify_note_enc) : null,
        reviewNote: r.review_note_enc ? ctx.keys.decrypt(r.review_note_enc) : null,
        verifiedPoints:
          r.verify_status === 'accepted' && typeof points === 'number'
            ? points
            : r.verify_status === 'rejected'
              ? 0
              : null,
        evidence: await listCoordFiles(ctx, db, 'kla_answer', r.id),
        version: r.version,
        updatedAt: new Date(r.updated_at).toISOString(),
      };
    }
    indicators.push({
      indicator: ind,
      assignment,
      answer,
      canFill:
        fills && sees && (status === 'draft' || (status === 'returned' && r?.verify_status !== 'accepted')),
      canReview: coordinator && (status === 'draft' || status === 'returned'),
      canVerify: verifier && status === 'submitted',
    });
  }
  let lastYear: KlaEvaluationDto['lastYear'] = null;
  const before = await findEvaluationOf(db, scope, e.jurisdiction, e.year - 1);
  if (before) {
    const s = await scoresOf(db, before);
    lastYear = {
      id: before.id,
      year: before.year,
      status: before.status as KlaEvaluationStatus,
      score: s.score,
      verifiedScore: s.verifiedScore,
    };
  }
  const entered = enteredAnswers(rows);
  const scoreOf = (n: number): number | null => {
    const ind = set.indicators.find((i) => i.number === n);
    const a = entered.get(n);
    const p = ind && a ? scoreAnswer(ind, a) : null;
    return typeof p === 'number' ? p : null;
  };
  // the coordination records behind the institutional indicators (public documents, the plan)
  const region = scope.kind === 'region';
  const regulations = region ? await regulationsInForce(db, e.jurisdiction, e.year) : [];
  const plans = region ? await radPlansCovering(db, e.jurisdiction, e.year) : [];
  return {
    ...summaryDto(e),
    institutional: {
      regulations: regulations.map((r) => ({
        id: r.id,
        kind: r.kind,
        number: r.number,
        title: r.title,
        issuedOn: String(r.issued_on).slice(0, 10),
        gugusTugas: r.kind === 'sk_gugus_tugas_kla',
        href: '/regulasi',
      })),
      radPlans: plans.map((p) => ({
        id: p.id,
        title: p.title,
        startYear: p.start_year,
        endYear: p.end_year,
        href: `/rad/${p.id}`,
      })),
    },
    setLabel: set.label,
    groups: set.groups,
    missingNumbers: e.missing_numbers,
    indicators,
    score,
    gains: indicators
      .map((v) => ({
        number: v.indicator.number,
        available: Math.round((v.indicator.weight - (scoreOf(v.indicator.number) ?? 0)) * 10) / 10,
      }))
      .filter((g) => g.available > 0)
      .sort((a, b) => b.available - a.available || a.number - b.number),
    verifiedScore,
    lastYear,
    canCoordinate: coordinator,
    canVerify: verifier,
    canReadHistory: canReadKlaHistory(ctx.actor, e.jurisdiction),
    complete: rows.every((r) => r.status === 'final'),
  };
}
