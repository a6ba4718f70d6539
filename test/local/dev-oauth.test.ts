import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { createDevOAuth, s256 } from '@abad/local/dev-oauth';
import { loadIssuer } from '@abad/local/issuer';
import type { SiteRequest } from '@abad/local/static-site';
import { send, type Reply } from './fixtures/http-client.ts';

/**
 * The local runtime's development authorization server (`/dev/oauth2/authorize`,
 * `/dev/oauth2/token`; packages/local/src/dev-oauth.ts) over real HTTP: the authorization code
 * flow with PKCE as the pages' hosted sign-in uses it. A token only for the verifier of the
 * challenge, a code good once and briefly, for this machine only.
 */
const base = () => inject('apiUrl');
const host = () => new URL(base()).host;
const CLIENT = 'abad-web';
const redirectUri = () => `${base()}/`;

const newVerifier = () => randomBytes(32).toString('base64url');

async function authorize(verifier: string, query: Record<string, string> = {}): Promise<Reply> {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT,
    redirect_uri: redirectUri(),
    scope: 'openid',
    state: 'state-1',
    code_challenge: s256(verifier),
    code_challenge_method: 'S256',
    role: 'editor',
    provinces: 'IR-13',
    ...query,
  });
  return send(base(), 'GET', `/dev/oauth2/authorize?${params}`, { headers: { host: host() } });
}

async function codeFor(verifier: string): Promise<string> {
  const reply = await authorize(verifier);
  expect(reply.status).toBe(302);
  const location = new URL(reply.headers.location as string);
  expect(location.searchParams.get('state')).toBe('state-1');
  return location.searchParams.get('code')!;
}

