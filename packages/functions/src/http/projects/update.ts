import { parseInput, projectPatch, updateProject } from '@abad/core';
import { httpHandler, type AuthenticatedRequest } from '../handler.ts';
import { etag, expectedVersionOf, pathId } from '../request.ts';
import { json } from '../response.ts';

export const handler = httpHandler<AuthenticatedRequest>({
  auth: 'token',
  action: 'project:write',
  jsonBody: true,
  handle: async ({ store, principal, event, body, language }) => {
    const version = expectedVersionOf(event)!;
    const project = await updateProject(store, principal, pathId(event), version, parseInput(projectPatch, body, language));
    return json(200, project, { etag: etag(project.version) });
  },
});
