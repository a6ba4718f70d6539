import { NEAR_COMPLETION_PERCENT } from '@abad/core/aggregation/contribution';
import { NATIONAL_PLACE, isPlaceCode, isProvinceCode, provinceByCode, type PlaceCode } from '@abad/core/places/provinces';
import { FINISHED_STATUSES, PROJECT_CATEGORIES, PROJECT_STATUSES } from '@abad/core/schemas/project';
import { getJson } from '../api.ts';
import { loadIndicators, placeLabel } from '../catalogue.ts';
import { h, replaceChildren, uid } from '../dom.ts';
import { faNumber, faPercent, faToman } from '../format/numbers.ts';
import { comparePersian, faText } from '../format/text.ts';
import { CATEGORY_LABELS, STATUS_LABELS } from '../forms/labels.ts';
import { poll } from '../live/poller.ts';
import { replaceQuery } from '../router.ts';
import type {
  CatalogueCountyJson,
  HistoryResponse,
  IndicatorJson,
  ListResponse,
  ProjectJson,
  ProvinceCountiesResponse,
  ProvinceDetailResponse,
} from '../types.ts';
import { isEmptyFigures } from './empty-system.ts';
import { exportLinks } from './export-links.ts';
import { figureCards } from './figure-cards.ts';
import { figureFilters } from './figure-filters.ts';
import { loadState } from './load-state.ts';
import { outputsTable, programmesList } from './outputs-table.ts';
import { FIGURES, figure } from './figures.ts';
import { cellText } from './province-table.ts';
import { sliceNote } from './slice-note.ts';
import { trendChart } from './trend-chart.ts';
import type { View } from './view.ts';

/**
 * `#/province/IR-13`: one province — its figures, what its projects deliver (outputs by
 * indicator) and its programmes (target against actual), every county of its catalogue side by
 * side (bars for one chosen figure, then every figure in a table, zeros where nothing is
 * recorded), the trend from the daily history, and the projects near completion. `#/province/IR`
 * is what was recorded for the whole country (no counties). Refreshed like the dashboard.
 */
