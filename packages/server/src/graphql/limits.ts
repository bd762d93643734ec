import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';

/** Abuse limits, checked before a document executes (and before any SQL). Tuned with room for the web client. */
export const LIMITS = {
  maxDepth: 12,
  maxCost: 20_000,
  maxAliases: 30,
  maxDirectives: 30,
  maxTokens: 5_000,
} as const;

export function createLimits() {
  const tooComplex = (context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(
      new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'QUERY_TOO_COMPLEX' } }),
    );
  };
  const reject = { propagateOnRejection: false, onReject: [tooComplex] };
  const armor = new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth, ...reject },
    costLimit: { maxCost: LIMITS.maxCost, ...reject },
    maxAliases: { n: LIMITS.maxAliases, ...reject },
    maxDirectives: { n: LIMITS.maxDirectives, ...reject },
    // Armor's token check turns syntax errors into 500s under Apollo; the parser's own limit is used instead.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  const protection = armor.protect();
  return {
    plugins: protection.plugins,
    validationRules: protection.validationRules,
    parseOptions: { maxLexicalTokens: LIMITS.maxTokens },
  };
}
