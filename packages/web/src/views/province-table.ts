import { NATIONAL_PLACE, type ProvinceCode } from '@abad/core/places/provinces';
import { h } from '../dom.ts';
import { faCompactMoney, faCount, faNumber } from '../format/numbers.ts';
import { comparePersian } from '../format/text.ts';
import type { FiguresJson, ProvincesResponse } from '../types.ts';
import { FIGURES, type FigureDef } from './figures.ts';

/**
 * Every province with its figures, the country's own row (`IR`, «کل کشور») and the national total, sortable by any column (buttons in
 * the headers, `aria-sort` on the sorted one). Updates change the cells in place, so a reader
 * tabbing through the table keeps their place while the figures refresh.
 */
export interface ProvinceTable {
  element: HTMLElement;
  update(data: ProvincesResponse): void;
}

type SortKey = 'name' | string;

/** The sum of the 31 provinces and what was recorded for the country. */
export const NATIONAL_TOTAL_LABEL = 'جمع کل کشور';

export function cellText(figure: FigureDef, value: bigint): string {
  return figure.money ? faCompactMoney(value) : faCount(value);
}

/** A table's order as it sits in the page's address: `budget-desc`, `name-asc`. */
export function parseSort(text: string | null | undefined, keys: readonly string[]): { key: string; descending: boolean } | undefined {
  const match = /^(\w+)-(asc|desc)$/.exec(text ?? '');
  if (!match || !keys.includes(match[1]!)) return undefined;
  return { key: match[1]!, descending: match[2] === 'desc' };
}

export function provinceTable(options: { sort?: string | null; onSort?: (sort: string) => void } = {}): ProvinceTable {
  const initial = parseSort(options.sort, ['name', ...FIGURES.map((f) => f.key)]);
  let sortKey: SortKey = initial?.key ?? 'name';
  let descending = initial?.descending ?? false;
  let data: ProvincesResponse | undefined;
  const rows = new Map<ProvinceCode, HTMLTableRowElement>();
  const headers = new Map<SortKey, HTMLTableCellElement>();

  const headerCell = (key: SortKey, label: string, title?: string) => {
    const button = h('button', { type: 'button', class: 'sort', title }, label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }));
    button.addEventListener('click', () => {
      if (sortKey === key) descending = !descending;
      else {
        sortKey = key;
        descending = key !== 'name'; // the biggest figures first; names alphabetically
      }
      options.onSort?.(`${sortKey}-${descending ? 'desc' : 'asc'}`);
      render();
    });
    const th = h('th', { scope: 'col', 'data-sort-key': key }, button);
    headers.set(key, th);
    return th;
  };

  const tbody = h('tbody');
  const tfoot = h('tfoot');
  const table = h(
    'table',
    { class: 'figures-table', 'data-testid': 'province-table' },
    h('caption', {}, 'آمار استان‌ها؛ مبالغ به تومان. برای مرتب‌کردن، دکمهٔ سر هر ستون را بزنید.'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headerCell('name', 'استان'),
        FIGURES.map((f) => headerCell(f.key, f.short, f.label)),
      ),
    ),
    tbody,
    tfoot,
  );
  const element = h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'جدول آمار استان‌ها', tabindex: '0' }, table);

  const fillCells = (row: HTMLTableRowElement, figures: FiguresJson) => {
    for (const figure of FIGURES) {
      const cell = row.querySelector<HTMLElement>(`[data-figure="${figure.key}"]`)!;
      const value = figure.read(figures);
      const text = cellText(figure, value);
      if (cell.textContent !== text) cell.textContent = text;
      cell.title = figure.money ? `${faNumber(value)} تومان` : '';
    }
  };

  const newRow = (code: ProvinceCode, name: string) =>
    h(
      'tr',
      { 'data-province': code },
      h('th', { scope: 'row' }, h('a', { href: `#/province/${code}` }, name)),
      FIGURES.map((f) => h('td', { 'data-figure': f.key })),
    );

  function render() {
    if (!data) return;
    const sorted = [...data.provinces].sort((a, b) => {
      if (sortKey === 'name') return comparePersian(a.province.fa, b.province.fa) * (descending ? -1 : 1);
      const figure = FIGURES.find((f) => f.key === sortKey)!;
      const x = figure.read(a);
      const y = figure.read(b);
      const order = x === y ? comparePersian(a.province.fa, b.province.fa) : (x < y ? -1 : 1) * (descending ? -1 : 1);
      return order;
    });
    for (const item of sorted) {
      let row = rows.get(item.province.code);
      if (!row) {
        row = newRow(item.province.code, item.province.fa);
        rows.set(item.province.code, row);
      }
      fillCells(row, item);
    }
    // Move rows only when the order changed (moving a row would drop the focus inside it).
    const order = sorted.map((item) => rows.get(item.province.code)!);
    if (order.some((row, i) => tbody.children[i] !== row)) tbody.replaceChildren(...order);

    // Beneath the provinces: what was recorded for the country itself (IR, no one province), then the sum of all.
    if (!tfoot.firstChild)
      tfoot.append(
        h(
          'tr',
          { 'data-province': NATIONAL_PLACE.code, class: 'country' },
          h(
            'th',
            { scope: 'row' },
            h('a', { href: `#/province/${NATIONAL_PLACE.code}` }, NATIONAL_PLACE.fa),
            h('small', {}, 'ثبت‌شده در سطح ملی، بیرون از استان‌ها'),
          ),
          FIGURES.map((f) => h('td', { 'data-figure': f.key })),
        ),
        h(
          'tr',
          { 'data-province': 'national' },
          h('th', { scope: 'row' }, NATIONAL_TOTAL_LABEL),
          FIGURES.map((f) => h('td', { 'data-figure': f.key })),
        ),
      );
    fillCells(tfoot.children[0] as HTMLTableRowElement, data.country);
    fillCells(tfoot.children[1] as HTMLTableRowElement, data.national);

    for (const [key, th] of headers) {
      if (key === sortKey) th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
      th.querySelector('.sort-mark')!.textContent = key === sortKey ? (descending ? ' ▼' : ' ▲') : '';
    }
  }

  return {
    element,
    update(next) {
      data = next;
      render();
    },
  };
}
