import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { toEventV2 } from './api-gateway-event.ts';
import { fromResultV2, gatewayError, type HttpResponse } from './api-gateway-response.ts';
import type { Issuer } from './issuer.ts';
import { compress, isCompressibleType, MIN_COMPRESSIBLE_BYTES, negotiateCoding, varyOnAcceptEncoding } from './compression.ts';
import { createLambdaContext } from './lambda-context.ts';
import { readBody } from './read-body.ts';
import { createRouter } from './route-match.ts';
import type { HttpHandler, LocalRoute } from './routes.ts';
import type { SiteHandler } from './static-site.ts';

export type { LocalRoute, HttpHandler } from './routes.ts';

/**
 * The local API Gateway: a node:http server that does what the HTTP API does in AWS —
 * route matching, the JWT authorizer, the 10 MB payload limit, the 2.0 event and response
 * mapping — and calls the very handler Lambda will call. No route is implemented here.
 */
export interface HttpServerOptions {
  routes: readonly LocalRoute[];
  /** Resolves a route's handler; called on each request (module caching is the loader's job). */
  loadHandler: (route: LocalRoute) => Promise<HttpHandler>;
  issuer: Issuer;
  /** API Gateway's integration timeout, also the Lambda timeout the context counts down. */
  timeoutMs?: number;
  maxBodyBytes?: number;
  log?: (line: string) => void;
  /** Local runtime only: answers requests no route matches (the web pages, the development sign-in; see static-site.ts). */
  site?: SiteHandler;
  /**
   * Brotli or gzip for text responses of 1,000 bytes or more when the client takes it (default
   * true), as CloudFront compresses the API's answers in AWS; false sends every body as it is.
   */
  compression?: boolean;
  /**
   * False drops `If-None-Match` and `If-Modified-Since` from every request before it reaches a
   * handler or the site, so nothing is ever a 304 (the benchmark's baseline). Default true.
   */
  conditionalGets?: boolean;
}

export const JWKS_PATH = '/.well-known/jwks.json';
export const OPENID_CONFIGURATION_PATH = '/.well-known/openid-configuration';

export function createHttpServer(options: HttpServerOptions): Server {
  const { issuer, loadHandler, timeoutMs = 30_000, maxBodyBytes = 10 * 1024 * 1024, log = () => {} } = options;
  const route = createRouter(options.routes);
  const compression = options.compression !== false;

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<HttpResponse> {
    if (options.conditionalGets === false) withoutConditionalGets(req);
    const method = req.method ?? 'GET';
    const [rawPath = '/', rawQueryString = ''] = splitOnce(req.url ?? '/', '?');

    if (method === 'GET' && rawPath === JWKS_PATH) return json(200, issuer.jwks());
    if (method === 'GET' && rawPath === OPENID_CONFIGURATION_PATH) return json(200, openIdConfiguration(issuer));

    const read = await readBody(req, maxBodyBytes);
    if (read.kind === 'aborted') return gatewayError(400, 'Bad Request');
    if (read.kind === 'too-large') {
      if (!read.drained) res.setHeader('connection', 'close');
      return gatewayError(413, 'Request Entity Too Large');
    }

    const segments = decodeSegments(rawPath);
    if (!segments) return gatewayError(400, 'Bad Request');
    const match = route(method, segments);
    if (!match) {
      const page = await options.site?.({
        method,
        path: rawPath,
        query: rawQueryString,
        headers: req.headers,
        body: read.body,
        remoteAddress: req.socket.remoteAddress,
      });
      return page ?? gatewayError(404, 'Not Found');
    }

    let claims: Record<string, unknown> | undefined;
    if (match.route.auth === 'jwt') {
      claims = await verifyBearer(issuer, req.headers.authorization);
      if (!claims) return gatewayError(401, 'Unauthorized');
    }

    const routeKey = `${match.route.method} ${match.route.path}`;
    const event = toEventV2(
      {
        method,
        path: `/${segments.join('/')}`,
        rawQueryString,
        rawHeaders: req.rawHeaders,
        body: read.body,
        sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        httpVersion: req.httpVersion,
        requestId,
        port: req.socket.localPort ?? 0,
        now: new Date(),
      },
      { routeKey, pathParameters: match.pathParameters, ...(claims && { claims }) },
    );
    const context = createLambdaContext(`abad-local-${match.route.handler.replaceAll('/', '-')}`, timeoutMs);

    let result: unknown;
    try {
      const handler = await loadHandler(match.route);
      result = await withTimeout(handler(event, context), timeoutMs);
    } catch (error) {
      if (error === TIMEOUT) {
        log(`${routeKey}: handler ${match.route.handler} did not answer within ${timeoutMs} ms`);
        return gatewayError(503, 'Service Unavailable');
      }
      // In AWS an uncaught error is a Lambda failure and API Gateway answers a bare 500.
      log(`${routeKey}: handler ${match.route.handler} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return gatewayError(500, 'Internal Server Error');
    }
    const converted = fromResultV2(result);
    if (!converted.ok) {
      log(`${routeKey}: handler ${match.route.handler} returned a malformed response: ${converted.reason}`);
      return gatewayError(500, 'Internal Server Error');
    }
    return converted.response;
  }

  return createServer((req, res) => {
    const started = Date.now();
    const requestId = apiGatewayRequestId();
    handle(req, res, requestId)
      .then((response) => (compression ? compressed(req, response) : response))
      .catch((error: unknown) => {
        log(`${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return gatewayError(500, 'Internal Server Error');
      })
      .then((response) => {
        write(res, response, requestId, log, req.method === 'HEAD');
        log(`${req.method} ${req.url} → ${response.statusCode} (${Date.now() - started} ms)`);
      });
  });
}

