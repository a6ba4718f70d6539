import { h, replaceChildren } from '../dom.ts';
import { faDate } from '../format/dates.ts';
import type { SliceJson } from '../types.ts';

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
        if ((slice.fromSnapshot && slice.fromSnapshot !== slice.from) || (slice.toSnapshot && slice.toSnapshot !== slice.to))
          parts.push(
            `؛ تاریخچهٔ روزانه تنها از ${faDate(slice.fromSnapshot ?? slice.from)} تا ${faDate(slice.toSnapshot ?? slice.to)} را پوشش می‌دهد و آمار همین بازه است`,
          );
        parts.push('. شمار پروژه‌ها بر پایهٔ وضعیت، وضعیتِ پایان دوره است.');
      } else parts.push('.');
      replaceChildren(element, ...parts);
    },
  };
}
