import { provinceCountyFigures } from '@abad/core';
import { column, figureColumns, indicatorsOf, labelColumns } from '@abad/core/export/index';
import { httpHandler } from '../handler.ts';
import { FIGURES_CACHE_CONTROL } from '../public-figures.ts';
import { parsePath } from '../queries.ts';
import { routeOf } from '../routes.ts';
import { exportResponse } from '../table-export.ts';

/** The handler of `GET /provinces/{code}/counties.csv` or `.xlsx`: every catalogue county of the province with its figures. */
export function countiesExportHandler(key: 'GET /provinces/{code}/counties.csv' | 'GET /provinces/{code}/counties.xlsx') {
  const route = routeOf(key);
  return httpHandler(route, async ({ store, event }) => {
    const { code } = parsePath(route.params, event);
    const { province, counties } = await provinceCountyFigures(store, code);
    type Row = (typeof counties)[number];
    const columns = [
      ...labelColumns<Row>('استان', () => province.code, { [province.code]: province.fa }),
      column<Row>('کد شهرستان', (c) => c.code),
      column<Row>('شهرستان', (c) => c.name),
      column<Row>('دهستان‌های شهرستان', (c) => c.ruralDistricts),
      ...figureColumns<Row>((c) => c, indicatorsOf(counties)),
    ];
    return exportResponse(
      event,
      { name: `counties-${code}`, title: `شهرستان‌های ${province.fa}`, columns, rows: counties },
      { cacheControl: FIGURES_CACHE_CONTROL },
    );
  });
}
