import { PROJECT_CATEGORIES } from '@abad/core/schemas/project';
import { getJson } from '../api.ts';
import { h, uid } from '../dom.ts';
import { todayJalali } from '../format/dates.ts';
import { monthPeriod, parsePeriod, seasonPeriod, yearPeriod, type Period } from '../format/periods.ts';
import { comparePersian, faText } from '../format/text.ts';
import { CATEGORY_LABELS } from '../forms/labels.ts';
import type { DriveJson, ListResponse } from '../types.ts';

/**
 * The slice a page's figures show: a period (Jalali year, season or month), a programme, a
 * drive or a category. The figures keep one breakdown per slice (see README «Live figures»),
 * so a view shows one slice at a time: choosing one clears the others, and the page says so.
 * The choice lives in the page's address (`period`, `programme`, `drive`, `category`).
 */
export const SLICE_PARAMS = ['period', 'programme', 'drive', 'category'] as const;
export type SliceParam = (typeof SLICE_PARAMS)[number];

export interface FigureFilters {
  element: HTMLElement;
  /** The API query of the slice (`from`/`to`, `programme`, `drive`, `category`). */
  apiQuery(): URLSearchParams;
  /** «پاییز ۱۴۰۳»، «برنامهٔ مسکن محرومان»…; undefined when nothing is chosen. */
  describe(): string | undefined;
  period(): Period | undefined;
}

interface Option {
  value: string;
  label: string;
}

/** Periods to offer: the last five Jalali years, the seasons of this year and the last, the last twelve months. */
export function periodChoices(now = new Date()): { label: string; options: Option[] }[] {
  const today = todayJalali(now);
  const years = [0, 1, 2, 3, 4].map((back) => yearPeriod(today.year - back));
  const seasons: Period[] = [];
  for (const year of [today.year, today.year - 1])
    for (let season = 4; season >= 1; season--) if (year < today.year || season * 3 - 2 <= today.month) seasons.push(seasonPeriod(year, season));
  const months: Period[] = [];
  for (let back = 0; back < 12; back++) {
    const index = today.year * 12 + (today.month - 1) - back;
    months.push(monthPeriod(Math.floor(index / 12), (index % 12) + 1));
  }
  const options = (periods: Period[]) => periods.map((p) => ({ value: p.code, label: p.label }));
  return [
    { label: 'سال', options: options(years) },
    { label: 'فصل', options: options(seasons) },
    { label: 'ماه', options: options(months) },
  ];
}

export function figureFilters(query: URLSearchParams, onChange: () => void): FigureFilters {
  const selects = new Map<SliceParam, HTMLSelectElement>();
  const note = h('p', { class: 'hint', id: uid('slice-note') }, 'آمار در هر زمان بر پایهٔ یکی از این‌ها برش می‌خورد؛ انتخاب یکی، بقیه را پاک می‌کند.');

  const control = (param: SliceParam, label: string, allLabel: string, groups: { label?: string; options: Option[] }[]) => {
    const id = uid(`slice-${param}`);
    const select = h(
      'select',
      { id, name: param, 'data-slice': param, 'aria-describedby': note.id },
      h('option', { value: '' }, allLabel),
      groups.flatMap((g) => (g.label ? [h('optgroup', { label: g.label }, options(g.options))] : options(g.options))),
    );
    const wanted = query.get(param) ?? '';
    if (wanted && ![...select.options].some((o) => o.value === wanted)) select.append(h('option', { value: wanted }, faText(wanted)));
    select.value = wanted;
    select.addEventListener('change', () => {
      for (const [other, otherSelect] of selects)
        if (other !== param) {
          otherSelect.value = '';
          query.delete(other);
        }
      if (select.value) query.set(param, select.value);
      else query.delete(param);
      onChange();
    });
    selects.set(param, select);
    return h('div', { class: 'field' }, h('label', { for: id }, label), select);
  };

  const fieldset = h(
    'fieldset',
    { class: 'filters', 'data-testid': 'figure-filters' },
    h('legend', { class: 'visually-hidden' }, 'برش آمار'),
    control('period', 'دوره', 'همهٔ دوره‌ها', periodChoices()),
    control('programme', 'برنامه', 'همهٔ برنامه‌ها', []),
    control('drive', 'پویش', 'همهٔ پویش‌ها', []),
    control('category', 'نوع پروژه', 'همهٔ انواع', [{ options: PROJECT_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] })) }]),
    note,
  );
  // Folded until used: on a phone the figures come first; an address with a slice opens it.
  const element = h(
    'details',
    { class: 'filters-box', open: SLICE_PARAMS.some((p) => query.get(p)) },
    h('summary', {}, 'برش آمار: دوره، برنامه، پویش یا نوع پروژه'),
    fieldset,
  );
  // Programmes and drives are read from the API; their lists fill in when they arrive.
  void fill('programme', async () =>
    (await getJson<{ items: { name: string; key: string }[] }>('/programmes')).items.map((p) => ({ value: p.name, label: faText(p.name) })),
  );
  void fill('drive', async () => (await getJson<ListResponse<DriveJson>>('/drives?limit=100')).items.map((d) => ({ value: d.id, label: faText(d.name) })));

  async function fill(param: SliceParam, load: () => Promise<Option[]>) {
    const select = selects.get(param)!;
    const loaded = await load().catch((): Option[] => []);
    const kept = select.value;
    const known = new Set([...select.options].map((o) => o.value));
    for (const option of loaded.sort((a, b) => comparePersian(a.label, b.label))) {
      if (known.has(option.value)) {
        // The address named it before the list arrived: give it its name.
        const existing = [...select.options].find((o) => o.value === option.value);
        if (existing) existing.textContent = option.label;
        continue;
      }
      select.append(h('option', { value: option.value }, option.label));
    }
    select.value = kept;
  }

  const chosenLabel = (param: SliceParam) => {
    const select = selects.get(param)!;
    return select.value ? (select.selectedOptions[0]?.textContent ?? select.value) : undefined;
  };

  return {
    element,
    period: () => parsePeriod(query.get('period')),
    apiQuery() {
      const api = new URLSearchParams();
      const period = parsePeriod(query.get('period'));
      if (period) {
        api.set('from', period.from);
        api.set('to', period.to);
      }
      for (const param of ['programme', 'drive', 'category'] as const) {
        const value = query.get(param);
        if (value) api.set(param, value);
      }
      return api;
    },
    describe() {
      const period = parsePeriod(query.get('period'));
      if (period) return period.label;
      if (query.get('programme')) return `برنامهٔ «${chosenLabel('programme')}»`;
      if (query.get('drive')) return `پویش «${chosenLabel('drive')}»`;
      const category = query.get('category');
      if (category) return `پروژه‌های ${CATEGORY_LABELS[category as keyof typeof CATEGORY_LABELS] ?? category}`;
      return undefined;
    },
  };
}

function options(list: Option[]): HTMLOptionElement[] {
  return list.map((o) => h('option', { value: o.value }, o.label));
}
