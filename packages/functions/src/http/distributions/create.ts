import { parseInput, recordDistribution } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { created } from '../response.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('POST /distributions');

export const handler = httpHandler(route, async ({ store, principal, body, language, idempotencyKey }) => {
  const distribution = await recordDistribution(store, principal, parseInput(route.body, body, language), idempotencyKey);
  return created(`/distributions/${distribution.id}`, distribution);
});
