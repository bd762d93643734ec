import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, JSONResolver, LocalDateResolver } from 'graphql-scalars';

// graphql-scalars' own GraphQLScalarType: see DateScalar below for why.
const ScalarType = LocalDateResolver.constructor as typeof GraphQLScalarType;

/**
 * Years PostgreSQL and ISO 8601 both handle: 0001 to 9999 (year 0000 would reach the database and fail there).
 * A RangeError, so that input errors can say OUT_OF_RANGE rather than INVALID_FORMAT (graphql/input-errors.ts).
 */
function checkInstant(value: Date): Date {
  const year = value.getUTCFullYear();
  if (year < 1 || year > 9999)
    throw new RangeError(`DateTime must fall in the years 0001 to 9999 (UTC), got ${value.toISOString()}`);
  return value;
}

function checkDate(value: string): string {
  if (value.startsWith('0000')) throw new RangeError(`Date must fall in the years 0001 to 9999, got ${value}`);
  return value;
}

/** ISO 8601 instant, e.g. 2023-11-01T01:30:00.000Z (years 0001 to 9999). */
export const DateTimeScalar = new ScalarType({
  name: DateTimeResolver.name,
  description: DateTimeResolver.description,
  specifiedByURL: DateTimeResolver.specifiedByURL,
  extensions: DateTimeResolver.extensions,
  serialize: DateTimeResolver.serialize,
  parseValue: (value) => checkInstant(DateTimeResolver.parseValue(value) as Date),
  parseLiteral: (ast, variables) => checkInstant(DateTimeResolver.parseLiteral(ast, variables) as Date),
});

/**
 * ISO 8601 calendar date (YYYY-MM-DD), with no time zone. Built with graphql-scalars' own
 * GraphQLScalarType: under Vitest our files may load graphql's ES build while type-graphql and
 * graphql-scalars load its CommonJS build, and type-graphql only accepts scalars of the latter.
 */
export const DateScalar = new ScalarType({
  name: 'Date',
  description: 'An ISO 8601 calendar date, e.g. 2024-03-31 (no time, no time zone).',
  serialize: LocalDateResolver.serialize,
  parseValue: (value) => checkDate(LocalDateResolver.parseValue(value) as string),
  parseLiteral: (ast, variables) => checkDate(LocalDateResolver.parseLiteral(ast, variables) as string),
});

/** Any JSON value (used for audit changes: { field: { before, after } }). */
export const JSONScalar = JSONResolver;
