import { createProject, parseInput, projectInput } from '@abad/core';
import { httpHandler, type AuthenticatedRequest } from '../handler.ts';
import { created } from '../response.ts';

export const handler = httpHandler<AuthenticatedRequest>({
  auth: 'token',
  action: 'project:write',
  jsonBody: true,
  idempotent: true,
  handle: async ({ store, principal, body, language, idempotencyKey }) => {
    const project = await createProject(store, principal, parseInput(projectInput, body, language), idempotencyKey);
    return created(`/projects/${project.id}`, project);
  },
});
