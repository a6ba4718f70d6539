import { partnersExportHandler } from './export.ts';

export const handler = partnersExportHandler('GET /partners.csv');
