/**
 * THE WEB SITE — PLACEHOLDER HOOK (deploys nothing yet).
 *
 * packages/web (the Persian forms and dashboard, static, built with Vite) is being built by
 * the web issue; until it is wired here the API's CORS origin comes from ABAD_WEB_ORIGINS
 * (default `*`: the API takes bearer tokens, never cookies). To deploy it, create it here and
 * return its URL, e.g.
 *
 *   const site = new sst.aws.StaticSite('Web', {
 *     path: 'packages/web',
 *     build: { command: 'npm run build', output: 'dist' },
 *     environment: { VITE_API_URL: apiUrl },
 *   });
 *   return { url: site.url };
 *
 * Mind the cycle: the site's build needs the API's URL, and the API's CORS configuration would
 * need the site's CloudFront URL. Either give the site a custom domain (known before deploy:
 * put it in ABAD_WEB_ORIGINS), or, like `npm start`, serve both from one origin — an
 * `sst.aws.Router` with the site at `/` and the API's paths (the first segments of the route
 * table) routed to the API, VITE_API_URL empty and no CORS at all. The site routes with the
 * hash (`#/province/IR-13`), so no page path competes with an API path. In AWS the pages sign
 * in through the identity provider (stacks/auth.ts), never the local `/dev/token`.
 */
export function createWeb(_: { apiUrl: $util.Output<string> }): { url: $util.Output<string> } | undefined {
  return undefined;
}
