import { listProgrammes } from '@abad/core';
import { httpHandler } from '../handler.ts';
import { publicFigures } from '../public-figures.ts';
import { routeOf } from '../routes.ts';

/** Every programme with its figures: one query. */
export const handler = httpHandler(routeOf('GET /programmes'), async ({ store, event }) =>
  publicFigures(event, 'programmes', async () => ({ items: await listProgrammes(store) })),
);
