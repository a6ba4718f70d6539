import { AUTH_CLIENT_ID, AUTH_TOKEN_URL, AUTH_URL } from '../config.ts';
import { h, replaceChildren } from '../dom.ts';
import { randomState, randomVerifier, s256Challenge } from './pkce.ts';
import { safeNext } from './return-to.ts';
import { signIn } from './session.ts';

/**
 * Sign-in in AWS: the identity provider's hosted page (a Cognito user pool's `/oauth2/authorize`)
 * with the authorization code flow and PKCE (RFC 9700 §2.1.1; the implicit flow is deprecated).
 *
 * 1. `startHostedSignIn(next)` keeps a random verifier, a random `state` and the page to return
 *    to in this tab's sessionStorage and sends the browser to the authorize endpoint with
 *    `response_type=code` and the verifier's S256 `code_challenge`.
 * 2. The provider sends it back to the site's page with `?code=…&state=…`.
 *    `completeHostedSignIn()` (at start-up) takes them out of the address at once
 *    (history.replaceState), checks `state`, and POSTs the code with the verifier to the token
 *    endpoint (Cognito: `<domain>/oauth2/token`) for the ID token, which carries the role and
 *    provinces (`custom:role`, `custom:provinces`) and is kept like the development sign-in's
 *    (session.ts). No token is ever in an address.
 * 3. The page the user came from is shown again.
 *
 * Configured at build time: VITE_AUTH_URL (the authorize endpoint; a path such as
 * `/dev/oauth2/authorize` is on the page's own origin), VITE_AUTH_CLIENT_ID, and
 * VITE_AUTH_TOKEN_URL unless it follows from the authorize URL (config.ts). Locally the
 * development authorization server of `npm start` (packages/local/src/dev-oauth.ts) plays the
 * provider; test/web/sign-in-pkce.test.ts runs the whole flow in Chromium.
 */
export const hostedSignInConfigured = AUTH_URL !== undefined;

/** What this tab remembers between leaving for the provider and coming back. */
interface Pending {
  state: string;
  verifier: string;
  next: string;
  redirectUri: string;
}

const PENDING_KEY = 'abad.signIn.pending';

type Status = { kind: 'idle' } | { kind: 'exchanging' } | { kind: 'failed'; message: string };
let status: Status = { kind: 'idle' };
const statusListeners = new Set<() => void>();

function setStatus(next: Status): void {
  status = next;
  for (const listener of statusListeners) listener();
}

/** The site's own page, as the provider must send the browser back to it (Cognito compares it exactly with the client's callback URLs). */
function redirectUri(): string {
  return `${location.origin}${location.pathname}`;
}

