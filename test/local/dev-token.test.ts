import { describe, expect, inject, it } from 'vitest';
import { send, type Reply } from './fixtures/http-client.ts';

/**
 * `POST /dev/token` (development sign-in, local runtime only) over real HTTP: it must answer
 * only requests that name this machine. A page on evil.example whose DNS name was re-pointed
 * at 127.0.0.1 (DNS rebinding) reaches the port from the developer's browser, but its requests
 * carry `Host: evil.example`; a foreign or malformed Origin is refused too — never a token.
 */
const base = () => inject('apiUrl');
const port = () => new URL(base()).port;
const BODY = JSON.stringify({ role: 'admin', provinces: '*' });

function devToken(headers: Record<string, string>): Promise<Reply> {
  return send(base(), 'POST', '/dev/token', { headers: { 'content-type': 'application/json', ...headers }, body: BODY });
}

function expectRefused(reply: Reply, status = 403): void {
  expect(reply.status).toBe(status);
  expect(reply.headers['content-type']).toBe('application/problem+json');
  expect(reply.json()).toMatchObject({ type: '/problems/dev-sign-in', status });
  expect(reply.text).not.toMatch(/"token"/);
}

describe('POST /dev/token and the Host and Origin headers', () => {
  it.each(['evil.example', 'evil.example:80', 'localhost.evil.example', '127.0.0.1.nip.io', '192.168.1.10'])('refuses Host: %s with 403', async (host) => {
    expectRefused(await devToken({ host }));
    expectRefused(await devToken({ host: host.includes(':') ? host : `${host}:${port()}` }));
  });

  it('says why in Persian for Accept-Language: fa, and in English otherwise', async () => {
    const fa = await devToken({ host: 'evil.example', 'accept-language': 'fa-IR,fa;q=0.9,en;q=0.5' });
    expectRefused(fa);
    expect(fa.json<{ detail: string }>().detail).toMatch(/^[\u0600-\u06FF]/);
    const en = await devToken({ host: 'evil.example', 'accept-language': 'en' });
    expect(en.json<{ detail: string }>().detail).toMatch(/Host/);
  });

  it.each(['localhost', '127.0.0.1', '127.0.0.2', '[::1]', 'LocalHost'])('answers a token for Host: %s, with or without the port', async (host) => {
    for (const value of [host, `${host}:${port()}`]) {
      const reply = await devToken({ host: value });
      expect(reply.status, value).toBe(200);
      expect(reply.json()).toMatchObject({ role: 'admin', provinces: '*', token: expect.any(String) });
    }
  });

  it('refuses a malformed Origin with a 4xx problem, not a 500', async () => {
    for (const origin of ['not a url', 'http://', 'http://localhost:99999']) {
      expectRefused(await devToken({ host: `localhost:${port()}`, origin }));
    }
  });

  it('refuses an Origin that is not this loopback origin', async () => {
    const host = `localhost:${port()}`;
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${port()}`,
      `http://127.0.0.1:${Number(port()) + 1}`,
      `file://${host}`,
      `http://${host}/path`,
    ]) {
      expectRefused(await devToken({ host, origin }));
    }
  });

  it("answers this origin's own pages: the same loopback Origin, or `null` (their Referrer-Policy is no-referrer)", async () => {
    for (const host of [`localhost:${port()}`, `127.0.0.1:${port()}`]) {
      expect((await devToken({ host, origin: `http://${host}` })).status).toBe(200);
      expect((await devToken({ host, origin: 'null' })).status).toBe(200);
    }
  });
});
