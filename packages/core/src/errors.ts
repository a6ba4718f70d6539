/**
 * The domain's error types. The HTTP layer maps each to one problem+json type and status;
 * core never speaks HTTP.
 */

export interface FieldProblem {
  /** Dotted path of the failing field, e.g. `donor.phone` or `items.0.quantity`. */
  field: string;
  message: string;
  /** For the project's own rules: the message key, so the HTTP layer can say it in the reader's language. */
  rule?: string;
  /** What the rule's message names (the suggestions of an unknown county…). */
  params?: Record<string, unknown>;
}

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export type DomainErrorKind =
  | 'validation'
  | 'not-found'
  | 'already-exists'
  | 'conflict'
  | 'version-mismatch'
  | 'forbidden'
  | 'invalid-cursor'
  | 'idempotency-key-reused';

/** Input that fails a schema or a cross-field rule; lists every failing field. */
export class ValidationError extends DomainError {
  readonly kind = 'validation';
  constructor(
    readonly problems: FieldProblem[],
    message = 'The request has invalid fields',
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} was not found`);
  }
}

export class AlreadyExistsError extends DomainError {
  readonly kind = 'already-exists';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} already exists`);
  }
}

/** The request is valid but the entity's state does not allow it (e.g. progress on a cancelled project). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

/** Optimistic locking: the caller's `version` is not the stored one. */
export class VersionMismatchError extends DomainError {
  readonly kind = 'version-mismatch';
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly expected: number,
  ) {
    super(`${entity} ${id} is no longer at version ${expected}`);
  }
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

export class InvalidCursorError extends DomainError {
  readonly kind = 'invalid-cursor';
  constructor() {
    super('The cursor is not valid for this query');
  }
}

/** An `Idempotency-Key` already used by this caller on this route for another request. */
export class IdempotencyKeyReusedError extends DomainError {
  readonly kind = 'idempotency-key-reused';
  readonly problems: FieldProblem[] = [
    { field: 'Idempotency-Key', rule: 'idempotencyKeyReused', message: 'This Idempotency-Key was already used with another request' },
  ];
  constructor() {
    super('This Idempotency-Key was used with another request body');
  }
}
