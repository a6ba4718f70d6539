import { listPartners } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { parseQuery } from '../queries.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('GET /partners');

export const handler = httpHandler(route, async ({ store, event, language }) => json(200, await listPartners(store, parseQuery(route.query, event, language))));
