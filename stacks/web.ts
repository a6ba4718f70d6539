import { contentSecurityPolicy } from '../packages/web/content-security-policy.ts';
import { FIGURES_MAX_AGE_SECONDS } from '../packages/functions/src/http/public-figures';
import { routes } from '../packages/functions/src/http/routes';
import { signInTokenOrigin, type TokenIssuer } from './auth';
import { type DeployConfig, readDeployConfig } from './config';

/**
 * The web pages (packages/web: the Persian dashboard and forms, static files built with Vite),
 * served like `npm start` serves them: from the API's own origin. One CloudFront distribution
 * (an `sst.aws.Router`) sends the API's paths to the HTTP API and everything else to the site's
 * S3 bucket, so the pages call the API with relative URLs (VITE_API_URL empty) and need no CORS,
 * and nothing is circular: the router's URL is known before the site is built, so the Cognito
 * client's callback URL can be the site's page. The pages route with the hash
 * (`#/province/IR-13`), so no page address competes with an API path.
 */

/** How SST builds the site (in packages/web): `vite build` into dist. */
export const WEB_BUILD = { command: 'npm run build', output: 'dist' };

/** Cache-Control of the uploaded files; a later entry wins over an earlier one. */
export const WEB_FILE_OPTIONS = [
  { files: '**', cacheControl: 'public,max-age=0,must-revalidate' },
  { files: 'assets/**', cacheControl: 'public,max-age=31536000,immutable' },
  { files: '**/*.html', cacheControl: 'max-age=0,no-cache,no-store,must-revalidate' },
];

/**
 * The paths routed to the API: the first segment of every route of the route table
 * (`/provinces` also takes `/provinces/IR-13/history`, never `/provincesX`). Everything else
 * is the site.
 */
export const API_PATH_PREFIXES = [...new Set(routes.map((route) => `/${route.path.split('/')[1]}`))].sort();

/**
 * Request headers in the cache key of the router's default behavior (the site, and the API's
 * paths below that are not listed there). CloudFront forwards `Authorization` to an origin
 * with caching on only when it is part of the cache key (an origin request policy cannot
 * forward it), and writes need it. Keying on it also keeps one caller's response from being
 * served to another, and `Accept-Language` keeps Persian and English errors apart. The first
 * two are SST's own. The cache policy's default TTL is 0: only what says how long is kept.
 */
export const ROUTER_CACHE_KEY_HEADERS = ['x-open-next-cache-key', 'x-forwarded-host', 'authorization', 'accept-language'];

/** A route's path as a CloudFront path pattern: `/donations/{id}` → `/donations/*`. */
export function pathPattern(path: string): string {
  return path.replace(/\{[^}]+\}/g, '*');
}

/**
 * The public figures (`GET /provinces…`, `GET /programmes…`: the routes marked `publicFigures`,
 * answered by packages/functions/src/http/public-figures.ts): the
 * same answer for every viewer, so CloudFront keeps each for the few seconds the API allows
 * (`Cache-Control: public, max-age=5`) with a cache key WITHOUT `Authorization` — a million
 * viewers polling cost the API what one does: a request per 5 s per edge and URL. If-None-Match
 * is answered by CloudFront itself from what it keeps.
 */
export const PUBLIC_FIGURE_PATHS = [...new Set(routes.filter((r) => 'publicFigures' in r && r.publicFigures).map((r) => pathPattern(r.path)))];

/**
 * The key of a public figure: the path and query (`from`, `to`), the language of an error, and
 * the Origin (API Gateway answers CORS per origin, so one origin's answer must not reach another).
 */
export const PUBLIC_FIGURES_CACHE_KEY_HEADERS = ['accept-language', 'origin'];

/**
 * The reads that need a token (`GET /donations…`, `GET /distributions…`): never cached at
 * CloudFront, whatever the API answers (it answers `no-store`). With caching disabled, the
 * origin request policy forwards `Authorization`.
 */
export const AUTHENTICATED_READ_PATHS = [...new Set(routes.filter((r) => r.method === 'GET' && r.auth === 'jwt').map((r) => pathPattern(r.path)))];

/** CloudFront's managed policies: Managed-CachingDisabled, Managed-AllViewerExceptHostHeader. */
export const CACHING_DISABLED_POLICY_ID = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
export const ALL_VIEWER_EXCEPT_HOST_POLICY_ID = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

/**
 * The one origin of the pages and the API (created first: its URL is the site's address and
 * the hosted sign-in's callback). Its security headers name the token endpoint's origin, which
 * does not depend on the router (auth.ts).
 */
