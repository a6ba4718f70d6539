import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type LocalRoute } from '@abad/local/http-adapter';
import { loadIssuer, type Issuer } from '@abad/local/issuer';
import type { HttpHandler } from '@abad/local/routes';
import * as handlers from './fixtures/handlers.ts';
import { send } from './fixtures/http-client.ts';

const routes: LocalRoute[] = [
  { method: 'GET', path: '/echo/{id}', handler: 'echo', auth: 'public' },
  { method: 'GET', path: '/echo/special', handler: 'plain', auth: 'public' },
  { method: 'POST', path: '/secure/{id}', handler: 'echo', auth: 'jwt' },
  { method: 'POST', path: '/echo', handler: 'echo', auth: 'public' },
  { method: 'GET', path: '/files/{path+}', handler: 'echo', auth: 'public' },
  { method: 'GET', path: '/plain', handler: 'plain', auth: 'public' },
  { method: 'GET', path: '/text', handler: 'text', auth: 'public' },
  { method: 'GET', path: '/binary', handler: 'binary', auth: 'public' },
  { method: 'PUT', path: '/size', handler: 'size', auth: 'public' },
  { method: 'GET', path: '/boom', handler: 'boom', auth: 'public' },
  { method: 'GET', path: '/malformed', handler: 'malformed', auth: 'public' },
  { method: 'GET', path: '/slow', handler: 'slow', auth: 'public' },
];

const dataDir = mkdtempSync(join(tmpdir(), 'abad-http-'));
let server: Server;
let base: string;
let issuer: Issuer;
let calls = 0;

beforeAll(async () => {
  issuer = await loadIssuer(dataDir, 'http://localhost:3000');
  const loadHandler = async (route: LocalRoute): Promise<HttpHandler> => {
    calls++;
    return (handlers as Record<string, HttpHandler>)[route.handler]!;
  };
  server = createHttpServer({ routes, loadHandler, issuer, timeoutMs: 500 });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dataDir, { recursive: true, force: true });
});

interface Echo {
  event: APIGatewayProxyEventV2WithJWTAuthorizer;
  context: { awsRequestId: string; functionName: string; invokedFunctionArn: string; remaining: number };
}

