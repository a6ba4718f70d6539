import { nameKey, programmeFigures } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { parsePath } from '../queries.ts';
import { publicFigures } from '../public-figures.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('GET /programmes/{name}');

/** One programme, by any spelling of its name, with its target against actual per province. */
export const handler = httpHandler(route, async ({ store, event }) => {
  const { name } = parsePath(route.params, event);
  return publicFigures(event, `programme:${nameKey(name)}`, () => programmeFigures(store, name));
});