/**
 * The response as CloudFront would pass it on (`compress: true`): a text body of 1,000 bytes
 * or more in Brotli or gzip when the client takes either, with `Vary: Accept-Encoding`. Bodies
 * that already have a coding (the site's files, compressed once in static-site.ts) go as they
 * are. The API's JSON is compressed per response (Brotli 5, gzip 6: fast settings); its ETag
 * stays the handler's, the body's hash, in any coding (CloudFront would make it weak).
 */
async function compressed(req: IncomingMessage, response: HttpResponse): Promise<HttpResponse> {
  const { headers, body } = response;
  if (headers['content-encoding'] || body.length < MIN_COMPRESSIBLE_BYTES || !isCompressibleType(headers['content-type'])) return response;
  const varied = { ...headers };
  varyOnAcceptEncoding(varied);
  const coding = negotiateCoding(req.headers['accept-encoding']);
  const smaller = coding && (await compress(body, coding, 'fast'));
  if (!coding || !smaller || smaller.length >= body.length) return { ...response, headers: varied };
  return { ...response, headers: { ...varied, 'content-encoding': coding }, body: smaller };
}

/** The baseline without conditional requests: the validators a GET could carry are dropped, from the parsed and the raw headers. */
function withoutConditionalGets(req: IncomingMessage): void {
  const dropped = new Set(['if-none-match', 'if-modified-since']);
  for (const name of dropped) delete req.headers[name];
  const raw: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (!dropped.has(req.rawHeaders[i]!.toLowerCase())) raw.push(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
}

/** Writes a response; a HEAD gets the headers of the GET, Content-Length included, and no body. */
function write(res: ServerResponse, response: HttpResponse, requestId: string, log: (line: string) => void, head = false): void {
  if (res.headersSent || res.destroyed) return;
  try {
    res.statusCode = response.statusCode;
    for (const [name, value] of Object.entries(response.headers)) {
      if (name !== 'set-cookie' && name !== 'content-length') res.setHeader(name, value);
    }
    const cookies = [...(response.headers['set-cookie'] ? [response.headers['set-cookie']] : []), ...response.cookies];
    if (cookies.length > 0) res.setHeader('set-cookie', cookies);
    res.setHeader('apigw-requestid', requestId);
    if (head) {
      if (response.body.length > 0) res.setHeader('content-length', response.body.length);
      res.end();
    } else res.end(response.body);
  } catch (error) {
    // An invalid header name or value from a handler: API Gateway would also fail the request.
    log(`response could not be written: ${error instanceof Error ? error.message : String(error)}`);
    if (!res.headersSent) {
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      const fallback = gatewayError(500, 'Internal Server Error');
      res.writeHead(500, fallback.headers).end(fallback.body);
    } else res.destroy();
  }
}

/** The JWT authorizer: accepts `Bearer <token>` or a bare token; any failure is a 401. */
async function verifyBearer(issuer: Issuer, authorization: string | undefined): Promise<Record<string, unknown> | undefined> {
  const token = authorization?.replace(/^Bearer\s+/i, '').trim();
  if (!token) return undefined;
  try {
    return await issuer.verify(token);
  } catch {
    return undefined;
  }
}

function openIdConfiguration(issuer: Issuer): Record<string, unknown> {
  return {
    issuer: issuer.issuerUrl,
    jwks_uri: `${issuer.issuerUrl}${JWKS_PATH}`,
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
  };
}

/** HTTP APIs deliver the path percent-decoded; a malformed escape is refused. */
function decodeSegments(rawPath: string): string[] | undefined {
  try {
    return rawPath.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

const TIMEOUT = Symbol('timeout');

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(TIMEOUT), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function json(statusCode: number, value: unknown): HttpResponse {
  return { statusCode, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(JSON.stringify(value)) };
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

/** API Gateway request ids look like `KxYt1jbLoAMEMzQ=`: 10 random bytes in base64. */
function apiGatewayRequestId(): string {
  return randomBytes(10).toString('base64');
}
