import { listPartners } from '@abad/core';
import { partnerColumns, readAllPages } from '@abad/core/export/index';
import { httpHandler } from '../handler.ts';
import { parseQuery } from '../queries.ts';
import { routeOf } from '../routes.ts';
import { exportResponse } from '../table-export.ts';

/** The handler of `GET /partners.csv` or `GET /partners.xlsx`: the register's filtered view, every page. */
export function partnersExportHandler(key: 'GET /partners.csv' | 'GET /partners.xlsx') {
  const route = routeOf(key);
  return httpHandler(route, async ({ store, event, language }) => {
    const filter = parseQuery(route.query, event, language);
    const rows = await readAllPages((limit, cursor) => listPartners(store, { ...filter, limit, ...(cursor ? { cursor } : {}) }));
    return exportResponse(event, { name: 'partners', title: 'نهادهای همکار', columns: partnerColumns(), rows });
  });
}
