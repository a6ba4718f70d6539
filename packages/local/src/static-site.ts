import { readFile, stat } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import type { HttpResponse } from './api-gateway-response.ts';
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
 * DEVELOPMENT SIGN-IN, LOCAL RUNTIME ONLY: `POST /dev/token` is answered here too (see
 * dev-sign-in.ts); the deployed API has no such route — in AWS the pages sign in through the
 * identity provider's hosted sign-in.
 */
export const DEFAULT_SITE_DIR = join(REPO_ROOT, 'packages', 'web', 'dist');

export interface SiteRequest {
  method: string;
  /** The raw path, without the query string. */
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  remoteAddress: string | undefined;
}

/** Answers a request no API route matched, or undefined to leave it to the gateway's 404. */
export type SiteHandler = (request: SiteRequest) => Promise<HttpResponse | undefined>;

export interface StaticSiteOptions {
  /** The built site; packages/web/dist by default. */
  dir?: string;
  /** The local issuer: enables the development sign-in (`POST /dev/token`). */
  issuer?: Issuer;
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
const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

export function createStaticSite(options: StaticSiteOptions = {}): SiteHandler {
  const root = resolve(options.dir ?? DEFAULT_SITE_DIR);
  const { issuer } = options;

  return async (request) => {
    if (request.method === 'POST' && request.path === DEV_TOKEN_PATH && issuer) return devToken(issuer, request);
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;

    const relative = safeRelativePath(request.path);
    if (relative === undefined) return undefined;
    const wantsPage = relative === '' || relative === 'index.html' || (acceptsHtml(request.headers) && extname(relative) === '');

    const file = relative === '' ? join(root, 'index.html') : join(root, relative);
    const found = (await isFile(file)) ? file : wantsPage ? join(root, 'index.html') : undefined;
    if (!found) return undefined;

    let body: Buffer;
    try {
      body = await readFile(found);
    } catch {
      return wantsPage ? notBuilt(root) : undefined;
    }
    const type = CONTENT_TYPES[extname(found)] ?? 'application/octet-stream';
    const hashed = relative.startsWith('assets/'); // Vite names them by content hash
    return {
      statusCode: 200,
      headers: {
        'content-type': type,
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...(type.startsWith('text/html') ? PAGE_HEADERS : { 'x-content-type-options': 'nosniff' }),
      },
      cookies: [],
      body: request.method === 'HEAD' ? Buffer.alloc(0) : body,
    };
  };
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

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
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
