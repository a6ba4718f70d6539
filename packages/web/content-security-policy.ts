/**
 * The Content-Security-Policy of the pages, one definition for both who serve them: the local
 * runtime (packages/local/src/static-site.ts) and CloudFront (stacks/web.ts). Only their own
 * scripts, styles and fonts; requests only to their own origin and to `connectSources` (the
 * identity provider's token endpoint when it is elsewhere: the hosted sign-in exchanges its code
 * there); no plugins, no framing, forms only to themselves. Plain TypeScript without imports, so
 * the stacks can read it too.
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
