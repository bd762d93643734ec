import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  validate,
  visit,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestAccount, createTestHttp, type TestHttp } from '../../test/http.js';
import { repoRoot } from '../paths.js';
import { createLimits, LIMITS, type LimitsOptions, type Measured } from './limits.js';
import { getSchema } from './schema.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await getSchema();
});

/** Validates a document as the server does (graphql-js's rules, then the limits), with what the limits measured. */
function check(
  document: DocumentNode,
  options: LimitsOptions = {},
): { errors: readonly GraphQLError[]; measured: Measured } {
  const measured: Measured = {};
  const limits = createLimits(LIMITS, { ...options, onMeasured: (m) => Object.assign(measured, m) });
  const errors = validate(schema, document, [...specifiedRules, ...limits.validationRules]);
  return { errors, measured };
}

const codes = (errors: readonly GraphQLError[]) => errors.map((e) => e.extensions.code ?? null);

/**
 * A document `levels` fields deep (organizations → nodes → parent … → acronym) in which every `parent`
 * is behind its own named fragment, each spreading the next: one spread more than the levels it adds.
 */
function nestedNamedFragments(levels: number): string {
  const parents = levels - 3;
  const fragments = Array.from(
    { length: parents },
    (_, i) => `fragment F${i} on Organization { parent { ...F${i + 1} } }`,
  );
  fragments.push(`fragment F${parents} on Organization { acronym }`);
  return `query Nested { organizations(first: 1) { nodes { ...F0 } } }\n${fragments.join('\n')}`;
}

/** The same shape with inline fragments (`... on Organization`) around every level. */
function nestedInlineFragments(levels: number): string {
  let inner = '... on Organization { acronym }';
  for (let i = 0; i < levels - 3; i++) inner = `... on Organization { parent { ${inner} } }`;
  return `query Nested { organizations(first: 1) { nodes { ${inner} } } }`;
}

/** The same shape written out without fragments. */
function nestedFields(levels: number): string {
  let inner = 'acronym';
  for (let i = 0; i < levels - 3; i++) inner = `parent { ${inner} }`;
  return `query Nested { organizations(first: 1) { nodes { ${inner} } } }`;
}

