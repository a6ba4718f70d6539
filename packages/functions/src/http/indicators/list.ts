import { listIndicators } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';

/** The whole catalogue: shipped indicators, then those admins added. */
export const handler = httpHandler(routeOf('GET /indicators'), async ({ store }) => json(200, { items: await listIndicators(store) }));
