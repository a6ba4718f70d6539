import { listProjects } from '@abad/core';
import { httpHandler, type HttpRequest } from '../handler.ts';
import { parseQuery, projectListQuery } from '../queries.ts';
import { json } from '../response.ts';

export const handler = httpHandler<HttpRequest>({
  auth: 'public',
  handle: async ({ store, event, language }) => json(200, await listProjects(store, parseQuery(projectListQuery, event, language))),
});