export function createRouter(config: DeployConfig = readDeployConfig()) {
  const tokenOrigin = signInTokenOrigin(config);
  const pageHeaders = new aws.cloudfront.ResponseHeadersPolicy('PageHeadersPolicy', {
    comment: 'Abad pages: Content-Security-Policy and the other security headers npm start sends',
    securityHeadersConfig: {
      contentSecurityPolicy: {
        contentSecurityPolicy: $output(tokenOrigin).apply((origin) => contentSecurityPolicy(origin ? [origin] : [])),
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: 'DENY', override: true },
      referrerPolicy: { referrerPolicy: 'no-referrer', override: true },
      strictTransportSecurity: { accessControlMaxAgeSec: 31_536_000, includeSubdomains: false, preload: false, override: true },
    },
  });
  const publicFigures = new aws.cloudfront.CachePolicy('PublicFiguresCachePolicy', {
    comment: 'Abad public figures: one answer for every viewer, kept as long as the API allows',
    minTtl: 0,
    defaultTtl: 0,
    maxTtl: FIGURES_MAX_AGE_SECONDS,
    parametersInCacheKeyAndForwardedToOrigin: {
      cookiesConfig: { cookieBehavior: 'none' },
      headersConfig: { headerBehavior: 'whitelist', headers: { items: PUBLIC_FIGURES_CACHE_KEY_HEADERS } },
      queryStringsConfig: { queryStringBehavior: 'all' },
      enableAcceptEncodingBrotli: true,
      enableAcceptEncodingGzip: true,
    },
  });
  const router = new sst.aws.Router('Router', {
    transform: {
      cachePolicy: (args) => {
        args.parametersInCacheKeyAndForwardedToOrigin = $resolve([args.parametersInCacheKeyAndForwardedToOrigin]).apply(([parameters]) => ({
          ...parameters!,
          headersConfig: { headerBehavior: 'whitelist', headers: { items: ROUTER_CACHE_KEY_HEADERS } },
        }));
        return undefined;
      },
      // Behaviors by path, each like the default one (the same routing function sends the
      // request to the API), with its own caching. Every behavior compresses (`compress: true`,
      // SST's default, with cache policies that allow Brotli and gzip) and sends the pages'
      // security headers.
      cdn: (args) => {
        const base = $resolve([args.defaultCacheBehavior, pageHeaders.id]).apply(([behavior, headersId]) => ({
          ...(behavior as DefaultBehavior),
          compress: true,
          responseHeadersPolicyId: headersId as string,
        }));
        args.defaultCacheBehavior = base;
        args.orderedCacheBehaviors = $resolve([base, publicFigures.id]).apply(([behavior, policyId]) =>
          orderedBehaviors(behavior as DefaultBehavior, policyId as string),
        );
        return undefined;
      },
    },
  });
  return router;
}

type DefaultBehavior = aws.types.input.cloudfront.DistributionDefaultCacheBehavior;

/** The public figures and the authenticated reads, each a copy of the default behavior with its own caching. */
function orderedBehaviors(base: DefaultBehavior, publicFiguresPolicyId: string): aws.types.input.cloudfront.DistributionOrderedCacheBehavior[] {
  return [
    ...PUBLIC_FIGURE_PATHS.map((pathPattern) => ({
      ...base,
      pathPattern,
      allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
      cachedMethods: ['GET', 'HEAD'],
      cachePolicyId: publicFiguresPolicyId,
      originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_POLICY_ID,
    })),
    ...AUTHENTICATED_READ_PATHS.map((pathPattern) => ({
      ...base,
      pathPattern,
      cachePolicyId: CACHING_DISABLED_POLICY_ID,
      originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_POLICY_ID,
    })),
  ];
}

export type WebRouter = ReturnType<typeof createRouter>;

/**
 * Routes the API's paths to the API and deploys the site behind the same router. The site is
 * built with the identity provider's hosted sign-in (VITE_AUTH_URL, VITE_AUTH_TOKEN_URL,
 * VITE_AUTH_CLIENT_ID: the code flow with PKCE) when there is one; in AWS the pages never use
 * the local `/dev/token` or `/dev/oauth2/*`.
 */
export function createWeb(args: { router: WebRouter; apiUrl: $util.Output<string>; issuer: TokenIssuer }) {
  const { router, apiUrl, issuer } = args;
  for (const prefix of API_PATH_PREFIXES) router.route(prefix, apiUrl);

  const site = new sst.aws.StaticSite('Site', {
    path: 'packages/web',
    build: WEB_BUILD,
    router: { instance: router },
    // SST writes a declaration of these variables on every evaluation, by default into
    // packages/web/src, where it would clash with the pages' own src/env.d.ts (optional there):
    // it goes to the git-ignored .sst/ instead.
    vite: { types: '../../.sst/web-sst-env.d.ts' },
    // Hashed files (dist/assets) for a year, like `npm start`; index.html and LICENSES.txt are
    // revalidated (SST's default would give LICENSES.txt a year too).
    assets: { fileOptions: WEB_FILE_OPTIONS },
    environment: {
      // Empty: the API is the page's own origin.
      VITE_API_URL: '',
      ...(issuer.signIn ? { VITE_AUTH_URL: issuer.signIn.url, VITE_AUTH_TOKEN_URL: issuer.signIn.tokenUrl, VITE_AUTH_CLIENT_ID: issuer.signIn.clientId } : {}),
    },
  });

  return { url: router.url, router, site };
}
