/**
 * The summary of an evaluation for the Bupati/Wali Kota (issue 13 §3): the kab/kota's Dinas
 * letterhead (report_settings), the total and category, each cluster, what the next category
 * still needs and where it can come from, the verified score when there is one, the indicators the
 * province asked to fix or rejected with its notes, and last year's beside it. Aggregates only: no
 * narrative, no names. Rendered to PDF in the occasional worker (src/http/reports/kla-summary.ts).
 */
import { findEvaluation } from '../../db/kla.repository.ts';
import type { KlaEvaluationDto } from '../../domain/contract/kla.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { type Letterhead, letterhead } from '../stats/periodic-report.ts';
import { forbidden, klaReadScope, notFound } from './access.ts';
import { evaluationDto } from './views.ts';

export type KlaSummary = {
  letterhead: Letterhead;
  evaluation: Pick<
    KlaEvaluationDto,
    | 'jurisdiction'
    | 'jurisdictionName'
    | 'year'
    | 'status'
    | 'setLabel'
    | 'groups'
    | 'score'
    | 'verifiedScore'
    | 'lastYear'
    | 'missingNumbers'
  > & {
    unanswered: number;
    indicators: number;
    /** what the province asked to fix or rejected, with its note (a note on documents, not on people) */
    attention: Array<{ number: number; wording: string; decision: 'fix' | 'rejected'; note: string | null }>;
    /** where the next category's points can come from, most first (at most five) */
    gains: Array<{ number: number; wording: string; available: number }>;
  };
  issuedAt: string;
};

export async function klaSummary(ctx: AuthedCtx, id: string): Promise<KlaSummary> {
  const action = 'kla.evaluation.summary';
  const scope = klaReadScope(ctx, action, id);
  const db = ctx.conn.db;
  const e = await findEvaluation(db, scope, id);
  if (!e) throw notFound(action, 'kla_evaluation', id);
  if (scope.kind !== 'region') throw forbidden(action, 'kla_evaluation', id);
  const dto = await evaluationDto(ctx, db, scope, e);
  await audit(ctx, db, { action, entity: 'kla_evaluation', entityId: id, outcome: 'ok' });
  return {
    letterhead: await letterhead(ctx, e.jurisdiction),
    evaluation: {
      jurisdiction: dto.jurisdiction,
      jurisdictionName: dto.jurisdictionName,
      year: dto.year,
      status: dto.status,
      setLabel: dto.setLabel,
      groups: dto.groups,
      score: dto.score,
      verifiedScore: dto.verifiedScore,
      lastYear: dto.lastYear,
      missingNumbers: dto.missingNumbers,
      unanswered: dto.indicators.filter((v) => v.answer?.points == null).length,
      indicators: dto.indicators.length,
      attention: dto.indicators.flatMap((v) =>
        v.answer?.verifyStatus === 'fix' || v.answer?.verifyStatus === 'rejected'
          ? [
              {
                number: v.indicator.number,
                wording: v.indicator.wording,
                decision: v.answer.verifyStatus,
                note: v.answer.verifyNote,
              },
            ]
          : [],
      ),
      gains: dto.score.next
        ? dto.gains.slice(0, 5).map((g) => ({
            number: g.number,
            wording: dto.indicators.find((v) => v.indicator.number === g.number)?.indicator.wording ?? '',
            available: g.available,
          }))
        : [],
    },
    issuedAt: ctx.clock().toISOString(),
  };
}
