import { randomBytes } from 'node:crypto';
import type { APIGatewayEventRequestContextJWTAuthorizer, APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * Builds the event API Gateway (HTTP API, payload format 2.0) would send to Lambda for one
 * request, so handlers run locally on exactly the input they get in AWS. Pure: every
 * value comes from the arguments.
 */
export interface RequestParts {
  method: string;
  /** The path, percent-decoded as HTTP APIs deliver it. */
  path: string;
  /** Everything after `?`, undecoded. */
  rawQueryString: string;
  /** Node's `rawHeaders`: name, value, name, value… with repeats kept. */
  rawHeaders: readonly string[];
  body: Buffer;
  sourceIp: string;
  httpVersion: string;
  requestId: string;
  /** The server's port, for `x-forwarded-port`. */
  port: number;
  now: Date;
}

export interface RouteParts {
  routeKey: string;
  pathParameters: Record<string, string>;
  /** Verified token claims, only on routes behind the JWT authorizer. */
  claims?: Record<string, unknown>;
}

export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_API_ID = 'local';

export function toEventV2(request: RequestParts, route: RouteParts): APIGatewayProxyEventV2 {
  const { headers, cookies } = collectHeaders(request);
  const host = headers.host ?? 'localhost';
  const domainName = host.replace(/:\d+$/, '');
  const hasBody = request.body.length > 0;
  const base64 = hasBody && !isTextual(headers['content-type']);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: request.path,
    rawQueryString: request.rawQueryString,
    ...(cookies.length > 0 && { cookies }),
    headers,
    ...(request.rawQueryString !== '' && { queryStringParameters: queryParameters(request.rawQueryString) }),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: LOCAL_API_ID,
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: request.method,
        path: request.path,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: request.requestId,
      routeKey: route.routeKey,
      stage: '$default',
      time: clfTime(request.now),
      timeEpoch: request.now.getTime(),
      ...(route.claims && { authorizer: jwtAuthorizer(route.claims) }),
    },
    ...(Object.keys(route.pathParameters).length > 0 && { pathParameters: route.pathParameters }),
    ...(hasBody && { body: request.body.toString(base64 ? 'base64' : 'utf8') }),
    isBase64Encoded: base64,
  };
  return event;
}

/**
 * Lower-cased names, repeated headers joined with commas (2.0 has no multiValueHeaders);
 * `cookie` moves to the `cookies` array. Adds the headers API Gateway itself adds.
 */
function collectHeaders(request: RequestParts): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!.toLowerCase();
    const value = request.rawHeaders[i + 1]!;
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      );
    } else if (HOP_BY_HOP.has(name)) {
    } else {
      headers[name] = name in headers ? `${headers[name]},${value}` : value;
    }
  }
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${request.sourceIp}` : request.sourceIp;
  headers['x-forwarded-port'] = String(request.port);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] ??= traceId(request.now);
  return { headers, cookies };
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'upgrade', 'te']);

/** Repeated keys are joined with commas, as in payload 2.0. */
function queryParameters(rawQueryString: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    result[key] = key in result ? `${result[key]},${value}` : value;
  }
  return result;
}

/**
 * HTTP APIs pass only these content types as text; everything else, including a missing
 * content type and form posts, arrives base64-encoded (observed on real API Gateway).
 */
export function isTextual(contentType: string | undefined): boolean {
  const mime = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return mime.startsWith('text/') || ['application/json', 'application/xml', 'application/javascript'].includes(mime);
}

/**
 * API Gateway's JWT authorizer hands claims over as strings: numbers and booleans become
 * their text, arrays become `[a b]`. Mirroring that keeps handlers from relying on types
 * they will not get in AWS (hence `provinces` is one comma-separated string).
 */
function jwtAuthorizer(claims: Record<string, unknown>): APIGatewayEventRequestContextJWTAuthorizer {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (Array.isArray(value)) flat[name] = `[${value.map(String).join(' ')}]`;
    else if (typeof value === 'object' && value !== null) flat[name] = JSON.stringify(value);
    else flat[name] = String(value);
  }
  return { jwt: { claims: flat, scopes: null } };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`, the format of `requestContext.time`. */
function clfTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

function traceId(now: Date): string {
  return `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}
