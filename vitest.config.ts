import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, slowest first (measured with `npx vitest run --reporter=json`). Two workers take files
 * from one queue in this order, so the long ones start at once and the short ones fill in behind them; in the
 * order vitest picks by itself on a clean clone (no results cache: largest file first), a 10 s file could start
 * last and the run would wait for it alone. Every file not named runs after these, in vitest's order.
 */
const SLOWEST_FIRST = [
  // headless Chromium: ~21, 15 and 10 s on a quiet machine (2026-12-02)
  'test/viewer/viewer.test.ts',
  'test/viewer/map.test.ts',
  'test/viewer/ask.test.ts',
  'test/viewer/', // any other file there
  'test/cli/cli.test.ts',
  'test/tiles/archive.test.ts',
  'test/server/lifecycle.test.ts',
  'test/layers/validate.test.ts',
  'test/tiles/pmtiles-writer.test.ts',
  'test/pool/worker-pool.test.ts',
  'test/server/hostile.test.ts',
  'test/server/openapi-statuses.test.ts',
  'test/server/midnight.test.ts',
  'test/server/observability.test.ts',
  'test/qgis/qgis.test.ts',
  'test/render/http.test.ts',
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const path = relative(spec.project.config.root, spec.moduleId).replaceAll('\\', '/');
      const i = SLOWEST_FIRST.findIndex((p) => (p.endsWith('/') ? path.startsWith(p) : path === p));
      return i < 0 ? SLOWEST_FIRST.length : i;
    };
    // Array.prototype.sort is stable: files of one rank keep vitest's order
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

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
    sequence: { sequencer: SlowestFirst },
    // compiles src/ to dist/ first (the CLI tests run bin/gauntlet.js, the compiled code) with the validated
    // geodata's snapshot, which code run from src/ finds through GAUNTLET_SNAPSHOT
    globalSetup: ['test/support/global-setup.ts'],
    env: { GAUNTLET_SNAPSHOT: fileURLToPath(new URL('./dist/geodata-snapshot.json', import.meta.url)) },
  },
});
