import { createIndicator, parseInput } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { created } from '../response.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('POST /indicators');

export const handler = httpHandler(route, async ({ store, principal, body, language, idempotencyKey }) => {
  const indicator = await createIndicator(store, principal, parseInput(route.body, body, language), idempotencyKey);
  return created(`/indicators/${indicator.code}`, indicator);
});
