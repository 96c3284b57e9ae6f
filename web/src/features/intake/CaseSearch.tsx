import { useState } from 'preact/hooks';
import type { CaseSummaryDto } from '../../../../src/domain/dto.ts';
import { STAGE_LABELS } from '../../../../src/domain/stages.ts';
import { type ApiError, call } from '../../api.ts';
import { fieldId } from '../../components/form.tsx';
import { countText } from '../../components/page.tsx';
import { label, t } from '../../i18n/index.ts';

export type CaseRef = { id: string; number: string; stage: string };

/**
 * Finds a case by number, name, NIK or phone (GET /cases?q=) and offers each hit with a button.
 * Usable inside another form: Enter in the search box searches instead of submitting that form.
 */
export function CaseSearch({
  prefix,
  onPick,
  error,
}: {
  prefix: string;
  onPick: (c: CaseRef) => void;
  error?: ApiError | null;
}) {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<CaseSummaryDto[] | null>(null);
  const [busy, setBusy] = useState(false);
  /** how many match when more than shown ("12", "1.000+"), else null */
  const [more, setMore] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const id = fieldId(prefix, 'caseQuery');
  const err = error?.fields.caseId;

  const search = async () => {
    if (!q.trim()) return;
    setBusy(true);
    setFailed(null);
    try {
      const r = await call('GET /cases', { query: { q: q.trim(), pageSize: 10 } });
      setHits(r.items);
      setMore(r.hasMore ? countText(r) : null);
    } catch (e) {
      setFailed((e as Error).message);
      setHits(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class={`field case-search${err ? ' has-error' : ''}`}>
      <label for={id}>{t('intake.caseSearch')}</label>
      <div class="inline-form">
        <input
          id={id}
          type="search"
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              search();
            }
          }}
          aria-describedby={`${id}-hint${err ? ` ${fieldId(prefix, 'caseId')}-err` : ''}`}
        />
        <button type="button" onClick={search} disabled={busy} aria-busy={busy ? 'true' : undefined}>
          {t('action.search')}
        </button>
      </div>
      <p class="hint" id={`${id}-hint`}>
        {t('intake.caseSearchHint')}
      </p>
      {err && (
        <p class="field-error" id={`${fieldId(prefix, 'caseId')}-err`}>
          {err}
        </p>
      )}
      <div aria-live="polite">
        {failed && <p class="field-error">{failed}</p>}
        {hits && hits.length === 0 && <p>{t('intake.caseSearchNone')}</p>}
        {hits && hits.length > 0 && (
          <ul class="pick-list" aria-label={t('intake.caseResults')}>
            {hits.map((c) => (
              <li key={c.id}>
                <span>
                  <strong>{c.number}</strong> · {label(STAGE_LABELS[c.stage], c.stage)}
                </span>
                <button
                  type="button"
                  aria-label={t('intake.linkAria', { number: c.number })}
                  onClick={() => onPick({ id: c.id, number: c.number, stage: c.stage })}
                >
                  {t('intake.linkThis')}
                </button>
              </li>
            ))}
          </ul>
        )}
        {hits && more && (
          <p class="hint">{t('intake.caseSearchMore', { shown: hits.length, total: more })}</p>
        )}
      </div>
    </div>
  );
}
