import { provincesExportHandler } from './export.ts';

export const handler = provincesExportHandler('GET /provinces.xlsx');
