import { routes, type Route } from '../packages/functions/src/http/routes';
import { httpHandlerPermissions } from './access';
import type { TokenIssuer } from './auth';
import { functionArgs, type SharedEnvironment } from './functions';

/** Steady-state requests per second and burst, for every route of the stage (set explicitly). */
export const API_THROTTLING = { rateLimit: 50, burstLimit: 100 };

/** Request headers the web site sends; response headers it may read. */
const CORS_ALLOW_HEADERS = ['authorization', 'content-type', 'accept-language', 'idempotency-key', 'if-match', 'if-none-match'];
const CORS_EXPOSE_HEADERS = ['location', 'etag'];

/** `projects/report-progress` → `ProjectsReportProgress`: the route's stable logical name. */
export function routeName(route: Pick<Route, 'handler'>): string {
  return route.handler
    .split(/[/-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** The Lambda handler of a route: `packages/functions/src/http/<handler>.handler`. */
export function routeHandler(route: Pick<Route, 'handler'>): string {
  return `packages/functions/src/http/${route.handler}.handler`;
}

/**
 * The HTTP API: every route of the route table (the same table the local runtime serves), one
 * function per route with only the table access that route needs, the JWT authorizer on the
 * `jwt` routes and none on the public ones, CORS for the web site's origin, explicit
 * throttling and access logs.
 */
export function createApi(shared: SharedEnvironment, options: { issuer: TokenIssuer; corsOrigins: string[] }) {
  const methods = [...new Set(routes.map((route) => route.method))].sort();
  const api = new sst.aws.ApiGatewayV2('Api', {
    // API Gateway's CORS is one setting for the whole API and replaces the functions' own CORS
    // headers, so it is set only for origins named in ABAD_WEB_ORIGINS. A `*` there would let any
    // site's script read what the authenticated routes answer; without it the functions answer
    // CORS themselves: `*` on public reads, nothing on the routes behind the token
    // (packages/functions/src/http/caching.ts). The deployed pages share the API's origin.
    cors: options.corsOrigins.includes('*')
      ? false
      : {
          allowOrigins: options.corsOrigins,
          allowMethods: methods,
          allowHeaders: CORS_ALLOW_HEADERS,
          exposeHeaders: CORS_EXPOSE_HEADERS,
          maxAge: '1 day',
        },
    accessLog: { retention: '3 months' },
    transform: {
      stage: {
        defaultRouteSettings: {
          throttlingRateLimit: API_THROTTLING.rateLimit,
          throttlingBurstLimit: API_THROTTLING.burstLimit,
        },
      },
    },
  });

  const authorizer = api.addAuthorizer({
    name: 'Jwt',
    jwt: { issuer: options.issuer.issuer, audiences: options.issuer.audiences },
  });

  const functions = routes.map((route) => {
    const name = routeName(route);
    const handler = functionArgs(shared, {
      handler: routeHandler(route),
      service: 'abad-api',
      description: `${route.method} ${route.path}`,
      permissions: httpHandlerPermissions(shared.table, route),
      environment: { CORS_ORIGINS: options.corsOrigins.join(',') },
    });
    const lambdaRoute = api.route(`${route.method} ${route.path}`, handler, {
      name,
      auth: route.auth === 'jwt' ? { jwt: { authorizer: authorizer.id } } : false,
    });
    return { route, name, function: lambdaRoute.nodes.function };
  });

  return { api, authorizer, functions };
}

export type Api = ReturnType<typeof createApi>;
