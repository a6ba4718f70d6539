import { NATIONAL_PLACE, PROVINCES, isPlaceCode, provinceByCode, isProvinceCode } from '@abad/core/places/provinces';
import { PROJECT_CATEGORIES, PROJECT_STATUSES } from '@abad/core/schemas/project';
import { getJson } from '../api.ts';
import { loadPartners, placeLabel } from '../catalogue.ts';
import { h, replaceChildren, uid } from '../dom.ts';
import { faDate } from '../format/dates.ts';
import { parsePeriod } from '../format/periods.ts';
import { faCompactMoney, faNumber, faPercent, toman } from '../format/numbers.ts';
import { comparePersian, faText } from '../format/text.ts';
import { CATEGORY_LABELS, STATUS_LABELS } from '../forms/labels.ts';
import { poll } from '../live/poller.ts';
import { replaceQuery } from '../router.ts';
import type { ListResponse, ProjectJson, ProvinceCountiesResponse } from '../types.ts';
import { emptySystem } from './empty-system.ts';
import { exportLinks } from './export-links.ts';
import { periodChoices } from './figure-filters.ts';
import { loadState } from './load-state.ts';
import type { View } from './view.ts';

/**
 * `#/projects`: the project register — every project, found by title in any spelling (the API
 * compares name keys), filtered by province, county, status, category, programme, partner and
 * period, newest or oldest first, a page at a time. Every filter is in the address, so a link
 * opens the same list; the CSV and XLSX links export exactly this list (all its pages).
 */
export const PAGE_SIZE = 25;

/** The register's filters as they sit in the address (`period` becomes the API's `from`/`to`). */
export const REGISTER_PARAMS = ['q', 'province', 'county', 'status', 'category', 'programme', 'partner', 'period', 'order'] as const;

export function registerApiQuery(query: URLSearchParams): URLSearchParams {
  const api = new URLSearchParams();
  for (const param of REGISTER_PARAMS) {
    const value = query.get(param)?.trim();
    if (!value || param === 'period') continue;
    api.set(param, value);
  }
  const period = parsePeriod(query.get('period'));
  if (period) {
    api.set('from', period.from);
    api.set('to', period.to);
  }
  if (!api.get('province')) api.delete('county');
  return api;
}

