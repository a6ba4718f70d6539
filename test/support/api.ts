import { inject } from 'vitest';
import { loadIssuer } from '@abad/local/issuer';
import type { ProvinceCode, Role } from '@abad/core';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ApiRequest {
  method?: string;
  body?: unknown;
  /** Sent as is (for malformed bodies). */
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
}

/** A request to the running API over real HTTP. */
export async function api<T = any>(path: string, request: ApiRequest = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  let body: string | undefined = request.rawBody;
  if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(new URL(path, inject('apiUrl')), { method: request.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, headers: response.headers, body: type.includes('json') && text ? JSON.parse(text) : text };
}

let issuer: ReturnType<typeof loadIssuer> | undefined;

/** A token from the stack's own issuer. */
export async function tokenFor(
  role: Role,
  provinces: readonly ProvinceCode[] | '*',
  subject = `${role}-${Array.isArray(provinces) ? provinces.join('+') : 'all'}`,
): Promise<string> {
  issuer ??= loadIssuer(inject('dataDir'), inject('apiUrl'));
  return (await issuer).mintToken({ subject, role, provinces: provinces === '*' ? '*' : [...provinces] });
}
