import { createDrive, driveInput, parseInput } from '@abad/core';
import { httpHandler, type AuthenticatedRequest } from '../handler.ts';
import { created } from '../response.ts';

export const handler = httpHandler<AuthenticatedRequest>({
  auth: 'token',
  action: 'drive:write',
  jsonBody: true,
  idempotent: true,
  handle: async ({ store, principal, body, language, idempotencyKey }) => {
    const drive = await createDrive(store, principal, parseInput(driveInput, body, language), idempotencyKey);
    return created(`/drives/${drive.id}`, drive);
  },
});
