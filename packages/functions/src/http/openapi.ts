import { httpHandler } from './handler.ts';
import { openApiDocument } from './openapi-document.ts';
import { json } from './response.ts';
import { routeOf } from './routes.ts';

let document: Record<string, unknown> | undefined;

export const handler = httpHandler(routeOf('GET /openapi.json'), async () => json(200, (document ??= openApiDocument())));
