import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type FieldProblem, InvalidInputError } from '../errors.js';
import { replyWithError } from '../graphql/errors.js';
import { maxLengthOf } from '../graphql/text-limits.js';
import { checkText, type TextRule } from '../validation.js';

/** The rule of a query-string or path parameter of the REST routes: as GraphQL's of that name (`search`: 200). */
export function parameterRule(name: string): TextRule {
  return { max: maxLengthOf(`query parameter ${name}`, name).max };
}

/**
 * Problems with the raw query string that Fastify's parser hides: percent-encoding that is not
 * UTF-8 (`%FF`, or `%ED%A0%80`, an encoded lone surrogate) is kept as its literal text by the parser.
 */
function encodingProblems(url: string): FieldProblem[] {
  const query = url.indexOf('?') < 0 ? '' : url.slice(url.indexOf('?') + 1);
  const problems: FieldProblem[] = [];
  for (const pair of query.split('&')) {
    if (!pair.includes('%')) continue;
    const [key = '', ...rest] = pair.split('=');
    const value = rest.join('=');
    for (const part of [key, value]) {
      try {
        decodeURIComponent(part.replaceAll('+', ' '));
      } catch {
        let field = key;
        try {
          field = decodeURIComponent(key);
        } catch {
          // the key itself is the problem: name it as sent
        }
        problems.push({ field, message: 'is not percent-encoded UTF-8 text', code: 'INVALID_CHARACTER' });
        break;
      }
    }
  }
  return problems;
}

type Values = Record<string, string | string[] | undefined>;

/** Checks each value of a parsed query string or of the path parameters; puts their NFC forms back. */
function checkValues(values: Values | undefined, problems: FieldProblem[]): void {
  if (!values || typeof values !== 'object') return;
  for (const [name, value] of Object.entries(values)) {
    const rule = parameterRule(name);
    const one = (text: string): string => {
      const checked = checkText(text, rule);
      if ('text' in checked) return checked.text;
      if (!problems.some((p) => p.field === name)) problems.push({ field: name, ...checked.problem });
      return text;
    };
    if (typeof value === 'string') values[name] = one(value);
    else if (Array.isArray(value)) values[name] = value.map(one);
  }
}

/**
 * Checks the text of every REST request (the exports, and every route added later) where it enters,
 * as GraphQL checks its own (graphql/text-input.ts): query-string values and path parameters must be
 * well-formed UTF-8 without U+0000, within their length, and go on in NFC. A refusal is 400
 * BAD_USER_INPUT naming the parameter, answered like every error (graphql/errors.ts).
 */
export function registerTextChecks(app: FastifyInstance, { exposeDetails }: { exposeDetails: boolean }): void {
  app.addHook('preValidation', async (request: FastifyRequest, reply) => {
    if (request.url.startsWith('/graphql')) return;
    const problems = encodingProblems(request.url);
    checkValues(request.query as Values, problems);
    checkValues(request.params as Values, problems);
    if (problems.length) return replyWithError(request, reply, new InvalidInputError(problems), { exposeDetails });
  });
}
