import { sliceCacheKey, slicedProvinceFigures } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { parsePath, parseQuery } from '../queries.ts';
import { publicFigures } from '../public-figures.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('GET /provinces/{code}');

/** One province (or IR) with its counties and its programmes side by side; or a slice of its figures (`?from=&to=`, `?programme=`, …). */
export const handler = httpHandler(route, async ({ store, event, language }) => {
  const { code } = parsePath(route.params, event);
  const slice = parseQuery(route.query, event, language);
  return publicFigures(event, `province:${code}:${sliceCacheKey(slice)}`, () => slicedProvinceFigures(store, code, slice));
});
