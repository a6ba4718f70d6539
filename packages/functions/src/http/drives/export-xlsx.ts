import { drivesExportHandler } from './export.ts';

export const handler = drivesExportHandler('GET /drives.xlsx');
