import { countiesExportHandler } from './counties-export.ts';

export const handler = countiesExportHandler('GET /provinces/{code}/counties.csv');
