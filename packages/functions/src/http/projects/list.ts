import { listProjects } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { parseQuery } from '../queries.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';
import { exportFormatOf } from '../table-export.ts';
import { projectsExport } from './export.ts';

const route = routeOf('GET /projects');

/** One page of the register; with `Accept: text/csv` (or the XLSX type) the whole filtered view as a file, as GET /projects.csv (limit and cursor aside). */
export const handler = httpHandler(route, async ({ store, event, language }) => {
  const { limit, cursor, ...filter } = parseQuery(route.query, event, language);
  if (exportFormatOf(event)) return projectsExport(store, event, filter);
  return json(200, await listProjects(store, { ...filter, limit, ...(cursor ? { cursor } : {}) }), { vary: 'accept' });
});
