import { donationsExportHandler } from './export.ts';

export const handler = donationsExportHandler('GET /donations.csv');
