import { programmesOfPlace, provinceFigures } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { parsePath } from '../queries.ts';
import { publicFigures } from '../public-figures.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('GET /provinces/{code}');

/** One province (or IR) with its counties and its programmes side by side. */
export const handler = httpHandler(route, async ({ store, event }) => {
  const { code } = parsePath(route.params, event);
  return publicFigures(event, `province:${code}`, async () => {
    const [figures, programmes] = await Promise.all([provinceFigures(store, code), programmesOfPlace(store, code)]);
    return { ...figures, programmes };
  });
});
