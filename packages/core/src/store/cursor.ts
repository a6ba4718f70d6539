import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError } from '../errors.ts';

/**
 * Opaque pagination cursors: the DynamoDB position plus a fingerprint of the query, signed
 * with a server secret. A cursor cannot be edited, nor used with another query.
 */
export function encodeCursor(secret: string, query: unknown, position: Record<string, unknown>): string {
  const payload = Buffer.from(JSON.stringify({ q: fingerprint(query), p: position })).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

export function decodeCursor(secret: string, query: unknown, cursor: string): Record<string, unknown> {
  const [payload, signature, ...rest] = cursor.split('.');
  if (!payload || !signature || rest.length || cursor.length > 4096) throw new InvalidCursorError();
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new InvalidCursorError();
  const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { q?: string; p?: Record<string, unknown> };
  if (parsed.q !== fingerprint(query) || typeof parsed.p !== 'object' || parsed.p === null) throw new InvalidCursorError();
  return parsed.p;
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

function fingerprint(query: unknown): string {
  return createHmac('sha256', 'abad-query').update(JSON.stringify(query)).digest('base64url').slice(0, 16);
}
