import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // CI asks for a JSON report beside the usual output, to print its totals.
    reporters: process.env.PRACHUM_TEST_REPORT
      ? ['default', ['json', { outputFile: process.env.PRACHUM_TEST_REPORT }]]
      : ['default'],
    projects: ['packages/server', 'packages/client', 'tests'],
  },
});
