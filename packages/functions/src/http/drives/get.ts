import { driveFigures, getDrive } from '@abad/core';
import { httpHandler, type HttpRequest } from '../handler.ts';
import { etag, pathId } from '../request.ts';
import { json } from '../response.ts';

export const handler = httpHandler<HttpRequest>({
  auth: 'public',
  handle: async ({ store, event }) => {
    const id = pathId(event);
    const [drive, figures] = await Promise.all([getDrive(store, id), driveFigures(store, id)]);
    return json(200, { ...drive, figures }, { etag: etag(drive.version) });
  },
});
