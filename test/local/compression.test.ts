import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { negotiateCoding } from '@abad/local/compression';
import { createStaticSite, type SiteRequest } from '@abad/local/static-site';
import { DIST_DIR, ensureSiteBuilt } from '../../packages/web/scripts/build-site.ts';
import { send, type Reply } from './fixtures/http-client.ts';

/**
 * Compressed answers of the local runtime, as CloudFront sends the deployed ones: the site's
 * files in Brotli or gzip per Accept-Encoding, from copies made once; the API's JSON above
 * 1,000 bytes too; `Vary: Accept-Encoding`; ETags, 304s and HEAD still right.
 */
const base = () => inject('apiUrl');
let script: { path: string; bytes: Buffer };

beforeAll(() => {
  ensureSiteBuilt();
  const name = readdirSync(join(DIST_DIR, 'assets')).find((f) => /^index-.*\.js$/.test(f))!;
  script = { path: `/assets/${name}`, bytes: readFileSync(join(DIST_DIR, 'assets', name)) };
});

function decoded(reply: Reply): Buffer {
  const coding = reply.headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(reply.body);
  if (coding === 'gzip') return gunzipSync(reply.body);
  expect(coding).toBeUndefined();
  return reply.body;
}

describe('Accept-Encoding negotiation', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['identity', undefined],
    ['x-gzip', 'gzip'],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, coding) => {
    expect(negotiateCoding(header)).toBe(coding);
  });
});

