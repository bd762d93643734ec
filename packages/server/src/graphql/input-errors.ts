import type { ApolloServerPlugin } from '@apollo/server';
import { type ASTNode, type DocumentNode, GraphQLError, Kind, visit } from 'graphql';
import type { FieldProblem } from '../errors.js';

/**
 * Bad input caught by GraphQL itself or before any resolver runs, reported like the services
 * report theirs: BAD_USER_INPUT with `extensions.fields: [{ field, message }]`, field names as the
 * services name them (relative to a mutation's `input`, e.g. `kind`; `filter.status[0]` for a filter).
 */

/** Where each variable is used, as an argument path (`input`, `filter.status`); the first use wins. */
export function variablePaths(document: DocumentNode | undefined): Map<string, string> {
  const paths = new Map<string, string>();
  if (!document) return paths;
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
  return paths;
}

/** A field name as the services write it: the argument path, without a leading `input`. */
export function fieldName(path: string): string {
  if (path === 'input') return 'input';
  return path.startsWith('input.') ? path.slice('input.'.length) : path;
}

/** `$var.a[0]` (a path within a variable) as a field name, through where the variable is used. */
function variableField(paths: Map<string, string>, variable: string, within: string): string {
  const base = paths.get(variable) ?? variable;
  return fieldName(within ? (within.startsWith('[') ? `${base}${within}` : `${base}.${within}`) : base);
}

const VARIABLE_VALUE = /^Variable "\$(\w+)" got invalid value [\s\S]*?(?: at "\1((?:\.\w+|\[\d+\])*)")?; ([\s\S]*)$/;
const VARIABLE_MISSING =
  /^Variable "\$(\w+)" of (?:required|non-null) type "[^"]+" (?:was not provided|must not be null)\.$/;
const NESTED_FIELD = /^Field "(\w+)" (?:of required type "[^"]+" was not provided|is not defined by type "[^"]+")/;

/** The field problem described by one of graphql-js's variable coercion messages, if it is one. */
export function variableProblem(message: string, paths: Map<string, string>): FieldProblem | undefined {
  const value = VARIABLE_VALUE.exec(message);
  if (value) {
    const [, variable, at = '', reason] = value;
    let within = at.startsWith('.') ? at.slice(1) : at;
    const nested = NESTED_FIELD.exec(reason);
    if (nested) within = within ? `${within}.${nested[1]}` : nested[1];
    return { field: variableField(paths, variable, within), message: reason, code: 'INVALID' };
  }
  const missing = VARIABLE_MISSING.exec(message);
  if (missing) return { field: variableField(paths, missing[1], ''), message: 'is required', code: 'REQUIRED' };
  return undefined;
}

/** PostgreSQL cannot store U+0000 in text: such input would fail deep in the database instead of here. */
const NUL = '\u0000';

function nulProblems(
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  paths: Map<string, string>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const message = 'must not contain the NUL character (U+0000)';
  const code = 'INVALID_CHARACTER';
  const walk = (value: unknown, variable: string, within: string, depth: number) => {
    if (depth > 50) return;
    if (typeof value === 'string') {
      if (value.includes(NUL)) problems.push({ field: variableField(paths, variable, within), message, code });
    } else if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(item, variable, `${within}[${index}]`, depth + 1);
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes(NUL)) problems.push({ field: variableField(paths, variable, within), message, code });
        walk(item, variable, within ? `${within}.${key}` : key, depth + 1);
      }
    }
  };
  for (const [variable, value] of Object.entries(variables ?? {})) walk(value, variable, '', 0);

  const stack: string[] = [];
  const push = (node: { name: { value: string } }) => {
    stack.push(node.name.value);
  };
  const pop = () => {
    stack.pop();
  };
  visit(document, {
    Argument: { enter: push, leave: pop },
    ObjectField: { enter: push, leave: pop },
    StringValue(node) {
      if (node.value.includes(NUL)) problems.push({ field: fieldName(stack.join('.') || 'query'), message, code });
    },
  });
  return problems;
}

/**
 * Refuses text containing U+0000 before anything runs, and gives graphql-js's own refusals of
 * variables (unknown enum values, malformed dates, missing required fields) their `fields`.
 */
export function inputErrorsPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const problems = nulProblems(document, request.variables, variablePaths(document));
          if (problems.length === 0) return;
          throw new GraphQLError(problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
            extensions: { code: 'BAD_USER_INPUT', fields: problems, http: { status: 400 } },
          });
        },
        async willSendResponse({ response, document }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors?.some((e) => e.extensions?.code === 'BAD_USER_INPUT' && !e.extensions.fields)) return;
          const paths = variablePaths(document);
          for (const error of errors) {
            if (error.extensions?.code !== 'BAD_USER_INPUT' || error.extensions.fields) continue;
            const problem = variableProblem(error.message, paths);
            if (problem) (error.extensions as Record<string, unknown>).fields = [problem];
          }
        },
      };
    },
  };
}
