import { listDrives } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { parseQuery } from '../queries.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('GET /drives');

export const handler = httpHandler(route, async ({ store, event, language }) => {
  const { limit, cursor } = parseQuery(route.query, event, language);
  return json(200, await listDrives(store, limit, cursor));
});
