import { parseInput, updateDonation } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { etag, expectedVersionOf, pathId } from '../request.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('PATCH /donations/{id}');

export const handler = httpHandler(route, async ({ store, principal, event, body, language }) => {
  const version = expectedVersionOf(event)!;
  const donation = await updateDonation(store, principal, pathId(event), version, parseInput(route.body, body, language));
  return json(200, donation, { etag: etag(donation.version) });
});
