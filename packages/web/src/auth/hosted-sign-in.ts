import { AUTH_CLIENT_ID, AUTH_URL } from '../config.ts';
import { signIn } from './session.ts';

/**
 * Sign-in in AWS: the identity provider's hosted page (e.g. a Cognito user pool's
 * `/oauth2/authorize`, implicit flow). It sends the browser back with `#id_token=…` in the
 * fragment; the ID token carries the role and provinces (`custom:role`, `custom:provinces`).
 * Configured at build time with VITE_AUTH_URL and VITE_AUTH_CLIENT_ID. Not exercised by the
 * local tests: locally the development sign-in (views/sign-in.ts) is used.
 */
export const hostedSignInConfigured = AUTH_URL !== undefined;

export function hostedSignInUrl(): string {
  const url = new URL(AUTH_URL!);
  url.searchParams.set('response_type', 'token');
  if (AUTH_CLIENT_ID) url.searchParams.set('client_id', AUTH_CLIENT_ID);
  url.searchParams.set('scope', 'openid');
  url.searchParams.set('redirect_uri', `${location.origin}${location.pathname}`);
  return url.toString();
}

/** Takes the token out of the fragment after the provider redirects back; true when it did. */
export function completeHostedSignIn(): boolean {
  if (!/[#&]id_token=/.test(location.hash)) return false;
  const token = new URLSearchParams(location.hash.slice(1)).get('id_token');
  history.replaceState(null, '', `${location.pathname}${location.search}#/`);
  if (token) signIn(token);
  return true;
}
