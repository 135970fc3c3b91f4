import { formatNumber, h, svg } from './dom.js';

export interface SessionPoint {
  label: string;
  /** The audience's matched size when the session ended. */
  matched: number;
  /** 0 to 1: matched size over the valid rows received up to this session. */
  rate: number;
}

const width = 720;
const height = 240;
const margin = { top: 16, right: 52, bottom: 34, left: 60 };
const gridLines = 4;

/**
 * The audience's matched size after each upload session (bars, left axis) and its match
 * rate (line, right axis), oldest session first. Plain SVG.
 */
export function sessionChart(points: SessionPoint[]): HTMLElement {
  if (points.length === 0) return h('p', { class: 'muted' }, 'No finished upload sessions yet: the chart appears once one ends.');
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const top = niceCeiling(Math.max(1, ...points.map((point) => point.matched)));
  const band = plotWidth / points.length;
  const barWidth = Math.min(48, band * 0.6);
  const x = (index: number) => margin.left + band * index + band / 2;
  const yCount = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;
  const yRate = (rate: number) => margin.top + plotHeight - rate * plotHeight;
  const labelEvery = Math.ceil(points.length / 8);

  const grid = Array.from({ length: gridLines + 1 }, (_, step) => {
    const fraction = step / gridLines;
    const y = margin.top + plotHeight - fraction * plotHeight;
    return [
      svg('line', { x1: margin.left, x2: width - margin.right, y1: y, y2: y, class: 'chart-grid' }),
      svg('text', { x: margin.left - 8, y: y + 4, 'text-anchor': 'end', class: 'chart-axis' }, formatNumber(Math.round(top * fraction))),
      svg('text', { x: width - margin.right + 8, y: y + 4, class: 'chart-axis' }, `${Math.round(fraction * 100)}%`),
    ];
  });
  const bars = points.map((point, index) =>
    svg(
      'rect',
      { x: x(index) - barWidth / 2, y: yCount(point.matched), width: barWidth, height: Math.max(0, margin.top + plotHeight - yCount(point.matched)), rx: 2, class: 'chart-bar' },
      svg('title', {}, `${point.label}: matched size ${formatNumber(point.matched)}, match rate ${(point.rate * 100).toFixed(1)}%`),
    ),
  );
  const line = svg('polyline', { points: points.map((point, index) => `${x(index)},${yRate(point.rate)}`).join(' '), class: 'chart-line' });
  const dots = points.map((point, index) => svg('circle', { cx: x(index), cy: yRate(point.rate), r: 3.5, class: 'chart-dot' }));
  const labels = points.map((point, index) =>
    index % labelEvery === 0 ? svg('text', { x: x(index), y: height - margin.bottom + 18, 'text-anchor': 'middle', class: 'chart-axis' }, point.label) : null,
  );

  return h(
    'figure',
    { class: 'chart' },
    svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'Matched size and match rate over upload sessions' }, grid.flat(), bars, line, dots, labels),
    h(
      'figcaption',
      { class: 'legend' },
      h('span', { class: 'legend-bar' }),
      'matched size after the session',
      h('span', { class: 'legend-line' }),
      'match rate (matched size / valid rows received so far)',
    ),
  );
}

/** 1, 2 or 5 times a power of ten, at or above value. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power;
}
