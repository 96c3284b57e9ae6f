/** Pieces shared by the RAD PPA pages: numbers, shares and a progress bar that also says itself in words. */

import './words.ts';
import { RAD_BUDGET_SOURCES, RAD_STATUSES, RAD_UNITS } from '../../../../src/domain/rad-codes.ts';
import { CardTable } from '../../components/form.tsx';
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
/** A value in its unit: "76,5%", "12 desa/kelurahan", a plain count ("jumlah") as the number alone. */
export const valueText = (n: number | null, unit: string) =>
  n === null
    ? '–'
    : unit === 'persen'
      ? `${fmtNumber(n)}%`
      : unit === 'jumlah'
        ? fmtNumber(n)
        : `${fmtNumber(n)} ${unitText(unit)}`;

type Standing = {
  quarter: number | null;
  current: boolean;
  realised: number | null;
  achievement: number | null;
};

/** Where an activity stands, in words that say which quarter the figure is of when it is not the one chosen. */
export function standingText(s: Standing, target: number | null, unit: string, quarter: number): string {
  const v = {
    realised: valueText(s.realised, unit),
    target: valueText(target, unit),
    pct: pct(s.achievement),
  };
  if (s.current) return t('rad.standingText', { ...v, quarter });
  if (s.quarter === null) return t('rad.standingNone', { quarter });
  return t('rad.standingLatest', { ...v, latest: s.quarter, quarter });
}

/** The on-track badge's words: not reported for the chosen quarter is said as such. */
export function onTrackText(s: Standing & { onTrack: boolean }, quarter: number): string {
  if (s.onTrack) return t('rad.onTrackYes');
  if (!s.current) return t('rad.notReportedQ', { quarter });
  return t('rad.onTrackNo');
}

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

/** A roll-up table (cards on a phone): one row per group, its on-track share and budget used as bars with text. */
export function RollupTable({ caption, head, groups }: { caption: string; head: string; groups: Group[] }) {
  return (
    <>
      <h3>{caption}</h3>
      <CardTable
        caption={caption}
        items={groups.map((g) => ({ ...g, id: g.key }))}
        columns={[
          { head, cell: (g) => g.label },
          {
            head: t('rad.onTrack'),
            cell: (g) => (
              <Bar
                share={g.onTrackShare}
                text={t('rad.onTrackText', { n: g.onTrack, of: g.activities, pct: pct(g.onTrackShare) })}
              />
            ),
          },
          {
            head: t('rad.budgetUsed'),
            cell: (g) => (
              <Bar
                share={g.budgetShare}
                text={t('rad.budgetText', {
                  used: rupiah(g.budgetUsed),
                  planned: rupiah(g.budgetPlanned),
                  pct: pct(g.budgetShare),
                })}
              />
            ),
          },
        ]}
      />
    </>
  );
}