export function projectsPage(query: URLSearchParams): View {
  return (main) => {
    const controls = new Map<string, HTMLInputElement | HTMLSelectElement>();
    const field = (param: string, label: string, control: HTMLInputElement | HTMLSelectElement) => {
      const id = uid(`register-${param}`);
      control.id = id;
      control.name = param;
      control.value = query.get(param) ?? '';
      controls.set(param, control);
      return h('div', { class: 'field' }, h('label', { for: id }, label), control);
    };
    const select = (allLabel: string, options: { value: string; label: string }[]) =>
      h(
        'select',
        {},
        h('option', { value: '' }, allLabel),
        options.map((o) => h('option', { value: o.value }, o.label)),
      );

    const search = h('input', { type: 'search', autocomplete: 'off', placeholder: 'بخشی از عنوان پروژه' });
    const province = select('همهٔ استان‌ها', [
      ...PROVINCES.map((p) => ({ value: p.code, label: p.fa })).sort((a, b) => comparePersian(a.label, b.label)),
      { value: NATIONAL_PLACE.code, label: NATIONAL_PLACE.fa },
    ]);
    const county = select('همهٔ شهرستان‌ها', []);
    const programme = select('همهٔ برنامه‌ها', []);
    const partner = select('همهٔ نهادها', []);
    const period = h(
      'select',
      {},
      h('option', { value: '' }, 'همهٔ دوره‌ها'),
      periodChoices().map((g) =>
        h(
          'optgroup',
          { label: g.label },
          g.options.map((o) => h('option', { value: o.value }, o.label)),
        ),
      ),
    );
    const form = h(
      'form',
      { class: 'filters register-filters', role: 'search', 'aria-label': 'جست‌وجو و صافی پروژه‌ها', 'data-testid': 'register-filters' },
      field('q', 'جست‌وجو در عنوان', search),
      field('province', 'استان', province),
      field('county', 'شهرستان', county),
      field(
        'status',
        'وضعیت',
        select(
          'همهٔ وضعیت‌ها',
          PROJECT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
        ),
      ),
      field(
        'category',
        'نوع',
        select(
          'همهٔ انواع',
          PROJECT_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] })),
        ),
      ),
      field('programme', 'برنامه', programme),
      field('partner', 'نهاد همکار', partner),
      field('period', 'دورهٔ شروع', period),
      field('order', 'ترتیب', select('تازه‌ترین نخست', [{ value: 'oldest', label: 'قدیمی‌ترین نخست' }])),
      h('p', { class: 'hint' }, 'دوره بر پایهٔ تاریخ شروع پروژه است (و اگر تاریخ شروع ثبت نشده، تاریخ ثبت آن).'),
      h('button', { type: 'reset', class: 'secondary' }, 'پاک‌کردن صافی‌ها'),
    );

    const tbody = h('tbody');
    const table = h(
      'table',
      { class: 'figures-table register', 'data-testid': 'register-table' },
      h('caption', {}, 'پروژه‌ها؛ اعتبار به تومان'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['عنوان', 'محل', 'نوع', 'وضعیت', 'پیشرفت', 'اعتبار', 'تاریخ شروع'].map((label) => h('th', { scope: 'col' }, label)),
        ),
      ),
      tbody,
    );
    const pageLabel = h('span', { class: 'page-label', 'aria-live': 'polite' });
    const previous = h('button', { type: 'button', class: 'secondary' }, 'صفحهٔ قبل');
    const next = h('button', { type: 'button', class: 'secondary' }, 'صفحهٔ بعد');
    const exports = exportLinks('/projects', 'فهرست پروژه‌ها');
    const results = h(
      'section',
      { 'aria-labelledby': 'results-title' },
      h('h2', { id: 'results-title' }, 'نتیجه'),
      exports.element,
      h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'جدول پروژه‌ها', tabindex: '0' }, table),
      h('nav', { class: 'pager', 'aria-label': 'صفحه‌های نتیجه' }, previous, pageLabel, next),
    );
    const state = loadState([results], 'فهرست پروژه‌ها');

    main.append(
      h('h1', { id: 'page-title', tabindex: '-1' }, 'فهرست پروژه‌ها'),
      h('p', { class: 'lead' }, 'هر پروژه با هر نگارشی از عنوانش پیدا می‌شود (ی و ك عربی، نیم‌فاصله و رقم‌ها فرقی نمی‌کنند).'),
      form,
      state.element,
      results,
    );

    /** Cursors of the pages before the one shown: the API pages forward only. */
    let cursors: (string | undefined)[] = [undefined];
    let pageIndex = 0;
    let nextCursor: string | undefined;
    let stop: () => void = () => {};
    let shownKey = '';

    const load = () => {
      stop();
      const api = registerApiQuery(query);
      exports.update(api);
      const cursor = cursors[pageIndex];
      const filtered = api.size > 0;
      stop = poll(
        () => getJson<ListResponse<ProjectJson>>(`/projects?${api}&limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
        (page) => {
          nextCursor = page.cursor;
          previous.disabled = pageIndex === 0;
          next.disabled = !nextCursor;
          pageLabel.textContent = `صفحهٔ ${faNumber(pageIndex + 1)}`;
          if (page.items.length === 0 && pageIndex === 0) {
            return state.loaded(
              filtered
                ? h(
                    'div',
                    { class: 'empty-panel', 'data-testid': 'no-match' },
                    h('p', {}, 'پروژه‌ای با این شرط‌ها پیدا نشد.'),
                    h('p', {}, h('a', { href: '#/projects' }, 'همهٔ پروژه‌ها را ببینید'), ' یا شرطی را بردارید.'),
                  )
                : emptySystem(),
            );
          }
          // A poll that brings the same page leaves the rows (and the reader's place) alone.
          const key = JSON.stringify(page.items.map((p) => [p.id, p.version]));
          if (key !== shownKey) {
            shownKey = key;
            replaceChildren(tbody, page.items.map(projectRow));
          }
          state.loaded();
        },
        (error) => state.failed(error),
        30_000,
      );
    };

    const changed = () => {
      for (const [param, control] of controls) {
        const value = control.value.trim();
        if (value) query.set(param, value);
        else query.delete(param);
      }
      if (!query.get('province')) query.delete('county');
      replaceQuery(query);
      cursors = [undefined];
      pageIndex = 0;
      shownKey = '';
      load();
    };

    let typing: number | undefined;
    search.addEventListener('input', () => {
      window.clearTimeout(typing);
      typing = window.setTimeout(changed, 350);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      window.clearTimeout(typing);
      changed();
    });
    for (const [param, control] of controls) if (param !== 'q') control.addEventListener('change', changed);
    province.addEventListener('change', () => void fillCounties());
    form.addEventListener('reset', (event) => {
      event.preventDefault();
      for (const control of controls.values()) control.value = '';
      void fillCounties();
      changed();
    });
    previous.addEventListener('click', () => {
      if (pageIndex === 0) return;
      pageIndex -= 1;
      load();
    });
    next.addEventListener('click', () => {
      if (!nextCursor) return;
      cursors[pageIndex + 1] = nextCursor;
      pageIndex += 1;
      load();
    });

    async function fillCounties() {
      const code = province.value;
      const wanted = query.get('county') ?? '';
      county.replaceChildren(h('option', { value: '' }, 'همهٔ شهرستان‌ها'));
      county.disabled = !isProvinceCode(code);
      if (!isProvinceCode(code)) return;
      const list = await getJson<ProvinceCountiesResponse>(`/provinces/${code}/counties`).catch(() => undefined);
      if (province.value !== code || !list) return;
      county.append(...list.counties.map((c) => h('option', { value: c.name }, faText(c.name))));
      county.value = wanted;
    }
    const fillFrom = async (control: HTMLSelectElement, load: () => Promise<{ value: string; label: string }[]>) => {
      const wanted = query.get(control.name) ?? '';
      const options = await load().catch(() => []);
      control.append(...options.sort((a, b) => comparePersian(a.label, b.label)).map((o) => h('option', { value: o.value }, o.label)));
      if (wanted && !options.some((o) => o.value === wanted)) control.append(h('option', { value: wanted }, faText(wanted)));
      control.value = wanted;
    };
    void fillCounties();
    void fillFrom(programme, async () =>
      (await getJson<{ items: { name: string }[] }>('/programmes')).items.map((p) => ({ value: p.name, label: faText(p.name) })),
    );
    void fillFrom(partner, async () => (await loadPartners()).map((p) => ({ value: p.id, label: faText(p.name) })));
    if (query.get('province') && !isPlaceCode(query.get('province')!)) query.delete('province');
    load();
    return () => {
      stop();
      window.clearTimeout(typing);
    };
  };
}

function projectRow(p: ProjectJson): HTMLTableRowElement {
  const where = isProvinceCode(p.province) ? `${provinceByCode(p.province).fa}، ${placeLabel(p)}` : placeLabel(p);
  return h(
    'tr',
    { 'data-project': p.id },
    h('th', { scope: 'row' }, h('a', { href: `#/project/${encodeURIComponent(p.id)}` }, faText(p.title))),
    h('td', {}, where),
    h('td', {}, CATEGORY_LABELS[p.category]),
    h('td', {}, STATUS_LABELS[p.status]),
    h('td', {}, h('progress', { max: 100, value: p.progressPercent, 'aria-hidden': 'true' }), ` ${faPercent(p.progressPercent)}`),
    h('td', { title: `${faNumber(toman(p.budgetToman))} تومان` }, faCompactMoney(toman(p.budgetToman))),
    h('td', {}, p.startDate ? faDate(p.startDate) : '—'),
  );
}
