import { distributionInput, parseInput, recordDistribution } from '@abad/core';
import { httpHandler, type AuthenticatedRequest } from '../handler.ts';
import { created } from '../response.ts';

export const handler = httpHandler<AuthenticatedRequest>({
  auth: 'token',
  action: 'donation:write',
  jsonBody: true,
  idempotent: true,
  handle: async ({ store, principal, body, language, idempotencyKey }) => {
    const distribution = await recordDistribution(store, principal, parseInput(distributionInput, body, language), idempotencyKey);
    return created(`/distributions/${distribution.id}`, distribution);
  },
});
