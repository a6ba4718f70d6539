import { indicatorInUse, parseInput, updateIndicator } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { parsePath } from '../queries.ts';
import { etag, expectedVersionOf } from '../request.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('PATCH /indicators/{code}');

export const handler = httpHandler(route, async ({ store, principal, event, body, language }) => {
  const patch = parseInput(route.body, body, language);
  const { code } = parsePath(route.params, event);
  const indicator = await updateIndicator(store, principal, code, expectedVersionOf(event)!, patch, indicatorInUse);
  return json(200, indicator, { etag: etag(indicator.version!) });
});
