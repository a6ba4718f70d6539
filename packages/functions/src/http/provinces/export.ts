import { listIndicators, PROJECT_CATEGORY_LABELS, slicedAllProvinceFigures, type AppliedSlice, type Figures } from '@abad/core';
import { column, dateColumns, figureColumns, indicatorsOf, labelColumns, type Column } from '@abad/core/export/index';
import { httpHandler } from '../handler.ts';
import { FIGURES_CACHE_CONTROL } from '../public-figures.ts';
import { parseQuery } from '../queries.ts';
import { routeOf } from '../routes.ts';
import { exportResponse } from '../table-export.ts';

interface Row {
  code: string;
  fa: string;
  en: string;
  figures: Figures & { updatedAt: string | null };
}

/** The national total's row: the 31 provinces plus what was recorded for the country (IR). */
const NATIONAL_ROW = { code: 'national', fa: 'جمع کشور (استان‌ها و ثبت ملی)', en: 'National total' };

/** What a sliced file is of, on every row (a file has no caption): the slice as applied, its snapshot days. */
function sliceColumns(slice: AppliedSlice): Column<Row>[] {
  const columns: Column<Row>[] = [];
  if (slice.from !== null || slice.to !== null) {
    columns.push(...dateColumns<Row>('از', () => slice.from ?? undefined), ...dateColumns<Row>('تا', () => slice.to ?? undefined));
    columns.push(
      ...dateColumns<Row>('آمار روزانهٔ آغاز', () => slice.fromSnapshot ?? undefined),
      ...dateColumns<Row>('آمار روزانهٔ پایان (خالی: آمار زنده)', () => slice.toSnapshot ?? undefined),
    );
  }
  if (slice.programme) columns.push(column('برنامه', () => slice.programme!));
  if (slice.drive) columns.push(column('پویش (شناسه)', () => slice.drive!));
  if (slice.category) columns.push(...labelColumns<Row>('دستهٔ پروژه', () => slice.category!, PROJECT_CATEGORY_LABELS));
  return columns;
}

/**
 * The handler of `GET /provinces.csv` or `GET /provinces.xlsx`: the figures table of `GET
 * /provinces` — each province, the country (IR) and the national total, with the same slice
 * query (public, kept as briefly as the JSON).
 */
export function provincesExportHandler(key: 'GET /provinces.csv' | 'GET /provinces.xlsx') {
  const route = routeOf(key);
  return httpHandler(route, async ({ store, event, language }) => {
    const slice = parseQuery(route.query, event, language);
    const [all, catalogue] = await Promise.all([slicedAllProvinceFigures(store, slice), listIndicators(store)]);
    const rows: Row[] = [...all.provinces, all.country].map((p) => ({ code: p.province.code, fa: p.province.fa, en: p.province.en, figures: p }));
    rows.push({ ...NATIONAL_ROW, figures: all.national });
    const names = Object.fromEntries(rows.map((r) => [r.code, r.fa]));
    const columns = [
      ...labelColumns<Row>('استان', (r) => r.code, names),
      column<Row>('نام انگلیسی', (r) => r.en),
      ...sliceColumns(all.slice),
      ...figureColumns<Row>(
        (r) => r.figures,
        indicatorsOf(
          rows.map((r) => r.figures),
          catalogue,
        ),
      ),
    ];
    return exportResponse(event, { name: 'provinces', title: 'استان‌ها', columns, rows }, { cacheControl: FIGURES_CACHE_CONTROL });
  });
}
