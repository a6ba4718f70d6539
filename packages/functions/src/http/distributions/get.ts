import { getDistribution } from '@abad/core';
import { httpHandler, type AuthenticatedRequest } from '../handler.ts';
import { pathId } from '../request.ts';
import { json } from '../response.ts';

export const handler = httpHandler<AuthenticatedRequest>({
  auth: 'token',
  action: 'donation:read',
  handle: async ({ store, principal, event }) => json(200, await getDistribution(store, principal, pathId(event))),
});
