/**
 * Build-time settings (Vite `VITE_*` variables). Locally none is set: the API is the page's
 * own origin and sign-in is the local runtime's development sign-in.
 */
const env: Partial<ImportMetaEnv> = import.meta.env ?? {};

export const API_BASE = (env.VITE_API_URL ?? '').replace(/\/+$/, '');

/**
 * The hosted sign-in of the identity provider (AWS): its OAuth 2 authorize endpoint (absolute,
 * or a path on the page's own origin), the client id, and the token endpoint the code is
 * exchanged at. Undefined locally, where the development sign-in is used.
 */
export const AUTH_URL = env.VITE_AUTH_URL || undefined;
export const AUTH_CLIENT_ID = env.VITE_AUTH_CLIENT_ID || undefined;
export const AUTH_TOKEN_URL = env.VITE_AUTH_TOKEN_URL || tokenEndpointFor(AUTH_URL);

/**
 * The token endpoint beside an authorize endpoint, where the provider names them alike:
 * `…/oauth2/…/authorize` → `…/oauth2/…/token` (Cognito, the local runtime's `/dev/oauth2/authorize`,
 * Okta, Entra ID), `…/protocol/openid-connect/auth` → `…/token` (Keycloak). Otherwise (Auth0's
 * `/authorize` pairs with `/oauth/token`) undefined: set VITE_AUTH_TOKEN_URL. stacks/config.ts
 * applies the same rule.
 */
export function tokenEndpointFor(authorizeUrl: string | undefined): string | undefined {
  const path = authorizeUrl?.split(/[?#]/)[0] ?? '';
  if (/\/oauth2\/(?:[^/?#]+\/)*authorize$/.test(path)) return path.replace(/authorize$/, 'token');
  if (/\/protocol\/openid-connect\/auth$/.test(path)) return path.replace(/auth$/, 'token');
  return undefined;
}

/** How often the dashboard asks for new figures while the page is visible. */
export const POLL_INTERVAL_MS = 4_000;
