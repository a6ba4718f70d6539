import { parseInput, provinceCodeSchema, provinceFigures } from '@abad/core';
import * as z from 'zod';
import { httpHandler, type HttpRequest } from '../handler.ts';
import { json } from '../response.ts';

const path = z.strictObject({ code: provinceCodeSchema });

/** One province with its counties side by side. */
export const handler = httpHandler<HttpRequest>({
  auth: 'public',
  handle: async ({ store, event, language }) => {
    const { code } = parseInput(path, event.pathParameters ?? {}, language);
    return json(200, await provinceFigures(store, code), { 'cache-control': 'no-store' });
  },
});
