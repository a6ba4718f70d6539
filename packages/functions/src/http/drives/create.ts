import { createDrive, parseInput } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { created } from '../response.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('POST /drives');

export const handler = httpHandler(route, async ({ store, principal, body, language, idempotencyKey }) => {
  const drive = await createDrive(store, principal, parseInput(route.body, body, language), idempotencyKey);
  return created(`/drives/${drive.id}`, drive);
});
