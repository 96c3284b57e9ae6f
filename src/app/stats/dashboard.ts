/**
 * The dashboard (issue 11 §1): the figures of a region over whole local months, beside the same
 * months a year earlier, from the rollup (decision 024). Aggregates only: no name, no case number;
 * officers are named beside their caseload only for roles that manage them.
 */
import { childRegions, regionWithAncestors } from '../../db/region.repository.ts';
import {
  countsByArea,
  countsByMonth,
  dirtyCount,
  openByMonth,
  repeatVictimPersons,
  repeatVictims,
  sumsByValue,
  workload,
} from '../../db/stats.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { can, dashboardScope } from '../../domain/policy.ts';
import {
  addMonths,
  bucketQuantile,
  CLOSURE_DAYS,
  caseTypesOf,
  FIGURES,
  isSpike,
  labelOf,
  localMonth,
  monthsOf,
  RESPONSE_HOURS,
  RIGHT_CODES,
  RIGHT_STATUS_CODES,
  yearEarlier,
} from '../../domain/stats.ts';
import type { DashboardDto, DashboardQuery } from '../../domain/stats-schemas.ts';
import type { Label } from '../../domain/taxonomies.ts';
import { localDate, localDayStart, ZONE_ABBR, zoneOfRegion } from '../../domain/time.ts';
import type { AuthedCtx } from '../context.ts';

type Sums = Map<string, Map<string, number>>;

function byMeasure(rows: ReadonlyArray<{ measure: string; value: string; n: number }>): Sums {
  const out: Sums = new Map();
  for (const r of rows) {
    let m = out.get(r.measure);
    if (!m) {
      m = new Map();
      out.set(r.measure, m);
    }
    m.set(r.value, (m.get(r.value) ?? 0) + r.n);
  }
  return out;
}

const total = (s: Sums, measure: string) => [...(s.get(measure)?.values() ?? [])].reduce((a, b) => a + b, 0);

function share(num: number, den: number): number | null {
  return den === 0 ? null : Math.round((num / den) * 1000) / 1000;
}

/** The region a request reads, inside the actor's own; 403/400 otherwise. */
async function regionOf(ctx: AuthedCtx, asked: string | undefined) {
  const scope = dashboardScope(ctx.actor);
  if (scope === null) throw new AppError('FORBIDDEN');
  const code = asked ?? scope;
  if (code !== scope && !code.startsWith(`${scope}.`))
    throw new AppError('VALIDATION_FAILED', { region: 'out_of_jurisdiction' });
  const path = await regionWithAncestors(ctx.conn.db, code);
  const self = path.find((r) => r.code === code);
  if (!self) throw new AppError('VALIDATION_FAILED', { region: 'unknown_region' });
  return { code, self, path };
}

