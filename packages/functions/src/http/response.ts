import { withJalaliTwins } from '@abad/core/dates/jalali';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * JSON with money (bigint) as decimal strings, and every date beside its Jalali form
 * (`startDate` → `startDateJalali: "1399-01-01"`, `createdAt` → `createdAtJalali:
 * "1403-01-01 10:30"`, Tehran time): core/src/dates/jalali.ts names the fields, and the
 * response schemas (`withJalali`) describe the twins.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return withJalaliTwins(v as Record<string, unknown>);
    return v;
  });
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: toJson(body) };
}

export function noContent(): APIGatewayProxyStructuredResultV2 {
  return { statusCode: 204, headers: {} };
}

/** 201 with the new resource's location (and its version as ETag when it has one). */
export function created(location: string, body: object): APIGatewayProxyStructuredResultV2 {
  const version = 'version' in body && typeof body.version === 'number' ? body.version : undefined;
  return json(201, body, { location, ...(version === undefined ? {} : { etag: `"${version}"` }) });
}
