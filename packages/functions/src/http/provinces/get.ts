import { provinceFigures } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { parsePath } from '../queries.ts';
import { publicFigures } from '../public-figures.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('GET /provinces/{code}');

/** One province with its counties side by side. */
export const handler = httpHandler(route, async ({ store, event }) => {
  const { code } = parsePath(route.params, event);
  return publicFigures(event, `province:${code}`, () => provinceFigures(store, code));
});