describe('fragment spreads do not count as depth levels', () => {
  it('measures nested named fragments at their field depth: accepted at the limit, refused above it', () => {
    const atLimit = check(parse(nestedNamedFragments(LIMITS.maxDepth)));
    expect(atLimit.errors).toEqual([]);
    expect(atLimit.measured.depth).toBe(LIMITS.maxDepth);

    const above = check(parse(nestedNamedFragments(LIMITS.maxDepth + 1)));
    expect(codes(above.errors)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(above.errors[0]?.message).toBe(`The document is nested more than ${LIMITS.maxDepth} levels deep.`);
  });

  it('measures nested inline fragments the same way', () => {
    const atLimit = check(parse(nestedInlineFragments(LIMITS.maxDepth)));
    expect(atLimit.errors).toEqual([]);
    expect(atLimit.measured.depth).toBe(LIMITS.maxDepth);
    expect(codes(check(parse(nestedInlineFragments(LIMITS.maxDepth + 1))).errors)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('gives a document the same depth whether or not it is split into fragments', () => {
    const plain = check(parse(nestedFields(LIMITS.maxDepth)));
    const named = check(parse(nestedNamedFragments(LIMITS.maxDepth)));
    expect(plain.measured.depth).toBe(LIMITS.maxDepth);
    expect(named.measured.depth).toBe(plain.measured.depth);
    // Without flattening, armor counts every spread as levels of its own and refuses the same document.
    const unflattened = check(parse(nestedNamedFragments(LIMITS.maxDepth)), { flattenFragments: false });
    expect(unflattened.errors.map((e) => e.message)).toContain(
      `The document is nested more than ${LIMITS.maxDepth} levels deep.`,
    );
  });

  it('does not multiply the cost per fragment level either', () => {
    const levels = LIMITS.maxDepth;
    const plain = check(parse(nestedFields(levels))).measured.cost ?? 0;
    const named = check(parse(nestedNamedFragments(levels))).measured.cost ?? 0;
    expect(plain).toBeGreaterThan(0);
    // Armor still counts a flattened spread and its fragment as one scalar and one object: a bounded
    // overhead (at most 2.5 times, when every level is its own fragment), never a factor per level.
    expect(named).toBeGreaterThanOrEqual(plain);
    expect(named).toBeLessThanOrEqual(2.5 * plain);
    // Unflattened, each spread multiplied everything under it by the depth factor again: refused.
    const unflattened = check(parse(nestedNamedFragments(levels)), { flattenFragments: false });
    expect(unflattened.errors.map((e) => e.message)).toContain(
      `The document would cost more than ${LIMITS.maxCost} to run.`,
    );
  });

  it('still stops on fragment cycles, which graphql-js refuses', () => {
    const cycles = [
      'query Q { organizations(first: 1) { nodes { ...A } } } fragment A on Organization { parent { ...B } } fragment B on Organization { parent { ...A } }',
      'query Q { organizations(first: 1) { nodes { ...A } } } fragment A on Organization { acronym ...A }',
      'query Q { organizations(first: 1) { nodes { ...A ...B } } } fragment A on Organization { ...B } fragment B on Organization { ... on Organization { ...A } }',
    ];
    for (const flattenFragments of [true, false]) {
      for (const source of cycles) {
        const started = performance.now();
        const { errors } = check(parse(source), { flattenFragments });
        expect(performance.now() - started).toBeLessThan(1000);
        expect(errors.some((e) => e.message.startsWith('Cannot spread fragment'))).toBe(true);
      }
    }
  });
});

describe('over HTTP', () => {
  let db: TestDatabase;
  let http: TestHttp;
  let cookie: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    http = await createTestHttp(db);
    const account = await createTestAccount(db, { role: 'SECRETARIAT' });
    cookie = await http.login(account.email, account.password);
  });
  afterAll(async () => {
    await http?.close();
    await db?.drop();
  });

  it('runs a document of nested fragments at the depth limit and refuses one level more with a 400', async () => {
    const ok = await http.gql(nestedNamedFragments(LIMITS.maxDepth), undefined, { cookie });
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data?.organizations).toEqual({ nodes: expect.any(Array) });

    const refused = await http.gql(nestedNamedFragments(LIMITS.maxDepth + 1), undefined, { cookie });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
  });
});

/** Every operation of the web client with the fragments it uses, as Apollo sends it (`@unmask` removed). */
function clientOperations(): { name: string; file: string; document: DocumentNode }[] {
  const clientSrc = path.join(repoRoot, 'packages/client/src');
  const files = globSync('**/*.graphql', { cwd: clientSrc }).sort();
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: { file: string; operation: OperationDefinitionNode }[] = [];
  for (const file of files) {
    const document = visit(parse(readFileSync(path.join(clientSrc, file), 'utf8')), {
      Directive: (node) => (node.name.value === 'unmask' ? null : undefined),
    });
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      if (definition.kind === Kind.OPERATION_DEFINITION) operations.push({ file, operation: definition });
    }
  }
  return operations.map(({ file, operation }) => {
    const used = new Map<string, DefinitionNode>();
    const collect = (node: DefinitionNode) =>
      visit(node, {
        FragmentSpread: (spread) => {
          const fragment = fragments.get(spread.name.value);
          if (!fragment || used.has(spread.name.value)) return;
          used.set(spread.name.value, fragment);
          collect(fragment);
        },
      });
    collect(operation);
    return {
      name: operation.name?.value ?? '(anonymous)',
      file,
      document: { kind: Kind.DOCUMENT, definitions: [operation, ...used.values()] },
    };
  });
}

describe("the web client's documents", () => {
  it('are all within the limits, measured as the server measures them', () => {
    const rows: string[] = [];
    const operations = clientOperations();
    expect(operations.length).toBeGreaterThan(50);
    for (const { name, file, document } of operations) {
      const now = check(document);
      const before = check(document, { flattenFragments: false });
      expect({ name, errors: now.errors.map((e) => e.message) }).toEqual({ name, errors: [] });
      rows.push(
        [
          file.padEnd(42),
          name.padEnd(34),
          String(now.measured.depth).padStart(3),
          String(now.measured.cost).padStart(9),
          String(before.measured.depth ?? `>${LIMITS.maxDepth}`).padStart(6),
          String(before.measured.cost ?? `>${LIMITS.maxCost}`).padStart(9),
        ].join(' '),
      );
    }
    // PRINT_QUERY_COSTS=1 prints the table (file, operation, depth, cost; then both without flattening).
    if (process.env.PRINT_QUERY_COSTS)
      console.info(`depth/cost (limits ${LIMITS.maxDepth}/${LIMITS.maxCost})\n${rows.join('\n')}`);
  });
});
