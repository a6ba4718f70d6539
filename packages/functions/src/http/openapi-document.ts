import { ROLES, can, type Action, type Role } from '@abad/core';
import { componentOf, jsonSchemaOf, namedJsonSchemas, type JsonSchema } from './json-schema.ts';
import { problemSchema } from './problem-schema.ts';
import { gatewayErrorSchema } from './http-schemas.ts';
import { routes, type Route, type SuccessHeader } from './routes.ts';
import { MAX_EXPORT_BODY_BYTES } from './table-export.ts';
import { MAX_EXPORT_ROWS } from '@abad/core/export/table';

/**
 * OpenAPI 3.1, generated from the route table alone: its schemas are the ones the handlers
 * parse with and the named output schemas the store's values follow. Every response has a
 * schema; errors are problem+json, or API Gateway's own `{ message }` for what it answers
 * before a handler runs.
 */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes as readonly Route[]) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Abad API',
      version: '1.0.0',
      description:
        'Community development projects and charity drives across Iran’s provinces. Money is toman, as decimal strings. ' +
        '`Accept-Language: fa` gives Persian messages.',
    },
    servers: [
      {
        url: '/',
        description: 'The deployment that served this document (local, staging or production): the API and the document share an origin',
        'x-internal': false,
      },
    ],
    tags: [...new Set(routes.map(tagOf))].map((name) => ({ name, description: `/${name}` })),
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A JWT (RFC 7519) from the deployment’s OpenID Connect provider, handled as RFC8725 advises: API Gateway’s JWT ' +
            'authorizer (the local runtime likewise) checks the signature against the issuer’s published keys, never `alg: none`, ' +
            'and the issuer, audience and expiry. Its `sub`, `role` and `provinces` claims say who may do what, and where.',
        },
      },
      schemas: namedJsonSchemas(),
    },
  };
}

function tagOf(route: Pick<Route, 'path'>): string {
  return route.path.split('/')[1]!.replace(/\.json$/, '');
}

function operation(route: Route): Record<string, unknown> {
  const parameters = [...pathParameters(route), ...queryParameters(route), ...headerParameters(route)];
  return {
    operationId: route.handler.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
    summary: route.summary,
    description: description(route),
    tags: [tagOf(route)],
    parameters,
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(route.body, 'input') } } } } : {}),
    security: route.auth === 'jwt' ? [{ bearer: [] }] : [],
    responses: { ...successResponse(route), ...errorResponses(route) },
  };
}

/** Who may call it, and what it honours, from the route's facts. */
function description(route: Route): string {
  const who = route.action
    ? `A bearer token whose role is ${rolesFor(route.action).join(' or ')}; provinces are checked against the data.`
    : 'Anyone; no token.';
  const ifMatch = route.ifMatch ? ` If-Match (the ETag read) is ${route.ifMatch}.` : '';
  const idempotent = route.idempotent ? ' Idempotency-Key makes a retry safe.' : '';
  return who + ifMatch + idempotent;
}

function rolesFor(action: Action): Role[] {
  return ROLES.filter((role) => can({ subject: 'any', role, provinces: '*' }, action));
}

/** The names in the path template and the route's `params` are the same (or the route is wrong). */
function pathParameters(route: Route): unknown[] {
  const names = (route.path.match(/\{(\w+)\}/g) ?? []).map((name) => name.slice(1, -1));
  const shape = route.params?.shape ?? {};
  if (names.join() !== Object.keys(shape).join()) {
    throw new Error(`${route.method} ${route.path}: params declare {${Object.keys(shape).join(', ')}}`);
  }
  return names.map((name) => ({ name, in: 'path', required: true, schema: jsonSchemaOf(shape[name]!, 'input') }));
}

function queryParameters(route: Route): unknown[] {
  if (!route.query) return [];
  const { properties = {}, required = [] } = jsonSchemaOf(route.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(properties).map(([name, schema]) => ({ name, in: 'query', required: required.includes(name), schema }));
}

const IF_MATCH = { type: 'string', pattern: '^(W/)?"?[0-9]{1,9}"?$', maxLength: 13 };

function headerParameters(route: Route): unknown[] {
  return [
    ...(route.ifMatch
      ? [{ name: 'If-Match', in: 'header', required: route.ifMatch === 'required', description: 'The ETag (version) that was read', schema: IF_MATCH }]
      : []),
    ...(route.idempotent
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: 'The same key and body (per caller and route) return the first response and write nothing new',
            schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$', maxLength: 255 },
          },
        ]
      : []),
    {
      name: 'Accept-Language',
      in: 'header',
      required: false,
      description: '`fa…` for Persian messages, otherwise English',
      schema: { type: 'string', maxLength: 200, pattern: '^[A-Za-z0-9 ,;=.*-]*$' },
    },
  ];
}

