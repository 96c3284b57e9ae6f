/**
 * The dashboard's charts: the element trees of src/domain/charts.ts (the module the printable
 * report uses too) drawn as Preact elements at the width of their box. Each chart is hidden from
 * screen readers (`aria-hidden` on the SVG): the table beside it carries the same numbers.
 */
import './words.ts';
import { type ComponentChild, h } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import {
  type BarRow,
  barChart,
  type LineSeries,
  lineChart,
  type SvgNode,
} from '../../../../src/domain/charts.ts';
import { fmtNumber } from '../../lib/format.ts';

function toVNode(node: SvgNode, key?: number): ComponentChild {
  // inline SVG gets its namespace from the HTML parser and Preact; the attribute is for SVG files
  const { xmlns: _, ...attrs } = node.attrs;
  const props: Record<string, unknown> = { ...attrs, key };
  return h(node.tag, props, node.text ?? (node.children ?? []).map((c, i) => toVNode(c, i)));
}

/** The width of a box in CSS pixels, kept up to date as the window or the layout changes. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.floor(el.clientWidth));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return { ref, width };
}

export function BarChart({ rows, legend }: { rows: BarRow[]; legend?: { now: string; before: string } }) {
  const { ref, width } = useWidth();
  return (
    <div class="chart" ref={ref}>
      {width > 0 &&
        toVNode(
          barChart(rows, { width, format: fmtNumber, className: 'chart-svg', ...(legend ? { legend } : {}) }),
        )}
    </div>
  );
}

export function LineChart({ series, labels }: { series: LineSeries[]; labels: string[] }) {
  const { ref, width } = useWidth();
  return (
    <div class="chart" ref={ref}>
      {width > 0 && toVNode(lineChart(series, { width, labels, format: fmtNumber, className: 'chart-svg' }))}
    </div>
  );
}
