import { h, svg } from '../dom.ts';
import { faDate } from '../format/dates.ts';
import { faNumber, faToman } from '../format/numbers.ts';
import type { FigureDef } from './figures.ts';

/**
 * One figure over time from the daily history, as an inline SVG line (time left to right,
 * as Persian charts print it), with its numbers in a table beneath for screen readers and
 * for anyone who wants them.
 */
export interface TrendPoint {
  date: string;
  value: bigint;
}

const W = 640;
const H = 240;
const PAD = { top: 20, right: 16, bottom: 36, left: 16 };

export function trendChart(points: readonly TrendPoint[], figure: FigureDef): HTMLElement {
  const show = (v: bigint) => (figure.money ? faToman(v) : faNumber(v));
  if (points.length === 0) {
    return h('p', { class: 'notice', 'data-testid': 'trend-empty' }, 'هنوز تاریخچه‌ای ثبت نشده است؛ به‌روزرسانی روزانه هر روز یک نقطه به این نمودار می‌افزاید.');
  }
  if (points.length === 1) {
    // One day is a point, not a trend: say so, with the one value there is.
    const only = points[0]!;
    return h(
      'p',
      { class: 'notice', 'data-testid': 'trend-too-short' },
      `برای رسم روند دست‌کم دو روز تاریخچه لازم است؛ تاکنون تنها ${faDate(only.date)} ثبت شده است (${figure.label}: ${show(only.value)}).`,
    );
  }
  const times = points.map((p) => Date.parse(`${p.date}T00:00:00Z`));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const max = points.reduce((m, p) => (p.value > m ? p.value : m), 0n);
  const x = (t: number) => PAD.left + (t1 === t0 ? (W - PAD.left - PAD.right) / 2 : ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right));
  // Ratios of bigints as numbers: exact enough for pixels.
  const y = (v: bigint) => H - PAD.bottom - (max === 0n ? 0 : (Number((v * 10_000n) / max) / 10_000) * (H - PAD.top - PAD.bottom));
  const coords = points.map((p, i) => `${x(times[i]!).toFixed(1)},${y(p.value).toFixed(1)}`);
  const first = points[0]!;
  const last = points.at(-1)!;
  const summary = `${figure.label}: از ${show(first.value)} در ${faDate(first.date)} تا ${show(last.value)} در ${faDate(last.date)}`;

  const chart = svg(
    'svg',
    { viewBox: `0 0 ${W} ${H}`, class: 'trend', role: 'img', 'aria-label': summary, 'data-testid': 'trend-chart' },
    svg('line', { x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom, class: 'axis' }),
    svg('line', { x1: PAD.left, x2: W - PAD.right, y1: PAD.top, y2: PAD.top, class: 'grid' }),
    svg('text', { x: W - PAD.right, y: PAD.top - 6, class: 'tick', 'text-anchor': 'end' }, `بیشینه: ${show(max)}`),
    svg('polyline', { points: coords.join(' '), class: 'line' }),
    points.map((p, i) =>
      svg('circle', { cx: x(times[i]!).toFixed(1), cy: y(p.value).toFixed(1), r: 3.5, class: 'dot' }, svg('title', {}, `${faDate(p.date)}: ${show(p.value)}`)),
    ),
    svg('text', { x: PAD.left, y: H - 10, class: 'tick', 'text-anchor': 'start' }, faDate(first.date, 'short')),
    svg('text', { x: W - PAD.right, y: H - 10, class: 'tick', 'text-anchor': 'end' }, faDate(last.date, 'short')),
  );
  const table = h(
    'details',
    { class: 'trend-data' },
    h('summary', {}, 'اعداد نمودار'),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'تاریخ'), h('th', { scope: 'col' }, figure.label))),
      h(
        'tbody',
        {},
        points.map((p) => h('tr', {}, h('td', {}, faDate(p.date)), h('td', {}, show(p.value)))),
      ),
    ),
  );
  return h('figure', { class: 'trend-figure' }, chart, h('figcaption', {}, summary), table);
}
