import { parseInput, provinceFigures } from '@abad/core';
import { httpHandler, type HttpRequest } from '../handler.ts';
import { provincePath } from '../queries.ts';
import { json } from '../response.ts';

/** One province with its counties side by side. */
export const handler = httpHandler<HttpRequest>({
  auth: 'public',
  handle: async ({ store, event, language }) => {
    const { code } = parseInput(provincePath, event.pathParameters ?? {}, language);
    return json(200, await provinceFigures(store, code), { 'cache-control': 'no-store' });
  },
});
