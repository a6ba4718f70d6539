import { deleteProject } from '@abad/core';
import { httpHandler, type AuthenticatedRequest } from '../handler.ts';
import { expectedVersionOf, pathId } from '../request.ts';
import { noContent } from '../response.ts';

export const handler = httpHandler<AuthenticatedRequest>({
  auth: 'token',
  action: 'project:delete',
  handle: async ({ store, principal, event }) => {
    await deleteProject(store, principal, pathId(event), expectedVersionOf(event, false));
    return noContent();
  },
});
