import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import {
  type ASTNode,
  coerceInputValue,
  type DocumentNode,
  GraphQLError,
  type GraphQLInputType,
  GraphQLInt,
  type GraphQLSchema,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  type OperationDefinitionNode,
  typeFromAST,
  type VariableDefinitionNode,
  visit,
} from 'graphql';
import { type FieldProblem, type FieldProblemCode, InvalidInputError } from '../errors.js';
import { domainAnswer } from './errors.js';

/**
 * Bad input caught by GraphQL itself or before any resolver runs, reported like the services
 * report theirs: BAD_USER_INPUT with `extensions.fields: [{ field, message, code }]`, field names as the
 * services name them (relative to a mutation's `input`, e.g. `kind`; `filter.status[0]` for a filter).
 */

const pathsByDocument = new WeakMap<DocumentNode, ReadonlyMap<string, string>>();

/** Where each variable is used, as an argument path (`input`, `filter.status`); the first use wins. */
export function variablePaths(document: DocumentNode | undefined): ReadonlyMap<string, string> {
  if (!document) return new Map();
  // Apollo hands the same parsed document to every request with the same text: walk it once.
  const known = pathsByDocument.get(document);
  if (known) return known;
  const paths = new Map<string, string>();
  const stack: string[] = [];
  visit(document, {
    Argument: {
      enter(node) {
        stack.push(node.name.value);
      },
      leave() {
        stack.pop();
      },
    },
    ObjectField: {
      enter(node) {
        stack.push(node.name.value);
      },
      leave() {
        stack.pop();
      },
    },
    Variable(node, _key, parent) {
      // The definition `$x: T` is not a use.
      if ((parent as ASTNode | undefined)?.kind === Kind.VARIABLE_DEFINITION) return;
      if (stack.length && !paths.has(node.name.value)) paths.set(node.name.value, stack.join('.'));
    },
  });
  pathsByDocument.set(document, paths);
  return paths;
}

/** A field name as the services write it: the argument path, without a leading `input`. */
export function fieldName(path: string): string {
  if (path === 'input') return 'input';
  return path.startsWith('input.') ? path.slice('input.'.length) : path;
}

/** `$var.a[0]` (a path within a variable) as a field name, through where the variable is used. */
export function variableField(paths: ReadonlyMap<string, string>, variable: string, within: string): string {
  const base = paths.get(variable) ?? variable;
  return fieldName(within ? (within.startsWith('[') ? `${base}${within}` : `${base}.${within}`) : base);
}

