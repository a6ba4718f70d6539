import { parseInput, voidDistribution } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { etag, expectedVersionOf, pathId } from '../request.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('POST /distributions/{id}/void');

export const handler = httpHandler(route, async ({ store, principal, event, body, language, idempotencyKey }) => {
  const version = expectedVersionOf(event)!;
  const distribution = await voidDistribution(store, principal, pathId(event), version, parseInput(route.body, body, language), idempotencyKey);
  return json(200, distribution, { etag: etag(distribution.version) });
});
