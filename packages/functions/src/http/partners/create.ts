import { createPartner, parseInput } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { created } from '../response.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('POST /partners');

export const handler = httpHandler(route, async ({ store, principal, body, language, idempotencyKey }) => {
  const partner = await createPartner(store, principal, parseInput(route.body, body, language), idempotencyKey);
  return created(`/partners/${partner.id}`, partner);
});
