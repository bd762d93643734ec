import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Kind, type ValidationContext, type ValidationRule } from 'graphql';
import { validationAbortedError } from 'graphql/validation/validationAbortedError.js';

export interface Limits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** How often one selection set may repeat the same field (duplicates are merged, but cost validation time). */
  maxDuplicateFields?: number;
}

/**
 * Refuses a selection set that names the same field (response key) more than `max` times:
 * `{ me { role role role … } }` executes once but makes validation quadratic.
 */
export function maxDuplicateFieldsRule(max: number): ValidationRule {
  return (context) => ({
    SelectionSet(node) {
      const counts = new Map<string, number>();
      for (const selection of node.selections) {
        if (selection.kind !== Kind.FIELD) continue;
        const key = selection.alias?.value ?? selection.name.value;
        const count = (counts.get(key) ?? 0) + 1;
        counts.set(key, count);
        if (count === max + 1) {
          context.reportError(
            new GraphQLError(`Field "${key}" is selected more than ${max} times in one selection set.`, {
              nodes: [selection],
              extensions: { code: 'QUERY_TOO_COMPLEX' },
            }),
          );
        }
      }
    },
  });
}

/**
 * Default abuse limits, checked before a document executes (and before any SQL). Tuned with room
 * for the web client; each can be changed with an environment variable (auth/auth.config.ts).
 */
export const LIMITS: Limits = {
  maxDepth: 12,
  maxCost: 100_000,
  maxAliases: 30,
  maxDirectives: 30,
  maxTokens: 5_000,
  maxDuplicateFields: 5,
};

/**
 * graphql-js gives up validating when comparing a document's (overlapping) fields would cost too
 * much, and reports that with one shared error instance. It is recognised by identity (graphql-js
 * marks the module internal; its message is the only other sign) and replaced, never changed.
 */
export function tooComplexWhenAborted(errors: GraphQLError[]): void {
  for (const [index, error] of errors.entries()) {
    if (error !== validationAbortedError) continue;
    errors[index] = new GraphQLError('The document repeats or overlaps too many fields to be checked.', {
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
  }
}

/** What a document measured under the depth and cost checks (reported for accepted documents only). */
export interface Measured {
  depth?: number;
  cost?: number;
}

export interface LimitsOptions {
  /**
   * Whether a fragment spread (named or inline) counts as a level. It does not by default: a
   * fragment is how a client names what a component reads, not more work for the server, so a
   * document is measured at its real field depth and cost however it is split into fragments.
   */
  flattenFragments?: boolean;
  /** Called with the depth and the cost of each accepted operation (used to re-cost the client's pages). */
  onMeasured?: (measured: Measured) => void;
}

export function createLimits(limits: Limits = LIMITS, options: LimitsOptions = {}) {
  const { flattenFragments = true, onMeasured } = options;
  // Our own messages: graphql-armor's start with "Syntax Error:", which these refusals are not.
  const tooComplex =
    (message: string) =>
    (context: ValidationContext | null): void => {
      context?.reportError(new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX' } }));
    };
  const reject = (message: string) => ({ propagateOnRejection: false, onReject: [tooComplex(message)] });
  const armor = new ApolloArmor({
    maxDepth: {
      n: limits.maxDepth,
      flattenFragments,
      onAccept: onMeasured ? [(_context, { n }: { n: number }) => onMeasured({ depth: n })] : [],
      ...reject(`The document is nested more than ${limits.maxDepth} levels deep.`),
    },
    costLimit: {
      maxCost: limits.maxCost,
      flattenFragments,
      onAccept: onMeasured ? [(_context, { n }: { n: number }) => onMeasured({ cost: n })] : [],
      ...reject(`The document would cost more than ${limits.maxCost} to run.`),
    },
    maxAliases: { n: limits.maxAliases, ...reject(`The document uses more than ${limits.maxAliases} aliases.`) },
    maxDirectives: {
      n: limits.maxDirectives,
      ...reject(`The document uses more than ${limits.maxDirectives} directives.`),
    },
    // Armor's token check turns syntax errors into 500s under Apollo; the parser's own limit is used instead.
    maxTokens: { enabled: false },
    // Suggestions are removed per viewer in production (graphql/http.ts), not for everyone.
    blockFieldSuggestion: { enabled: false },
  });
  const protection = armor.protect();
  return {
    plugins: protection.plugins,
    validationRules: [...protection.validationRules, maxDuplicateFieldsRule(limits.maxDuplicateFields ?? 5)],
    parseOptions: { maxLexicalTokens: limits.maxTokens },
  };
}
