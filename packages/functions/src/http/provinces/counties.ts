import { provinceCountyFigures } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { parsePath } from '../queries.ts';
import { publicFigures } from '../public-figures.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('GET /provinces/{code}/counties');

/** Every county of the province's catalogue with its figures, zeros included: one query. */
export const handler = httpHandler(route, async ({ store, event }) => {
  const { code } = parsePath(route.params, event);
  return publicFigures(event, `province-counties:${code}`, () => provinceCountyFigures(store, code));
});
