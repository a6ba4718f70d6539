import { driveFigures, getDrive } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { etag, pathId } from '../request.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';

export const handler = httpHandler(routeOf('GET /drives/{id}'), async ({ store, event }) => {
  const id = pathId(event);
  const [drive, figures] = await Promise.all([getDrive(store, id), driveFigures(store, id)]);
  return json(200, { ...drive, figures }, { etag: etag(drive.version) });
});
