import type { DomainError, DomainErrorKind, FieldProblem, Language } from '@abad/core';
import { ruleMessage } from '@abad/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * RFC 9457 problem details. Every error the API returns is one of these types; the `type`
 * URIs are stable identifiers (relative, resolved against the API's own URL).
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldProblem[];
}

export const PROBLEM_TYPES = {
  validation: { status: 422, title: 'Invalid request' },
  'malformed-json': { status: 400, title: 'Malformed JSON' },
  'bad-request': { status: 400, title: 'Bad request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not found' },
  'already-exists': { status: 409, title: 'Already exists' },
  conflict: { status: 409, title: 'Conflict' },
  'version-mismatch': { status: 412, title: 'Precondition failed' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key reused with another body' },
  'precondition-required': { status: 428, title: 'Precondition required' },
  'invalid-cursor': { status: 400, title: 'Invalid cursor' },
  internal: { status: 500, title: 'Internal error' },
} as const;
export type ProblemType = keyof typeof PROBLEM_TYPES;

const DOMAIN_TO_PROBLEM: Record<DomainErrorKind, ProblemType> = {
  validation: 'validation',
  'not-found': 'not-found',
  'already-exists': 'already-exists',
  conflict: 'conflict',
  'version-mismatch': 'version-mismatch',
  forbidden: 'forbidden',
  'invalid-cursor': 'invalid-cursor',
  'idempotency-key-reused': 'idempotency-key-reused',
};

/** An error raised by the HTTP layer itself (before core is called). */
export class HttpProblem extends Error {
  constructor(
    readonly problemType: ProblemType,
    detail: string,
    readonly errors?: FieldProblem[],
  ) {
    super(detail);
  }
}

export function problem(type: ProblemType, detail: string, errors?: FieldProblem[]): Problem {
  const { status, title } = PROBLEM_TYPES[type];
  return { type: `/problems/${type}`, title, status, detail, ...(errors?.length ? { errors } : {}) };
}

export function problemFromDomainError(error: DomainError, language: Language): Problem {
  const errors = 'problems' in error ? (error.problems as FieldProblem[]).map((p) => localize(p, language)) : undefined;
  return problem(DOMAIN_TO_PROBLEM[error.kind], error.message, errors);
}

/** Rules raised outside a schema were written in English; say them in the reader's language. */
function localize(problem: FieldProblem, language: Language): FieldProblem {
  // Only a rule raised outside a schema is still in English here; a schema's message is already
  // in the reader's language with its parameters filled in (re-saying it by key would lose them).
  const untranslated = problem.rule !== undefined && problem.message === ruleMessage(problem.rule, 'en', problem.params);
  const { params: _params, ...shown } = problem;
  return untranslated && language !== 'en' ? { ...shown, message: ruleMessage(problem.rule!, language, problem.params) } : shown;
}

export function problemResponse(p: Problem, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: p.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    body: JSON.stringify(p),
  };
}
