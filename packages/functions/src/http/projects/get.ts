import { getProject } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { etag, pathId } from '../request.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';

export const handler = httpHandler(routeOf('GET /projects/{id}'), async ({ store, event }) => {
  const project = await getProject(store, pathId(event));
  return json(200, project, { etag: etag(project.version) });
});
