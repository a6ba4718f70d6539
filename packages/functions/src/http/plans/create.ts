import { createPlan, parseInput } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { created } from '../response.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('POST /plans');

export const handler = httpHandler(route, async ({ store, principal, body, language, idempotencyKey }) => {
  const plan = await createPlan(store, principal, parseInput(route.body, body, language), idempotencyKey);
  return created(`/plans/${plan.id}`, plan);
});