describe('the site’s files', () => {
  it.each(['br', 'gzip'] as const)('in %s when asked, smaller, with Vary and an ETag of that coding; the same bytes once decoded', async (coding) => {
    const reply = await send(base(), 'GET', script.path, { headers: { 'accept-encoding': coding } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe(coding);
    expect(reply.headers.vary).toMatch(/accept-encoding/i);
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(reply.headers.etag).toMatch(new RegExp(`^"[\\w-]+-${coding}"$`));
    expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
    expect(reply.body.length).toBeLessThan(script.bytes.length / 3);
    expect(decoded(reply).equals(script.bytes)).toBe(true);
  });

  it('as they are without Accept-Encoding (still with Vary), and index.html too', async () => {
    const plain = await send(base(), 'GET', script.path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.equals(script.bytes)).toBe(true);
    const page = await send(base(), 'GET', '/', { headers: { 'accept-encoding': 'gzip', accept: 'text/html' } });
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(decoded(page).toString()).toContain('<html dir="rtl" lang="fa">');
  });

  it('never recompresses a font (woff2 is compressed already)', async () => {
    const font = readdirSync(join(DIST_DIR, 'assets')).find((f) => f.endsWith('.woff2'))!;
    const reply = await send(base(), 'GET', `/assets/${font}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('font/woff2');
    expect(reply.headers['content-encoding']).toBeUndefined();
  });

  it('HEAD: the headers of the GET, its Content-Length included, and no body', async () => {
    for (const coding of ['br', 'gzip', undefined]) {
      const headers = coding ? { 'accept-encoding': coding } : undefined;
      const get = await send(base(), 'GET', script.path, { headers });
      const head = await send(base(), 'HEAD', script.path, { headers });
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      for (const name of ['content-type', 'content-encoding', 'content-length', 'etag', 'vary', 'cache-control']) {
        expect(head.headers[name], `${coding} ${name}`).toBe(get.headers[name]);
      }
    }
  });

  it('If-None-Match: 304 without a body for the tag of any coding of the same content, 200 for another', async () => {
    const br = await send(base(), 'GET', script.path, { headers: { 'accept-encoding': 'br' } });
    const tag = br.headers.etag as string;
    for (const [ifNoneMatch, acceptEncoding] of [
      [tag, 'br'],
      [`W/${tag}`, 'br'],
      [tag, 'gzip'], // a cache holding the Brotli copy asks as gzip: the content is the same
      [`"other", ${tag.replace('-br"', '"')}`, ''],
      ['*', 'br'],
    ]) {
      const again = await send(base(), 'GET', script.path, { headers: { 'if-none-match': ifNoneMatch!, 'accept-encoding': acceptEncoding! } });
      expect(again.status, ifNoneMatch).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers['content-encoding']).toBeUndefined();
      expect(again.headers.etag).toMatch(/^"[\w-]+"$/);
      expect(again.headers.vary).toMatch(/accept-encoding/i);
    }
    const changed = await send(base(), 'GET', script.path, { headers: { 'if-none-match': '"not-this-file"', 'accept-encoding': 'br' } });
    expect(changed.status).toBe(200);
    expect(decoded(changed).equals(script.bytes)).toBe(true);
  });
});

describe('compressed once, kept while the file is unchanged', () => {
  const dir = mkdtempSync(join(tmpdir(), 'abad-site-'));
  const text = `${'آباد: آمار زندهٔ پروژه‌ها '.repeat(400)}\n`;
  const request = (headers: Record<string, string> = {}): SiteRequest => ({
    method: 'GET',
    path: '/assets/app.js',
    query: '',
    headers: { 'accept-encoding': 'br', ...headers },
    body: Buffer.alloc(0),
    remoteAddress: '127.0.0.1',
  });
  beforeAll(() => {
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers the same compressed bytes to every request, and compresses again only after the file changed', async () => {
    const file = join(dir, 'assets', 'app.js');
    writeFileSync(file, text);
    const site = createStaticSite({ dir });
    const first = (await site(request()))!;
    const second = (await site(request()))!;
    expect(first.headers['content-encoding']).toBe('br');
    expect(second.body).toBe(first.body); // the very same Buffer: nothing was compressed again
    expect(brotliDecompressSync(first.body).toString()).toBe(text);

    writeFileSync(file, `${text}// changed\n`);
    const later = new Date(statSync(file).mtimeMs + 5_000);
    utimesSync(file, later, later);
    const third = (await site(request()))!;
    expect(third.body).not.toBe(first.body);
    expect(brotliDecompressSync(third.body).toString()).toBe(`${text}// changed\n`);
    expect(third.headers.etag).not.toBe(first.headers.etag);
  });

  it('with compression and conditional GETs off (the benchmark’s baseline): the file as it is, never a 304', async () => {
    const site = createStaticSite({ dir, compression: false, conditionalGets: false });
    const reply = (await site(request({ 'if-none-match': '*' })))!;
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.headers.etag).toBeUndefined();
    expect(reply.body.toString()).toContain('آباد');
  });
});

describe('the API’s JSON', () => {
  it('above 1,000 bytes in Brotli or gzip, its strong ETag unchanged, and 304s as before', async () => {
    const plain = await send(base(), 'GET', '/provinces');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(10_000);
    for (const coding of ['br', 'gzip']) {
      const reply = await send(base(), 'GET', '/provinces', { headers: { 'accept-encoding': coding } });
      expect(reply.headers['content-encoding']).toBe(coding);
      expect(reply.headers.vary).toMatch(/accept-encoding/i);
      expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(reply.body.length).toBeLessThan(plain.body.length / 4);
      const figures = JSON.parse(decoded(reply).toString());
      expect(figures).toMatchObject({ provinces: expect.any(Array) });
      expect(reply.headers.etag).toMatch(/^"[\w-]{16,64}"$/);
      const again = await send(base(), 'GET', '/provinces', { headers: { 'accept-encoding': coding, 'if-none-match': reply.headers.etag as string } });
      if (again.status === 200) continue; // the figures moved meanwhile
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
    }
  });

  it('small answers and errors go as they are', async () => {
    const health = await send(base(), 'GET', '/health', { headers: { 'accept-encoding': 'br' } });
    expect(health.body.length).toBeLessThan(1_000);
    expect(health.headers['content-encoding']).toBeUndefined();
    const missing = await send(base(), 'GET', '/nowhere', { headers: { 'accept-encoding': 'br' } });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-encoding']).toBeUndefined();
  });
});
