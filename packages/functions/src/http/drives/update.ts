import { drivePatch, parseInput, updateDrive } from '@abad/core';
import { httpHandler, type AuthenticatedRequest } from '../handler.ts';
import { etag, expectedVersionOf, pathId } from '../request.ts';
import { json } from '../response.ts';

export const handler = httpHandler<AuthenticatedRequest>({
  auth: 'token',
  action: 'drive:write',
  jsonBody: true,
  handle: async ({ store, principal, event, body, language }) => {
    const version = expectedVersionOf(event)!;
    const drive = await updateDrive(store, principal, pathId(event), version, parseInput(drivePatch, body, language));
    return json(200, drive, { etag: etag(drive.version) });
  },
});
