import { listIndicators, listProgrammes } from '@abad/core';
import { column, figureColumns, indicatorsOf } from '@abad/core/export/index';
import { httpHandler } from '../handler.ts';
import { FIGURES_CACHE_CONTROL } from '../public-figures.ts';
import { routeOf } from '../routes.ts';
import { exportResponse } from '../table-export.ts';

/** The handler of `GET /programmes.csv` or `GET /programmes.xlsx`: every programme with its figures (public, kept as briefly as the JSON). */
export function programmesExportHandler(key: 'GET /programmes.csv' | 'GET /programmes.xlsx') {
  return httpHandler(routeOf(key), async ({ store, event }) => {
    const [rows, catalogue] = await Promise.all([listProgrammes(store), listIndicators(store)]);
    type Row = (typeof rows)[number];
    const columns = [column<Row>('برنامه', (p) => p.name), ...figureColumns<Row>((p) => p, indicatorsOf(rows, catalogue))];
    return exportResponse(event, { name: 'programmes', title: 'برنامه‌ها', columns, rows }, { cacheControl: FIGURES_CACHE_CONTROL });
  });
}
