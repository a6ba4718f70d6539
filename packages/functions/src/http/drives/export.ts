import { listDrives } from '@abad/core';
import { driveColumns, readAllPages } from '@abad/core/export/index';
import { httpHandler } from '../handler.ts';
import { routeOf } from '../routes.ts';
import { exportResponse } from '../table-export.ts';

/** The handler of `GET /drives.csv` or `GET /drives.xlsx`: every drive, newest first. */
export function drivesExportHandler(key: 'GET /drives.csv' | 'GET /drives.xlsx') {
  return httpHandler(routeOf(key), async ({ store, event }) => {
    const rows = await readAllPages((limit, cursor) => listDrives(store, limit, cursor));
    return exportResponse(event, { name: 'drives', title: 'پویش‌ها', columns: driveColumns(), rows });
  });
}
