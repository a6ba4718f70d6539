import { projectsExportHandler } from './export.ts';

export const handler = projectsExportHandler('GET /projects.csv');
