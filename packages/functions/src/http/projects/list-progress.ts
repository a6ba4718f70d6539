import { listProgressReports } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { parseQuery } from '../queries.ts';
import { pathId } from '../request.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('GET /projects/{id}/progress');

export const handler = httpHandler(route, async ({ store, event, language }) => {
  const { limit, cursor } = parseQuery(route.query, event, language);
  return json(200, await listProgressReports(store, pathId(event), limit, cursor));
});
