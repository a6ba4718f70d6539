import { routes } from '../packages/functions/src/http/routes';
import type { TokenIssuer } from './auth';

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
 * Request headers in the router's cache key. CloudFront forwards `Authorization` to an origin
 * only when it is part of the cache key (an origin request policy cannot forward it), and the
 * API needs it on GETs too (`GET /donations`). Keying on it also keeps one caller's response
 * from being served to another, and `Accept-Language` keeps Persian and English errors apart.
 * The first two are SST's own. (The API sends `no-store` on its live figures and no caching
 * headers elsewhere; the cache policy's default TTL is 0.)
 */
export const ROUTER_CACHE_KEY_HEADERS = ['x-open-next-cache-key', 'x-forwarded-host', 'authorization', 'accept-language'];

/** The one origin of the pages and the API (created first: its URL is the site's address). */
export function createRouter() {
  return new sst.aws.Router('Router', {
    transform: {
      cachePolicy: (args) => {
        args.parametersInCacheKeyAndForwardedToOrigin = $resolve([args.parametersInCacheKeyAndForwardedToOrigin]).apply(
          ([parameters]) => ({
            ...parameters!,
            headersConfig: { headerBehavior: 'whitelist', headers: { items: ROUTER_CACHE_KEY_HEADERS } },
          }),
        );
        return undefined;
      },
    },
  });
}

export type WebRouter = ReturnType<typeof createRouter>;

/**
 * Routes the API's paths to the API and deploys the site behind the same router. The site is
 * built with the identity provider's hosted sign-in (VITE_AUTH_URL, VITE_AUTH_CLIENT_ID) when
 * there is one; in AWS the pages never use the local `/dev/token`.
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
      ...(issuer.signIn ? { VITE_AUTH_URL: issuer.signIn.url, VITE_AUTH_CLIENT_ID: issuer.signIn.clientId } : {}),
    },
  });

  return { url: router.url, router, site };
}