export function provincePage(code: string, query: URLSearchParams): View {
  return (main) => {
    if (!isPlaceCode(code)) {
      main.append(h('h1', { id: 'page-title', tabindex: '-1' }, 'استان پیدا نشد'), h('p', {}, h('a', { href: '#/' }, 'بازگشت به آمار استان‌ها')));
      return;
    }
    const province = isProvinceCode(code) ? provinceByCode(code) : undefined;
    const cards = figureCards(undefined, true);
    const breakdown = h('div', { class: 'breakdown' });
    const outputs = h('div', { 'data-testid': 'outputs' });
    const programmes = h('div', { 'data-testid': 'programmes' });
    const counties = province ? countiesSection(code) : undefined;
    const trend = trendSection(code);
    const near = h('div', { 'data-testid': 'near-completion' }, h('p', {}, 'در حال دریافت…'));
    const note = sliceNote();
    const reportLink = h('a', { class: 'button secondary', href: `#/report/${code}`, 'data-testid': 'report-link' }, 'گزارش چاپی');
    const figuresPart = h(
      'div',
      {},
      h(
        'section',
        { 'aria-labelledby': 'figures-title' },
        h('h2', { id: 'figures-title' }, province ? 'آمار استان' : 'آمار'),
        note.element,
        cards.element,
        breakdown,
      ),
      h('section', { 'aria-labelledby': 'outputs-title' }, h('h2', { id: 'outputs-title' }, 'خروجی‌ها بر پایهٔ شاخص‌ها'), outputs),
      h('section', { 'aria-labelledby': 'programmes-title' }, h('h2', { id: 'programmes-title' }, 'برنامه‌ها: هدف و عملکرد'), programmes),
      counties ? h('section', { 'aria-labelledby': 'counties-title' }, h('h2', { id: 'counties-title' }, 'شهرستان‌ها'), counties.element) : null,
    );
    const state = loadState([figuresPart]);
    let restartFigures: () => void = () => {};
    const filters = figureFilters(query, () => {
      replaceQuery(query);
      reportLink.href = `#/report/${code}${query.get('period') ? `?period=${query.get('period')}` : ''}`;
      restartFigures();
    });
    reportLink.href = `#/report/${code}${query.get('period') ? `?period=${query.get('period')}` : ''}`;

    main.append(
      ...[
        h('p', { class: 'breadcrumb' }, h('a', { href: '#/' }, 'همهٔ استان‌ها')),
        h('h1', { id: 'page-title', tabindex: '-1' }, province ? `استان ${province.fa}` : NATIONAL_PLACE.fa),
        province ? null : h('p', { class: 'lead' }, 'آنچه در سطح ملی و بیرون از استان‌ها ثبت شده است؛ جمع کشور در صفحهٔ اصلی است.'),
        h('p', { class: 'page-links' }, reportLink, ' ', h('a', { class: 'button secondary', href: `#/projects?province=${code}` }, 'پروژه‌های این استان')),
        filters.element,
        state.element,
        figuresPart,
        h('section', { 'aria-labelledby': 'trend-title' }, h('h2', { id: 'trend-title' }, 'روند'), trend.element),
        h(
          'section',
          { 'aria-labelledby': 'near-title' },
          h('h2', { id: 'near-title' }, `پروژه‌های نزدیک به اتمام (پیشرفت بیش از ${faPercent(NEAR_COMPLETION_PERCENT)})`),
          near,
        ),
      ].filter((e): e is HTMLElement => e !== null),
    );

    // The catalogue names the indicators; asked once per visit (admins rarely add one).
    const indicators = loadIndicators().catch((): IndicatorJson[] => []);
    /** What was last drawn, so a poll that brings nothing new leaves the tables (and the reader's focus) alone. */
    let drawnOutputs = '';
    let stopFigures: () => void = () => {};
    restartFigures = () => {
      stopFigures();
      drawnOutputs = '';
      const apiQuery = filters.apiQuery();
      const sliced = apiQuery.size > 0;
      counties?.sliced(sliced);
      stopFigures = poll(
        async () => {
          const [detail, countyList, catalogue] = await Promise.all([
            getJson<ProvinceDetailResponse>(`/provinces/${code}${sliced ? `?${apiQuery}` : ''}`),
            province ? getJson<ProvinceCountiesResponse>(`/provinces/${code}/counties`) : undefined,
            indicators,
          ]);
          return { detail, countyList, catalogue };
        },
        ({ detail, countyList, catalogue }) => {
          note.update(filters.describe(), detail);
          cards.update(detail);
          replaceChildren(
            breakdown,
            countBars(
              'بر پایهٔ وضعیت',
              PROJECT_STATUSES.map((s) => [STATUS_LABELS[s], detail.projects.byStatus[s] ?? 0]),
              'status-bars',
            ),
            countBars(
              'بر پایهٔ نوع',
              PROJECT_CATEGORIES.map((c) => [CATEGORY_LABELS[c], detail.projects.byCategory[c] ?? 0]),
              'category-bars',
            ),
          );
          const outputsKey = JSON.stringify([detail.outputs, detail.programmes.map((p) => [p.key, p.name, p.outputs, p.projects.total]), catalogue.length]);
          if (outputsKey !== drawnOutputs) {
            drawnOutputs = outputsKey;
            const where = province ? `استان ${province.fa}` : NATIONAL_PLACE.fa;
            // A slice that keeps no outputs or programmes says so, rather than «nothing recorded».
            const left = new Set(detail.slice?.without ?? []);
            const notKept = h(
              'p',
              { class: 'notice', 'data-testid': 'not-in-slice' },
              'این بخش در برش انتخاب‌شده نگه داشته نمی‌شود؛ برای دیدن آن، برش را بردارید.',
            );
            replaceChildren(
              outputs,
              left.has('outputs')
                ? notKept.cloneNode(true)
                : (outputsTable(detail.outputs, catalogue, `خروجی‌های پروژه‌های ${where}`) ??
                    h('p', { class: 'notice' }, 'هنوز خروجی‌ای بر پایهٔ شاخص‌ها ثبت نشده است.')),
            );
            replaceChildren(programmes, left.has('programmes') ? notKept : programmesList(detail.programmes, catalogue, where));
          }
          if (counties && countyList) counties.update(countyList.counties);
          state.loaded(!sliced && isEmptyFigures(detail) ? emptyPlace(province ? `استان ${province.fa}` : NATIONAL_PLACE.fa) : undefined);
        },
        (error) => state.failed(error),
      );
    };
    restartFigures();
    const stopNear = poll(
      () => nearCompletion(code),
      (projects) => replaceChildren(near, nearList(projects)),
      undefined,
      15_000,
    );
    void trend.load();
    return () => {
      stopFigures();
      stopNear();
    };
  };
}