export async function dashboard(ctx: AuthedCtx, q: DashboardQuery): Promise<DashboardDto> {
  const { code, self, path } = await regionOf(ctx, q.region);
  // a period that has not begun has no figures yet (one that has begun says how far it goes)
  if (q.from > localDate(ctx.clock(), code))
    throw new AppError('VALIDATION_FAILED', { from: 'date_in_future' });
  const db = ctx.conn.db;
  const months = monthsOf(q.from, q.to) ?? [];
  const compare = yearEarlier(q.from, q.to);
  const monthsBefore = monthsOf(compare.from, compare.to) ?? [];
  const caseTypes = caseTypesOf(q.caseType);
  const base = { region: code, caseTypes };
  const lastMonth = months[months.length - 1] ?? q.from;
  const trendMonths = Array.from({ length: 24 }, (_, i) => addMonths(lastMonth, i - 23));
  const spikeMonths = Array.from({ length: 13 }, (_, i) => addMonths(lastMonth, i - 12));
  const start = localDayStart(q.from, code);
  const end = new Date(localDayStart(q.to, code).getTime() + 86_400_000);
  const startBefore = localDayStart(compare.from, code);
  const endBefore = new Date(localDayStart(compare.to, code).getTime() + 86_400_000);
  const kabOrAbove = code.length <= 5;

  const [
    now,
    before,
    trend,
    areasNow,
    areasBefore,
    open,
    children,
    pending,
    repeat,
    repeatBefore,
    repeatPersons,
    load,
    spikes,
  ] = await Promise.all([
    sumsByValue(db, { ...base, months }),
    sumsByValue(db, { ...base, months: monthsBefore }),
    countsByMonth(db, { ...base, months: trendMonths }),
    countsByArea(db, { ...base, months }),
    countsByArea(db, { ...base, months: monthsBefore }),
    openByMonth(db, base),
    code.length <= 8 ? childRegions(db, code) : Promise.resolve([]),
    dirtyCount(db, code),
    kabOrAbove ? repeatVictims(db, code, start, end) : null,
    kabOrAbove ? repeatVictims(db, code, startBefore, endBefore) : null,
    kabOrAbove ? repeatVictimPersons(db, code, start, end) : 0,
    kabOrAbove ? workload(db, code) : Promise.resolve([]),
    code.length === 5 ? countsByArea(db, { ...base, months: spikeMonths }) : Promise.resolve([]),
  ]);
  const s = byMeasure(now);
  const b = byMeasure(before);
  const compared = (m: string) => ({ n: total(s, m), before: total(b, m) });

  // areas one level down, every one of them (none counted: 0), then "not recorded"
  const areaSum = (rows: typeof areasNow, area: string, measure: string) =>
    rows.filter((r) => r.area === area && r.measure === measure).reduce((a, r) => a + r.n, 0);
  const has = (a: string) => areasNow.some((r) => r.area === a) || areasBefore.some((r) => r.area === a);
  const areaCodes = [
    ...children.map((c) => c.code),
    // a province: the cases its own Dinas holds (transfers to the province) are a row of their own
    ...(code.length === 2 && has(code) ? [code] : []),
    ...(has('') ? [''] : []),
  ];
  const areas = areaCodes
    .map((a) => ({
      code: a,
      name:
        a === ''
          ? 'Tidak tercatat'
          : a === code
            ? `Ditangani Dinas provinsi sendiri`
            : (children.find((c) => c.code === a)?.name ?? a),
      cases: areaSum(areasNow, a, 'cases'),
      victims: areaSum(areasNow, a, 'victims'),
      casesBefore: areaSum(areasBefore, a, 'cases'),
      victimsBefore: areaSum(areasBefore, a, 'victims'),
    }))
    // the busiest first (what a head of Dinas looks for); "not recorded" last
    .sort((x, y) =>
      (x.code === '') !== (y.code === '')
        ? x.code === ''
          ? 1
          : -1
        : y.cases - x.cases || y.casesBefore - x.casesBefore || x.code.localeCompare(y.code),
    );

  const figures =
    code.length > 8
      ? []
      : FIGURES.map((f) => {
          const nowValues = s.get(f.measure) ?? new Map<string, number>();
          const beforeValues = b.get(f.measure) ?? new Map<string, number>();
          const known = f.codes.map((c) => c.code);
          const extra = [...new Set([...nowValues.keys(), ...beforeValues.keys()])].filter(
            (v) => !known.includes(v),
          );
          const rows = [...known, ...extra]
            .map((c) => ({
              code: c,
              label: labelOf(f.codes, c),
              n: nowValues.get(c) ?? 0,
              before: beforeValues.get(c) ?? 0,
            }))
            .filter((r) => known.includes(r.code) || r.n > 0 || r.before > 0);
          return {
            measure: f.measure,
            title: f.title,
            unit: f.unit,
            note: f.note ?? null,
            caseFilter: f.caseFilter ?? null,
            rows,
            total: rows.reduce((a, r) => a + r.n, 0),
          };
        });

  const rightsNow = s.get('right') ?? new Map<string, number>();
  const rights =
    code.length > 8
      ? []
      : RIGHT_CODES.map((r) => {
          const statuses: Record<string, number> = {};
          for (const st of RIGHT_STATUS_CODES) statuses[st.code] = rightsNow.get(`${r.code}:${st.code}`) ?? 0;
          const needed = Object.entries(statuses)
            .filter(([k]) => k !== 'tidak_diperlukan' && k !== 'belum_dinilai')
            .reduce((a, [, n]) => a + n, 0);
          return {
            right: r.code,
            label: r.label,
            statuses,
            fulfilledShare: share(statuses.terpenuhi ?? 0, needed),
          };
        });

  const responseFigure = FIGURES.find((f) => f.measure === 'response_hours')!;
  const closureFigure = FIGURES.find((f) => f.measure === 'closure_days')!;
  const quantile = (
    measure: string,
    edges: readonly number[],
    qq: number,
    list: typeof responseFigure.codes,
  ) => {
    const k = bucketQuantile(s.get(measure) ?? new Map(), edges, qq);
    return k ? { code: k, label: labelOf(list, k) } : null;
  };
  const deadline = s.get('response_deadline') ?? new Map<string, number>();
  const police = s.get('police_72h') ?? new Map<string, number>();
  const outcomeShare = (m: Map<string, number>) =>
    share(
      m.get('tepat_waktu') ?? 0,
      (m.get('tepat_waktu') ?? 0) + (m.get('terlambat') ?? 0) + (m.get('belum') ?? 0),
    );

  const thisMonth = localMonth(ctx.clock(), code);
  const today = localDate(ctx.clock(), code);
  const ageOf = (month: string) => {
    const [y1, m1] = thisMonth.split('-').map(Number) as [number, number];
    const [y2, m2] = month.split('-').map(Number) as [number, number];
    return (y1 - y2) * 12 + (m1 - m2);
  };
  const AGE_GROUPS: Array<{ code: string; label: Label; max: number }> = [
    { code: '<1', label: { id: 'Bulan ini', en: 'This month' }, max: 0 },
    { code: '1-3', label: { id: '1–3 bulan', en: '1–3 months' }, max: 3 },
    { code: '4-6', label: { id: '4–6 bulan', en: '4–6 months' }, max: 6 },
    { code: '7-12', label: { id: '7–12 bulan', en: '7–12 months' }, max: 12 },
    {
      code: '>12',
      label: { id: 'Lebih dari 12 bulan', en: 'Over 12 months' },
      max: Number.POSITIVE_INFINITY,
    },
  ];
  const openByAge = AGE_GROUPS.map((g, i) => ({
    code: g.code,
    label: g.label,
    n: open
      .filter((o) => {
        const a = ageOf(o.month);
        return a <= g.max && a > (i === 0 ? -Infinity : AGE_GROUPS[i - 1]!.max);
      })
      .reduce((a, o) => a + o.n, 0),
  }));

  const names = can(ctx.actor, 'dashboard:officers');
  const units = new Map<
    string,
    { unit: string; officer: string | null; openCases: number; overdueTasks: number; overdueHighRisk: number }
  >();
  for (const w of load) {
    // officers are named to those who manage them: their own kab/kota's (or province's) staff only
    const named = names && w.jurisdiction === ctx.actor.jurisdiction;
    const k = named ? `${w.org_id}|${w.user_id ?? ''}` : w.org_id;
    const officer = named ? (w.user_name ?? 'Belum ada manajer kasus') : null;
    const u = units.get(k) ?? {
      unit: w.org_name,
      officer,
      openCases: 0,
      overdueTasks: 0,
      overdueHighRisk: 0,
    };
    u.openCases += w.open_cases;
    u.overdueTasks += w.overdue_tasks;
    u.overdueHighRisk += w.overdue_high_risk;
    units.set(k, u);
  }
  const workloadAt = load.reduce<Date | null>(
    (a, w) => (a && a > new Date(w.computed_at) ? a : new Date(w.computed_at)),
    null,
  );

  const signals: DashboardDto['signals'] = [];
  const spikeLast = addMonths(lastMonth, 0);
  for (const c of children) {
    const series = (m: string) =>
      spikes
        .filter((r) => r.area === c.code && r.month === m && r.measure === 'cases')
        .reduce((a, r) => a + r.n, 0);
    const n = series(spikeLast);
    const last12 = spikeMonths.slice(0, 12).map(series);
    if (isSpike(n, last12)) {
      const mean = last12.reduce((a, x) => a + x, 0) / 12;
      const meanText = (lang: string) =>
        new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(mean);
      signals.push({
        kind: 'lonjakan_kecamatan',
        area: c.code,
        n,
        text: {
          id: `Kecamatan ${c.name}: ${n} kasus pada bulan terakhir periode, jauh di atas rata-rata 12 bulan sebelumnya (${meanText('id-ID')}).`,
          en: `Kecamatan ${c.name}: ${n} cases in the period's last month, far above its previous 12-month mean (${meanText('en')}).`,
        },
      });
    }
  }
  const highRiskLate = [...units.values()].reduce((a, u) => a + u.overdueHighRisk, 0);
  if (highRiskLate > 0)
    signals.push({
      kind: 'risiko_tinggi_terlambat',
      area: null,
      n: highRiskLate,
      text: {
        id: `${highRiskLate} kasus risiko tinggi melewati batas waktu respons 1 jam dan belum direspons.`,
        en: `${highRiskLate} high-risk cases are past the 1-hour response deadline without a response.`,
      },
    });
  if (repeatPersons > 0)
    signals.push({
      kind: 'korban_berulang',
      area: null,
      n: repeatPersons,
      text: {
        id: `${repeatPersons} korban tercatat (menurut NIK) di lebih dari satu kasus dalam periode ini.`,
        en: `${repeatPersons} victims are recorded (by NIK) in more than one case in this period.`,
      },
    });

  const victims = compared('victims');
  return {
    region: {
      code,
      name: self.name,
      level: self.level,
      zone: ZONE_ABBR[zoneOfRegion(code)],
      path: path.map((p) => ({ code: p.code, name: p.name })),
    },
    period: { from: q.from, to: q.to },
    compare,
    caseType: q.caseType,
    through: today < q.to ? today : null,
    asOf: ctx.clock().toISOString(),
    pendingChanges: pending,
    totals: {
      cases: compared('cases'),
      victims,
      victimPersons:
        repeat && repeatBefore
          ? {
              n: victims.n - (repeat.records - repeat.persons),
              before: victims.before - (repeatBefore.records - repeatBefore.persons),
            }
          : null,
      perpetrators: code.length > 8 ? null : compared('perpetrators'),
    },
    areas,
    trend: trendMonths.map((m) => ({
      month: m.slice(0, 7),
      cases: trend.filter((t) => t.month === m && t.measure === 'cases').reduce((a, t) => a + t.n, 0),
      victims: trend.filter((t) => t.month === m && t.measure === 'victims').reduce((a, t) => a + t.n, 0),
    })),
    figures,
    rights,
    handling: {
      responseMedian: quantile('response_hours', RESPONSE_HOURS, 0.5, responseFigure.codes),
      responseP90: quantile('response_hours', RESPONSE_HOURS, 0.9, responseFigure.codes),
      withinDeadlineShare: outcomeShare(deadline),
      policeWithin72hShare: outcomeShare(police),
      closureMedian: quantile('closure_days', CLOSURE_DAYS, 0.5, closureFigure.codes),
      // a desa keeps cases and victims only: no stage, so no open cases by age
      openByAge: code.length > 8 ? [] : openByAge,
      workload: [...units.values()],
      workloadAt: workloadAt ? workloadAt.toISOString() : null,
    },
    signals,
  };
}
