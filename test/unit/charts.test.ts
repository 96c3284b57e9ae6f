import { describe, expect, it } from 'vitest';
import {
  barChart,
  barLayout,
  fitText,
  lineChart,
  lineLayout,
  niceMax,
  niceTicks,
  type SvgNode,
  svgString,
} from '../../src/domain/charts.ts';

const idNumber = (n: number) => n.toLocaleString('id-ID');

function all(node: SvgNode): SvgNode[] {
  return [node, ...(node.children ?? []).flatMap(all)];
}

describe('round numbers for axes', () => {
  it('rounds a maximum up to 1, 2, 2.5 or 5 × 10ⁿ, and nothing to 1', () => {
    expect([0, -3, Number.NaN, 1, 3, 7, 10, 11, 24, 26, 99, 1234].map(niceMax)).toEqual([
      1, 1, 1, 1, 5, 10, 10, 20, 25, 50, 100, 2000,
    ]);
  });

  it('gives whole, evenly spaced ticks from 0 to at least the maximum', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(100)).toEqual([0, 50, 100]);
    for (const max of [1, 5, 9, 13, 47, 101, 999, 12_345]) {
      const t = niceTicks(max);
      expect(t[0]).toBe(0);
      expect(t[t.length - 1]).toBeGreaterThanOrEqual(max);
      expect(t.length).toBeLessThanOrEqual(10);
      const step = t[1]! - t[0]!;
      expect(Number.isInteger(step) && step > 0).toBe(true);
      expect(t).toEqual(t.map((_, i) => i * step));
    }
  });

  it('shortens a long label with an ellipsis, and leaves a short one alone', () => {
    expect(fitText('Fisik', 200, 13)).toBe('Fisik');
    const long = 'Tindak pidana kekerasan seksual berbasis elektronik';
    const short = fitText(long, 120, 13);
    expect(short.endsWith('…')).toBe(true);
    expect(short.length).toBeLessThan(long.length);
    expect(long.startsWith(short.slice(0, -1))).toBe(true);
  });
});

describe('horizontal bars with the year before', () => {
  const rows = [
    { label: 'Fisik', value: 12, before: 6 },
    { label: 'Psikis', value: 0, before: 3 },
    { label: 'Seksual', value: 25, before: 25 },
  ];
  const opts = { width: 400, format: idNumber, legend: { now: 'Jan–Jun 2026', before: 'Jan–Jun 2025' } };

  it('draws bar lengths in proportion to the counts, on one scale for both years', () => {
    const l = barLayout(rows, opts);
    expect(l.max).toBe(25);
    const [a, b, c] = l.rows;
    expect(c!.now.width).toBe(l.plot.width);
    expect(a!.now.width).toBeCloseTo((12 / 25) * l.plot.width, 0);
    expect(a!.before!.width).toBeCloseTo(a!.now.width / 2, 0);
    expect(c!.before!.width).toBe(c!.now.width);
    // a zero has no length but still its number
    expect(b!.now.width).toBe(0);
    expect(b!.now.text).toBe('0');
  });

  it('keeps every bar and its number inside the chart, rows below each other', () => {
    const l = barLayout([...rows, { label: 'Besar', value: 1_234_567, before: 0 }], opts);
    let lastBottom = 0;
    for (const r of l.rows) {
      expect(r.labelY).toBeGreaterThan(lastBottom);
      for (const b of [r.now, r.before!]) {
        expect(b.x + b.width).toBeLessThanOrEqual(l.width);
        expect(b.textX + b.text.length * 13 * 0.56).toBeLessThanOrEqual(l.width + 1);
        expect(b.y + b.height).toBeLessThanOrEqual(l.height);
      }
      lastBottom = r.before!.y + r.before!.height;
    }
    expect(l.rows[3]!.now.text).toBe('1.234.567');
  });

  it('has a legend only when rows are compared and texts are given', () => {
    expect(barLayout(rows, opts).legend.map((e) => e.text)).toEqual(['Jan–Jun 2026', 'Jan–Jun 2025']);
    expect(barLayout(rows, { width: 400 }).legend).toEqual([]);
    const single = barLayout(
      rows.map(({ label, value }) => ({ label, value })),
      opts,
    );
    expect(single.legend).toEqual([]);
    expect(single.rows.every((r) => r.before === null)).toBe(true);
  });

  it('scales a chart of zeros without dividing by zero', () => {
    const l = barLayout([{ label: 'A', value: 0, before: 0 }], opts);
    expect(l.max).toBe(1);
    expect(l.rows[0]!.now.width).toBe(0);
    expect(Number.isFinite(l.height)).toBe(true);
  });

  it('renders an SVG hidden from screen readers, with the numbers and full labels in it', () => {
    const tree = barChart(rows, { ...opts, className: 'chart' });
    expect(tree.tag).toBe('svg');
    expect(tree.attrs['aria-hidden']).toBe('true');
    expect(tree.attrs.class).toBe('chart');
    const texts = all(tree)
      .filter((n) => n.tag === 'text')
      .map((n) => n.text);
    expect(texts).toEqual(expect.arrayContaining(['Fisik', '12', '6', 'Psikis', '0', '3', 'Seksual', '25']));
    // no bar for a zero
    const rects = all(tree).filter((n) => n.tag === 'rect');
    expect(rects.every((r) => Number(r.attrs.width) > 0)).toBe(true);
  });
});