/** Projects by status or category as bars, largest first (zeros left out), each with its count and share. */
function countBars(title: string, entries: [string, number][], testId: string): HTMLElement {
  const nonZero = entries.filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const total = nonZero.reduce((sum, [, n]) => sum + n, 0);
  const max = nonZero[0]?.[1] ?? 0;
  return h(
    'div',
    { class: 'counts' },
    h('h3', {}, `پروژه‌ها ${title}`),
    nonZero.length
      ? h(
          'ol',
          { class: 'bars', 'data-testid': testId },
          nonZero.map(([label, n]) => {
            const bar = h('span', { class: 'bar' });
            bar.style.inlineSize = `${(n * 100) / max}%`;
            return h(
              'li',
              { 'data-label': label },
              h('span', { class: 'bar-label' }, label),
              h('span', { class: 'bar-track', 'aria-hidden': 'true' }, bar),
              h('span', { class: 'bar-value' }, `${faNumber(n)} (${faPercent(Math.round((n * 1000) / total) / 10)})`),
            );
          }),
        )
      : h('p', {}, 'پروژه‌ای ثبت نشده است.'),
  );
}

/** A place with nothing recorded: says so, and where to record. */
function emptyPlace(where: string): HTMLElement {
  return h(
    'div',
    { class: 'empty-panel', 'data-testid': 'empty-place' },
    h('h2', {}, `هنوز برای ${where} چیزی ثبت نشده است`),
    h(
      'p',
      {},
      'آمار این صفحه از پروژه‌ها، کمک‌ها و توزیع‌های ثبت‌شده ساخته می‌شود. ',
      h('a', { href: `#/sign-in?next=${encodeURIComponent('#/forms/project')}` }, 'وارد شوید و ثبت کنید'),
      '.',
    ),
  );
}

/** Every catalogue county side by side: a bar per county for the chosen figure, then all figures in a table (zeros included). */
function countiesSection(code: PlaceCode) {
  const exports = exportLinks(`/provinces/${code}/counties`, 'جدول شهرستان‌ها');
  const slicedNote = h(
    'p',
    { class: 'notice', hidden: true },
    'آمار شهرستان‌ها همهٔ دوره‌ها و برنامه‌ها را با هم نشان می‌دهد؛ برش آمار تنها بر آمار استان اثر دارد.',
  );
  const id = uid('county-figure');
  const chooser = h(
    'select',
    { id },
    FIGURES.map((f) => h('option', { value: f.key }, f.label)),
  );
  const bars = h('ol', { class: 'bars', 'data-testid': 'county-bars' });
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'figures-table', 'data-testid': 'county-table' },
    h('caption', {}, 'آمار شهرستان‌ها؛ مبالغ به تومان'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'شهرستان'),
        FIGURES.map((f) => h('th', { scope: 'col', title: f.label }, f.short)),
      ),
    ),
    tbody,
  );
  let latest: CatalogueCountyJson[] = [];
  const renderBars = () => {
    const chosen = figure(chooser.value);
    const values = latest.map((c) => ({ county: c.name, value: chosen.read(c) })).sort((a, b) => (a.value === b.value ? 0 : a.value > b.value ? -1 : 1));
    const max = values.reduce((m, v) => (v.value > m ? v.value : m), 0n);
    replaceChildren(
      bars,
      values.map(({ county, value }) => {
        const bar = h('span', { class: 'bar' });
        bar.style.inlineSize = `${max === 0n ? 0 : Number((value * 1000n) / max) / 10}%`;
        return h(
          'li',
          { 'data-county': county },
          h('span', { class: 'bar-label' }, faText(county)),
          h('span', { class: 'bar-track', 'aria-hidden': 'true' }, bar),
          h('span', { class: 'bar-value' }, chosen.money ? faToman(value) : faNumber(value)),
        );
      }),
    );
  };
  chooser.addEventListener('change', renderBars);
  const empty = h('p', { class: 'notice' }, 'هنوز برای شهرستان‌های این استان چیزی ثبت نشده است.');
  const element = h(
    'div',
    {},
    slicedNote,
    h('div', { class: 'field inline' }, h('label', { for: id }, 'شاخص شهرستان‌ها'), chooser),
    bars,
    exports.element,
    h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'جدول آمار شهرستان‌ها', tabindex: '0' }, table),
    empty,
  );
  return {
    element,
    sliced(on: boolean) {
      slicedNote.hidden = !on;
    },
    update(countiesData: CatalogueCountyJson[]) {
      latest = [...countiesData].sort((a, b) => comparePersian(a.name, b.name));
      empty.hidden = latest.some((c) => c.updatedAt !== null);
      renderBars();
      replaceChildren(
        tbody,
        latest.map((c) =>
          h(
            'tr',
            { 'data-county': c.name, 'data-county-code': c.code },
            h('th', { scope: 'row' }, faText(c.name)),
            FIGURES.map((f) => h('td', { 'data-figure': f.key }, cellText(f, f.read(c)))),
          ),
        ),
      );
    },
  };
}