describe('HTTP adapter: request → API Gateway v2 event', () => {
  it('maps a public GET: route key, path and query parameters, headers, cookies, no body, no claims', async () => {
    const reply = await send(base, 'GET', '/echo/%D8%A2%D8%A8?a=1&a=2&b=x%20y&empty=', {
      headers: { 'X-Multi': ['one', 'two'], Cookie: 'a=1; b=2', 'User-Agent': 'vitest' },
    });
    expect(reply.status).toBe(200);
    const { event, context } = reply.json<Echo>();
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /echo/{id}',
      rawPath: '/echo/آب',
      rawQueryString: 'a=1&a=2&b=x%20y&empty=',
      queryStringParameters: { a: '1,2', b: 'x y', empty: '' },
      pathParameters: { id: 'آب' },
      cookies: ['a=1', 'b=2'],
      isBase64Encoded: false,
    });
    expect(event.body).toBeUndefined();
    expect(event.headers).toMatchObject({ 'x-multi': 'one,two', 'user-agent': 'vitest', 'x-forwarded-proto': 'http' });
    expect(event.headers).not.toHaveProperty('cookie');
    expect(Object.keys(event.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(event.requestContext).toMatchObject({
      accountId: expect.any(String),
      apiId: expect.any(String),
      domainName: '127.0.0.1',
      http: { method: 'GET', path: '/echo/آب', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      routeKey: 'GET /echo/{id}',
      stage: '$default',
    });
    expect(event.requestContext.time).toMatch(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(5_000);
    expect(event.requestContext.authorizer).toBeUndefined();
    expect(reply.headers['apigw-requestid']).toBe(event.requestContext.requestId);
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.functionName).toBe('abad-local-echo');
    expect(context.remaining).toBeGreaterThan(0);
    expect(context.remaining).toBeLessThanOrEqual(500);
  });

  it('leaves out query, cookies and path parameters when there are none', async () => {
    const { event } = (await send(base, 'POST', '/echo', { headers: { 'content-type': 'application/json' }, body: '{"a":1}' })).json<Echo>();
    expect(event.rawQueryString).toBe('');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('pathParameters');
    expect(event).toMatchObject({ routeKey: 'POST /echo', body: '{"a":1}', isBase64Encoded: false });
  });

  it.each([
    ['application/json; charset=utf-8', false],
    ['text/plain', false],
    ['application/xml', false],
    ['application/octet-stream', true],
    ['application/x-www-form-urlencoded', true],
    [undefined, true],
  ])('content-type %s → isBase64Encoded %s', async (contentType, base64) => {
    const bytes = Buffer.from('سلام {"x":1}', 'utf8');
    const headers = contentType ? { 'content-type': contentType } : undefined;
    const { event } = (await send(base, 'POST', '/echo', { headers, body: bytes })).json<Echo>();
    expect(event.isBase64Encoded).toBe(base64);
    expect(Buffer.from(event.body ?? '', base64 ? 'base64' : 'utf8')).toEqual(bytes);
  });

  it('prefers literal segments, and a greedy parameter takes the rest of the path', async () => {
    expect((await send(base, 'GET', '/echo/special')).json()).toEqual({ hello: 'world', n: 1 });
    const { event } = (await send(base, 'GET', '/files/a/b/c.txt')).json<Echo>();
    expect(event).toMatchObject({ routeKey: 'GET /files/{path+}', pathParameters: { path: 'a/b/c.txt' } });
  });
});

describe('HTTP adapter: the JWT authorizer', () => {
  it('passes verified claims, as strings, only on jwt routes', async () => {
    const token = await issuer.mintToken({ role: 'editor', provinces: 'IR-13,IR-19', subject: 'maryam' });
    const reply = await send(base, 'POST', '/secure/7', { headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(reply.status).toBe(200);
    const { event } = reply.json<Echo>();
    expect(event.requestContext.authorizer.jwt.scopes).toBeNull();
    const claims = event.requestContext.authorizer.jwt.claims;
    expect(claims).toMatchObject({ role: 'editor', provinces: 'IR-13,IR-19', sub: 'maryam', aud: 'abad', iss: 'http://localhost:3000' });
    expect(claims.exp).toMatch(/^\d+$/); // API Gateway hands numbers over as text
    expect(event.headers.authorization).toBe(`Bearer ${token}`);
  });

  it.each([
    ['no header', undefined],
    ['an empty bearer', 'Bearer '],
    ['garbage', 'Bearer not.a.token'],
  ])('answers 401 without calling the handler for %s', async (_, authorization) => {
    const before = calls;
    const reply = await send(base, 'POST', '/secure/7', { headers: authorization ? { authorization } : {} });
    expect(reply.status).toBe(401);
    expect(reply.text).toBe('{"message":"Unauthorized"}');
    expect(reply.headers['content-type']).toBe('application/json');
    expect(calls).toBe(before);
  });

  it('answers 401 for a token signed by another key', async () => {
    const stranger = await loadIssuer(join(dataDir, 'stranger'), 'http://localhost:3000');
    const token = await stranger.mintToken({ role: 'admin', provinces: '*' });
    expect((await send(base, 'POST', '/secure/7', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('serves the JWKS and the OpenID configuration', async () => {
    expect((await send(base, 'GET', '/.well-known/jwks.json')).json()).toEqual(issuer.jwks());
    expect((await send(base, 'GET', '/.well-known/openid-configuration')).json()).toMatchObject({
      issuer: 'http://localhost:3000',
      jwks_uri: 'http://localhost:3000/.well-known/jwks.json',
    });
  });
});

describe('HTTP adapter: gateway errors', () => {
  it.each([
    ['GET', '/nowhere'],
    ['DELETE', '/echo/1'], // known path, unknown method
    ['GET', '/echo/1/extra'],
    ['GET', '/echo/'], // an empty segment is no parameter
  ])('404 for %s %s', async (method, path) => {
    const reply = await send(base, method, path);
    expect(reply.status).toBe(404);
    expect(reply.text).toBe('{"message":"Not Found"}');
  });

  it('413 for a body over 10 MB, without calling the handler; 10 MB exactly passes', async () => {
    const limit = 10 * 1024 * 1024;
    const before = calls;
    const tooBig = await send(base, 'PUT', '/size', { headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(limit + 1) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.text).toBe('{"message":"Request Entity Too Large"}');
    expect(calls).toBe(before);
    const fits = await send(base, 'PUT', '/size', { headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(limit) });
    expect(fits.text).toBe(String(limit));
  });

  it('500 when the handler throws or returns a malformed response; 503 when it is too slow', async () => {
    expect((await send(base, 'GET', '/boom')).text).toBe('{"message":"Internal Server Error"}');
    expect((await send(base, 'GET', '/malformed')).status).toBe(500);
    const slow = await send(base, 'GET', '/slow');
    expect(slow.status).toBe(503);
    expect(slow.text).toBe('{"message":"Service Unavailable"}');
  });
});

describe('HTTP adapter: handler result → response', () => {
  it('writes status, headers, one set-cookie per cookie and a decoded base64 body', async () => {
    const reply = await send(base, 'GET', '/binary');
    expect(reply.status).toBe(201);
    expect(reply.headers['content-type']).toBe('application/octet-stream');
    expect(reply.headers['x-count']).toBe('3');
    expect(reply.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect([...reply.body]).toEqual([0, 1, 2, 255]);
  });

  it('infers 200 JSON for a result without statusCode', async () => {
    const object = await send(base, 'GET', '/plain');
    expect(object.status).toBe(200);
    expect(object.headers['content-type']).toBe('application/json');
    expect(object.json()).toEqual({ hello: 'world', n: 1 });
    const text = await send(base, 'GET', '/text');
    expect([text.status, text.text]).toEqual([200, 'just a string']);
  });
});
