import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpEvent } from './request.ts';
import { toJson } from './response.ts';

/** A JSON body with its strong validator: the body's hash, so the same figures have the same tag in every container. */
export interface Representation {
  body: string;
  etag: string;
}

export function representationOf(value: unknown): Representation {
  const body = toJson(value);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` };
}

/** Whether `If-None-Match` names this tag: weak comparison (RFC 9110 §13.1.2), `*` names any. */
export function noneMatchNames(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/**
 * 200 with the body, or 304 with none when the reader already has it (`If-None-Match`); both
 * with the ETag and how long a cache may keep the answer.
 */
export function conditionalJson(event: HttpEvent, representation: Representation, cacheControl: string): APIGatewayProxyStructuredResultV2 {
  const headers = { etag: representation.etag, 'cache-control': cacheControl };
  if (noneMatchNames(event.headers?.['if-none-match'], representation.etag)) return { statusCode: 304, headers };
  return { statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: representation.body };
}
