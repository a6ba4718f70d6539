import { getJson } from '../api.ts';
import { loadIndicators, unitLabel } from '../catalogue.ts';
import { h, replaceChildren } from '../dom.ts';
import { faNumber, faPercent } from '../format/numbers.ts';
import { comparePersian, faText } from '../format/text.ts';
import { poll } from '../live/poller.ts';
import type { FiguresJson, IndicatorJson, ProvinceFiguresJson } from '../types.ts';
import { barList, type BarItem } from './bar-list.ts';
import { exportLinks } from './export-links.ts';
import { loadState } from './load-state.ts';
import { achievedPercent } from './outputs-table.ts';
import type { View } from './view.ts';

/**
 * `#/programmes`: every programme's target against what was achieved, indicator by indicator,
 * as horizontal bars with the percentage (actual ÷ the programme's planned target, or ÷ the
 * projects' targets where no plan sets one) and the indicator's unit from the catalogue;
 * `#/programme/{name}`: one programme, the same for the country and then per province.
 * Public, refreshed like the dashboard.
 */

/** GET /programmes: a programme's figures. */
export interface ProgrammeJson extends FiguresJson {
  name: string;
  key: string;
  updatedAt: string | null;
}

/** GET /programmes/{name}: with its figures in each place it counts in. */
export interface ProgrammeDetailJson extends ProgrammeJson {
  provinces: ProvinceFiguresJson[];
}

type Outputs = FiguresJson['outputs'];
type OutputFigure = Outputs[string];

export function programmeHref(name: string): string {
  return `#/programme/${encodeURIComponent(name)}`;
}

/** The indicators of `outputs` in catalogue order (codes the catalogue does not know last). */
function orderedCodes(outputs: Outputs, catalogue: readonly IndicatorJson[]): string[] {
  const rank = new Map(catalogue.map((i, n) => [i.code, n]));
  return Object.keys(outputs).sort((a, b) => (rank.get(a) ?? Number.MAX_SAFE_INTEGER) - (rank.get(b) ?? Number.MAX_SAFE_INTEGER) || a.localeCompare(b));
}

function indicatorName(code: string, catalogue: readonly IndicatorJson[]): string {
  return faText(catalogue.find((i) => i.code === code)?.fa ?? code);
}

/** One bar: «۹ از ۴۰ کیلومتر · ۲۲٫۵٪» with which goal it is measured against. */
function targetBar(label: string | Node, figure: OutputFigure, indicator: IndicatorJson | undefined, data: Record<string, string>): BarItem {
  const unit = indicator ? ` ${unitLabel(indicator)}` : '';
  const percent = achievedPercent(figure);
  const goal = figure.planned > 0 ? figure.planned : figure.target;
  const measuredAgainst = figure.planned > 0 ? 'هدف برنامه' : 'هدف پروژه‌ها';
  const text =
    percent === undefined
      ? h('span', {}, `${faNumber(figure.actual)}${unit}`, h('small', {}, ' (هدفی ثبت نشده)'))
      : h(
          'span',
          {},
          `${faNumber(figure.actual)} از ${faNumber(goal)}${unit} · `,
          h('strong', { class: 'percent' }, faPercent(percent)),
          h('small', {}, ` (${measuredAgainst})`),
        );
  return {
    label,
    share: percent === undefined ? 0 : percent / 100,
    met: percent !== undefined && percent >= 100,
    empty: percent === undefined,
    text,
    data: { ...data, ...(percent === undefined ? {} : { percent: String(percent) }) },
  };
}

/** A scope's indicators as bars; a notice when it has none. */
function indicatorBars(outputs: Outputs, catalogue: readonly IndicatorJson[], label: string): HTMLElement {
  const codes = orderedCodes(outputs, catalogue);
  if (codes.length === 0) return h('p', { class: 'notice' }, 'برای این برنامه هنوز هدف یا خروجی‌ای ثبت نشده است.');
  return barList(
    codes.map((code) =>
      targetBar(
        indicatorName(code, catalogue),
        outputs[code]!,
        catalogue.find((i) => i.code === code),
        { indicator: code },
      ),
    ),
    { class: 'bars target-bars', 'aria-label': label },
  );
}

function projectsMeta(p: FiguresJson): HTMLElement {
  return h(
    'p',
    { class: 'meta' },
    p.projects.total > 0
      ? `${faNumber(p.projects.total)} پروژه · میانگین پیشرفت فیزیکی ${faPercent(p.projects.averageProgressPercent)}`
      : 'هنوز پروژه‌ای در این برنامه ثبت نشده است.',
  );
}

const measureNote = () =>
  h('p', { class: 'hint' }, 'درصد تحقق: محقق‌شده بخش بر هدف برنامه، یا بر هدف پروژه‌ها آنجا که برنامه هدفی ندارد. نوار پر یعنی هدف رسیده است.');

// ---------------------------------------------------------------------------------------------
// #/programmes

