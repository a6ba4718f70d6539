import { createProject, parseInput } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { created } from '../response.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('POST /projects');

export const handler = httpHandler(route, async ({ store, principal, body, language, idempotencyKey }) => {
  const project = await createProject(store, principal, parseInput(route.body, body, language), idempotencyKey);
  return created(`/projects/${project.id}`, project);
});
