import { getDonation } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { etag, pathId } from '../request.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';

export const handler = httpHandler(routeOf('GET /donations/{id}'), async ({ store, principal, event }) => {
  const donation = await getDonation(store, principal, pathId(event));
  return json(200, donation, { etag: etag(donation.version) });
});
