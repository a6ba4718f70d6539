import { getPlan } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { etag, pathId } from '../request.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';

export const handler = httpHandler(routeOf('GET /plans/{id}'), async ({ store, event }) => {
  const plan = await getPlan(store, pathId(event));
  return json(200, plan, { etag: etag(plan.version) });
});
