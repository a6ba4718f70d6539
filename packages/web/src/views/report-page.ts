import { NATIONAL_CODE, NATIONAL_PLACE, isPlaceCode, isProvinceCode, provinceByCode, type ProvinceCode } from '@abad/core/places/provinces';
import { PROJECT_CATEGORIES, PROJECT_STATUSES } from '@abad/core/schemas/project';
import { getJson } from '../api.ts';
import { loadIndicators } from '../catalogue.ts';
import { h, replaceChildren, uid } from '../dom.ts';
import { faDate, faTime, tehranIsoDate } from '../format/dates.ts';
import { parsePeriod } from '../format/periods.ts';
import { faNumber, faPercent, faToman, toman } from '../format/numbers.ts';
import { comparePersian, faText } from '../format/text.ts';
import { CATEGORY_LABELS, STATUS_LABELS } from '../forms/labels.ts';
import { reportParagraphs } from '../report/sentences.ts';
import { replaceQuery } from '../router.ts';
import type { FiguresJson, IndicatorJson, ProvinceCountiesResponse, ProvinceDetailResponse, ProvincesResponse } from '../types.ts';
import { periodChoices } from './figure-filters.ts';
import { loadState } from './load-state.ts';
import { notFoundPage } from './not-found.ts';
import { outputsTable, programmesList } from './outputs-table.ts';
import type { View } from './view.ts';

/**
 * `#/report/IR-13?period=1403-S3`: a province's (or the country's, `IR`) report for a period,
 * as an office would print it — prose written from the figures, its tables and the map — with a
 * print stylesheet that makes a clean A4 page (the browser's «چاپ» → «ذخیره به PDF»).
 */
export function reportPage(code: string, query: URLSearchParams): View {
  if (!isPlaceCode(code)) return notFoundPage;
  return (main) => {
    const province = isProvinceCode(code) ? provinceByCode(code) : undefined;
    const place = province ? `استان ${province.fa}` : NATIONAL_PLACE.fa;
    const periodId = uid('report-period');
    const period = h(
      'select',
      { id: periodId, name: 'period' },
      h('option', { value: '' }, 'از آغاز تا امروز'),
      periodChoices().map((g) =>
        h(
          'optgroup',
          { label: g.label },
          g.options.map((o) => h('option', { value: o.value }, o.label)),
        ),
      ),
    );
    period.value = parsePeriod(query.get('period'))?.code ?? '';
    const print = h('button', { type: 'button', onclick: () => window.print() }, 'چاپ یا ذخیره به PDF');
    const toolbar = h(
      'div',
      { class: 'report-toolbar no-print' },
      h('p', { class: 'breadcrumb' }, h('a', { href: `#/province/${code}` }, `بازگشت به صفحهٔ ${place}`)),
      h('div', { class: 'field inline' }, h('label', { for: periodId }, 'دورهٔ گزارش'), period),
      print,
    );
    const heading = h('h1', { id: 'page-title', tabindex: '-1' }, `گزارش ${place}`);
    const subtitle = h('p', { class: 'report-subtitle', 'data-testid': 'report-period' });
    const prose = h('div', { class: 'report-prose', 'data-testid': 'report-prose' });
    const tables = h('div', { class: 'report-tables' });
    const mapSlot = h('div', { class: 'report-map' });
    const article = h(
      'article',
      { class: 'report', 'data-testid': 'report' },
      h('header', {}, h('p', { class: 'report-brand' }, 'آباد · گزارش پروژه‌های عمرانی و کمک‌های مردمی'), heading, subtitle),
      prose,
      tables,
      mapSlot,
      h('footer', { class: 'report-footer' }, 'منبع: آمار زندهٔ آباد، از پروژه‌ها، کمک‌ها و توزیع‌هایی که دفترهای استانی ثبت کرده‌اند. مبالغ به تومان.'),
    );
    const state = loadState([article], 'گزارش');
    main.append(toolbar, state.element, article);

    let stopped = false;
    let retry: number | undefined;
    const load = async () => {
      window.clearTimeout(retry);
      const chosen = parsePeriod(period.value);
      const slice = chosen ? `?from=${chosen.from}&to=${chosen.to}` : '';
      try {
        const [detail, all, counties, catalogue] = await Promise.all([
          getJson<ProvinceDetailResponse>(`/provinces/${code}${slice}`),
          getJson<ProvincesResponse>(`/provinces${slice}`),
          province ? getJson<ProvinceCountiesResponse>(`/provinces/${code}/counties`) : undefined,
          loadIndicators().catch((): IndicatorJson[] => []),
        ]);
        if (stopped) return;
        const now = new Date();
        subtitle.textContent = `${chosen ? chosen.label : `از آغاز تا ${faDate(tehranIsoDate(now))}`} · تهیه‌شده در ${faDate(tehranIsoDate(now))} ساعت ${faTime(now)}`;
        replaceChildren(
          prose,
          reportParagraphs(detail, { place, when: chosen ? `در ${chosen.label}` : 'تا امروز' }, catalogue).map((text) => h('p', {}, text)),
        );
        replaceChildren(
          tables,
          figuresTable(detail),
          countsTable(detail),
          outputsTable(detail.outputs, catalogue, `خروجی‌های پروژه‌های ${place}`) ?? null,
          detail.programmes.length ? h('section', {}, h('h2', {}, 'برنامه‌ها: هدف و عملکرد'), programmesList(detail.programmes, catalogue, place)) : null,
          counties ? countiesTable(counties, Boolean(chosen)) : null,
        );
        await drawMap(all, code === NATIONAL_CODE ? undefined : (code as ProvinceCode));
        state.loaded();
      } catch (error) {
        if (stopped) return;
        state.failed(error);
        retry = window.setTimeout(() => void load(), 5_000);
      }
    };

    const drawMap = async (all: ProvincesResponse, highlight: ProvinceCode | undefined) => {
      const [{ iranMap }, { figure }] = await Promise.all([import('./iran-map.ts'), import('./figures.ts')]);
      const map = iranMap((next) => (location.hash = `#/report/${next}${period.value ? `?period=${period.value}` : ''}`));
      const chosen = figure('projects');
      map.update(new Map(all.provinces.map((p) => [p.province.code, chosen.read(p)] as [ProvinceCode, bigint])), chosen);
      if (highlight) map.element.querySelector(`[data-province="${highlight}"]`)?.classList.add('highlight');
      replaceChildren(mapSlot, h('h2', {}, 'پروژه‌ها در استان‌های کشور'), map.element);
    };

    period.addEventListener('change', () => {
      if (period.value) query.set('period', period.value);
      else query.delete('period');
      replaceQuery(query);
      void load();
    });
    void load();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
    };
  };
}

