import { httpHandler, type HttpRequest } from './handler.ts';
import { openApiDocument } from './openapi-document.ts';
import { json } from './response.ts';

let document: Record<string, unknown> | undefined;

export const handler = httpHandler<HttpRequest>({
  auth: 'public',
  handle: async () => json(200, (document ??= openApiDocument())),
});
