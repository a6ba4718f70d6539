import { unitLabel } from '../catalogue.ts';
import { h } from '../dom.ts';
import { faNumber, faPercent } from '../format/numbers.ts';
import { comparePersian, faText } from '../format/text.ts';
import type { FiguresJson, IndicatorJson, PlaceProgrammeJson } from '../types.ts';

/**
 * Target against actual, indicator by indicator: what plans set out (`planned`), what the
 * projects aim at (`target`) and what they delivered (`actual`), each with the indicator's
 * unit, and how far along it is — actual ÷ planned, or ÷ target where no plan sets one.
 */
type Outputs = FiguresJson['outputs'];

/** actual ÷ (planned, or target without a plan), in percent with one decimal; undefined with nothing to measure against. */
export function achievedPercent(figure: { target: number; actual: number; planned: number }): number | undefined {
  const goal = figure.planned > 0 ? figure.planned : figure.target;
  return goal > 0 ? Math.round((figure.actual * 1000) / goal) / 10 : undefined;
}

/** The indicators of `outputs` in catalogue order (codes the catalogue does not know last, by code). */
function ordered(outputs: Outputs, catalogue: readonly IndicatorJson[]): [string, Outputs[string], IndicatorJson | undefined][] {
  const rank = new Map(catalogue.map((i, n) => [i.code, n]));
  return Object.entries(outputs)
    .sort(([a], [b]) => (rank.get(a) ?? Number.MAX_SAFE_INTEGER) - (rank.get(b) ?? Number.MAX_SAFE_INTEGER) || a.localeCompare(b))
    .map(([code, figure]) => [code, figure, catalogue.find((i) => i.code === code)]);
}

/** A table of the outputs; undefined when there are none. */
export function outputsTable(outputs: Outputs, catalogue: readonly IndicatorJson[], caption: string): HTMLElement | undefined {
  const rows = ordered(outputs, catalogue);
  if (rows.length === 0) return undefined;
  const withPlans = rows.some(([, f]) => f.planned > 0);
  const amount = (n: number, indicator: IndicatorJson | undefined) => (indicator ? `${faNumber(n)} ${unitLabel(indicator)}` : faNumber(n));
  const table = h(
    'table',
    { class: 'figures-table outputs-table' },
    h('caption', {}, caption, h('small', {}, withPlans ? '؛ درصد تحقق از هدف برنامه، یا از هدف پروژه‌ها آنجا که برنامه هدفی ندارد' : '')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'شاخص'),
        withPlans ? h('th', { scope: 'col' }, 'هدف برنامه') : null,
        h('th', { scope: 'col' }, 'هدف پروژه‌ها'),
        h('th', { scope: 'col' }, 'محقق‌شده'),
        h('th', { scope: 'col' }, 'درصد تحقق'),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map(([code, figure, indicator]) => {
        const percent = achievedPercent(figure);
        const name = faText(indicator?.fa ?? code);
        return h(
          'tr',
          { 'data-indicator': code },
          h('th', { scope: 'row' }, name),
          withPlans ? h('td', { 'data-measure': 'planned' }, figure.planned > 0 ? amount(figure.planned, indicator) : '—') : null,
          h('td', { 'data-measure': 'target' }, figure.target > 0 ? amount(figure.target, indicator) : '—'),
          h('td', { 'data-measure': 'actual' }, amount(figure.actual, indicator)),
          h(
            'td',
            { 'data-measure': 'percent', class: 'percent' },
            percent === undefined ? '—' : [faPercent(percent), h('progress', { max: 100, value: Math.min(percent, 100), 'aria-label': `درصد تحقق ${name}` })],
          ),
        );
      }),
    ),
  );
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': caption, tabindex: '0' }, table);
}

/** A place's programmes, each with its projects and its outputs against their targets. */
export function programmesList(programmes: readonly PlaceProgrammeJson[], catalogue: readonly IndicatorJson[], where: string): HTMLElement {
  if (programmes.length === 0) return h('p', { class: 'notice' }, `هنوز برنامه‌ای برای ${where} ثبت نشده است.`);
  const sorted = [...programmes].sort((a, b) => comparePersian(a.name, b.name));
  return h(
    'div',
    { class: 'programmes' },
    sorted.map((p) => {
      const headingId = `programme-${encodeURIComponent(p.key).replace(/%/g, '')}`;
      return h(
        'section',
        { class: 'programme', 'data-programme': p.key, 'aria-labelledby': headingId },
        h('h3', { id: headingId }, faText(p.name)),
        h(
          'p',
          { class: 'meta' },
          p.projects.total > 0
            ? `${faNumber(p.projects.total)} پروژه · میانگین پیشرفت فیزیکی ${faPercent(p.projects.averageProgressPercent)}`
            : 'هنوز پروژه‌ای در این برنامه ثبت نشده است.',
        ),
        outputsTable(p.outputs, catalogue, `هدف و عملکرد «${faText(p.name)}» در ${where}`) ?? h('p', {}, 'برای این برنامه هنوز هدف یا خروجی‌ای ثبت نشده است.'),
      );
    }),
  );
}
