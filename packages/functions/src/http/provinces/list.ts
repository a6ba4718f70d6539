import { allProvinceFigures } from '@abad/core';
import { httpHandler, type HttpRequest } from '../handler.ts';
import { json } from '../response.ts';

/** Every province's figures and the national total: 31 key lookups, whatever the data size. */
export const handler = httpHandler<HttpRequest>({
  auth: 'public',
  handle: async ({ store }) => json(200, await allProvinceFigures(store), { 'cache-control': 'no-store' }),
});
