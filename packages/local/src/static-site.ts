import { contentSecurityPolicy } from '../../web/content-security-policy.ts';
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import type { HttpResponse } from './api-gateway-response.ts';
import { type Coding, compress, isCompressibleType, MIN_COMPRESSIBLE_BYTES, negotiateCoding, varyOnAcceptEncoding } from './compression.ts';
import { createDevOAuth, DEV_OAUTH_PREFIX } from './dev-oauth.ts';
import { DEV_TOKEN_PATH, devToken } from './dev-sign-in.ts';
import type { Issuer } from './issuer.ts';
import { REPO_ROOT } from './paths.ts';

/**
 * The web pages on the API's own port: `npm start` serves packages/web/dist (built by
 * `npm run build -w @abad/web`) for GET and HEAD requests that match no API route — `/`,
 * `/assets/*`, `/LICENSES.txt` — and `index.html` for a browser navigation to any other
 * path. The pages route with the hash (`#/province/IR-13`), so no page path competes with an
 * API path. Requests that are not page loads (an API client's GET of an unknown path) keep
 * API Gateway's JSON 404.
 *
 * Each file goes Brotli- or gzip-compressed when the client takes it (`Vary: Accept-Encoding`),
 * from copies made once and kept in memory, as CloudFront sends the deployed site; each has an
 * ETag (its content's hash, per coding) and `If-None-Match` gets a 304; a HEAD gets the GET's
 * headers.
 *
 * DEVELOPMENT SIGN-IN, LOCAL RUNTIME ONLY: `POST /dev/token` (dev-sign-in.ts) and a small
 * OAuth 2 authorization server with PKCE, `/dev/oauth2/authorize` and `/dev/oauth2/token`
 * (dev-oauth.ts), are answered here too, for this machine only; the deployed API has no such
 * routes — in AWS the pages sign in through the identity provider's hosted sign-in.
 */
export const DEFAULT_SITE_DIR = join(REPO_ROOT, 'packages', 'web', 'dist');

export interface SiteRequest {
  method: string;
  /** The raw path, without the query string. */
  path: string;
  /** The raw query string, without `?`. */
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  remoteAddress: string | undefined;
}

/** Answers a request no API route matched, or undefined to leave it to the gateway's 404. */
export type SiteHandler = (request: SiteRequest) => Promise<HttpResponse | undefined>;

export interface StaticSiteOptions {
  /** The built site; packages/web/dist by default. */
  dir?: string;
  /** The local issuer: enables the development sign-in (`POST /dev/token`, `/dev/oauth2/*`). */
  issuer?: Issuer;
  /** Brotli or gzip per `Accept-Encoding` (default true); false serves every file as it is (the benchmark's baseline). */
  compression?: boolean;
  /** ETags and 304s for `If-None-Match` (default true); false always answers the whole file (the benchmark's baseline). */
  conditionalGets?: boolean;
  /** How long a code of the development authorization server is good for (default 60 s). */
  oauthCodeLifetimeMs?: number;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.webmanifest': 'application/manifest+json',
};

/** The pages load only their own scripts, styles and fonts, and talk only to this origin. */
export const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy': contentSecurityPolicy(),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * A file of the site as last read, with its validator and its compressed copies, each made once
 * (Brotli 11, gzip 9) and kept while the file is unchanged (same size and mtime): no request
 * compresses a file again. A rebuild of the site while it is served is picked up on the next
 * request.
 */
interface SiteFile {
  mtimeMs: number;
  size: number;
  body: Buffer;
  /** The content's hash; the ETag of each coding is derived from it. */
  hash: string;
  /** Undefined when compressing does not make it smaller. */
  coded: Partial<Record<Coding, Promise<Buffer | undefined>>>;
}

