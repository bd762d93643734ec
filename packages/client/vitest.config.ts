import { defineProject } from 'vitest/config';

// `*.test.ts` run in node; a component test (`*.test.tsx`) starts with `// @vitest-environment jsdom` and renders
// through src/test/render.tsx.
export default defineProject({
  test: {
    name: 'client',
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    setupFiles: ['src/test/setup.ts'],
    // A component test's first render imports Mantine and the catalogues: seconds on a loaded 2-core machine.
    testTimeout: 20_000,
  },
});
