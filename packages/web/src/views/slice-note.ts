import { h, replaceChildren } from '../dom.ts';
import { faDate } from '../format/dates.ts';
import type { SliceJson } from '../types.ts';

/** The next day of an ISO date. */
function dayAfter(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The days a period's figures really cover, when not the period itself: the API subtracts the
 * snapshot of `fromSnapshot` (null: nothing, counted from the first record) and ends at the
 * snapshot of `toSnapshot` (null: the live figures), the nearest ones the daily history has.
 */
export function coveredDays(slice: SliceJson): { from: string; to: string } | undefined {
  if (!slice.from || !slice.to) return undefined;
  const from = slice.fromSnapshot ? dayAfter(slice.fromSnapshot) : slice.from;
  const to = slice.toSnapshot ?? slice.to;
  return from === slice.from && to === slice.to ? undefined : { from, to };
}

/**
 * One line above sliced figures: what they are («آمار پاییز ۱۴۰۳»), and, for a period, the
 * days the daily history really covers when it does not reach the period's bounds.
 */
export function sliceNote() {
  const element = h('p', { class: 'slice-note', 'data-testid': 'slice-note', hidden: true });
  return {
    element,
    update(described: string | undefined, data: { slice?: SliceJson }) {
      element.hidden = described === undefined;
      if (described === undefined) return;
      const slice = data.slice ?? {};
      const parts: (string | HTMLElement)[] = [h('strong', {}, `آمار ${described}`)];
      if (slice.from && slice.to) {
        parts.push(`: آنچه از ${faDate(slice.from)} تا ${faDate(slice.to)} افزوده شد`);
        const covered = coveredDays(slice);
        if (covered) parts.push(`؛ تاریخچهٔ روزانه این دوره را از ${faDate(covered.from)} تا ${faDate(covered.to)} پوشش می‌دهد و آمار همین بازه است`);
        parts.push('. شمار پروژه‌ها بر پایهٔ وضعیت، وضعیتِ پایان دوره است.');
      } else parts.push('.');
      replaceChildren(element, ...parts);
    },
  };
}
