/**
 * Charts of the dashboard and the periodic report (issue 11 §1, §2; decision 027): rows of counts
 * in, chart geometry and a small SVG element tree out. Pure: no DOM, no I/O, no clock, no locale
 * (the caller passes a number formatter and the texts). The staff app renders the tree as Preact
 * elements; the server serialises the same tree with `svgString` for the printable report and the
 * PDF, so a chart looks the same on the screen and on paper.
 *
 * A chart is never the only carrier of its numbers: every chart stands next to a table with the
 * same figures, and the SVG is marked `aria-hidden`. Text is never measured (there is no DOM to
 * measure with): widths are estimated from the character count, and long labels are shortened
 * with an ellipsis in the chart only (the table keeps them whole).
 */

/** One element of an SVG: its tag, attributes, and either child elements or text. */
export type SvgNode = {
  tag: 'svg' | 'g' | 'rect' | 'line' | 'path' | 'circle' | 'text' | 'title';
  attrs: Record<string, string | number>;
  children?: SvgNode[];
  text?: string;
};

export type Palette = {
  /** the period's bars and the first series */
  now: string;
  /** the same period a year earlier, and the second series */
  before: string;
  text: string;
  muted: string;
  grid: string;
};

/** Colours that keep ≥ 3:1 against white for the marks and ≥ 4.5:1 for the text. */
export const DEFAULT_PALETTE: Palette = {
  now: '#6b2a7a',
  before: '#1f7a8c',
  text: '#1d1a22',
  muted: '#57505f',
  grid: '#cfc6d6',
};

type Common = {
  /** the chart's width in CSS pixels (the web passes its box's width, the report its page's) */
  width: number;
  /** a count as the reader writes it (id-ID: 1.234); default: digits */
  format?: (n: number) => string;
  fontSize?: number;
  palette?: Partial<Palette>;
  /** a class on the root element (the web styles charts by class) */
  className?: string;
};

/* ---------------------------------------------------------------- numbers and text */

/** The smallest "round" number (1, 2, 2.5, 5 × 10ⁿ) at or above `max`; 1 when there is nothing. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/**
 * Axis ticks from 0 to a round top at or above `max`: about `count` steps of 1, 2 or 5 × 10ⁿ,
 * whole numbers only (counts have no fractions).
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  let step = 1;
  for (let power = 1; step < raw; power *= 10) {
    step = [1, 2, 5, 10].map((s) => s * power).find((s) => s >= raw) ?? 10 * power;
  }
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return ticks;
}

/** About how wide a text is at a font size: the average width of a sans-serif character. */
export function textWidth(s: string, fontSize: number): number {
  return [...s].length * fontSize * 0.56;
}

