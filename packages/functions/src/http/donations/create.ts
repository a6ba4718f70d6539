import { parseInput, recordDonation } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { created } from '../response.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('POST /donations');

export const handler = httpHandler(route, async ({ store, principal, body, language, idempotencyKey }) => {
  const donation = await recordDonation(store, principal, parseInput(route.body, body, language), idempotencyKey);
  return created(`/donations/${donation.id}`, donation);
});
