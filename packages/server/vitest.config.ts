import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineProject, type TestProjectInlineConfiguration } from 'vitest/config';

// Vite would give our files graphql's ES build while type-graphql and Apollo (loaded by Node) use its
// CommonJS build: two copies of graphql's classes. Point every import of 'graphql' at the one Node uses.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

/**
 * Files that need a module graph of their own: `vi.mock` replaces a module only for files that import it
 * afresh, so a mocking file cannot share the graph the other files have already loaded.
 */
// exports-errors mocks a module; hidden's documents nested thousands of levels deep measure the parser's
// stack, which a worker warmed by other files can exhaust first (GRAPHQL_VALIDATION_FAILED instead of
// QUERY_TOO_COMPLEX, seen twice in shared runs, never alone).
export const ISOLATED_FILES = ['src/modules/exports/exports-errors.test.ts', 'src/http/hidden.test.ts'];

const shared = {
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks' as const,
    env: { NODE_ENV: 'test' },
  },
};

// Every file has its own database (test/database.ts), so files can share a worker's modules: the server is
// imported once per worker instead of once per file (the larger part of a server file's time). A file that
// changes what other files see (process.env, fake timers, module mocks) puts it back, or is listed above.
export default defineProject({
  ...shared,
  test: { ...shared.test, name: 'server', isolate: false, exclude: [...ISOLATED_FILES, '**/node_modules/**'] },
});

/** The files above, each in a module graph of its own (root vitest.config.ts lists this project). */
export const isolatedServerProject: TestProjectInlineConfiguration = {
  ...shared,
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: { ...shared.test, name: 'server-isolated', include: ISOLATED_FILES, isolate: true },
};