/** Leaves for the identity provider; back at `next` once signed in. */
export async function startHostedSignIn(next: string): Promise<void> {
  const pending: Pending = { state: randomState(), verifier: randomVerifier(), next: safeNext(next), redirectUri: redirectUri() };
  const url = new URL(AUTH_URL!, location.href);
  url.searchParams.set('response_type', 'code');
  if (AUTH_CLIENT_ID) url.searchParams.set('client_id', AUTH_CLIENT_ID);
  url.searchParams.set('scope', 'openid');
  url.searchParams.set('redirect_uri', pending.redirectUri);
  url.searchParams.set('state', pending.state);
  url.searchParams.set('code_challenge', await s256Challenge(pending.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  location.assign(url.toString());
}

/** The pending sign-in of this tab, removed as it is read: a state and a verifier serve once. */
function takePending(): Pending | undefined {
  const text = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  try {
    const value = text ? (JSON.parse(text) as Partial<Pending>) : undefined;
    if (value && typeof value.state === 'string' && typeof value.verifier === 'string' && typeof value.redirectUri === 'string') {
      return { state: value.state, verifier: value.verifier, redirectUri: value.redirectUri, next: safeNext(value.next) };
    }
  } catch {
    // not ours: no pending sign-in
  }
  return undefined;
}

const RETURN_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri', 'iss', 'session_state'];

/**
 * At start-up: when the provider has just sent the browser back (`?code=…&state=…`, or
 * `?error=…`), takes those out of the address, shows the sign-in page while the code is
 * exchanged, then the page the user came from. True when it did.
 */
export function completeHostedSignIn(): boolean {
  const params = new URLSearchParams(location.search);
  if (!hostedSignInConfigured || (!params.has('code') && !params.has('error'))) return false;
  const code = params.get('code');
  const state = params.get('state');
  const providerError = params.get('error');
  for (const name of RETURN_PARAMS) params.delete(name);
  const pending = takePending();
  const next = pending?.next ?? '#/';
  const search = params.toString();
  // The code leaves the address bar (and the history entry) before anything else happens.
  history.replaceState(null, '', `${location.pathname}${search ? `?${search}` : ''}#/sign-in?next=${encodeURIComponent(next)}`);

  if (!pending || state !== pending.state) {
    setStatus({ kind: 'failed', message: 'پاسخ سامانهٔ ورود با درخواست این زبانه جور نیست. دوباره وارد شوید.' });
    return true;
  }
  if (providerError || !code) {
    setStatus({ kind: 'failed', message: providerError === 'access_denied' ? 'ورود لغو شد.' : 'سامانهٔ ورود خطا داد. دوباره تلاش کنید.' });
    return true;
  }
  setStatus({ kind: 'exchanging' });
  void exchange(code, pending).then(
    (token) => {
      if (!signIn(token)) throw new Error('no role in the token');
      setStatus({ kind: 'idle' });
      location.replace(next); // a hash: the same page, without a new history entry
    },
    () => setStatus({ kind: 'failed', message: 'ورود کامل نشد: سامانهٔ ورود کد را نپذیرفت. دوباره وارد شوید.' }),
  );
  return true;
}

/** The code and the verifier for the ID token, at the token endpoint (RFC 6749 §4.1.3, RFC 7636 §4.5). */
async function exchange(code: string, pending: Pending): Promise<string> {
  if (!AUTH_TOKEN_URL) throw new Error('no token endpoint configured (VITE_AUTH_TOKEN_URL)');
  const body = new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: pending.verifier, redirect_uri: pending.redirectUri });
  if (AUTH_CLIENT_ID) body.set('client_id', AUTH_CLIENT_ID);
  // Form-encoded, no credentials: a simple request for a provider on another origin (no preflight).
  const response = await fetch(new URL(AUTH_TOKEN_URL, location.href), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body,
    credentials: 'omit',
    cache: 'no-store',
  });
  const answer = (await response.json().catch(() => ({}))) as { id_token?: unknown };
  if (!response.ok || typeof answer.id_token !== 'string') throw new Error(`token endpoint: ${response.status}`);
  return answer.id_token;
}

/** The sign-in page's part for the hosted sign-in: the button, and what became of the last attempt. */
export function hostedSignInControl(next: string): HTMLElement {
  const button = h('button', { type: 'button' }, 'ورود با حساب سازمانی');
  const message = h('div', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const render = () => {
    button.disabled = status.kind === 'exchanging';
    if (status.kind === 'exchanging') replaceChildren(message, h('p', {}, 'در حال ورود…'));
    else if (status.kind === 'failed') replaceChildren(message, h('p', { class: 'error' }, status.message));
    else replaceChildren(message);
  };
  // Follows the status while on the page; a page left forgets it.
  const follow = () => (button.isConnected ? render() : statusListeners.delete(follow));
  statusListeners.add(follow);
  render();
  button.addEventListener('click', () => {
    button.disabled = true;
    startHostedSignIn(next).catch(() => {
      button.disabled = false;
      setStatus({ kind: 'failed', message: 'ورود در این مرورگر شدنی نیست (به نشانی امن https نیاز است).' });
    });
  });
  return h('div', { class: 'hosted-sign-in' }, h('p', {}, button), message);
}
