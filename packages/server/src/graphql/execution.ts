import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  type DocumentNode,
  execute,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { getMetadataStorage } from 'type-graphql';
import type { Context } from './context.js';
import { answerInSql } from './sql-answers.js';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/** Compiled plans of one document, by operation name ('' for a document's only operation). */
const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | undefined>>();

/**
 * The compiled plan of a document's operation, compiled the first time it is asked for. Apollo's document
 * store hands back the same parsed document for the same query text, so the plan is kept per document
 * object and lives as long as Apollo keeps the document. A document graphql-jit cannot compile gets
 * `undefined` and is run by graphql-js.
 */
function planFor(schema: GraphQLSchema, document: DocumentNode, operationName: string | null) {
  let plans = compiled.get(document);
  if (!plans) {
    plans = new Map();
    compiled.set(document, plans);
  }
  const key = operationName ?? '';
  if (plans.has(key)) return plans.get(key);
  const result = compileQuery(schema, document, operationName ?? undefined);
  const plan = isCompiledQuery(result) ? result : undefined;
  plans.set(key, plan);
  return plan;
}

/**
 * graphql-jit reads a field without a resolver inline and does not wait for a promise there, as graphql-js's
 * default resolver does. A lazy page's `totalCount` is such a field (a getter that starts the count,
 * connection.ts `toLazyPage`), so connections get an explicit resolver for it: the same answer for graphql-js,
 * and one that graphql-jit awaits.
 */
function awaitLazyTotals(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith('Connection')) continue;
    const field = type.getFields().totalCount;
    if (field && !field.resolve) field.resolve = (source: { totalCount: unknown }) => source.totalCount;
  }
}

/**
 * type-graphql wraps an interface's `resolveType` in an async function; graphql-js waits for it, graphql-jit
 * does not. Ours answer at once (Node: the class name), so interfaces get the same rule without the
 * promise: the name it returns, or the object type of the class it returns.
 */
function syncTypeResolvers(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  for (const meta of storage.interfaceTypes) {
    const type = schema.getType(meta.name);
    const resolveType = meta.resolveType;
    if (!type || !isInterfaceType(type) || !resolveType) continue;
    type.resolveType = (value, context, info, abstractType) => {
      const resolved = resolveType(value, context, info, abstractType);
      if (typeof resolved !== 'function') return resolved as string | undefined;
      return storage.objectTypes.find((objectType) => objectType.target === resolved)?.name;
    };
  }
}

/**
 * graphql-jit's errors rebuilt as graphql-js builds them. Its errors come from a constructor of its own
 * whose `extensions` is undefined when the thrown error has none, where graphql-js gives `{}`: Apollo reads
 * `extensions.code` and, failing, answers a bare "Internal server error" without the path or the domain code.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const copy = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  if (error.locations) Object.defineProperty(copy, 'locations', { value: error.locations, enumerable: true });
  return copy;
}

/**
 * Apollo's gateway interface used for one thing: running queries and mutations with graphql-jit's
 * compiled plans instead of graphql-js's interpreter, or, for a query whose every field is SQL, as one
 * statement (sql-answers.ts; `sqlAnswers` false turns that off). Parsing, validation, the plugins (limits,
 * input errors, per-viewer rules) and error formatting stay Apollo's; only `execute` changes.
 */
export function compiledExecution(schema: GraphQLSchema, options: { sqlAnswers?: boolean } = {}): Gateway {
  awaitLazyTotals(schema);
  syncTypeResolvers(schema);
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async load() {
      return {
        executor: async ({ document, operationName, request, context }) => {
          const answered = options.sqlAnswers
            ? await answerInSql(schema, context as Context, document, operationName, request.variables)
            : undefined;
          if (answered) return answered;
          const plan = planFor(schema, document, operationName);
          const result: ExecutionResult = plan
            ? await plan.query(undefined, context, request.variables ?? {})
            : await execute({
                schema,
                document,
                operationName,
                variableValues: request.variables,
                contextValue: context,
              });
          return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
        },
      };
    },
    async stop() {},
  };
}
