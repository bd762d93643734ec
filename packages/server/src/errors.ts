/** Domain errors thrown by services; graphql/errors.ts answers each one, over GraphQL and over HTTP. */

/**
 * What is wrong with one field, as a stable machine code a client can translate (docs/api.md lists
 * them; the `message` beside it is English for people and may change).
 */
export const FIELD_PROBLEM_CODES = [
  /** Something else is wrong; the message says what. The default when a service gives no code. */
  'INVALID',
  /** Missing, null or empty where a value is needed. */
  'REQUIRED',
  /** Text longer than allowed. */
  'TOO_LONG',
  /** Not in the expected form: an e-mail address, link, date, id, cursor, phone number, code, type. */
  'INVALID_FORMAT',
  /** Contains a character that cannot be stored (U+0000). */
  'INVALID_CHARACTER',
  /** Not one of the allowed values (an enum value, an order field). */
  'INVALID_CHOICE',
  /** A number or date outside the allowed range. */
  'OUT_OF_RANGE',
  /** The end of a range comes before its start. */
  'END_BEFORE_START',
  /** More items or results than allowed at once. */
  'TOO_MANY',
  /** Cannot be given together with another field. */
  'INVALID_COMBINATION',
  /** An id that names nothing you may see. */
  'NOT_FOUND_REFERENCE',
  /** Already used by another record. */
  'DUPLICATE',
  /** Would make a record its own parent or ancestor. */
  'CIRCULAR_REFERENCE',
  /** The record's current state does not allow this change. */
  'INVALID_STATE',
  /** A field the input type does not have. */
  'UNKNOWN_FIELD',
] as const;

export type FieldProblemCode = (typeof FIELD_PROBLEM_CODES)[number];

export interface FieldProblem {
  field: string;
  message: string;
  code: FieldProblemCode;
}

/** A field problem as services may write it: without a code it is INVALID. */
export type FieldProblemInput = Omit<FieldProblem, 'code'> & { code?: FieldProblemCode };

/** The `extensions.code` of each domain error. */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'RATE_LIMITED';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(entity: string, id?: string) {
    super(id ? `${entity} ${id} was not found` : `${entity} was not found`);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  constructor(message = 'You are not allowed to do this') {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'Sign in first (session cookie or Authorization: Bearer token)') {
    super(message);
  }
}

/** Bad input: one entry per invalid field, each saying what is wrong. */
export class InvalidInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  readonly fields: FieldProblem[];
  constructor(fields: FieldProblemInput[]) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join('; '));
    this.fields = fields.map(({ field, message, code }) => ({ field, message, code: code ?? 'INVALID' }));
  }
}

/** A write based on a stale `version`. */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
  constructor(
    entity: string,
    readonly currentVersion: number,
  ) {
    super(
      `${entity} was changed by someone else meanwhile (now at version ${currentVersion}); reload it and try again`,
    );
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  constructor(
    readonly retryAfterSeconds: number,
    message = `Too many requests; try again in ${retryAfterSeconds} s`,
  ) {
    super(message);
  }
}

/** Collects field problems and throws them together, so a user sees every mistake at once. */
export class Problems {
  private readonly list: FieldProblem[] = [];
  /** Records a problem; without a `code` it is INVALID. */
  add(field: string, message: string, code: FieldProblemCode = 'INVALID'): this {
    this.list.push({ field, message, code });
    return this;
  }
  get any(): boolean {
    return this.list.length > 0;
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new InvalidInputError([...this.list]);
  }
}
