import type { ProvinceCode } from '@abad/core/places/provinces';
import { getJson } from '../api.ts';
import { h, uid } from '../dom.ts';
import { poll } from '../live/poller.ts';
import { replaceQuery } from '../router.ts';
import type { ProvincesResponse } from '../types.ts';
import { emptySystem, isEmptyFigures } from './empty-system.ts';
import { exportLinks } from './export-links.ts';
import { figureCards } from './figure-cards.ts';
import { figureFilters } from './figure-filters.ts';
import { MAP_FIGURES, figure } from './figures.ts';
import type { IranMap } from './iran-map.ts';
import { loadState } from './load-state.ts';
import { NATIONAL_TOTAL_LABEL, provinceTable } from './province-table.ts';
import { sliceNote } from './slice-note.ts';
import type { View } from './view.ts';

/**
 * `#/`: the national figures, the map shaded by a chosen figure, and the sortable table —
 * public, refreshed every few seconds and when the page regains focus, without a reload. The
 * chosen figure, the table's order and the slice (period, programme, drive, category) are in
 * the address (`#/?figure=budget&sort=jobs-desc&period=1403`), so a link shows the same view.
 */
export function dashboard(query: URLSearchParams): View {
  return (main) => {
    const selectId = uid('map-figure');
    const chooser = h(
      'select',
      { id: selectId, name: 'figure' },
      MAP_FIGURES.map((f) => h('option', { value: f.key }, f.label)),
    );
    if (MAP_FIGURES.some((f) => f.key === query.get('figure'))) chooser.value = query.get('figure')!;
    const cards = figureCards(['projects', 'nearCompletion', 'budget', 'loans', 'jobs', 'housing', 'donations', 'packages']);
    const table = provinceTable({
      sort: query.get('sort'),
      onSort: (sort) => {
        query.set('sort', sort);
        replaceQuery(query);
      },
    });
    const exports = exportLinks('/provinces', 'جدول استان‌ها');
    const note = sliceNote();
    const mapSlot = h('div', { class: 'map-slot', 'data-testid': 'map-slot' }, h('p', { class: 'map-loading' }, 'در حال بارگذاری نقشه…'));
    let map: IranMap | undefined;
    let latest: ProvincesResponse | undefined;

    const paintMap = () => {
      if (!map || !latest) return;
      const chosen = figure(chooser.value);
      map.update(new Map(latest.provinces.map((p) => [p.province.code, chosen.read(p)] as [ProvinceCode, bigint])), chosen);
    };
    chooser.addEventListener('change', () => {
      query.set('figure', chooser.value);
      replaceQuery(query);
      paintMap();
    });

    const overview = h(
      'div',
      { class: 'overview' },
      h('section', { 'aria-labelledby': 'national-title' }, h('h2', { id: 'national-title' }, NATIONAL_TOTAL_LABEL), note.element, cards.element),
      h(
        'section',
        { 'aria-labelledby': 'map-title', class: 'map-section' },
        h('h2', { id: 'map-title' }, 'نقشه'),
        h('a', { class: 'skip-map', href: '#table-title', onclick: skipTo('table-title') }, 'پرش از نقشه به جدول استان‌ها'),
        h('div', { class: 'field inline' }, h('label', { for: selectId }, 'شاخص نقشه'), chooser),
        mapSlot,
      ),
    );
    const tableSection = h(
      'section',
      { 'aria-labelledby': 'table-title' },
      h('h2', { id: 'table-title', tabindex: '-1' }, 'جدول استان‌ها'),
      exports.element,
      table.element,
    );
    const state = loadState([overview, tableSection]);
    let stopPolling: () => void = () => {};
    const filters = figureFilters(query, () => {
      replaceQuery(query);
      restart();
    });

    main.append(
      h('h1', { id: 'page-title', tabindex: '-1' }, 'آمار زندهٔ استان‌ها'),
      h('p', { class: 'lead' }, 'پروژه‌های عمرانی و اشتغال، کمک‌های مردمی و بسته‌های توزیع‌شده در ۳۱ استان؛ آمار بدون بارگذاری دوباره به‌روز می‌شود.'),
      filters.element,
      state.element,
      overview,
      tableSection,
    );

    // The outlines are the biggest part of the page: loaded as their own chunk.
    void import('./iran-map.ts').then(({ iranMap }) => {
      map = iranMap((code) => (location.hash = `#/province/${code}`));
      mapSlot.replaceChildren(map.element);
      paintMap();
    });

    function restart() {
      stopPolling();
      const apiQuery = filters.apiQuery();
      exports.update(apiQuery);
      stopPolling = poll(
        () => getJson<ProvincesResponse>(`/provinces${apiQuery.size ? `?${apiQuery}` : ''}`),
        (data) => {
          latest = data;
          const sliced = apiQuery.size > 0;
          note.update(filters.describe(), data);
          // Nothing recorded anywhere (and no slice that could explain it): say what to do instead of 31 rows of zeros.
          if (!sliced && isEmptyFigures(data.national)) return state.loaded(emptySystem());
          cards.update(data.national);
          table.update(data);
          paintMap();
          state.loaded();
        },
        (error) => state.failed(error),
      );
    }
    restart();
    return () => stopPolling();
  };
}

/** Moves the focus to a heading without changing the page's address (the hash is the route). */
export function skipTo(id: string): EventListener {
  return (event) => {
    event.preventDefault();
    const target = document.getElementById(id);
    target?.focus();
    target?.scrollIntoView({ block: 'start' });
  };
}
