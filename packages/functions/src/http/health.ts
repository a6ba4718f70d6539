import { httpHandler } from './handler.ts';
import { json } from './response.ts';
import { routeOf } from './routes.ts';

export const handler = httpHandler(routeOf('GET /health'), async () => json(200, { status: 'ok', service: 'abad' }));
