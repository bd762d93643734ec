import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ConflictError, DomainError, InvalidInputError, RateLimitedError } from '../errors.js';
import type { Logger } from '../logger.js';

/** Builds Apollo's formatError: domain errors become coded errors; anything unexpected is logged and masked. */
export function createErrorFormatter(logger: Logger, { exposeDetails }: { exposeDetails: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? error.originalError : undefined;
    if (original instanceof GraphQLError && original.extensions?.code === 'QUERY_TOO_COMPLEX') {
      return { message: formatted.message, extensions: { code: 'QUERY_TOO_COMPLEX' } };
    }
    if (/^Syntax Error: Document contains more th/.test(formatted.message)) {
      return { message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { code: 'QUERY_TOO_COMPLEX' } };
    }
    const inner = unwrapResolverError(error);
    if (inner instanceof DomainError) {
      const extensions: Record<string, unknown> = { code: inner.code };
      if (inner instanceof InvalidInputError) extensions.fields = inner.fields;
      if (inner instanceof ConflictError) extensions.currentVersion = inner.currentVersion;
      if (inner instanceof RateLimitedError) extensions.retryAfter = inner.retryAfterSeconds;
      return { message: inner.message, path: formatted.path, locations: formatted.locations, extensions };
    }
    const code = formatted.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
      if (
        inner instanceof GraphQLError &&
        inner.extensions?.code &&
        inner.extensions.code !== 'INTERNAL_SERVER_ERROR'
      ) {
        return formatted;
      }
      logger.error({ err: inner, path: formatted.path }, 'unexpected error while resolving');
      return {
        message: exposeDetails
          ? `Internal server error: ${(inner as Error)?.message ?? String(inner)}`
          : 'Internal server error',
        path: formatted.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    }
    // Apollo puts a stack trace here outside production; keep only what clients need.
    const { stacktrace: _stacktrace, ...rest } = formatted.extensions ?? {};
    return { ...formatted, extensions: rest };
  };
}
