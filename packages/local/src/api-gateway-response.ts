/**
 * Turns what a handler returned into the HTTP response API Gateway (payload 2.0) would send.
 * A result with `statusCode` is used as given; anything else is inferred: 200, JSON, the
 * value as the body (a string as is, other values serialized). A malformed structured
 * result is a 500 in AWS, and here too, with the reason for the log.
 */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

export type Conversion = { ok: true; response: HttpResponse } | { ok: false; reason: string };

export function fromResultV2(result: unknown): Conversion {
  if (typeof result !== 'object' || result === null || Array.isArray(result) || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : (JSON.stringify(result ?? null) ?? 'null');
    return ok(200, { 'content-type': 'application/json' }, [], Buffer.from(body, 'utf8'));
  }
  const { statusCode, headers = {}, cookies = [], body, isBase64Encoded } = result as Record<string, unknown>;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return { ok: false, reason: `statusCode ${String(statusCode)} is not an HTTP status` };
  }
  if (typeof headers !== 'object' || headers === null) return { ok: false, reason: 'headers is not an object' };
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) return { ok: false, reason: `header ${name} is not a scalar` };
    flat[name.toLowerCase()] = String(value);
  }
  if (!Array.isArray(cookies) || !cookies.every((c) => typeof c === 'string')) return { ok: false, reason: 'cookies is not a string array' };
  if (body !== undefined && body !== null && typeof body !== 'string') return { ok: false, reason: 'body is not a string' };
  const bytes = Buffer.from(body ?? '', isBase64Encoded === true ? 'base64' : 'utf8');
  return ok(statusCode, flat, cookies as string[], bytes);
}

function ok(statusCode: number, headers: Record<string, string>, cookies: string[], body: Buffer): Conversion {
  return { ok: true, response: { statusCode, headers, cookies, body } };
}

/** API Gateway's own error bodies, byte for byte, for the responses it produces itself. */
export function gatewayError(statusCode: number, message: string): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    cookies: [],
    body: Buffer.from(JSON.stringify({ message })),
  };
}
