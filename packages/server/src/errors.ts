/** Domain errors thrown by services; graphql/errors.ts maps each to an `extensions.code`. */

export interface FieldProblem {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
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
  constructor(readonly fields: FieldProblem[]) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join('; '));
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
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests; try again in ${retryAfterSeconds} s`);
  }
}

/** Collects field problems and throws them together, so a user sees every mistake at once. */
export class Problems {
  private readonly list: FieldProblem[] = [];
  add(field: string, message: string): this {
    this.list.push({ field, message });
    return this;
  }
  get any(): boolean {
    return this.list.length > 0;
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new InvalidInputError([...this.list]);
  }
}