function trendSection(code: PlaceCode) {
  const id = uid('trend-figure');
  const chooser = h(
    'select',
    { id },
    FIGURES.map((f) => h('option', { value: f.key }, f.label)),
  );
  const slot = h('div', { class: 'trend-slot' }, h('p', {}, 'در حال دریافت تاریخچه…'));
  let history: HistoryResponse | undefined;
  const render = () => {
    if (!history) return;
    const chosen = figure(chooser.value);
    replaceChildren(
      slot,
      trendChart(
        history.points.map((p) => ({ date: p.date, value: chosen.read(p) })),
        chosen,
      ),
    );
  };
  chooser.addEventListener('change', render);
  return {
    element: h('div', {}, h('div', { class: 'field inline' }, h('label', { for: id }, 'شاخص روند'), chooser), slot),
    async load() {
      try {
        history = await getJson<HistoryResponse>(`/provinces/${code}/history`);
        render();
      } catch {
        replaceChildren(slot, h('p', { class: 'notice' }, 'تاریخچه دریافت نشد.'));
      }
    },
  };
}

/** The province's projects past 70% and not finished (the definition the aggregates count). */
async function nearCompletion(code: PlaceCode): Promise<ProjectJson[]> {
  const found: ProjectJson[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const result = await getJson<ListResponse<ProjectJson>>(`/projects?province=${code}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    found.push(...result.items.filter((p) => p.progressPercent > NEAR_COMPLETION_PERCENT && p.status !== 'cancelled' && !FINISHED_STATUSES.includes(p.status)));
    cursor = result.cursor;
    if (!cursor) break;
  }
  return found.sort((a, b) => b.progressPercent - a.progressPercent);
}

function nearList(projects: ProjectJson[]): HTMLElement {
  if (projects.length === 0) return h('p', { class: 'notice' }, 'پروژه‌ای در این مرحله نیست.');
  return h(
    'ul',
    { class: 'near-list' },
    projects.map((p) =>
      h(
        'li',
        { 'data-project': p.id },
        h('span', { class: 'near-title' }, faText(p.title)),
        h('span', { class: 'near-meta' }, `${placeLabel(p)} · ${CATEGORY_LABELS[p.category]} · ${STATUS_LABELS[p.status]}`),
        h(
          'span',
          { class: 'near-progress' },
          h('progress', { max: 100, value: p.progressPercent, 'aria-label': `پیشرفت ${faText(p.title)}` }),
          ` ${faPercent(p.progressPercent)}`,
        ),
      ),
    ),
  );
}
