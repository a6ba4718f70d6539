/**
 * Deploy-time settings, read from the environment when SST evaluates the config. SST loads
 * `.env` and `.env.<stage>` next to sst.config.ts, so a stage's settings can live in
 * `.env.prod` (git-ignored) or be exported in the shell before `npx sst deploy`.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `ABAD_OIDC_ISSUER` | (unset: a Cognito user pool) | an external OIDC issuer URL for the API's JWT authorizer |
 * | `ABAD_OIDC_AUDIENCE` | (required with the issuer) | its audience(s), comma-separated |
 * | `ABAD_OIDC_SIGN_IN_URL` | (none) | with the issuer: its OAuth 2 authorize endpoint, for the web pages' sign-in |
 * | `ABAD_OIDC_CLIENT_ID` | the first audience | with the sign-in URL: the client id the pages sign in as |
 * | `ABAD_OIDC_TOKEN_URL` | derived from the sign-in URL | with the sign-in URL: its token endpoint, where the pages exchange the code (PKCE) |
 * | `ABAD_WEB_ORIGINS` | `*` | other origins allowed by CORS, comma-separated (the deployed pages share the API's origin and need none) |
 * | `ABAD_ALARM_EMAIL` | (none) | an address subscribed to the alarm topic |
 */
export interface DeployConfig {
  /** Set: tokens come from this issuer and no Cognito user pool is created. */
  oidc?: { issuer: string; audiences: string[]; signInUrl?: string; tokenUrl?: string; clientId?: string };
  webOrigins: string[];
  alarmEmail?: string;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

function parseUrl(value: string) {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function httpsUrl(name: string, value: string): string {
  const url = parseUrl(value);
  if (!url) throw new Error(`${name} must be a URL, got "${value}"`);
  if (url.protocol !== 'https:') throw new Error(`${name} must be an https:// URL, got "${value}"`);
  // Kept exactly as given: API Gateway compares it with the token's `iss` character for
  // character, and some issuers (Auth0) end theirs with a slash.
  return value;
}

function origin(value: string): string {
  if (value === '*') return value;
  const url = parseUrl(value);
  if (!url || url.origin !== value.replace(/\/+$/, '')) {
    throw new Error(`ABAD_WEB_ORIGINS: "${value}" is not an origin (scheme://host[:port], no path)`);
  }
  return url.origin;
}

/**
 * The token endpoint beside an authorize endpoint, where the provider names them alike:
 * `…/oauth2/…/authorize` → `…/oauth2/…/token` (Cognito, Okta, Entra ID),
 * `…/protocol/openid-connect/auth` → `…/token` (Keycloak); otherwise undefined. The pages apply
 * the same rule to VITE_AUTH_URL (packages/web/src/config.ts).
 */
export function tokenEndpointFor(authorizeUrl: string): string | undefined {
  const path = authorizeUrl.split(/[?#]/)[0] ?? '';
  if (/\/oauth2\/(?:[^/?#]+\/)*authorize$/.test(path)) return path.replace(/authorize$/, 'token');
  if (/\/protocol\/openid-connect\/auth$/.test(path)) return path.replace(/auth$/, 'token');
  return undefined;
}

export function readDeployConfig(env: Record<string, string | undefined> = process.env): DeployConfig {
  const issuer = env.ABAD_OIDC_ISSUER?.trim();
  const audiences = list(env.ABAD_OIDC_AUDIENCE);
  if (!issuer && audiences.length > 0) throw new Error('ABAD_OIDC_AUDIENCE is set without ABAD_OIDC_ISSUER');
  if (issuer && audiences.length === 0) throw new Error('ABAD_OIDC_ISSUER is set without ABAD_OIDC_AUDIENCE');
  const signInUrl = env.ABAD_OIDC_SIGN_IN_URL?.trim() || undefined;
  const clientId = env.ABAD_OIDC_CLIENT_ID?.trim() || undefined;
  const givenTokenUrl = env.ABAD_OIDC_TOKEN_URL?.trim() || undefined;
  if (!issuer && (signInUrl || clientId || givenTokenUrl))
    throw new Error('ABAD_OIDC_SIGN_IN_URL, ABAD_OIDC_CLIENT_ID and ABAD_OIDC_TOKEN_URL need ABAD_OIDC_ISSUER');
  if (givenTokenUrl && !signInUrl) throw new Error('ABAD_OIDC_TOKEN_URL is set without ABAD_OIDC_SIGN_IN_URL');
  if (signInUrl) httpsUrl('ABAD_OIDC_SIGN_IN_URL', signInUrl);
  const tokenUrl = givenTokenUrl ?? (signInUrl ? tokenEndpointFor(signInUrl) : undefined);
  if (signInUrl && !tokenUrl) {
    throw new Error(`ABAD_OIDC_TOKEN_URL: the token endpoint of ${signInUrl} cannot be derived from it; set it (the pages exchange the sign-in's code there)`);
  }
  const webOrigins = list(env.ABAD_WEB_ORIGINS).map(origin);
  const alarmEmail = env.ABAD_ALARM_EMAIL?.trim() || undefined;
  return {
    ...(issuer
      ? {
          oidc: {
            issuer: httpsUrl('ABAD_OIDC_ISSUER', issuer),
            audiences,
            ...(signInUrl ? { signInUrl: httpsUrl('ABAD_OIDC_SIGN_IN_URL', signInUrl), tokenUrl: httpsUrl('ABAD_OIDC_TOKEN_URL', tokenUrl!) } : {}),
            ...(clientId ? { clientId } : {}),
          },
        }
      : {}),
    webOrigins: webOrigins.length > 0 ? webOrigins : ['*'],
    ...(alarmEmail ? { alarmEmail } : {}),
  };
}
