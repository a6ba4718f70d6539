import { DomainError, authorize, type IdempotencyKey, type Language, type Principal, type Store } from '@abad/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { logger } from '../shared/logger.ts';
import { getStore } from '../shared/store.ts';
import { httpCaching } from './caching.ts';
import { HttpProblem, inLanguage, problem, problemFromDomainError, problemResponse, type Problem } from './problem.ts';
import { languageOf, principalOf, type HttpEvent } from './request.ts';
import type { Route } from './routes.ts';

export const MAX_BODY_BYTES = 64 * 1024;

export interface HttpRequest {
  event: HttpEvent;
  context: Context;
  /** Set on routes behind the JWT authorizer; undefined on public ones. */
  principal: Principal | undefined;
  language: Language;
  /** The parsed JSON body, not yet validated. */
  body: unknown;
  store: Store;
  /** The caller's `Idempotency-Key` on idempotent routes, scoped by route and caller; core makes the write exactly-once with it. */
  idempotencyKey: IdempotencyKey | undefined;
}

export interface AuthenticatedRequest extends HttpRequest {
  principal: Principal;
}

/** What a route's handler is given: `jwt` routes always have a principal. */
export type RequestFor<R extends Route> = R['auth'] extends 'jwt' ? AuthenticatedRequest : HttpRequest;

/**
 * The one way an HTTP handler is built: headers normalized, body size and type checked,
 * JSON parsed, caller and language read, errors turned into problem+json, security and
 * CORS headers added. A handler module is then only: parse, call core, respond.
 * It is built from its entry of the route table (routes.ts), whose auth, action, body and
 * idempotency apply here, and carries that entry as `handler.route` (a test holds each
 * module to its own entry).
 */
export function httpHandler<const R extends Route>(route: R, handle: (request: RequestFor<R>) => Promise<APIGatewayProxyStructuredResultV2>) {
  const jsonBody = route.body !== undefined;
  const base = async (event: HttpEvent, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const principal = principalOf(event);
    if (route.auth === 'jwt' && !principal) {
      throw new HttpProblem('unauthorized', 'A valid bearer token with a role and provinces is required');
    }
    if (route.action && principal) authorize(principal, route.action);
    const key = route.idempotent ? idempotencyKeyOf(event) : undefined;
    const idempotencyKey = key === undefined ? undefined : { route: event.routeKey, caller: principal?.subject ?? '', key };
    const request = { event, context, principal, language: languageOf(event), body: event.body, store: getStore(), idempotencyKey } as RequestFor<R>;
    return handle(request);
  };

  const handler = middy<HttpEvent, APIGatewayProxyStructuredResultV2>()
    .use(httpCaching(route))
    .use(httpCors({ origins: (process.env.CORS_ORIGINS ?? '*').split(','), exposeHeaders: 'location,etag' }))
    .use(httpSecurityHeaders())
    .use(problemDetails())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(bodyLimits(jsonBody));
  if (jsonBody) handler.use(httpJsonBodyParser());
  return Object.assign(handler.handler(base), { route });
}

function idempotencyKeyOf(event: HttpEvent): string | undefined {
  const key = event.headers?.['idempotency-key'];
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new HttpProblem('bad-request', 'Idempotency-Key must be 1 to 255 visible ASCII characters', [{ field: 'Idempotency-Key', message: 'Invalid' }]);
  }
  return key;
}

/** 413 over 64 KiB; 400 when a body is required and missing, or sent where none is expected. */
function bodyLimits(expectsBody: boolean): middy.MiddlewareObj<HttpEvent, APIGatewayProxyStructuredResultV2> {
  return {
    before: ({ event }) => {
      const body = event.body ?? '';
      const bytes = event.isBase64Encoded ? Math.floor((body.length * 3) / 4) : Buffer.byteLength(body);
      if (bytes > MAX_BODY_BYTES) throw new HttpProblem('payload-too-large', `The body is over ${MAX_BODY_BYTES} bytes`);
      if (expectsBody && bytes === 0) {
        throw new HttpProblem('malformed-json', 'A JSON body is required', [{ field: '(body)', message: 'Required' }]);
      }
    },
  };
}

/** Any error → RFC 9457 problem+json. Only an unexpected error is a 500, and it is logged. */
function problemDetails(): middy.MiddlewareObj<HttpEvent, APIGatewayProxyStructuredResultV2> {
  return {
    onError: (request) => {
      const { error, event } = request;
      const language = languageOf(event);
      let p: Problem;
      if (error instanceof HttpProblem) p = problem(error.problemType, error.message, error.errors);
      else if (error instanceof DomainError) p = problemFromDomainError(error, language);
      else if (isMiddyHttpError(error)) p = fromMiddyError(error);
      else {
        logger.error('unexpected error', { route: event.routeKey, errorName: error?.name, error: error as Error });
        p = problem('internal', 'An unexpected error occurred; it has been logged');
      }
      logger.info('request rejected', { route: event.routeKey, status: p.status, type: p.type });
      request.response = problemResponse(inLanguage(p, language));
    },
  };
}

function isMiddyHttpError(error: unknown): error is Error & { statusCode: number } {
  return error instanceof Error && typeof (error as { statusCode?: unknown }).statusCode === 'number';
}

function fromMiddyError(error: Error & { statusCode: number }): Problem {
  if (error.statusCode === 415) return problem('unsupported-media-type', 'Send the body as application/json');
  if (error.statusCode === 413) return problem('payload-too-large', error.message);
  if (/forbidden key/i.test(error.message)) {
    return problem('validation', 'The body has a forbidden key', [{ field: '__proto__', message: 'Forbidden key' }]);
  }
  return problem('malformed-json', 'The body is not valid JSON', [{ field: '(body)', message: 'Malformed JSON' }]);
}
