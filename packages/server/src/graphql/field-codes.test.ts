import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_PROBLEM_CODES } from '../errors.js';
import { repoRoot } from '../paths.js';

/**
 * Every code a field problem can carry is one the client can translate: the codes the server's
 * source writes (Problems.add's third argument, `code: '…'` in field problems, graphql/input-errors.ts's
 * coercion codes) are all in FIELD_PROBLEM_CODES, and docs/api.md lists every one of them.
 */
const serverSrc = path.join(repoRoot, 'packages/server/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The text of a call's arguments from its opening parenthesis, skipping strings. */
function callArguments(text: string, open: number): string {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open);
}

interface Site {
  file: string;
  line: number;
  codes: string[];
}

/** Every place the source writes a field problem, with the codes written there. */
function problemSites(): Site[] {
  const sites: Site[] = [];
  for (const file of sourceFiles(serverSrc)) {
    const text = readFileSync(file, 'utf8');
    const relative = path.relative(serverSrc, file);
    const lineOf = (index: number) => text.slice(0, index).split('\n').length;
    // problems.add(field, message, code?, params?) and new Problems().add(…)
    for (const match of text.matchAll(/(?:\bproblems|Problems\(\))\s*\.add\(/g)) {
      const args = callArguments(text, match.index + match[0].length - 1);
      sites.push({
        file: relative,
        line: lineOf(match.index),
        codes: [...args.matchAll(/'([A-Z][A-Z_]{2,})'/g)].map((m) => m[1]),
      });
    }
    // The codes of GraphQL's own coercion errors (leafCode in graphql/input-errors.ts).
    if (relative === path.join('graphql', 'input-errors.ts')) {
      for (const match of text.matchAll(/return '([A-Z][A-Z_]{2,})'/g))
        sites.push({ file: relative, line: lineOf(match.index), codes: [match[1]] });
    }
    // { field, message, code: 'X' } objects and `code: 'X'` returned by helpers
    for (const match of text.matchAll(/\bcode:\s*'([A-Z][A-Z_]{2,})'/g)) {
      sites.push({ file: relative, line: lineOf(match.index), codes: [match[1]] });
    }
  }
  return sites;
}

/** Codes in `code:` literals that are not field problem codes (GraphQL error codes, import problems…). */
const OTHER_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'CONFLICT',
  'FORBIDDEN',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'INTERNAL_SERVER_ERROR',
  'NOT_FOUND',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'UNAUTHENTICATED',
]);

describe('field problem codes', () => {
  const sites = problemSites();
  const known = new Set<string>(FIELD_PROBLEM_CODES);

  it('are all listed in FIELD_PROBLEM_CODES, so the client can translate every one', () => {
    const unknown = sites.flatMap((site) =>
      site.codes
        .filter((code) => !known.has(code) && !OTHER_CODES.has(code))
        .map((code) => `${site.file}:${site.line} ${code}`),
    );
    expect(unknown).toEqual([]);
    // The scan finds the sites it should (a broken scan would pass the check above vacuously).
    expect(sites.length).toBeGreaterThan(150);
    const used = new Set(sites.flatMap((site) => site.codes));
    for (const code of ['REQUIRED', 'TOO_LONG', 'INVALID_DATE', 'VISIBILITY_ABOVE_MEETING', 'CANCEL_INSTEAD', 'IN_USE'])
      expect(used).toContain(code);
  });

  it('are given wherever a field problem is written', () => {
    const uncoded = sites.filter((site) => site.codes.length === 0).map((site) => `${site.file}:${site.line}`);
    expect(uncoded).toEqual([]);
  });

  it('are all documented in docs/api.md for partners and translators', () => {
    const api = readFileSync(path.join(repoRoot, 'docs/api.md'), 'utf8');
    const missing = FIELD_PROBLEM_CODES.filter((code) => !new RegExp(`\\b${code}\\b`).test(api));
    expect(missing).toEqual([]);
  });
});
