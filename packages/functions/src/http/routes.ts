/**
 * Every route of the API, once: the local runtime serves these and the stack deploys these,
 * so the two cannot drift. `handler` names a module under packages/functions/src/http/
 * exporting `handler`; `auth: 'jwt'` routes sit behind the JWT authorizer.
 */
export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  handler: string;
  auth: 'jwt' | 'public';
}

export const routes = [
  { method: 'GET', path: '/health', handler: 'health', auth: 'public' },
  { method: 'GET', path: '/openapi.json', handler: 'openapi', auth: 'public' },

  { method: 'POST', path: '/projects', handler: 'projects/create', auth: 'jwt' },
  { method: 'GET', path: '/projects', handler: 'projects/list', auth: 'public' },
  { method: 'GET', path: '/projects/{id}', handler: 'projects/get', auth: 'public' },
  { method: 'PATCH', path: '/projects/{id}', handler: 'projects/update', auth: 'jwt' },
  { method: 'DELETE', path: '/projects/{id}', handler: 'projects/remove', auth: 'jwt' },
  { method: 'POST', path: '/projects/{id}/progress', handler: 'projects/report-progress', auth: 'jwt' },
  { method: 'GET', path: '/projects/{id}/progress', handler: 'projects/list-progress', auth: 'public' },

  { method: 'POST', path: '/drives', handler: 'drives/create', auth: 'jwt' },
  { method: 'GET', path: '/drives', handler: 'drives/list', auth: 'public' },
  { method: 'GET', path: '/drives/{id}', handler: 'drives/get', auth: 'public' },
  { method: 'PATCH', path: '/drives/{id}', handler: 'drives/update', auth: 'jwt' },

  { method: 'POST', path: '/donations', handler: 'donations/create', auth: 'jwt' },
  { method: 'GET', path: '/donations', handler: 'donations/list', auth: 'jwt' },
  { method: 'GET', path: '/donations/{id}', handler: 'donations/get', auth: 'jwt' },

  { method: 'POST', path: '/distributions', handler: 'distributions/create', auth: 'jwt' },
  { method: 'GET', path: '/distributions', handler: 'distributions/list', auth: 'jwt' },
  { method: 'GET', path: '/distributions/{id}', handler: 'distributions/get', auth: 'jwt' },

  { method: 'GET', path: '/provinces', handler: 'provinces/list', auth: 'public' },
  { method: 'GET', path: '/provinces/{code}', handler: 'provinces/get', auth: 'public' },
  { method: 'GET', path: '/provinces/{code}/history', handler: 'provinces/history', auth: 'public' },
] as const satisfies readonly Route[];
