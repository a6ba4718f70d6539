import { programmesExportHandler } from './export.ts';

export const handler = programmesExportHandler('GET /programmes.xlsx');
