import { parseInput, provinceHistory } from '@abad/core';
import { httpHandler, type HttpRequest } from '../handler.ts';
import { historyPath, historyQuery, parseQuery } from '../queries.ts';
import { json } from '../response.ts';

/** The daily snapshots the refresh wrote, oldest first (`national` for the whole country). */
export const handler = httpHandler<HttpRequest>({
  auth: 'public',
  handle: async ({ store, event, language }) => {
    const { code } = parseInput(historyPath, event.pathParameters ?? {}, language);
    const { from, to } = parseQuery(historyQuery, event, language);
    return json(200, { code, from, to, points: await provinceHistory(store, code, from, to) });
  },
});
