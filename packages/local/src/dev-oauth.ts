import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { HttpResponse } from './api-gateway-response.ts';
import { ClaimError, isRole, provincesClaim, type Role } from './claims.ts';
import type { Issuer } from './issuer.ts';
import { isLoopbackAddress, isLoopbackHost, isOriginOfHost, isSameLoopbackOrigin } from './loopback.ts';
import type { SiteRequest } from './static-site.ts';

/**
 * DEVELOPMENT SIGN-IN, LOCAL RUNTIME ONLY: a small OAuth 2 authorization server with the
 * authorization code flow and PKCE (RFC 6749 §4.1, RFC 7636), shaped like a Cognito user pool's
 * hosted endpoints, so the pages' hosted sign-in (packages/web/src/auth/hosted-sign-in.ts) runs
 * for real on this machine: build the site with `VITE_AUTH_URL=/dev/oauth2/authorize?role=editor&provinces=IR-13`.
 *
 * - `GET /dev/oauth2/authorize?response_type=code&client_id&redirect_uri&state&code_challenge&code_challenge_method=S256`
 *   approves at once the role and provinces named in its own query (`role`, `provinces`,
 *   default `*`; without `role`, a page of links, one per role) and redirects to `redirect_uri`
 *   with `?code=…&state=…`. `redirect_uri` must be a page of this same loopback origin.
 * - `POST /dev/oauth2/token` (form-encoded: `grant_type=authorization_code`, `code`,
 *   `code_verifier`, `redirect_uri`, `client_id`) answers `{ id_token, access_token, token_type,
 *   expires_in }` — a token of the local issuer — only when SHA-256 of the verifier is the
 *   challenge the code was issued for, with the same client and redirect URI, within the code's
 *   lifetime (60 s), and once: a code is spent by its first use, right or wrong.
 *
 * Like `POST /dev/token`, both answer only requests from this machine that name it (loopback
 * address and Host, and a loopback Origin when one is sent). The deployed API has neither.
 */
