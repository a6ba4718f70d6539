import { allProvinceFigures } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { publicFigures } from '../public-figures.ts';
import { routeOf } from '../routes.ts';

/** Every province's figures and the national total: 31 key lookups, whatever the data size (at most once a second per container). */
export const handler = httpHandler(routeOf('GET /provinces'), async ({ store, event }) => publicFigures(event, 'provinces', () => allProvinceFigures(store)));
