import { getDrive } from '@abad/core';
import { httpHandler, type HttpRequest } from '../handler.ts';
import { etag, pathId } from '../request.ts';
import { json } from '../response.ts';

export const handler = httpHandler<HttpRequest>({
  auth: 'public',
  handle: async ({ store, event }) => {
    const drive = await getDrive(store, pathId(event));
    return json(200, drive, { etag: etag(drive.version) });
  },
});
