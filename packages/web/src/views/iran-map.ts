import { PROVINCES, type ProvinceCode } from '@abad/core/places/provinces';
import { h, svg } from '../dom.ts';
import { faCompactMoney, faNumber, faToman } from '../format/numbers.ts';
import { MAP_LABELS, MAP_PROVINCE_SHAPES, MAP_SEAS, MAP_TEXT_LABELS, MAP_VIEW_BOX } from '../map/iran-map-data.ts';
import { MAP_KEY_TO_ISO } from '../map/province-ids.ts';
import type { FigureDef } from './figures.ts';

/**
 * Iran's 31 provinces (outlines from react-iran-map, MIT), shaded by one figure. Each
 * province is a focusable button named with its figure; pointing at it, focusing it or
 * tapping it shows the number below the map; activating a selected province (a second tap,
 * Enter, a double click) opens its page.
 */
export interface IranMap {
  element: HTMLElement;
  update(values: ReadonlyMap<ProvinceCode, bigint>, figure: FigureDef): void;
}

/** Light to dark; zero has its own neutral colour. Dark enough steps keep the labels' halo readable. */
export const SHADES = ['#d9efe9', '#a8dccf', '#74c3b0', '#44a38e', '#23806e'] as const;
const ZERO = '#eef0f2';

export function shadeFor(value: bigint, max: bigint): string {
  if (value <= 0n || max <= 0n) return ZERO;
  const step = Number((value * BigInt(SHADES.length)) / (max + 1n));
  return SHADES[Math.min(step, SHADES.length - 1)]!;
}

/** The values each shade stands for (shadeFor's steps), lowest first; steps no whole value falls in are left out. */
export function classBreaks(max: bigint): { color: string; from: bigint; to: bigint }[] {
  if (max <= 0n) return [];
  const steps = BigInt(SHADES.length);
  const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
  return SHADES.map((color, i) => {
    const from = ceilDiv(BigInt(i) * (max + 1n), steps);
    return { color, from: from < 1n ? 1n : from, to: ceilDiv(BigInt(i + 1) * (max + 1n), steps) - 1n };
  }).filter((c) => c.from <= c.to);
}

export function iranMap(open: (code: ProvinceCode) => void): IranMap {
  const names = new Map(PROVINCES.map((p) => [p.code, p.fa]));
  const shapes = new Map<ProvinceCode, SVGPathElement>();
  let values: ReadonlyMap<ProvinceCode, bigint> = new Map();
  let figure: FigureDef | undefined;
  let selected: ProvinceCode | undefined;
  let shown: ProvinceCode | undefined;

  const info = h('p', { class: 'map-info', 'aria-live': 'polite', 'data-testid': 'map-info' }, 'برای دیدن عدد هر استان، روی آن بروید یا آن را لمس کنید.');
  const valueText = (code: ProvinceCode) => {
    const value = values.get(code) ?? 0n;
    return figure?.money ? faToman(value) : faNumber(value);
  };
  const describe = (code: ProvinceCode) => `${names.get(code) ?? code} — ${figure?.short ?? ''}: ${valueText(code)}`;
  const show = (code: ProvinceCode) => {
    shown = code;
    info.replaceChildren(
      h('strong', {}, names.get(code) ?? code),
      ` — ${figure?.label.replace(' (تومان)', '') ?? ''}: `,
      h('span', { 'data-testid': 'map-value' }, valueText(code)),
      ' ',
      h('a', { href: `#/province/${code}` }, `صفحهٔ ${names.get(code) ?? code}`),
    );
  };
  const select = (code: ProvinceCode) => {
    if (selected === code) return open(code);
    selected = code;
    for (const [c, path] of shapes) path.setAttribute('aria-pressed', String(c === code));
    show(code);
  };

  const provinceLayer = svg('g', { class: 'provinces' });
  for (const shape of MAP_PROVINCE_SHAPES) {
    const code = MAP_KEY_TO_ISO[shape.key];
    if (!code) throw new Error(`map shape ${shape.key} has no ISO code`);
    const path = svg('path', { d: shape.d, 'data-province': code, tabindex: '0', role: 'button', 'aria-pressed': 'false', class: 'province' });
    path.addEventListener('mouseenter', () => show(code));
    path.addEventListener('focus', () => show(code));
    path.addEventListener('click', () => select(code));
    path.addEventListener('dblclick', () => open(code));
    path.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select(code);
      }
    });
    shapes.set(code, path);
    provinceLayer.append(path);
  }

  const map = svg(
    'svg',
    { viewBox: MAP_VIEW_BOX, class: 'iran-map', role: 'group', 'aria-label': 'نقشهٔ استان‌های ایران', 'data-testid': 'iran-map' },
    svg(
      'g',
      { class: 'seas', 'aria-hidden': 'true' },
      MAP_SEAS.map((d) => svg('path', { d })),
    ),
    provinceLayer,
    svg(
      'g',
      { class: 'labels', 'aria-hidden': 'true' },
      MAP_LABELS.map((l) => svg('path', { d: l.d, transform: l.transform })),
      MAP_TEXT_LABELS.map((t) => svg('text', { transform: t.transform }, t.text)),
    ),
  );

  const legend = h('ul', { class: 'map-legend', 'data-testid': 'map-legend' });
  const legendTitle = h('p', { class: 'legend-title' });
  const element = h('div', { class: 'map-wrap' }, map, info, h('div', { class: 'legend' }, legendTitle, legend));

  return {
    element,
    update(next, nextFigure) {
      values = next;
      figure = nextFigure;
      const max = [...next.values()].reduce((a, b) => (b > a ? b : a), 0n);
      for (const [code, path] of shapes) {
        path.setAttribute('fill', shadeFor(next.get(code) ?? 0n, max));
        path.setAttribute('aria-label', describe(code));
      }
      const amount = (v: bigint) => (nextFigure.money ? faCompactMoney(v) : faNumber(v));
      const entry = (color: string, text: string) => {
        const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
        swatch.style.backgroundColor = color;
        return h('li', {}, swatch, text);
      };
      legendTitle.textContent = `راهنمای رنگ‌ها: ${nextFigure.label}`;
      legend.replaceChildren(
        entry(ZERO, 'صفر (چیزی ثبت نشده)'),
        ...classBreaks(max).map((c) => entry(c.color, c.from === c.to ? amount(c.from) : `${amount(c.from)} تا ${amount(c.to)}`)),
      );
      if (shown) show(shown);
    },
  };
}
