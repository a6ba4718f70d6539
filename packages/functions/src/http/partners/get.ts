import { getPartner, partnerPlaces } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { etag, pathId } from '../request.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';

/** One partner and its figures in each place it works in (its projects and distributions there). */
export const handler = httpHandler(routeOf('GET /partners/{id}'), async ({ store, event }) => {
  const id = pathId(event);
  const [partner, provinces] = await Promise.all([getPartner(store, id), partnerPlaces(store, id)]);
  return json(200, { ...partner, provinces }, { etag: etag(partner.version) });
});
