import { createRequire } from 'node:module';
import { defineProject } from 'vitest/config';

// Vite would give our files graphql's ES build while type-graphql and Apollo (loaded by Node) use its
// CommonJS build: two copies of graphql's classes. Point every import of 'graphql' at the one Node uses.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

export default defineProject({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    name: 'server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker per core less one: a single file at a time on a 2-core machine. The
    // files wait on PostgreSQL and child processes much of the time and each has its own database, so three
    // run side by side.
    maxWorkers: 3,
    env: { NODE_ENV: 'test' },
  },
});
