import type { IncomingHttpHeaders } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * Content coding as CloudFront does it in front of the deployed site and API (a behavior with
 * `compress: true` and a cache policy that allows Brotli and gzip): Brotli when the client
 * takes it, else gzip; only text-like types, only bodies of at least 1,000 bytes (CloudFront's
 * lower bound), never a body that already has a coding. The local runtime compresses the API's
 * JSON per response (static-site.ts keeps compressed copies of the site's files instead).
 */
export type Coding = 'br' | 'gzip';

/** CloudFront compresses objects from 1,000 bytes; smaller ones gain nothing from it. */
export const MIN_COMPRESSIBLE_BYTES = 1_000;

const COMPRESSIBLE = /^(?:text\/|application\/(?:json|[\w.+-]+\+json|javascript|ecmascript|xml|wasm)|image\/svg\+xml|font\/(?:ttf|otf))/i;

export function isCompressibleType(contentType: string | undefined): boolean {
  return contentType !== undefined && COMPRESSIBLE.test(contentType);
}

/**
 * The coding to answer with for this `Accept-Encoding` (RFC 9110 §12.5.3): `br` if acceptable,
 * else `gzip` (or `x-gzip`), else none. `q=0` refuses a coding; `*` stands for any not named.
 */
export function negotiateCoding(acceptEncoding: string | string[] | undefined): Coding | undefined {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding;
  if (!header) return undefined;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    weights.set(name === 'x-gzip' ? 'gzip' : name, q === undefined ? 1 : Number(q));
  }
  const weight = (coding: Coding) => weights.get(coding) ?? weights.get('*') ?? 0;
  const br = weight('br');
  const gz = weight('gzip');
  if (br > 0 && br >= gz) return 'br';
  if (gz > 0) return 'gzip';
  return undefined;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Compresses a body. `effort: 'max'` for files compressed once and kept (Brotli 11, gzip 9);
 * `'fast'` for responses compressed as they are sent (Brotli 5, gzip 6: most of the gain for a
 * fraction of the time). Runs on libuv's thread pool, not the event loop.
 */
export function compress(body: Buffer, coding: Coding, effort: 'max' | 'fast'): Promise<Buffer> {
  if (coding === 'gzip') return gzipAsync(body, { level: effort === 'max' ? 9 : 6 });
  return brotli(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: effort === 'max' ? constants.BROTLI_MAX_QUALITY : 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
}

/** Adds `accept-encoding` to a response's `Vary` (keeping what is there). */
export function varyOnAcceptEncoding(headers: Record<string, string>): void {
  const vary = headers.vary;
  if (!vary) headers.vary = 'accept-encoding';
  else if (vary.trim() !== '*' && !/(^|,)\s*accept-encoding\s*(,|$)/i.test(vary)) headers.vary = `${vary}, accept-encoding`;
}

export function acceptEncodingOf(headers: IncomingHttpHeaders): string | undefined {
  return headers['accept-encoding'];
}
