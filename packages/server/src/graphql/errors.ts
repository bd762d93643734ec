import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, type GraphQLFormattedError, Lexer, Source, TokenKind } from 'graphql';
import type { Viewer } from '../auth/viewer.js';
import { ConflictError, DomainError, type DomainErrorCode, InvalidInputError, RateLimitedError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Context } from './context.js';

/**
 * The one place that says how a failure reaches a client, over GraphQL (`extensions.code`) and over
 * the REST routes (an HTTP status and a JSON body in GraphQL's shape, `{ errors: [{ message, extensions }] }`).
 * Domain errors (src/errors.ts) keep their code and details; anything unexpected is logged once with
 * the request id and the viewer's role and answered INTERNAL_SERVER_ERROR, without details in production.
 */

/** The HTTP status of each domain error. Exhaustive: a new domain error does not compile until it has one. */
const HTTP_STATUS: Record<DomainErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

/** An error as a client receives it: the GraphQL error's message and extensions, and the HTTP status and headers. */
export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  message: string;
  extensions: { code: string } & Record<string, unknown>;
}

/**
 * The answer to a domain error: `fields` for BAD_USER_INPUT, `currentVersion` for CONFLICT,
 * `retryAfter` (and a Retry-After header) for RATE_LIMITED.
 */
export function domainAnswer(error: DomainError): ErrorAnswer {
  const extensions: ErrorAnswer['extensions'] = { code: error.code };
  const headers: Record<string, string> = {};
  if (error instanceof InvalidInputError) extensions.fields = error.fields;
  if (error instanceof ConflictError) extensions.currentVersion = error.currentVersion;
  if (error instanceof RateLimitedError) {
    extensions.retryAfter = error.retryAfterSeconds;
    headers['retry-after'] = String(error.retryAfterSeconds);
  }
  return { status: HTTP_STATUS[error.code], headers, message: error.message, extensions };
}

/** The answer to an unexpected error: INTERNAL_SERVER_ERROR, its message only outside production. */
function internalAnswer(error: unknown, exposeDetails: boolean): ErrorAnswer {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    status: 500,
    headers: {},
    message: exposeDetails ? `Internal server error: ${detail}` : 'Internal server error',
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** The domain error behind an error, however deeply GraphQL or Apollo wrapped it. */
function domainErrorOf(error: unknown): DomainError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof DomainError) return current;
    current = current instanceof GraphQLError ? current.originalError : undefined;
  }
  return undefined;
}

/** The innermost error: what a resolver (or hook) actually threw. */
function innermost(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof GraphQLError && current.originalError; depth++) {
    current = current.originalError;
  }
  return current;
}

/**
 * Whether a GraphQL error is a fault of ours rather than an answer: not a domain error, and without a
 * code of its own (graphql-js and Apollo code what they refuse; a bug, a database failure or a
 * non-null field that resolved to null has none).
 */
function isUnexpected(error: unknown): boolean {
  if (domainErrorOf(error)) return false;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof GraphQLError; depth++) {
    const code = current.extensions?.code;
    if (code !== undefined && code !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR) return false;
    current = current.originalError;
  }
  return true;
}

/** Errors already logged, so that formatError does not log again what errorsPlugin logged. */
const logged = new WeakSet<object>();

/** Logs an unexpected error, with the request id and the viewer's role. */
export function logUnexpected(
  logger: Logger,
  error: unknown,
  about: { requestId?: string; viewer?: Viewer; path?: readonly (string | number)[] } = {},
): void {
  if (typeof error === 'object' && error !== null) logged.add(error);
  logger.error(
    {
      err: error,
      requestId: about.requestId,
      // Undefined when the request failed before anyone was identified.
      role: about.viewer ? (about.viewer.role ?? 'ANONYMOUS') : undefined,
      path: about.path,
    },
    'unexpected error',
  );
}

const wasLogged = (error: unknown) => typeof error === 'object' && error !== null && logged.has(error);

// ---------------------------------------------------------------- GraphQL

/**
 * Whether a parse error is graphql-js's token limit. graphql-js says so only in its message, so the
 * tokens are counted again: the limit was hit when the error sits where token `maxTokens + 1` starts.
 */
function isTokenLimit(error: GraphQLError, maxTokens: number): boolean {
  const position = error.positions?.[0];
  const body = error.source?.body;
  if (position === undefined || body === undefined) return false;
  const lexer = new Lexer(new Source(body));
  try {
    for (let count = 1; count <= maxTokens + 1; count++) {
      const token = lexer.advance();
      if (token.kind === TokenKind.EOF) return false;
      if (count === maxTokens + 1) return token.start === position;
      if (token.start >= position) return false;
    }
  } catch {
    // A lexical error before the limit: an ordinary syntax error.
  }
  return false;
}

/** Whether a parse failure is graphql-js's own syntax error, rather than something its parser threw. */
function isGraphqlSyntaxError(error: GraphQLError): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof GraphQLError; depth++) {
    if (!current.originalError) return true;
    current = current.originalError;
  }
  return current instanceof GraphQLError;
}

