import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // compiles src/ to dist/ first: the CLI tests run bin/gauntlet.js, which runs the compiled code
    globalSetup: ['scripts/compile.mjs'],
  },
});