const SUCCESS_HEADERS: Record<SuccessHeader, [name: string, header: { required: true; description: string; schema: JsonSchema }]> = {
  location: ['Location', { required: true, description: 'Where the new resource is', schema: { type: 'string', format: 'uri-reference', maxLength: 200 } }],
  etag: ['ETag', { required: true, description: 'The version, for If-Match', schema: { type: 'string', pattern: '^"[0-9]{1,9}"$', maxLength: 11 } }],
};

/** Sent on every response to a request from an allowed origin (the web pages'). */
const CORS_ORIGIN = { description: 'The allowed origin of the request (CORS)', schema: { type: 'string', maxLength: 2048 } };

/** An export's file (table-export.ts): CSV text with a BOM, or an XLSX workbook; named by Content-Disposition. */
function exportResponse(format: 'csv' | 'xlsx'): Record<string, unknown> {
  const media = format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const schema =
    format === 'csv'
      ? { type: 'string', maxLength: MAX_EXPORT_BODY_BYTES, description: 'UTF-8 with a BOM, CRLF, RFC 4180: Persian headers, then one row per item' }
      : { type: 'string', contentMediaType: media, maxLength: MAX_EXPORT_BODY_BYTES, description: 'An Office Open XML workbook: one sheet, Persian headers' };
  return {
    200: {
      description: `The whole view as a file (${format.toUpperCase()}); over ${MAX_EXPORT_ROWS} rows is 422`,
      headers: {
        'Content-Disposition': {
          required: true,
          description: 'attachment, with an ASCII filename and a Persian filename*',
          schema: { type: 'string', maxLength: 1000, pattern: '^attachment; ' },
        },
        'Access-Control-Allow-Origin': CORS_ORIGIN,
      },
      content: { [media]: { schema } },
    },
  };
}

function successResponse(route: Route): Record<string, unknown> {
  if (route.response.export) return exportResponse(route.response.export);
  const { status, body, headers = [] } = route.response;
  return {
    [status]: {
      description: status === 201 ? 'Created' : status === 204 ? 'Done; no content' : 'OK',
      ...(headers.length
        ? {
            headers: {
              ...Object.fromEntries(headers.map((h) => SUCCESS_HEADERS[h])),
              'Access-Control-Allow-Origin': CORS_ORIGIN,
            },
          }
        : {}),
      ...(body ? { content: { 'application/json': { schema: componentOf(body) } } } : {}),
    },
  };
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request',
  401: 'No valid token',
  403: 'Role or province not allowed',
  404: 'Nothing at this path',
  409: 'Exists already, or conflicts with the current state',
  412: 'If-Match names another version',
  413: 'Body over 64 KiB',
  415: 'Body not JSON',
  422: 'Invalid fields',
  428: 'If-Match missing',
  429: 'Throttled (the stage’s rate limit)',
  500: 'Unexpected error (logged)',
  503: 'The handler did not answer in time',
};

/** Which error statuses a route can answer, and from whom: the handler (problem+json) or API Gateway. */
function errorResponses(route: Route): Record<string, unknown> {
  const problem = new Set<number>([413, 500]);
  const gateway = new Set<number>([400, 413, 429, 500, 503]);
  if (route.auth === 'jwt') [401, 403].forEach((s) => problem.add(s));
  if (route.auth === 'jwt') gateway.add(401);
  if (route.params) problem.add(404);
  if (route.body) [400, 409, 415, 422].forEach((s) => problem.add(s));
  if (route.query) [400, 422].forEach((s) => problem.add(s));
  if (route.response.export) problem.add(422); // a view too large for one file
  if (route.idempotent) [400, 422].forEach((s) => problem.add(s));
  if (route.ifMatch) problem.add(412);
  if (route.ifMatch === 'required') problem.add(428);
  const statuses = [...new Set([...problem, ...gateway])].sort((a, b) => a - b);
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: ERROR_DESCRIPTIONS[status],
        content: {
          ...(problem.has(status) ? { 'application/problem+json': { schema: componentOf(problemSchema) } } : {}),
          ...(gateway.has(status) ? { 'application/json': { schema: componentOf(gatewayErrorSchema) } } : {}),
        },
      },
    ]),
  );
}
