import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, JSONResolver, LocalDateResolver } from 'graphql-scalars';

/** ISO 8601 instant, e.g. 2023-11-01T01:30:00.000Z. */
export const DateTimeScalar = DateTimeResolver;

/**
 * ISO 8601 calendar date (YYYY-MM-DD), with no time zone. Built with graphql-scalars' own
 * GraphQLScalarType: under Vitest our files may load graphql's ES build while type-graphql and
 * graphql-scalars load its CommonJS build, and type-graphql only accepts scalars of the latter.
 */
export const DateScalar = new (LocalDateResolver.constructor as typeof GraphQLScalarType)({
  name: 'Date',
  description: 'An ISO 8601 calendar date, e.g. 2024-03-31 (no time, no time zone).',
  serialize: LocalDateResolver.serialize,
  parseValue: LocalDateResolver.parseValue,
  parseLiteral: LocalDateResolver.parseLiteral,
});

/** Any JSON value (used for audit changes: { field: { before, after } }). */
export const JSONScalar = JSONResolver;
