import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isInputType,
  isListType,
  isScalarType,
  type OperationDefinitionNode,
  type StringValueNode,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { type FieldProblem, InvalidInputError } from '../errors.js';
import { checkText, type TextRule } from '../validation.js';
import { requestError } from './errors.js';
import { fieldName, isPlainObject, variableField, variablePaths } from './input-errors.js';

/**
 * Text is checked once, where it enters, before anything runs: every string in an operation's
 * variables and in its document's literals, by the rule of the input field or argument it is for
 * (graphql/text-limits.ts puts the rules on the schema). Refused text is BAD_USER_INPUT naming the
 * field (TOO_LONG, INVALID_CHARACTER); accepted text goes on in Unicode normalisation form C.
 */

/** The rule of an input field or argument, as graphql/text-limits.ts put it on the schema. */
export function textRuleOf(field: GraphQLInputField | GraphQLArgument | undefined): TextRule {
  return (field?.extensions as { text?: TextRule } | undefined)?.text ?? {};
}

/** Rules of the scalars that are text on the wire but are not our text: ids, cursors' peers, dates. */
const SCALAR_RULES: Record<string, TextRule> = {
  ID: { max: 200 },
  Date: { max: 64 },
  DateTime: { max: 64 },
};

/** The rule for a string given where `type` is expected, at a field or argument with `rule`. */
function ruleFor(type: GraphQLInputType, rule: TextRule): TextRule | undefined {
  const named = getNamedType(type);
  if (!isScalarType(named)) return undefined;
  if (named.name === 'String') return rule;
  return SCALAR_RULES[named.name] ?? { max: rule.max };
}

/** graphql-js stops after 50 problems with variables; so does this. */
const MAX_PROBLEMS = 50;
/** Deeper than any input type of ours: a value is only followed where its type goes. */
const MAX_DEPTH = 32;

export interface OperationText {
  problems: FieldProblem[];
  /** The document with its string literals in NFC (the same object when nothing changed). */
  document: DocumentNode;
  /** The variables with their strings in NFC (the same object when nothing changed). */
  variables: Record<string, unknown> | undefined;
}

/** What the literals of a document say: the same for every request that sends it. */
interface LiteralText {
  problems: FieldProblem[];
  /** The document with its string literals in NFC (the same object when nothing changed). */
  document: DocumentNode;
  /** The rule of each variable's strings, from where it is used (the strictest use). */
  usage: ReadonlyMap<string, TextRule>;
}

const literalsByDocument = new WeakMap<DocumentNode, { schema: GraphQLSchema; text: LiteralText }>();

/**
 * Checks and normalises the string literals of a document, each by the rule of the argument or input field it
 * is for, and finds the rule of each variable. Apollo hands the same parsed document to every request with the
 * same text, so this walks each document once.
 */
function literalText(schema: GraphQLSchema, document: DocumentNode): LiteralText {
  const known = literalsByDocument.get(document);
  if (known?.schema === schema) return known.text;
  const problems: FieldProblem[] = [];
  const report = (field: string, problem: { message: string; code: FieldProblem['code'] }) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ field, ...problem });
  };
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  const rules: TextRule[] = [];
  const usage = new Map<string, TextRule>();
  const replacements = new Map<StringValueNode, string>();
  const paths = variablePaths(document);
  const joined = () => path.map((part, index) => (part.startsWith('[') || index === 0 ? part : `.${part}`)).join('');
  // In a variable's default value, the path is within the variable.
  const here = () =>
    defaultOf !== undefined ? variableField(paths, defaultOf, joined()) : fieldName(joined() || 'query');
  const listItem = (key: string | number | undefined) => {
    if (typeof key === 'number') path.push(`[${key}]`);
  };
  const leaveListItem = (key: string | number | undefined) => {
    if (typeof key === 'number') path.pop();
  };
  let defaultOf: string | undefined;
  const defaults: { node: StringValueNode; type: GraphQLInputType; variable: string }[] = [];
  const check = (node: StringValueNode, type: GraphQLInputType, rule: TextRule, field: string) => {
    const textRule = ruleFor(type, rule);
    if (!textRule) return;
    const checked = checkText(node.value, textRule);
    if ('problem' in checked) report(field, checked.problem);
    else if (checked.text !== node.value) replacements.set(node, checked.text);
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      VariableDefinition: {
        enter(node) {
          defaultOf = node.variable.name.value;
        },
        leave() {
          defaultOf = undefined;
        },
      },
      Argument: {
        enter(node) {
          path.push(node.name.value);
          rules.push(textRuleOf(typeInfo.getArgument() ?? undefined));
        },
        leave() {
          path.pop();
          rules.pop();
        },
      },
      ObjectField: {
        enter(node) {
          path.push(node.name.value);
          const parent = getNamedType(typeInfo.getParentInputType() ?? undefined);
          rules.push(textRuleOf(isInputObjectType(parent) ? parent.getFields()[node.name.value] : undefined));
        },
        leave() {
          path.pop();
          rules.pop();
        },
      },
      ObjectValue: { enter: (_node, key) => listItem(key), leave: (_node, key) => leaveListItem(key) },
      ListValue: { enter: (_node, key) => listItem(key), leave: (_node, key) => leaveListItem(key) },
      Variable(node) {
        // Where a variable is used decides the rule of its own strings (`search: $q`); the strictest use wins.
        if (defaultOf !== undefined) return;
        const rule = rules.at(-1) ?? {};
        const before = usage.get(node.name.value);
        const strictest = before && (before.max ?? Infinity) <= (rule.max ?? Infinity) ? before : rule;
        usage.set(node.name.value, {
          ...strictest,
          verbatim: (before?.verbatim ?? true) && rule.verbatim === true,
        });
      },
      StringValue(node, key) {
        const type = typeInfo.getInputType();
        if (!type) return;
        // A variable's default (`$q: String = "…"`) is for where the variable is used: checked below.
        if (defaultOf !== undefined && rules.length === 0) {
          defaults.push({ node, type, variable: defaultOf });
          return;
        }
        listItem(key);
        check(node, type, rules.at(-1) ?? {}, here());
        leaveListItem(key);
      },
    }),
  );
  for (const { node, type, variable } of defaults)
    check(node, type, usage.get(variable) ?? {}, variableField(paths, variable, ''));
  const fixedDocument =
    replacements.size === 0
      ? document
      : visit(document, {
          StringValue(node) {
            const text = replacements.get(node);
            return text === undefined ? undefined : { ...node, value: text };
          },
        });
  const text: LiteralText = { problems, document: fixedDocument, usage };
  literalsByDocument.set(document, { schema, text });
  return text;
}

