import { h } from '../dom.ts';
import { faCompact, faNumber, faPercent, tomanInWords } from '../format/numbers.ts';
import type { FiguresJson } from '../types.ts';
import { FIGURES } from './figures.ts';

/**
 * The headline figures of one scope as cards («۴٬۴۸۲ پروژه»، «۶۲ میلیارد تومان»). Money cards
 * say the exact amount in words beneath the compact one. Updated in place.
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
    return h('div', { class: 'card' }, h('dt', {}, figure.label), h('dd', {}, value, words));
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
        const number = figure.money ? faCompact(value) : faNumber(value);
        if (figure.money) slot.value.replaceChildren(number, ' ', h('small', {}, 'تومان'));
        else slot.value.textContent = number;
        // The exact amount in words, when the compact figure rounds it.
        const words = figure.money ? tomanInWords(value) : '';
        slot.words.textContent = words.replace(/\s/g, ' ') === `${number} تومان`.replace(/\s/g, ' ') ? '' : words;
      }
      progressValue.textContent = faPercent(figures.projects.averageProgressPercent);
    },
  };
}
