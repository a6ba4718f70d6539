import { provinceHistory } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { parsePath, parseQuery } from '../queries.ts';
import { publicFigures } from '../public-figures.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('GET /provinces/{code}/history');

/** The daily snapshots the refresh wrote, oldest first (`national` for the whole country). */
export const handler = httpHandler(route, async ({ store, event, language }) => {
  const { code } = parsePath(route.params, event);
  const { from, to } = parseQuery(route.query, event, language);
  return publicFigures(event, `history:${code}:${from}:${to}`, async () => ({ code, from, to, points: await provinceHistory(store, code, from, to) }));
});
