import { getDistribution } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { etag, pathId } from '../request.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';

export const handler = httpHandler(routeOf('GET /distributions/{id}'), async ({ store, principal, event }) => {
  const distribution = await getDistribution(store, principal, pathId(event));
  return json(200, distribution, { etag: etag(distribution.version) });
});
