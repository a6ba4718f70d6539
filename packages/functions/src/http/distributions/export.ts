import { listDistributions } from '@abad/core';
import { distributionColumns, readAllPages } from '@abad/core/export/index';
import { httpHandler } from '../handler.ts';
import { parseQuery } from '../queries.ts';
import { routeOf } from '../routes.ts';
import { exportResponse } from '../table-export.ts';

/**
 * The handler of `GET /distributions.csv` or `GET /distributions.xlsx`: the list's view (the caller's provinces
 * only, as the list), every page.
 */
export function distributionsExportHandler(key: 'GET /distributions.csv' | 'GET /distributions.xlsx') {
  const route = routeOf(key);
  return httpHandler(route, async ({ store, principal, event, language }) => {
    const { drive, ...query } = parseQuery(route.query, event, language);
    const rows = await readAllPages((limit, cursor) => listDistributions(store, principal, { ...query, driveId: drive, limit, ...(cursor ? { cursor } : {}) }));
    return exportResponse(event, { name: 'distributions', title: 'توزیع‌ها', columns: distributionColumns(), rows });
  });
}