export function programmesPage(): View {
  return (main) => {
    const list = h('div', { class: 'programmes', 'data-testid': 'programmes-list' });
    const exports = exportLinks('/programmes', 'فهرست برنامه‌ها');
    const content = h('div', {}, exports.element, measureNote(), list);
    const state = loadState([content], 'آمار برنامه‌ها');
    main.append(
      h('h1', { id: 'page-title', tabindex: '-1' }, 'برنامه‌ها'),
      h('p', { class: 'lead' }, 'هدف هر برنامه در برابر آنچه محقق شده، شاخص به شاخص؛ آمار بدون بارگذاری دوباره به‌روز می‌شود.'),
      state.element,
      content,
    );
    exports.update(new URLSearchParams());
    const indicators = loadIndicators().catch((): IndicatorJson[] => []);
    let drawn = '';
    return poll(
      async () => {
        const [programmes, catalogue] = await Promise.all([getJson<{ items: ProgrammeJson[] }>('/programmes'), indicators]);
        return { programmes: programmes.items, catalogue };
      },
      ({ programmes, catalogue }) => {
        if (programmes.length === 0) {
          drawn = '';
          return state.loaded(
            h(
              'div',
              { class: 'empty-panel', 'data-testid': 'no-programmes' },
              h('h2', {}, 'هنوز برنامه‌ای ثبت نشده است'),
              h('p', {}, 'برنامه با نخستین پروژه‌ای که نامش را می‌برد، یا با هدفی که مدیر برای آن ثبت می‌کند، پدید می‌آید.'),
            ),
          );
        }
        const key = JSON.stringify([programmes, catalogue.length]);
        if (key !== drawn) {
          drawn = key;
          const sorted = [...programmes].sort((a, b) => comparePersian(a.name, b.name));
          replaceChildren(
            list,
            sorted.map((p, i) => {
              const headingId = `programme-title-${i}`;
              return h(
                'section',
                { class: 'programme', 'data-programme': p.key, 'aria-labelledby': headingId },
                h('h2', { id: headingId }, h('a', { href: programmeHref(p.name) }, faText(p.name))),
                projectsMeta(p),
                indicatorBars(p.outputs, catalogue, `هدف و عملکرد «${faText(p.name)}»`),
              );
            }),
          );
        }
        state.loaded();
      },
      (error) => state.failed(error),
    );
  };
}

// ---------------------------------------------------------------------------------------------
// #/programme/{name}

export function programmePage(name: string): View {
  return (main) => {
    const title = h('h1', { id: 'page-title', tabindex: '-1' }, faText(name));
    const national = h('div', { 'data-testid': 'programme-national' });
    const byIndicator = h('div', { 'data-testid': 'programme-provinces' });
    const exports = exportLinks('/programmes', 'فهرست همهٔ برنامه‌ها');
    const nationalSection = h(
      'section',
      { 'aria-labelledby': 'programme-national-title' },
      h('h2', { id: 'programme-national-title' }, 'کل برنامه'),
      measureNote(),
      national,
      exports.element,
    );
    const provincesSection = h(
      'section',
      { 'aria-labelledby': 'programme-provinces-title' },
      h('h2', { id: 'programme-provinces-title' }, 'بر پایهٔ استان'),
      byIndicator,
    );
    const state = loadState([nationalSection, provincesSection], 'آمار برنامه');
    main.append(h('p', { class: 'breadcrumb' }, h('a', { href: '#/programmes' }, 'همهٔ برنامه‌ها')), title, state.element, nationalSection, provincesSection);
    exports.update(new URLSearchParams());
    const indicators = loadIndicators().catch((): IndicatorJson[] => []);
    let drawn = '';
    return poll(
      async () => {
        const [programme, catalogue] = await Promise.all([getJson<ProgrammeDetailJson>(`/programmes/${encodeURIComponent(name)}`), indicators]);
        return { programme, catalogue };
      },
      ({ programme, catalogue }) => {
        const key = JSON.stringify([programme, catalogue.length]);
        if (key !== drawn) {
          drawn = key;
          const shownName = faText(programme.name);
          title.textContent = shownName;
          document.title = `${shownName} — آباد`;
          replaceChildren(national, projectsMeta(programme), indicatorBars(programme.outputs, catalogue, `هدف و عملکرد «${shownName}» در کل کشور`));
          drawProvinces(byIndicator, programme, catalogue);
        }
        state.loaded();
      },
      (error) => state.failed(error),
    );
  };
}

/** For each indicator, the places it counts in: bars sorted by the percentage achieved, highest first (places without a goal last). */
function drawProvinces(slot: HTMLElement, programme: ProgrammeDetailJson, catalogue: readonly IndicatorJson[]): void {
  const codes = orderedCodes(programme.outputs, catalogue);
  if (codes.length === 0 || programme.provinces.length === 0) {
    replaceChildren(slot, h('p', { class: 'notice' }, 'هنوز هدف یا خروجی‌ای از این برنامه در استانی ثبت نشده است.'));
    return;
  }
  replaceChildren(
    slot,
    codes.map((code, i) => {
      const indicator = catalogue.find((c) => c.code === code);
      const name = indicatorName(code, catalogue);
      const places = programme.provinces
        .filter((p) => p.outputs[code] !== undefined)
        .map((p) => ({ place: p.province, figure: p.outputs[code]!, percent: achievedPercent(p.outputs[code]!) }))
        .sort((a, b) => (b.percent ?? -1) - (a.percent ?? -1) || b.figure.actual - a.figure.actual || comparePersian(a.place.fa, b.place.fa));
      const headingId = `programme-indicator-${i}`;
      return h(
        'section',
        { class: 'programme-indicator', 'data-indicator': code, 'aria-labelledby': headingId },
        h('h3', { id: headingId }, name, indicator ? h('small', {}, ` (${unitLabel(indicator)})`) : null),
        places.length === 0
          ? h('p', { class: 'notice' }, 'در هیچ استانی ثبت نشده است.')
          : barList(
              places.map((p) => targetBar(p.place.fa, p.figure, indicator, { province: p.place.code })),
              { class: 'bars target-bars', 'aria-label': `${name} در هر استان` },
            ),
      );
    }),
  );
}
