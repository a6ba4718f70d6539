import { getDistribution } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { pathId } from '../request.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';

export const handler = httpHandler(routeOf('GET /distributions/{id}'), async ({ store, principal, event }) =>
  json(200, await getDistribution(store, principal, pathId(event))),
);
