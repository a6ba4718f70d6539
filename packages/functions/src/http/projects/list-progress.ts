import { listProgressReports } from '@abad/core';
import { httpHandler, type HttpRequest } from '../handler.ts';
import { pageQuery, parseQuery } from '../queries.ts';
import { pathId } from '../request.ts';
import { json } from '../response.ts';

export const handler = httpHandler<HttpRequest>({
  auth: 'public',
  handle: async ({ store, event, language }) => {
    const { limit, cursor } = parseQuery(pageQuery, event, language);
    return json(200, await listProgressReports(store, pathId(event), limit, cursor));
  },
});
