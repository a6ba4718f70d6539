import { describe, expect, it } from 'vitest';
import { base64url, randomState, randomVerifier, s256Challenge } from '../src/auth/pkce.ts';
import { safeNext, signInHref } from '../src/auth/return-to.ts';
import { tokenEndpointFor } from '../src/config.ts';
import { tokenEndpointFor as deployedTokenEndpointFor } from '../../../stacks/config.ts';

describe('PKCE in the page (RFC 7636)', () => {
  it('computes the S256 challenge of RFC 7636’s appendix B example', async () => {
    expect(await s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes 43-character verifiers of unreserved characters, never the same twice', () => {
    const verifiers = new Set(Array.from({ length: 200 }, randomVerifier));
    expect(verifiers.size).toBe(200);
    for (const verifier of verifiers) expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomState()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(base64url(new Uint8Array([251, 255, 191]))).toBe('-_-_');
  });
});

describe('signing in returns to the page the user came from', () => {
  it('a sign-in link names the page it is on, query included', () => {
    expect(signInHref('#/province/IR-13?figure=jobs')).toBe(`#/sign-in?next=${encodeURIComponent('#/province/IR-13?figure=jobs')}`);
    expect(signInHref('#/forms/donation')).toBe('#/sign-in?next=%23%2Fforms%2Fdonation');
    expect(signInHref('#/')).toBe('#/sign-in');
    // On the sign-in page itself the link keeps where it was going.
    expect(signInHref('#/sign-in?next=%23%2Fforms%2Fdonation')).toBe('#/sign-in?next=%23%2Fforms%2Fdonation');
  });

  it('returns only to a page of this site, never to the sign-in or another address', () => {
    expect(safeNext('#/province/IR-13')).toBe('#/province/IR-13');
    for (const next of [null, undefined, '', 'https://evil.example/', '//evil.example', 'javascript:alert(1)', '#/sign-in', '#/sign-in?next=%23%2F', '#main']) {
      expect(safeNext(next), String(next)).toBe('#/');
    }
  });
});

describe('the token endpoint beside the authorize endpoint', () => {
  it.each([
    ['https://abad-prod-x.auth.me-central-1.amazoncognito.com/oauth2/authorize', 'https://abad-prod-x.auth.me-central-1.amazoncognito.com/oauth2/token'],
    ['/dev/oauth2/authorize?role=editor&provinces=IR-13', '/dev/oauth2/token'],
    ['https://login.microsoftonline.com/tenant/oauth2/v2.0/authorize', 'https://login.microsoftonline.com/tenant/oauth2/v2.0/token'],
    ['https://id.example.org/realms/abad/protocol/openid-connect/auth', 'https://id.example.org/realms/abad/protocol/openid-connect/token'],
    ['https://tenant.auth0.com/authorize', undefined],
    ['https://id.example.org/oauth2/authorized', undefined],
  ])('%s → %s, as the deployment derives it', (authorize, token) => {
    expect(tokenEndpointFor(authorize)).toBe(token);
    expect(deployedTokenEndpointFor(authorize)).toBe(token);
  });
});
