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
    env: { NODE_ENV: 'test' },
  },
});
