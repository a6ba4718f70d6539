import { h } from '../dom.ts';

/**
 * Horizontal bars (the `.bars` list of the counties): one row per item — its name, a bar whose
 * length is its share (0–1) and the figure in words beside it. The bar is decoration (hidden
 * from screen readers); the text beside it says everything. Lengths are set through the CSSOM,
 * which the page's Content-Security-Policy allows (no inline `style` attribute).
 */
export interface BarItem {
  label: string | Node;
  /** 0 to 1; more is drawn as a full bar. */
  share: number;
  /** What the bar stands for, as text: «۵ از ۱۲ کیلومتر · ۴۱٫۷٪». */
  text: string | Node;
  /** `data-*` attributes for the row (tests and styles find rows by them). */
  data?: Record<string, string>;
  /** A bar past its goal is drawn in the «met» colour. */
  met?: boolean;
  /** Nothing to measure against: an empty track, not a sliver of a bar. */
  empty?: boolean;
}

export function barList(items: readonly BarItem[], attrs: Record<string, string> = {}): HTMLOListElement {
  return h(
    'ol',
    { class: 'bars', ...attrs },
    items.map((item) => {
      const bar = h('span', { class: ['bar', item.met ? 'met' : '', item.empty ? 'empty' : ''].filter(Boolean).join(' ') });
      bar.style.inlineSize = `${Math.round(Math.max(0, Math.min(1, item.share)) * 1000) / 10}%`;
      const row = h(
        'li',
        {},
        h('span', { class: 'bar-label' }, item.label),
        h('span', { class: 'bar-track', 'aria-hidden': 'true' }, bar),
        h('span', { class: 'bar-value' }, item.text),
      );
      for (const [name, value] of Object.entries(item.data ?? {})) row.dataset[name] = value;
      return row;
    }),
  );
}

/** Each value's share of the largest (bigint money or counts). */
export function sharesOfMax(values: readonly bigint[]): number[] {
  let max = 0n;
  for (const v of values) if (v > max) max = v;
  return values.map((v) => (max === 0n ? 0 : Number((v * 10_000n) / max) / 10_000));
}
