import { distributionsExportHandler } from './export.ts';

export const handler = distributionsExportHandler('GET /distributions.xlsx');
