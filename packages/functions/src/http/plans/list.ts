import { listPlans } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { parseQuery } from '../queries.ts';
import { json } from '../response.ts';
import { routeOf } from '../routes.ts';

const route = routeOf('GET /plans');

export const handler = httpHandler(route, async ({ store, event, language }) => json(200, await listPlans(store, parseQuery(route.query, event, language))));