describe('a line over 24 months', () => {
  const labels = Array.from({ length: 24 }, (_, i) => `Bln ${String(i + 1).padStart(2, '0')} 2026`);
  const cases = Array.from({ length: 24 }, (_, i) => (i * 7) % 13);
  const victims = cases.map((n) => n + 2);
  const series = [
    { name: 'Kasus', values: cases },
    { name: 'Korban', values: victims },
  ];

  it('places the months evenly from the left edge of the plot to its right edge', () => {
    const l = lineLayout(series, { width: 640, labels });
    const xs = l.series[0]!.points.map((p) => p.x);
    expect(xs[0]).toBe(l.plot.x);
    expect(xs[23]).toBeCloseTo(l.plot.x + l.plot.width, 0);
    const gaps = xs.slice(1).map((x, i) => x - xs[i]!);
    for (const g of gaps) expect(g).toBeCloseTo(gaps[0]!, 0);
    expect(l.plot.x + l.plot.width).toBeLessThanOrEqual(l.width);
  });

  it('puts zero on the base line and the top tick at the top of the plot', () => {
    const l = lineLayout(series, { width: 640, labels });
    const base = l.plot.y + l.plot.height;
    const top = l.yTicks[l.yTicks.length - 1]!;
    expect(l.yTicks[0]).toMatchObject({ value: 0, y: base });
    expect(top.y).toBe(l.plot.y);
    expect(top.value).toBeGreaterThanOrEqual(Math.max(...victims));
    const zero = l.series[0]!.points.find((p) => p.value === 0)!;
    expect(zero.y).toBe(base);
    const highest = l.series[1]!.points.reduce((a, p) => (p.value > a.value ? p : a));
    expect(highest.y).toBeCloseTo(base - (highest.value / top.value) * l.plot.height, 0);
  });

  it('labels as many months as fit, always the last one, never overlapping', () => {
    const narrow = lineLayout(series, { width: 320, labels });
    const wide = lineLayout(series, { width: 1200, labels });
    expect(narrow.xTicks.length).toBeLessThan(wide.xTicks.length);
    for (const l of [narrow, wide]) {
      expect(l.xTicks[l.xTicks.length - 1]!.text).toBe('Bln 24 2026');
      const width = labels[0]!.length * 13 * 0.56;
      for (let i = 1; i < l.xTicks.length; i++)
        expect(l.xTicks[i]!.x - l.xTicks[i - 1]!.x).toBeGreaterThanOrEqual(width);
      expect(l.xTicks[0]!.x - width / 2).toBeGreaterThanOrEqual(-1);
      expect(l.xTicks[l.xTicks.length - 1]!.x + width / 2).toBeLessThanOrEqual(l.width + 1);
    }
  });

  it('draws the second series dashed, so the lines differ without colour', () => {
    const paths = all(lineChart(series, { width: 640, labels })).filter((n) => n.tag === 'path');
    expect(paths).toHaveLength(2);
    expect(paths[0]!.attrs['stroke-dasharray']).toBeUndefined();
    expect(paths[1]!.attrs['stroke-dasharray']).toBeDefined();
    expect(String(paths[0]!.attrs.d).match(/[ML]/g)).toHaveLength(24);
  });

  it('formats the axis with the given number format', () => {
    const big = [{ name: 'Kasus', values: [0, 12_000] }];
    const l = lineLayout(big, { width: 400, labels: ['a', 'b'], format: idNumber });
    expect(l.yTicks.map((t) => t.text)).toContain('10.000');
    expect(l.legend).toEqual([]);
  });
});

describe('SVG markup for the printable report', () => {
  it('serialises the tree with every text and attribute escaped', () => {
    const svg = svgString(barChart([{ label: 'Anak <18> & "remaja"', value: 2 }], { width: 300 }));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 ')).toBe(true);
    expect(svg).toContain('Anak &lt;18&gt; &amp; &quot;remaja&quot;');
    expect(svg).not.toContain('<18>');
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svgString({ tag: 'rect', attrs: { x: 1 } })).toBe('<rect x="1"/>');
  });

  it('is the same tree whatever renders it: a pure function of the rows', () => {
    const rows = [{ label: 'A', value: 3, before: 1 }];
    expect(svgString(barChart(rows, { width: 300 }))).toBe(svgString(barChart(rows, { width: 300 })));
  });
});
