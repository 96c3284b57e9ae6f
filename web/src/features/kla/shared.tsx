/** What the KLA pages share: status badges, points as written, the province test. */

import type { ComponentChildren } from 'preact';
import type { KlaAnswerDto, KlaEvaluationSummaryDto } from '../../../../src/domain/contract/kla.ts';
import type { ApiError } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { fmtNumber } from '../../lib/format.ts';

/** A province's code has no dot ("62"); a kab/kota's has one ("62.71"). */
export const isProvince = (jurisdiction: string) => !jurisdiction.includes('.');

const STATUS_CLASS: Record<KlaEvaluationSummaryDto['status'], string> = {
  draft: 'muted',
  submitted: 'warn',
  returned: 'danger',
  verified: 'ok',
};

export function StatusBadge({ status }: { status: KlaEvaluationSummaryDto['status'] }) {
  return <span class={`badge ${STATUS_CLASS[status]}`}>{t(`kla.st.${status}` as 'kla.st.draft')}</span>;
}

const ANSWER_CLASS: Record<KlaAnswerDto['status'], string> = {
  belum_diisi: 'muted',
  diisi: 'warn',
  diperiksa: 'info',
  final: 'ok',
};

export function AnswerBadge({ status }: { status: KlaAnswerDto['status'] }) {
  return <span class={`badge ${ANSWER_CLASS[status]}`}>{t(`kla.ans.${status}` as 'kla.ans.diisi')}</span>;
}

const VERIFY_CLASS: Record<NonNullable<KlaAnswerDto['verifyStatus']>, string> = {
  accepted: 'ok',
  fix: 'warn',
  rejected: 'danger',
};

export function VerifyBadge({ status }: { status: KlaAnswerDto['verifyStatus'] }) {
  if (!status) return null;
  return <span class={`badge ${VERIFY_CLASS[status]}`}>{t(`kla.ver.${status}` as 'kla.ver.fix')}</span>;
}

/** Points as the evaluators write them: at most one decimal ("588,4"). */
export function pts(n: number): string {
  return fmtNumber(Math.round(n * 10) / 10);
}

/** A refusal that names several things (a set's problems at their paths, indicators not final). */
export function ProblemList({
  title,
  items,
}: {
  title: string;
  items: Array<[key: string, ComponentChildren]>;
}) {
  return (
    <div class="error-summary" role="alert">
      <p>{title}</p>
      <ul>
        {items.map(([key, node]) => (
          <li key={key}>{node}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A refusal in a few words: each field's message, an indicator's (`indicators.N`) named with a link
 * to its card; otherwise the message. For actions without a form of their own (a decision, a
 * review step, a value from case data).
 */
export function FieldErrors({ error }: { error: ApiError | null }) {
  if (!error) return null;
  const fields = Object.entries(error.fields);
  if (fields.length === 0 || (fields.length === 1 && !fields[0]![0].startsWith('indicators.')))
    return (
      <p class="field-error" role="alert">
        {fields.length === 1 ? fields[0]![1] : error.message}
      </p>
    );
  return (
    <ProblemList
      title={error.message}
      items={fields.map(([k, msg]) => {
        const n = /^indicators\.(\d+)$/.exec(k)?.[1];
        return [
          k,
          n ? (
            <>
              <a href={`#indikator-${n}`}>{t('kla.indicatorN', { number: n })}</a>: {msg}
            </>
          ) : (
            msg
          ),
        ];
      })}
    />
  );
}
