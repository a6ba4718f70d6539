import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // Pure functions, no stack: one module graph for all files (no per-file isolation) keeps it to seconds.
      { test: { name: 'unit', include: ['packages/*/test/**/*.test.ts'], isolate: false } },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          // One stack, one table: files run one after another so counts and races are their own.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
