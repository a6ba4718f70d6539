import { entityId, principalFromClaims, type Language, type Principal } from '@abad/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { HttpProblem } from './problem.ts';

/** The API Gateway HTTP API v2 event, with the JWT authorizer's claims on protected routes. */
export type HttpEvent = APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer;

/** The caller, from the claims the JWT authorizer verified (API Gateway in AWS, the local runtime here). */
export function principalOf(event: HttpEvent): Principal | undefined {
  const authorizer = 'authorizer' in event.requestContext ? event.requestContext.authorizer : undefined;
  const claims = authorizer && 'jwt' in authorizer ? (authorizer.jwt?.claims as Record<string, unknown> | undefined) : undefined;
  return principalFromClaims(claims);
}

/** `Accept-Language: fa…` gets Persian messages; anything else English. */
export function languageOf(event: Pick<HttpEvent, 'headers'>): Language {
  const header = event.headers?.['accept-language'] ?? '';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('fa') ? 'fa' : 'en';
}

/** `If-Match: "3"` (or 3, or W/"3") → 3. Missing is 428; not a version is 412 (it cannot match). */
export function expectedVersionOf(event: HttpEvent, required = true): number | undefined {
  const header = event.headers?.['if-match'];
  if (header === undefined || header.trim() === '') {
    if (!required) return undefined;
    throw new HttpProblem('precondition-required', 'Send If-Match with the version you read (the ETag of the GET)', [
      { field: 'If-Match', message: 'Required' },
    ]);
  }
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new HttpProblem('version-mismatch', 'If-Match does not name a version of this resource', [
      { field: 'If-Match', message: 'Expected a version such as "3"' },
    ]);
  }
  return Number(match[1]);
}

/**
 * The `{id}` of the path, checked before any read: what is not an id (a ULID) names nothing, so
 * it is 404 like an unknown id — and never reaches DynamoDB, where an oversized key is a 5xx.
 */
export function pathId(event: HttpEvent): string {
  const id = event.pathParameters?.id;
  if (!id || !entityId.safeParse(id).success) throw new HttpProblem('not-found', 'Nothing has this id');
  return id;
}

/** An ETag for a versioned entity. */
export function etag(version: number): string {
  return `"${version}"`;
}