function token(fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Reply> {
  const body = new URLSearchParams({ grant_type: 'authorization_code', client_id: CLIENT, redirect_uri: redirectUri(), ...fields }).toString();
  return send(base(), 'POST', '/dev/oauth2/token', { headers: { 'content-type': 'application/x-www-form-urlencoded', host: host(), ...headers }, body });
}

function expectNoToken(reply: Reply, error = 'invalid_grant'): void {
  expect(reply.status).toBeGreaterThanOrEqual(400);
  expect(reply.json()).toMatchObject({ error });
  expect(reply.text).not.toMatch(/eyJ/);
  expect(reply.headers['cache-control']).toBe('no-store');
}

describe('the development authorization server: code flow with PKCE', () => {
  it('the S256 challenge is RFC 7636’s (its appendix B example)', () => {
    expect(s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('approves the role asked for and sends a code back to the page; the verifier gets an ID token the API accepts', async () => {
    const verifier = newVerifier();
    const reply = await authorize(verifier);
    expect(reply.status).toBe(302);
    expect(reply.headers['cache-control']).toBe('no-store');
    const location = new URL(reply.headers.location as string);
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri());
    expect([...location.searchParams.keys()].sort()).toEqual(['code', 'state']);
    expect(location.hash).toBe('');
    const answer = await token({ code: location.searchParams.get('code')!, code_verifier: verifier });
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const { id_token, token_type, expires_in } = answer.json<{ id_token: string; token_type: string; expires_in: number }>();
    expect(token_type).toBe('Bearer');
    expect(expires_in).toBeGreaterThan(0);
    const claims = JSON.parse(Buffer.from(id_token.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ role: 'editor', provinces: 'IR-13', iss: base() });
    // The API's authorizer takes it: an editor of IR-13 reads its donations.
    const donations = await send(base(), 'GET', '/donations?province=IR-13', { headers: { authorization: `Bearer ${id_token}` } });
    expect(donations.status).toBe(200);
  });

  it('a wrong verifier gets no token, and spends the code', async () => {
    const verifier = newVerifier();
    const code = await codeFor(verifier);
    expectNoToken(await token({ code, code_verifier: newVerifier() }));
    expectNoToken(await token({ code, code_verifier: verifier })); // the right one, too late
  });

  it('a verifier that is not one (too short, or the challenge itself) gets no token', async () => {
    for (const wrong of ['short', s256(newVerifier())]) {
      const verifier = newVerifier();
      const code = await codeFor(verifier);
      expectNoToken(await token({ code, code_verifier: wrong }));
    }
    const code = await codeFor(newVerifier());
    expectNoToken(await token({ code })); // none at all
  });

  it('a code serves once', async () => {
    const verifier = newVerifier();
    const code = await codeFor(verifier);
    expect((await token({ code, code_verifier: verifier })).status).toBe(200);
    expectNoToken(await token({ code, code_verifier: verifier }));
  });

  it('a code is for the client and the page it was issued to', async () => {
    let verifier = newVerifier();
    expectNoToken(await token({ code: await codeFor(verifier), code_verifier: verifier, client_id: 'another-client' }));
    verifier = newVerifier();
    expectNoToken(await token({ code: await codeFor(verifier), code_verifier: verifier, redirect_uri: `${base()}/elsewhere` }));
    expectNoToken(await token({ code: 'made-up', code_verifier: newVerifier() }));
  });

  it('insists on PKCE with S256 and on response_type=code, and says so at the page', async () => {
    const verifier = newVerifier();
    for (const [query, error] of [
      [{ code_challenge_method: 'plain', code_challenge: verifier }, 'invalid_request'],
      [{ code_challenge: '' }, 'invalid_request'],
      [{ response_type: 'token' }, 'unsupported_response_type'], // the implicit flow
      [{ role: 'superuser' }, 'invalid_request'],
      [{ provinces: 'IR-99' }, 'invalid_request'],
    ] as const) {
      const reply = await authorize(verifier, query);
      expect(reply.status, JSON.stringify(query)).toBe(302);
      const location = new URL(reply.headers.location as string);
      expect(location.searchParams.get('error')).toBe(error);
      expect(location.searchParams.get('state')).toBe('state-1');
      expect(location.searchParams.has('code')).toBe(false);
    }
  });

  it('never sends a code to a page of another origin: a 400 page, no redirect', async () => {
    for (const uri of ['https://evil.example/', `http://127.0.0.1:${Number(new URL(base()).port) + 1}/`, 'not a url', `${base()}/#/x`]) {
      const reply = await authorize(newVerifier(), { redirect_uri: uri });
      expect(reply.status, uri).toBe(400);
      expect(reply.headers.location).toBeUndefined();
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    }
  });

  it('without a role, offers one link per role (all provinces)', async () => {
    const reply = await authorize(newVerifier(), { role: '' });
    expect(reply.status).toBe(200);
    for (const role of ['admin', 'editor', 'operator', 'viewer']) expect(reply.text).toContain(`role=${role}`);
  });

  it('answers only this machine by its own name: a foreign Host or Origin gets a 403 and no code or token', async () => {
    const verifier = newVerifier();
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT,
      redirect_uri: redirectUri(),
      code_challenge: s256(verifier),
      code_challenge_method: 'S256',
      role: 'admin',
    });
    const foreign = await send(base(), 'GET', `/dev/oauth2/authorize?${params}`, { headers: { host: 'evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.location).toBeUndefined();
    const code = await codeFor(verifier);
    expectNoToken(await token({ code, code_verifier: verifier }, { host: 'evil.example' }), 'access_denied');
    expectNoToken(await token({ code, code_verifier: verifier }, { origin: 'http://evil.example' }), 'access_denied');
    // Refused before the code was looked at: it still works from this origin.
    expect((await token({ code, code_verifier: verifier }, { origin: new URL(base()).origin })).status).toBe(200);
  });

  it('takes the token request only form-encoded, and only the authorization_code grant', async () => {
    const verifier = newVerifier();
    const code = await codeFor(verifier);
    const asJson = await send(base(), 'POST', '/dev/oauth2/token', {
      headers: { 'content-type': 'application/json', host: host() },
      body: JSON.stringify({ grant_type: 'authorization_code', code, code_verifier: verifier }),
    });
    expectNoToken(asJson, 'invalid_request');
    expectNoToken(await token({ grant_type: 'password', code, code_verifier: verifier }), 'unsupported_grant_type');
  });

  it('a code expires (60 s by default)', async () => {
    let now = 1_000_000;
    const issuer = await loadIssuer(inject('dataDir'), base());
    const server = createDevOAuth(issuer, { now: () => now });
    const request = (method: string, path: string, query: string, body = ''): SiteRequest => ({
      method,
      path,
      query,
      headers: { host: host(), 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from(body),
      remoteAddress: '127.0.0.1',
    });
    const exchange = async (advanceMs: number) => {
      const verifier = newVerifier();
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: CLIENT,
        redirect_uri: redirectUri(),
        code_challenge: s256(verifier),
        code_challenge_method: 'S256',
        role: 'viewer',
      });
      const redirect = (await server.handle(request('GET', '/dev/oauth2/authorize', query.toString())))!;
      const code = new URL(redirect.headers.location!).searchParams.get('code')!;
      now += advanceMs;
      const form = new URLSearchParams({ grant_type: 'authorization_code', client_id: CLIENT, redirect_uri: redirectUri(), code, code_verifier: verifier });
      return (await server.handle(request('POST', '/dev/oauth2/token', '', form.toString())))!;
    };
    expect((await exchange(59_000)).statusCode).toBe(200);
    const late = await exchange(60_000);
    expect(late.statusCode).toBe(400);
    expect(JSON.parse(late.body.toString())).toMatchObject({ error: 'invalid_grant' });
  });
});

// A sanity check of the helper against Node's own hash, so the RFC example above is not the only witness.
it('s256 is base64url(SHA-256(verifier))', () => {
  const verifier = newVerifier();
  expect(s256(verifier)).toBe(createHash('sha256').update(verifier).digest('base64url'));
});
