import { deleteProject } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { expectedVersionOf, pathId } from '../request.ts';
import { noContent } from '../response.ts';
import { routeOf } from '../routes.ts';

export const handler = httpHandler(routeOf('DELETE /projects/{id}'), async ({ store, principal, event }) => {
  await deleteProject(store, principal, pathId(event), expectedVersionOf(event, false));
  return noContent();
});
