import { listDistributions } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { parseQuery } from '../queries.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('GET /distributions');

export const handler = httpHandler(route, async ({ store, principal, event, language }) => {
  const { drive, ...query } = parseQuery(route.query, event, language);
  return json(200, await listDistributions(store, principal, { ...query, driveId: drive }));
});
