import { parseInput, updateDistribution } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { etag, expectedVersionOf, pathId } from '../request.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('PATCH /distributions/{id}');

export const handler = httpHandler(route, async ({ store, principal, event, body, language }) => {
  const version = expectedVersionOf(event)!;
  const distribution = await updateDistribution(store, principal, pathId(event), version, parseInput(route.body, body, language));
  return json(200, distribution, { etag: etag(distribution.version) });
});
