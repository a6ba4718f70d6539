import { h } from '../dom.ts';
import { compactParts, faNumber, faPercent, numberInWords, tomanUnit } from '../format/numbers.ts';
import type { FiguresJson } from '../types.ts';
import { FIGURES } from './figures.ts';

/**
 * The headline figures of one scope as cards («۴٬۴۸۲ پروژه»، «۶۲ میلیارد تومان»). A money card
 * says its unit once, after the figure («۱٬۲۷۴ میلیارد تومان» or «۱۲٫۳ همت»; its heading has no
 * «(تومان)»), and the exact amount in words beneath it, without the unit again, when the compact
 * figure rounds it. Updated in place.
 */
export interface FigureCards {
  element: HTMLElement;
  update(figures: FiguresJson): void;
}

export function figureCards(keys: readonly string[] = FIGURES.map((f) => f.key), withProgress = false): FigureCards {
  const defs = keys.map((k) => FIGURES.find((f) => f.key === k)!);
  const values = new Map<string, { value: HTMLElement; words: HTMLElement }>();
  const cards = defs.map((figure) => {
    const value = h('span', { class: 'value', 'data-testid': `figure-${figure.key}` });
    const words = h('span', { class: 'words' });
    values.set(figure.key, { value, words });
    return h('div', { class: 'card' }, h('dt', {}, figure.money ? withoutUnit(figure.label) : figure.label), h('dd', {}, value, words));
  });
  const progressValue = h('span', { class: 'value', 'data-testid': 'figure-averageProgress' });
  if (withProgress) cards.push(h('div', { class: 'card' }, h('dt', {}, 'میانگین پیشرفت فیزیکی'), h('dd', {}, progressValue)));
  const element = h('dl', { class: 'cards' }, cards);
  return {
    element,
    update(figures) {
      for (const figure of defs) {
        const slot = values.get(figure.key)!;
        const value = figure.read(figures);
        if (!figure.money) {
          slot.value.textContent = faNumber(value);
          slot.words.textContent = '';
          continue;
        }
        const { number, scale } = compactParts(value, true);
        slot.value.replaceChildren(number, '\u00a0', h('small', { class: 'unit' }, tomanUnit(scale)));
        // The exact amount in words, when the compact figure rounds it («۱٬۲۷۴ میلیارد و ۵۰۰ میلیون»).
        const words = numberInWords(value);
        slot.words.textContent = words === (scale ? `${number} ${scale}` : number) ? '' : `دقیقاً ${words}`;
      }
      progressValue.textContent = faPercent(figures.projects.averageProgressPercent);
    },
  };
}

/** «اعتبار پروژه‌ها (تومان)» → «اعتبار پروژه‌ها»: the card says its unit after the figure. */
function withoutUnit(label: string): string {
  return label.replace(/\s*\(تومان\)$/, '');
}
