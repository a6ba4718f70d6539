import { listDonations } from '@abad/core';
import { donationColumns, readAllPages } from '@abad/core/export/index';
import { httpHandler } from '../handler.ts';
import { parseQuery } from '../queries.ts';
import { routeOf } from '../routes.ts';
import { exportResponse } from '../table-export.ts';

/**
 * The handler of `GET /donations.csv` or `GET /donations.xlsx`: the list's view (the caller's provinces
 * only, as the list), every page. Never the donor: the columns have no name or phone, for admins too.
 */
export function donationsExportHandler(key: 'GET /donations.csv' | 'GET /donations.xlsx') {
  const route = routeOf(key);
  return httpHandler(route, async ({ store, principal, event, language }) => {
    const { drive, ...query } = parseQuery(route.query, event, language);
    const rows = await readAllPages((limit, cursor) => listDonations(store, principal, { ...query, driveId: drive, limit, ...(cursor ? { cursor } : {}) }));
    return exportResponse(event, { name: 'donations', title: 'کمک‌ها', columns: donationColumns(), rows });
  });
}