/** `a.b[0].c`: a path within a value, as field names write it. */
export function pathText(path: readonly (string | number)[]): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`)).join('');
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The nullable type a value is coerced as: a list type takes a single value as a list of one. */
function coercedAs(type: GraphQLInputType, value: unknown): GraphQLInputType {
  let nullable = getNullableType(type) as GraphQLInputType;
  while (isListType(nullable) && !Array.isArray(value)) nullable = getNullableType(nullable.ofType) as GraphQLInputType;
  return nullable;
}

/** The type and value at `path` within a variable, walked as coerceInputValue walks it. */
function valueAt(type: GraphQLInputType, value: unknown, path: readonly (string | number)[]) {
  let currentType = type;
  let current = value;
  for (const key of path) {
    const nullable = coercedAs(currentType, current);
    if (typeof key === 'number' && isListType(nullable) && Array.isArray(current)) {
      currentType = nullable.ofType as GraphQLInputType;
      current = current[key];
    } else if (typeof key === 'string' && isInputObjectType(nullable) && isPlainObject(current)) {
      const field = nullable.getFields()[key];
      if (!field) return undefined;
      currentType = field.type;
      current = current[key];
    } else {
      return undefined;
    }
  }
  return { type: coercedAs(currentType, current), value: current };
}

/** Scalars whose refused values are INVALID_DATE (graphql/scalars.ts). */
const DATE_SCALARS = new Set(['Date', 'DateTime']);

/** The code of a value graphql-js refused, from its type and the error's original error. */
function leafCode(type: GraphQLInputType | undefined, value: unknown, error: GraphQLError): FieldProblemCode {
  if (value === null || value === undefined) return 'REQUIRED';
  if (type && isEnumType(type)) return 'INVALID_CHOICE';
  // The Date and DateTime scalars throw a RangeError for years outside 0001-9999 (graphql/scalars.ts).
  if (error.originalError instanceof RangeError) return 'OUT_OF_RANGE';
  // Int takes only 32-bit integers.
  if (type && isScalarType(type) && type.name === GraphQLInt.name && Number.isInteger(value)) return 'OUT_OF_RANGE';
  if (type && isScalarType(type) && DATE_SCALARS.has(type.name)) return 'INVALID_DATE';
  return 'INVALID_FORMAT';
}

/** graphql-js stops coercing variables after 50 errors; so does variableProblems. */
const MAX_VARIABLE_PROBLEMS = 50;
const ENOUGH = Symbol('enough problems');

/** A problem with a variable, and the variable's definition (for the error's location). */
export interface VariableProblem {
  problem: FieldProblem;
  node: VariableDefinitionNode;
}

/**
 * The problems graphql-js would find with an operation's variables before executing it, found the
 * way it finds them (missing and null variables, then coerceInputValue, which reports the path of
 * each problem), so that no message of graphql-js has to be read.
 */
export function variableProblems(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  paths: ReadonlyMap<string, string>,
  hideSuggestions: boolean,
): VariableProblem[] {
  const found: VariableProblem[] = [];
  try {
    for (const node of operation.variableDefinitions ?? []) {
      const variable = node.variable.name.value;
      const add = (path: readonly (string | number)[], message: string, code: FieldProblemCode) => {
        if (found.length >= MAX_VARIABLE_PROBLEMS) throw ENOUGH;
        found.push({ node, problem: { field: variableField(paths, variable, pathText(path)), message, code } });
      };
      const type = typeFromAST(schema, node.type);
      // Validation has refused a document whose variables are not of input types.
      if (!type || !isInputType(type)) continue;
      if (!Object.hasOwn(variables, variable)) {
        if (!node.defaultValue && isNonNullType(type)) add([], 'is required', 'REQUIRED');
        continue;
      }
      const value = variables[variable];
      if (value === null && isNonNullType(type)) {
        add([], 'is required', 'REQUIRED');
        continue;
      }
      const objectsSeen = new Set<string>();
      coerceInputValue(
        value,
        type,
        (path, invalidValue, error) => {
          const place = valueAt(type, value, path);
          if (place && isInputObjectType(place.type) && isPlainObject(place.value)) {
            // A missing or unknown field is reported at its object, named only in the message:
            // the object's fields are checked again against its type instead, once per object.
            const key = pathText(path);
            if (objectsSeen.has(key)) return;
            objectsSeen.add(key);
            const before = found.length;
            const fields = place.type.getFields();
            for (const field of Object.values(fields)) {
              if (
                place.value[field.name] === undefined &&
                field.defaultValue === undefined &&
                isNonNullType(field.type)
              ) {
                add([...path, field.name], 'is required', 'REQUIRED');
              }
            }
            for (const name of Object.keys(place.value)) {
              if (!fields[name]) add([...path, name], `is not a field of ${place.type.name}`, 'UNKNOWN_FIELD');
            }
            // Anything else about the object as a whole (a @oneOf input with no or several fields).
            if (found.length === before) add(path, error.message, 'INVALID');
            return;
          }
          add(path, error.message, leafCode(place?.type, invalidValue, error));
        },
        hideSuggestions,
      );
    }
  } catch (error) {
    if (error !== ENOUGH) throw error;
  }
  return found;
}

/**
 * Answers the variables graphql-js would refuse (unknown enum values, malformed dates, missing
 * required fields) with their `fields` and codes, without executing. `hideSuggestions` drops
 * graphql-js's "Did you mean …?" for a viewer. (Text itself is checked by graphql/text-input.ts.)
 */
export function inputErrorsPlugin<TContext extends object>({
  hideSuggestions,
}: {
  hideSuggestions: (context: TContext) => boolean;
}): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let paths: ReadonlyMap<string, string> | undefined;
      return {
        async didResolveOperation({ document }) {
          paths = variablePaths(document);
        },
        async responseForOperation({ operation, request, schema, document, contextValue }) {
          if (!operation) return null;
          const found = variableProblems(
            schema,
            operation,
            request.variables ?? {},
            paths ?? variablePaths(document),
            hideSuggestions(contextValue),
          );
          if (found.length === 0) return null;
          // One error per problem, as graphql-js reports them, each answered like the services' errors.
          const errors = found.map(({ problem, node }) => {
            const { message, extensions } = domainAnswer(new InvalidInputError([problem]));
            return new GraphQLError(message, { nodes: node, extensions }).toJSON();
          });
          return {
            http: { status: domainAnswer(new InvalidInputError([])).status, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { errors } },
          };
        },
      };
    },
  };
}