/** Builds Apollo's formatError: domain errors become coded errors; anything unexpected is masked. */
export function createErrorFormatter({
  logger,
  exposeDetails,
  maxTokens,
}: {
  /** For errors Apollo formats outside a request's hooks; errorsPlugin logs the others with the request. */
  logger: Logger;
  exposeDetails: boolean;
  maxTokens: number;
}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (error instanceof GraphQLError) {
      // Apollo re-codes validation errors GRAPHQL_VALIDATION_FAILED; the limits' own code is on the original.
      const original = error.originalError;
      if (original instanceof GraphQLError && original.extensions?.code === 'QUERY_TOO_COMPLEX') {
        return { message: formatted.message, extensions: { code: 'QUERY_TOO_COMPLEX' } };
      }
      if (
        error.extensions?.code === ApolloServerErrorCode.GRAPHQL_PARSE_FAILED &&
        isTokenLimit(original instanceof GraphQLError ? original : error, maxTokens)
      ) {
        return {
          message: `The document has more than ${maxTokens} tokens.`,
          extensions: { code: 'QUERY_TOO_COMPLEX' },
        };
      }
      // The parser is recursive: a document nested thousands of levels deep overflows its stack. What
      // it threw is not a syntax error of graphql-js (those are GraphQLErrors) and never reaches the client.
      if (error.extensions?.code === ApolloServerErrorCode.GRAPHQL_PARSE_FAILED && !isGraphqlSyntaxError(error)) {
        return innermost(error) instanceof RangeError
          ? { message: 'The document is nested too deeply to be read.', extensions: { code: 'QUERY_TOO_COMPLEX' } }
          : { message: 'The document could not be read.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
      }
    }
    const domain = domainErrorOf(error);
    if (domain) {
      const { message, extensions } = domainAnswer(domain);
      return { message, path: formatted.path, locations: formatted.locations, extensions };
    }
    if (isUnexpected(error)) {
      const inner = innermost(error);
      if (!wasLogged(inner)) logUnexpected(logger, inner, { path: formatted.path });
      const { message, extensions } = internalAnswer(inner, exposeDetails);
      return { message, path: formatted.path, extensions };
    }
    // Apollo puts a stack trace here outside production; keep only what clients need.
    const { stacktrace: _stacktrace, ...rest } = formatted.extensions ?? {};
    return { ...formatted, extensions: rest };
  };
}

/**
 * Logs each unexpected error once, through the request's logger with its id and the viewer's role
 * (before formatError masks it), and answers RATE_LIMITED with HTTP 429 and Retry-After.
 */
export function errorsPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          // Once per failure, however many fields it failed (a failed batch rejects every key with one error).
          const seen = new Set<unknown>();
          for (const error of errors) {
            if (!isUnexpected(error)) continue;
            const inner = innermost(error);
            if (seen.has(inner)) continue;
            seen.add(inner);
            logUnexpected(contextValue.logger, inner, {
              requestId: contextValue.requestId,
              viewer: contextValue.viewer,
              path: error.path,
            });
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const limited = response.body.singleResult.errors?.find((e) => e.extensions?.code === 'RATE_LIMITED');
          if (!limited) return;
          response.http.status = HTTP_STATUS.RATE_LIMITED;
          const retryAfter = Number(limited.extensions?.retryAfter);
          if (retryAfter > 0) response.http.headers.set('retry-after', String(retryAfter));
        },
      };
    },
  };
}

/**
 * A domain error found before any resolver runs (in a plugin hook), with its HTTP status: Apollo
 * answers 500 to an error thrown there unless the error says otherwise.
 */
export function requestError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { http: { status: HTTP_STATUS[error.code] } },
  });
}

// ---------------------------------------------------------------- HTTP (REST routes, refusals before GraphQL)

/** Fastify's own refusals (body too large, wrong content type, malformed JSON): BAD_REQUEST with its status. */
function requestRefusal(error: { statusCode?: number; code?: string; message: string }): ErrorAnswer | undefined {
  const status = error.statusCode;
  if (!status || status < 400 || status >= 500) return undefined;
  const messages: Record<number, string> = {
    413: 'The request body is larger than 1 MB',
    415: 'Send GraphQL requests as application/json',
  };
  return {
    status,
    headers: {},
    message: messages[status] ?? error.message,
    extensions: { code: 'BAD_REQUEST', reason: error.code },
  };
}

/** Sends an answer as JSON in GraphQL's shape. */
export function sendAnswer(reply: FastifyReply, answer: ErrorAnswer): FastifyReply {
  for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
  return reply
    .code(answer.status)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ errors: [{ message: answer.message, extensions: answer.extensions }] }));
}

/**
 * Answers a failed HTTP request: a domain error with its status (404, 403, 401, 400, 409, 429 with
 * Retry-After), a refusal by Fastify with its 4xx, anything else logged once and answered 500.
 * Every REST route answers its errors through here.
 */
export function replyWithError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  { viewer, exposeDetails }: { viewer?: Viewer; exposeDetails: boolean },
): FastifyReply {
  if (error instanceof DomainError) return sendAnswer(reply, domainAnswer(error));
  const refusal = error instanceof Error ? requestRefusal(error) : undefined;
  if (refusal) return sendAnswer(reply, refusal);
  logUnexpected(request.log, error, { requestId: request.id, viewer });
  return sendAnswer(reply, internalAnswer(error, exposeDetails));
}
