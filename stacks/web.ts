/**
 * THE WEB SITE — PLACEHOLDER HOOK.
 *
 * packages/web (the Persian forms and dashboard, static, built with Vite) does not exist yet,
 * so this deploys nothing and the API's CORS origin comes from ABAD_WEB_ORIGINS (default `*`;
 * the public API takes bearer tokens, never cookies). When the web issue lands, create the
 * site here, e.g.
 *
 *   const site = new sst.aws.StaticSite('Web', {
 *     path: 'packages/web',
 *     build: { command: 'npm run build', output: 'dist' },
 *     environment: { VITE_API_URL: api.url },
 *   });
 *   return { url: site.url };
 *
 * and make its origin the API's CORS origin. Mind the cycle: the site's build needs the API's
 * URL and the API's CORS configuration would need the site's CloudFront URL, so give the site
 * a custom domain (known before deploy, put it in ABAD_WEB_ORIGINS) or serve the API under
 * the site's CloudFront distribution (same origin, no CORS at all).
 */
export function createWeb(_: { apiUrl: $util.Output<string> }): { url: $util.Output<string> } | undefined {
  return undefined;
}
