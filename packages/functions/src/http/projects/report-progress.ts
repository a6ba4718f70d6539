import { parseInput, reportProgress } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { pathId } from '../request.ts';
import { created } from '../response.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('POST /projects/{id}/progress');

export const handler = httpHandler(route, async ({ store, principal, event, body, language, idempotencyKey }) => {
  const id = pathId(event);
  const { report, project } = await reportProgress(store, principal, id, parseInput(route.body, body, language), idempotencyKey);
  return created(`/projects/${id}/progress/${report.id}`, { report, project });
});