function table(caption: string, head: string[], rows: (string | HTMLElement)[][], testId?: string): HTMLElement {
  return h(
    'table',
    { class: 'figures-table report-table', 'data-testid': testId },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        head.map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map(([first, ...rest]) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, first),
          rest.map((cell) => h('td', {}, cell)),
        ),
      ),
    ),
  );
}

function figuresTable(f: FiguresJson): HTMLElement {
  const rows: [string, string][] = [
    ['پروژه‌ها', faNumber(f.projects.total)],
    ['اعتبار پروژه‌ها', faToman(toman(f.projects.budgetToman))],
    ['تسهیلات', faToman(toman(f.projects.loansToman))],
    ['اشتغال ایجادشده', `${faNumber(f.projects.jobsCreated)} نفر`],
    ['واحد مسکونی', faNumber(f.projects.housingUnits)],
    ['خانوار بهره‌مند', faNumber(f.projects.beneficiaryHouseholds)],
    ['میانگین پیشرفت فیزیکی', faPercent(f.projects.averageProgressPercent)],
    ['کمک‌های مردمی', `${faNumber(f.donations.count)} کمک، ${faToman(toman(f.donations.totalToman))}`],
    ['بسته‌های توزیع‌شده', `${faNumber(f.distributions.packages)} بسته برای ${faNumber(f.distributions.households)} خانوار`],
  ];
  return table('آمار اصلی', ['شاخص', 'مقدار'], rows, 'report-figures');
}

function countsTable(f: FiguresJson): HTMLElement {
  const rows = [
    ...PROJECT_STATUSES.filter((s) => (f.projects.byStatus[s] ?? 0) > 0).map((s) => [`وضعیت: ${STATUS_LABELS[s]}`, faNumber(f.projects.byStatus[s])]),
    ...PROJECT_CATEGORIES.filter((c) => (f.projects.byCategory[c] ?? 0) > 0).map((c) => [`نوع: ${CATEGORY_LABELS[c]}`, faNumber(f.projects.byCategory[c])]),
  ];
  return table('پروژه‌ها بر پایهٔ وضعیت و نوع', ['گروه', 'شمار پروژه'], rows.length ? rows : [['—', faNumber(0)]]);
}

function countiesTable(data: ProvinceCountiesResponse, sliced: boolean): HTMLElement {
  const rows = data.counties
    .filter((c) => c.projects.total > 0 || c.donations.count > 0 || c.distributions.count > 0)
    .sort((a, b) => comparePersian(a.name, b.name))
    .map((c) => [
      faText(c.name),
      faNumber(c.projects.total),
      faToman(toman(c.projects.budgetToman)),
      faNumber(c.projects.jobsCreated),
      faToman(toman(c.donations.totalToman)),
      faNumber(c.distributions.packages),
    ]);
  return table(
    `شهرستان‌هایی که چیزی در آن‌ها ثبت شده است${sliced ? ' (همهٔ دوره‌ها)' : ''}`,
    ['شهرستان', 'پروژه', 'اعتبار', 'اشتغال', 'کمک‌ها', 'بسته‌ها'],
    rows.length ? rows : [['—', '۰', '۰', '۰', '۰', '۰']],
    'report-counties',
  );
}
