import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time (vitest's default on 2 cores is one), in processes that run file after file with their
    // modules loaded once (no per-file isolation: no test stubs modules or globals, and each cleans up what it starts).
    maxWorkers: 2,
    isolate: false,
    // compiles src/ to dist/ first (the CLI tests run bin/gauntlet.js, the compiled code) with the validated
    // geodata's snapshot, which code run from src/ finds through GAUNTLET_SNAPSHOT
    globalSetup: ['test/support/global-setup.ts'],
    env: { GAUNTLET_SNAPSHOT: fileURLToPath(new URL('./dist/geodata-snapshot.json', import.meta.url)) },
  },
});