export const DEV_OAUTH_PREFIX = '/dev/oauth2/';
export const DEV_AUTHORIZE_PATH = '/dev/oauth2/authorize';
export const DEV_OAUTH_TOKEN_PATH = '/dev/oauth2/token';
const DEFAULT_CODE_LIFETIME_MS = 60_000;
const TOKEN_LIFETIME_SECONDS = 60 * 60;
/** RFC 7636 §4.1: 43 to 128 unreserved characters; a S256 challenge is 43 base64url characters. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  role: Role;
  provinces: string;
  expiresAt: number;
}

export interface DevOAuth {
  handle(request: SiteRequest): Promise<HttpResponse | undefined>;
}

/** The S256 code challenge of a verifier: base64url(SHA-256(ASCII(verifier))), RFC 7636 §4.2. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function createDevOAuth(issuer: Issuer, options: { codeLifetimeMs?: number | undefined; now?: () => number } = {}): DevOAuth {
  const lifetime = options.codeLifetimeMs ?? DEFAULT_CODE_LIFETIME_MS;
  const now = options.now ?? Date.now;
  const grants = new Map<string, Grant>();

  function authorize(request: SiteRequest, host: string): HttpResponse {
    const query = new URLSearchParams(request.query);
    const param = (name: string) => query.get(name) ?? '';
    // Where the answer goes is checked first: an error about anything else is sent there (RFC 6749 §4.1.2.1).
    let redirect: URL;
    try {
      redirect = new URL(param('redirect_uri'));
    } catch {
      return page(400, 'redirect_uri باید نشانی کامل صفحه‌ای از همین سایت باشد.', 'redirect_uri must be the full address of a page of this site.');
    }
    if (!isOriginOfHost(redirect, host) || redirect.hash) {
      return page(400, 'redirect_uri باید صفحه‌ای از همین نشانی محلی باشد.', 'redirect_uri must be a page of this same loopback origin.');
    }
    const clientId = param('client_id');
    if (!clientId) return page(400, 'client_id لازم است.', 'client_id is required.');
    const back = (values: Record<string, string>) => {
      const target = new URL(redirect);
      for (const [name, value] of Object.entries(values)) target.searchParams.set(name, value);
      if (query.has('state')) target.searchParams.set('state', param('state'));
      return {
        statusCode: 302,
        headers: { location: target.toString(), 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
        cookies: [],
        body: Buffer.alloc(0),
      };
    };
    if (param('response_type') !== 'code') return back({ error: 'unsupported_response_type', error_description: 'only response_type=code' });
    if (param('code_challenge_method') !== 'S256' || !CHALLENGE.test(param('code_challenge'))) {
      return back({ error: 'invalid_request', error_description: 'PKCE is required: code_challenge with code_challenge_method=S256' });
    }
    const role = param('role');
    if (!role) return chooser(query);
    if (!isRole(role)) return back({ error: 'invalid_request', error_description: 'role must be admin, editor, operator or viewer' });
    let provinces: string;
    try {
      provinces = provincesClaim(query.get('provinces') || '*');
    } catch (error) {
      if (error instanceof ClaimError) return back({ error: 'invalid_request', error_description: error.message });
      throw error;
    }
    for (const [code, grant] of grants) if (grant.expiresAt <= now()) grants.delete(code);
    const code = randomBytes(32).toString('base64url');
    grants.set(code, { clientId, redirectUri: param('redirect_uri'), challenge: param('code_challenge'), role, provinces, expiresAt: now() + lifetime });
    return back({ code });
  }

  async function token(request: SiteRequest, host: string): Promise<HttpResponse> {
    if (!isSameLoopbackOrigin(request.headers.origin, host))
      return oauthError(403, 'access_denied', 'This token endpoint answers pages of this loopback origin only.');
    if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'Send the token request as application/x-www-form-urlencoded.');
    }
    const form = new URLSearchParams(request.body.toString('utf8'));
    if (form.get('grant_type') !== 'authorization_code') return oauthError(400, 'unsupported_grant_type', 'Only grant_type=authorization_code.');
    const code = form.get('code') ?? '';
    const grant = grants.get(code);
    grants.delete(code); // spent by its first use, right or wrong: a verifier cannot be guessed at
    if (!grant || grant.expiresAt <= now()) return oauthError(400, 'invalid_grant', 'The code is unknown, used or expired.');
    if (form.get('client_id') !== grant.clientId) return oauthError(400, 'invalid_grant', 'The code was issued to another client.');
    if (form.get('redirect_uri') !== grant.redirectUri) return oauthError(400, 'invalid_grant', 'redirect_uri differs from the authorization request.');
    const verifier = form.get('code_verifier') ?? '';
    if (!VERIFIER.test(verifier) || !sameText(s256(verifier), grant.challenge)) {
      return oauthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge.');
    }
    const idToken = await issuer.mintToken({
      role: grant.role,
      provinces: grant.provinces,
      subject: `dev-oauth-${grant.role}`,
      expiresInSeconds: TOKEN_LIFETIME_SECONDS,
    });
    return json(200, { id_token: idToken, access_token: idToken, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS });
  }

  return {
    async handle(request) {
      const host = request.headers.host;
      const known = request.path === DEV_AUTHORIZE_PATH || request.path === DEV_OAUTH_TOKEN_PATH;
      if (!known) return undefined;
      if (!isLoopbackAddress(request.remoteAddress) || !isLoopbackHost(host)) {
        return oauthError(403, 'access_denied', 'The development authorization server answers only requests from and to this machine.');
      }
      if (request.path === DEV_AUTHORIZE_PATH && (request.method === 'GET' || request.method === 'HEAD')) return authorize(request, host);
      if (request.path === DEV_OAUTH_TOKEN_PATH && request.method === 'POST') return token(request, host);
      return {
        ...oauthError(405, 'invalid_request', 'Method not allowed.'),
        headers: { ...JSON_HEADERS, allow: request.path === DEV_AUTHORIZE_PATH ? 'GET' : 'POST' },
      };
    },
  };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const JSON_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache' };

function json(statusCode: number, value: unknown): HttpResponse {
  return { statusCode, headers: { ...JSON_HEADERS }, cookies: [], body: Buffer.from(JSON.stringify(value)) };
}

/** RFC 6749 §5.2. */
function oauthError(statusCode: number, error: string, description: string): HttpResponse {
  return json(statusCode, { error, error_description: description });
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(statusCode: number, fa: string, en: string, extra = ''): HttpResponse {
  const html = `<!doctype html><html dir="rtl" lang="fa"><meta charset="utf-8"><title>ورود آزمایشی</title><h1>ورود آزمایشی (محلی)</h1><p>${escapeHtml(fa)}</p><p lang="en" dir="ltr">${escapeHtml(en)}</p>${extra}</html>`;
  return { statusCode, headers: { ...PAGE_HEADERS }, cookies: [], body: Buffer.from(html) };
}

/** Without `role`: one link per role, all provinces, the same request otherwise. */
function chooser(query: URLSearchParams): HttpResponse {
  const links = (['admin', 'editor', 'operator', 'viewer'] as const).map((role) => {
    const next = new URLSearchParams(query);
    next.set('role', role);
    if (!next.has('provinces')) next.set('provinces', '*');
    return `<li><a href="${escapeHtml(`${DEV_AUTHORIZE_PATH}?${next}`)}">${role}</a></li>`;
  });
  return page(200, 'با کدام نقش وارد می‌شوید؟ (همهٔ استان‌ها)', 'Sign in as which role? (all provinces)', `<ul dir="ltr">${links.join('')}</ul>`);
}
