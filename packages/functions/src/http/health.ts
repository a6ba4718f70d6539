import { httpHandler, type HttpRequest } from './handler.ts';
import { json } from './response.ts';

export const handler = httpHandler<HttpRequest>({
  auth: 'public',
  handle: async () => json(200, { status: 'ok', service: 'abad' }),
});