/** Checks and normalises every string of an operation: its document's literals and its variables. */
export function operationText(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode | undefined,
  variables: Record<string, unknown> | undefined,
): OperationText {
  const literals = literalText(schema, document);
  const { usage } = literals;
  const paths = variablePaths(document);
  const problems = [...literals.problems];
  const report = (field: string, problem: { message: string; code: FieldProblem['code'] }) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ field, ...problem });
  };

  // Variables: by their declared types, and by where they are used.
  let fixedVariables = variables;
  const walk = (
    value: unknown,
    type: GraphQLInputType,
    rule: TextRule,
    at: [string, string],
    depth: number,
  ): unknown => {
    const [variable, within] = at;
    const nullable = getNullableType(type) as GraphQLInputType;
    if (typeof value === 'string') {
      const textRule = ruleFor(nullable, rule);
      if (!textRule) return value;
      const checked = checkText(value, textRule);
      if ('problem' in checked) {
        report(variableField(paths, variable, within), checked.problem);
        return value;
      }
      return checked.text;
    }
    if (depth > MAX_DEPTH) return value;
    if (Array.isArray(value) && isListType(nullable)) {
      let changed = false;
      const items = value.map((item, index) => {
        const fixed = walk(item, nullable.ofType, rule, [variable, `${within}[${index}]`], depth + 1);
        changed ||= fixed !== item;
        return fixed;
      });
      return changed ? items : value;
    }
    if (isPlainObject(value) && isInputObjectType(nullable)) {
      const fields = nullable.getFields();
      let copy: Record<string, unknown> | undefined;
      for (const [name, item] of Object.entries(value)) {
        const field = fields[name];
        if (!field) continue;
        const fixed = walk(
          item,
          field.type,
          textRuleOf(field),
          [variable, within ? `${within}.${name}` : name],
          depth + 1,
        );
        if (fixed !== item) {
          copy ??= { ...value };
          copy[name] = fixed;
        }
      }
      return copy ?? value;
    }
    return value;
  };
  for (const node of operation?.variableDefinitions ?? []) {
    const name = node.variable.name.value;
    const type = typeFromAST(schema, node.type);
    if (!type || !isInputType(type) || !variables || !Object.hasOwn(variables, name)) continue;
    const value = variables[name];
    const fixed = walk(value, type, usage.get(name) ?? {}, [name, ''], 0);
    if (fixed !== value) {
      if (fixedVariables === variables) fixedVariables = { ...variables };
      fixedVariables![name] = fixed;
    }
  }
  return { problems, document: literals.document, variables: fixedVariables };
}

/**
 * Refuses an operation with text that cannot be stored or is too long, before anything runs, and
 * lets the rest go on in NFC (graphql-js executes the document and variables left on the request).
 */
export function textInputPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          const { schema, document, operation, request } = requestContext;
          const checked = operationText(schema, document, operation, request.variables);
          if (checked.problems.length) throw requestError(new InvalidInputError(checked.problems));
          if (checked.document !== document) (requestContext as { document: DocumentNode }).document = checked.document;
          if (checked.variables !== request.variables) request.variables = checked.variables;
        },
      };
    },
  };
}
