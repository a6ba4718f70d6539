import type { ProvinceCode } from '@abad/core/places/provinces';
import { getJson } from '../api.ts';
import { h, uid } from '../dom.ts';
import { faTime } from '../format/dates.ts';
import { poll } from '../live/poller.ts';
import type { ProvincesResponse } from '../types.ts';
import { figureCards } from './figure-cards.ts';
import { MAP_FIGURES, figure } from './figures.ts';
import type { IranMap } from './iran-map.ts';
import { NATIONAL_TOTAL_LABEL, provinceTable } from './province-table.ts';
import type { View } from './view.ts';

/**
 * `#/`: the national figures, the map shaded by a chosen figure, and the sortable table —
 * public, refreshed every few seconds and when the page regains focus, without a reload.
 */
export const dashboard: View = (main) => {
  const selectId = uid('map-figure');
  const chooser = h(
    'select',
    { id: selectId },
    MAP_FIGURES.map((f) => h('option', { value: f.key }, f.label)),
  );
  const cards = figureCards(['projects', 'nearCompletion', 'budget', 'loans', 'jobs', 'housing', 'donations', 'packages']);
  const table = provinceTable();
  const updated = h('p', { class: 'updated', 'data-testid': 'updated', 'aria-live': 'off' }, 'در حال دریافت آمار…');
  const mapSlot = h('div', { class: 'map-slot' });
  let map: IranMap | undefined;
  let latest: ProvincesResponse | undefined;

  const paintMap = () => {
    if (!map || !latest) return;
    const chosen = figure(chooser.value);
    map.update(new Map(latest.provinces.map((p) => [p.province.code, chosen.read(p)] as [ProvinceCode, bigint])), chosen);
  };
  chooser.addEventListener('change', paintMap);

  main.append(
    h('h1', { id: 'page-title', tabindex: '-1' }, 'آمار زندهٔ استان‌ها'),
    h('p', { class: 'lead' }, 'پروژه‌های عمرانی و اشتغال، کمک‌های مردمی و بسته‌های توزیع‌شده در ۳۱ استان؛ آمار بدون بارگذاری دوباره به‌روز می‌شود.'),
    h(
      'div',
      { class: 'overview' },
      h('section', { 'aria-labelledby': 'national-title' }, h('h2', { id: 'national-title' }, NATIONAL_TOTAL_LABEL), cards.element),
      h(
        'section',
        { 'aria-labelledby': 'map-title', class: 'map-section' },
        h('h2', { id: 'map-title' }, 'نقشه'),
        h('div', { class: 'field inline' }, h('label', { for: selectId }, 'شاخص نقشه'), chooser),
        mapSlot,
      ),
    ),
    h('section', { 'aria-labelledby': 'table-title' }, h('h2', { id: 'table-title' }, 'جدول استان‌ها'), table.element),
    updated,
  );

  // The outlines are the biggest part of the page: loaded as their own chunk.
  void import('./iran-map.ts').then(({ iranMap }) => {
    map = iranMap((code) => (location.hash = `#/province/${code}`));
    mapSlot.append(map.element);
    paintMap();
  });

  return poll(
    () => getJson<ProvincesResponse>('/provinces'),
    (data) => {
      latest = data;
      cards.update(data.national);
      table.update(data);
      paintMap();
      updated.textContent = `به‌روز شده در ساعت ${faTime(new Date())}`;
    },
    () => {
      updated.textContent = 'دریافت آمار ممکن نشد؛ دوباره تلاش می‌شود…';
    },
  );
};
