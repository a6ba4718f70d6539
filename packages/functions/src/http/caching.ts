import type middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpEvent } from './request.ts';
import type { Route } from './routes.ts';

/**
 * What a route behind the token says is for its caller only: donations carry donor names and
 * phones, and every answer (an error too) depends on who asked. So no cache — the browser's,
 * a proxy's, CloudFront's — may keep it (`Cache-Control: no-store`), and no other site's script
 * may read it: `Access-Control-Allow-Origin` is sent only for an origin that is configured by
 * name, never `*` (with CORS_ORIGINS unset, as locally, the pages are on the API's own origin
 * and need no CORS header at all). In AWS, API Gateway's CORS settings replace these headers
 * (stacks/api.ts), so the same rule is kept there.
 *
 * Used first in the pipeline, so that its `after` and `onError` run last: after the CORS and
 * security headers and after an error became problem+json.
 */
export function authenticatedResponses(route: Pick<Route, 'auth'>): middy.MiddlewareObj<HttpEvent, APIGatewayProxyStructuredResultV2> {
  const seal = (request: middy.Request<HttpEvent, APIGatewayProxyStructuredResultV2>) => {
    const response = request.response;
    if (route.auth === 'public' || !response) return;
    const headers: Record<string, string | number | boolean> = {};
    for (const [name, value] of Object.entries(response.headers ?? {})) {
      const lower = name.toLowerCase();
      if (lower === 'cache-control') continue;
      if (lower === 'access-control-allow-origin' && value === '*') continue;
      headers[name] = value;
    }
    headers['cache-control'] = 'no-store';
    request.response = { ...response, headers };
  };
  return { after: seal, onError: seal };
}
