import { parseInput, updatePlan } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { etag, expectedVersionOf, pathId } from '../request.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('PATCH /plans/{id}');

export const handler = httpHandler(route, async ({ store, principal, event, body, language }) => {
  const plan = await updatePlan(store, principal, pathId(event), expectedVersionOf(event)!, parseInput(route.body, body, language));
  return json(200, plan, { etag: etag(plan.version) });
});
