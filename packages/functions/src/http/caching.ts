import type middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpEvent } from './request.ts';
import type { Route } from './routes.ts';

type Headers = NonNullable<APIGatewayProxyStructuredResultV2['headers']>;

/**
 * What caches may do with a response, once it is otherwise complete. Used first in the
 * pipeline, so that its `after` and `onError` run last: after the CORS and security headers,
 * and after an error became problem+json.
 *
 * - A route behind the token answers its caller only: donations carry donor names and phones,
 *   and every answer (an error too) depends on who asked. No cache — the browser's, a proxy's,
 *   CloudFront's — may keep it (`Cache-Control: no-store`), and no other site's script may read
 *   it: `Access-Control-Allow-Origin` only for an origin configured by name, never `*`. With
 *   CORS_ORIGINS unset, as locally, the pages are on the API's own origin and need no CORS
 *   header at all. (In AWS, API Gateway's CORS settings replace these headers: stacks/api.ts.)
 * - A 304 carries only what updates a stored response (RFC 9110 §15.4.5) and what lets an
 *   allowed origin's script see it: a poll that finds nothing new stays a few hundred bytes.
 */
export function httpCaching(route: Pick<Route, 'auth'>): middy.MiddlewareObj<HttpEvent, APIGatewayProxyStructuredResultV2> {
  const finish = (request: middy.Request<HttpEvent, APIGatewayProxyStructuredResultV2>) => {
    const response = request.response;
    if (!response) return;
    if (route.auth !== 'public') request.response = { ...response, headers: { ...forCallerOnly(response.headers ?? {}), 'cache-control': 'no-store' } };
    else if (response.statusCode === 304) request.response = { ...response, headers: notModifiedHeaders(response.headers ?? {}) };
  };
  return { after: finish, onError: finish };
}

function forCallerOnly(headers: Headers): Headers {
  return Object.fromEntries(
    Object.entries(headers).filter(([name, value]) => {
      const lower = name.toLowerCase();
      return lower !== 'cache-control' && !(lower === 'access-control-allow-origin' && value === '*');
    }),
  );
}

const NOT_MODIFIED_HEADERS = new Set([
  'etag',
  'cache-control',
  'expires',
  'vary',
  'content-location',
  'date',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-expose-headers',
]);

function notModifiedHeaders(headers: Headers): Headers {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => NOT_MODIFIED_HEADERS.has(name.toLowerCase())));
}
