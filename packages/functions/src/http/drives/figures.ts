import { driveFigures, getDrive } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { publicFigures } from '../public-figures.ts';
import { pathId } from '../request.ts';
import { routeOf } from '../routes.ts';

/**
 * The drive and its live figures as the public reads them, cached like the province figures
 * (public-figures.ts): what the drive pages poll. `GET /drives/{id}` is the same drive as its
 * editors read it (uncached, its version as ETag for `If-Match`): polled by a tenth of a
 * million open dashboards it read one item 25,000 times a second (issue 11's scale model).
 */
export const handler = httpHandler(routeOf('GET /drives/{id}/figures'), async ({ store, event }) => {
  const id = pathId(event);
  return publicFigures(event, `drive:${id}`, async () => {
    const [drive, figures] = await Promise.all([getDrive(store, id), driveFigures(store, id)]);
    return { ...drive, figures };
  });
});
