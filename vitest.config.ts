import { defineConfig } from 'vitest/config';
import { isolatedServerProject } from './packages/server/vitest.config.js';

export default defineConfig({
  test: {
    // CI asks for a JSON report beside the usual output, to print its totals.
    reporters: process.env.PRACHUM_TEST_REPORT
      ? ['default', ['json', { outputFile: process.env.PRACHUM_TEST_REPORT }]]
      : ['default'],
    // Vitest's default is one worker per core less one: a single file at a time on a 2-core machine. Server
    // files wait on PostgreSQL and child processes much of the time and each has its own database, so three run
    // side by side (the journeys still run one after another: tests/vitest.config.ts).
    maxWorkers: 3,
    projects: ['packages/server', isolatedServerProject, 'packages/client', 'tests'],
  },
});
