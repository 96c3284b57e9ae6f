/** Pieces shared by the RAD PPA pages: numbers, shares and a progress bar that also says itself in words. */

import { RAD_BUDGET_SOURCES, RAD_STATUSES, RAD_UNITS } from '../../../../src/domain/rad-codes.ts';
import { label, t } from '../../i18n/index.ts';
import { fmtNumber } from '../../lib/format.ts';

export const rupiah = (n: number) => `Rp ${fmtNumber(n)}`;
export const pct = (share: number | null) =>
  share === null ? '–' : `${fmtNumber(Math.round(share * 1000) / 10)}%`;
export const unitText = (code: string) => label(RAD_UNITS.find((u) => u.code === code)?.label, code);
export const sourceText = (code: string) =>
  label(RAD_BUDGET_SOURCES.find((u) => u.code === code)?.label, code);
export const statusText = (code: string | null) =>
  code ? label(RAD_STATUSES.find((u) => u.code === code)?.label, code) : t('rad.notReported');
export const valueText = (n: number | null, unit: string) =>
  n === null ? '–' : unit === 'persen' ? `${fmtNumber(n)}%` : `${fmtNumber(n)} ${unitText(unit)}`;

/** A bar with its words beside it: the bar is decoration, the text says the same. */
export function Bar({ share, text }: { share: number | null; text: string }) {
  const w = share === null ? 0 : Math.max(0, Math.min(1, share)) * 100;
  return (
    <div class="rad-bar">
      <div class="rad-bar-track" aria-hidden="true">
        <div class={`rad-bar-fill${share !== null && share > 1 ? ' over' : ''}`} style={{ width: `${w}%` }} />
      </div>
      <span class="rad-bar-text">{text}</span>
    </div>
  );
}

export type Group = {
  key: string;
  label: string;
  activities: number;
  onTrack: number;
  onTrackShare: number | null;
  budgetPlanned: number;
  budgetUsed: number;
  budgetShare: number | null;
};

/** A roll-up table: one row per group, with its on-track share and its budget used as bars with text. */
export function RollupTable({ caption, head, groups }: { caption: string; head: string; groups: Group[] }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">{t('rad.onTrack')}</th>
            <th scope="col">{t('rad.budgetUsed')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{g.label}</th>
              <td>
                <Bar
                  share={g.onTrackShare}
                  text={t('rad.onTrackText', { n: g.onTrack, of: g.activities, pct: pct(g.onTrackShare) })}
                />
              </td>
              <td>
                <Bar
                  share={g.budgetShare}
                  text={t('rad.budgetText', {
                    used: rupiah(g.budgetUsed),
                    planned: rupiah(g.budgetPlanned),
                    pct: pct(g.budgetShare),
                  })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
