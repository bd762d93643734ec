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
  /** Not a valid date or date-time (ISO 8601), e.g. 2026-02-30 or "tomorrow". */
  'INVALID_DATE',
  /** Not allowed for you (e.g. a WRITE token for a PARTNER account); `params.allowed` lists what is. */
  'NOT_ALLOWED',
  /** A commitment more visible than its meeting (`params.meetingVisibility`): partners would not see it. */
  'VISIBILITY_ABOVE_MEETING',
  /** A meeting less visible than some of its commitments (`params.references`, `params.count`). */
  'VISIBILITY_BELOW_COMMITMENTS',
  /** The record is in use (`params.count` commitments, decisions, minutes…) and cannot be removed. */
  'IN_USE',
  /** The record can no longer be deleted: cancel it instead. */
  'CANCEL_INSTEAD',
  /** Completion needs evidence (a link or a file). */
  'EVIDENCE_REQUIRED',
] as const;

export type FieldProblemCode = (typeof FIELD_PROBLEM_CODES)[number];

/** Values a client needs to word a problem itself, e.g. `{ max: 500 }` for TOO_LONG. */
export type FieldProblemParams = Record<string, string | number | boolean | null | string[] | number[]>;

export interface FieldProblem {
  field: string;
  message: string;
  code: FieldProblemCode;
  /** Present when the problem has values to show (a limit, a range, the records in the way). */
  params?: FieldProblemParams;
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
    this.fields = fields.map(({ field, message, code, params }) => ({
      field,
      message,
      code: code ?? 'INVALID',
      ...(params ? { params } : {}),
    }));
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
  /** Records a problem; without a `code` it is INVALID. `params` carry the values a client words it with. */
  add(field: string, message: string, code: FieldProblemCode = 'INVALID', params?: FieldProblemParams): this {
    this.list.push(params ? { field, message, code, params } : { field, message, code });
    return this;
  }
  get any(): boolean {
    return this.list.length > 0;
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new InvalidInputError([...this.list]);
  }
}
