import { routes, type Route } from '../packages/functions/src/http/routes';
import { httpHandlerPermissions } from './access';
import type { TokenIssuer } from './auth';
import { functionArgs, type SharedEnvironment } from './functions';
import { routeThrottle, type Throttle, type ThrottleConfig } from './throttling';

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
 * `jwt` routes and none on the public ones, CORS for the web site's origin, throttling per
 * route (stacks/throttling.ts) and access logs.
 */
export function createApi(shared: SharedEnvironment, options: { issuer: TokenIssuer; corsOrigins: string[]; throttling: ThrottleConfig }) {
  const methods = [...new Set(routes.map((route) => route.method))].sort();
  // API Gateway refuses a stage whose route settings name a route that does not exist yet
  // ("Unable to find Route by key … within the provided RouteSettings"), and SST creates the
  // stage in the API's constructor, before any route: the stage waits for the routes below.
  let routesDeclared!: (declared: $util.Input<aws.apigatewayv2.Route>[]) => void;
  const declared = new Promise<$util.Input<aws.apigatewayv2.Route>[]>((resolve) => (routesDeclared = resolve));
  const settings = ({ rateLimit, burstLimit }: Throttle) => ({ throttlingRateLimit: rateLimit, throttlingBurstLimit: burstLimit });
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
      stage: (args, opts) => {
        args.defaultRouteSettings = settings(options.throttling.classes.default);
        args.routeSettings = routes.map((route) => {
          const routeKey = `${route.method} ${route.path}`;
          return { routeKey, ...settings(routeThrottle(options.throttling, routeKey)) };
        });
        opts.dependsOn = declared;
        return undefined;
      },
    },
  });

  const authorizer = api.addAuthorizer({
    name: 'Jwt',
    jwt: { issuer: options.issuer.issuer, audiences: options.issuer.audiences },
  });

  const lambdaRoutes: $util.Input<aws.apigatewayv2.Route>[] = [];
  const declareRoute = (route: (typeof routes)[number]) => {
    const name = routeName(route);
    const handler = functionArgs(shared, {
      handler: routeHandler(route),
      service: 'abad-api',
      description: `${route.method} ${route.path}`,
      permissions: httpHandlerPermissions(shared.table, route),
      environment: { CORS_ORIGINS: options.corsOrigins.join(',') },
    });
    // Reserved concurrency for the drive day's hot path (ABAD_DONATIONS_RESERVED_CONCURRENCY): kept for it, and its ceiling.
    const reserved = route.method === 'POST' && route.path === '/donations' ? options.throttling.donationsReservedConcurrency : undefined;
    const lambdaRoute = api.route(`${route.method} ${route.path}`, reserved ? { ...handler, concurrency: { reserved } } : handler, {
      name,
      auth: route.auth === 'jwt' ? { jwt: { authorizer: authorizer.id } } : false,
    });
    lambdaRoutes.push(lambdaRoute.nodes.route);
    return { route, name, function: lambdaRoute.nodes.function };
  };
  let functions: ReturnType<typeof declareRoute>[] = [];
  try {
    functions = routes.map(declareRoute);
  } finally {
    // Also on a failure, so that the stage's registration is not left waiting.
    routesDeclared(lambdaRoutes);
  }

  return { api, authorizer, functions };
}

export type Api = ReturnType<typeof createApi>;