export function createStaticSite(options: StaticSiteOptions = {}): SiteHandler {
  const root = resolve(options.dir ?? DEFAULT_SITE_DIR);
  const { issuer } = options;
  const compression = options.compression !== false;
  const conditionalGets = options.conditionalGets !== false;
  const oauth = issuer ? createDevOAuth(issuer, { codeLifetimeMs: options.oauthCodeLifetimeMs }) : undefined;
  const files = new Map<string, Promise<SiteFile>>();

  async function load(path: string, stats: Stats): Promise<SiteFile> {
    const known = files.get(path);
    if (known) {
      const file = await known.catch(() => undefined);
      if (file && file.mtimeMs === stats.mtimeMs && file.size === stats.size) return file;
    }
    const loading = readFile(path).then((body) => ({
      mtimeMs: stats.mtimeMs,
      size: stats.size,
      body,
      hash: createHash('sha256').update(body).digest('base64url').slice(0, 22),
      coded: {},
    }));
    files.set(path, loading);
    loading.catch(() => files.delete(path));
    return loading;
  }

  function coded(file: SiteFile, coding: Coding): Promise<Buffer | undefined> {
    return (file.coded[coding] ??= compress(file.body, coding, 'max').then((out) => (out.length < file.body.length ? out : undefined)));
  }

  // Compress what the pages load at once, in the background: the first visitor waits for none of it.
  if (compression)
    void warm(root, async (path, stats) => {
      if (!isCompressibleType(CONTENT_TYPES[extname(path)]) || stats.size < MIN_COMPRESSIBLE_BYTES) return;
      const file = await load(path, stats);
      await coded(file, 'br');
      await coded(file, 'gzip');
    });

  return async (request) => {
    if (request.path.startsWith(DEV_OAUTH_PREFIX) && oauth) return oauth.handle(request);
    if (request.method === 'POST' && request.path === DEV_TOKEN_PATH && issuer) return devToken(issuer, request);
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;

    const relative = safeRelativePath(request.path);
    if (relative === undefined) return undefined;
    const wantsPage = relative === '' || relative === 'index.html' || (acceptsHtml(request.headers) && extname(relative) === '');

    const requested = relative === '' ? join(root, 'index.html') : join(root, relative);
    let path = requested;
    let stats = await fileStats(requested);
    if (!stats && wantsPage) stats = await fileStats((path = join(root, 'index.html')));
    if (!stats) return wantsPage ? notBuilt(root) : undefined;

    let file: SiteFile;
    try {
      file = await load(path, stats);
    } catch {
      return wantsPage ? notBuilt(root) : undefined;
    }
    const type = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
    const hashed = relative.startsWith('assets/'); // Vite names them by content hash
    const compressible = compression && isCompressibleType(type) && file.body.length >= MIN_COMPRESSIBLE_BYTES;
    const coding = compressible ? negotiateCoding(request.headers['accept-encoding']) : undefined;
    const body = coding ? await coded(file, coding) : undefined;
    const headers: Record<string, string> = {
      'content-type': type,
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(type.startsWith('text/html') ? PAGE_HEADERS : { 'x-content-type-options': 'nosniff' }),
    };
    if (compressible) varyOnAcceptEncoding(headers);
    if (body) headers['content-encoding'] = coding!;
    if (conditionalGets) {
      // One tag per coding (a strong validator names one representation), the same content behind each.
      headers.etag = `"${file.hash}${body ? `-${coding}` : ''}"`;
      if (namesContent(request.headers['if-none-match'], file.hash)) {
        const { 'content-type': _type, 'content-encoding': _coding, ...kept } = headers;
        return { statusCode: 304, headers: kept, cookies: [], body: Buffer.alloc(0) };
      }
    }
    // A HEAD gets the headers of the GET, Content-Length included; the adapter sends no body.
    return { statusCode: 200, headers, cookies: [], body: body ?? file.body };
  };
}

/** `If-None-Match` (weak comparison, RFC 9110 §13.1.2) naming this content in any coding, or `*`. */
function namesContent(ifNoneMatch: string | undefined, hash: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((raw) => {
    const tag = raw.trim().replace(/^W\//, '');
    return tag === '*' || tag === `"${hash}"` || tag === `"${hash}-br"` || tag === `"${hash}-gzip"`;
  });
}

/** Calls `visit` for every file below `dir`, one at a time; errors (no site built yet) end the walk quietly. */
async function warm(dir: string, visit: (path: string, stats: Stats) => Promise<void>): Promise<void> {
  try {
    for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      const stats = await fileStats(path);
      if (stats) await visit(path, stats);
    }
  } catch {
    // Nothing to warm: requests compress on first use.
  }
}

/** The decoded path below the site root, or undefined for anything that could leave it. */
function safeRelativePath(rawPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.slice(1).split('/');
  if (segments.some((s) => s === '..' || s === '.' || (s === '' && segments.length > 1))) return undefined;
  return segments.join('/');
}

function acceptsHtml(headers: IncomingHttpHeaders): boolean {
  return (headers.accept ?? '').includes('text/html');
}

async function fileStats(path: string): Promise<Stats | undefined> {
  try {
    const stats = await stat(path);
    return stats.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}

function notBuilt(root: string): HttpResponse {
  const text = `<!doctype html><html dir="rtl" lang="fa"><meta charset="utf-8"><title>Abad</title><p>صفحه‌های وب هنوز ساخته نشده‌اند.</p><p lang="en" dir="ltr">The web pages are not built (${root.split(sep).slice(-3).join('/')} is missing): run <code>npm run build -w @abad/web</code>, or restart <code>npm start</code>, which builds them.</p></html>`;
  return {
    statusCode: 503,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...PAGE_HEADERS },
    cookies: [],
    body: Buffer.from(text),
  };
}
