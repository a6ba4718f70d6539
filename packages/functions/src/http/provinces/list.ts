import { sliceCacheKey, slicedAllProvinceFigures } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { parseQuery } from '../queries.ts';
import { publicFigures } from '../public-figures.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('GET /provinces');

/**
 * Every province's figures and the national total, or a slice of them (`?from=&to=`,
 * `?programme=`, `?drive=`, `?category=`): a few reads whatever the data size, at most once a
 * second per container and slice (the slice is part of the key, as it is of CloudFront's).
 */
export const handler = httpHandler(route, async ({ store, event, language }) => {
  const slice = parseQuery(route.query, event, language);
  return publicFigures(event, `provinces:${sliceCacheKey(slice)}`, () => slicedAllProvinceFigures(store, slice));
});