/** A text shortened with an ellipsis to fit a width (estimated); unchanged when it fits. */
export function fitText(s: string, width: number, fontSize: number): string {
  const chars = [...s];
  const max = Math.floor(width / (fontSize * 0.56));
  if (chars.length <= max) return s;
  if (max <= 1) return '…';
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/* ---------------------------------------------------------------- horizontal bars */

export type BarRow = {
  label: string;
  value: number;
  /** the same row a year earlier; left out (or null) for a chart without comparison */
  before?: number | null;
};

export type Box = { x: number; y: number; width: number; height: number };

export type BarLayout = {
  width: number;
  height: number;
  /** the value the full plot width stands for */
  max: number;
  /** where the bars start and how long the longest may be */
  plot: { x: number; width: number };
  /** the legend's entries (present when the rows have a comparison and legend texts were given) */
  legend: Array<{ key: 'now' | 'before'; text: string; box: Box; textX: number; textY: number }>;
  rows: Array<{
    label: string;
    /** the label, shortened to the chart's width */
    shown: string;
    labelY: number;
    now: Box & { value: number; text: string; textX: number; textY: number };
    before: (Box & { value: number; text: string; textX: number; textY: number }) | null;
  }>;
};

export type BarOptions = Common & {
  /** legend texts: the period and the period a year earlier */
  legend?: { now: string; before: string };
};

/**
 * Horizontal bars, one group per row: the label on its own line (so long Indonesian labels keep
 * their words on a phone), the period's bar under it, and when the row has one, a thinner bar of
 * the same period a year earlier. Each bar has its count written after it; a zero has no bar.
 */
export function barLayout(rows: readonly BarRow[], opts: BarOptions): BarLayout {
  const fs = opts.fontSize ?? 13;
  const format = opts.format ?? String;
  const width = Math.max(160, opts.width);
  const compare = rows.some((r) => r.before !== undefined && r.before !== null);
  const max = niceMax(Math.max(0, ...rows.flatMap((r) => [r.value, r.before ?? 0])));
  const widest = Math.max(
    0,
    ...rows.flatMap((r) => [r.value, r.before ?? 0]).map((n) => textWidth(format(n), fs)),
  );
  const plot = { x: 0, width: Math.floor(Math.max(40, width - widest - 8)) };
  const barH = Math.round(fs * 1.1);
  const beforeH = Math.round(barH * 0.6);
  const scale = (n: number) => r1((Math.max(0, n) / max) * plot.width);

  let y = 0;
  const legend: BarLayout['legend'] = [];
  if (compare && opts.legend) {
    let x = 0;
    for (const key of ['now', 'before'] as const) {
      const text = opts.legend[key];
      const box = { x, y: 2, width: fs, height: key === 'now' ? barH * 0.8 : beforeH };
      legend.push({ key, text, box, textX: x + fs + 6, textY: fs });
      x += fs + 6 + textWidth(text, fs) + 16;
    }
    y = fs + 12;
  }
  const out: BarLayout['rows'] = [];
  for (const r of rows) {
    const labelY = y + fs;
    const barY = labelY + 5;
    const nowW = scale(r.value);
    const now = {
      x: plot.x,
      y: barY,
      width: nowW,
      height: barH,
      value: r.value,
      text: format(r.value),
      textX: plot.x + nowW + 4,
      textY: barY + barH / 2 + fs * 0.35,
    };
    let before: BarLayout['rows'][number]['before'] = null;
    let bottom = barY + barH;
    if (compare) {
      const b = r.before ?? 0;
      const bw = scale(b);
      const by = barY + barH + 2;
      before = {
        x: plot.x,
        y: by,
        width: bw,
        height: beforeH,
        value: b,
        text: format(b),
        textX: plot.x + bw + 4,
        textY: by + beforeH / 2 + fs * 0.3,
      };
      bottom = by + beforeH;
    }
    out.push({ label: r.label, shown: fitText(r.label, width, fs), labelY, now, before });
    y = bottom + Math.round(fs * 0.9);
  }
  return { width, height: Math.ceil(y), max, plot, legend, rows: out };
}

function root(width: number, height: number, opts: Common, children: SvgNode[]): SvgNode {
  return {
    tag: 'svg',
    attrs: {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      'aria-hidden': 'true',
      focusable: 'false',
      'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
      'font-size': opts.fontSize ?? 13,
      ...(opts.className ? { class: opts.className } : {}),
    },
    children,
  };
}

const text = (x: number, y: number, s: string, attrs: Record<string, string | number> = {}): SvgNode => ({
  tag: 'text',
  attrs: { x: r1(x), y: r1(y), ...attrs },
  text: s,
});

/** The bar chart as an SVG element tree. */
export function barChart(rows: readonly BarRow[], opts: BarOptions): SvgNode {
  const l = barLayout(rows, opts);
  const p = { ...DEFAULT_PALETTE, ...opts.palette };
  const fs = opts.fontSize ?? 13;
  const nodes: SvgNode[] = [];
  for (const e of l.legend) {
    nodes.push({
      tag: 'rect',
      attrs: { ...e.box, fill: e.key === 'now' ? p.now : p.before, class: `chart-${e.key}` },
    });
    nodes.push(text(e.textX, e.textY, e.text, { fill: p.text, class: 'chart-text' }));
  }
  // the axis every bar starts from
  const top = l.rows[0] ? l.rows[0].labelY + 4 : 0;
  nodes.push({
    tag: 'line',
    attrs: { x1: 0.5, x2: 0.5, y1: top, y2: l.height, stroke: p.grid, class: 'chart-grid' },
  });
  for (const r of l.rows) {
    const group: SvgNode[] = [
      { tag: 'title', attrs: {}, text: r.label },
      text(0, r.labelY, r.shown, { fill: p.text, class: 'chart-text' }),
    ];
    const bar = (b: NonNullable<typeof r.before>, key: 'now' | 'before') => {
      if (b.width > 0)
        group.push({
          tag: 'rect',
          attrs: {
            x: b.x,
            y: b.y,
            width: b.width,
            height: b.height,
            fill: key === 'now' ? p.now : p.before,
            class: `chart-${key}`,
          },
        });
      group.push(
        text(b.textX, b.textY, b.text, {
          fill: key === 'now' ? p.text : p.muted,
          'font-size': key === 'now' ? fs : Math.round(fs * 0.85),
          class: key === 'now' ? 'chart-text' : 'chart-muted',
        }),
      );
    };
    bar(r.now, 'now');
    if (r.before) bar(r.before, 'before');
    nodes.push({ tag: 'g', attrs: { class: 'chart-row' }, children: group });
  }
  return root(l.width, l.height, opts, nodes);
}

/* ---------------------------------------------------------------- a line over months */

export type LineSeries = { name: string; values: readonly number[] };

export type LineLayout = {
  width: number;
  height: number;
  plot: Box;
  yTicks: Array<{ value: number; y: number; text: string }>;
  xTicks: Array<{ x: number; text: string }>;
  legend: Array<{ name: string; x: number; y: number }>;
  series: Array<{ name: string; d: string; points: Array<{ x: number; y: number; value: number }> }>;
};

export type LineOptions = Common & {
  /** the plot's height without legend and axis labels (default 180) */
  height?: number;
  /** the text under each point of the x axis (e.g. "Jan 2026"); shown as often as they fit */
  labels: readonly string[];
};

/**
 * Lines of counts over a run of months (the dashboard's 24-month trend): one line per series, a
 * dot on every month, round y ticks from zero, and as many month labels as fit without
 * overlapping, always including the last month.
 */
export function lineLayout(series: readonly LineSeries[], opts: LineOptions): LineLayout {
  const fs = opts.fontSize ?? 13;
  const format = opts.format ?? String;
  const width = Math.max(200, opts.width);
  const n = Math.max(0, ...series.map((s) => s.values.length), opts.labels.length);
  const ticks = niceTicks(Math.max(0, ...series.flatMap((s) => s.values)));
  const top = ticks[ticks.length - 1] ?? 1;
  const tickWidth = Math.max(...ticks.map((t) => textWidth(format(t), fs)));
  const legendH = series.length > 1 ? fs + 12 : 0;
  const plotH = opts.height ?? 180;
  // half a label beyond the first and last point, so their labels stay inside the chart
  const widestLabel = Math.max(0, ...opts.labels.map((s) => textWidth(s, fs)));
  const left = Math.ceil(Math.max(tickWidth + 8, widestLabel / 2));
  const right = Math.ceil(widestLabel / 2) + 2;
  const plot: Box = {
    x: left,
    y: legendH + fs / 2,
    width: Math.max(40, width - left - right),
    height: plotH,
  };
  const xAt = (i: number) => r1(n <= 1 ? plot.x + plot.width / 2 : plot.x + (i * plot.width) / (n - 1));
  const yAt = (v: number) => r1(plot.y + plot.height - (Math.max(0, v) / top) * plot.height);

  const yTicks = ticks.map((value) => ({ value, y: yAt(value), text: format(value) }));
  // every k-th month, counted back from the last, so the labels do not touch
  const room = n <= 1 ? plot.width : plot.width / (n - 1);
  const every = Math.max(1, Math.ceil((widestLabel + 8) / room));
  const xTicks: LineLayout['xTicks'] = [];
  for (let i = n - 1; i >= 0; i -= every) xTicks.unshift({ x: xAt(i), text: opts.labels[i] ?? '' });

  const legend: LineLayout['legend'] = [];
  if (series.length > 1) {
    let x = plot.x;
    for (const s of series) {
      legend.push({ name: s.name, x, y: fs });
      x += 28 + textWidth(s.name, fs) + 16;
    }
  }
  const lines = series.map((s) => {
    const points = s.values.map((value, i) => ({ x: xAt(i), y: yAt(value), value }));
    const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
    return { name: s.name, d, points };
  });
  return {
    width,
    height: Math.ceil(plot.y + plot.height + fs * 1.8),
    plot,
    yTicks,
    xTicks,
    legend,
    series: lines,
  };
}

/**
 * The line chart as an SVG element tree. The second series is dashed with square marks, so the
 * two can be told apart without colour.
 */
export function lineChart(series: readonly LineSeries[], opts: LineOptions): SvgNode {
  const l = lineLayout(series, opts);
  const p = { ...DEFAULT_PALETTE, ...opts.palette };
  const fs = opts.fontSize ?? 13;
  const colour = (i: number) => (i === 0 ? p.now : p.before);
  const cls = (i: number) => (i === 0 ? 'chart-now' : 'chart-before');
  const nodes: SvgNode[] = [];
  for (const t of l.yTicks) {
    nodes.push({
      tag: 'line',
      attrs: {
        x1: l.plot.x,
        x2: l.plot.x + l.plot.width,
        y1: t.y,
        y2: t.y,
        stroke: p.grid,
        class: 'chart-grid',
      },
    });
    nodes.push(
      text(l.plot.x - 6, t.y + fs * 0.35, t.text, {
        'text-anchor': 'end',
        fill: p.muted,
        class: 'chart-muted',
      }),
    );
  }
  const base = l.plot.y + l.plot.height;
  for (const t of l.xTicks) {
    nodes.push({
      tag: 'line',
      attrs: { x1: t.x, x2: t.x, y1: base, y2: base + 4, stroke: p.grid, class: 'chart-grid' },
    });
    nodes.push(
      text(t.x, base + fs * 1.4, t.text, { 'text-anchor': 'middle', fill: p.muted, class: 'chart-muted' }),
    );
  }
  l.legend.forEach((e, i) => {
    const y = e.y - fs * 0.35;
    nodes.push({
      tag: 'line',
      attrs: {
        x1: e.x,
        x2: e.x + 22,
        y1: y,
        y2: y,
        stroke: colour(i),
        'stroke-width': 2.5,
        ...(i > 0 ? { 'stroke-dasharray': '5 3' } : {}),
        class: cls(i),
      },
    });
    nodes.push(text(e.x + 28, e.y, e.name, { fill: p.text, class: 'chart-text' }));
  });
  l.series.forEach((s, i) => {
    const marks = s.points.map(
      (pt): SvgNode =>
        i === 0
          ? { tag: 'circle', attrs: { cx: pt.x, cy: pt.y, r: 3, fill: colour(i), class: cls(i) } }
          : {
              tag: 'rect',
              attrs: {
                x: r1(pt.x - 2.5),
                y: r1(pt.y - 2.5),
                width: 5,
                height: 5,
                fill: colour(i),
                class: cls(i),
              },
            },
    );
    nodes.push({
      tag: 'g',
      attrs: { class: 'chart-series' },
      children: [
        { tag: 'title', attrs: {}, text: s.name },
        {
          tag: 'path',
          attrs: {
            d: s.d,
            fill: 'none',
            stroke: colour(i),
            'stroke-width': 2.5,
            'stroke-linejoin': 'round',
            ...(i > 0 ? { 'stroke-dasharray': '5 3' } : {}),
            class: `${cls(i)}-line`,
          },
        },
        ...marks,
      ],
    });
  });
  return root(l.width, l.height, opts, nodes);
}

/* ---------------------------------------------------------------- to text */

const esc = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** An element tree as SVG markup (the printable report, the PDF), every text and attribute escaped. */
export function svgString(node: SvgNode): string {
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join('');
  const inner =
    node.text !== undefined ? esc(node.text) : (node.children ?? []).map((c) => svgString(c)).join('');
  return inner === '' ? `<${node.tag}${attrs}/>` : `<${node.tag}${attrs}>${inner}</${node.tag}>`;
}
