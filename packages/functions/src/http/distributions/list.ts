import { listDistributions } from '@abad/core';
import { httpHandler, type AuthenticatedRequest } from '../handler.ts';
import { driveRecordListQuery, parseQuery } from '../queries.ts';
import { json } from '../response.ts';

export const handler = httpHandler<AuthenticatedRequest>({
  auth: 'token',
  action: 'donation:read',
  handle: async ({ store, principal, event, language }) => {
    const { drive, ...query } = parseQuery(driveRecordListQuery, event, language);
    return json(200, await listDistributions(store, principal, { ...query, driveId: drive }));
  },
});
