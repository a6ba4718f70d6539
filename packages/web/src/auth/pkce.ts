/**
 * PKCE (RFC 7636) for the hosted sign-in: a random verifier kept in this tab, and the S256
 * challenge sent to the authorize endpoint — the token endpoint gives a token for the code only
 * to whoever shows the verifier, so a code caught on its way back (an address bar, a log, an
 * extension) is worth nothing. Web Crypto only: `crypto.subtle` needs a secure context, which
 * the deployed site (https) and `http://localhost` both are.
 */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes: a 43-character verifier (the shortest RFC 7636 allows, 256 bits of entropy). */
export function randomVerifier(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** An unguessable `state`: ties the answer to the request this tab made (no login CSRF). */
export function randomState(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

/** base64url(SHA-256(ASCII(verifier))). */
export async function s256Challenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}
